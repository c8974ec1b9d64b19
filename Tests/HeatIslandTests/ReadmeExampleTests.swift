import Foundation
import HeatIsland
import HeatIslandTestSupport
import Testing

/// The ten-line analysis of README.md and GettingStarted.md, as printed there but for the paths,
/// on the Kranj fixture: it must compile against the public API and give the reference figures.
struct ReadmeExampleTests {
    @Test func theTenLineAnalysisRunsAndAgreesWithTheReferences() throws {
        let dir = try TemporaryDirectory()
        let scene = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        let districts = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference)
        let stats = try ZonalStatisticsRunner.compute(scene: scene, zones: districts)
        let gi = try DistrictHotspots.compute(districts: districts, statistics: stats, weights: .queen(), options: .init(fdr: true))
        let cells = try CellHotspots.compute(raster: scene.raster, radius: .metres(150), fdr: true)
        try cells.write(to: dir.file("hotspots.tif"))
        let uhi = try UHIReport.compute(scene: scene, zones: districts, statistics: stats)
        // exactextract's means (zonal_reference.json) and esda's FDR classes (hotspot_reference.json).
        let zonal = try #require(try Fixtures.referenceJSON("zonal_reference.json")["exact"] as? [[String: Any]])
        for (ours, theirs) in zip(stats, zonal) {
            #expect(abs((ours.mean ?? .nan) - (theirs["mean"] as? Double ?? .nan)) < 1e-4, "\(ours.name)")
        }
        let classes = try #require((try Fixtures.referenceJSON("hotspot_reference.json")["queen"] as? [String: Any])?["fdrClass"] as? [Int])
        #expect(gi.map { Int($0.confidenceClass) } == classes)
        #expect(uhi.districts.count == 26 && zip(uhi.districts, stats).allSatisfy { $0.name == $1.name })
        #expect(dir.entries() == ["hotspots.tif"])
    }
}
