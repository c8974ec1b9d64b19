import ArgumentParser
import HeatIsland

/// `kranj-heat analyze`: the demo's analysis on the caller's scene and districts.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Decode a scene, summarise districts, find hot spots and compute UHI indicators, all into one directory.")

    @OptionGroup var input: LSTInputOptions

    @Option(help: "The districts (GeoJSON, GeoPackage, Shapefile) with 'id' and 'name' fields.")
    var zones: String

    @Option(help: "Directory to write results into (created if missing).")
    var out = "out"

    @Option(help: "CRS of the reprojected temperature grid.")
    var to = "EPSG:3794"

    @Option(help: "Pixel size of the reprojected grid, in target units.")
    var resolution = 30.0

    @Option(help: "Neighbourhood radius of the cell hot spots (150m or 5px).", transform: { text in
        guard let r = HotspotRadius(text) else { throw ValidationError("radius must look like 150m or 5px, got '\(text)'") }
        return r
    })
    var radius: HotspotRadius = .metres(150)

    @OptionGroup var summary: SummaryOptions

    func validate() throws {
        guard resolution > 0, resolution.isFinite else { throw ValidationError("--resolution must be positive") }
    }

    func run() throws {
        var record = RunSummary(command: "analyze")
        record.checksumInputs = true
        var job = AnalysisJob(raster: input.raster, zones: zones, output: out)
        (job.loadOptions, job.target, job.resolution, job.radius, job.quiet) = (input.loadOptions, to, resolution, radius, input.quiet)
        try job.run(into: &record)
        try record.write(to: out + "/run.json")
        try summary.write(record)
        print("Run summary: \(out)/run.json")
    }
}
