import Foundation
import HeatIsland
import HeatIslandGDAL
import HeatIslandTestSupport
import Testing

/// Every input of the fuzzers' committed corpus (`Tests/Fuzz/Corpus`, seeds and any crash found,
/// kept as regressions) through the paths the harnesses drive: each either works or fails with a
/// typed error naming the file; the valid seeds give the values they were made with.
struct FuzzCorpusTests {
    static let corpus = Fixtures.packageRoot.appendingPathComponent("Tests/Fuzz/Corpus").path

    static func files(_ folder: String) -> [String] {
        let directory = corpus + "/" + folder
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted().map { directory + "/" + $0 }
    }

    @Test func zonesEitherLoadOrNameTheFile() throws {
        let files = Self.files("zones")
        #expect(files.count >= 6)
        var loaded: [String: Int] = [:]
        let utm = try SpatialReference(epsg: 32633)
        for path in files {
            for skip in [false, true] {
                var options = ZoneSet.Options()
                options.skipUnusable = skip
                do throws(HeatIslandError) {
                    let zones = try ZoneSet.load(path: path, options: options, reprojectTo: utm)
                    loaded[URL(fileURLWithPath: path).lastPathComponent] = zones.zones.count
                } catch {
                    #expect(error.description.contains(path), "\(error)")
                }
            }
        }
        // square and utm: one polygon each; hole_and_multi: two zones; mixed: only "ok" once the
        // bad ones are skipped.
        #expect(loaded["square.geojson"] == 1 && loaded["square.gpkg"] == 1 && loaded["utm.geojson"] == 1)
        #expect(loaded["hole_and_multi.geojson"] == 2 && loaded["mixed.geojson"] == 1)
        #expect(loaded["bowtie.geojson"] == nil)
    }

    @Test func rastersEitherDecodeOrNameTheFile() throws {
        let files = Self.files("raster")
        #expect(files.count >= 5)
        var options = LSTLoadOptions()
        options.memoryLimitBytes = 64 << 20
        var outcomes: [String: Result<LSTScene, HeatIslandError>] = [:]
        for path in files {
            let result = Result { () throws(HeatIslandError) in try LSTLoader.load(path: path, options: options) }
            if case .failure(let error) = result { #expect(error.description.contains(path), "\(error)") }
            outcomes[URL(fileURLWithPath: path).lastPathComponent] = result
        }
        // What make_seeds.py wrote. one_by_one: a single 30.5 °C. celsius_deflate: 25 + 0.1x − 0.05y
        // °C over 16 × 16, with NaN at row 3, column 4 and +∞ at row 5, column 6 (254 valid).
        let one = try #require(try? outcomes["one_by_one.tif"]?.get())
        #expect(one.raster.values == [30.5])
        let deflate = try #require(try? outcomes["celsius_deflate.tif"]?.get())
        #expect(deflate.maskCounts.valid == 254 && deflate.maskCounts.fill == 1 && deflate.maskCounts.outOfRange == 1)
        #expect(deflate.raster.values[1] == Float(25.1) && deflate.raster.values[15 * 16 + 15] == Float(25.75))
        #expect(deflate.raster.values[3 * 16 + 4].isNaN && deflate.raster.values[5 * 16 + 6].isNaN)
        // kelvin_no_crs has neither CRS nor geotransform; modis_lst's metadata does not say MODIS.
        guard case .failure(.gdal(.invalidGeoTransform))? = outcomes["kelvin_no_crs.tif"] else {
            Issue.record("kelvin_no_crs.tif: \(String(describing: outcomes["kelvin_no_crs.tif"]))")
            return
        }
        guard case .failure(.unsupportedProduct)? = outcomes["modis_lst.tif"] else {
            Issue.record("modis_lst.tif: \(String(describing: outcomes["modis_lst.tif"]))")
            return
        }
        // Named MODIS, it decodes: DN 14800 + 3x + y at 0.02 K, so (0, 0) is 296 K = 22.85 °C and
        // (1, 0) 14803 · 0.02 K = 296.06 K = 22.91 °C.
        var modisOptions = options
        modisOptions.product = .modis
        let modis = try LSTLoader.load(path: Self.corpus + "/raster/modis_lst.tif", options: modisOptions)
        #expect(abs(modis.raster.values[0] - 22.85) < 1e-3 && abs(modis.raster.values[1] - 22.91) < 1e-3)
        #expect(modis.maskCounts.valid == 256)
        // The Landsat seed: DN 44000 + 40x + 25y, fill at (0, 0): (0, 1) decodes to 44025 · 0.00341802 + 149 − 273.15.
        // It has no QA band, which a Landsat band must have unless masking is turned off.
        var unmasked = LSTLoadOptions(product: .landsatC2L2)
        #expect(throws: HeatIslandError.missingQualityBand(path: Self.corpus + "/raster/landsat_st_b10.tif")) {
            try LSTLoader.load(path: Self.corpus + "/raster/landsat_st_b10.tif", options: unmasked)
        }
        unmasked.useQuality = false
        let landsat = try LSTLoader.load(path: Self.corpus + "/raster/landsat_st_b10.tif", options: unmasked)
        #expect(landsat.raster.values[0].isNaN)
        #expect(abs(Double(landsat.raster.values[16]) - (44025 * 0.00341802 + 149 - 273.15)) < 1e-3)
    }
}
