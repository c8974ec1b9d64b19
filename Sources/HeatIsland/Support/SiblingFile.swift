import Foundation
import HeatIslandGDAL

/// Finds files that satellite products ship beside each other (`…_ST_B10.TIF` and `…_QA_PIXEL.TIF`).
enum SiblingFile {
    /// The file in the same directory whose name is `name` with `suffix` replaced by `replacement`,
    /// matched case-insensitively because archives differ in the case of extensions.
    static func find(besides path: String, replacingSuffix suffix: String, with replacement: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        guard let range = name.range(of: suffix, options: [.caseInsensitive, .backwards]) else { return nil }
        let wanted = name.replacingCharacters(in: range, with: replacement)
        let directory = url.deletingLastPathComponent()
        // Listed through GDAL, so that a scene inside an archive (/vsitar/…) finds its siblings there.
        let entries = VirtualFiles.entries(in: directory.path) ?? []
        return (entries.first { $0 == wanted } ?? entries.first { $0.caseInsensitiveCompare(wanted) == .orderedSame })
            .map { directory.appendingPathComponent($0).path }
    }
}
