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
}
