import Foundation

/// The SHA-256 of an input file, computed on a background thread from the moment the run names the
/// file, and waited for only when `run.json` is written: a Landsat scene's checksum takes seconds
/// on one core, which otherwise came before any of the run's work. Encodes as the hex digest, or
/// null when the file could not be read.
final class BackgroundDigest: Encodable, @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once on the background thread before it leaves `done`; read only after waiting on it.
    private var hex: String?

    /// Starts hashing `path`.
    init(file path: String) {
        done.enter()
        DispatchQueue.global(qos: .utility).async { [self] in
            hex = SHA256.hex(ofFile: path)
            done.leave()
        }
    }

    /// The hex digest, once computed; `nil` when the file could not be read.
    var value: String? {
        done.wait()
        return hex
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
