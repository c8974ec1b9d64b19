import Foundation
import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandMaps

/// The end-to-end analysis of one scene over districts, shared by `analyze` and `demo`: decode,
/// reproject, district statistics, Gi* hot spots on cells and districts, UHI indicators. It prints
/// a few readable lines and writes its results into one directory.
struct AnalysisJob {
    var raster: String
    var loadOptions = LSTLoadOptions()
    var zones: String
    var target = "EPSG:3794"
    /// Cell size of the city grid in metres; `nil` for the scene's own cell on the ground.
    var resolution: Double?
    var radius: HotspotRadius = .metres(150)
    var quiet = false
    /// The UHI indicators' choices; with `referencePath`, its polygons (read for each scene, in
    /// the scene's CRS) replace the ring of `uhi.reference`.
    var uhi = UHIOptions()
    var referencePath: String?
    /// How the districts file is read (layer, fields, repair of invalid polygons).
    var zoneSet = ZoneSet.Options()
    /// Lines naming the data and their licences, for the report.
    var attribution: [String] = []
    /// The scene's name in tables over scenes (its file name without extension by default).
    var sceneName: String?

    /// The files a run writes into its output directory (besides `run.json`), so that the command
    /// can refuse inputs a run would replace.
    static let fileNames: Set<String> = ["lst_celsius.tif", "districts.csv", "hotspots.tif", "district_hotspots.csv",
                                         "uhi_indicators.csv", "uhi_city.csv", "districts.geojson", "map.png", "map.svg", "report.html"]

    /// Warns about results of an earlier run in the output directory that this run has not
    /// replaced (named in `earlier`, from ``StagedOutputs/earlierResults(named:)``).
    static func warnAboutEarlierResults(_ earlier: [String], in directory: String) {
        guard !earlier.isEmpty else { return }
        TextOutput.warn("\(earlier.count) file\(earlier.count == 1 ? " is" : "s are") left from an earlier run in \(directory), not written by this one "
                        + "(run.json lists this run's files): \(TextOutput.list(earlier)); remove them or choose a new output directory")
    }

    /// The district Gi*'s weights, which the report names.
    static let districtWeights = DistrictWeights.queen()

    /// The names of the files ``fileNames`` and the tables over several scenes: what an earlier
    /// run of `analyze` or `demo` may have left in an output directory.
    static let resultNames = fileNames.union(["districts_over_scenes.csv", "city_over_scenes.csv"])

    /// What a run hands back for summaries over several scenes.
    struct Result {
        var statistics: [ZoneStatistics]
        var uhi: UHIReport
    }

    /// Runs every step, writing into `files` (committed by the caller).
    func run(writingTo files: StagedOutputs, into record: inout RunSummary) throws(CLIError) -> Result {
        record.parameters = parameters
        let (scene, summary) = try SceneLoading.load(raster, options: loadOptions, quiet: quiet, into: &record)
        SceneLoading.describe(scene, summary).forEach { print($0) }
        // Checked before the slow steps, which they would otherwise end: a city grid in a CRS made
        // for another region, a radius in metres on a grid in degrees.
        let metres = try cellSize(of: scene)
        let grid = try cityGrid(metres: metres)
        record.parameters?["grid"] = Self.gridDescription(grid.target, metres: metres)
        do throws(GDALError) { try scene.requireWithinAreaOfUse(of: grid.target) } catch { throw .input(.gdal(error)) }
        let radius = try effectiveRadius(for: scene)
        do throws(HeatIslandError) {
            let r = scene.raster
            _ = try radius.neighbourhood(shape: .circle, transform: r.transform, spatialReference: r.spatialReference, width: r.width, height: r.height)
        } catch { throw .about(scene.path, error) }
        // Read first: a bad reference or districts file stops the run before the slow steps (and
        // before the reprojection says where its file will be).
        let reference = try referencePolygon(scene, into: &record)
        let (zoneSet, statistics) = try districtStatistics(scene, files, into: &record)
        try reproject(scene, grid: grid, metres: metres, files, into: &record)
        let map = try cellHotspots(scene, radius: radius, grid: grid, files, into: &record)
        let (hotspots, uhi) = try districtIndicators(scene, zoneSet, statistics, reference: reference, files, into: &record)
        let png = try drawMap(scene, zoneSet, map, radius: radius, files, into: &record)
        try writeReport(scene, statistics, hotspots, uhi, png, files, into: &record)
        return Result(statistics: statistics, uhi: uhi)
    }

