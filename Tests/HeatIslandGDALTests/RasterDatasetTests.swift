import Foundation
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Opening real files: values are checked against what GDAL's own command-line tools report.
struct RasterDatasetTests {
    let path = Fixtures.landsatSample("ST_B10.TIF")

    @Test func describesTheRealLandsatSample() throws {
        let ds = try RasterDataset(path: path)
        // gdalinfo: "Size is 512, 512", one UInt16 band, NoData Value=0, driver GTiff.
        #expect(ds.width == 512 && ds.height == 512 && ds.bandCount == 1)
        #expect(ds.driverName == "GTiff")
        let band = try ds.band(1)
        #expect(band.dataType == .uint16)
        #expect(band.nodata == 0)
        // SOURCE.md: the scale lives only in the MTL, not in the GeoTIFF.
        #expect(!band.hasScaleOrOffset)
        let crs = try ds.spatialReference()
        #expect(crs.epsg == 32619)
        #expect(crs.isProjected && !crs.isGeographic)
        #expect(crs.linearUnit.metres == 1)
        // SOURCE.md: 448.30 × 455.92 m pixels, north-up, negative northings.
        let t = try ds.geoTransform()
        #expect(abs(t.pixelWidth - 448.30) < 0.01 && abs(t.pixelHeight + 455.92) < 0.01)
        #expect(t.isNorthUp && t.originY < 0)
    }

    @Test func readsPixelsAsGdallocationinfoDoes() throws {
        let band = try RasterDataset(path: path).band(1)
        // `gdallocationinfo -valonly <ST_B10> 100 200` prints 44942; `… 300 311` prints 41875.
        let a = try band.readRaw(window: PixelWindow(column: 100, row: 200, width: 1, height: 1), as: UInt16.self)
        let b = try band.readRaw(window: PixelWindow(column: 299, row: 310, width: 2, height: 2), as: UInt16.self)
        #expect(a == [44942])
        #expect(b[3] == 41875)
    }

    @Test func blockRowWindowsTileTheBandOnce() throws {
        let band = try RasterDataset(path: path).band(1)
        let windows = band.blockRowWindows()
        #expect(windows.first?.row == 0)
        #expect(windows.map(\.height).reduce(0, +) == 512)
        #expect(windows.allSatisfy { $0.width == 512 && $0.row % band.blockSize.height == 0 })
        // More rows of blocks than the band has make one window (Int.max overflowed).
        #expect(band.blockRowWindows(blockRowsPerWindow: .max) == [.full(width: 512, height: 512)])
    }

    /// A window of negative size is refused like any window outside the raster (the buffer for it
    /// was allocated first, with a negative count, and trapped).
    @Test func windowsOfNegativeSizeAreRefused() throws {
        let band = try RasterDataset(path: path).band(1)
        for window in [PixelWindow(column: 0, row: 0, width: -1, height: 1), PixelWindow(column: 0, row: 0, width: 2, height: -3)] {
            #expect(throws: GDALError.invalidWindow(path: path, window: "\(window)")) { try band.read(window: window) }
            #expect(throws: GDALError.invalidWindow(path: path, window: "\(window)")) { try band.readRaw(window: window, as: UInt16.self) }
        }
    }

    @Test func opensThroughVirtualFileSystems() throws {
        let dir = try TemporaryDirectory()
        let zip = dir.file("scene.zip")
        // The archive is made by gdal_translate (gdal-bin), not by our code.
        let made = try ExternalTool.run("gdal_translate", ["-q", "-co", "STREAMABLE_OUTPUT=YES", path, "/vsizip/\(zip)/st.tif"])
        #expect(made.status == 0)
        let ds = try RasterDataset(path: "/vsizip/\(zip)/st.tif")
        #expect(ds.width == 512)
        #expect(try ds.band(1).readRaw(window: PixelWindow(column: 100, row: 200, width: 1, height: 1), as: UInt16.self) == [44942])
    }

    @Test func opensTheDaytimeGridOfAnHDFGranule() throws {
        let name = "HDF4_EOS:EOS_GRID:\"\(Fixtures.modisSample)\":MODIS_Grid_Daily_1km_LST:LST_Day_1km"
        let container = try RasterDataset(path: Fixtures.modisSample)
        #expect(container.subdatasets.contains { $0.name == name })
        let band = try RasterDataset(path: name).band(1)
        // SOURCE.md: 1200 × 1200, scale_factor 0.02, _FillValue 0, valid_range 7500–65535, units K.
        #expect(band.dataset.width == 1200)
        #expect(band.scale == 0.02 && band.nodata == 0 && band.unitType == "K")
        // gdalinfo lists valid_range=7500, 65535 in the subdataset's (not the band's) metadata.
        #expect(band.dataset.metadata()["valid_range"] == "7500, 65535")
    }
}
