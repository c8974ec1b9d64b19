import Foundation

/// Writes a file under a temporary name beside its destination and renames it into place only when
/// the writer has succeeded, so a failure never leaves a half-written result behind.
enum AtomicOutput {
    /// Checks the destination directory, runs `write` on a temporary path and renames the result.
    /// - Parameters:
    ///   - path: The final destination.
    ///   - write: Writes the complete file to the path it is given.
    /// - Throws: ``GDALError/writeFailed(path:message:)`` for an unwritable destination, or what `write` throws.
    static func write(to path: String, _ write: (String) throws(GDALError) -> Void) throws(GDALError) {
        let destination = URL(fileURLWithPath: path)
        let directory = destination.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .writeFailed(path: path, message: "directory \(directory) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw .writeFailed(path: path, message: "directory \(directory) is not writable")
        }
        let temporary = directory + "/." + destination.lastPathComponent + ".partial-\(UUID().uuidString)"
        do {
            try write(temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw .writeFailed(path: path, message: reason)
        }
    }
}