    /// Every choice that shapes the results, for `run.json`. The quality mask applies where a QA
    /// band is read (the inputs list it): a MODIS scene has none.
    var parameters: [String: String] {
        let o = loadOptions
        let flags: [(QAPixelFlags, String)] = [(.fill, "fill"), (.dilatedCloud, "dilated cloud"), (.cirrus, "cirrus"), (.cloud, "cloud"),
                                               (.cloudShadow, "cloud shadow"), (.snow, "snow"), (.water, "water")]
        return [
            "product": o.product?.rawValue ?? "detected from the file",
            "qualityMask": o.useQuality
                ? flags.filter { o.qualityMask.contains($0.0) }.map(\.1).joined(separator: ", ") + " (where a QA_PIXEL band is read)" : "none (QA band ignored)",
            "modisQuality": o.modisQuality == .allProduced ? "every produced pixel (QC not read)" : "\(o.modisQuality.rawValue) by QC_Day (where a MODIS grid is read)",
            "plausibleCelsius": "\(o.plausibleCelsius.lowerBound)…\(o.plausibleCelsius.upperBound)",
            "grid": Self.gridDescription(target, metres: resolution),
            "computedOn": "the scene's own grid: statistics, hot spots and indicators are never computed on resampled temperatures",
            "zonalStatistics": "exact coverage; count, sum, mean, min, max, stddev, median, p90",
            "cellHotspots": "Getis-Ord Gi*, circle of \(radius) (1px when below one cell), Benjamini–Hochberg FDR",
            "districtHotspots": "Getis-Ord Gi* on district means, queen contiguity, Benjamini–Hochberg FDR",
            "uhiReference": uhiOptions(polygon: nil).referenceDescription,
            "hotArea": "two shares: above city mean + \(uhi.hotSigma) σ, and above \(uhi.hotCelsius) °C",
        ]
    }

    /// The UHI options with the reference file's polygons, when there is one.
    private func uhiOptions(polygon: MultiPolygon?) -> UHIOptions {
        var options = uhi
        if let path = referencePath {
            options.reference = .polygon(polygon ?? MultiPolygon([]))
            options.referenceName = URL(fileURLWithPath: path).lastPathComponent
        }
        return options
    }

    /// The reference file's polygons in the scene's CRS, all as one multipolygon. Its text is read
    /// in the districts' `--encoding`, if one was given.
    private func referencePolygon(_ scene: LSTScene, into record: inout RunSummary) throws(CLIError) -> MultiPolygon? {
        guard let path = referencePath else { return nil }
        record.addInput(path, role: "rural reference")
        var options = ZoneSet.Options()
        options.encoding = zoneSet.encoding
        do {
            return try ZoneSet.load(path: path, options: options, reprojectTo: scene.raster.spatialReference).polygons
        } catch { throw .input(error) }
    }

    /// The city grid for `run.json`; `nil` metres before the scene is read.
    private static func gridDescription(_ target: CustomStringConvertible, metres: Double?) -> String {
        let cells = metres.map { "\(SceneLoading.format($0)) m cells" } ?? "cells of the scene's size on the ground"
        return "\(target), \(cells), target-aligned; temperatures bilinear, hot-spot maps nearest (the written maps only)"
    }

    /// The city grid's cell size in metres: the one asked for, else the scene's own cell on the
    /// ground in whole metres (30 for Landsat, 927 for MODIS). A fixed 30 m blew a MODIS tile up
    /// to 39 433 × 37 264 cells (19.5 GB of memory) and made up detail the scene does not have.
    private func cellSize(of scene: LSTScene) throws(CLIError) -> Double {
        if let resolution { return resolution }
        let cell: (width: Double, height: Double)
        do throws(HeatIslandError) { cell = try scene.raster.groundCellSize() } catch { throw .about(scene.path, error) }
        return max(1, min(cell.width, cell.height).rounded())
    }

