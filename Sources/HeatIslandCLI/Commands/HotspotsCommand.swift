import ArgumentParser
import Foundation
import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels

/// `kranj-heat hotspots`: Getis-Ord Gi* hot and cold spots, on cells or on districts.
struct HotspotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotspots",
        abstract: "Getis-Ord Gi* hot and cold spots: on raster cells (--radius, --output Z.tif) or on districts (--zones).")

    @OptionGroup var input: LSTInputOptions

    // `.unconditional`: `--radius -5px` is then refused as a radius, not as a missing value.
    @Option(parsing: .unconditional, help: "Cells: neighbourhood radius, in metres (150m) or cells (5px).", transform: HotspotRadius.parsing)
    var radius: HotspotRadius?

    @Option(help: "Cells: neighbourhood shape, circle or square.")
    var shape: FocalNeighbourhood.Shape = .circle

    @Flag(help: "Cells: add a p-value band to the GeoTIFF.")
    var p = false

    @Option(help: "Cells: also write the classes alone as a signed 8-bit GeoTIFF (−3…3, −128 where a cell has no z).")
    var classOutput: String?

    @Flag(help: "Cells: stream the raster from disk block row by block row, for rasters larger than memory.")
    var streaming = false

    @Option(help: "Districts: the zones file (GeoJSON, GeoPackage, Shapefile).")
    var zones: String?

    @OptionGroup var zoneReading: ZoneReadingOptions

    @Option(help: "Districts: neighbours by queen, rook, distance:METRES, knn:K or idw:METRES (inverse distance within the band; default queen).", transform: { text in
        guard let w = DistrictWeights(text) else { throw ValidationError("weights must be queen, rook, distance:1500, knn:6 or idw:2500, got '\(text)'") }
        return w
    })
    var weights: DistrictWeights?

    @Option(help: "Districts: the zonal statistic tested: count, sum, mean, min, max, variance, stddev, median, pNN (p90 …) or valid_fraction (default mean).")
    var statistic: ZonalStatistic?

    @Flag(help: "Control the false-discovery rate (Benjamini–Hochberg) when classing.")
    var fdr = false

    // `.unconditional`: `--permutations -1` is then refused as a count, not as a missing value.
    @Option(parsing: .unconditional, help: "Districts: conditional permutations for pseudo p-values (0 = none, at most 10000000).")
    var permutations = 0

    // `.unconditional`: `--seed -1` is then refused as a seed, not as a missing value.
    @Option(parsing: .unconditional, help: "Districts: seed of the permutations.")
    var seed: UInt64 = 20240715

    @Flag(help: "Districts: add Local Moran's I (moran_i, moran_z, moran_p, moran_label).")
    var moran = false

    @Option(help: "Districts: output format csv, json or geojson (default: from the --output extension, else csv).")
    var format: ZonalTable.Format?

    @Option(help: "The GeoTIFF (cells) or table (districts) to write; districts default to standard output.")
    var output: String?

    @OptionGroup var summary: SummaryOptions

    func validate() throws {
        if !(0...ConditionalPermutation.maximumPermutations).contains(permutations) {
            throw ValidationError("--permutations must be from 0 to \(ConditionalPermutation.maximumPermutations), got \(permutations)")
        }
        if zones == nil && radius == nil { throw ValidationError("give --radius for cell hotspots or --zones for district hotspots") }
        // An option of the other analysis would otherwise be ignored without a word.
        if zones != nil && radius != nil { throw ValidationError("give --radius (cell hotspots) or --zones (district hotspots), not both") }
        if zones != nil && (classOutput != nil || p || shape != .circle) {
            throw ValidationError("--class-output, --p and --shape are for cell hotspots (--radius); leave them out with --zones")
        }
        if zones == nil && (weights != nil || statistic != nil || moran || permutations > 0 || format != nil || zoneReading.isSet) {
            throw ValidationError("--weights, --statistic, --moran, --permutations, --format and the zone options (--layer, --id-field, --name-field, --encoding, --repair, --skip-bad-zones) are for district hotspots (--zones)")
        }
        if zones == nil && output == nil { throw ValidationError("cell hotspots need --output Z.tif") }
        if streaming && zones != nil { throw ValidationError("--streaming is for cell hotspots (--radius); leave it out with --zones") }
        if streaming && classOutput != nil { throw ValidationError("--class-output is for the in-memory path; the streamed GeoTIFF has the gi_class band") }
        // Written over, an input or the z map would be lost without a word.
        try TextOutput.requireSeparate(outputs: [(output, "--output"), (classOutput, "--class-output"), (summary.summary, "--summary")],
                                       inputs: input.files + [(zones, "the zones file")])
        if zones != nil { _ = try ZonalTable.Format.resolve(format, output: output) }
    }

    func run() throws {
        var record = try summary.start("hotspots")
        // Checked before the z map is written, so that a class map that cannot be written does not
        // leave a new z map beside an old class map.
        // The district table may go to a pipe or device; the GeoTIFF is renamed into place.
        if let output { try TextOutput.requireWritable(output, allowingSpecialFiles: zones != nil) }
        if let classOutput { try TextOutput.requireWritable(classOutput, allowingSpecialFiles: false) }
        if zones == nil { try GeoTIFFOutputName.require([(output, "--output"), (classOutput, "--class-output")]) }
        if streaming, let radius, let output {
            return try OutputBatch().writing { (batch) throws(CLIError) in
                try streamCells(radius: radius, output: output, writingTo: batch.stage(output), into: &record)
                try summary.write(record, batch: batch)
            }
        }
        let (scene, _) = try SceneLoading.load(input.raster, options: input.loadOptions, quiet: input.quiet, into: &record)
        if let zones {
            var options = DistrictHotspotOptions()
            (options.fdr, options.permutations, options.seed, options.moran) = (fdr, permutations, seed, moran)
            let table = try HotspotRun.districts(scene: scene, zonesPath: zones, zoneSet: zoneReading.zoneSetOptions, weights: weights ?? .queen(), statistic: statistic ?? .mean, options: options,
                                                 format: try ZonalTable.Format.resolve(format, output: output), quiet: input.quiet, into: &record)
            try OutputBatch().writing { (batch) throws(CLIError) in
                let written = try TextOutput.write(table, to: output, batch: batch)
                if let output { record.addOutput(output, role: "district hotspots", writtenAt: written) }
                try summary.write(record, batch: batch)
            }
        } else if let radius, let output {
            let map = try HotspotRun.cells(scene: scene, radius: radius, shape: shape, fdr: fdr, quiet: input.quiet, into: &record)
            try OutputBatch().writing { (batch) throws(CLIError) in
                let written = try batch.stage(output)
                try StageClock.measure(&record.timings.write) { () throws(CLIError) in
                    do throws(HeatIslandError) { try map.write(to: written, includeP: p) } catch { throw .input(error) }
                }
                record.addOutput(output, role: "cell hotspots (gi_z, gi_class\(p ? ", gi_p" : ""))", writtenAt: written)
                if let classOutput {
                    let classes = try batch.stage(classOutput)
                    try StageClock.measure(&record.timings.write) { () throws(CLIError) in
                        do throws(HeatIslandError) { try map.writeClasses(to: classes) } catch { throw .input(error) }
                    }
                    record.addOutput(classOutput, role: "cell hotspot classes (Int8)", writtenAt: classes)
                }
                try summary.write(record, batch: batch)
            }
            HotspotRun.warnUndefined(map.undefinedCells, raster: input.raster)
            // Counted, not filtered: a filter would copy a scene's classes twice.
            let (hot, cold) = map.classes.reduce(into: (0, 0)) { counts, c in
                if c > 0 { counts.0 += 1 } else if c < 0 { counts.1 += 1 }
            }
            print("\(output): Gi* over \(map.neighbourhood.cellCount)-cell \(shape.rawValue)s; \(hot) hot and \(cold) cold cells at ≥ 90 % confidence\(HotspotRun.significanceNote(fdr: fdr, criticalPValues: map.criticalPValues))")
        }
    }

    /// Reading, decoding, computing and writing are interleaved block by block, so all of it counts as `compute`.
    private func streamCells(radius: HotspotRadius, output: String, writingTo written: String, into record: inout RunSummary) throws(CLIError) {
        record.addInput(input.raster, role: "raster")
        let bar = ProgressBar("hotspots \(URL(fileURLWithPath: input.raster).lastPathComponent)", quiet: input.quiet)
        let result = try StageClock.measure(&record.timings.compute) { () throws(CLIError) in
            do throws(HeatIslandError) {
                return try CellHotspots.stream(path: input.raster, loadOptions: input.loadOptions, radius: radius, shape: shape,
                                               output: written, includeP: p, fdr: fdr, progress: bar.handler)
            } catch { throw .input(error) }
        }
        record.addOutput(output, role: "cell hotspots (gi_z, gi_class\(p ? ", gi_p" : ""))", writtenAt: written)
        record.addCompanions(quality: result.qualityPath, metadata: result.metadataPath)
        SceneLoading.warnAboutDroppedPixels(result.maskCounts, path: input.raster, range: input.loadOptions.plausibleCelsius)
        HotspotRun.warnUndefined(result.undefinedCells, raster: input.raster)
        print("\(output): Gi* over \(result.neighbourhood.cellCount)-cell \(shape.rawValue)s, streamed; \(result.hotCells) hot and \(result.coldCells) cold cells at ≥ 90 % confidence\(HotspotRun.significanceNote(fdr: fdr, criticalPValues: result.criticalPValues))")
    }
}

