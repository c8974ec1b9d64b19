import CGDAL
import Foundation
import HeatIslandKernels

/// Writes a Float32 GeoTIFF one window at a time, for results larger than memory.
///
/// The file grows under a temporary name beside its destination and is renamed into place by
/// ``finish()``; a writer dropped before that (an error while computing) deletes the partial file,
/// so a failure never leaves a half-written result. Each written window is flushed from GDAL's
/// block cache at once, which keeps memory at one window whatever the raster's size.
///
/// Like every GDAL handle, a writer belongs to the thread that uses it.
public final class GeoTIFFBlockWriter {
    /// The destination.
    public let path: String
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Number of bands.
    public let bandCount: Int

    /// How tiles are stored.
    public enum Compression: Sendable, Hashable {
        /// DEFLATE: smaller files, slower writes.
        case deflate
        /// Uncompressed: the fastest to write and to read back (intermediate files, tests).
        case none
    }
    private let temporary: String
    private let target: String
    private var handle: GDALDatasetH?

    /// Creates the (temporary) file: tiled 256 × 256, BigTIFF when needed, NaN as nodata.
    /// - Parameters:
    ///   - path: The destination.
    ///   - width: Width in pixels.
    ///   - height: Height in pixels.
    ///   - transform: Pixel-to-map transform.
    ///   - spatialReference: CRS.
    ///   - descriptions: One description (name) per band.
    ///   - unit: The values' unit (for example `"Celsius"`), recorded on every band; none when `nil`.
    ///   - compression: DEFLATE (default) or none.
    /// - Throws: ``GDALError/writeFailed(path:message:)`` for an unwritable destination.
    public init(
        path: String, width: Int, height: Int, transform: GeoTransform,
        spatialReference: SpatialReference, descriptions: [String], unit: String? = nil, compression: Compression = .deflate
    ) throws(GDALError) {
        guard let w = Int32(exactly: width), let h = Int32(exactly: height), width > 0, height > 0,
              let bands = Int32(exactly: descriptions.count), bands > 0 else {
            throw .invalidArgument("\(path): cannot create a \(width) × \(height) raster with \(descriptions.count) bands")
        }
        (self.path, self.width, self.height, self.bandCount) = (path, width, height, descriptions.count)
        (temporary, target) = try AtomicOutput.prepare(path)
        let name = temporary
        let created: Result<GDALDatasetH, GDALError> = ErrorCapture.run { capture in
            guard let driver = GDALGetDriverByName("GTiff") else { return .failure(.writeFailed(path: path, message: "GDAL has no GTiff driver")) }
            // Band interleaving: with pixel interleaving each tile holds every band, and writing band by band
            // would rewrite (and append) every tile once per band.
            var options = ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "BIGTIFF=IF_SAFER", "INTERLEAVE=BAND"]
            // Level 1 with the floating-point predictor: as small as level 6 at under half the time.
            if compression == .deflate { options += ["COMPRESS=DEFLATE", "ZLEVEL=1", "PREDICTOR=3", "NUM_THREADS=ALL_CPUS"] }
            let dataset = withCStringList(&options) { GDALCreate(driver, name, w, h, bands, GDT_Float32, $0) }
            guard let dataset else { return .failure(.writeFailed(path: path, message: capture.message(or: "GDAL could not create the file"))) }
            return .success(dataset)
        }
        let dataset: GDALDatasetH
        switch created {
        case .success(let d): dataset = d
        case .failure(let error): throw error
        }
        handle = dataset
        var coefficients = transform.gdalCoefficients
        GDALSetGeoTransform(dataset, &coefficients)
        GDALSetProjection(dataset, spatialReference.wkt)
        for (i, text) in descriptions.enumerated() {
            let band = GDALGetRasterBand(dataset, Int32(i + 1))
            GDALSetRasterNoDataValue(band, .nan)
            GDALSetDescription(band, text)
            if let unit { GDALSetRasterUnitType(band, unit) }
        }
    }

    deinit {
        if let handle {
            // Closing flushes the blocks still cached, which fails again after a write error (disk
            // full): the error has been reported once, and GDAL must not print it to standard error.
            ErrorCapture.quietly { GDALClose(handle) }
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }

    /// Writes one window of one band and flushes it to the file.
    /// - Parameters:
    ///   - values: `window.width × window.height` row-major values.
    ///   - band: Band number, 1-based.
    ///   - window: Where the values go.
    /// - Throws: ``GDALError/writeFailed(path:message:)`` with the first error GDAL reported (disk
    ///   full, for example), or ``GDALError/invalidWindow(path:window:)``.
    public func write(_ values: UnsafeBufferPointer<Float>, band: Int, window: PixelWindow) throws(GDALError) {
        try transfer(GF_Write, UnsafeMutableRawPointer(mutating: values.baseAddress), count: values.count, band: band, window: window)
    }

    /// Reads back one window of one band written earlier, for results whose later bands depend on
    /// all of an earlier one (false-discovery-rate classes need every z-score first).
    /// - Parameters:
    ///   - values: Receives `window.width × window.height` row-major values; NaN where nothing was written.
    ///   - band: Band number, 1-based.
    ///   - window: The window to read.
    /// - Throws: ``GDALError/readFailed(path:message:)`` or ``GDALError/invalidWindow(path:window:)``.
    public func read(into values: UnsafeMutableBufferPointer<Float>, band: Int, window: PixelWindow) throws(GDALError) {
        try transfer(GF_Read, UnsafeMutableRawPointer(values.baseAddress), count: values.count, band: band, window: window)
    }

    /// Moves one window of one band between `values` and the file, then drops it from GDAL's block
    /// cache (writing its tiles first), which keeps memory at one window whatever the raster's size.
    private func transfer(_ direction: GDALRWFlag, _ values: UnsafeMutableRawPointer?, count: Int, band: Int, window: PixelWindow) throws(GDALError) {
        let reading = direction == GF_Read
        let failed = { (message: String) -> GDALError in reading ? .readFailed(path: self.path, message: message) : .writeFailed(path: self.path, message: message) }
        guard let handle, (1...bandCount).contains(band) else { throw failed("band \(band) is not \(reading ? "readable" : "writable")") }
        guard window.fits(width: width, height: height), let pixels = window.pixelCount, pixels <= count,
              let cols = Int32(exactly: window.width), let rows = Int32(exactly: window.height) else {
            throw .invalidWindow(path: path, window: "\(window)")
        }
        let failure: String? = ErrorCapture.run { capture in
            let target = GDALGetRasterBand(handle, Int32(band))
            let err = GDALRasterIO(target, direction, Int32(window.column), Int32(window.row), cols, rows, values, cols, rows, GDT_Float32, 0, 0)
            guard err == CE_None else { return capture.cause(or: "GDAL could not \(reading ? "read" : "write") the pixels") }
            let flushed = GDALFlushRasterCache(target) == CE_None
            // The GTiff driver reports a failed tile write (disk full) and may still return success
            // for this flush, failing only a later one without saying why again: any error counts.
            guard flushed, capture.messages.isEmpty else { return capture.cause(or: "flushing the pixels failed") }
            return nil
        }
        if let failure { throw failed(failure) }
    }

    /// Closes the file and renames it into place. The writer is spent afterwards.
    /// - Throws: ``GDALError/writeFailed(path:message:)`` when closing or renaming fails.
    public func finish() throws(GDALError) {
        guard let handle else { throw .writeFailed(path: path, message: "the file was already finished") }
        self.handle = nil
        let failure: String? = ErrorCapture.run { capture in
            GDALRuntime.close(handle) && capture.messages.isEmpty ? nil : capture.cause(or: "flushing the file failed")
        }
        if let failure {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .writeFailed(path: path, message: failure)
        }
        try AtomicOutput.moveIntoPlace(temporary, target)
    }
}
