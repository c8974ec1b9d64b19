import Foundation
import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Float rasters in kelvin or °C: the unit comes from metadata or the caller, and a wrong unit is
/// caught rather than turned into nonsense temperatures.
struct LSTLoaderFloatTests {
    func raster(_ values: [Float], unit: String?, in dir: TemporaryDirectory, nodata: String? = nil) throws -> String {
        var r = HandMadeRaster(width: values.count, height: 1, values: .float32(values))
        r.unit = unit
        r.nodata = nodata
        return try r.write(named: "lst.vrt", in: dir)
    }

    @Test(arguments: ["K", "kelvin", "Kelvin"])
    func kelvinFromUnitMetadata(_ unit: String) throws {
        let dir = try TemporaryDirectory()
        let scene = try LSTLoader.load(path: raster([300, 310.5, -9999], unit: unit, in: dir, nodata: "-9999"))
        #expect(scene.product == .kelvin)
        // 300 − 273.15 = 26.85; 310.5 − 273.15 = 37.35; −9999 is nodata.
        #expect(abs(scene.raster.values[0] - 26.85) < 1e-4 && abs(scene.raster.values[1] - 37.35) < 1e-4)
        #expect(scene.raster.values[2].isNaN && scene.maskCounts.fill == 1)
    }

    @Test(arguments: ["degC", "°C", "Celsius", "deg_C"])
    func celsiusFromUnitMetadata(_ unit: String) throws {
        let dir = try TemporaryDirectory()
        let scene = try LSTLoader.load(path: raster([21.5, .nan, 35], unit: unit, in: dir))
        #expect(scene.product == .celsius)
        #expect(scene.raster.values[0] == 21.5 && scene.raster.values[2] == 35)
        #expect(scene.maskCounts.valid == 2 && scene.maskCounts.fill == 1)
    }

