import ArgumentParser

/// `--summary F`: every command can leave a JSON record of what it did and how long it took.
struct SummaryOptions: ParsableArguments {
    @Option(help: "Write a JSON summary (timings, peak memory, input sizes, counts) to this file.")
    var summary: String?

    func write(_ record: RunSummary) throws(CLIError) {
        if let summary { try record.write(to: summary) }
    }
}
