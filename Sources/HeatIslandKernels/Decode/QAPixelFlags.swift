/// The bits of a Landsat Collection 2 `QA_PIXEL` word that decide whether a pixel is usable
/// (USGS Landsat 8-9 C2 L2 Science Product Guide, table "Pixel Quality Assessment").
///
/// Bits 8–15 hold two-bit confidence levels; the loader relies on the single-bit flags below, as
/// the USGS recommends for masking.
public struct QAPixelFlags: OptionSet, Sendable, Hashable {
    /// The raw bit pattern.
    public let rawValue: UInt16

    /// Creates flags from a raw `QA_PIXEL` word or mask.
    /// - Parameter rawValue: The bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Bit 0: no data (outside the scene footprint).
    public static let fill = QAPixelFlags(rawValue: 1 << 0)
    /// Bit 1: within the dilation buffer around clouds.
    public static let dilatedCloud = QAPixelFlags(rawValue: 1 << 1)
    /// Bit 2: high-confidence cirrus.
    public static let cirrus = QAPixelFlags(rawValue: 1 << 2)
    /// Bit 3: cloud.
    public static let cloud = QAPixelFlags(rawValue: 1 << 3)
    /// Bit 4: cloud shadow.
    public static let cloudShadow = QAPixelFlags(rawValue: 1 << 4)
    /// Bit 5: snow or ice.
    public static let snow = QAPixelFlags(rawValue: 1 << 5)
    /// Bit 6: clear (none of bits 1–4 set).
    public static let clear = QAPixelFlags(rawValue: 1 << 6)
    /// Bit 7: water.
    public static let water = QAPixelFlags(rawValue: 1 << 7)

    /// What spoils a surface temperature: fill, dilated cloud, cirrus, cloud and cloud shadow.
    /// Snow and water are real surfaces with real temperatures, so they are kept unless asked.
    public static let defaultMask: QAPixelFlags = [.fill, .dilatedCloud, .cirrus, .cloud, .cloudShadow]
}
