import Foundation
import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// A 20000 × 20000 Float32 raster (1.6 GB, written at test time and removed) through streaming
/// zonal statistics and streaming cell hotspots (with the false-discovery rate, whose z-scores are
/// read back from the output, the longest streamed path): the command-line runs must stay under
/// 512 MiB peak RSS, and the streamed answers must equal the in-memory path on a cropped part.
///
/// Opt-in because it writes 1.6 GB and takes minutes: `make test-big` sets `HEATISLAND_BIG_RASTER=1`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["HEATISLAND_BIG_RASTER"] == "1", "make test-big runs it"))
struct BigRasterTests {
    static let size = 20_000
    static let pixel = 10.0
    static let transform = GeoTransform(originX: 400_000, pixelWidth: pixel, rowRotation: 0, originY: 5_300_000, columnRotation: 0, pixelHeight: -pixel)
    static let memoryLimit = 512 << 20
    /// A cloud of missing cells that crosses block rows.
    static let hole = (columns: 3000..<6000, rows: 12_100..<12_500)
    /// The cropped part compared with the in-memory path.
    static let crop = PixelWindow(column: 4000, row: 4000, width: 2000, height: 2000)

    /// A smooth field with a short-range pattern, so that both zone means and Gi* vary.
    static func value(_ x: Int, _ y: Int) -> Float {
        if hole.columns.contains(x) && hole.rows.contains(y) { return .nan }
        return Float(25 + 6 * sin(Double(x) / 700) * cos(Double(y) / 900) + Double((x &* 7 &+ y &* 13) % 11) * 0.15)
    }

    static func writeRaster(to path: String) throws {
        let crs = try SpatialReference(epsg: 32633)
        let writer = try GeoTIFFBlockWriter(path: path, width: size, height: size, transform: transform, spatialReference: crs,
                                            descriptions: ["lst"], unit: "Celsius", compression: .none)
        var strip = [Float](repeating: 0, count: size * 256)
        for top in stride(from: 0, to: size, by: 256) {
            let rows = min(256, size - top)
            strip.withUnsafeMutableBufferPointer { out in
                let shared = UnsafeMutableSendable(out)
                DispatchQueue.concurrentPerform(iterations: rows) { r in
                    for x in 0..<size { shared.buffer[r * size + x] = value(x, top + r) }
                }
            }
            try strip.withUnsafeBufferPointer { values in
                try writer.write(UnsafeBufferPointer(rebasing: values[0..<(rows * size)]), band: 1,
                                 window: PixelWindow(column: 0, row: top, width: size, height: rows))
            }
        }
        try writer.finish()
    }