extension ZonalStatistic: ExpressibleByArgument {
    /// Accepts the CSV column names (`mean`, `p90` …).
    public init?(argument: String) { self.init(name: argument) }
}

extension FocalNeighbourhood.Shape: ExpressibleByArgument {}

/// Hotspot analyses shared by `hotspots` and `demo`.
enum HotspotRun {
    /// What a cell map's summary line says about significance: with the false-discovery rate, the
    /// critical p-values that replaced 0.10, 0.05 and 0.01, so that the map's classes can be read.
    static func significanceNote(fdr: Bool, criticalPValues: [Double]) -> String {
        guard fdr else { return "" }
        return " (FDR: critical p " + criticalPValues.map { String(format: "%.4g", $0) }.joined(separator: ", ") + " at 90, 95, 99 %)"
    }

    /// Cells without a z are neither hot nor cold; a map that leaves them blank must say why.
    static func warnUndefined(_ count: Int, raster: String) {
        guard count > 0 else { return }
        TextOutput.warn("\(raster): \(count) valid cells have no Gi* z: their neighbourhood holds every valid cell (0/0); a smaller radius gives them one")
    }

    /// Districts that were tested but have no z, and islands, whose class rests on their own value
    /// alone, are named so that a blank or a lone "hot spot" in the table is not taken at face value.
    static func warnUntested(_ results: [DistrictHotspot], weights: DistrictWeights, zones: String) {
        let names = { (list: [DistrictHotspot]) in TextOutput.list(list.map(\.name)) }
        let undefined = results.filter { $0.neighbourCount != nil && !$0.z.isFinite }
        if !undefined.isEmpty {
            TextOutput.warn("\(zones): \(undefined.count) districts have no Gi* z under \(weights): their neighbours are all the other districts (0/0): \(names(undefined))")
        }
        let islands = results.filter { $0.neighbourCount == 0 }
        if !islands.isEmpty {
            TextOutput.warn("\(zones): \(islands.count) districts have no neighbour under \(weights), so their Gi* tests their own value alone: \(names(islands))")
        }
    }

