import Foundation
import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels

/// The machine-readable record of one command run, written by `--summary F`; benchmark scripts
/// read `timings` and `peakRSSBytes` from it.
struct RunSummary: Encodable {
    /// Seconds per stage; stages a command does not have stay 0.
    struct Timings: Encodable {
        var read = 0.0
        var decode = 0.0
        var compute = 0.0
        var write = 0.0
    }

    /// A file read or written, with its size.
    struct FileEntry: Encodable {
        var path: String
        var bytes: Int
        var role: String
        /// SHA-256 of inputs, for runs that must be reproducible (`analyze`, `demo`).
        var sha256: BackgroundDigest?
    }

    /// Whether inputs are checksummed (it reads them once more, so benchmarks leave it off).
    var checksumInputs = false

    /// What was learnt about one LST raster.
    struct SceneEntry: Encodable {
        var path: String
        var product: LSTProduct
        var width: Int
        var height: Int
        var crs: String
        var calibrationSource: String
        var acquisitionDate: String?
        /// Valid and masked pixels by cause, plus `masked` and `total`.
        var counts: [String: Int]
        var celsius: TemperatureRange?
    }

    /// Minimum, mean and maximum in °C of the valid pixels.
    struct TemperatureRange: Encodable {
        var min: Double
        var mean: Double
        var max: Double

        init?(_ s: ValueSummary) {
            guard let lo = s.minimum, let hi = s.maximum, let mean = s.mean else { return nil }
            (min, self.mean, max) = (Double(lo), mean, Double(hi))
        }
    }

    var command: String
    /// The libraries that produced the numbers.
    var versions = ["gdal": LibraryVersions.gdal, "proj": LibraryVersions.proj]
    var inputs: [FileEntry] = []
    var outputs: [FileEntry] = []
    var scenes: [SceneEntry] = []
    var timings = Timings()
    /// Number of zones summarised, for commands that have zones.
    var zones: Int?
    /// The choices that shaped the results (`analyze`, `demo`), in words.
    var parameters: [String: String]?
    var peakRSSBytes = 0

    init(command: String) {
        self.command = command
    }

    /// Records an input once, however many scenes read it.
    mutating func addInput(_ path: String, role: String) {
        guard !inputs.contains(where: { $0.path == path && $0.role == role }) else { return }
        inputs.append(FileEntry(path: path, bytes: Self.size(of: path), role: role,
                                sha256: checksumInputs ? BackgroundDigest(file: path) : nil))
    }

    /// Records the files a decoding read besides the raster: its quality band and Landsat MTL.
    mutating func addCompanions(quality: String?, metadata: String?) {
        if let quality { addInput(quality, role: "quality") }
        if let metadata { addInput(metadata, role: "metadata (MTL)") }
    }

    /// Records an output under its final path; its size is read from `writtenAt` when it is still
    /// elsewhere (a staged file, moved into place at the end of the run).
    mutating func addOutput(_ path: String, role: String, writtenAt: String? = nil) {
        outputs.append(FileEntry(path: path, bytes: Self.size(of: writtenAt ?? path), role: role, sha256: nil))
    }

    mutating func add(_ scene: LSTScene, summary: ValueSummary) {
        timings.read += scene.timings.read
        timings.decode += scene.timings.decode
        scenes.append(SceneEntry(
            path: scene.path, product: scene.product, width: scene.raster.width, height: scene.raster.height,
            crs: scene.raster.spatialReference.description, calibrationSource: scene.calibration.source.description,
            acquisitionDate: scene.acquisitionDate, counts: Self.counts(scene.maskCounts), celsius: TemperatureRange(summary)))
    }

    private static func counts(_ c: MaskCounts) -> [String: Int] {
        var result = ["valid": c.valid, "masked": c.masked, "total": c.total]
        for cause in MaskCause.allCases { result[cause.rawValue] = c[cause] }
        return result
    }

    private static func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// Writes the summary as JSON through a temporary file, so a reader never sees half of it.
    func write(to path: String, batch: OutputBatch? = nil) throws(CLIError) {
        var copy = self
        copy.peakRSSBytes = PeakMemory.bytes
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(copy) } catch { throw .unwritableOutput(path: path, reason: error.localizedDescription) }
        let text = String(decoding: data, as: UTF8.self)
        if let batch { try TextOutput.write(text, to: path, batch: batch) } else { try TextOutput.write(text, to: path) }
    }
}
