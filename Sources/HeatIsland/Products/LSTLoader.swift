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
    /// The range every product must mostly fall in; a raster outside it is in the wrong unit or scale.
    static let physicalCelsius: ClosedRange<Float> = -90...90

    /// Loads and decodes a raster.
    /// - Parameters:
    ///   - path: A raster file, GDAL virtual path or container (an HDF granule is searched for `LST_Day_1km`).
    ///   - options: Product, quality band, mask and plausible range.
    ///   - progress: Called with the fraction of rows decoded.
    /// - Returns: The °C grid with its mask counts and calibration.
    /// - Throws: ``HeatIslandError`` naming the file: unreadable, no georeferencing, unknown unit,
    ///   mismatched quality band, implausible values, or no valid pixel at all.
    public static func load(
        path: String, options: LSTLoadOptions = LSTLoadOptions(), progress: ProgressHandler? = nil
    ) throws(HeatIslandError) -> LSTScene {
        guard options.plausibleCelsius.lowerBound.isFinite, options.plausibleCelsius.upperBound.isFinite else {
            throw .invalidArgument("the plausible temperature range must be finite")
        }
        let dataset = try LSTSource.open(path)
        let band: RasterBand
        let transform: GeoTransform
        let srs: SpatialReference
        do throws(GDALError) {
            band = try dataset.band(options.band)
            transform = try dataset.geoTransform()
            srs = try dataset.spatialReference()
        } catch { throw .gdal(error) }
        let product: LSTProduct
        if let stated = options.product { product = stated } else { product = try ProductDetection.detect(path: dataset.path, band: band) }
        let resolved = try CalibrationResolution.resolve(product: product, path: dataset.path, band: band, options: options)
        let quality = try QualityBand.open(for: dataset, product: product, options: options)

        let parameters = LSTDecodeParameters(
            scale: resolved.calibration.scale, offset: resolved.calibration.offset,
            inputIsKelvin: resolved.calibration.isKelvin,
            fillValue: band.nodata ?? (product == .landsatC2L2 || product == .modis ? 0 : nil),
            validRawRange: resolved.calibration.validRawRange,
            validCelsius: min(options.plausibleCelsius.lowerBound, physicalCelsius.lowerBound)
                ... max(options.plausibleCelsius.upperBound, physicalCelsius.upperBound))
        var decoded = try BlockDecoder(band: band, quality: quality?.band, mask: options.qualityMask)
            .decode(parameters: parameters, progress: progress)

        try PlausibilityCheck.require(decoded.counts, physical: physicalCelsius, path: dataset.path, product: product)
        let t0 = ContinuousClock.now
        PlausibilityCheck.restrict(&decoded.values, to: options.plausibleCelsius, counts: &decoded.counts)
        decoded.decodeSeconds += (ContinuousClock.now - t0).seconds
        guard decoded.counts.valid > 0 else {
            throw .noValidPixels(path: dataset.path, detail: PlausibilityCheck.summary(decoded.counts))
        }
        let raster: GeoRaster
        do throws(GDALError) {
            raster = try GeoRaster(
                width: dataset.width, height: dataset.height, transform: transform, spatialReference: srs,
                values: decoded.values)
        } catch { throw .gdal(error) }
        return LSTScene(
            raster: raster, product: product, calibration: resolved.calibration, maskCounts: decoded.counts,
            path: dataset.path, qualityPath: quality?.path,
            acquisitionDate: resolved.acquisitionDate ?? AcquisitionDate.fromFileName(dataset.path),
            timings: .init(read: decoded.readSeconds, decode: decoded.decodeSeconds))
    }
}

extension Duration {
    /// The duration in seconds as a `Double`, for reports.
    var seconds: Double {
        let (s, a) = components
        return Double(s) + Double(a) * 1e-18
    }
}
