import Foundation
import HeatIsland
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Keeping MODIS pixels by their QC word: the real granule against the independent NumPy counts in
/// `lst_reference.json`, a clip named as LP DAAC's AppEEARS names them with a hand-made QC band, and
/// the refusals.
struct MODISQualityLoadingTests {
    private func options(_ quality: MODISQuality) -> LSTLoadOptions {
        var options = LSTLoadOptions()
        options.modisQuality = quality
        return options
    }

    @Test(arguments: [MODISQuality.good, .errorAtMost1K, .errorAtMost2K, .errorAtMost3K])
    func realGranuleMatchesTheReference(_ quality: MODISQuality) throws {
        let sample = try #require(try Fixtures.referenceJSON("lst_reference.json")["sampleMODIS"] as? [String: Any])
        let all = try #require(sample["counts"] as? [String: Int])
        let ref = try #require((sample["byQuality"] as? [String: [String: Double]])?[quality.rawValue])
        let scene = try LSTLoader.load(path: Fixtures.modisSample, options: options(quality))
        #expect(scene.qualityPath?.hasSuffix(":MODIS_Grid_Daily_1km_LST:QC_Day") == true)
        #expect(scene.maskCounts.valid == Int(try #require(ref["valid"])))
        #expect(scene.maskCounts.lowQuality == Int(try #require(ref["lowQuality"])))
        #expect(scene.maskCounts.fill == all["fill"])
        #expect(abs(try #require(ValueSummary(scene.raster.values).mean) - #require(ref["mean"])) < 1e-6)
    }

    /// DN 15000 is 26.85 °C and DN 15100 28.85 °C (K = DN × 0.02).
    @Test func aClipFindsItsQCBandByName() throws {
        let dir = try TemporaryDirectory()
        var lst = HandMadeRaster(width: 2, height: 2, values: .uint16([15000, 15050, 0, 15100]))
        lst.scale = 0.02
        lst.nodata = "0"
        lst.unit = "K"
        let path = try lst.write(named: "MOD11A1.061_LST_Day_1km_doy2024197_aid0001.vrt", in: dir)
        // good; other quality, error ≤ 2 K; not produced (cloud); other quality, error ≤ 1 K.
        try HandMadeRaster(width: 2, height: 2, values: .uint8([0b00_00_00_00, 0b01_00_00_01, 0b00_00_00_10, 0b00_00_00_01]))
            .write(named: "MOD11A1.061_QC_Day_doy2024197_aid0001.vrt", in: dir)
        let oneKelvin = try LSTLoader.load(path: path, options: options(.errorAtMost1K))
        #expect(oneKelvin.product == .modis)
        #expect(oneKelvin.qualityPath == dir.file("MOD11A1.061_QC_Day_doy2024197_aid0001.vrt"))
        #expect(oneKelvin.maskCounts.valid == 2 && oneKelvin.maskCounts.lowQuality == 1 && oneKelvin.maskCounts.fill == 1)
        #expect(abs(oneKelvin.raster[0, 0] - 26.85) < 1e-4 && oneKelvin.raster[1, 0].isNaN && abs(oneKelvin.raster[1, 1] - 28.85) < 1e-4)
        let good = try LSTLoader.load(path: path, options: options(.good))
        #expect(good.maskCounts.valid == 1 && good.maskCounts.lowQuality == 2)
        // Without a filter the QC band is not read, and every produced pixel counts.
        let every = try LSTLoader.load(path: path)
        #expect(every.qualityPath == nil && every.maskCounts.valid == 3)
    }

    private func expectRefused(_ path: String, _ options: LSTLoadOptions, saying phrase: String) {
        #expect {
            try LSTLoader.load(path: path, options: options)
        } throws: {
            switch $0 as? HeatIslandError {
            case .unsupportedProduct(let p, let detail)?: p == path && detail.contains(phrase)
            case .qualityGridMismatch(let p, _, let detail)?: p == path && detail.contains(phrase)
            default: false
            }
        }
    }

    @Test func refusalsNameTheRasterAndTheProblem() throws {
        expectRefused(Fixtures.kranjLandsat("ST_B10.TIF"), options(.good), saying: "applies to MODIS grids")
        expectRefused(Fixtures.kranjMODIS, options(.good), saying: "needs the QC_Day")
        var off = options(.good)
        off.useQuality = false
        expectRefused(Fixtures.kranjMODIS, off, saying: "--no-qa")

        let dir = try TemporaryDirectory()
        var lst = HandMadeRaster(width: 2, height: 1, values: .uint16([15000, 15100]))
        lst.scale = 0.02
        let path = try lst.write(named: "MOD11A1.061_LST_Day_1km_doy2024197_aid0001.vrt", in: dir)
        var given = options(.good)
        // A QC band stored as Int16 would have its high bits turned to 0 by GDAL's conversion.
        given.qualityPath = try HandMadeRaster(width: 2, height: 1, values: .int16([0, 1])).write(named: "qc_int16.vrt", in: dir)
        expectRefused(path, given, saying: "UInt8")
        given.qualityPath = try HandMadeRaster(width: 1, height: 2, values: .uint8([0, 1])).write(named: "qc_other_grid.vrt", in: dir)
        expectRefused(path, given, saying: "1 × 2 pixels against 2 × 1")
    }
}
