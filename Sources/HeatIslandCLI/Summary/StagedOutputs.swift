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
    /// it was to have, since the staging directory is gone by the time the message is read, and
    /// (unless some files had been moved into place) the output directory is said to be as it was,
    /// since the run's messages named files there that now do not exist.
    /// - Parameters:
    ///   - error: What went wrong.
    ///   - committed: Whether ``commit()`` had finished (a later step, such as the summary, failed).
    func naming(_ error: CLIError, committed: Bool) -> CLIError {
        let named = CLIError.staged(error, temporary: staging, final: directory)
        return committed || error.publishedSome ? named : .unpublished(named, directory: directory, removed: false)
    }

    /// Where to write the file `name` during the run.
    func writing(_ name: String) -> String { staging + "/" + name }

    /// Runs `body`; when it throws, removes the folders it made for `directory` (the directory and
    /// any parents that did not exist) as far as they are left empty, so that a failed run leaves no
    /// empty folder of its own making behind, and says so in the error.
    static func removingIfLeftEmpty(_ directory: String, _ body: () throws -> Void) throws {
        let missing = missingFolders(directory)
        do { try body() } catch {
            // rmdir removes a folder only when it is empty, so one that another process has
            // written into in the meantime stays, and so do its parents.
            let removed = !missing.isEmpty && missing.allSatisfy { rmdir($0) == 0 }
            if removed, case .unpublished(let cause, let directory, _)? = error as? CLIError {
                throw CLIError.unpublished(cause, directory: directory, removed: true)
            }
            throw error
        }
    }

    /// `path` and its parents that do not exist yet, deepest first: the folders a run writing there
    /// would make, and should remove again (with `rmdir`, which leaves any that is not empty) when
    /// it publishes nothing.
    static func missingFolders(_ path: String) -> [String] {
        var missing: [String] = []
        var folder = URL(fileURLWithPath: path).standardizedFileURL
        while !FileManager.default.fileExists(atPath: folder.path), folder.path != "/" {
            missing.append(folder.path)
            folder = folder.deletingLastPathComponent()
        }
        return missing
    }

    /// Where the file `name` will be once the run succeeds (for messages and the run summary).
    func final(_ name: String) -> String { directory + "/" + name }

    /// Records the staged file `name` in the run summary under its final path.
    func record(_ name: String, role: String, in summary: inout RunSummary) {
        summary.addOutput(final(name), role: role, writtenAt: writing(name))
    }

    /// Moves every staged file into the output directory (through symbolic links, as other outputs),
    /// those of ``subdirectory(_:)`` into theirs, and removes the staging directory. Every
    /// destination is checked first (a directory, pipe or device where a file goes, a file where a
    /// scene's directory goes), so such a clash fails before any file has moved; then each move is
    /// a rename within one file system. Should a rename fail nonetheless (an I/O error), the files
    /// moved before it stay and the error names the one that did not.
    func commit() throws(CLIError) {
        defer { discard() }
        let moves = try plan(staging, into: directory)
        for (index, (from, to)) in moves.enumerated() {
            do throws(GDALError) {
                try AtomicOutput.moveIntoPlace(from, to)
            } catch { throw index == 0 ? .input(.gdal(error)) : .partlyPublished(.input(.gdal(error))) }
        }
    }

    /// The renames that put the staged files in place, after checking each destination and
    /// creating the directories they go into.
    private func plan(_ source: String, into target: String) throws(CLIError) -> [(from: String, to: String)] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: source) } catch {
            throw .unwritableOutput(path: target, reason: "cannot list the finished files in \(source)")
        }
        var moves: [(from: String, to: String)] = []
        for name in names.sorted() {
            let (from, to) = (source + "/" + name, target + "/" + name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: from, isDirectory: &isDirectory), isDirectory.boolValue {
                var existing: ObjCBool = false
                if FileManager.default.fileExists(atPath: to, isDirectory: &existing), !existing.boolValue {
                    throw .unwritableOutput(path: to, reason: "it is a file where the scene's results go; move it away")
                }
                do { try FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: true) } catch {
                    throw .unwritableOutput(path: to, reason: "cannot create the directory")
                }
                moves += try plan(from, into: to)
                continue
            }
            let destination = AtomicOutput.destination(of: to)
            do throws(GDALError) {
                try AtomicOutput.requireRegularFile(destination, named: to)
            } catch { throw .input(.gdal(error)) }
            moves.append((from, destination))
        }
        return moves
    }

    /// Files named in `names` that lie in the output directory, or one level down in a scene's
    /// subdirectory, and that this run has not staged: an earlier run's results, which would pass
    /// for this run's (a one-scene run's districts.csv beside a several-scene run's folders). They
    /// are left alone, to be named in a warning; ask before ``commit()``.
    func earlierResults(named names: Set<String>) -> [String] {
        func results(in root: String) -> Set<String> {
            let manager = FileManager.default
            var found: Set<String> = []
            for entry in (try? manager.contentsOfDirectory(atPath: root)) ?? [] where !entry.hasPrefix(".") {
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: root + "/" + entry, isDirectory: &isDirectory) else { continue }
                if !isDirectory.boolValue {
                    if names.contains(entry) { found.insert(entry) }
                    continue
                }
                for inner in (try? manager.contentsOfDirectory(atPath: root + "/" + entry)) ?? [] where names.contains(inner) {
                    found.insert(entry + "/" + inner)
                }
            }
            return found
        }
        // The directory's own files first: a list cut short then keeps the tables over scenes.
        let depth = { (name: String) in name.contains("/") ? 1 : 0 }
        return results(in: directory).subtracting(results(in: staging)).sorted { (depth($0), $0) < (depth($1), $1) }.map(final)
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
