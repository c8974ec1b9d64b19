import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// The quality band that goes with a surface-temperature band: Landsat `QA_PIXEL` flags, or MODIS
/// QC words judged by a ``MODISQuality``.
struct QualityBand {
    /// How the words are read.
    enum Meaning: Equatable {
        case landsatFlags
        case modis(MODISQuality)
    }

    let path: String
    let dataset: RasterDataset
    let band: RasterBand
    let meaning: Meaning
    /// Stored as Int16: its words are read in that type and taken bit for bit, since GDAL's
    /// conversion to UInt16 turns every word with bit 15 set (high cirrus confidence) into 0, clear.
    let isSigned: Bool

    /// Opens the quality band given in the options, or the one beside a file named as a Landsat
    /// thermal band, whatever product it is read as (a band converted to kelvin under its USGS name
    /// and read with `--product kelvin` had its clouds counted as land); `nil` when quality masking
    /// is off or there is none. A Landsat band without one is an error rather than a scene whose
    /// cold cloud tops pass for land temperatures. A MODIS grid has one only when pixels are kept
    /// by quality.
    static func open(for source: RasterDataset, product: LSTProduct, options: LSTLoadOptions) throws(HeatIslandError) -> QualityBand? {
        guard options.useQuality else { return nil }
        if product == .modis { return try openMODIS(for: source, keeping: options.modisQuality, given: options.qualityPath) }
        guard let path = CompanionFiles.quality(of: source.path, given: options.qualityPath) else {
            if product == .landsatC2L2 { throw .missingQualityBand(path: source.path) }
            return nil
        }
        let (dataset, band) = try openBand(path, for: source)
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
        return QualityBand(path: path, dataset: dataset, band: band, meaning: .landsatFlags, isSigned: band.dataType == .int16)
    }

    private static func openMODIS(for source: RasterDataset, keeping quality: MODISQuality, given: String?) throws(HeatIslandError) -> QualityBand? {
        guard quality != .allProduced else { return nil }
        guard let path = given ?? CompanionFiles.modisQuality(of: source.path) else {
            throw .unsupportedProduct(path: source.path, detail: "keeping MODIS pixels by quality needs the QC_Day (or QC_Night) band, and none was found beside this grid; give it (--qa on the command line, LSTLoadOptions.qualityPath in Swift) or keep every produced pixel")
        }
        let (dataset, band) = try openBand(path, for: source)
        try checkGrid(dataset, against: source)
        // The QC byte read through a wider or signed type would be cut or turned to 0 by GDAL's conversion.
        guard [.uint8, .uint16].contains(band.dataType) else {
            throw .qualityGridMismatch(path: source.path, qualityPath: path,
                                       detail: "a MODIS QC band is an unsigned 8-bit integer band (UInt8, as NASA delivers it), not \(band.dataType)")
        }
        return QualityBand(path: path, dataset: dataset, band: band, meaning: .modis(quality), isSigned: false)
    }

    /// Opens the first band of `path`, refusing the temperature raster itself: on its own grid and
    /// of an integer type it passes every check, and its values then mask nearly every pixel.
    private static func openBand(_ path: String, for source: RasterDataset) throws(HeatIslandError) -> (RasterDataset, RasterBand) {
        let real = { (p: String) in URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path }
        guard real(path) != real(source.path) else {
            throw .qualityGridMismatch(path: source.path, qualityPath: path, detail: "the QA band is the temperature raster itself")
        }
        do throws(GDALError) {
            let dataset = try RasterDataset(path: path)
            return (dataset, try dataset.band(1))
        } catch { throw .gdal(error) }
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
