import Foundation
import HeatIslandTestSupport

/// Runs the built `kranj-heat` executable as a user would, capturing its output and exit status.
enum CLIRunner {
    /// The executable beside the test bundle in the build products directory.
    static var executable: String {
        let candidates = [
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        ].map { $0.appendingPathComponent("kranj-heat").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    static func run(_ arguments: [String]) throws -> ExternalTool.Outcome {
        try ExternalTool.run(executable, arguments)
    }

    static func json(at path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
    }
}
