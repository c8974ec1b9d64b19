import ArgumentParser
import HeatIsland

/// `kranj-heat zonal`: temperature statistics per district.
struct ZonalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zonal", abstract: "Temperature statistics per zone (district): count, mean, extremes, spread, median, percentiles.")

    @OptionGroup var input: LSTInputOptions
    @OptionGroup var zoneOptions: ZoneOptions

    @Option(help: "Output format: csv, json or geojson.")
    var format: ZonalTable.Format = .csv

    @Option(help: "The file to write (standard output when omitted).")
    var output: String?

    @OptionGroup var summary: SummaryOptions

    func run() throws {
        var record = RunSummary(command: "zonal")
        let (scene, _) = try SceneLoading.load(input.raster, options: input.loadOptions, into: &record)
        let (zones, rows) = try ZonalRun.compute(
            scene: scene, zonesPath: zoneOptions.zones, zoneSet: zoneOptions.zoneSetOptions,
            options: zoneOptions.zonalOptions, into: &record)
        let text = try StageClock.measure(&record.timings.write) { () throws(CLIError) -> String in
            let percentiles = zoneOptions.percentiles
            switch format {
            case .csv: return ZonalTable.csv(rows, percentiles: percentiles)
            case .json: return ZonalTable.json(rows, percentiles: percentiles)
            case .geojson:
                do throws(HeatIslandError) {
                    return try ZonalTable.geojson(rows, zones: zones.zones, crs: zones.spatialReference, percentiles: percentiles)
                } catch { throw .input(error) }
            }
        }
        try TextOutput.write(text, to: output)
        if let output { record.addOutput(output, role: "zonal statistics (\(format.rawValue))") }
        try summary.write(record)
    }
}

/// Reading zones and computing their statistics, shared by `zonal` and `demo`.
enum ZonalRun {
    static func compute(
        scene: LSTScene, zonesPath: String, zoneSet: ZoneSet.Options, options: ZonalOptions, into record: inout RunSummary
    ) throws(CLIError) -> (ZoneSet, [ZoneStatistics]) {
        record.addInput(zonesPath, role: "zones")
        let zones: ZoneSet
        let rows: [ZoneStatistics]
        do throws(HeatIslandError) {
            zones = try StageClock.measure(&record.timings.read) { () throws(HeatIslandError) in
                try ZoneSet.load(path: zonesPath, options: zoneSet, reprojectTo: scene.raster.spatialReference)
            }
            rows = try StageClock.measure(&record.timings.compute) { () throws(HeatIslandError) in
                try ZonalStatisticsRunner.compute(raster: scene.raster, zones: zones.zones, options: options)
            }
        } catch { throw .input(error) }
        for id in zones.duplicateIDs { TextOutput.warn("\(zonesPath): zone id '\(id)' is used more than once") }
        for row in rows where row.missesRaster { TextOutput.warn("zone \(row.id) (\(row.name)) does not overlap \(scene.path)") }
        for zone in zones.zones where zone.wasRepaired { TextOutput.warn("zone \(zone.id) (\(zone.name)) had an invalid geometry and was repaired") }
        record.zones = rows.count
        return (zones, rows)
    }
}
