/// The count, mean and standard deviation of all valid values, which Gi* compares each
/// neighbourhood against.
public struct GlobalMoments: Sendable, Hashable {
    /// Number of valid (finite) values.
    public var count: Int
    /// Their mean, X̄.
    public var mean: Double
    /// S = sqrt(Σx²/n − X̄²), the population standard deviation.
    public var standardDeviation: Double

    /// Computes the moments of the finite values of a buffer, NaN skipped, in Double with a shift
    /// to avoid cancellation.
    /// - Parameter values: The values.
    public init(_ values: UnsafeBufferPointer<Float>) {
        var n = 0
        var shift = Double.nan
        var s = 0.0, q = 0.0
        for v in values where v.isFinite {
            if shift.isNaN { shift = Double(v) }
            let d = Double(v) - shift
            s += d
            q += d * d
            n += 1
        }
        count = n
        let m = n > 0 ? s / Double(n) : 0
        mean = n > 0 ? shift + m : .nan
        standardDeviation = n > 0 ? max(0, q / Double(n) - m * m).squareRoot() : .nan
    }

    /// Moments given directly (for zone values).
    /// - Parameter values: The values; non-finite ones are skipped.
    public init(_ values: [Double]) {
        let finite = values.filter(\.isFinite)
        count = finite.count
        mean = finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        let m = mean
        standardDeviation = finite.isEmpty ? .nan : (finite.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(finite.count)).squareRoot()
    }

    /// Gi* for a neighbourhood with binary weights: `localSum` = Σ x over its valid cells and
    /// `weight` = their number (Σw = Σw² for binary weights).
    ///
    /// Gi* = (Σⱼ wᵢⱼxⱼ − X̄ Σⱼ wᵢⱼ) / (S · sqrt((n Σⱼ wᵢⱼ² − (Σⱼ wᵢⱼ)²) / (n − 1))).
    /// NaN when the denominator is 0 (a neighbourhood holding every value, or S = 0).
    @inlinable
    public func giStar(localSum: Double, weight: Double, weightSquares: Double) -> Double {
        let n = Double(count)
        let denominator = standardDeviation * ((n * weightSquares - weight * weight) / (n - 1)).squareRoot()
        return denominator > 0 ? (localSum - mean * weight) / denominator : .nan
    }
}
