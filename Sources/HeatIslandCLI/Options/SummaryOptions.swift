import ArgumentParser

/// `--summary F`: every command can leave a JSON record of what it did and how long it took.
struct SummaryOptions: ParsableArguments {
    @Option(help: "Write a JSON summary (timings, peak memory, input sizes, counts) to this file.")
    var summary: String?

    /// The run's record, begun once the summary's directory is known to take it: the summary is
    /// written last, and a run must not write its results and then fail over the record of them.
    /// - Parameter command: The command's name.
    func start(_ command: String) throws(CLIError) -> RunSummary {
        if let summary { try TextOutput.requireWritable(summary, allowingSpecialFiles: true) }
        return RunSummary(command: command)
    }

    /// Writes the summary of a command that writes no other file.
    func write(_ record: RunSummary) throws(CLIError) {
        if let summary { try record.write(to: summary) }
    }

    /// Writes the summary into `batch`, to be published with the files it describes.
    func write(_ record: RunSummary, batch: OutputBatch) throws(CLIError) {
        if let summary { try record.write(to: summary, batch: batch) }
    }
}
