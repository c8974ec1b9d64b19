import HeatIslandGDAL
import HeatIslandKernels

/// An error from the analysis layer: bad input named by its file and problem, in one line.
///
/// Errors from the GDAL face and from MTL parsing are wrapped rather than re-described, so the
/// original message (which names the file) reaches the user unchanged.
public enum HeatIslandError: DescribedError, Sendable, Equatable {
    /// GDAL, OGR or OSR failed (missing or corrupt file, no CRS, unwritable output …).
    case gdal(GDALError)
    /// A Landsat MTL metadata file could not be used.
    case metadata(MTLError)
    /// The values do not look like land-surface temperature in the unit they claim.
    case implausibleValues(path: String, detail: String)
    /// The quality band cannot mask the temperature band: another grid, not an integer band, or the
    /// temperature band itself.
    case qualityGridMismatch(path: String, qualityPath: String, detail: String)
    /// A Landsat band without the QA_PIXEL band that masks its clouds, while masking is on.
    case missingQualityBand(path: String)
    /// Every pixel is missing after masking.
    case noValidPixels(path: String, detail: String)
    /// A float raster whose unit is neither stated by the caller nor readable from its metadata.
    case unknownUnit(path: String, unit: String)
    /// The raster cannot be read as the requested or detected LST product.
    case unsupportedProduct(path: String, detail: String)
    /// A zones file or zone that cannot be used (no features, a degenerate ring …).
    case invalidZones(path: String, detail: String)
    /// An argument that makes no sense (an empty range, a negative resolution …).
    case invalidArgument(String)
    /// Not one zone overlaps the raster (a wrong CRS, file or area); some zones missing it are only reported.
    case noOverlap(zones: String, raster: String)
    /// The decoded grid would exceed the memory allowed for it (``LSTLoadOptions/memoryLimitBytes``).
    case tooLargeForMemory(path: String, width: Int, height: Int, limitBytes: Int)
    /// Even the blocks a streaming pass reads at once (a `width` × `height` window and its scratch
    /// buffers) would exceed ``LSTLoadOptions/memoryLimitBytes``: a raster millions of cells wide,
    /// or a header that claims to be.
    case blockTooLargeForMemory(path: String, width: Int, height: Int, limitBytes: Int)
    /// The calling task of an `async` form was cancelled: before the operation started, or while it
    /// ran (loading, zonal statistics and streamed cell hot spots stop at their next block row or zone).
    case cancelled(operation: String)

    /// One line naming the input and the problem.
    public var description: String {
        switch self {
        case .gdal(let error): error.description
        case .metadata(let error): error.description
        case .implausibleValues(let path, let detail): "\(path): implausible land-surface temperatures: \(detail)"
        case .qualityGridMismatch(let path, let qa, let detail):
            "\(qa): cannot be the quality band of \(path): \(detail)"
        case .missingQualityBand(let path):
            "\(path): no QA_PIXEL band found beside it, so clouds cannot be masked; put the scene's QA_PIXEL file beside it, name it (--qa on the command line, LSTLoadOptions.qualityPath in Swift), or accept unmasked clouds (--no-qa, LSTLoadOptions.useQuality = false)"
        case .noValidPixels(let path, let detail): "\(path): no valid pixels: \(detail)"
        case .unknownUnit(let path, let unit):
            "\(path): unknown temperature unit '\(unit)'; state it (--product kelvin or celsius on the command line, LSTLoadOptions.product in Swift)"
        case .unsupportedProduct(let path, let detail): "\(path): \(detail)"
        case .invalidZones(let path, let detail): "\(path): \(detail)"
        case .invalidArgument(let message): message
        case .noOverlap(let zones, let raster): "\(zones): no zone overlaps \(raster) (check the CRS of both and that they cover the same area)"
        case .tooLargeForMemory(let path, let width, let height, let limit):
            "\(path): a \(width) × \(height) grid does not fit in the \(limit >> 20) MiB allowed; stream it (zonal, hotspots --streaming on the command line; ZonalStatisticsRunner.stream, CellHotspots.stream in Swift)"
        case .blockTooLargeForMemory(let path, let width, let height, let limit):
            "\(path): streaming it takes blocks of \(width) × \(height) cells, more than fit in the \(limit >> 20) MiB allowed (is its size in the header right?)"
        case .cancelled(let operation): "\(operation): cancelled"
        }
    }
}
