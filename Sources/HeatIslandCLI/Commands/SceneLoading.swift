import Foundation
import HeatIsland
import HeatIslandKernels

/// Loading a scene the same way in every command, and describing it in a few lines.
enum SceneLoading {
    static func load(_ path: String, options: LSTLoadOptions, quiet: Bool = false, into record: inout RunSummary) throws(CLIError) -> (LSTScene, ValueSummary) {
        record.addInput(path, role: "raster")
        let scene: LSTScene
        let bar = ProgressBar("decoding \(displayName(path))", quiet: quiet)
        do { scene = try LSTLoader.load(path: path, options: options, progress: bar.handler) } catch { throw .input(error) }
        record.addCompanions(quality: scene.qualityPath, metadata: scene.metadataPath)
        // The °C range describes the decoded scene, so its time is part of `decode`; `compute` is
        // left to the analysis a command runs on the scene.
        let summary = StageClock.measure(&record.timings.decode) {
            scene.raster.values.withUnsafeBufferPointer { ValueSummary($0) }
        }
        record.add(scene, summary: summary)
        warnAboutDroppedPixels(scene.maskCounts, path: path, range: options.plausibleCelsius)
        return (scene, summary)
    }

    /// Pixels outside the plausible range are dropped without a word up to the point where most
    /// are (then loading fails: a wrong unit or scale); in between, a share this large is said.
    /// The bundled scene drops 8 of 423 034 for its cold cloud edges.
    static func warnAboutDroppedPixels(_ counts: MaskCounts, path: String, range: ClosedRange<Float>) {
        let considered = counts.valid + counts.outOfRange
        guard considered > 0, counts.outOfRange * 100 > considered else { return }
        let share = Double(counts.outOfRange) / Double(considered) * 100
        TextOutput.warn("\(path): \(Int(share.rounded())) % of the unmasked pixels (\(counts.outOfRange) of \(considered)) lie outside \(format(Double(range.lowerBound)))…\(format(Double(range.upperBound))) °C and were dropped; check the product, unit or scale, or --min-celsius and --max-celsius")
    }

    /// A scene's file name for a line of text; a subdataset, `HDF4_EOS:EOS_GRID:"dir/f.hdf":grid:LST_Day_1km`,
    /// as `f.hdf (LST_Day_1km)` (its last path component began inside the quoted file name).
    static func displayName(_ path: String) -> String {
        let parts = path.split(separator: "\"", omittingEmptySubsequences: false)
        if parts.count == 3, let field = parts[2].split(separator: ":").last {
            return "\(URL(fileURLWithPath: String(parts[1])).lastPathComponent) (\(field))"
        }
        return URL(fileURLWithPath: path).lastPathComponent
    }

    static func describe(_ scene: LSTScene, _ summary: ValueSummary) -> [String] {
        let r = scene.raster
        let c = scene.maskCounts
        let name = displayName(scene.path)
        let share = c.total > 0 ? Double(c.valid) / Double(c.total) * 100 : 0
        let masked = MaskCause.allCases.filter { c[$0] > 0 }.map { "\(c[$0]) \($0.rawValue)" }
        var lines = [
            "\(name): \(scene.product.displayName)\(scene.acquisitionDate.map { ", acquired \($0)" } ?? "")",
            "  \(r.width) × \(r.height) pixels of \(pixelSides(r.transform)) \(r.spatialReference.linearUnit.metres == 1 ? "m" : r.spatialReference.linearUnit.name)\(r.transform.isNorthUp ? "" : " (rotated grid)") in \(r.spatialReference); calibration from \(scene.calibration.source)",
            "  valid \(c.valid) of \(c.total) (\(format(share)) %); masked: \(masked.isEmpty ? "none" : masked.joined(separator: ", "))",
        ]
        if let lo = summary.minimum, let hi = summary.maximum, let mean = summary.mean {
            lines.append("  °C: min \(format(Double(lo))), mean \(format(mean)), max \(format(Double(hi)))")
        }
        return lines
    }

    /// The lengths of a cell's sides: on a rotated grid each side has an east and a north part.
    static func pixelSides(_ t: GeoTransform) -> String {
        "\(size(hypot(t.pixelWidth, t.columnRotation))) × \(size(hypot(t.rowRotation, t.pixelHeight)))"
    }

    static func format(_ x: Double) -> String { String(format: "%.2f", x) }

    /// A pixel size: two decimals for metres, six significant digits for degrees (0.000269…).
    static func size(_ x: Double) -> String { x >= 1 ? format(x) : String(format: "%.6g", x) }
}
