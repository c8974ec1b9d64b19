import CGDAL
import Foundation

/// Entries of a GeoJSON FeatureCollection's `features` array that are not objects.
///
/// GDAL's GeoJSON driver passes over such an entry (a `null`, a number or a string left by a
/// faulty export) without a word, and the layer's feature count leaves it out too, so the zone it
/// stood for would be missing from every table. The file is parsed a second time here to find them.
enum GeoJSONEntries {
    /// Files larger than this are not parsed a second time (GDAL's reading is then all there is).
    static let largestChecked = 256 << 20

    /// The first entry of `features` that is not a JSON object, as its index and a word for what it
    /// is; `nil` when there is none, or the file is no FeatureCollection, cannot be parsed here (GDAL
    /// reports what it cannot read) or is larger than ``largestChecked``.
    /// - Parameter path: The GeoJSON file, a plain or GDAL virtual path.
    static func firstNonObject(in path: String) -> (index: Int, kind: String)? {
        var bytes: UnsafeMutablePointer<GByte>?
        var size: vsi_l_offset = 0
        guard ErrorCapture.quietly({ VSIIngestFile(nil, path, &bytes, &size, GIntBig(largestChecked)) }) != 0, let bytes else { return nil }
        defer { VSIFree(bytes) }
        let data = Data(bytesNoCopy: bytes, count: Int(size), deallocator: .none)
        guard let collection = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let features = collection["features"] as? [Any] else { return nil }
        guard let index = features.firstIndex(where: { !($0 is [String: Any]) }) else { return nil }
        let kind = switch features[index] {
        case is NSNull: "null"
        case is String: "a string"
        case is [Any]: "an array"
        default: "a number or a boolean"
        }
        return (index, kind)
    }
}
