/// How raw pixel values become °C and which of them are usable.
public struct LSTDecodeParameters: Sendable, Hashable {
    /// Multiplier applied to raw values (0.00341802 for Landsat C2 L2, 0.02 for MODIS).
    public var scale: Double
    /// Added after scaling (149.0 K for Landsat C2 L2).
    public var offset: Double
    /// `true` when `raw × scale + offset` is kelvin, `false` when it is already °C.
    public var inputIsKelvin: Bool
    /// The raw value that means "no data" (0 for Landsat and MODIS), if any.
    public var fillValue: Double?
    /// The product's own fill value when the raster's nodata tag names another (a MODIS
    /// `_FillValue` of 0 beside a re-tagged nodata of 65535): raw values equal to either are fill,
    /// so that the product's fill is not taken for values out of range.
    public var productFillValue: Double?
    /// Raw values outside this range are out of range (MODIS `valid_range` 7500–65535).
    public var validRawRange: ClosedRange<Double>?
    /// Temperatures outside this range are out of range.
    public var validCelsius: ClosedRange<Float>

    /// Creates parameters.
    /// - Parameters:
    ///   - scale: Multiplier applied to raw values.
    ///   - offset: Added after scaling.
    ///   - inputIsKelvin: Whether scaled values are kelvin.
    ///   - fillValue: The raw nodata value.
    ///   - productFillValue: A second raw value meaning no data, if the product defines one that differs.
    ///   - validRawRange: Valid raw values.
    ///   - validCelsius: Plausible temperatures in °C (−40…80 by default).
    public init(
        scale: Double, offset: Double, inputIsKelvin: Bool, fillValue: Double? = nil,
        productFillValue: Double? = nil, validRawRange: ClosedRange<Double>? = nil, validCelsius: ClosedRange<Float> = -40...80
    ) {
        self.scale = scale
        self.offset = offset
        self.inputIsKelvin = inputIsKelvin
        self.fillValue = fillValue
        self.productFillValue = productFillValue
        self.validRawRange = validRawRange
        self.validCelsius = validCelsius
    }

    /// The offset that takes `raw × scale` straight to °C, folded in `Double` before narrowing so
    /// that the per-pixel work is one Float multiply-add: `Float(raw) × Float(scale) + Float(offset − 273.15)`.
    var celsiusOffset: Float { Float(offset - (inputIsKelvin ? 273.15 : 0)) }
}
