import HeatIsland
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Options that belong to another product are refused, naming the raster, instead of being ignored
/// (an MTL beside a MODIS tile) or misread (MODIS quality bits taken for Landsat QA flags).
struct OptionsForAnotherProductTests {
    private func expectRefused(_ path: String, _ options: LSTLoadOptions, saying phrase: String) {
        #expect {
            try LSTLoader.load(path: path, options: options)
        } throws: {
            guard case .unsupportedProduct(let p, let detail) = $0 as? HeatIslandError else { return false }
            return p == path && detail.contains(phrase)
        }
    }

    @Test func anMTLFileOnAMODISTile() {
        var options = LSTLoadOptions()
        options.metadataPath = Fixtures.kranjLandsat("MTL.txt")
        expectRefused(Fixtures.kranjMODIS, options, saying: "MTL")
    }

    /// Without `modisQuality` a QC band would be read for nothing, so it is refused.
    @Test func aQABandOnAMODISTileWithoutAQualityFilter() {
        var options = LSTLoadOptions()
        options.qualityPath = Fixtures.kranjMODIS
        expectRefused(Fixtures.kranjMODIS, options, saying: "QC_Day band is read only to keep pixels by quality")
    }

    @Test(arguments: [QAPixelFlags.snow, .water])
    func aSnowOrWaterMaskWithoutAQABand(_ flag: QAPixelFlags) throws {
        var options = LSTLoadOptions()
        options.qualityMask.insert(flag)
        expectRefused(Fixtures.kranjMODIS, options, saying: "QA_PIXEL")
        let dir = try TemporaryDirectory()
        var r = HandMadeRaster(width: 2, height: 1, values: .float32([21.5, 22]))
        r.unit = "degC"
        expectRefused(try r.write(named: "lst.vrt", in: dir), options, saying: "QA_PIXEL")
        // With its QA band the same mask is what a Landsat scene is for.
        #expect(try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"), options: options).qualityPath != nil)
    }
}
