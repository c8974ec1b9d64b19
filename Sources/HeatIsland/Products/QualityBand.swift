import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// The Landsat `QA_PIXEL` band that goes with a surface-temperature band.
struct QualityBand {
    let path: String
    let dataset: RasterDataset
    let band: RasterBand
    /// Stored as Int16: its words are read in that type and taken bit for bit, since GDAL's
    /// conversion to UInt16 turns every word with bit 15 set (high cirrus confidence) into 0, clear.
    let isSigned: Bool

    /// Opens the quality band given in the options, or the one beside a file named as a Landsat
    /// thermal band, whatever product it is read as (a band converted to kelvin under its USGS name
    /// and read with `--product kelvin` had its clouds counted as land); `nil` when quality masking
    /// is off or there is none. A Landsat band without one is an error rather than a scene whose
    /// cold cloud tops pass for land temperatures.
    static func open(for source: RasterDataset, product: LSTProduct, options: LSTLoadOptions) throws(HeatIslandError) -> QualityBand? {
        guard options.useQuality else { return nil }
        guard let path = CompanionFiles.quality(of: source.path, given: options.qualityPath) else {
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
        // The surface-temperature uncertainty band beside it is Int16 on the same grid, and its
        // hundredths of a kelvin would pass for flags.
        if URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent.uppercased().hasSuffix("_ST_QA") {
            throw .qualityGridMismatch(path: source.path, qualityPath: path,
                                       detail: "it is the surface-temperature uncertainty band (ST_QA), not the QA_PIXEL band; give the _QA_PIXEL.TIF beside it")
        }
        try checkGrid(dataset, against: source)
        // QA_PIXEL words are 16 bits: wider types would be cut to 16 bits by GDAL's conversion.
        guard [.uint16, .uint8, .int16].contains(band.dataType) else {
            throw .qualityGridMismatch(path: source.path, qualityPath: path,
                                       detail: "QA_PIXEL must be a 16-bit integer band (UInt16, as USGS delivers it), not \(band.dataType)")
        }
        return QualityBand(path: path, dataset: dataset, band: band, isSigned: band.dataType == .int16)
    }

    /// A QA band on another grid would flag the wrong pixels silently, so any difference is an error.
    private static func checkGrid(_ qa: RasterDataset, against source: RasterDataset) throws(HeatIslandError) {
        guard qa.width == source.width, qa.height == source.height else {
            throw .qualityGridMismatch(
                path: source.path, qualityPath: qa.path,
                detail: "\(qa.width) × \(qa.height) pixels against \(source.width) × \(source.height)")
        }
        guard qa.sharesSpatialReference(with: source) != false else {
            let oneHasNone = (qa.spatialReferenceIfPresent == nil) != (source.spatialReferenceIfPresent == nil)
            throw .qualityGridMismatch(path: source.path, qualityPath: qa.path,
                                       detail: oneHasNone ? "only one of them has a coordinate reference system" : "the coordinate reference systems differ")
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
