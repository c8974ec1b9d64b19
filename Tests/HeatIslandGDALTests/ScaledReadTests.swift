import Foundation
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// `read` applies scale, offset and nodata; the input is a raw file described by a hand-written VRT,
/// so the expected values follow from the bytes alone.
struct ScaledReadTests {
    /// 3 × 2 UInt16 values 0, 100 … 500 with scale 0.5, offset −10, nodata 0, unit K.
    func makeVRT(in dir: TemporaryDirectory, srs: Bool = true) throws -> String {
        var raster = HandMadeRaster(width: 3, height: 2, values: .uint16([0, 100, 200, 300, 400, 500]))
        (raster.nodata, raster.scale, raster.offset, raster.unit) = ("0", 0.5, -10, "K")
        raster.srs = srs ? "EPSG:3794" : nil
        return try raster.write(named: "values.vrt", in: dir)
    }

    @Test func appliesScaleOffsetAndNodata() throws {
        let dir = try TemporaryDirectory()
        let band = try RasterDataset(path: makeVRT(in: dir)).band(1)
        #expect(band.scale == 0.5 && band.offset == -10 && band.nodata == 0 && band.unitType == "K")
        let v = try band.read()
        // 100·0.5−10 = 40, 200·0.5−10 = 90, … 500·0.5−10 = 240; the 0 is nodata.
        #expect(v[0].isNaN)
        #expect(Array(v[1...]) == [40, 90, 140, 190, 240])
        let window = try band.read(window: PixelWindow(column: 1, row: 1, width: 2, height: 1))
        #expect(window == [190, 240])
        #expect(try band.readRaw(as: UInt16.self) == [0, 100, 200, 300, 400, 500])
    }

    @Test func rejectsWindowsOutsideTheRaster() throws {
        let dir = try TemporaryDirectory()
        let band = try RasterDataset(path: makeVRT(in: dir)).band(1)
        #expect(throws: GDALError.self) { try band.read(window: PixelWindow(column: 2, row: 0, width: 2, height: 1)) }
    }

    @Test func missingCRSIsATypedError() throws {
        let dir = try TemporaryDirectory()
        let ds = try RasterDataset(path: makeVRT(in: dir, srs: false))
        #expect(throws: GDALError.missingSpatialReference(path: ds.path)) { try ds.spatialReference() }
    }
}
