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
        // TEMPERATURE_MULT_BAND_ST_B10 = 0.00341802, ADD = 149.0, MIN = 149.003418, MAX = 372.999941 (all three files).
        #expect(st.scale == 0.00341802 && st.offset == 149.0)
        #expect(st.minimumKelvin == 149.003418 && st.maximumKelvin == 372.999941)
        #expect(mtl.spacecraft == "LANDSAT_8")
        #expect(mtl.acquisitionDate == "2019-01-14")
        #expect(mtl.fileNames["QUALITY_L1_PIXEL"] == "LC08_L2SP_001070_20190114_20200830_02_T2_QA_PIXEL.TIF")
        // PROJECTION_ATTRIBUTES: UTM_ZONE = 19, CORNER_UL_PROJECTION_X/Y_PRODUCT = 528300, -1482300,
        // CORNER_LR_PROJECTION_X/Y_PRODUCT = 757800, -1715700, GRID_CELL_SIZE_THERMAL = 30.
        let f = try #require(mtl.footprint)
        #expect(f.zone == 19 && f.west == 528_300 && f.north == -1_482_300 && f.east == 757_800 && f.south == -1_715_700 && f.cellSize == 30)
    }

    /// The three encodings are the same metadata, so nothing the reader keeps may depend on which one it read.
    @Test func theThreeEncodingsAgree() throws {
        let read = { (suffix: String) throws in try LandsatMTL.read(contentsOf: URL(fileURLWithPath: Fixtures.landsatSample(suffix))) }
        let text = try read("MTL.txt")
        #expect(try read("MTL.xml") == text)
        #expect(try read("MTL.json") == text)
        // SCENE_CENTER_TIME = "14:34:30.4390740Z"; FILE_NAME_BAND_ST_B10 in PRODUCT_CONTENTS.
        #expect(text.sceneCenterTime == "14:34:30.4390740Z")
        #expect(text.productID == "LC08_L2SP_001070_20190114_20200830_02_T2")
        #expect(text.fileNames["BAND_ST_B10"] == "LC08_L2SP_001070_20190114_20200830_02_T2_ST_B10.TIF")
    }

    @Test func windowsLineEndingsReadLikeUnixOnes() throws {
        // An MTL.txt saved on Windows: every line ends in "\r\n".
        let path = Fixtures.landsatSample("MTL.txt")
        let crlf = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try LandsatMTL.parse(Data(crlf.utf8), format: .text, source: path) == LandsatMTL.read(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A well-formed MTL of a product without surface temperature (a Level-1 or SR-only order) is not an
    /// error: the caller decides whether it needed the band.
    @Test func fileWithoutTheSurfaceTemperatureGroup() throws {
        let dir = try TemporaryDirectory()
        let name = dir.file("sr_only_MTL.TXT")  // upper-case extension, as some mirrors write it
        try """
            GROUP = LANDSAT_METADATA_FILE
              GROUP = IMAGE_ATTRIBUTES
                SPACECRAFT_ID = "LANDSAT_8"
                DATE_ACQUIRED = 2019-01-14
              END_GROUP = IMAGE_ATTRIBUTES
            END_GROUP = LANDSAT_METADATA_FILE
            END
            """.write(toFile: name, atomically: true, encoding: .utf8)
        let mtl = try LandsatMTL.read(contentsOf: URL(fileURLWithPath: name))
        #expect(mtl.spacecraft == "LANDSAT_8" && mtl.acquisitionDate == "2019-01-14")
        #expect(mtl.calibration(forBand: "ST_B10") == nil)
        #expect(mtl.surfaceTemperature.isEmpty && mtl.fileNames.isEmpty)
    }

    @Test func errorDescriptionsNameTheFile() {
        let errors: [MTLError] = [
            .unreadable(path: "/d/a_MTL.txt", reason: "no such file"),
            .malformed(path: "/d/a_MTL.txt", line: 12, reason: "expected KEY = value"),
            .unknownFormat(path: "/d/a_MTL.txt"),
        ]
        for error in errors {
            #expect(error.description.hasPrefix("/d/a_MTL.txt") && !error.description.contains("\n"))
        }
    }

    @Test func landsat9AndLandsat7() throws {
        let l9 = try LandsatMTL.read(contentsOf: URL(fileURLWithPath: Fixtures.path(
            "samples/landsat-c2l2/LC09_L2SP_010065_20220129_20220131_02_T1_MTL.txt")))
        #expect(l9.spacecraft == "LANDSAT_9" && l9.calibration(forBand: "ST_B10")?.scale == 0.00341802)
        let l7 = try LandsatMTL.read(contentsOf: URL(fileURLWithPath: Fixtures.path(
            "samples/landsat-c2l2/LE07_L2SP_021030_20100109_20200911_02_T1_MTL.xml")))
        #expect(l7.spacecraft == "LANDSAT_7")
        #expect(l7.calibration(forBand: "ST_B10") == nil)
        // LE07 xml: TEMPERATURE_MULT_BAND_ST_B6 0.00341802, ADD 149.0; DATE_ACQUIRED 2010-01-09.
        let b6 = try #require(l7.calibration(forBand: "ST_B6"))
        #expect(b6.scale == 0.00341802 && b6.offset == 149.0)
        #expect(b6.minimumKelvin == 149.003418 && b6.maximumKelvin == 372.999941)
        #expect(l7.acquisitionDate == "2010-01-09")
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
        // A lower-cased download names the same product (its MTL is looked for in any case too).
        ("lc09_l2sp_190028_20240715_20240716_02_t1_st_b10.tif", "LC09_L2SP_190028_20240715_20240716_02_T1"),
        // Real-time tier; the id alone before the extension.
        ("LC09_L2SR_190028_20240715_20240716_02_RT_QA_PIXEL.TIF", "LC09_L2SR_190028_20240715_20240716_02_RT"),
        ("LC09_L2SP_190028_20240715_20240716_02_T1.TIF", nil),
        // One position wrong each: sensor, mission, level, a date digit, the tier.
        ("LX09_L2SP_190028_20240715_20240716_02_T1_ST_B10.TIF", nil),
        ("LC03_L2SP_190028_20240715_20240716_02_T1_ST_B10.TIF", nil),
        ("LC09_L2SX_190028_20240715_20240716_02_T1_ST_B10.TIF", nil),
        ("LC09_L2SP_190028_2024O715_20240716_02_T1_ST_B10.TIF", nil),
        ("LC09_L2SP_190028_20240715_20240716_02_T3_ST_B10.TIF", nil),
        // Digits of another script are not the ASCII digits USGS writes.
        ("LC09_L2SP_19002\u{0668}_20240715_20240716_02_T1_ST_B10.TIF", nil),
        ("LC09", nil),
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

    /// A scale of 0 or below is a number, just not a scale: said as such.
    @Test(arguments: ["0", "-0.00341802"])
    func aScaleThatIsNotPositiveIsNamed(_ scale: String) throws {
        let whole = try String(contentsOfFile: Fixtures.landsatSample("MTL.txt"), encoding: .utf8)
        let edited = whole.replacingOccurrences(of: "TEMPERATURE_MULT_BAND_ST_B10 = 0.00341802", with: "TEMPERATURE_MULT_BAND_ST_B10 = \(scale)")
        #expect(edited != whole)
        #expect { try LandsatMTL.parse(Data(edited.utf8), format: .text, source: "edited") } throws: { error in
            guard case .malformed(let path, _, let reason) = error as? MTLError else { return false }
            return path == "edited" && reason.contains("TEMPERATURE_MULT_BAND_ST_B10 is \(scale): a scale must be positive")
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
