import Foundation

/// Checks on file names before they reach C.
enum FilePath {
    /// C reads a name only up to its first NUL: "scene.tif\0junk" would open scene.tif while the
    /// messages named something else, and an output would land under a name nobody gave.
    static func requireNoNUL(_ path: String) throws(GDALError) {
        guard !path.utf8.contains(0) else {
            throw .invalidArgument("\(path.replacingOccurrences(of: "\0", with: "\\0")): a file name cannot hold a NUL character")
        }
    }

    /// Why GDAL could not open a file, in its words, unless the file is empty: GDAL then says only
    /// that the format is not recognised, as of a file of another kind.
    static func openFailure(_ path: String, gdalMessage: String) -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard attributes?[.type] as? FileAttributeType == .typeRegular, (attributes?[.size] as? NSNumber)?.intValue == 0 else { return gdalMessage }
        return "the file is empty (0 bytes): an unfinished download or copy?"
    }
}
