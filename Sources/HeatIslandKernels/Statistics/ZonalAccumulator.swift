/// Coverage-weighted statistics of one zone, built from runs of fully covered cells and from
/// single boundary cells with their coverage fraction, and mergeable across blocks and threads.
///
/// Conventions follow exactextract so that results can be compared: every sum is weighted by the
/// coverage fraction; minimum and maximum ignore the weights; NaN (and ±∞) cells never count as
/// values but do count as missing coverage. Sums are kept in `Double`, shifted by the first value seen so the
/// variance does not suffer from cancellation (temperatures sit far from zero relative to their spread).
///
/// The sums of fully covered runs stay in the SIMD lanes they were reduced in, and those of
/// boundary cells in sums of their own; the two are added only when a figure is read. A zone
/// reduced block by block therefore adds every cell into the same sum in the same order as a zone
/// reduced in one piece, and gets the same figures to the last bit whatever the block size.
public struct ZonalAccumulator: Sendable, Hashable {
    /// Smallest value of a covered cell, ignoring weights.
    public internal(set) var minimum: Float = .infinity
    /// Largest value of a covered cell, ignoring weights.
    public internal(set) var maximum: Float = -.infinity
    /// The shift subtracted from values before summing; fixed by the first value.
    var shift: Double = .nan
    /// Σ (x − shift) and Σ (x − shift)² over valid cells of fully covered runs, per lane.
    var laneSum = SIMD4<Double>(), laneSquares = SIMD4<Double>()
    /// Cells of fully covered runs, and those of them with a value.
    var fullCells = 0, fullValid = 0
    /// Σ w, Σ w (x − shift) and Σ w (x − shift)² over valid partly covered cells (and over cells
    /// merged from another accumulator), and Σ w over all of them.
    var partialWeight = 0.0, partialSum = 0.0, partialSquares = 0.0, partialCovered = 0.0
    /// Partly covered cells with and without a value.
    var partialValid = 0, partialMissing = 0

    /// An empty accumulator.
    public init() {}

    /// Σ w over valid cells (the coverage-weighted count).
    public var weight: Double { Double(fullValid) + partialWeight }
    /// Σ w over all covered cells, valid or not.
    public var coveredWeight: Double { Double(fullCells) + partialCovered }
    /// Number of covered cells with a value (any positive weight).
    public var validCells: Int { fullValid + partialValid }
    /// Number of covered cells without a value.
    public var missingCells: Int { fullCells - fullValid + partialMissing }

    /// Σ w (x − shift).
    private var shiftedSum: Double { laneSum.sum() + partialSum }
    /// Σ w (x − shift)².
    private var shiftedSquares: Double { laneSquares.sum() + partialSquares }

    /// Σ w x.
    public var sum: Double {
        let w = weight
        return w > 0 ? shiftedSum + w * shift : 0
    }

    /// The weighted mean, or `nil` without values.
    public var mean: Double? {
        let w = weight
        return w > 0 ? shift + shiftedSum / w : nil
    }

    /// The weighted population variance, or `nil` without values.
    public var variance: Double? {
        let w = weight
        guard w > 0 else { return nil }
        let m = shiftedSum / w
        return max(0, shiftedSquares / w - m * m)
    }

    /// The weighted population standard deviation, or `nil` without values.
    public var standardDeviation: Double? { variance.map { $0.squareRoot() } }

    /// The share of the covered area that has values, or `nil` when nothing is covered.
    public var validFraction: Double? {
        let c = coveredWeight
        return c > 0 ? weight / c : nil
    }

    /// Adds a run of fully covered cells (weight 1 each).
    /// - Parameter values: The cells' values; NaN and ±∞ mean missing.
    public mutating func addFull(_ values: UnsafeBufferPointer<Float>) {
        guard let base = values.baseAddress, !values.isEmpty else { return }
        var pass = ZonalPass(continuing: self)
        var noSink: ZonalPass.Sink?
        pass.addFull(base, count: values.count, readable: values.count, sink: &noSink)
        pass.end(into: &self)
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
        pass.end(into: &self)
    }

    /// Combines with the statistics of other cells of the same zone (another tile, scene or
    /// thread). The other's sums join this one's boundary sums, so the result depends on the order
    /// of merging only through `Double` rounding.
    /// - Parameter other: An accumulator over different cells.
    public mutating func merge(_ other: ZonalAccumulator) {
        let (mine, theirs) = (weight, other.weight)
        fullCells += other.fullCells
        fullValid += other.fullValid
        partialValid += other.partialValid
        partialMissing += other.partialMissing
        partialCovered += other.partialCovered
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
        guard theirs > 0 else { return }
        guard mine > 0 else {
            (shift, laneSum, laneSquares) = (other.shift, other.laneSum, other.laneSquares)
            (partialWeight, partialSum, partialSquares) = (other.partialWeight, other.partialSum, other.partialSquares)
            return
        }
        // Re-express the other's shifted sums around this shift: x − a = (x − b) + (b − a).
        let (delta, s) = (other.shift - shift, other.shiftedSum)
        partialSquares += other.shiftedSquares + 2 * delta * s + theirs * delta * delta
        partialSum += s + theirs * delta
        partialWeight += other.partialWeight
    }
}
