import Foundation
import ArgumentParser
import HeatIslandGDAL

/// Writes a command's result to a file (atomically) or to standard output.
enum TextOutput {
    static func write(_ text: String, to path: String?) throws(CLIError) {
        // Standard output named as a file is written as standard output: reopening /dev/stdout
        // would start at the beginning of a file that `>>` is appending to.
        guard let path, path != "/dev/stdout", path != "/proc/self/fd/1" else {
            // A full disk or a closed pipe is a failed run, said in one line, not a trap.
            do { try FileHandle.standardOutput.write(contentsOf: Data(text.utf8)) } catch {
                throw .unwritableOutput(path: "standard output", reason: (error as NSError).localizedDescription)
            }
            return
        }
        // Through a symbolic link to its target, and into a pipe or device as it is: renaming a
        // finished temporary file over them would replace the link or the device with a file. A
        // directory is refused by name.
        let target = AtomicOutput.destination(of: path)
        let data = Data(text.utf8)
        if writesInPlace(path, target: target) {
            do {
                guard let handle = FileHandle(forWritingAtPath: target) else { throw CocoaError(.fileWriteNoPermission) }
                defer { try? handle.close() }
                try handle.write(contentsOf: data)
            } catch {
                throw .unwritableOutput(path: path, reason: "cannot write to it (\((error as NSError).localizedDescription))")
            }
            return
        }
        // Under the temporary name every output has, which an interrupted run knows to remove.
        try AtomicOutput.write(to: path, { (temporary) throws(CLIError) in
            do { try data.write(to: URL(fileURLWithPath: temporary)) } catch {
                throw .unwritableOutput(path: path, reason: "cannot write the file (\((error as NSError).localizedDescription))")
            }
        }, failure: { CLIError.input(.gdal($0)) })
    }

    /// Writes `text` into `batch`, to be renamed into place with the command's other files; to
    /// standard output, a pipe or a device at once, since those cannot wait under another name.
    /// - Returns: Where the text was written for now (for its size in the run summary).
    @discardableResult
    static func write(_ text: String, to path: String?, batch: OutputBatch) throws(CLIError) -> String? {
        guard let path, !writesAtOnce(path) else {
            try write(text, to: path)
            return path
        }
        let temporary = try batch.stage(path)
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: temporary)) } catch {
            throw .unwritableOutput(path: path, reason: "cannot write the file (\((error as NSError).localizedDescription))")
        }
        return temporary
    }

    /// Whether text for `path` is written when it comes rather than renamed into place: standard
    /// output, a pipe, a device.
    private static func writesAtOnce(_ path: String) -> Bool {
        path == "/dev/stdout" || path == "/proc/self/fd/1" || writesInPlace(path, target: AtomicOutput.destination(of: path))
    }

    /// Whether a text output goes into `target` as it is (a pipe, a device, standard output)
    /// rather than being renamed into place, which would replace it.
    ///
    /// A name of an open descriptor counts whatever it resolves to: a pipe's link leads to no
    /// path that could be looked at. Any other name under /dev is judged by what it is: /dev/shm,
    /// a memory file system, holds ordinary files, which a name not there yet is to become.
    private static func writesInPlace(_ path: String, target: String) -> Bool {
        let descriptor = ["/dev/stdin", "/dev/stdout", "/dev/stderr"].contains(path) || path.hasPrefix("/dev/fd/") || path.hasPrefix("/proc/")
        let type = (try? FileManager.default.attributesOfItem(atPath: target))?[.type] as? FileAttributeType
        return descriptor || (type != nil && type != .typeRegular && type != .typeDirectory)
    }

    /// Fails when `path` could not be written: its directory does not exist or is not writable, or
    /// it is a directory, or (`allowingSpecialFiles` off, for files renamed into place) a device or
    /// a pipe, which the rename would replace. For checking a later output before an earlier one is
    /// written.
    static func requireWritable(_ path: String, allowingSpecialFiles: Bool) throws(CLIError) {
        if allowingSpecialFiles && writesAtOnce(path) { return }
        // The checks the write itself makes, made now.
        do throws(GDALError) { _ = try AtomicOutput.prepare(path) } catch { throw .input(.gdal(error)) }
    }

    /// Refuses an output that is the same file as an input or another output (after symbolic links),
    /// which the run would replace without a word.
    static func requireDistinct(_ output: String, from other: String, _ option: String, _ otherName: String) throws {
        let resolve = { (path: String) in URL(fileURLWithPath: path).resolvingSymlinksInPath().path }
        if resolve(output) == resolve(other) { throw ValidationError("\(option) \(output) would overwrite \(otherName)") }
    }

    /// ``requireDistinct(_:from:_:_:)`` for every output given (option name beside it) against every
    /// input given (described beside it), every file GDAL reads with that input (a Shapefile's
    /// `.dbf`, a VRT's sources, an `.aux.xml`), and every earlier output.
    static func requireSeparate(outputs: [(path: String?, option: String)], inputs: [(path: String?, name: String)]) throws {
        let given = outputs.compactMap { o in o.path.map { (path: $0, option: o.option) } }
        guard !given.isEmpty else { return }
        let read = inputs.flatMap { input in
            input.path.map { path in
                DatasetFiles.files(of: path).enumerated().map { k, file in (file, k == 0 ? input.name : "\(file), which GDAL reads with \(input.name)") }
            } ?? []
        }
        for (k, output) in given.enumerated() {
            for (input, name) in read { try requireDistinct(output.path, from: input, output.option, name) }
            for earlier in given[..<k] { try requireDistinct(output.path, from: earlier.path, output.option, earlier.option) }
        }
    }

    /// The first `count` of `names`, comma-separated, with "…" when there are more: one warning
    /// line for many zones or districts in the same situation.
    static func list(_ names: [String], first count: Int = 10) -> String {
        names.prefix(count).joined(separator: ", ") + (names.count > count ? " …" : "")
    }

    static func warn(_ message: String) {
        toStandardError("kranj-heat: warning: \(message)\n")
    }

    /// Writes to standard error, if it can be written: a message about a failure has nowhere else
    /// to go, and the non-throwing `FileHandle.write(_:)` traps on a closed or full standard error
    /// (`2>/dev/full`), which would skip the clean-up of the run's unfinished files.
    static func toStandardError(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }
}