    /// The city's grid: target CRS, cells of `metres`, aligned pixels. Temperatures are warped
    /// bilinearly, hot-spot maps by nearest neighbour, onto the same cells.
    private func cityGrid(metres: Double) throws(CLIError) -> WarpOptions {
        let crs: SpatialReference
        crs = try SpatialReference.commandLine(target, option: "--to")
        var warp = WarpOptions(target: crs)
        warp.resampling = .bilinear
        // The cell size is in metres; a CRS in US survey feet takes 30 m as 98.4 of its units.
        let metresPerUnit = crs.linearUnit.metres > 0 && crs.linearUnit.metres.isFinite ? crs.linearUnit.metres : 1
        warp.resolution = (metres / metresPerUnit, metres / metresPerUnit)
        warp.targetAlignedPixels = true
        return warp
    }

    private func reproject(_ scene: LSTScene, grid warp: WarpOptions, metres: Double, _ files: StagedOutputs, into record: inout RunSummary) throws(CLIError) {
        try Reprojection.write(scene, options: warp, to: files.writing("lst_celsius.tif"), layout: .cloudOptimized, quiet: quiet, into: &record)
        files.record("lst_celsius.tif", role: Reprojection.role(warp), in: &record)
        print("Reprojected to \(warp.target) at \(SceneLoading.format(metres)) m (bilinear, COG): \(files.final("lst_celsius.tif"))")
    }

    private func districtStatistics(_ scene: LSTScene, _ files: StagedOutputs, into record: inout RunSummary) throws(CLIError) -> (ZoneSet, [ZoneStatistics]) {
        var options = ZonalOptions()
        options.percentiles = [90]
        let (zoneSet, statistics) = try ZonalRun.compute(
            scene: scene, zonesPath: zones, zoneSet: zoneSet, options: options, into: &record)
        ZonalRun.warn(about: statistics, zones: zoneSet, raster: raster)
        let ranks = DistrictReport.rankByMean(statistics), order = DistrictReport.hottestFirst(statistics)
        let ranked = order.filter { ranks[$0] != nil }.map { statistics[$0] }
        let path = files.final("districts.csv")
        // Districts with too little data to rank, or none (clouded, off the scene), close the table
        // rather than vanish from it.
        try TextOutput.write(ZonalTable.csv(order.map { statistics[$0] }, percentiles: options.percentiles), to: files.writing("districts.csv"))
        files.record("districts.csv", role: "district statistics, hottest first", in: &record)
        let unranked = statistics.indices.filter { ranks[$0] == nil && statistics[$0].mean != nil }
        if !unranked.isEmpty {
            TextOutput.warn("\(unranked.count) district\(unranked.count == 1 ? " has" : "s have") a temperature on less than \(Int(DistrictReport.minimumRankedFraction * 100)) % "
                + "of \(unranked.count == 1 ? "its" : "their") area and \(unranked.count == 1 ? "is" : "are") not ranked: \(TextOutput.list(unranked.map { statistics[$0].name }))")
        }
        let label = { (s: ZoneStatistics) in "\(s.name) \(SceneLoading.format(s.mean ?? .nan)) °C" }
        let coolest = ranked.count > 3 ? " … coolest \(ranked.last.map(label) ?? "-")" : ""
        if ranked.isEmpty {
            print("Districts: none has a temperature on enough of its area to be ranked: \(path)")
        } else {
            print("Districts, hottest first: \(ranked.prefix(3).map(label).joined(separator: ", "))\(coolest): \(path)")
        }
        return (zoneSet, statistics)
    }

