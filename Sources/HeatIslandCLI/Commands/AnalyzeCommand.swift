import Foundation
import ArgumentParser
import HeatIsland
import HeatIslandGDAL

/// `kranj-heat analyze`: the demo's analysis on the caller's scene and districts.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Decode a scene, summarise districts, find hot spots and compute UHI indicators, all into one directory.")

    @Option(name: .customLong("raster"), help: ArgumentHelp(
        "An LST raster, or a folder of them; repeat for several scenes (default: the bundled Kranj fixture).", valueName: "raster"))
    var rasters: [String] = []

    @OptionGroup var input: LSTDecodingOptions

    @Option(help: "The districts (GeoJSON, GeoPackage, Shapefile; default: the bundled Kranj districts, with the bundled scene).")
    var zones: String?

    @OptionGroup var zoneReading: ZoneReadingOptions

    @Option(help: "Directory holding the bundled Kranj fixture, used when no --raster is given.")
    var fixtures: String?

    @Option(name: [.customLong("out"), .customLong("output")], help: "Directory to write results into (created if missing).")
    var out = "out"

    @Option(help: "CRS of the reprojected temperature grid: EPSG:code, WKT or PROJ string.")
    var to = "EPSG:3794"

    // `.unconditional`: `--resolution -30` is then refused as a size, not as a missing value.
    @Option(parsing: .unconditional, help: "Pixel size of the reprojected grid in metres, 30 or 30m (converted for a CRS in feet; default: the scene's own cell size on the ground, 30 m for Landsat).", transform: Metres.parse)
    var resolution: Double?

    // `.unconditional`: `--radius -5px` is then refused as a radius, not as a missing value.
    @Option(parsing: .unconditional, help: "Neighbourhood radius of the cell hot spots, in metres (150m, the default) or cells (5px).", transform: HotspotRadius.parsing)
    var radius: HotspotRadius = .metres(150)

    @OptionGroup var uhi: UHIArguments

    @OptionGroup var summary: SummaryOptions

    func validate() throws {
        if let resolution, !(resolution > 0 && resolution.isFinite) { throw ValidationError("--resolution must be positive") }
        // A CRS PROJ does not know is reported when the run reads it, with GDAL's reason.
        if let crs = try? SpatialReference(definition: to), crs.isGeographic {
            throw ValidationError("--to \(to) is a geographic CRS (latitude and longitude), where a city grid of metre cells has no constant cell size; choose a projected CRS (EPSG:3794 for Slovenia, the UTM zone elsewhere)")
        }
        if !rasters.isEmpty && zones == nil { throw ValidationError("give --zones for your own --raster (the bundled districts cover Kranj only)") }
        // Folders by their scenes, so that each scene's QA band and MTL file are protected too.
        // Thrown from here, a CLIError would be an internal failure to ArgumentParser (status 1).
        var scenes: [String] = []
        for path in rasters {
            do throws(CLIError) { scenes += try SceneFolder.scenes(at: path) } catch { throw ValidationError(error.description) }
        }
        let inputs = scenes.flatMap { [($0, "an input raster")] + input.companionFiles(of: $0) } + [(zones, "the zones file"), (uhi.path, "the reference file")]
        try TextOutput.requireSeparate(outputs: [(summary.summary, "--summary")], inputs: inputs)
        try requireOutsideTheResults(inputs)
        if rasters.isEmpty || zones == nil { try BundledFixture.requireApart(out, from: fixtures, "--out") }
        if input.qa != nil && rasters.count > 1 { throw ValidationError("--qa names the quality band of one scene; with several, leave it out (each is found beside its scene)") }
    }

    /// An input named like a result in `--out` (or in a scene's subdirectory of it) would be
    /// replaced when the run moves its results into place: `--zones out/districts.geojson` fed back
    /// from the last run, say.
    private func requireOutsideTheResults(_ inputs: [(path: String?, name: String)]) throws {
        let resolve = { (path: String) in URL(fileURLWithPath: path).resolvingSymlinksInPath() }
        let results = resolve(out).path
        for case let (path?, name) in inputs {
            let url = resolve(path)
            let folder = url.deletingLastPathComponent()
            let inResults = folder.path == results || folder.deletingLastPathComponent().path == results
            if inResults && (AnalysisJob.fileNames.contains(url.lastPathComponent) || folder.path == results && AnalysisJob.resultNames.union(["run.json"]).contains(url.lastPathComponent)) {
                throw ValidationError("\(name) \(path) is where analyze writes its \(url.lastPathComponent) (--out \(out)); move it or choose another --out")
            }
        }
    }

    func run() throws {
        try StagedOutputs.removingIfLeftEmpty(out) {
            // Created first, so that `--summary` may name a file in it.
            do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
                throw CLIError.unwritableOutput(path: out, reason: "cannot create the directory")
            }
            try analyse()
        }
    }

    private func analyse() throws {
        var record = try summary.start("analyze")
        record.checksumInputs = true
        let bundled = rasters.isEmpty
        let fixtures = bundled || zones == nil ? try BundledFixture.directory(self.fixtures) : ""
        let scenes = try bundled ? [fixtures + "/" + DemoCommand.landsatName] : rasters.flatMap { (path) throws(CLIError) in try SceneFolder.scenes(at: path) }
        let zones = self.zones ?? fixtures + "/districts.gpkg"
        if bundled { print("No --raster given: analysing the bundled Kranj fixture in \(fixtures)/ (synthetic scene)") }
        let names = SceneFolder.uniqueNames(scenes)
        // The whole run is staged: a scene that fails leaves no other scene's new results behind,
        // nor tables over scenes that would lack it.
        let files = try StagedOutputs(directory: out)
        var committed = false
        var earlier: [String] = []
        do throws(CLIError) {
            var perScene: [(name: String, statistics: [ZoneStatistics])] = []
            var cities: [(scene: String, report: UHIReport)] = []
            for (scene, name) in zip(scenes, names) {
                var job = AnalysisJob(raster: scene, zones: zones)
                (job.loadOptions, job.target, job.resolution, job.radius, job.quiet) = (input.loadOptions, to, resolution, radius, input.quiet)
                (job.uhi, job.referencePath, job.zoneSet) = (uhi.options, uhi.path, zoneReading.zoneSetOptions)
                if bundled { job.attribution = DemoCommand.attribution }
                job.sceneName = name
                if scenes.count > 1 { print("Scene \(perScene.count + 1) of \(scenes.count): \(name)") }
                // One scene writes into the output directory itself; several each get a subdirectory.
                let result = try job.run(writingTo: scenes.count == 1 ? files : files.subdirectory(name), into: &record)
                perScene.append((name, result.statistics))
                cities.append((name, result.uhi))
            }
            if scenes.count > 1 {
                let series: String
                do throws(HeatIslandError) { series = try SceneSeriesTable.csv(perScene) } catch { throw .input(error) }
                let tables = [("districts_over_scenes.csv", series, "per-district mean over scenes"),
                              ("city_over_scenes.csv", UHITable.cityCSV(cities), "UHI figures of the city per scene")]
                for (name, text, role) in tables {
                    try TextOutput.write(text, to: files.writing(name))
                    files.record(name, role: role, in: &record)
                }
                print("Over \(scenes.count) scenes: \(files.final("districts_over_scenes.csv")), \(files.final("city_over_scenes.csv"))")
            }
            try record.write(to: files.writing("run.json"))
            earlier = files.earlierResults(named: AnalysisJob.resultNames)
            // `--summary` may be anywhere, so it waits under its own temporary name: written before
            // the results are moved into place, a failure to write it leaves the previous results.
            try OutputBatch().writing { (batch) throws(CLIError) in
                try summary.write(record, batch: batch)
                try files.commit()
                committed = true
            }
        } catch {
            files.discard()
            throw files.naming(error, committed: committed)
        }
        print("Run summary: \(out)/run.json")
        AnalysisJob.warnAboutEarlierResults(earlier, in: out)
    }
}

extension AnalyzeCommand: WritesFiles {
    var outputs: [String?] { [out, summary.summary] }
}
