import Foundation
@testable import HeatIslandCLI
import HeatIslandTestSupport
import Testing

/// The staging directory of `analyze`: abandoned ones are cleared, and errors name final paths.
struct StagedOutputsTests {
    /// A run killed mid-way leaves `.analysis-<pid>-…` behind; the next run in the same directory
    /// removes it once that process is gone, but not the staging of a run still going (this test's
    /// own process) nor a file of the user's that merely looks similar.
    @Test func abandonedStagingDirectoriesAreRemoved() throws {
        let dir = try TemporaryDirectory()
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let abandoned = dir.file(".analysis-\(ended.processIdentifier)-A")
        let running = dir.file(".analysis-\(getpid())-B")
        let other = dir.file(".analysis-notes")
        for path in [abandoned, running, other] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try "partial".write(toFile: path + "/lst_celsius.tif", atomically: false, encoding: .utf8)
        }
        let files = try StagedOutputs(directory: dir.path)
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: running) && FileManager.default.fileExists(atPath: other))
        files.discard()
        #expect(Set(dir.entries()) == [".analysis-\(getpid())-B", ".analysis-notes"])
    }

    @Test func anErrorWhileStagedNamesTheFinalPath() throws {
        let dir = try TemporaryDirectory()
        let files = try StagedOutputs(directory: dir.file("out"))
        defer { files.discard() }
        let failure = CLIError.unwritableOutput(path: files.writing("districts.csv"), reason: "No space left on device")
        let told = dir.file("out/districts.csv") + ": cannot write: No space left on device"
        #expect(files.naming(failure, committed: true).description == told)
        #expect(files.naming(failure, committed: false).description
            == told + " (nothing from this run was published: \(dir.file("out")) keeps the files it had)")
        // A rename that failed after others had succeeded must not claim that nothing was published.
        #expect(files.naming(.partlyPublished(failure), committed: false).description
            == told + " (the outputs moved into place before it stay, the rest were not published)")
    }
}
