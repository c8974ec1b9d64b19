/// Coverage-weighted quantiles of a zone's cell values, exact (every value and weight is kept).
///
/// Definition (the weighted percentile method exactextract names; exactextract 0.3 merges equal values
/// into one element with their summed weight, which this does not, so the two differ on ties): sort the n values x₁ ≤ … ≤ xₙ
/// with weights wₖ, equal values by weight (lightest first), and let
/// Sₖ = (k − 1)·wₖ + (n − 1)·Σᵢ₍ᵢ<ₖ₎ wᵢ. The q-quantile is found at h = q·(n − 1)·Σw:
/// x = xₖ + (h − Sₖ)/(Sₖ₊₁ − Sₖ)·(xₖ₊₁ − xₖ) for Sₖ ≤ h ≤ Sₖ₊₁. With equal weights this is the usual
/// linear-interpolation quantile (Hyndman & Fan type 7, NumPy's default).
///
/// Equal values are ordered by weight because the order of a tie moves the answer whenever the tie
/// holds cells of different coverage: 25 at ½, 25 at 1 and 26 at 1 have the median 25 + ⅙, but 25.0
/// with the two 25s the other way round. Ordered by weight, quantiles depend only on the values and
/// weights (up to the rounding of the weight sums), not on the order the cells arrive in: a south-up
/// raster, another block size or tiles merged in another order give the same answer.
///
/// Memory is 8 bytes per covered cell with a value; merging concatenates.
public struct WeightedQuantiles: Sendable, Hashable {
    private var values: [Float] = []
    private var weights: [Float] = []

    /// No values.
    public init() {}

    /// Number of values kept.
    public var count: Int { values.count }

    /// Adds a run of fully covered cells; NaN and ±∞ values are skipped.
    /// - Parameter run: The cells' values.
    public mutating func addFull(_ run: UnsafeBufferPointer<Float>) {
        // Runs without a missing cell (the usual case) are copied in bulk.
        if run.allSatisfy(\.isFinite) {
            values.append(contentsOf: run)
            weights.append(contentsOf: repeatElement(1, count: run.count))
            return
        }
        for v in run where v.isFinite {
            values.append(v)
            weights.append(1)
        }
    }

    /// Adds one partly covered cell; NaN and ±∞ values, and weights that are not positive and
    /// finite, are skipped.
    /// - Parameters:
    ///   - value: The cell's value.
    ///   - weight: Its coverage fraction.
    public mutating func add(_ value: Float, weight: Float) {
        guard value.isFinite, weight > 0, weight.isFinite else { return }
        values.append(value)
        weights.append(weight)
    }

    /// Adds the values of another part of the same zone.
    /// - Parameter other: Values from other cells.
    public mutating func merge(_ other: WeightedQuantiles) {
        values += other.values
        weights += other.weights
    }

