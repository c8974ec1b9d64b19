import HeatIslandKernels

/// A Landsat MTL metadata file that cannot be used, named by its path.
public enum MTLError: DescribedError, Sendable, Hashable {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not a well-formed MTL in the format its extension claims.
    case malformed(path: String, line: Int?, reason: String)
    /// The extension is not `.txt`, `.xml` or `.json`.
    case unknownFormat(path: String)
    /// A well-formed MTL that does not belong with the raster (another scene, no calibration for its band).
    case inconsistent(path: String, reason: String)

    /// One line naming the file and the problem.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read MTL: \(reason)"
        case .malformed(let path, let line, let reason):
            "\(path)\(line.map { ":\($0)" } ?? ""): malformed MTL: \(reason)"
        case .unknownFormat(let path): "\(path): not an MTL file (expected .txt, .xml or .json)"
        case .inconsistent(let path, let reason): "\(path): MTL does not match the raster: \(reason)"
        }
    }
}
