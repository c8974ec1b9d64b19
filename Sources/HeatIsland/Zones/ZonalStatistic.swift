/// One statistic of ``ZoneStatistics``, chosen by name: what a district hot-spot analysis tests,
/// for example the 90th percentile rather than the mean.
public enum ZonalStatistic: Sendable, Hashable, CustomStringConvertible {
    /// Σ coverage over cells with values.
    case count
    /// Σ coverage × value.
    case sum
    /// Weighted mean.
    case mean
    /// Smallest covered value.
    case minimum
    /// Largest covered value.
    case maximum
    /// Weighted population variance.
    case variance
    /// Weighted population standard deviation.
    case standardDeviation
    /// Weighted median.
    case median
    /// A weighted percentile, 0–100.
    case percentile(Double)
    /// Share of the zone's area with values.
    case validFraction

    /// Reads the names of the CSV columns: `count`, `sum`, `mean`, `min`, `max`, `variance`,
    /// `stddev`, `median`, `valid_fraction`, or `p` and a percentage (`p90`, `p97.5`).
    /// - Parameter name: The name.
    public init?(name: String) {
        switch name.lowercased() {
        case "count": self = .count
        case "sum": self = .sum
        case "mean": self = .mean
        case "min": self = .minimum
        case "max": self = .maximum
        case "variance": self = .variance
        case "stddev": self = .standardDeviation
        case "median": self = .median
        case "valid_fraction": self = .validFraction
        case let other where other.hasPrefix("p"):
            guard let percent = Double(other.dropFirst()), percent >= 0, percent <= 100 else { return nil }
            self = .percentile(percent)
        default: return nil
        }
    }

    /// The name, as in the CSV header.
    public var description: String {
        switch self {
        case .count: "count"
        case .sum: "sum"
        case .mean: "mean"
        case .minimum: "min"
        case .maximum: "max"
        case .variance: "variance"
        case .standardDeviation: "stddev"
        case .median: "median"
        case .percentile(let p): "p" + ZonalTable.label(p)
        case .validFraction: "valid_fraction"
        }
    }

    /// The ``ZonalOptions`` that compute it: quantiles only when it is one.
    public var options: ZonalOptions {
        var options = ZonalOptions()
        switch self {
        case .median: break
        case .percentile(let p): options.percentiles = [p]
        default: options.quantiles = false
        }
        return options
    }
}

extension ZoneStatistics {
    /// The value of one statistic, `nil` when the zone misses the raster or has no values (or the
    /// percentile or median was not computed).
    /// - Parameter statistic: Which one.
    public func value(of statistic: ZonalStatistic) -> Double? {
        guard !missesRaster else { return nil }
        return switch statistic {
        case .count: count
        case .sum: sum
        case .mean: mean
        case .minimum: minimum
        case .maximum: maximum
        case .variance: variance
        case .standardDeviation: standardDeviation
        case .median: median
        case .percentile(let p): percentiles.first { $0.percent == p }?.value
        case .validFraction: validFraction
        }
    }
}