    private func cellHotspots(_ scene: LSTScene, radius: HotspotRadius, grid: WarpOptions, _ files: StagedOutputs, into record: inout RunSummary) throws(CLIError) -> CellHotspots {
        let path = files.final("hotspots.tif")
        let map = try HotspotRun.cells(scene: scene, radius: radius, shape: .circle, fdr: true, quiet: quiet, into: &record)
        HotspotRun.warnUndefined(map.undefinedCells, raster: raster)
        try StageClock.measure(&record.timings.write) { () throws(CLIError) in
            // Computed on the scene's own grid (no resampled temperatures), delivered on the city's.
            do throws(HeatIslandError) {
                try map.write(to: files.writing("hotspots.tif"), reprojectedWith: grid, layout: .cloudOptimized)
            } catch { throw .input(error) }
        }
        files.record("hotspots.tif", role: "cell Gi* (\(radius) circle, FDR) on the city grid: gi_z, gi_class", in: &record)
        print("Hot spots (Gi*, \(radius), FDR): \(map.classes.filter { $0 >= 2 }.count) hot-spot cells of the scene's grid at ≥ 95 % confidence (map resampled to the city grid): \(path)")
        return map
    }

    /// A radius in metres below one cell (the 150 m default on a 1 km MODIS grid) widens to one
    /// cell, with a warning, rather than ending a run over several scenes.
    private func effectiveRadius(for scene: LSTScene) throws(CLIError) -> HotspotRadius {
        let grid = scene.raster
        guard case .metres(let metres) = radius, !grid.spatialReference.isGeographic else { return radius }
        let cell: (width: Double, height: Double)
        do throws(HeatIslandError) { cell = try grid.groundCellSize() } catch { throw .input(error) }
        // Cells of no size are refused, with a message, where the radius is turned into cells.
        guard let circle = FocalNeighbourhood(shape: .circle, radius: metres, pixelWidth: cell.width, pixelHeight: cell.height),
              circle.cellCount <= 1 else { return radius }
        TextOutput.warn("\(scene.path): the hot-spot radius \(radius) is smaller than one \(String(format: "%.0f", abs(grid.transform.pixelWidth))) m cell; using 1px (the cell and its four neighbours)")
        return .cells(1)
    }

    private func drawMap(
        _ scene: LSTScene, _ zoneSet: ZoneSet, _ map: CellHotspots, radius: HotspotRadius, _ files: StagedOutputs, into record: inout RunSummary
    ) throws(CLIError) -> Data? {
        let date = scene.acquisitionDate.map { ", \($0)" } ?? ""
        // A whole Landsat scene is 185 km across: the map shows the districts and their surroundings.
        let heatMap = HeatMap(
            raster: scene.raster, zones: zoneSet.zones, hotspots: map.classes,
            title: "Land-surface temperature\(date)",
            subtitle: "\(scene.product.displayName); hot/cold spots: Gi* \(radius), FDR").croppedToZones()
        try StageClock.measure(&record.timings.write) { () throws(CLIError) in
            do throws(HeatIslandError) {
                try heatMap.write(to: files.writing("map.png"))
                try heatMap.writeSVG(to: files.writing("map.svg"))
            } catch { throw .input(error) }
        }
        files.record("map.png", role: "map: LST, districts, hot/cold spots, legend", in: &record)
        files.record("map.svg", role: "the same map as SVG", in: &record)
        return FileManager.default.contents(atPath: files.writing("map.png"))
    }

