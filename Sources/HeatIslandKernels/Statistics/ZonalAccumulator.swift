/// Coverage-weighted statistics of one zone, built from runs of fully covered cells and from
/// single boundary cells with their coverage fraction, and mergeable across blocks and threads.
///
/// Conventions follow exactextract so that results can be compared: every sum is weighted by the
/// coverage fraction; minimum and maximum ignore the weights; NaN cells never count as values but
/// do count as missing coverage. Sums are kept in `Double`, shifted by the first value seen so the
/// variance does not suffer from cancellation (temperatures sit far from zero relative to their spread).
public struct ZonalAccumulator: Sendable, Hashable {
    /// Σ w over valid cells (the coverage-weighted count).
    public private(set) var weight: Double = 0
    /// Σ w over all covered cells, valid or not.
    public private(set) var coveredWeight: Double = 0
    /// Number of covered cells with a value (any positive weight).
    public private(set) var validCells: Int = 0
    /// Number of covered cells without a value.
    public private(set) var missingCells: Int = 0
    /// Smallest value of a covered cell, ignoring weights.
    public private(set) var minimum: Float = .infinity
    /// Largest value of a covered cell, ignoring weights.
    public private(set) var maximum: Float = -.infinity
    /// The shift subtracted from values before summing; fixed by the first value.
    private var shift: Double = .nan
    /// Σ w (x − shift).
    private var shiftedSum: Double = 0
    /// Σ w (x − shift)².
    private var shiftedSquares: Double = 0

    /// An empty accumulator.
    public init() {}

    /// Σ w x.
    public var sum: Double { weight > 0 ? shiftedSum + weight * shift : 0 }

    /// The weighted mean, or `nil` without values.
    public var mean: Double? { weight > 0 ? shift + shiftedSum / weight : nil }

    /// The weighted population variance, or `nil` without values.
    public var variance: Double? {
        guard weight > 0 else { return nil }
        let m = shiftedSum / weight
        return max(0, shiftedSquares / weight - m * m)
    }

    /// The weighted population standard deviation, or `nil` without values.
    public var standardDeviation: Double? { variance.map { $0.squareRoot() } }

    /// The share of the covered area that has values, or `nil` when nothing is covered.
    public var validFraction: Double? { coveredWeight > 0 ? weight / coveredWeight : nil }

    /// Adds a run of fully covered cells (weight 1 each).
    /// - Parameter values: The cells' values; NaN means missing.
    public mutating func addFull(_ values: UnsafeBufferPointer<Float>) {
        guard let base = values.baseAddress, !values.isEmpty else { return }
        if shift.isNaN, let first = values.first(where: { !$0.isNaN }) { shift = Double(first) }
        let k = Float(shift.isNaN ? 0 : shift)
        // Eight lanes of Float partial sums over chunks of 1024 cells (128 per lane) keep the loop
        // vectorised; each chunk is folded into Double, so Float rounding never builds up beyond a
        // chunk (relative error of a chunk's sum below 128 · 2⁻²⁴ ≈ 1e-5 of values already shifted
        // near zero).
        var n = 0
        var s = 0.0, q = 0.0
        var lo = minimum, hi = maximum
        var start = 0
        while start < values.count {
            let end = Swift.min(start + 1024, values.count)
            var vs = SIMD8<Float>(repeating: 0), vq = SIMD8<Float>(repeating: 0)
            var vn = SIMD8<Int32>(repeating: 0)
            var vlo = SIMD8<Float>(repeating: .infinity), vhi = SIMD8<Float>(repeating: -.infinity)
            var i = start
            while i + 8 <= end {
                let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self)
                let ok = v .== v
                let d = (v - k).replacing(with: 0, where: .!ok)
                vs += d
                vq += d * d
                vn &+= SIMD8<Int32>(repeating: 0).replacing(with: 1, where: ok)
                // Comparisons with NaN are false, so missing cells never replace a bound.
                vlo.replace(with: v, where: v .< vlo)
                vhi.replace(with: v, where: v .> vhi)
                i += 8
            }
            while i < end {
                let v = values[i]
                if !v.isNaN {
                    let d = v - k
                    s += Double(d)
                    q += Double(d * d)
                    n += 1
                    if v < lo { lo = v }
                    if v > hi { hi = v }
                }
                i += 1
            }
            s += Double(vs.sum())
            q += Double(vq.sum())
            n += Int(vn.wrappedSum())
            lo = Swift.min(lo, vlo.min())
            hi = Swift.max(hi, vhi.max())
            start = end
        }
        validCells += n
        missingCells += values.count - n
        weight += Double(n)
        coveredWeight += Double(values.count)
        shiftedSum += s
        shiftedSquares += q
        (minimum, maximum) = (lo, hi)
    }

    /// Adds one partly covered cell.
    /// - Parameters:
    ///   - value: The cell's value; NaN means missing.
    ///   - coverage: The fraction of the cell inside the zone, in (0, 1].
    public mutating func add(_ value: Float, coverage: Double) {
        guard coverage > 0 else { return }
        coveredWeight += coverage
        guard !value.isNaN else {
            missingCells += 1
            return
        }
        if shift.isNaN { shift = Double(value) }
        let d = Double(value) - shift
        validCells += 1
        weight += coverage
        shiftedSum += coverage * d
        shiftedSquares += coverage * d * d
        minimum = Swift.min(minimum, value)
        maximum = Swift.max(maximum, value)
    }

    /// Combines with the statistics of other cells of the same zone (another block, tile or thread).
    /// - Parameter other: An accumulator over different cells.
    public mutating func merge(_ other: ZonalAccumulator) {
        validCells += other.validCells
        missingCells += other.missingCells
        coveredWeight += other.coveredWeight
        guard other.weight > 0 else { return }
        if weight == 0 || shift.isNaN {
            (shift, shiftedSum, shiftedSquares, weight) = (other.shift, other.shiftedSum, other.shiftedSquares, other.weight)
        } else {
            // Re-express the other's shifted sums around this shift: x − a = (x − b) + (b − a).
            let delta = other.shift - shift
            shiftedSquares += other.shiftedSquares + 2 * delta * other.shiftedSum + other.weight * delta * delta
            shiftedSum += other.shiftedSum + other.weight * delta
            weight += other.weight
        }
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
    }
}
