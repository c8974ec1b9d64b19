import HeatIslandKernels

/// What zonal statistics to compute and how cells are assigned to zones.
public struct ZonalOptions: Sendable, Hashable {
    /// The coverage rule (exact fractions by default).
    public var rule: CoverageRule = .exact
    /// Percentiles to report besides the median, 0–100 (for example `[90, 95]`).
    public var percentiles: [Double] = []
    /// Compute the median and percentiles (keeps 8 bytes per covered cell of a zone that spans
    /// several streamed block rows, until it is finished).
    public var quantiles = true

    /// Default options: exact rule, median, no extra percentiles.
    public init() {}
}
