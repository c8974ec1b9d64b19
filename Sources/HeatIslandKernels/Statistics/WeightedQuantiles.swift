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

    /// Adds a run of fully covered cells; NaN values are skipped.
    /// - Parameter run: The cells' values.
    public mutating func addFull(_ run: UnsafeBufferPointer<Float>) {
        // Runs without a missing cell (the usual case) are copied in bulk.
        if !run.contains(where: \.isNaN) {
            values.append(contentsOf: run)
            weights.append(contentsOf: repeatElement(1, count: run.count))
            return
        }
        for v in run where !v.isNaN {
            values.append(v)
            weights.append(1)
        }
    }

    /// Adds one partly covered cell; NaN values and zero weights are skipped.
    /// - Parameters:
    ///   - value: The cell's value.
    ///   - weight: Its coverage fraction.
    public mutating func add(_ value: Float, weight: Float) {
        guard !value.isNaN, weight > 0 else { return }
        values.append(value)
        weights.append(weight)
    }

    /// Adds the values of another part of the same zone.
    /// - Parameter other: Values from other cells.
    public mutating func merge(_ other: WeightedQuantiles) {
        values += other.values
        weights += other.weights
    }

    /// The values' positions in ascending order of value, ties in insertion order, as
    /// `key << 32 | index` words. A stable LSD radix sort over the order-preserving integer image of
    /// each Float runs in linear time; quantiles are most of a small zone's cost, so this matters.
    private func sortedOrder() -> [UInt64] {
        var keys = [UInt64](repeating: 0, count: values.count)
        for (i, v) in values.enumerated() {
            let bits = v.bitPattern
            let key = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
            keys[i] = UInt64(key) << 32 | UInt64(i)
        }
        if keys.count < 64 {
            keys.sort()
            return keys
        }
        var scratch = [UInt64](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: 256)
        for shift in stride(from: UInt64(32), to: 64, by: 8) {
            for i in 0..<256 { counts[i] = 0 }
            for k in keys { counts[Int((k >> shift) & 0xFF)] += 1 }
            // A byte that every key shares (the sign and exponent of similar temperatures) needs no pass.
            if counts.contains(keys.count) { continue }
            var total = 0
            for i in 0..<256 { (counts[i], total) = (total, total + counts[i]) }
            for k in keys {
                let bucket = Int((k >> shift) & 0xFF)
                scratch[counts[bucket]] = k
                counts[bucket] += 1
            }
            swap(&keys, &scratch)
        }
        return keys
    }

    /// The quantiles at the given probabilities, in the same order; `nil` entries when there are no
    /// values. One sort serves every probability.
    /// - Parameter probabilities: Values in 0…1 (0.5 is the median).
    public func quantiles(_ probabilities: [Double]) -> [Double?] {
        let n = values.count
        guard n > 0 else { return probabilities.map { _ in nil } }
        if n == 1 { return probabilities.map { _ in Double(values[0]) } }
        let order = sortedOrder()
        // Σw is known before sorting, so every target h is too: one pass over the sorted values,
        // building Sₖ as it goes, answers all probabilities (targets in ascending h).
        let total = Double(n - 1) * weights.reduce(0.0) { $0 + Double($1) }
        let targets = probabilities.indices
            .map { (index: $0, h: min(max(probabilities[$0], 0), 1) * total) }
            .sorted { $0.h < $1.h }
        var results = [Double?](repeating: nil, count: probabilities.count)
        var t = 0
        var before = 0.0, previousS = 0.0, previousX = 0.0
        for (k, entry) in order.enumerated() where t < targets.count {
            let i = Int(entry & 0xFFFF_FFFF)
            let w = Double(weights[i]), x = Double(values[i])
            let sk = Double(k) * w + Double(n - 1) * before
            // Targets below Sₖ lie between Sₖ₋₁ and Sₖ (S₀ = 0 ≤ every h, so k > 0 here).
            while t < targets.count && targets[t].h < sk {
                let h = targets[t].h
                results[targets[t].index] = previousX + (h - previousS) / (sk - previousS) * (x - previousX)
                t += 1
            }
            (previousS, previousX) = (sk, x)
            before += w
        }
        // Targets at or beyond the last Sₖ take the largest value.
        while t < targets.count {
            results[targets[t].index] = previousX
            t += 1
        }
        return results
    }

    /// Makes room for `additional` more values, so a zone's cells are appended without regrowing.
    public mutating func reserveCapacity(additional: Int) {
        values.reserveCapacity(values.count + additional)
        weights.reserveCapacity(weights.count + additional)
    }
}
