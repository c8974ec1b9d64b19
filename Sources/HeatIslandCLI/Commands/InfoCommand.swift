import ArgumentParser
import HeatIsland

/// `kranj-heat info`: what a raster is and what decoding it gives.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Describe an LST raster: product, size, CRS, valid and masked pixels, °C range.")

    @OptionGroup var input: LSTInputOptions
    @OptionGroup var summary: SummaryOptions

    func validate() throws {
        try TextOutput.requireSeparate(outputs: [(summary.summary, "--summary")], inputs: input.files)
    }

    func run() throws {
        var record = try summary.start("info")
        let (scene, stats) = try SceneLoading.load(input.raster, options: input.loadOptions, quiet: input.quiet, into: &record)
        // The description is the command's result: a standard output that cannot take it (a full
        // disk, a closed pipe) fails the run, as it does for zonal's table.
        try TextOutput.write(SceneLoading.describe(scene, stats).map { $0 + "\n" }.joined(), to: nil)
        try summary.write(record)
    }
}

extension InfoCommand: WritesFiles {
    var outputs: [String?] { [summary.summary] }
}
