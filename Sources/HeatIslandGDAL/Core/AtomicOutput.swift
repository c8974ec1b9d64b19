import Foundation

/// Writes a file under a temporary name beside its destination and renames it into place only when
/// the writer has succeeded, so a failure never leaves a half-written result behind.
package enum AtomicOutput {
    /// Checks the destination directory, runs `write` on a temporary path and renames the result.
    /// - Parameters:
    ///   - path: The final destination.
    ///   - write: Writes the complete file to the path it is given.
    /// - Throws: ``GDALError/writeFailed(path:message:)`` for an unwritable destination, or what `write` throws.
    package static func write(to path: String, _ write: (String) throws(GDALError) -> Void) throws(GDALError) {
        try self.write(to: path, write, failure: { $0 })
    }

    /// The same, for a writer that throws an error type of its own (maps, reports).
    /// - Parameters:
    ///   - path: The final destination.
    ///   - write: Writes the complete file to the path it is given.
    ///   - failure: Turns an unwritable destination or a failed rename into the writer's error type.
    /// - Throws: What `write` throws, or `failure`'s error.
    package static func write<Failure: Error>(
        to path: String, _ write: (String) throws(Failure) -> Void, failure: (GDALError) -> Failure
    ) throws(Failure) {
        let (temporary, target): (String, String)
        do { (temporary, target) = try prepare(path) } catch { throw failure(error) }
        do {
            try write(temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        do { try moveIntoPlace(temporary, target) } catch { throw failure(error) }
    }

    /// The checks every atomic write makes before it writes, and the names it writes under.
    /// - Parameter path: The final destination as given.
    /// - Returns: A temporary name beside the destination, and the destination with symbolic links
    ///   followed.
    /// - Throws: ``GDALError/writeFailed(path:message:)`` for a destination that is not a regular
    ///   file, that names a directory (`out/new/`), or whose directory does not exist or is not writable.
    package static func prepare(_ path: String) throws(GDALError) -> (temporary: String, destination: String) {
        try FilePath.requireNoNUL(path)
        // `out/new/` resolves to `out/new`, which would become a file where a directory was meant.
        if let last = path.split(separator: "/", omittingEmptySubsequences: false).last, path.hasSuffix("/") || last == "." || last == ".." {
            throw .writeFailed(path: path, message: "it ends in “\(path.hasSuffix("/") ? "/" : "/" + last)”, so it names a directory; name a file")
        }
        let target = destination(of: path)
        try requireRegularFile(target, named: path)
        return (try temporaryPath(for: target), target)
    }

    /// Where a file for `path` ends up: a symbolic link is written through to its target, not
    /// replaced by the new file.
    package static func destination(of path: String) -> String {
        var url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        // A link to a file that does not exist yet is left as it is by the above: followed by hand
        // (a bounded number of times, as the system does), so that the new file goes where it points.
        for _ in 0..<40 {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) else { break }
            url = URL(fileURLWithPath: target, relativeTo: url.deletingLastPathComponent()).standardizedFileURL.resolvingSymlinksInPath()
        }
        return url.path
    }

    /// Refuses a destination that exists and is not a regular file: the rename would replace a
    /// directory's place, a device (as root, `/dev/null` itself) or a pipe with the new file. A
    /// read-only file (no write permission for anyone) is refused too: the rename needs only the
    /// directory's permission, so it would replace a file someone protected, even where writing
    /// into it would have failed.
    /// - Parameters:
    ///   - target: The destination, symbolic links resolved.
    ///   - path: The destination as given, for the message.
    /// - Throws: ``GDALError/writeFailed(path:message:)`` saying what the destination is.
    package static func requireRegularFile(_ target: String, named path: String) throws(GDALError) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: target),
              let type = attributes[.type] as? FileAttributeType else { return }
        guard type == .typeRegular else {
            throw .writeFailed(path: path, message: type == .typeDirectory
                ? "it is a directory; name a file in it"
                : "not a regular file (a device, pipe or socket), which writing would replace")
        }
        if let permissions = attributes[.posixPermissions] as? Int, permissions & 0o222 == 0 {
            throw .writeFailed(path: path, message: "it is read-only (permissions \(String(permissions, radix: 8))); make it writable or remove it to replace it")
        }
    }

    /// A hidden temporary name in the destination's directory (so the final rename stays on one
    /// file system), after checking that the directory exists and is writable.
    /// - Parameter path: The final destination.
    /// - Throws: ``GDALError/writeFailed(path:message:)`` naming the directory.
    package static func temporaryPath(for path: String) throws(GDALError) -> String {
        let destination = URL(fileURLWithPath: path)
        let directory = destination.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw .writeFailed(path: path, message: "directory \(directory) does not exist")
        }
        guard isDirectory.boolValue else { throw .writeFailed(path: path, message: "\(directory) is a file, not a directory") }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw .writeFailed(path: path, message: "directory \(directory) is not writable")
        }
        return directory + "/." + shortened(destination.lastPathComponent) + partialMarker(of: getpid()) + UUID().uuidString.prefix(12)
    }

    /// The start of a file name, at most 64 UTF-8 bytes of it: enough to tell whose temporary file
    /// it is, and short enough that a name near the system's limit of 255 bytes still has room
    /// for the marker, as does a temporary name made from a temporary name.
    private static func shortened(_ name: String) -> String {
        var bytes = 0
        return String(name.prefix { character in
            bytes += character.utf8.count
            return bytes <= 64
        })
    }

    /// What the names of process `pid`'s temporary files contain (GDAL's own side files for them,
    /// such as a COG's overview file, too), so that a process stopped by a signal can find and
    /// remove them before it exits.
    /// - Parameter pid: The writing process.
    package static func partialMarker(of pid: pid_t) -> String {
        ".partial-\(pid)-"
    }

    /// Renames a finished temporary file to its destination, deleting it when that fails.
    /// - Parameters:
    ///   - temporary: The finished file.
    ///   - path: The destination.
    /// - Throws: ``GDALError/writeFailed(path:message:)`` with the system's reason.
    package static func moveIntoPlace(_ temporary: String, _ path: String) throws(GDALError) {
        // A file replaced keeps its permissions: a table kept private (0600) must not come back
        // readable by everyone, as a new file of the default mask would be.
        var existing = stat()
        if stat(path, &existing) == 0, (existing.st_mode & S_IFMT) == S_IFREG { _ = chmod(temporary, existing.st_mode & 0o777) }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw .writeFailed(path: path, message: reason)
        }
    }
}