    /// District Gi* and the UHI indicators. Gi* is undefined with fewer than three districts with
    /// values (or queen neighbours joining every district to every other): its table is then left
    /// blank with a warning, and the indicators, which are still defined, are computed all the same.
    private func districtIndicators(
        _ scene: LSTScene, _ zoneSet: ZoneSet, _ statistics: [ZoneStatistics], reference: MultiPolygon?, _ files: StagedOutputs,
        into record: inout RunSummary
    ) throws(CLIError) -> ([DistrictHotspot], UHIReport) {
        let hotspots: [DistrictHotspot]
        let uhi: UHIReport
        let hotspotText: String, geojson: String
        let values = statistics.map { $0.mean ?? .nan }
        do throws(HeatIslandError) {
            do {
                hotspots = try DistrictHotspots.compute(districts: zoneSet, statistics: statistics, weights: Self.districtWeights, options: .init(fdr: true))
            } catch .invalidArgument(let reason) {
                TextOutput.warn("\(zones): district Gi* left blank: \(reason)")
                hotspots = zip(zoneSet.zones, values).map { DistrictHotspot(untested: $0, value: $1) }
            }
            uhi = try UHIReport.compute(scene: scene, zones: zoneSet, statistics: statistics, options: uhiOptions(polygon: reference))
            hotspotText = try HotspotTable.render(hotspots, format: .csv, zones: zoneSet)
            geojson = try DistrictReport.geojson(zones: zoneSet, statistics: statistics, hotspots: hotspots, uhi: uhi)
        } catch { throw .input(error) }
        let tables = [("district_hotspots.csv", hotspotText, "district Gi* (queen, FDR)"),
                     ("uhi_indicators.csv", UHITable.csv(uhi), "UHI indicators per district"),
                     ("uhi_city.csv", UHITable.cityCSV([(sceneName ?? SceneFolder.uniqueNames([raster])[0], uhi)]), "UHI figures of the city and its rural reference"),
                     ("districts.geojson", geojson, "districts with statistics, Gi*, UHI indicators and rank")]
        for (name, text, role) in tables {
            try TextOutput.write(text, to: files.writing(name))
            files.record(name, role: role, in: &record)
        }
        warnAboutTheReference(uhi)
        let hot = hotspots.filter { $0.confidenceClass > 0 }.map(\.name)
        print("District hot spots (Gi*, queen, FDR): \(hot.isEmpty ? "none significant" : hot.joined(separator: ", "))")
        print("Surface UHI intensity: city \(SceneLoading.format(abs(uhi.cityIntensity))) K \(uhi.cityIntensity < 0 ? "cooler" : "warmer") than the rural reference (\(uhi.referenceDescription): \(SceneLoading.format(uhi.referenceMeanCelsius)) °C over \(uhi.referenceCells) cells): \(files.final("uhi_indicators.csv")), \(files.final("districts.geojson"))")
        return (hotspots, uhi)
    }

    /// A reference mostly off the raster or under clouds still gives a mean, from cells that may
    /// all hug one side of the city: said, so that its intensities are read with that in mind.
    private func warnAboutTheReference(_ uhi: UHIReport) {
        let coverage = uhi.referenceCoverage
        // Rounded down: 89.6 % on the raster is not "90 %" in a warning about being under 90 %.
        let percent = { (share: Double) in "\(GridIndex.clamped(share * 100, .down, to: 0...100)) %" }
        if let share = coverage.shareOnRaster, share < 0.9 {
            TextOutput.warn("\(raster): only \(percent(share)) of the rural reference (\(uhi.referenceDescription)) lies on the raster; the intensities compare with that part")
        } else if coverage.shareOnRaster == nil {
            // Unmeasured only for a ring whose grid would exceed four times the raster's: it reaches
            // that far beyond the raster, so most of it lies off it.
            TextOutput.warn("\(raster): the rural reference (\(uhi.referenceDescription)) reaches far beyond the raster; the intensities compare with the part on it only")
        }
        if coverage.cellsOnRaster > 0, Double(coverage.maskedCells) > 0.5 * Double(coverage.cellsOnRaster) {
            TextOutput.warn("\(raster): \(percent(Double(coverage.maskedCells) / Double(coverage.cellsOnRaster))) of the rural reference's \(coverage.cellsOnRaster) cells on the raster have no value (clouds, fill); its mean rests on the \(coverage.usedCells) cells used")
        }
    }

    private func writeReport(
        _ scene: LSTScene, _ statistics: [ZoneStatistics], _ hotspots: [DistrictHotspot], _ uhi: UHIReport, _ png: Data?,
        _ files: StagedOutputs, into record: inout RunSummary
    ) throws(CLIError) {
        let report = HTMLReport(
            title: "Urban heat island report", scene: scene, statistics: statistics, hotspots: hotspots,
            weights: Self.districtWeights, falseDiscoveryRate: true, uhi: uhi, mapPNG: png,
            attribution: attribution.isEmpty
                ? [scene.product.credit.map { "\($0) (\(raster))" } ?? "Temperatures: \(raster)", "Districts: \(zones)"] : attribution)
        let path = files.final("report.html")
        let html: String
        do throws(HeatIslandError) { html = try report.html } catch { throw .input(error) }
        try TextOutput.write(html, to: files.writing("report.html"))
        files.record("report.html", role: "self-contained HTML report", in: &record)
        print("Map and report: \(files.final("map.png")) (and .svg), \(path)")
    }
}
