/// Why a pixel was left out, in order of precedence: a pixel is counted once, under the first
/// cause that applies, so the counts add up to the number of masked pixels.
public enum MaskCause: String, Sendable, Hashable, CaseIterable, Codable {
    /// Nodata in the temperature band or fill in the QA band.
    case fill
    /// QA cloud.
    case cloud
    /// QA cloud shadow.
    case cloudShadow
    /// QA cirrus.
    case cirrus
    /// QA dilated cloud.
    case dilatedCloud
    /// QA snow/ice (only when masked).
    case snow
    /// QA water (only when masked).
    case water
    /// Outside the product's valid raw range or the plausible temperature range, or infinite.
    case outOfRange
    /// A MODIS temperature of lower quality than asked for (``MODISQuality``).
    case lowQuality
}
