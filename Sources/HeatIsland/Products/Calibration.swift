/// How raw stored values become kelvin or °C, and where that rule came from.
public struct Calibration: Sendable, Hashable, Codable {
    /// Where the scale and offset were found; reports say it so that a wrong constant is traceable.
    public enum Source: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The raster's own scale/offset metadata.
        case rasterMetadata
        /// A Landsat MTL file (its path).
        case mtl(path: String)
        /// The documented constants of the product, used when the file says nothing.
        case productDefault
        /// Stated by the caller.
        case caller

        /// A short phrase for reports.
        public var description: String {
            switch self {
            case .rasterMetadata: "raster metadata"
            case .mtl(let path): "MTL file \(path)"
            case .productDefault: "product default constants"
            case .caller: "stated by the caller"
            }
        }
    }

    /// Multiplier applied to raw values.
    public var scale: Double
    /// Added after scaling.
    public var offset: Double
    /// `true` when scaled values are kelvin, `false` when they are already °C.
    public var isKelvin: Bool
    /// Raw values outside this range are invalid (from the MTL or the product's `valid_range`).
    public var validRawRange: ClosedRange<Double>?
    /// Where `scale` and `offset` came from.
    public var source: Source

    /// Creates a calibration.
    /// - Parameters:
    ///   - scale: Multiplier applied to raw values.
    ///   - offset: Added after scaling.
    ///   - isKelvin: Whether scaled values are kelvin.
    ///   - validRawRange: Valid raw values, if the product defines them.
    ///   - source: Where the numbers came from.
    public init(scale: Double, offset: Double, isKelvin: Bool, validRawRange: ClosedRange<Double>? = nil, source: Source) {
        self.scale = scale
        self.offset = offset
        self.isKelvin = isKelvin
        self.validRawRange = validRawRange
        self.source = source
    }

    /// Landsat Collection 2 Level-2 surface temperature constants (USGS product guide).
    public static let landsatC2L2Default = Calibration(
        scale: 0.00341802, offset: 149.0, isKelvin: true, validRawRange: 1...65535, source: .productDefault)

    /// MODIS MOD11/MYD11 LST constants (scale 0.02 K, valid raw range 7500–65535).
    public static let modisDefault = Calibration(
        scale: 0.02, offset: 0, isKelvin: true, validRawRange: 7500...65535, source: .productDefault)
}
