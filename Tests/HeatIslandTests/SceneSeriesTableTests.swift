import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels
import Testing

/// District means over scenes, by hand: two 30 m cells, a district on each, in two scenes, the
/// second clouded over the right district.
struct SceneSeriesTableTests {
    func statistics(_ values: [Float]) throws -> [ZoneStatistics] {
        let grid = GeoTransform(originX: 0, pixelWidth: 30, rowRotation: 0, originY: 30, columnRotation: 0, pixelHeight: -30)
        let raster = try GeoRaster(width: 2, height: 1, transform: grid, spatialReference: SpatialReference(epsg: 3794), values: values)
        let zones = [("a", "left", 0.0), ("b", "right", 30.0)].map { id, name, x in
            Zone(id: id, name: name, geometry: MultiPolygon([Polygon(exterior: Ring([SIMD2(x, 0), SIMD2(x + 30, 0), SIMD2(x + 30, 30), SIMD2(x, 30), SIMD2(x, 0)]))]))
        }
        return try ZonalStatisticsRunner.compute(raster: raster, zones: zones)
    }

    /// The left district: 20 and 22 °C, 21 over both. The right one: 30 °C in the first scene, no
    /// value in the second, so 30 over the one scene that has it and an empty cell, not 15 or 0.
    @Test func aDistrictWithoutAValueInOneSceneIsAveragedOverTheOthers() throws {
        let csv = try SceneSeriesTable.csv([("july", try statistics([20, 30])), ("august", try statistics([22, .nan]))])
        #expect(csv == """
            id,name,scenes,mean_over_scenes,mean_july,mean_august
            a,left,2,21.0000,20.0000,22.0000
            b,right,1,30.0000,30.0000,

            """)
    }
}
