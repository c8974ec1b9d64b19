import CGDAL
import Foundation

/// Bytes already in memory (a download, a database blob) exposed to GDAL as a file under
/// `/vsimem/`, so that ``RasterDataset`` and ``VectorDataset`` open them like any path.
///
/// GDAL gets its own copy of the bytes, and the file is unlinked when the value is released.
///
/// ```swift
/// let file = try MemoryFile(bytes: [UInt8](downloaded), name: "districts.geojson")   // downloaded: Data
/// let layer = try VectorDataset(path: file.path).layer()
/// ```
public final class MemoryFile: @unchecked Sendable {
    /// The `/vsimem/` path to open.
    public let path: String

    /// Creates the file.
    /// - Parameters:
    ///   - bytes: The file's content.
    ///   - name: A file name; its extension is what GDAL drivers that go by extension look at.
    /// - Throws: ``GDALError/writeFailed(path:message:)`` when GDAL cannot take the bytes.
    public init(bytes: [UInt8], name: String) throws(GDALError) {
        GDALRuntime.ensureRegistered()
        let safeName = name.replacingOccurrences(of: "/", with: "_")
        path = "/vsimem/heatisland-\(UUID().uuidString)/\(safeName)"
        // GDAL owns (and frees) a copy made with its own allocator, so this value never has to
        // outlive the datasets opened on it.
        guard let copy = VSIMalloc(max(bytes.count, 1))?.assumingMemoryBound(to: UInt8.self) else {
            throw .writeFailed(path: path, message: "no memory for \(bytes.count) bytes")
        }
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { copy.update(from: base, count: bytes.count) }
        }
        guard let handle = VSIFileFromMemBuffer(path, copy, vsi_l_offset(bytes.count), 1) else {
            VSIFree(copy)
            throw .writeFailed(path: path, message: "GDAL could not create the in-memory file")
        }
        VSIFCloseL(handle)
    }

    deinit { VSIUnlink(path) }
}
