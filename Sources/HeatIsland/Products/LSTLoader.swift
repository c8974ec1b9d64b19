import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// Reads a land-surface-temperature raster and decodes it to °C, masking fill, clouds and
/// implausible values.
///
/// ```swift
/// let scene = try LSTLoader.load(path: "LC09_L2SP_190028_20240715_20240716_02_T1_ST_B10.TIF")
/// print(scene.product, scene.maskCounts.valid, scene.calibration.source)
/// ```
///
/// The GDAL handles are opened and closed inside the call, so it is safe to call from any thread
/// or task, and several loads may run at once.
public enum LSTLoader {
    /// Loads and decodes a raster.
    /// - Parameters:
    ///   - path: A raster file, GDAL virtual path or container (an HDF granule is searched for `LST_Day_1km`).
    ///   - options: Product, quality band, mask and plausible range.
    ///   - progress: Called with the fraction of rows decoded.
    /// - Returns: The °C grid with its mask counts and calibration.
    /// - Throws: ``HeatIslandError`` naming the file: unreadable, no georeferencing, unknown unit,
    ///   mismatched quality band, implausible values, no valid pixel at all, or a grid larger than
    ///   ``LSTLoadOptions/memoryLimitBytes``.
    public static func load(
        path: String, options: LSTLoadOptions = LSTLoadOptions(), progress: ProgressHandler? = nil
    ) throws(HeatIslandError) -> LSTScene {
        try load(path: path, options: options, checkpoint: Checkpoint(path, progress: progress))
    }

    /// The work of both forms, reporting (and, from a task, stopping) after each block row.
    static func load(path: String, options: LSTLoadOptions, checkpoint: Checkpoint) throws(HeatIslandError) -> LSTScene {
        var reader = try LSTBlockReader(path: path, options: options)
        let (width, height) = (reader.dataset.width, reader.dataset.height)
        guard let total = PixelWindow.full(width: width, height: height).pixelCount,
              total <= options.memoryLimitBytes / MemoryLayout<Float>.size else {
            throw .tooLargeForMemory(path: reader.dataset.path, width: width, height: height, limitBytes: options.memoryLimitBytes)
        }
        let windows = reader.windows()
        // The windows cover every row and each is decoded whole, so the grid is not filled first:
        // that was a pass over 250 MB for a full Landsat scene.
        let values = try [Float](unsafeUninitializedCapacity: total) { (all, initialized) throws(HeatIslandError) in
            for (i, window) in windows.enumerated() {
                let start = window.row * width
                try reader.decode(window, into: UnsafeMutableBufferPointer(rebasing: all[start..<(start + (window.pixelCount ?? 0))]))
                try checkpoint.reached(Double(i + 1) / Double(windows.count))
            }
            initialized = total
        }
        let counts = try reader.finish()
        let raster: GeoRaster
        do throws(GDALError) {
            raster = try GeoRaster(
                width: width, height: height, transform: reader.transform, spatialReference: reader.spatialReference, values: values)
        } catch { throw .gdal(error) }
        return LSTScene(
            raster: raster, product: reader.product, calibration: reader.calibration, maskCounts: counts,
            path: reader.dataset.path, qualityPath: reader.quality?.path, metadataPath: reader.metadataPath, acquisitionDate: reader.acquisitionDate,
            timings: .init(read: reader.readSeconds, decode: reader.decodeSeconds))
    }
}

extension Duration {
    /// The duration in seconds as a `Double`, for reports.
    var seconds: Double {
        let (s, a) = components
        return Double(s) + Double(a) * 1e-18
    }
}
