import HeatIsland
import HeatIslandTestSupport
import Testing

/// The product's own fill value is missing data even when the raster's nodata tag names another
/// value: otherwise a tile that is mostly fill (MODIS over the sea, the corners of a Landsat scene)
/// is taken for a raster in the wrong scale.
struct ProductFillValueTests {
    /// Seven MODIS fill pixels (`_FillValue` 0), one pixel at the re-tagged nodata 65535 and two
    /// land pixels: 15000 × 0.02 K = 300 K = 26.85 °C, 15500 → 310 K = 36.85 °C.
    @Test(arguments: ["0", nil])
    func aMODISFillBesideAnotherNodataTagIsFill(_ declaredFill: String?) throws {
        let dir = try TemporaryDirectory()
        var r = HandMadeRaster(width: 10, height: 1, values: .uint16([0, 0, 0, 15000, 0, 0, 65535, 0, 15500, 0]))
        r.nodata = "65535"
        if let declaredFill { r.metadata["_FillValue"] = declaredFill }
        let scene = try LSTLoader.load(path: r.write(named: "MOD11A1.A2024200.h19v04.LST_Day_1km.vrt", in: dir))
        #expect(scene.product == .modis)
        #expect(scene.maskCounts.fill == 8 && scene.maskCounts.valid == 2 && scene.maskCounts.outOfRange == 0)
        #expect(abs(scene.raster.values[3] - 26.85) < 1e-4 && abs(scene.raster.values[8] - 36.85) < 1e-4)
    }

    /// A `_FillValue` other than 0 is the product's fill; 0 is then merely below the valid range.
    @Test func aDeclaredFillValueIsTheProducts() throws {
        let dir = try TemporaryDirectory()
        var r = HandMadeRaster(width: 4, height: 1, values: .uint16([1, 1, 15000, 0]))
        r.nodata = "65535"
        r.metadata["_FillValue"] = "1"
        let scene = try LSTLoader.load(path: r.write(named: "MOD11A1.A2024200.h19v04.LST_Day_1km.vrt", in: dir))
        #expect(scene.maskCounts.fill == 2 && scene.maskCounts.outOfRange == 1 && scene.maskCounts.valid == 1)
    }
}
