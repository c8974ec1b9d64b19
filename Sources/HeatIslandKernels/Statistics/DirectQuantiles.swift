/// Weighted quantiles (the ``WeightedQuantiles`` definition) of a zone's valid cells, copied in span
/// order by the reduction pass (``ZonalReducer/add(_:block:spans:into:quantilesAt:)``).
///
/// A histogram of the values over the zone's range gives each bucket the count C and weight W of the
/// values below it. The first value of a bucket sits at sorted position C, so its
/// Sₖ = C·wₖ + (n − 1)·W lies in ((n − 1)·W, C + (n − 1)·W]: each quantile's two neighbours are in
/// the buckets from the last one whose C + (n − 1)·W is ≤ h to the first one after it whose
/// (n − 1)·W is ≥ h — usually one or two. Only those buckets' values are gathered and selected
/// exactly, so the answers equal ``WeightedQuantiles``' up to the rounding of the weight sums.
///
/// The copy is made while the reduction reads the cells anyway: walking the spans a second time
/// (masks at run ends, partial cells one by one) cost more than the histogram itself. All buffers are
/// temporary allocations; as arrays they cost a small zone about as much as its cells did.
///
/// Internal: its input never holds NaN or ±∞ (the reduction copies valid cells only), which the
/// bucket arithmetic relies on.
enum DirectQuantiles {
    /// The quantiles of a zone's valid cells.
    /// - Parameters:
    ///   - values: The cells' values, all finite, in span order.
    ///   - weights: Their coverage weights (1 for fully covered cells).
    ///   - minimum: A lower bound of the values (the zone's minimum).
    ///   - maximum: An upper bound of the values (the zone's maximum).
    ///   - probabilities: Values in 0…1 (0.5 is the median).
    /// - Returns: One entry per probability, `nil` when there are no values.
    static func quantiles(
        values x: UnsafeBufferPointer<Float>, weights w: UnsafeBufferPointer<Float>,
        minimum: Float, maximum: Float, probabilities: [Double]
    ) -> [Double?] {
        let count = Swift.min(x.count, w.count)
        guard count > 0, let xs = x.baseAddress, let ws = w.baseAddress else { return probabilities.map { _ in nil } }
        if count == 1 || minimum == maximum { return probabilities.map { $0.isNaN ? nil : Double(xs[0]) } }
        var results = [Double?](repeating: nil, count: probabilities.count)
        // About 16 values a bucket: a few dozen values to select among, and few enough buckets
        // that clearing and summing them stays small beside reading the values.
        guard count < Int(Int32.max),
              let buckets = Buckets(lowest: minimum, highest: maximum, count: Swift.min(1024, Swift.max(16, count / 16))) else {
            // A range too wide or too narrow for Float buckets (values near ±Float.greatestFiniteMagnitude), or more cells
            // than the 32-bit counters hold: select among every value.
            let total = (0..<count).reduce(0.0) { $0 + Double(ws[$1]) }
            let targets = WeightedQuantiles.targets(probabilities, count: count, totalWeight: total)
            WeightedQuantiles.select(x, w, position: 0, weightBefore: 0, count: count, targets: targets[...], into: &results)
            return results
        }
        let m = buckets.count
        withUnsafeTemporaryAllocation(of: Int.self, capacity: m + 1) { belowCount in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: m + 1) { belowWeight in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * count) { gathered in
                    histogram(xs, ws, count: count, buckets: buckets, belowCount: belowCount.baseAddress!, belowWeight: belowWeight.baseAddress!)
                    // The histogram's own totals, so that positions and weights below agree with the buckets'.
                    let spread = Double(count - 1)
                    let targets = WeightedQuantiles.targets(probabilities, count: count, totalWeight: belowWeight[m])
                    func occupied(_ b: Int) -> Bool { belowCount[b + 1] > belowCount[b] }
                    var first = (0..<m).first(where: occupied) ?? 0
                    // Each target's bucket range. Targets ascend, so each range starts at or after
                    // the previous one's start (and asking twice for the same target is harmless).
                    func range(_ h: Double) -> ClosedRange<Int> {
                        var b = first + 1
                        while b < m, !occupied(b) || Double(belowCount[b]) + spread * belowWeight[b] <= h {
                            if occupied(b) { first = b }
                            b += 1
                        }
                        var last = first + 1
                        while last < m, !occupied(last) || spread * belowWeight[last] < h { last += 1 }
                        return first...Swift.min(last, m - 1)
                    }
                    let (gx, gw) = (gathered.baseAddress!, gathered.baseAddress! + count)
                    var t = 0
                    while t < targets.count {
                        // Targets whose ranges overlap are selected together.
                        var group = range(targets[t].h)
                        var end = t + 1
                        while end < targets.count {
                            let next = range(targets[end].h)
                            guard next.lowerBound <= group.upperBound else { break }
                            group = group.lowerBound...Swift.max(group.upperBound, next.upperBound)
                            end += 1
                        }
                        let n = gather(xs, ws, count: count, buckets: buckets, range: group, values: gx, weights: gw)
                        WeightedQuantiles.select(UnsafeBufferPointer(start: gx, count: n), UnsafeBufferPointer(start: gw, count: n),
                                                 position: belowCount[group.lowerBound], weightBefore: belowWeight[group.lowerBound],
                                                 count: count, targets: targets[t..<end], into: &results)
                        t = end
                    }
                }
            }
        }
        return results
    }

    /// Fills `belowCount[b]` and `belowWeight[b]` with the count and weight of the values in buckets
    /// before `b` (`m + 1` entries each).
    ///
    /// Neighbouring cells mostly share a bucket, and incrementing one counter eight times in a row
    /// waits on each store: lanes count into four interleaved copies, summed afterwards. Every value
    /// is counted; the few partial cells are also counted apart with their weights, in `Double`.
    static func histogram(
        _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, count: Int, buckets: Buckets,
        belowCount: UnsafeMutablePointer<Int>, belowWeight: UnsafeMutablePointer<Double>
    ) {
        let m = buckets.count
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 5 * m) { counts in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: m) { partialWeights in
                counts.initialize(repeating: 0)
                partialWeights.initialize(repeating: 0)
                let partialCounts = counts.baseAddress! + 4 * m
                let interleave = SIMD8<Int32>(0, 1, 2, 3, 0, 1, 2, 3) &* Int32(truncatingIfNeeded: m)
                let ones = SIMD8<Float>(repeating: 1)
                @inline(__always) func addPartial(_ b: Int, _ weight: Float) {
                    partialCounts[b] &+= 1
                    partialWeights[b] += Double(weight)
                }
                var i = 0
                while i + 8 <= count {
                    let b = buckets(UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self))
                    let slot = b &+ interleave
                    for lane in 0..<8 { counts[Int(slot[lane])] &+= 1 }
                    let weight = UnsafeRawPointer(w + i).loadUnaligned(as: SIMD8<Float>.self)
                    // Weights are 1 for fully covered cells and below 1 for partial ones.
                    let partial = weight .< ones
                    if partial.anySet {
                        for lane in 0..<8 where partial[lane] { addPartial(Int(b[lane]), weight[lane]) }
                    }
                    i += 8
                }
                while i < count {
                    let b = buckets(x[i])
                    counts[b] &+= 1
                    if w[i] < 1 { addPartial(b, w[i]) }
                    i += 1
                }
                belowCount[0] = 0
                belowWeight[0] = 0
                for b in 0..<m {
                    let all = Int(counts[b] &+ counts[m + b] &+ counts[2 * m + b] &+ counts[3 * m + b])
                    belowCount[b + 1] = belowCount[b] + all
                    belowWeight[b + 1] = belowWeight[b] + Double(all - Int(partialCounts[b])) + partialWeights[b]
                }
            }
        }
    }

    /// Copies the values of the buckets in `range` and their weights.
    /// - Returns: How many were copied.
    static func gather(
        _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, count: Int, buckets: Buckets, range: ClosedRange<Int>,
        values gx: UnsafeMutablePointer<Float>, weights gw: UnsafeMutablePointer<Float>
    ) -> Int {
        let low = SIMD8<Int32>(repeating: Int32(range.lowerBound)), high = SIMD8<Int32>(repeating: Int32(range.upperBound))
        var gathered = 0
        var i = 0
        while i + 8 <= count {
            let b = buckets(UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self))
            // Most values lie outside the range: one vector test passes them over.
            let wanted = (b .>= low) .& (b .<= high)
            if wanted.anySet {
                for lane in 0..<8 where wanted[lane] {
                    (gx[gathered], gw[gathered]) = (x[i + lane], w[i + lane])
                    gathered += 1
                }
            }
            i += 8
        }
        while i < count {
            if range.contains(buckets(x[i])) {
                (gx[gathered], gw[gathered]) = (x[i], w[i])
                gathered += 1
            }
            i += 1
        }
        return gathered
    }

    /// Equal-width buckets over a zone's value range, computed the same way for vectors and single
    /// values so that a value always falls in the same bucket.
    ///
    /// The bucket number is rounded to nearest by adding 2²³ (whose bits then end in the integer):
    /// Swift's vector float-to-integer conversion goes lane by lane through a generic path that cost
    /// three times the whole reduction. Any monotone rounding serves the search.
    struct Buckets {
        static let magic: Float = 8_388_608
        let lowest: Float
        let scale: Float
        let count: Int

        init?(lowest: Float, highest: Float, count: Int) {
            let scale = Float(count) / (highest - lowest)
            guard lowest.isFinite, highest.isFinite, scale.isFinite, scale > 0 else { return nil }
            (self.lowest, self.scale, self.count) = (lowest, scale, count)
        }

        /// Buckets of eight values, none NaN.
        @inline(__always)
        func callAsFunction(_ v: SIMD8<Float>) -> SIMD8<Int32> {
            let top = SIMD8<Float>(repeating: Float(count - 1))
            // Vector replacements: replacing lanes with a scalar compiles to a loop over the lanes.
            let zero = SIMD8<Float>()
            let x = (v - lowest) * scale
            let clamped = x.replacing(with: zero, where: x .< zero).replacing(with: top, where: x .> top)
            return unsafeBitCast(clamped + Self.magic, to: SIMD8<Int32>.self) &- Int32(bitPattern: Self.magic.bitPattern)
        }

        @inline(__always)
        func callAsFunction(_ v: Float) -> Int {
            let clamped = Swift.min(Swift.max((v - lowest) * scale, 0), Float(count - 1))
            return Int((clamped + Self.magic).bitPattern) - Int(Self.magic.bitPattern)
        }
    }

}
