import Foundation
import HeatIsland
import HeatIslandTestSupport
import Testing

/// The MTL reader on the real sample files; expected numbers are copied from the files themselves
/// (LEVEL2_SURFACE_TEMPERATURE_PARAMETERS and IMAGE_ATTRIBUTES groups).
struct LandsatMTLTests {
    @Test(arguments: ["MTL.txt", "MTL.xml", "MTL.json"])
    func landsat8InEveryEncoding(_ suffix: String) throws {
        let mtl = try LandsatMTL.read(contentsOf: URL(fileURLWithPath: Fixtures.landsatSample(suffix)))
        let st = try #require(mtl.calibration(forBand: "ST_B10"))
        // TEMPERATURE_MULT_BAND_ST_B10 = 3.41802E-03, ADD = 149.0, MIN = 149.003418, MAX = 372.999941.
        #expect(st.scale == 0.00341802 && st.offset == 149.0)
        #expect(st.minimumKelvin == 149.003418 && st.maximumKelvin == 372.999941)
        #expect(mtl.spacecraft == "LANDSAT_8")
        #expect(mtl.acquisitionDate == "2019-01-14")
        #expect(mtl.fileNames["QUALITY_L1_PIXEL"] == "LC08_L2SP_001070_20190114_20200830_02_T2_QA_PIXEL.TIF")
    }

    @Test func landsat9AndLandsat7() throws {
        let l9 = try LandsatMTL.read(contentsOf: URL(fileURLWithPath: Fixtures.path(
            "samples/landsat-c2l2/LC09_L2SP_010065_20220129_20220131_02_T1_MTL.txt")))
        #expect(l9.spacecraft == "LANDSAT_9" && l9.calibration(forBand: "ST_B10")?.scale == 0.00341802)
        let l7 = try LandsatMTL.read(contentsOf: URL(fileURLWithPath: Fixtures.path(
            "samples/landsat-c2l2/LE07_L2SP_021030_20100109_20200911_02_T1_MTL.xml")))
        #expect(l7.spacecraft == "LANDSAT_7")
        #expect(l7.calibration(forBand: "ST_B10") == nil)
        #expect(l7.calibration(forBand: "ST_B6")?.offset == 149.0)
    }

    @Test func locatesTheMTLBesideABand() {
        let found = LandsatMTL.locate(besides: URL(fileURLWithPath: Fixtures.landsatSample("ST_B10.TIF")))
        #expect(found?.lastPathComponent == "LC08_L2SP_001070_20190114_20200830_02_T2_MTL.txt")
        #expect(LandsatMTL.locate(besides: URL(fileURLWithPath: "/tmp/scene.tif")) == nil)
    }

    @Test(arguments: [
        ("LC08_L2SP_001070_20190114_20200830_02_T2_ST_B10.TIF", "LC08_L2SP_001070_20190114_20200830_02_T2"),
        ("LE07_L2SP_021030_20100109_20200911_02_T1_ST_B6.TIF", "LE07_L2SP_021030_20100109_20200911_02_T1"),
        ("LC08_L1TP_001070_20190114_20200830_02_T2_B10.TIF", nil),
        ("scene_ST_B10.TIF", nil),
    ] as [(String, String?)])
    func productIDs(_ name: String, _ id: String?) {
        #expect(LandsatMTL.productID(ofFileName: name) == id)
    }

    @Test func truncatedAndGarbageFilesAreMalformed() throws {
        let dir = try TemporaryDirectory()
        let whole = try String(contentsOfFile: Fixtures.landsatSample("MTL.txt"), encoding: .utf8)
        let cut = dir.file("cut_MTL.txt")
        try String(whole.prefix(whole.count / 2)).write(toFile: cut, atomically: true, encoding: .utf8)
        for (name, content) in [("cut_MTL.txt", nil), ("junk_MTL.txt", "hello world"), ("junk_MTL.json", "{\"a\": 1}"),
                                ("cut_MTL.xml", "<LANDSAT_METADATA_FILE><X>1</X>")] as [(String, String?)] {
            if let content { try content.write(toFile: dir.file(name), atomically: true, encoding: .utf8) }
            do {
                _ = try LandsatMTL.read(contentsOf: URL(fileURLWithPath: dir.file(name)))
                Issue.record("\(name) was accepted")
            } catch {
                guard case .malformed(let path, _, _) = error else { Issue.record("\(name): \(error)"); continue }
                #expect(path == dir.file(name))
            }
        }
    }

    @Test func missingFileAndUnknownExtension() {
        #expect(throws: MTLError.unreadable(path: "/nonexistent/x_MTL.txt", reason: "no such file")) {
            try LandsatMTL.read(contentsOf: URL(fileURLWithPath: "/nonexistent/x_MTL.txt"))
        }
        #expect(throws: MTLError.unknownFormat(path: "/tmp/x_MTL.yaml")) {
            try LandsatMTL.read(contentsOf: URL(fileURLWithPath: "/tmp/x_MTL.yaml"))
        }
    }
}
