/// Checks on file names before they reach C.
enum FilePath {
    /// C reads a name only up to its first NUL: "scene.tif\0junk" would open scene.tif while the
    /// messages named something else, and an output would land under a name nobody gave.
    static func requireNoNUL(_ path: String) throws(GDALError) {
        guard !path.utf8.contains(0) else {
            throw .invalidArgument("\(path.replacingOccurrences(of: "\0", with: "\\0")): a file name cannot hold a NUL character")
        }
    }
}
