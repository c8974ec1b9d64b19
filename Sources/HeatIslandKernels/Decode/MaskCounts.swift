/// How many pixels were kept and how many were dropped for each ``MaskCause``.
public struct MaskCounts: Sendable, Hashable, Codable {
    /// Pixels with a usable temperature.
    public var valid = 0
    /// Nodata or QA fill.
    public var fill = 0
    /// QA cloud.
    public var cloud = 0
    /// QA cloud shadow.
    public var cloudShadow = 0
    /// QA cirrus.
    public var cirrus = 0
    /// QA dilated cloud.
    public var dilatedCloud = 0
    /// QA snow (when masked).
    public var snow = 0
    /// QA water (when masked).
    public var water = 0
    /// Outside the valid or plausible range.
    public var outOfRange = 0
    /// MODIS QC below the quality asked for (``MODISQuality``).
    public var lowQuality = 0

    /// No pixels yet.
    public init() {}

    /// The pixels dropped for one cause.
    /// - Parameter cause: The cause.
    public subscript(cause: MaskCause) -> Int {
        get {
            switch cause {
            case .fill: fill
            case .cloud: cloud
            case .cloudShadow: cloudShadow
            case .cirrus: cirrus
            case .dilatedCloud: dilatedCloud
            case .snow: snow
            case .water: water
            case .outOfRange: outOfRange
            case .lowQuality: lowQuality
            }
        }
        set {
            switch cause {
            case .fill: fill = newValue
            case .cloud: cloud = newValue
            case .cloudShadow: cloudShadow = newValue
            case .cirrus: cirrus = newValue
            case .dilatedCloud: dilatedCloud = newValue
            case .snow: snow = newValue
            case .water: water = newValue
            case .outOfRange: outOfRange = newValue
            case .lowQuality: lowQuality = newValue
            }
        }
    }

    /// All masked pixels.
    public var masked: Int { MaskCause.allCases.reduce(0) { $0 + self[$1] } }

    /// Valid plus masked pixels.
    public var total: Int { valid + masked }

    /// Counts of two blocks (or scenes) together.
    public static func + (a: MaskCounts, b: MaskCounts) -> MaskCounts {
        var sum = a
        sum += b
        return sum
    }

    /// Adds the counts of another block.
    public static func += (a: inout MaskCounts, b: MaskCounts) {
        a.valid += b.valid
        for cause in MaskCause.allCases { a[cause] += b[cause] }
    }
}
