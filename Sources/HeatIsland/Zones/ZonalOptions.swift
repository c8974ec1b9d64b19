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

    /// Refuses percentiles outside 0–100 (or not numbers), which the kernels would have clamped to
    /// the minimum or maximum and reported as what was asked.
    func check() throws(HeatIslandError) {
        if let bad = percentiles.first(where: { !(0...100).contains($0) }) {
            throw .invalidArgument("ZonalOptions.percentiles: percentile \(bad) is not between 0 and 100")
        }
    }
}
