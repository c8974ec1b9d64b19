/// Coverage-weighted quantiles of a zone's cell values, exact (every value and weight is kept).
///
/// Definition (the weighted percentile method, as exactextract uses it): sort the n values x₁ ≤ … ≤ xₙ
/// with weights wₖ and let Sₖ = (k − 1)·wₖ + (n − 1)·Σᵢ₍ᵢ<ₖ₎ wᵢ. The q-quantile is found at
/// h = q·(n − 1)·Σw: x = xₖ + (h − Sₖ)/(Sₖ₊₁ − Sₖ)·(xₖ₊₁ − xₖ) for Sₖ ≤ h ≤ Sₖ₊₁. With equal
/// weights this is the usual linear-interpolation quantile (Hyndman & Fan type 7, NumPy's default).
///
/// Memory is 8 bytes per covered cell with a value; merging concatenates, so results do not depend on
/// how cells were split into blocks or threads.
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
    /// partitions the unsearched range around a pivot, which lands at its sorted position p, and
    /// Sₚ = p·wₚ + (n − 1)·(weight of everything before p) says on which side the answer lies.
    /// Values are compared as `key << 32 | index` words (the order-preserving integer image of
    /// each Float, ties in insertion order), exactly the order the definition sorts by. Targets are
    /// taken in ascending order, each search starting where the previous one ended.
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
        var keys = [UInt64](repeating: 0, count: m)
        for (i, v) in x.enumerated() {
            let bits = v.bitPattern
            let key = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
            keys[i] = UInt64(key) << 32 | UInt64(i)
        }
        let spread = Double(n - 1)
        // Everything before `lo` precedes (in sorted order) everything from `lo` on, and weighs `before`.
        var lo = 0
        var before = weightBefore
        keys.withUnsafeMutableBufferPointer { keys in
            func weight(_ key: UInt64) -> Double { Double(w[Int(key & 0xFFFF_FFFF)]) }
            func value(_ key: UInt64) -> Double { Double(x[Int(key & 0xFFFF_FFFF)]) }
            for target in targets {
                // The first k with Sₖ > h lies in [lo, hi]; hi = m means none of these values has it.
                var hi = m
                while lo < hi {
                    let (p, lessWeight) = Self.partition(keys, lo, hi, weight)
                    let sp = Double(position + p) * weight(keys[p]) + spread * (before + lessWeight)
                    if sp > target.h {
                        hi = p
                    } else {
                        before += lessWeight + weight(keys[p])
                        lo = p + 1
                    }
                }
                // The first value has Sₖ ≤ h, so lo ≥ 1 and position lo − 1 holds a pivot: the last k with Sₖ ≤ h.
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

    /// Partitions `keys[lo..<hi]` around a median-of-three pivot (keys are distinct), puts the pivot
    /// at its sorted position and returns that position with the total weight of the keys before it.
    private static func partition(
        _ keys: UnsafeMutableBufferPointer<UInt64>, _ lo: Int, _ hi: Int, _ weight: (UInt64) -> Double
    ) -> (position: Int, lessWeight: Double) {
        let mid = lo + (hi - lo) / 2
        let (a, b, c) = (keys[lo], keys[mid], keys[hi - 1])
        let pivotIndex = (a < b) == (b < c) ? mid : (b < a) == (a < c) ? lo : hi - 1
        keys.swapAt(pivotIndex, hi - 1)
        let pivot = keys[hi - 1]
        var store = lo
        var lessWeight = 0.0
        for i in lo..<(hi - 1) where keys[i] < pivot {
            lessWeight += weight(keys[i])
            keys.swapAt(i, store)
            store += 1
        }
        keys.swapAt(store, hi - 1)
        return (store, lessWeight)
    }

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
