import ArgumentParser
import Foundation
import HeatIsland
import HeatIslandGDAL

/// `kranj-heat demo`: the end-to-end job on the bundled Kranj fixture, what `make demo` runs.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Analyse the bundled Kranj fixture end to end and write the results to a directory.")

    @Option(help: "Directory holding the Kranj fixture.")
    var fixtures = "Fixtures/kranj"

    @Option(help: "Directory to write results into (created if missing).")
    var output = "out"

    @Option(help: "Target CRS of the reprojected grid.")
    var to = "EPSG:3794"

    static let landsatName = "LC09_L2SP_190028_20240715_20240716_02_T1_ST_B10.TIF"
    static let modisName = "MOD11A1.A2024197.h19v04.061_LST_Day_1km.tif"

    func run() throws {
        var record = RunSummary(command: "demo")
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw CLIError.unwritableOutput(path: output, reason: "cannot create the directory")
        }
        print("Kranj urban heat island demo: fixture \(fixtures), results in \(output)/")

        let landsatPath = fixtures + "/" + Self.landsatName
        let (landsat, landsatStats) = try SceneLoading.load(landsatPath, options: LSTLoadOptions(), into: &record)
        SceneLoading.describe(landsat, landsatStats).forEach { print($0) }

        let target: SpatialReference
        do { target = try SpatialReference(definition: to) } catch { throw CLIError.input(.gdal(error)) }
        var warp = WarpOptions(target: target)
        warp.resampling = .bilinear
        warp.resolution = (30, 30)
        warp.targetAlignedPixels = true
        let warpedPath = output + "/kranj_lst_celsius_d96tm.tif"
        try Reprojection.write(landsat, options: warp, to: warpedPath, layout: .cloudOptimized, into: &record)
        print("Reprojected to \(target) at 30 m (bilinear): \(warpedPath)")

        var zonal = ZonalOptions()
        zonal.percentiles = [90]
        let (zones, districts) = try ZonalRun.compute(
            scene: landsat, zonesPath: fixtures + "/districts.gpkg", zoneSet: ZoneSet.Options(), options: zonal, into: &record)
        ZonalRun.warn(about: districts, zones: zones, raster: landsatPath)
        let ranked = districts.filter { $0.mean != nil }.sorted { ($0.mean ?? 0) > ($1.mean ?? 0) }
        let tablePath = output + "/districts.csv"
        try TextOutput.write(ZonalTable.csv(ranked, percentiles: zonal.percentiles), to: tablePath)
        record.addOutput(tablePath, role: "district statistics, hottest first")
        let top = ranked.prefix(3).map { "\($0.name) \(SceneLoading.format($0.mean ?? .nan)) °C" }.joined(separator: ", ")
        print("Districts (approximate boundaries), hottest first: \(top) … coolest \(ranked.last.map { "\($0.name) \(SceneLoading.format($0.mean ?? .nan)) °C" } ?? "-"): \(tablePath)")

        let hotspotsPath = output + "/hotspots_gi.tif"
        let map = try HotspotRun.cells(scene: landsat, radius: .metres(150), shape: .circle, fdr: true, into: &record)
        try StageClock.measure(&record.timings.write) { () throws(CLIError) in
            do throws(HeatIslandError) { try map.write(to: hotspotsPath, layout: .cloudOptimized) } catch { throw .input(error) }
        }
        record.addOutput(hotspotsPath, role: "cell Gi* (150 m circle, FDR): gi_z, gi_class")
        let hotCells = map.classes.filter { $0 >= 2 }.count
        print("Hot spots (Gi*, 150 m, FDR): \(hotCells) cells at ≥ 95 % confidence: \(hotspotsPath)")

        let districtHotspots: [DistrictHotspot]
        let uhi: UHIReport
        do throws(HeatIslandError) {
            districtHotspots = try DistrictHotspots.compute(zones: zones.zones, values: districts.map { $0.mean ?? .nan }, weights: .queen(), fdr: true)
            uhi = try UHIReport.compute(raster: landsat.raster, zones: zones.zones, statistics: districts)
        } catch { throw CLIError.input(error) }
        let hotspotTable = output + "/district_hotspots.csv"
        let hotspotText: String
        do throws(HeatIslandError) {
            hotspotText = try HotspotTable.render(districtHotspots, format: .csv, zones: zones)
        } catch { throw CLIError.input(error) }
        try TextOutput.write(hotspotText, to: hotspotTable)
        let uhiTable = output + "/uhi_indicators.csv"
        try TextOutput.write(UHITable.csv(uhi), to: uhiTable)
        record.addOutput(hotspotTable, role: "district Gi* (queen, FDR)")
        record.addOutput(uhiTable, role: "UHI indicators per district")
        let hotDistricts = districtHotspots.filter { $0.confidenceClass > 0 }.map(\.name)
        print("District hot spots (Gi*, queen, FDR): \(hotDistricts.isEmpty ? "none significant" : hotDistricts.joined(separator: ", ")): \(hotspotTable)")
        print("Surface UHI intensity: city \(SceneLoading.format(uhi.cityIntensity)) K above a 2 km rural ring (\(SceneLoading.format(uhi.referenceMeanCelsius)) °C): \(uhiTable)")

        let (modis, modisStats) = try SceneLoading.load(fixtures + "/" + Self.modisName, options: LSTLoadOptions(), into: &record)
        SceneLoading.describe(modis, modisStats).forEach { print($0) }

        let summaryPath = output + "/summary.json"
        try record.write(to: summaryPath)
        print("Run summary: \(summaryPath)")
    }
}
