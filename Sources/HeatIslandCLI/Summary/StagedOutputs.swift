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

    /// The staging directories' names start with this, followed by the process id of their run.
    private static let prefix = ".analysis-"

    private init(directory: String, staging: String) {
        (self.directory, self.staging) = (directory, staging)
    }

    /// The files of one part of the run (a scene of several) in subdirectory `name`: staged with
    /// the rest and moved into place by the same ``commit()``, so that a later scene that fails
    /// leaves no earlier scene's new results behind either.
    func subdirectory(_ name: String) throws(CLIError) -> StagedOutputs {
        let part = StagedOutputs(directory: directory + "/" + name, staging: staging + "/" + name)
        do { try FileManager.default.createDirectory(atPath: part.staging, withIntermediateDirectories: true) } catch {
            throw .unwritableOutput(path: part.directory, reason: "cannot create the directory or write in it")
        }
        return part
    }

    /// Creates the output directory if needed and an empty staging directory inside it, after
    /// removing the staging directories of runs that were killed before they could clean up.
    init(directory: String) throws(CLIError) {
        self.directory = directory
        staging = directory + "/" + Self.prefix + "\(getpid())-\(UUID().uuidString)"
        Self.removeAbandoned(in: directory)
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw .unwritableOutput(path: directory, reason: "cannot create the directory or write in it")
        }
    }

    /// Removes staging directories whose run no longer exists. A run that is still going (another
    /// analysis writing to the same directory) keeps its own; so does anything not named by this type.
    /// Process ids are this machine's: two machines (or containers with their own process ids)
    /// writing into one shared `--out` at the same time could take each other's staging for
    /// abandoned, which is why one output directory should have one analysis at a time.
    private static func removeAbandoned(in directory: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count).prefix { $0 != "-" }),
                  kill(pid, 0) == -1, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }

    /// The error as the user should read it: a file that failed while staged is named by the path
    /// it was to have, since the staging directory is gone by the time the message is read.
    func naming(_ error: CLIError) -> CLIError {
        .staged(error, staging: staging, directory: directory)
    }

    /// Where to write the file `name` during the run.
    func writing(_ name: String) -> String { staging + "/" + name }

    /// Where the file `name` will be once the run succeeds (for messages and the run summary).
    func final(_ name: String) -> String { directory + "/" + name }

    /// Records the staged file `name` in the run summary under its final path.
    func record(_ name: String, role: String, in summary: inout RunSummary) {
        summary.addOutput(final(name), role: role, writtenAt: writing(name))
    }

    /// Moves every staged file into the output directory (through symbolic links, as other outputs),
    /// those of ``subdirectory(_:)`` into theirs, and removes the staging directory. Each move is a
    /// rename within one file system; should one fail nonetheless, the files moved before it stay
    /// and the error names the one that did not.
    func commit() throws(CLIError) {
        defer { discard() }
        try move(staging, into: directory)
    }

    private func move(_ source: String, into target: String) throws(CLIError) {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: source) } catch {
            throw .unwritableOutput(path: target, reason: "cannot list the finished files in \(source)")
        }
        for name in names.sorted() {
            let (from, to) = (source + "/" + name, target + "/" + name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: from, isDirectory: &isDirectory), isDirectory.boolValue {
                do { try FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: true) } catch {
                    throw .unwritableOutput(path: to, reason: "cannot create the directory")
                }
                try move(from, into: to)
                continue
            }
            do throws(GDALError) {
                try AtomicOutput.moveIntoPlace(from, AtomicOutput.destination(of: to))
            } catch { throw .input(.gdal(error)) }
        }
    }

    /// Whether `name` is a staging directory of process `pid`.
    static func isStaging(_ name: String, of pid: pid_t) -> Bool {
        name.hasPrefix(prefix + "\(pid)-")
    }

    /// Removes the staging directory and whatever is in it (after a failed step).
    func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }
}
