import Foundation

/// Free space on a file system, for refusing outputs that cannot fit before writing starts.
enum FreeSpace {
    /// Bytes available to this process on the file system holding `directory`, or `nil` when the
    /// system does not say (the check is then skipped rather than guessed).
    static func bytes(at directory: String) -> Int64? {
        let attributes = try? FileManager.default.attributesOfFileSystem(forPath: directory)
        return (attributes?[.systemFreeSize] as? NSNumber)?.int64Value
    }

    /// A byte count for messages, in binary units: "3.4 GiB".
    static func text(_ bytes: Double) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = bytes, unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(Int(value)) bytes" : String(format: "%.1f %@", value, units[unit])
    }
}
