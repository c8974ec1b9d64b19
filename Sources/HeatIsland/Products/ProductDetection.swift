import Foundation
import HeatIslandGDAL

/// Guesses the LST product of a raster from its file name and band metadata.
///
/// Names come first because real Landsat files carry no product metadata in the GeoTIFF at all;
/// metadata decides for everything else. Callers can always override the guess.
enum ProductDetection {
    /// The Landsat thermal band named in a Collection 2 file name (`ST_B10`, or `ST_B6` for Landsat 7).
    static func landsatThermalBand(inFileName name: String) -> String? {
        let upper = name.uppercased()
        return ["ST_B10", "ST_B6"].first { upper.contains("_\($0).") || upper.hasSuffix("_\($0)") }
    }

    static func detect(path: String, band: RasterBand) throws(HeatIslandError) -> LSTProduct {
        let name = URL(fileURLWithPath: path).lastPathComponent.uppercased()
        if landsatThermalBand(inFileName: name) != nil { return .landsatC2L2 }
        if looksLikeMODIS(name: name, band: band) { return .modis }
        switch band.dataType {
        case .float32, .float64:
            return try unitProduct(path: path, band: band)
        default:
            if band.hasScaleOrOffset { return try unitProduct(path: path, band: band) }
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
        guard let product = product(forUnit: unit) else { throw .unknownUnit(path: path, unit: unit) }
        return product
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
