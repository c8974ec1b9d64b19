import ArgumentParser
import Foundation

/// `--summary F`: every command can leave a JSON record of what it did and how long it took.
struct SummaryOptions: ParsableArguments {
    @Option(help: "Write a JSON summary (timings, peak memory, input sizes, counts) to this file.")
    var summary: String?

    /// The run's record, begun once the summary's directory is known to take it: the summary is
    /// written last, and a run must not write its results and then fail over the record of them.
    /// - Parameter command: The command's name.
    func start(_ command: String) throws(CLIError) -> RunSummary {
        try requireWritableDirectory()
        return RunSummary(command: command)
    }

    private func requireWritableDirectory() throws(CLIError) {
        guard let summary else { return }
        let directory = URL(fileURLWithPath: summary).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
              FileManager.default.isWritableFile(atPath: directory) else {
            throw CLIError.unwritableOutput(path: summary, reason: "directory \(directory) does not exist or is not writable")
        }
    }

    func write(_ record: RunSummary) throws(CLIError) {
        if let summary { try record.write(to: summary) }
    }
}
