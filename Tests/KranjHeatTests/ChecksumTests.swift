import Foundation
@testable import HeatIslandCLI
import HeatIslandTestSupport
import Testing

/// SHA-256 of inputs in `run.json`, checked against coreutils' `sha256sum`.
struct ChecksumTests {
    @Test(arguments: [0, 1, 55, 56, 63, 64, 65, 1_048_577, 2_097_215, 3_000_017])
    func digestsMatchSha256sum(_ size: Int) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("bytes.bin")
        try Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: URL(fileURLWithPath: path))
        let reference = try ExternalTool.run("sha256sum", [path]).output.split(separator: " ").first.map(String.init)
        #expect(SHA256.hex(ofFile: path) == reference)
    }

    @Test func runJSONOfTheDemoNamesItsInputsByChecksum() throws {
        let dir = try TemporaryDirectory()
        let run = try CLIRunner.run(["demo", "--fixtures", Fixtures.path("kranj"), "--output", dir.file("out")])
        #expect(run.status == 0, "\(run.error)")
        let inputs = try CLIRunner.json(at: dir.file("out/run.json"))["inputs"] as? [[String: Any]] ?? []
        #expect(!inputs.isEmpty)
        for input in inputs {
            let path = input["path"] as? String ?? ""
            let reference = try ExternalTool.run("sha256sum", [path]).output.split(separator: " ").first.map(String.init)
            #expect(input["sha256"] as? String == reference, "\(path)")
        }
    }
}

/// A USGS Level-2 download folder holds reflectance, QA and intermediate ST bands beside the
/// temperature band; given as `--raster`, the folder's scenes are its temperature bands only (the
/// first other band stopped the run with advice to name the product).
struct SceneFolderTests {
    @Test func aDownloadFolderGivesItsTemperatureBandsOnly() throws {
        let dir = try TemporaryDirectory()
        let id = "LC09_L2SP_190028_20240715_20240716_02_T1"
        let names = ["\(id)_ST_B10.TIF", "\(id)_QA_PIXEL.TIF", "\(id)_QA_RADSAT.TIF", "\(id)_SR_B4.TIF", "\(id)_ST_TRAD.TIF",
                     "\(id)_ST_QA.TIF", "\(id)_MTL.txt", "\(id)_LST.tif", "MOD11A1.A2024197.h19v04.061_LST_Day_1km.tif"]
        for name in names { try Data().write(to: URL(fileURLWithPath: dir.file(name))) }
        let scenes = try SceneFolder.scenes(at: dir.path).map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(scenes == ["\(id)_LST.tif", "\(id)_ST_B10.TIF", "MOD11A1.A2024197.h19v04.061_LST_Day_1km.tif"])
    }

    @Test func anotherBandOfTheSceneIsRefusedAsSuch() throws {
        let run = try CLIRunner.run(["info", "--raster", Fixtures.kranjLandsat("QA_PIXEL.TIF")])
        #expect(run.status == 2 && run.error.contains("is not its surface temperature band; give the _ST_B10.TIF"), "\(run.error)")
    }
}

/// Lengths and folders written the way other options write them: `--ring-width 2000m` as a
/// radius is `150m`, `--output` for analyze as for demo, and a bare EPSG code named as such.
struct OptionSpellingTests {
    @Test func metresTakeAnOptionalUnitAndAnalyzeTakesOutput() throws {
        let command = try AnalyzeCommand.parse(["--output", "results", "--ring-width", "1500m", "--resolution", "60"])
        #expect(command.out == "results" && command.uhi.ringWidth == 1500 && command.resolution == 60)
        #expect(throws: (any Error).self) { try AnalyzeCommand.parse(["--ring-width", "2km"]) }
    }

    @Test func aBareEPSGCodeIsNamedAsSuch() throws {
        let dir = try TemporaryDirectory()
        let run = try CLIRunner.run(["reproject", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--to", "3794", "--output", dir.file("r.tif")])
        #expect(run.status == 2 && run.error.contains("--to 3794: write an EPSG code as EPSG:3794"), "\(run.error)")
        #expect(dir.entries().isEmpty)
    }
}
