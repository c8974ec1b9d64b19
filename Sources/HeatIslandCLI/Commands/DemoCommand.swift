import ArgumentParser
import HeatIsland

/// `kranj-heat demo`: the end-to-end job on the bundled Kranj fixture, what `make demo` runs.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Analyse the bundled Kranj fixture end to end and write the results to a directory.")

    @Option(help: "Directory holding the Kranj fixture (default: Fixtures/kranj here, else in the source tree the binary was built from).")
    var fixtures: String?

    @Option(help: "Directory to write results into (created if missing).")
    var output = "out"

    static let landsatName = "LC09_L2SP_190028_20240715_20240716_02_T1_ST_B10.TIF"
    static let modisName = "MOD11A1.A2024197.h19v04.061_LST_Day_1km.tif"
    /// What the report says about the bundled data.
    static let attribution = [
        "Temperatures: a synthetic Landsat-style scene made by Fixtures/generate.py (not a real observation).",
        "District boundaries: approximate (power-Voronoi from GURS label points), not the official RPE layer.",
        "Municipality outline, district ids, names and areas: Geodetska uprava Republike Slovenije, Register prostorskih enot (CC BY 4.0).",
    ]

    func validate() throws {
        try BundledFixture.requireApart(output, from: fixtures, "--output")
    }

    func run() throws {
        var record = RunSummary(command: "demo")
        record.checksumInputs = true
        let fixtures = try BundledFixture.directory(self.fixtures)
        print("Kranj urban heat island demo (synthetic scene, approximate district boundaries): results in \(output)/")
        var job = AnalysisJob(raster: fixtures + "/" + Self.landsatName, zones: fixtures + "/districts.gpkg")
        job.attribution = Self.attribution
        // The results, the MODIS check and run.json appear together or not at all: committed before
        // the MODIS scene was read, a failure there left new results beside the last run's run.json.
        var earlier: [String] = []
        try StagedOutputs.removingIfLeftEmpty(output) {
            let files = try StagedOutputs(directory: output)
            do throws(CLIError) {
                _ = try job.run(writingTo: files, into: &record)
                let (modis, stats) = try SceneLoading.load(fixtures + "/" + Self.modisName, options: LSTLoadOptions(), into: &record)
                SceneLoading.describe(modis, stats).forEach { print($0) }
                try record.write(to: files.writing("run.json"))
                earlier = files.earlierResults(named: AnalysisJob.resultNames)
                try files.commit()
            } catch {
                files.discard()
                throw files.naming(error, committed: false)
            }
        }
        print("Run summary: \(output)/run.json")
        AnalysisJob.warnAboutEarlierResults(earlier, in: output)
    }
}

extension DemoCommand: WritesFiles {
    var outputs: [String?] { [output] }
}
