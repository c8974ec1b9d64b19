import Foundation

/// Runs a command-line program (GDAL's utilities, a browser, the CLI under test) to produce an
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
        /// Whether the program was killed for running past its `killAfter` limit.
        public var hung = false
    }

    /// Runs `executable` (looked up on `PATH` when it has no slash) with `arguments`.
    /// - Parameter killAfter: Seconds after which the program is taken to hang and is killed, so
    ///   that a hang fails its test instead of stopping the whole run.
    public static func run(_ executable: String, _ arguments: [String], input: String? = nil, killAfter: TimeInterval? = nil) throws -> Outcome {
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
        let killed = Flag()
        if let killAfter {
            DispatchQueue.global().asyncAfter(deadline: .now() + killAfter) { [pid = process.processIdentifier] in
                if process.isRunning {
                    killed.set()
                    kill(pid, SIGKILL)
                }
            }
        }
        if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
        try inp.fileHandleForWriting.close()
        // Standard error is drained beside standard output: a program that fills one pipe while we
        // wait on the other would otherwise block for ever.
        let errData = Bytes()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errData.data = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
            error: String(decoding: errData.data, as: UTF8.self), hung: killed.value)
    }

    /// Set by the watchdog when it kills the program.
    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var isSet = false
        var value: Bool { lock.withLock { isSet } }
        func set() { lock.withLock { isSet = true } }
    }

    /// Bytes read on another thread, handed over through a semaphore.
    private final class Bytes: @unchecked Sendable {
        var data = Data()
    }

    /// Whether a program is on `PATH`.
    public static func isAvailable(_ executable: String) -> Bool {
        (try? run("which", [executable]).status) == 0
    }
}
