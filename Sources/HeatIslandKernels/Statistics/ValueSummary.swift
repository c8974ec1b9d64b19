/// Count, sum, minimum, maximum and mean of the finite values in a buffer, NaN skipped.
///
/// The sum is kept in `Double`: a `Float` running sum stops growing once it reaches 2²⁴ times the
/// typical value, which a single Landsat scene exceeds.
public struct ValueSummary: Sendable, Hashable, Codable {
    /// Number of finite values.
    public private(set) var count: Int = 0
    /// Their sum.
    public private(set) var sum: Double = 0
    /// The smallest, or `nil` when there are none.
    public private(set) var minimum: Float?
    /// The largest, or `nil` when there are none.
    public private(set) var maximum: Float?

    /// The mean, or `nil` when there are no values.
    public var mean: Double? { count > 0 ? sum / Double(count) : nil }

    /// An empty summary.
    public init() {}

    /// Summarises a buffer.
    /// - Parameter values: Values; NaN and infinities are skipped.
    public init(_ values: UnsafeBufferPointer<Float>) {
        add(values)
    }

    /// Summarises an array.
    /// - Parameter values: Values; NaN and infinities are skipped.
    public init(_ values: [Float]) {
        values.withUnsafeBufferPointer { add($0) }
    }

    /// Adds the finite values of a buffer.
    /// - Parameter values: Values; NaN and infinities are skipped.
    public mutating func add(_ values: UnsafeBufferPointer<Float>) {
        var n = 0
        var total = 0.0
        var lo = Float.infinity, hi = -Float.infinity
        // Eight at a time in separate lanes (one running sum in turn waited on every addition:
        // about 60 ms for a scene), then the tail.
        var start = 0
        if let base = values.baseAddress {
            let whole = values.count & ~7
            let infinity = SIMD8<Float>(repeating: .infinity)
            var low = infinity, high = -infinity
            var sums = (SIMD4<Double>(), SIMD4<Double>())
            while start < whole {
                // Lane counts are folded every 2²⁰ vectors, far below what Int32 holds.
                let end = Swift.min(whole, start + 8 << 20)
                var counts = SIMD8<Int32>()
                for i in stride(from: start, to: end, by: 8) {
                    let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self)
                    let finite = (v .== v) .& (v .!= infinity) .& (v .!= -infinity)
                    let kept = SIMD8<Float>().replacing(with: v, where: finite)
                    sums.0 += SIMD4<Double>(kept.lowHalf)
                    sums.1 += SIMD4<Double>(kept.highHalf)
                    counts &+= SIMD8<Int32>().replacing(with: 1, where: finite)
                    low.replace(with: v, where: finite .& (v .< low))
                    high.replace(with: v, where: finite .& (v .> high))
                }
                n &+= Int(counts.wrappedSum())
                start = end
            }
            total = (sums.0 + sums.1).sum()
            (lo, hi) = (low.min(), high.max())
        }
        for v in values[start...] where v.isFinite {
            total += Double(v)
            n &+= 1
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        merge(count: n, sum: total, minimum: lo, maximum: hi)
    }

    /// Combines two summaries exactly (counts, minima and maxima; sums up to rounding).
    /// - Parameter other: A summary of other values.
    public mutating func merge(_ other: ValueSummary) {
        guard let lo = other.minimum, let hi = other.maximum else { return }
        merge(count: other.count, sum: other.sum, minimum: lo, maximum: hi)
    }

    private mutating func merge(count n: Int, sum s: Double, minimum lo: Float, maximum hi: Float) {
        guard n > 0 else { return }
        count += n
        sum += s
        minimum = Swift.min(minimum ?? lo, lo)
        maximum = Swift.max(maximum ?? hi, hi)
    }
}
