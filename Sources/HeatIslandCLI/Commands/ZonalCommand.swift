import ArgumentParser
import HeatIsland
import HeatIslandKernels

/// `kranj-heat zonal`: temperature statistics per district.
struct ZonalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zonal", abstract: "Temperature statistics per zone (district): count, mean, extremes, spread, median, percentiles.")

    @OptionGroup var input: LSTInputOptions
    @OptionGroup var zoneOptions: ZoneOptions

    @Option(help: "Output format: csv, json or geojson (default: from the --output extension, else csv).")
    var format: ZonalTable.Format?

    @Option(help: "The file to write (standard output when omitted).")
    var output: String?

    @Flag(help: "Load and decode the whole raster first instead of streaming only the blocks the zones reach.")
    var inMemory = false

    @OptionGroup var summary: SummaryOptions

    func validate() throws {
        // Written over, an input would be lost without a word.
        try TextOutput.requireSeparate(outputs: [(output, "--output"), (summary.summary, "--summary")],
                                       inputs: input.files + [(zoneOptions.zones, "the zones file")])
        _ = try ZonalTable.Format.resolve(format, output: output)
    }

    func run() throws {
        var record = try summary.start("zonal")
        // Checked before the statistics are computed, not after.
        if let output { try TextOutput.requireWritable(output, allowingSpecialFiles: true) }
        let format = try ZonalTable.Format.resolve(self.format, output: output)
        let (zones, rows) = inMemory ? try loaded(into: &record) : try streamed(into: &record)
        let text = try StageClock.measure(&record.timings.write) { () throws(CLIError) -> String in
            let percentiles = zoneOptions.percentiles
            switch format {
            case .csv: return ZonalTable.csv(rows, percentiles: percentiles)
            case .json: return ZonalTable.json(rows, percentiles: percentiles)
            case .geojson:
                do throws(HeatIslandError) {
                    return try ZonalTable.geojson(rows, zones: zones.zones, crs: zones.spatialReference, percentiles: percentiles)
                } catch .invalidZones(let zone, let detail) {
                    // The table names the zone; the command knows its file.
                    throw .input(.invalidZones(path: zones.path, detail: "\(zone) \(detail)"))
                } catch { throw .input(error) }
            }
        }
        ZonalRun.warn(about: rows, zones: zones, raster: input.raster, rule: zoneOptions.rule)
        try OutputBatch().writing { (batch) throws(CLIError) in
            let written = try TextOutput.write(text, to: output, batch: batch)
            if let output { record.addOutput(output, role: "zonal statistics (\(format.rawValue))", writtenAt: written) }
            try summary.write(record, batch: batch)
        }
    }
}

extension ZonalCommand {
    private func loaded(into record: inout RunSummary) throws(CLIError) -> (ZoneSet, [ZoneStatistics]) {
        let (scene, _) = try SceneLoading.load(input.raster, options: input.loadOptions, quiet: input.quiet, into: &record)
        return try ZonalRun.compute(
            scene: scene, zonesPath: zoneOptions.zones, zoneSet: zoneOptions.zoneSetOptions,
            options: zoneOptions.zonalOptions, into: &record)
    }

    /// Reading, decoding and reducing are interleaved block by block, so all of it counts as `compute`.
    private func streamed(into record: inout RunSummary) throws(CLIError) -> (ZoneSet, [ZoneStatistics]) {
        record.addInput(input.raster, role: "raster")
        record.addInput(zoneOptions.zones, role: "zones")
        let result = try StageClock.measure(&record.timings.compute) { () throws(CLIError) in
            do throws(HeatIslandError) {
                return try ZonalStatisticsRunner.stream(
                    path: input.raster, loadOptions: input.loadOptions, zonesPath: zoneOptions.zones,
                    zoneOptions: zoneOptions.zoneSetOptions, options: zoneOptions.zonalOptions)
            } catch .gdal(.transformFailed(let message)) {
                // The zones' own transformation names their file; this one is the raster grid's.
                throw .about(input.raster, .gdal(.transformFailed(message: message)))
            } catch { throw .input(error) }
        }
        record.addCompanions(quality: result.qualityPath, metadata: result.metadataPath)
        SceneLoading.warnAboutDroppedPixels(result.maskCounts, path: input.raster, range: input.loadOptions.plausibleCelsius)
        record.zones = result.statistics.count
        return (result.zones, result.statistics)
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
        } catch { throw .input(error) }
        do throws(HeatIslandError) {
            rows = try StageClock.measure(&record.timings.compute) { () throws(HeatIslandError) in
                try ZonalStatisticsRunner.compute(scene: scene, zones: zones, options: options)
            }
        } catch { throw .about(scene.path, error) }
        record.zones = rows.count
        return (zones, rows)
    }

    /// Problems that do not stop the run but must not pass silently.
    static func warn(about rows: [ZoneStatistics], zones: ZoneSet, raster: String, rule: CoverageRule = .exact) {
        for reason in zones.skipped { TextOutput.warn("skipped: \(reason)") }
        for id in zones.duplicateIDs { TextOutput.warn("\(zones.path): zone id '\(id)' is used more than once") }
        // Under the centre rule a zone inside the raster but smaller than a cell can hold no centre.
        warn(rows.filter(\.missesRaster), rule == .center
             ? "holding no cell centre of \(raster) (outside it, or too small for the centre rule)" : "not overlapping \(raster)")
        warn(rows.filter { !$0.missesRaster && $0.mean == nil }, "without a valid cell of \(raster) (all masked or nodata)")
        for zone in zones.zones where zone.wasRepaired { TextOutput.warn("zone \(zone.id) (\(zone.name)) had an invalid geometry and was repaired") }
    }

    /// One line for all the zones in the same situation, naming the first ten: a grid of 10 000
    /// squares over a clouded scene would otherwise print a thousand lines.
    private static func warn(_ rows: [ZoneStatistics], _ situation: String) {
        guard !rows.isEmpty else { return }
        let named = TextOutput.list(rows.map { $0.id == $0.name ? $0.id : "\($0.id) (\($0.name))" })
        TextOutput.warn("\(rows.count) zone\(rows.count == 1 ? "" : "s") \(situation): \(named)")
    }
}

extension ZonalCommand: WritesFiles {
    var outputs: [String?] { [output, summary.summary] }
}
