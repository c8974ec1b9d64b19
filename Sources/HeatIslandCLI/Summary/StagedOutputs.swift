import Foundation
import HeatIsland
import HeatIslandGDAL

/// The files of one analysis: written into a hidden directory inside the output directory and moved
/// into place together once every step has succeeded. A run that fails half-way (a clouded
/// reference, a full disk) then leaves the previous run's results as they were, not a mix of old
/// and new files that disagree with each other.
struct StagedOutputs {
    /// The output directory the files end up in.
    let directory: String
    /// The hidden directory they are written to first (same file system, so moving is a rename).
    let staging: String

    /// Creates the output directory if needed and an empty staging directory inside it.
    init(directory: String) throws(CLIError) {
        self.directory = directory
        staging = directory + "/.analysis-\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw .unwritableOutput(path: directory, reason: "cannot create the directory or write in it")
        }
    }

    /// Where to write the file `name` during the run.
    func writing(_ name: String) -> String { staging + "/" + name }

    /// Where the file `name` will be once the run succeeds (for messages and the run summary).
    func final(_ name: String) -> String { directory + "/" + name }

    /// Records the staged file `name` in the run summary under its final path.
    func record(_ name: String, role: String, in summary: inout RunSummary) {
        summary.addOutput(final(name), role: role, writtenAt: writing(name))
    }

    /// Moves every staged file into the output directory (through symbolic links, as other outputs)
    /// and removes the staging directory. Each move is a rename within one file system; should one
    /// fail nonetheless, the files moved before it stay and the error names the one that did not.
    func commit() throws(CLIError) {
        defer { discard() }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: staging) } catch {
            throw .unwritableOutput(path: directory, reason: "cannot list the finished files in \(staging)")
        }
        for name in names.sorted() {
            do throws(GDALError) {
                try AtomicOutput.moveIntoPlace(writing(name), AtomicOutput.destination(of: final(name)))
            } catch { throw .input(.gdal(error)) }
        }
    }

    /// Removes the staging directory and whatever is in it (after a failed step).
    func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }
}
