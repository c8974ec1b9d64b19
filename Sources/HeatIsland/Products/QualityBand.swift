import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// The Landsat `QA_PIXEL` band that goes with a surface-temperature band.
struct QualityBand {
    let path: String
    let dataset: RasterDataset
    let band: RasterBand

    /// Opens the quality band given in the options, or the one beside a Landsat file; `nil` when
    /// quality masking is off or the product has no QA band. A Landsat band without one is an
    /// error rather than a scene whose cold cloud tops pass for land temperatures.
    static func open(for source: RasterDataset, product: LSTProduct, options: LSTLoadOptions) throws(HeatIslandError) -> QualityBand? {
        guard options.useQuality else { return nil }
        let located = options.qualityPath != nil || product == .landsatC2L2
            ? CompanionFiles.quality(of: source.path, given: options.qualityPath) : nil
        guard let path = located else {
            if product == .landsatC2L2 { throw .missingQualityBand(path: source.path) }
            return nil
        }
        // Its own grid and an integer type, the temperature band passes every check below, and its
        // values then mask nearly every pixel as if they were flags.
        let real = { (p: String) in URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path }
        guard real(path) != real(source.path) else {
            throw .qualityGridMismatch(path: source.path, qualityPath: path, detail: "the QA band is the temperature raster itself")
        }
        let dataset: RasterDataset
        let band: RasterBand
        do throws(GDALError) {
            dataset = try RasterDataset(path: path)
            band = try dataset.band(1)
        } catch { throw .gdal(error) }
        try checkGrid(dataset, against: source)
        guard [.uint16, .uint8, .int16, .int32, .uint32].contains(band.dataType) else {
            throw .qualityGridMismatch(path: source.path, qualityPath: path, detail: "QA_PIXEL must be an integer band, not \(band.dataType)")
        }
        return QualityBand(path: path, dataset: dataset, band: band)
    }

    /// A QA band on another grid would flag the wrong pixels silently, so any difference is an error.
    private static func checkGrid(_ qa: RasterDataset, against source: RasterDataset) throws(HeatIslandError) {
        guard qa.width == source.width, qa.height == source.height else {
            throw .qualityGridMismatch(
                path: source.path, qualityPath: qa.path,
                detail: "\(qa.width) × \(qa.height) pixels against \(source.width) × \(source.height)")
        }
        guard qa.sharesSpatialReference(with: source) != false else {
            throw .qualityGridMismatch(path: source.path, qualityPath: qa.path, detail: "the coordinate reference systems differ")
        }
        let (qaTransform, sourceTransform) = (qa.geoTransformIfPresent, source.geoTransformIfPresent)
        guard (qaTransform == nil) == (sourceTransform == nil) else {
            throw .qualityGridMismatch(path: source.path, qualityPath: qa.path, detail: "only one of them is georeferenced")
        }
        guard let a = qaTransform, let b = sourceTransform else { return }
        let tolerance = 1e-6 * max(abs(b.pixelWidth), abs(b.pixelHeight))
        let same = zip(a.gdalCoefficients, b.gdalCoefficients).allSatisfy { abs($0 - $1) <= tolerance }
        guard same else {
            throw .qualityGridMismatch(path: source.path, qualityPath: qa.path, detail: "the geotransforms differ")
        }
    }
}