    /// Signed bytes in °C, as a winter scene might be stored: GDAL 3.6 reads them as 0…255, which
    /// turned −1 °C into 255 (dropped as implausible) and missed the −128 nodata.
    @Test func signedBytesKeepTheirSign() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("winter.tif")
        let t = GeoTransform(originX: 450000, pixelWidth: 30, rowRotation: 0, originY: 5125000, columnRotation: 0, pixelHeight: -30)
        try GeoTIFFWriter().write(bands: [.int8([-15, -1, 0, 25, -128], nodata: -128)], width: 5, height: 1,
                                  transform: t, spatialReference: SpatialReference(epsg: 32633), to: path)
        let scene = try LSTLoader.load(path: path, options: LSTLoadOptions(product: .celsius))
        #expect(Array(scene.raster.values.prefix(4)) == [-15, -1, 0, 25] && scene.raster.values[4].isNaN)
        #expect(scene.maskCounts.valid == 4 && scene.maskCounts.fill == 1 && scene.maskCounts.outOfRange == 0)
    }

    /// A Float64 band's nodata matched at its own precision: 25.000000001 and 25.0 are one Float,
    /// and the valid 25 °C was dropped as fill.
    @Test func float64NodataIsMatchedBeforeRounding() throws {
        let dir = try TemporaryDirectory()
        var raster = HandMadeRaster(width: 4, height: 1, values: .float64([25, 25.000000001, 26, 27]))
        raster.nodata = "25.000000001"
        let path = try raster.write(named: "f64.vrt", in: dir)
        let scene = try LSTLoader.load(path: path, options: LSTLoadOptions(product: .celsius))
        #expect(scene.raster.values[0] == 25 && scene.raster.values[1].isNaN && Array(scene.raster.values[2...]) == [26, 27])
        #expect(scene.maskCounts.valid == 3 && scene.maskCounts.fill == 1)
    }

    /// A UInt32 band's nodata matched exactly: 29 315 000 and 29 315 001 are one Float, and with a
    /// scale of 1e-5 K the valid 293.15 K = 20 °C cells were dropped as fill.
    @Test func thirtyTwoBitNodataIsMatchedBeforeRounding() throws {
        let dir = try TemporaryDirectory()
        var raster = HandMadeRaster(width: 4, height: 1, values: .uint32([29_315_000, 29_315_001, 29_815_000, 29_315_000]))
        (raster.nodata, raster.scale, raster.unit) = ("29315001", 1e-5, "K")
        let path = try raster.write(named: "u32.vrt", in: dir)
        let scene = try LSTLoader.load(path: path, options: LSTLoadOptions(product: .kelvin))
        #expect(scene.maskCounts.valid == 3 && scene.maskCounts.fill == 1, "\(scene.maskCounts)")
        #expect(scene.raster.values[1].isNaN && abs(scene.raster.values[0] - 20) < 1e-3 && abs(scene.raster.values[2] - 25) < 1e-3, "\(scene.raster.values)")
    }

    @Test func unknownUnitMustBeStated() throws {
        let dir = try TemporaryDirectory()
        let path = try raster([21.5, 22], unit: nil, in: dir)
        #expect(throws: HeatIslandError.unknownUnit(path: path, unit: "")) { try LSTLoader.load(path: path) }
        let stated = try LSTLoader.load(path: path, options: LSTLoadOptions(product: .celsius))
        #expect(stated.raster.values == [21.5, 22])
    }

    /// A VRT opens without reading its source, and carries no unit: the missing source is the
    /// fault to report, not the unit.
    @Test func vrtWithMissingSourceIsUnreadableNotUnitless() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("broken.vrt")
        try """
            <VRTDataset rasterXSize="4" rasterYSize="4"><SRS>EPSG:32633</SRS>
              <GeoTransform>450000, 30, 0, 5130000, 0, -30</GeoTransform>
              <VRTRasterBand dataType="Float32" band="1"><SimpleSource>
                <SourceFilename relativeToVRT="1">gone.tif</SourceFilename><SourceBand>1</SourceBand>
              </SimpleSource></VRTRasterBand>
            </VRTDataset>
            """.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try LSTLoader.load(path: path)
            Issue.record("a VRT without its source was loaded")
        } catch {
            guard case .gdal(.readFailed(let p, let message)) = error else { Issue.record("unexpected \(error)"); return }
            #expect(p == path && message.contains("gone.tif"), "\(message)")
        }
    }

    @Test func kelvinClaimedAsCelsiusIsImplausible() throws {
        let dir = try TemporaryDirectory()
        let path = try raster([295, 300, 305, 310], unit: "degC", in: dir)
        do {
            _ = try LSTLoader.load(path: path)
            Issue.record("300 °C land surfaces were accepted")
        } catch {
            guard case .implausibleValues(let p, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(p == path)
        }
        // Widening the plausible range to 400 °C keeps such pixels, but must not hide the wrong unit.
        var wide = LSTLoadOptions()
        wide.plausibleCelsius = -40...400
        #expect { try LSTLoader.load(path: path, options: wide) } throws: {
            if case .implausibleValues = $0 as? HeatIslandError { return true } else { return false }
        }
        // Stating the right unit fixes it: 295 K = 21.85 °C.
        let fixed = try LSTLoader.load(path: path, options: LSTLoadOptions(product: .kelvin))
        #expect(abs(fixed.raster.values[0] - 21.85) < 1e-4)
    }

    @Test func aWidenedRangeKeepsAFewGenuinelyHotPixels() throws {
        // One fire pixel at 150 °C among three ordinary ones: kept with the range widened to 400 °C
        // (a quarter of the pixels beyond 80 °C is no sign of a wrong unit), dropped without it.
        let dir = try TemporaryDirectory()
        let path = try raster([25, 30, 150, 35], unit: "degC", in: dir)
        var wide = LSTLoadOptions()
        wide.plausibleCelsius = -40...400
        #expect(try LSTLoader.load(path: path, options: wide).raster.values == [25, 30, 150, 35])
        #expect(try LSTLoader.load(path: path).raster.values[2].isNaN)
    }

    /// A scale of 0 in the metadata would make every pixel the offset (300 K = 26.85 °C everywhere,
    /// a confident constant field); a NaN scale would make them all missing for a reason nobody sees;
    /// a negative one would make the warmest pixels the coldest.
    @Test(arguments: [0.0, .nan, -0.5])
    func aScaleThatCannotGiveTemperaturesIsRefused(_ scale: Double) throws {
        let dir = try TemporaryDirectory()
        var r = HandMadeRaster(width: 4, height: 1, values: .float32([1, 2, 3, 4]))
        (r.unit, r.scale, r.offset) = ("K", scale, 300)
        let path = try r.write(named: "scaled.vrt", in: dir)
        #expect { try LSTLoader.load(path: path) } throws: { error in
            guard case .implausibleValues(let p, let detail) = error as? HeatIslandError else { return false }
            return p == path && detail.contains("the scale must be a positive number")
        }
    }

    /// A summer scene in °F read as °C: 77–104 °F, three of four above 80. No land surface is that
    /// hot over most of a scene, so it is an error, not three dropped pixels and a 25 °C "temperature".
    @Test func aSummerSceneInFahrenheitIsImplausible() throws {
        let dir = try TemporaryDirectory()
        let path = try raster([77, 86, 95, 104], unit: "degC", in: dir)
        #expect { try LSTLoader.load(path: path) } throws: { error in
            guard case .implausibleValues(_, let detail) = error as? HeatIslandError else { return false }
            return detail.contains("75 % of 4 unmasked pixels lie outside the physically possible -90…80 °C")
        }
        // A few hot pixels beyond 80 °C are dropped as before: one of four.
        #expect(try LSTLoader.load(path: raster([30, 31, 32, 95], unit: "degC", in: dir)).maskCounts.outOfRange == 1)
    }

    /// A raster with an emissivity band before the temperature band: refused until a band is chosen,
    /// then read from the chosen band.
    @Test func aRasterWithSeveralBandsNeedsABandChosen() throws {
        let dir = try TemporaryDirectory()
        try HandMadeRaster(width: 2, height: 1, values: .float32([0.95, 0.97])).write(named: "emissivity.vrt", in: dir)
        try HandMadeRaster(width: 2, height: 1, values: .float32([300, 310])).write(named: "kelvin.vrt", in: dir)
        func band(_ n: Int, _ name: String, unit: String) -> String {
            """
            <VRTRasterBand dataType="Float32" band="\(n)" subClass="VRTRawRasterBand">
              <SourceFilename relativeToVRT="1">\(name).raw</SourceFilename>
              <ImageOffset>0</ImageOffset><PixelOffset>4</PixelOffset><LineOffset>8</LineOffset><ByteOrder>LSB</ByteOrder>
              <UnitType>\(unit)</UnitType>
            </VRTRasterBand>
            """
        }
        let vrt = """
        <VRTDataset rasterXSize="2" rasterYSize="1"><SRS>EPSG:32633</SRS><GeoTransform>450000, 30, 0, 5125000, 0, -30</GeoTransform>
        \(band(1, "emissivity.vrt", unit: "")) \(band(2, "kelvin.vrt", unit: "K"))</VRTDataset>
        """
        let path = dir.file("two_bands.vrt")
        try vrt.write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try LSTLoader.load(path: path) } throws: { error in
            guard case .unsupportedProduct(let p, let detail) = error as? HeatIslandError else { return false }
            return p == path && detail.contains("it has 2 bands")
        }
        var options = LSTLoadOptions()
        options.band = 2
        let scene = try LSTLoader.load(path: path, options: options)
        // 300 K and 310 K.
        #expect(abs(scene.raster.values[0] - 26.85) < 1e-4 && abs(scene.raster.values[1] - 36.85) < 1e-4)
    }

    @Test func infinitiesNeverBecomeTemperatures() throws {
        let dir = try TemporaryDirectory()
        let scene = try LSTLoader.load(path: raster([20, .infinity, -.infinity, 25], unit: "C", in: dir))
        #expect(scene.raster.values[1].isNaN && scene.raster.values[2].isNaN)
        #expect(scene.maskCounts.valid == 2)
    }
}
