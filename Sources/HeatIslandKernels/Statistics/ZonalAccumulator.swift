/// Coverage-weighted statistics of one zone, built from runs of fully covered cells and from
/// single boundary cells with their coverage fraction, and mergeable across blocks and threads.
///
/// Conventions follow exactextract so that results can be compared: every sum is weighted by the
/// coverage fraction; minimum and maximum ignore the weights; NaN (and ±∞) cells never count as
/// values but do count as missing coverage. Sums are kept in `Double`, shifted by the first value seen so the
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
    private(set) var shift: Double = .nan
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
    /// - Parameter values: The cells' values; NaN and ±∞ mean missing.
    public mutating func addFull(_ values: UnsafeBufferPointer<Float>) {
        guard let base = values.baseAddress, !values.isEmpty else { return }
        var pass = ZonalPass(continuing: self)
        var noSink: ZonalPass.Sink?
        pass.addFull(base, count: values.count, readable: values.count, sink: &noSink)
        pass.fold(into: &self)
    }

    /// Adds one partly covered cell.
    /// - Parameters:
    ///   - value: The cell's value; NaN and ±∞ mean missing.
    ///   - coverage: The fraction of the cell inside the zone, in (0, 1]: a cell with none (or a
    ///     coverage that is not a number) is ignored, more than 1 is taken as 1.
    public mutating func add(_ value: Float, coverage: Double) {
        var pass = ZonalPass(continuing: self)
        var noSink: ZonalPass.Sink?
        pass.addPartial(value, coverage: coverage, sink: &noSink)
        pass.fold(into: &self)
    }

    /// Adds the sums of a ``ZonalPass`` that continued this accumulator (same shift, or the first
    /// one when this accumulator had none).
    mutating func absorb(
        shift passShift: Double, validCells n: Int, missingCells m: Int, weight w: Double, coveredWeight c: Double,
        shiftedSum s: Double, shiftedSquares q: Double, minimum lo: Float, maximum hi: Float
    ) {
        if shift.isNaN { shift = passShift }
        validCells += n
        missingCells += m
        weight += w
        coveredWeight += c
        shiftedSum += s
        shiftedSquares += q
        minimum = Swift.min(minimum, lo)
        maximum = Swift.max(maximum, hi)
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