    /// The quantiles at the given probabilities, in the same order; `nil` entries when there are no
    /// values.
    ///
    /// No sort: Sₖ grows with k, so each target h needs only the first position k with Sₖ > h and
    /// its predecessor, which a quickselect-style search finds in expected linear time. Each step
    /// partitions the unsearched range around a pivot, whose equal keys land at their sorted
    /// positions p…, and Sₚ = p·wₚ + (n − 1)·(weight of everything before p) says on which side the
    /// answer lies.
    /// Cells are compared as `value << 32 | weight` words (the order-preserving integer images of
    /// the two Floats), exactly the order the definition sorts by. Targets are taken in ascending
    /// order, each search starting where the previous one ended.
    /// - Parameter probabilities: Values in 0…1 (0.5 is the median); those below 0 or above 1 give
    ///   the smallest or largest value, NaN gives `nil`.
    public func quantiles(_ probabilities: [Double]) -> [Double?] {
        let n = values.count
        guard n > 0 else { return probabilities.map { _ in nil } }
        if n == 1 { return probabilities.map { $0.isNaN ? nil : Double(values[0]) } }
        let total = weights.reduce(0.0) { $0 + Double($1) }
        var results = [Double?](repeating: nil, count: probabilities.count)
        let targets = Self.targets(probabilities, count: n, totalWeight: total)
        values.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                Self.select(x, w, position: 0, weightBefore: 0, count: n, targets: targets[...], into: &results)
            }
        }
        return results
    }

    /// The heights h = q·(n − 1)·Σw of the probabilities, ascending, with their places in the request.
    /// A NaN probability has no height and stays unanswered: sorted among the others it broke the
    /// ascending order every search relies on, and so the answers to the rest. The height of q ≥ 1
    /// is +∞, above every Sₖ: it is the largest value by definition, and (n − 1)·Σw, summed in
    /// another order than the top Sₖ, could fall a rounding below it and interpolate.
    static func targets(_ probabilities: [Double], count n: Int, totalWeight: Double) -> [(index: Int, h: Double)] {
        probabilities.indices
            .filter { !probabilities[$0].isNaN }
            .map { (index: $0, h: probabilities[$0] >= 1 ? .infinity : max(probabilities[$0], 0) * (Double(n - 1) * totalWeight)) }
            .sorted { $0.h < $1.h }
    }

    /// Finds the quantiles of `targets` among some of a zone's values: those at sorted positions
    /// `position…` of the zone's n, preceded by values weighing `weightBefore`. The first of them
    /// must have Sₖ ≤ h for every target, and the first value after them (if any) Sₖ > h.
    static func select(
        _ x: UnsafeBufferPointer<Float>, _ w: UnsafeBufferPointer<Float>, position: Int, weightBefore: Double,
        count n: Int, targets: ArraySlice<(index: Int, h: Double)>, into results: inout [Double?]
    ) {
        let m = x.count
        // The word holds the whole cell, so equal words are interchangeable and need no index. Adding
        // +0 turns −0 into +0, an equal value that must be ordered by its weight like any other.
        var keys = (0..<m).map { UInt64(orderKey(x[$0] + 0)) << 32 | UInt64(orderKey(w[$0])) }
        let spread = Double(n - 1)
        // Everything before `lo` precedes (in sorted order) everything from `lo` on, and weighs `before`.
        var lo = 0
        var before = weightBefore
        keys.withUnsafeMutableBufferPointer { keys in
            for target in targets {
                // The first k with Sₖ > h lies in [lo, hi]; hi = m means none of these values has it.
                var hi = m
                while lo < hi {
                    let (equal, lessWeight) = Self.partition(keys, lo, hi)
                    // Sₖ grows along the run of cells equal to the pivot: walk it to the first Sₖ > h.
                    let w = weight(keys[equal.lowerBound])
                    var k = equal.lowerBound
                    var weightBeforeK = before + lessWeight
                    while k < equal.upperBound, Double(position + k) * w + spread * weightBeforeK <= target.h {
                        weightBeforeK += w
                        k += 1
                    }
                    if k == equal.lowerBound {
                        hi = k
                    } else {
                        before = weightBeforeK
                        lo = k
                        if k < equal.upperBound { hi = k }
                    }
                }
                // The first value has Sₖ ≤ h, so lo ≥ 1 and position lo − 1 holds a settled cell: the last k with Sₖ ≤ h.
                let previous = keys[lo - 1]
                let xPrevious = value(previous), wPrevious = weight(previous)
                guard lo < m else {
                    results[target.index] = xPrevious
                    continue
                }
                let sPrevious = Double(position + lo - 1) * wPrevious + spread * (before - wPrevious)
                let next = keys[lo]
                let sNext = Double(position + lo) * weight(next) + spread * before
                // The next, larger target's answer is at lo or later: its search leaves lo − 1 alone.
                results[target.index] = xPrevious + (target.h - sPrevious) / (sNext - sPrevious) * (value(next) - xPrevious)
            }
        }
    }

    /// Partitions `keys[lo..<hi]` around a median-of-three pivot and returns the run of keys equal to
    /// it, at their sorted positions, with the total weight of the keys before them.
    ///
    /// Ties are common (Landsat temperatures come in steps of 0.0034 K, full cells all weigh 1), and
    /// a two-way partition, which leaves the keys equal to its pivot on one side, turns quadratic on a
    /// zone of few distinct values. A sample of three with a tie in it suggests such a zone, and gets
    /// a three-way partition; otherwise the two-way one, whose single test per key runs faster.
    private static func partition(
        _ keys: UnsafeMutableBufferPointer<UInt64>, _ lo: Int, _ hi: Int
    ) -> (equal: Range<Int>, lessWeight: Double) {
        let mid = lo + (hi - lo) / 2
        let (a, b, c) = (keys[lo], keys[mid], keys[hi - 1])
        var lessWeight = 0.0
        guard a != b, b != c, a != c else {
            let pivot = b == c ? b : a
            var less = lo, i = lo, greater = hi
            while i < greater {
                let key = keys[i]
                if key < pivot {
                    lessWeight += weight(key)
                    keys.swapAt(less, i)
                    less += 1
                    i += 1
                } else if key > pivot {
                    greater -= 1
                    keys.swapAt(i, greater)
                } else {
                    i += 1
                }
            }
            return (less..<greater, lessWeight)
        }
        keys.swapAt((a < b) == (b < c) ? mid : (b < a) == (a < c) ? lo : hi - 1, hi - 1)
        let pivot = keys[hi - 1]
        var store = lo
        for i in lo..<(hi - 1) where keys[i] < pivot {
            lessWeight += weight(keys[i])
            keys.swapAt(i, store)
            store += 1
        }
        keys.swapAt(store, hi - 1)
        return (store..<(store + 1), lessWeight)
    }

    /// The order-preserving integer image of a Float: images compare as the values do, with −0 just
    /// below +0.
    @inline(__always)
    private static func orderKey(_ v: Float) -> UInt32 {
        let bits = v.bitPattern
        return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    }

    @inline(__always)
    private static func float(_ key: UInt32) -> Float {
        Float(bitPattern: key & 0x8000_0000 != 0 ? key & 0x7FFF_FFFF : ~key)
    }

    @inline(__always)
    private static func value(_ key: UInt64) -> Double { Double(float(UInt32(key >> 32))) }

    @inline(__always)
    private static func weight(_ key: UInt64) -> Double { Double(float(UInt32(truncatingIfNeeded: key))) }

    /// Appends what `fill` writes, at most `capacity` values and weights, without growing the arrays
    /// value by value: a block's cells arrive in one call.
    /// - Parameters:
    ///   - capacity: Room to give `fill`.
    ///   - fill: Writes values and weights to the two pointers and returns how many it wrote.
    mutating func append(capacity: Int, _ fill: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Int) {
        guard capacity > 0 else { return }
        var written = 0
        var newWeights: [Float] = []
        let newValues = [Float](unsafeUninitializedCapacity: capacity) { v, vCount in
            newWeights = [Float](unsafeUninitializedCapacity: capacity) { w, wCount in
                written = fill(v.baseAddress!, w.baseAddress!)
                wCount = written
            }
            vCount = written
        }
        if values.isEmpty {
            (values, weights) = (newValues, newWeights)
        } else {
            values += newValues
            weights += newWeights
        }
    }
}
