import Foundation
import HeatIslandTestSupport
import Testing

/// The progress bar appears on a terminal (a pseudo-terminal from util-linux's `script`), stays away
/// from pipes, and `--quiet` silences it.
struct ProgressBarTests {
    func onTerminal(_ arguments: [String]) throws -> String {
        let command = ([CLIRunner.executable] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try ExternalTool.run("script", ["-qec", command, "/dev/null"]).output
    }

    @Test func drawnOnATerminalOnly() throws {
        let raster = Fixtures.kranjLandsat("ST_B10.TIF")
        #expect(try onTerminal(["info", "--raster", raster]).contains("100% done"))
        #expect(!(try onTerminal(["info", "--raster", raster, "--quiet"]).contains("% done")))
        let piped = try CLIRunner.run(["info", "--raster", raster])
        #expect(!piped.error.contains("%"))
    }
}
