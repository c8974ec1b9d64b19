import Foundation
import HeatIsland
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Decoding the fixtures and the real samples must reproduce the figures of the independent NumPy
/// implementation in `Fixtures/reference/lst_reference.py` (saved in `lst_reference.json`).
struct LSTLoaderFixtureTests {
    func expectMatches(_ scene: LSTScene, _ key: String) throws {
        let ref = try #require(try Fixtures.referenceJSON("lst_reference.json")[key] as? [String: Any], "no reference for \(key)")
        let counts = try #require(ref["counts"] as? [String: Int])
        let c = scene.maskCounts
        #expect(c.valid == counts["valid"])
        for cause in [MaskCause.fill, .cloud, .cloudShadow, .cirrus, .dilatedCloud, .outOfRange] {
            #expect(c[cause] == counts[cause.rawValue], "\(cause)")
        }
        #expect(c.snow == 0 && c.water == 0)
        let celsius = try #require(ref["celsius"] as? [String: Double])
        let summary = ValueSummary(scene.raster.values)
        // Float32 results compared as Float32: the JSON text round-trips Float32 values exactly only at that precision.
        #expect(summary.minimum == celsius["min"].map(Float.init))
        #expect(summary.maximum == celsius["max"].map(Float.init))
        #expect(abs(try #require(summary.mean) - #require(celsius["mean"])) < 1e-6)
        // Every reference lists a few named pixels (a renamed key would otherwise check none), three
        // of them valid, so that decoded values are compared and not only masks.
        let pixels = try #require(ref["pixels"] as? [[String: Any]])
        #expect(pixels.count >= 6 && pixels.filter { $0["celsius"] is Double }.count >= 3)
        for pixel in pixels {
            let (row, column) = (try #require(pixel["row"] as? Int), try #require(pixel["column"] as? Int))
            let ours = scene.raster[column, row]
            if let expected = pixel["celsius"] as? Double {
                #expect(ours == Float(expected), "pixel \(row), \(column)")
            } else {
                #expect(ours.isNaN, "pixel \(row), \(column) should be masked")
            }
        }
    }

    @Test func kranjLandsatScene() throws {
        let scene = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        #expect(scene.product == .landsatC2L2)
        #expect(scene.calibration.source == .mtl(path: Fixtures.kranjLandsat("MTL.txt")))
        #expect(scene.calibration.validRawRange == 1...65535)
        #expect(scene.qualityPath == Fixtures.kranjLandsat("QA_PIXEL.TIF"))
        #expect(scene.acquisitionDate == "2024-07-15")
        #expect(scene.raster.spatialReference.epsg == 32633)
        try expectMatches(scene, "kranjLandsat")
    }

    /// USGS ships a Level-2 scene as one .tar: read inside it through GDAL's /vsitar/, the band finds
    /// its QA_PIXEL and MTL in the archive and decodes to the same figures as the unpacked files.
    @Test func kranjLandsatSceneInsideATarArchive() throws {
        let dir = try TemporaryDirectory()
        let names = ["ST_B10.TIF", "QA_PIXEL.TIF", "MTL.txt"].map { URL(fileURLWithPath: Fixtures.kranjLandsat($0)).lastPathComponent }
        let tar = try ExternalTool.run("tar", ["-cf", dir.file("scene.tar"), "-C", Fixtures.path("kranj")] + names)
        #expect(tar.status == 0, "\(tar.error)")
        let inside = "/vsitar/" + dir.file("scene.tar") + "/"
        let scene = try LSTLoader.load(path: inside + names[0])
        #expect(scene.calibration.source == .mtl(path: inside + names[2]))
        #expect(scene.qualityPath == inside + names[1])
        #expect(scene.acquisitionDate == "2024-07-15")
        try expectMatches(scene, "kranjLandsat")
    }

    @Test func realLandsatSample() throws {
        let scene = try LSTLoader.load(path: Fixtures.landsatSample("ST_B10.TIF"))
        #expect(scene.calibration.source == .mtl(path: Fixtures.landsatSample("MTL.txt")))
        #expect(scene.acquisitionDate == "2019-01-14")
        try expectMatches(scene, "sampleLandsat")
    }

    @Test func withoutAnMTLTheProductConstantsAreUsedAndSaidSo() throws {
        let dir = try TemporaryDirectory()
        for suffix in ["ST_B10.TIF", "QA_PIXEL.TIF"] {
            try FileManager.default.copyItem(
                atPath: Fixtures.landsatSample(suffix),
                toPath: dir.file("LC08_L2SP_001070_20190114_20200830_02_T2_\(suffix)"))
        }
        let scene = try LSTLoader.load(path: dir.file("LC08_L2SP_001070_20190114_20200830_02_T2_ST_B10.TIF"))
        #expect(scene.calibration.source == .productDefault)
        try expectMatches(scene, "sampleLandsat")
    }

    @Test func kranjMODISClip() throws {
        let scene = try LSTLoader.load(path: Fixtures.kranjMODIS)
        #expect(scene.product == .modis)
        #expect(scene.calibration.source == .rasterMetadata)
        #expect(scene.calibration.validRawRange == 7500...65535)
        // MOD11A1.A2024197: day 197 of 2024 (a leap year) is 15 July.
        #expect(scene.acquisitionDate == "2024-07-15")
        try expectMatches(scene, "kranjMODIS")
    }

    @Test func realMODISGranulePicksTheDaytimeGrid() throws {
        let scene = try LSTLoader.load(path: Fixtures.modisSample)
        #expect(scene.product == .modis)
        #expect(scene.path.hasSuffix(":LST_Day_1km"))
        #expect(scene.acquisitionDate == "2019-11-01")
        try expectMatches(scene, "sampleMODIS")
    }

    @Test func productOverrideWins() throws {
        // Read as °C, Landsat DNs (≈ 44 000) are absurd: the override is honoured and then caught.
        let path = Fixtures.kranjLandsat("ST_B10.TIF")
        #expect { try LSTLoader.load(path: path, options: LSTLoadOptions(product: .celsius)) } throws: { error in
            guard case .implausibleValues(let p, _) = error as? HeatIslandError else { return false }
            return p == path
        }
    }

    @Test func progressReachesOne() throws {
        let progress = ProgressRecorder()
        _ = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"), progress: progress.handler)
        #expect(progress.roseToOne, "\(progress.fractions)")
    }
}
