import Foundation
import HeatIsland
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Eight analyses at once from Swift concurrency give exactly what they give one by one: every
/// task opens its own GDAL handles, and nothing is shared but values.
struct ConcurrencyTests {
    /// One analysis: load a scene and summarise the Kranj districts over it.
    static func analyse(_ path: String) throws -> [Double?] {
        let scene = try LSTLoader.load(path: path)
        let zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference)
        let stats = try ZonalStatisticsRunner.compute(raster: scene.raster, zones: zones.zones)
        return stats.map(\.mean) + [Double(scene.maskCounts.valid)]
    }

    @Test func eightConcurrentAnalysesMatchSequentialOnes() async throws {
        let scenes = [Fixtures.kranjLandsat("ST_B10.TIF"), Fixtures.kranjMODIS, Fixtures.landsatSample("ST_B10.TIF"), Fixtures.modisSample]
        let paths = scenes + scenes
        let sequential = try paths.map(Self.analyse)
        let concurrent = try await withThrowingTaskGroup(of: (Int, [Double?]).self) { group in
            for (i, path) in paths.enumerated() {
                group.addTask { (i, try Self.analyse(path)) }
            }
            var results = [[Double?]](repeating: [], count: paths.count)
            for try await (i, r) in group { results[i] = r }
            return results
        }
        #expect(concurrent == sequential)
        #expect(sequential[0].compactMap { $0 }.count > 20)
    }
}

/// The async forms give what the synchronous ones give.
struct AsyncAPITests {
    @Test func asyncLoadZonalAndHotspotsMatchTheSynchronousForms() async throws {
        let path = Fixtures.kranjLandsat("ST_B10.TIF")
        let scene = try await LSTLoader.load(path: path)
        #expect(scene.maskCounts.valid == 423026)  // lst_reference.json
        let zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference).zones
        let stats = try await ZonalStatisticsRunner.compute(raster: scene.raster, zones: zones)
        let syncStats: [ZoneStatistics] = try { try ZonalStatisticsRunner.compute(raster: scene.raster, zones: zones) }()
        #expect(stats == syncStats)
        let map = try await CellHotspots.compute(raster: scene.raster, radius: .cells(3))
        #expect(map.classes.count == scene.raster.values.count)
    }
}
