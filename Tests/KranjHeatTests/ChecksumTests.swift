import Foundation
@testable import HeatIslandCLI
import HeatIslandTestSupport
import Testing

/// SHA-256 of inputs in `run.json`, checked against coreutils' `sha256sum`.
struct ChecksumTests {
    @Test(arguments: [0, 1, 55, 56, 63, 64, 65, 1_048_577])
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
