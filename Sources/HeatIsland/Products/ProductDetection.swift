import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// Guesses the LST product of a raster from its file name and band metadata.
///
/// Names come first because real Landsat files carry no product metadata in the GeoTIFF at all;
/// metadata decides for everything else. Callers can always override the guess.
package enum ProductDetection {
    /// The Landsat thermal band named in a Collection 2 file name (`ST_B10`, or `ST_B6` for Landsat 7).
    package static func landsatThermalBand(inFileName name: String) -> String? {
        let upper = name.uppercased()
        return ["ST_B10", "ST_B6"].first { upper.contains("_\($0).") || upper.hasSuffix("_\($0)") }
    }

    /// `true` for a file of a Landsat Collection 2 Level-2 product that is not its surface
    /// temperature band (QA_PIXEL, QA_RADSAT, SR_B4, ST_TRAD, the MTL …), as a USGS download holds
    /// beside it. Only the product's own file names count: a raster a user derived and named after
    /// the scene (`…_T1_LST.tif`) is not one of them.
    package static func isOtherLandsatBand(fileName name: String) -> Bool {
        guard let id = LandsatMTL.productID(ofFileName: name) else { return false }
        let rest = name.uppercased().dropFirst(id.count + 1)
        return rest.firstMatch(of: /^(QA_[A-Z]+|SR_B\d+|SR_QA_AEROSOL|ST_(TRAD|URAD|DRAD|ATRAN|EMIS|EMSD|CDIST|QA)|MTL|ANG|[SV][AZ]A)\./) != nil
    }

    /// Refuses a Landsat file that is not the temperature band: its DNs are no temperatures, and
    /// the advice to name the product led on to "no QA_PIXEL band found beside" the QA band itself.
    static func requireTemperatureBand(path: String) throws(HeatIslandError) {
        guard isOtherLandsatBand(fileName: URL(fileURLWithPath: path).lastPathComponent) else { return }
        throw .unsupportedProduct(path: path, detail: "this file of a Landsat product is not its surface temperature band; give the _ST_B10.TIF (Landsat 8/9) or _ST_B6.TIF (Landsat 7) beside it")
    }

    /// - Parameter withMTL: An MTL was given (`--mtl`): an integer raster that nothing else names
    ///   is then a renamed Landsat band, the only product an MTL belongs to.
    static func detect(path: String, band: RasterBand, withMTL: Bool = false) throws(HeatIslandError) -> LSTProduct {
        let name = URL(fileURLWithPath: path).lastPathComponent.uppercased()
        if landsatThermalBand(inFileName: name) != nil { return .landsatC2L2 }
        if looksLikeMODIS(name: name, band: band) { return .modis }
        switch band.dataType {
        case .float32, .float64:
            return try unitProduct(path: path, band: band)
        default:
            if band.hasScaleOrOffset { return try unitProduct(path: path, band: band) }
            if withMTL { return .landsatC2L2 }
            throw .unsupportedProduct(
                path: path,
                detail: "cannot tell which LST product this \(band.dataType) raster is; name the product (landsat, modis, kelvin, celsius)")
        }
    }

    private static func looksLikeMODIS(name: String, band: RasterBand) -> Bool {
        if name.contains("LST_DAY_1KM") || name.contains("LST_NIGHT_1KM") { return true }
        if ["MOD11", "MYD11"].contains(where: { name.hasPrefix($0) || name.contains(":\($0)") }) { return true }
        let longName = (band.metadata()["long_name"] ?? band.dataset.metadata()["long_name"])?.lowercased() ?? ""
        return longName.contains("land-surface temperature") && band.scale == 0.02
    }

    private static func unitProduct(path: String, band: RasterBand) throws(HeatIslandError) -> LSTProduct {
        let unit = band.unitType.isEmpty ? (band.metadata()["units"] ?? "") : band.unitType
        guard let product = product(forUnit: unit) else {
            try requireReadable(band)
            throw .unknownUnit(path: path, unit: unit)
        }
        return product
    }

    /// A VRT whose source is missing opens and carries no unit; asking for one would send the
    /// analyst after the wrong fault, so a band that cannot give its first pixel says so instead.
    private static func requireReadable(_ band: RasterBand) throws(HeatIslandError) {
        do throws(GDALError) {
            _ = try band.readRaw(window: PixelWindow(column: 0, row: 0, width: 1, height: 1), as: Float.self)
        } catch { throw .gdal(error) }
    }

    /// Maps the unit spellings found in GeoTIFF, netCDF (CF) and HDF metadata to a product.
    static func product(forUnit unit: String) -> LSTProduct? {
        let key = unit.lowercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "°" && $0 != "º" }
        switch key {
        case "k", "kelvin", "kelvins", "degk", "degreek", "degreesk": return .kelvin
        case "c", "celsius", "degc", "degreec", "degreesc", "degreecelsius", "degreescelsius": return .celsius
        default: return nil
        }
    }
}
