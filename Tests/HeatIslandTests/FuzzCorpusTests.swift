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
        // square: one polygon; hole_and_multi: two zones; mixed: only "ok" once the bad ones are skipped.
        #expect(loaded["square.geojson"] == 1 && loaded["square.gpkg"] == 1)
        #expect(loaded["hole_and_multi.geojson"] == 2 && loaded["mixed.geojson"] == 1)
        #expect(loaded["bowtie.geojson"] == nil)
    }

    @Test func rastersEitherDecodeOrNameTheFile() throws {
        let files = Self.files("raster")
        #expect(files.count >= 5)
        for path in files {
            var options = LSTLoadOptions()
            options.memoryLimitBytes = 64 << 20
            do throws(HeatIslandError) {
                let scene = try LSTLoader.load(path: path, options: options)
                #expect(scene.maskCounts.valid > 0)
            } catch {
                #expect(error.description.contains(path), "\(error)")
            }
        }
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
