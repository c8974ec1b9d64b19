import Foundation
import HeatIslandGDAL

/// The files of a command that writes more than one (a table and its `--summary`, a z map and a
/// class map): each is written under a temporary name beside its destination, and all are renamed
/// into place once the last one is written. A run that fails at its last file (the summary on a
/// full disk) then publishes none, and the previous results stay as they were.
///
/// Text for standard output, a pipe or a device cannot wait under another name: it is written when
/// it comes (``TextOutput/write(_:to:batch:)``).
final class OutputBatch {
    private var staged: [(temporary: String, destination: String, path: String)] = []

    /// Where to write the file for `path` now: a temporary name beside where it goes (through
    /// symbolic links), after the checks a direct write makes.
    /// - Parameter path: The output as given.
    func stage(_ path: String) throws(CLIError) -> String {
        do throws(GDALError) {
            let (temporary, destination) = try AtomicOutput.prepare(path)
            staged.append((temporary, destination, path))
            return temporary
        } catch { throw .input(.gdal(error)) }
    }

    /// The error as the user should read it: temporary names replaced by the outputs' own.
    func naming(_ error: CLIError) -> CLIError {
        staged.reduce(error) { error, file in .staged(error, temporary: file.temporary, final: file.path) }
    }

    /// Renames every file into place, in the order they were staged.
    func publish() throws(CLIError) {
        defer { discard() }
        for (index, file) in staged.enumerated() {
            do throws(GDALError) { try AtomicOutput.moveIntoPlace(file.temporary, file.destination) } catch {
                throw index == 0 ? .input(.gdal(error)) : .partlyPublished(.input(.gdal(error)))
            }
        }
    }

    /// Removes whatever is still under a temporary name (after a failed step; a no-op once published).
    func discard() {
        for file in staged { try? FileManager.default.removeItem(atPath: file.temporary) }
        staged = []
    }

    /// Runs `body`, which writes into the batch, then publishes it; on failure removes what was
    /// staged and names the outputs as given in the error.
    func writing(_ body: (OutputBatch) throws(CLIError) -> Void) throws(CLIError) {
        do {
            try body(self)
            try publish()
        } catch {
            let named = naming(error)
            discard()
            throw named
        }
    }
}
