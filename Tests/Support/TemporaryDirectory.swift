import Foundation

/// A fresh directory under the system temporary directory, removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
    /// The directory's absolute path.
    public let path: String

    /// Creates the directory.
    public init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("heatisland-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of a file inside the directory.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Names of the entries now in the directory (to check that nothing half-written was left).
    public func entries() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}
