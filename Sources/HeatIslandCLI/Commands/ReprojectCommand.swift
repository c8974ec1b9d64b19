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

    func run() throws {
        var record = RunSummary(command: "reproject")
        let options = try warp.options()
        let (scene, _) = try SceneLoading.load(input.raster, options: input.loadOptions, into: &record)
        let warped = try StageClock.measure(&record.timings.compute) { () throws(CLIError) in
            do throws(HeatIslandError) { return try scene.reprojected(with: options) } catch { throw .input(error) }
        }
        try StageClock.measure(&record.timings.write) { () throws(CLIError) in
            do throws(GDALError) {
                try GeoTIFFWriter(layout: cog ? .cloudOptimized : .tiled).write(warped, to: output)
            } catch { throw .input(.gdal(error)) }
        }
        record.addOutput(output, role: "reprojected LST (°C)")
        print("\(output): \(warped.width) × \(warped.height) pixels in \(warped.spatialReference), \(options.resampling.rawValue) resampling")
        try summary.write(record)
    }
}
