import Foundation
import ArgumentParser
import HeatIsland
import HeatIslandGDAL

/// `kranj-heat reproject`: decode to °C, warp, and write a Float32 GeoTIFF.
struct ReprojectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproject", abstract: "Decode an LST raster to °C and reproject it to a Float32 GeoTIFF (NaN = missing).")

    @OptionGroup var input: LSTInputOptions
    @OptionGroup var warp: WarpArguments

    @Option(help: "The GeoTIFF to write.")
    var output: String

    @Flag(help: "Write a Cloud-Optimized GeoTIFF.")
    var cog = false

    @OptionGroup var summary: SummaryOptions

    func validate() throws {
        try TextOutput.requireSeparate(outputs: [(output, "--output"), (summary.summary, "--summary")], inputs: input.files)
    }

    func run() throws {
        var record = try summary.start("reproject")
        // Checked before the scene is read and warped, not after.
        try TextOutput.requireWritable(output, allowingSpecialFiles: false)
        try GeoTIFFOutputName.require([(output, "--output")])
        let options = try warp.options()
        let (scene, _) = try SceneLoading.load(input.raster, options: input.loadOptions, quiet: input.quiet, into: &record)
        try OutputBatch().writing { (batch) throws(CLIError) in
            let written = try batch.stage(output)
            try Reprojection.write(scene, options: options, to: written, layout: cog ? .cloudOptimized : .tiled, quiet: input.quiet, into: &record)
            record.addOutput(output, role: Reprojection.role(options), writtenAt: written)
            try summary.write(record, batch: batch)
        }
        print("\(output): \(scene.raster.spatialReference) → \(options.target), \(options.resampling.rawValue) resampling")
    }
}

/// The warp-and-write step shared by `reproject` and `demo`.
enum Reprojection {
    /// Warping streams into the output file, so its time is reported as `write`, the stage it ends in.
    /// The caller records the file (under the name it will have, which for `analyze` is not `path`).
    static func write(
        _ scene: LSTScene, options: WarpOptions, to path: String, layout: GeoTIFFWriter.Layout, quiet: Bool, into record: inout RunSummary
    ) throws(CLIError) {
        let bar = ProgressBar("reprojecting \(URL(fileURLWithPath: scene.path).lastPathComponent)", quiet: quiet)
        try StageClock.measure(&record.timings.write) { () throws(CLIError) in
            do throws(HeatIslandError) {
                try scene.reproject(with: options, writingTo: path, layout: layout, progress: bar.handler)
            } catch { throw .input(error) }
        }
    }

    /// The reprojected file's role in the run summary.
    static func role(_ options: WarpOptions) -> String { "LST in °C, reprojected to \(options.target)" }
}

extension ReprojectCommand: WritesFiles {
    var outputs: [String?] { [output, summary.summary] }
}