    static func cells(
        scene: LSTScene, radius: HotspotRadius, shape: FocalNeighbourhood.Shape, fdr: Bool, quiet: Bool, into record: inout RunSummary
    ) throws(CLIError) -> CellHotspots {
        let bar = ProgressBar("hotspots \(URL(fileURLWithPath: scene.path).lastPathComponent)", quiet: quiet)
        return try StageClock.measure(&record.timings.compute) { () throws(CLIError) in
            do throws(HeatIslandError) { return try CellHotspots.compute(raster: scene.raster, radius: radius, shape: shape, fdr: fdr, progress: bar.handler) }
            catch {
                // The map is computed from a grid in memory: say which file it came from.
                throw .about(scene.path, error)
            }
        }
    }

    static func districts(
        scene: LSTScene, zonesPath: String, zoneSet: ZoneSet.Options, weights: DistrictWeights, statistic: ZonalStatistic,
        options: DistrictHotspotOptions, format: ZonalTable.Format, quiet: Bool, into record: inout RunSummary
    ) throws(CLIError) -> String {
        let (zones, stats) = try ZonalRun.compute(scene: scene, zonesPath: zonesPath, zoneSet: zoneSet, options: statistic.options, into: &record)
        ZonalRun.warn(about: stats, zones: zones, raster: scene.path)
        // Only the permutations take long enough for a bar (9999 over 10 000 districts: half a minute).
        let bar = options.permutations > 0 ? ProgressBar("permutations \(URL(fileURLWithPath: zonesPath).lastPathComponent)", quiet: quiet) : nil
        let results = try StageClock.measure(&record.timings.compute) { () throws(CLIError) in
            do throws(HeatIslandError) {
                return try DistrictHotspots.compute(districts: zones, statistics: stats, statistic: statistic, weights: weights, options: options,
                                                    progress: bar?.handler)
            } catch {
                // The districts are in memory by now: say which file they came from.
                throw .about(zonesPath, error)
            }
        }
        warnUntested(results, weights: weights, zones: zonesPath)
        do throws(HeatIslandError) {
            return try HotspotTable.render(results, format: format, zones: zones)
        } catch { throw .input(error) }
    }
}

extension HotspotsCommand: WritesFiles {
    var outputs: [String?] { [output, classOutput, summary.summary] }
}
