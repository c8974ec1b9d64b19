/// The kinds of land-surface-temperature raster the loader decodes.
public enum LSTProduct: String, Sendable, Hashable, CaseIterable, Codable {
    /// Landsat 8/9 Collection 2 Level-2 `ST_B10` (or Landsat 7 `ST_B6`): UInt16, 0 = fill,
    /// kelvin = DN × 0.00341802 + 149.0, with an optional `QA_PIXEL` band for clouds.
    case landsatC2L2
    /// MODIS MOD11/MYD11 `LST_Day_1km`-style grids: UInt16, 0 = fill, kelvin = DN × 0.02.
    case modis
    /// Any raster whose (scaled) values are kelvin.
    case kelvin
    /// Any raster whose (scaled) values are degrees Celsius.
    case celsius

    /// A short human-readable name for reports.
    public var displayName: String {
        switch self {
        case .landsatC2L2: "Landsat Collection 2 Level-2 surface temperature"
        case .modis: "MODIS land-surface temperature"
        case .kelvin: "temperature raster in kelvin"
        case .celsius: "temperature raster in °C"
        }
    }

    /// Who to credit for the product in a report, `nil` for rasters of unknown origin.
    public var credit: String? {
        switch self {
        case .landsatC2L2: "Landsat Collection 2 Level-2 surface temperature courtesy of the U.S. Geological Survey."
        case .modis: "MODIS land-surface temperature (MOD11/MYD11) courtesy of NASA's Land Processes DAAC."
        case .kelvin, .celsius: nil
        }
    }
}
