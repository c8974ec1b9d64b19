import CGDAL
import Foundation

/// Files as GDAL sees them: plain paths and its virtual ones alike (`/vsitar/scene.tar/…`,
/// `/vsizip/…`), so that a scene read from an archive finds the QA band and MTL packed beside it,
/// as USGS ships Landsat Level-2 scenes.
public enum VirtualFiles {
    /// The names in a directory, or `nil` when it cannot be listed.
    /// - Parameter directory: A plain or GDAL virtual path.
    public static func entries(in directory: String) -> [String]? {
        GDALRuntime.ensureRegistered()
        guard let list = ErrorCapture.quietly({ VSIReadDir(directory) }) else { return nil }
        defer { CSLDestroy(list) }
        return strings(of: list)
    }

    /// A small file's bytes (metadata, not rasters), or `nil` when it cannot be read.
    /// - Parameters:
    ///   - path: A plain or GDAL virtual path.
    ///   - limit: The most bytes to read; a larger file is not read at all.
    public static func contents(of path: String, limit: Int = 16 << 20) -> Data? {
        GDALRuntime.ensureRegistered()
        var bytes: UnsafeMutablePointer<GByte>?
        var size: vsi_l_offset = 0
        let ok = ErrorCapture.quietly { VSIIngestFile(nil, path, &bytes, &size, GIntBig(limit)) }
        defer { VSIFree(bytes) }
        guard ok != 0, let bytes else { return nil }
        return Data(bytes: bytes, count: Int(size))
    }

    /// Calls `body` with a reader of byte ranges of the file at `path`, which stays open for the
    /// call: for formats whose few bytes of interest lie at offsets the file itself gives.
    /// - Parameters:
    ///   - path: A plain or GDAL virtual path.
    ///   - body: Receives `read(offset, count)`, which returns `nil` for a range past the end.
    /// - Returns: `body`'s result, or `nil` when the file cannot be opened.
    package static func readingRanges<T>(of path: String, _ body: (_ read: (_ offset: Int, _ count: Int) -> [UInt8]?) -> T) -> T? {
        ErrorCapture.quietly {
            guard let file = VSIFOpenL(path, "rb") else { return nil }
            defer { VSIFCloseL(file) }
            return body { offset, count in
                var buffer = [UInt8](repeating: 0, count: count)
                guard VSIFSeekL(file, vsi_l_offset(offset), SEEK_SET) == 0,
                      VSIFReadL(&buffer, 1, count, file) == count else { return nil }
                return buffer
            }
        }
    }
}
