import Foundation

/// Runs a command-line program (GDAL's utilities, the Debian Python with GDAL) to produce an
/// independent reference inside a test.
public enum ExternalTool {
    /// What a finished program printed and returned.
    public struct Outcome: Sendable {
        /// The exit status.
        public var status: Int32
        /// Standard output as UTF-8.
        public var output: String
        /// Standard error as UTF-8.
        public var error: String
    }

    /// Runs `executable` (looked up on `PATH` when it has no slash) with `arguments`.
    public static func run(_ executable: String, _ arguments: [String], input: String? = nil) throws -> Outcome {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
        try inp.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
            error: String(decoding: errData, as: UTF8.self))
    }

    /// Whether a program is on `PATH`.
    public static func isAvailable(_ executable: String) -> Bool {
        (try? run("which", [executable]).status) == 0
    }
}