    /// 400 squares of 150 × 150 cells, a third of a cell off the grid so that coverage is fractional.
    static func writeZones(to path: String) throws {
        var features: [String] = []
        for j in 0..<20 {
            for i in 0..<20 {
                let (c0, r0) = (Double(i * 1000) + 400.37, Double(j * 1000) + 400.37)
                let (x0, x1) = (400_000 + c0 * pixel, 400_000 + (c0 + 150) * pixel)
                let (y0, y1) = (5_300_000 - (r0 + 150) * pixel, 5_300_000 - r0 * pixel)
                features.append("""
                {"type":"Feature","properties":{"id":"z_\(i)_\(j)"},"geometry":{"type":"Polygon","coordinates":[[[\(x0),\(y0)],[\(x1),\(y0)],[\(x1),\(y1)],[\(x0),\(y1)],[\(x0),\(y0)]]]}}
                """)
            }
        }
        let text = #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32633"}},"features":["# + features.joined(separator: ",") + "]}"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The CLI's peak RSS and wall time from its `--summary` file.
    static func measure(_ arguments: [String], summary: String) throws -> (rss: Int, seconds: Double) {
        let start = Date()
        let run = try CLIRunner.run(arguments + ["--quiet", "--summary", summary])
        let seconds = Date().timeIntervalSince(start)
        #expect(run.status == 0, "\(run.error)")
        let rss = try CLIRunner.json(at: summary)["peakRSSBytes"] as? Int ?? .max
        print("big raster: kranj-heat \(arguments[0]) took \(String(format: "%.1f", seconds)) s, peak RSS \(rss >> 20) MiB")
        return (rss, seconds)
    }

    @Test func streamingStaysSmallAndEqualsInMemoryOnACrop() throws {
        let directory = try TemporaryDirectory()
        let raster = directory.file("big.tif"), zones = directory.file("zones.geojson")
        try Self.writeRaster(to: raster)
        try Self.writeZones(to: zones)
        let celsius = LSTLoadOptions(product: .celsius)

        // The command line on the whole raster: memory bounded, whatever the raster's size.
        let zonal = try Self.measure(["zonal", "--raster", raster, "--product", "celsius", "--zones", zones,
                                      "--percentiles", "90", "--output", directory.file("zonal.csv")], summary: directory.file("zonal.json"))
        #expect(zonal.rss < Self.memoryLimit)
        let hotspots = try Self.measure(["hotspots", "--raster", raster, "--product", "celsius", "--radius", "50m", "--streaming", "--fdr",
                                         "--output", directory.file("hotspots.tif")], summary: directory.file("hotspots.json"))
        #expect(hotspots.rss < Self.memoryLimit)

        // The crop as a file of its own, and in memory.
        let big = try RasterDataset(path: raster)
        let cropValues = try big.band(1).read(window: Self.crop)
        let cropTransform = GeoTransform(
            originX: Self.transform.originX + Double(Self.crop.column) * Self.pixel, pixelWidth: Self.pixel, rowRotation: 0,
            originY: Self.transform.originY - Double(Self.crop.row) * Self.pixel, columnRotation: 0, pixelHeight: -Self.pixel)
        let cropRaster = try GeoRaster(width: Self.crop.width, height: Self.crop.height, transform: cropTransform,
                                       spatialReference: try big.spatialReference(), values: cropValues)

        // Zonal: the zones inside the crop get the same statistics streamed from the whole raster.
        let streamed = try ZonalStatisticsRunner.stream(path: raster, loadOptions: celsius, zonesPath: zones)
        let inside = streamed.zones.zones.filter { ["z_4_4", "z_4_5", "z_5_4", "z_5_5"].contains($0.id) }
        #expect(inside.count == 4)
        let inMemory = try ZonalStatisticsRunner.compute(raster: cropRaster, zones: inside)
        for expected in inMemory {
            let got = try #require(streamed.statistics.first { $0.id == expected.id })
            #expect(abs(got.count - expected.count) < 1e-6 && abs(got.sum - expected.sum) < 1e-6 * abs(expected.sum))
            #expect(abs((got.mean ?? 0) - (expected.mean ?? 1)) < 1e-9)
            #expect(got.minimum == expected.minimum && got.maximum == expected.maximum && got.median == expected.median)
            #expect(abs((got.standardDeviation ?? 0) - (expected.standardDeviation ?? 1)) < 1e-9)
        }

        // Gi*: the crop streamed from its own file equals the crop computed in memory.
        let cropFile = directory.file("crop.tif")
        try GeoTIFFWriter().write(cropRaster, to: cropFile)
        let memoryMap = try CellHotspots.compute(raster: cropRaster, radius: .metres(50))
        let summary = try CellHotspots.stream(path: cropFile, loadOptions: celsius, radius: .metres(50), output: directory.file("crop_hot.tif"))
        let cropZ: [Float] = try RasterDataset(path: directory.file("crop_hot.tif")).band(1).readRaw()
        // The crop does not meet the hole: every cell has a z-score on both sides.
        #expect(cropZ.count == memoryMap.z.values.count)
        #expect(cropZ.allSatisfy(\.isFinite) && memoryMap.z.values.allSatisfy(\.isFinite))
        let largest = zip(cropZ, memoryMap.z.values).reduce(Float(0)) { Swift.max($0, abs($1.0 - $1.1)) }
        #expect(largest < 1e-4, "largest z difference \(largest)")
        #expect(summary.classCounts.reduce(0, +) == memoryMap.classes.count)

        // And the whole raster's map at the seams between block rows, against a direct sum over the
        // 81-cell circle of radius 5 with n, X̄ and S over all valid cells.
        let n = Double(Self.size * Self.size - Self.hole.columns.count * Self.hole.rows.count)
        var sum = 0.0, squares = 0.0
        for y in 0..<Self.size {
            let row = try big.band(1).read(window: PixelWindow(column: 0, row: y, width: Self.size, height: 1))
            for v in row where v.isFinite { sum += Double(v); squares += Double(v) * Double(v) }
        }
        let mean = sum / n, s = (squares / n - mean * mean).squareRoot()
        let map = try RasterDataset(path: directory.file("hotspots.tif")).band(1)
        for (x, y) in [(7, 255), (19_993, 256), (4321, 12_099), (12_345, 511), (0, 19_999)] {
            var local = 0.0, w = 0.0
            for dy in -5...5 {
                for dx in -5...5 where dx * dx + dy * dy <= 25 {
                    let (cx, cy) = (x + dx, y + dy)
                    guard (0..<Self.size).contains(cx), (0..<Self.size).contains(cy) else { continue }
                    let v = Self.value(cx, cy)
                    if v.isFinite { local += Double(v); w += 1 }
                }
            }
            let expected = (local - mean * w) / (s * ((n * w - w * w) / (n - 1)).squareRoot())
            let got = try map.read(window: PixelWindow(column: x, row: y, width: 1, height: 1))[0]
            #expect(abs(Double(got) - expected) < 1e-3, "cell (\(x), \(y)): \(got) vs \(expected)")
        }
    }
}

/// Lets parallel row fills write disjoint rows of one buffer.
private struct UnsafeMutableSendable: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Float>
    init(_ buffer: UnsafeMutableBufferPointer<Float>) { self.buffer = buffer }
}
