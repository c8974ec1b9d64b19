import HeatIslandKernels

/// An error from GDAL, OGR or OSR, or from checks this module makes before calling them.
///
/// Every case names the file or input involved and carries GDAL's own message where there is one,
/// so that a command-line tool can print `description` as a single line.
public enum GDALError: DescribedError, Sendable, Equatable {
    /// The file does not exist or cannot be read.
    case fileNotFound(path: String)
    /// GDAL could not open the file as a raster or vector dataset (not a recognised format, corrupt or truncated).
    case openFailed(path: String, message: String)
    /// A band index outside `1...bandCount`.
    case noSuchBand(path: String, band: Int, bandCount: Int)
    /// A window that does not fit inside the raster, or a size that overflows.
    case invalidWindow(path: String, window: String)
    /// Reading pixels failed (often a truncated or corrupt file).
    case readFailed(path: String, message: String)
    /// Writing failed (unwritable directory, disk full, unsupported option).
    case writeFailed(path: String, message: String)
    /// The raster has no usable geotransform (missing, rotated where not supported, or degenerate).
    case invalidGeoTransform(path: String, message: String)
    /// The dataset has no coordinate reference system.
    case missingSpatialReference(path: String)
    /// A CRS definition (EPSG code, WKT, PROJ string) that OSR does not understand.
    case invalidSpatialReference(definition: String, message: String)
    /// Points could not be transformed between two reference systems.
    case transformFailed(message: String)
    /// Warping (reprojection) failed.
    case warpFailed(path: String, message: String)
    /// The caller's progress handler stopped the operation (see ``GDALProgressHandler``).
    case stopped(path: String)
    /// A layer, field or feature that is not there, or a geometry OGR cannot use.
    case vectorFailed(path: String, message: String)
    /// An argument that GDAL would reject (for example a size beyond GDAL's 32-bit limits).
    case invalidArgument(String)

    /// One line: the input and what went wrong.
    public var description: String {
        switch self {
        case .fileNotFound(let path): "\(path): no such file"
        case .openFailed(let path, let message): "\(path): cannot open: \(message)"
        case .noSuchBand(let path, let band, let count): "\(path): no band \(band) (the raster has \(count))"
        case .invalidWindow(let path, let window): "\(path): window \(window) is outside the raster"
        case .readFailed(let path, let message): "\(path): read failed: \(message)"
        case .writeFailed(let path, let message): "\(path): cannot write: \(message)"
        case .invalidGeoTransform(let path, let message): "\(path): bad geotransform: \(message)"
        case .missingSpatialReference(let path): "\(path): has no coordinate reference system"
        case .invalidSpatialReference(let definition, let message):
            "unknown or invalid coordinate reference system '\(definition)': \(message)"
        case .transformFailed(let message): "coordinate transformation failed: \(message)"
        case .warpFailed(let path, let message): "\(path): reprojection failed: \(message)"
        case .stopped(let path): "\(path): stopped before it finished"
        case .vectorFailed(let path, let message): "\(path): \(message)"
        case .invalidArgument(let message): message
        }
    }
}
