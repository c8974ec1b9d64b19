/// Weighted quantiles (the ``WeightedQuantiles`` definition) of a zone that lies wholly in one block,
/// read straight from the block: no copy of the zone's cells is kept.
///
/// Copying every covered cell (8 bytes each) and selecting among all of them cost more than the rest
/// of the reduction for small zones. Here a histogram of the zone's values over its range gives each
/// bucket the count C and weight W of the values below it. The first value of a bucket sits at sorted
/// position C, so its Sₖ = C·wₖ + (n − 1)·W lies in ((n − 1)·W, C + (n − 1)·W]: each quantile's two
/// neighbours are in the buckets from the last one whose C + (n − 1)·W is ≤ h to the first one after
/// it whose (n − 1)·W is ≥ h — usually one or two. Only those buckets' cells are gathered, in span
/// order (the order ``WeightedQuantiles`` would have received them), and selected exactly, so the
/// answers equal ``WeightedQuantiles``' up to the rounding of the weight sums.
public enum DirectQuantiles {
    /// The quantiles of one zone's covered cells in a block.
    /// - Parameters:
    ///   - values: The block's values, row-major.
    ///   - block: Where the block lies in the raster.
    ///   - spans: The zone's coverage; every covered cell of the zone must lie in the block.
    ///   - statistics: The zone's accumulator holding exactly these cells (count, minimum, maximum).
    ///   - probabilities: Values in 0…1 (0.5 is the median).
    /// - Returns: One entry per probability, `nil` when the zone has no valid cell.
    public static func quantiles(
        _ values: UnsafeBufferPointer<Float>, block: PixelWindow, spans: CoverageSpans,
        statistics: ZonalAccumulator, probabilities: [Double]
    ) -> [Double?] {
        let n = statistics.validCells
        guard n > 0 else { return probabilities.map { _ in nil } }
        if n == 1 || statistics.minimum == statistics.maximum { return probabilities.map { _ in Double(statistics.minimum) } }
        // About 16 values a bucket: a few dozen cells to select among, and few enough buckets that
        // clearing and summing them stays small beside reading the cells.
        guard n < Int(Int32.max), let buckets = Buckets(lowest: statistics.minimum, highest: statistics.maximum, count: Swift.min(1024, Swift.max(16, n / 16))) else {
            // A range too wide or too narrow for Float buckets (infinite values), or more cells than
            // the 32-bit counters hold: keep every cell.
            var keeper = Keeper()
            Cells(values: values, block: block, spans: spans).visit(&keeper)
            return keeper.kept.quantiles(probabilities)
        }
        let cells = Cells(values: values, block: block, spans: spans)
        let m = buckets.count
        var histogram = Histogram(buckets: buckets)
        cells.visit(&histogram)
        let (fullCounts, partialCounts, partialWeights) = (histogram.fullCounts, histogram.partialCounts, histogram.partialWeights)
        var belowCount = [Int](repeating: 0, count: m + 1), belowWeight = [Double](repeating: 0, count: m + 1)
        for b in 0..<m {
            belowCount[b + 1] = belowCount[b] + Int(fullCounts[b]) + Int(partialCounts[b])
            belowWeight[b + 1] = belowWeight[b] + Double(fullCounts[b]) + partialWeights[b]
        }
        // The histogram's own totals, so that positions and weights below agree with the buckets'.
        let total = belowCount[m]
        let spread = Double(total - 1)
        let targets = WeightedQuantiles.targets(probabilities, count: total, totalWeight: belowWeight[m])

        // Each target's bucket range; ranges that overlap are merged into groups.
        func occupied(_ b: Int) -> Bool { belowCount[b + 1] > belowCount[b] }
        var groups: [(first: Int, last: Int, targets: Range<Int>)] = []
        var first = (0..<m).first(where: occupied) ?? 0
        for (t, target) in targets.enumerated() {
            // Targets ascend, so each range starts at or after the previous one's start.
            var b = first + 1
            while b < m, !occupied(b) || Double(belowCount[b]) + spread * belowWeight[b] <= target.h {
                if occupied(b) { first = b }
                b += 1
            }
            var last = first + 1
            while last < m, !occupied(last) || spread * belowWeight[last] < target.h { last += 1 }
            last = Swift.min(last, m - 1)
            if let g = groups.last, first <= g.last {
                groups[groups.count - 1] = (g.first, Swift.max(g.last, last), g.targets.lowerBound..<(t + 1))
            } else {
                groups.append((first, last, t..<(t + 1)))
            }
        }

        var gatherer = Gatherer(buckets: buckets, ranges: groups.map { $0.first...$0.last })
        cells.visit(&gatherer)
        let gathered = gatherer.gathered
        var results = [Double?](repeating: nil, count: probabilities.count)
        for (g, group) in groups.enumerated() {
            gathered[g].values.withUnsafeBufferPointer { x in
                gathered[g].weights.withUnsafeBufferPointer { w in
                    WeightedQuantiles.select(x, w, position: belowCount[group.first], weightBefore: belowWeight[group.first],
                                             count: total, targets: targets[group.targets], into: &results)
                }
            }
        }
        return results
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

        /// Buckets of eight values; lanes that are NaN get bucket 0 and must be masked by the caller.
        @inline(__always)
        func callAsFunction(_ v: SIMD8<Float>) -> SIMD8<Int32> {
            let top = SIMD8<Float>(repeating: Float(count - 1))
            // Vector replacements: replacing lanes with a scalar compiles to a loop over the lanes.
            let zero = SIMD8<Float>()
            let x = ((v - lowest) * scale).replacing(with: zero, where: .!(v .== v))
            let clamped = x.replacing(with: zero, where: x .< zero).replacing(with: top, where: x .> top)
            return unsafeBitCast(clamped + Self.magic, to: SIMD8<Int32>.self) &- Int32(bitPattern: Self.magic.bitPattern)
        }

        @inline(__always)
        func callAsFunction(_ v: Float) -> Int {
            let clamped = Swift.min(Swift.max((v - lowest) * scale, 0), Float(count - 1))
            return Int((clamped + Self.magic).bitPattern) - Int(Self.magic.bitPattern)
        }
    }

    /// The covered cells of a zone in a block, in span order: full runs eight at a time (lanes past
    /// the run or without a value masked), partial cells one by one. A visitor type rather than
    /// closures, so that each pass is specialised and inlined.
    struct Cells {
        let values: UnsafeBufferPointer<Float>
        let block: PixelWindow
        let spans: CoverageSpans

        @inline(__always)
        func visit<Visitor: CellVisitor>(_ visitor: inout Visitor) {
            guard let base = values.baseAddress else { return }
            spans.weights.withUnsafeBufferPointer { weights in
                for span in spans.spans {
                    guard let offset = span.offset(in: block) else { continue }
                    let count = span.count
                    if span.isFull {
                        for i in stride(from: 0, to: count, by: 8) {
                            let (v, active) = ZonalPass.chunk(base + offset, from: i, count: count, readable: values.count - offset)
                            visitor.full(v, valid: (v .== v) .& active)
                        }
                    } else {
                        let w = Int(span.weightOffset)
                        for k in 0..<count where !base[offset + k].isNaN && weights[w + k] > 0 {
                            visitor.partial(base[offset + k], weight: weights[w + k])
                        }
                    }
                }
            }
        }
    }

    /// Receives the covered cells that have a value: full ones as vectors with the lanes to use.
    protocol CellVisitor {
        mutating func full(_ v: SIMD8<Float>, valid: SIMDMask<SIMD8<Int32>>)
        mutating func partial(_ v: Float, weight: Float)
    }

    /// Counts per bucket; full cells only count, the few partial cells also carry their weights.
    ///
    /// Neighbouring cells mostly share a bucket, and incrementing one counter eight times in a row
    /// waits on each store: lanes count into four interleaved copies, summed afterwards.
    struct Histogram: CellVisitor {
        let buckets: Buckets
        private var lanes: [Int32]
        var partialCounts: [Int32]
        var partialWeights: [Double]

        init(buckets: Buckets) {
            self.buckets = buckets
            lanes = [Int32](repeating: 0, count: 4 * buckets.count)
            partialCounts = [Int32](repeating: 0, count: buckets.count)
            partialWeights = [Double](repeating: 0, count: buckets.count)
        }

        /// Full cells per bucket.
        var fullCounts: [Int32] {
            let m = buckets.count
            return (0..<m).map { lanes[$0] &+ lanes[m + $0] &+ lanes[2 * m + $0] &+ lanes[3 * m + $0] }
        }

        @inline(__always)
        mutating func full(_ v: SIMD8<Float>, valid: SIMDMask<SIMD8<Int32>>) {
            let m = buckets.count
            let b = buckets(v) &+ SIMD8<Int32>(0, 1, 2, 3, 0, 1, 2, 3) &* Int32(truncatingIfNeeded: m)
            lanes.withUnsafeMutableBufferPointer { counts in
                if all(valid) {
                    for lane in 0..<8 { counts[Int(b[lane])] &+= 1 }
                } else {
                    for lane in 0..<8 where valid[lane] { counts[Int(b[lane])] &+= 1 }
                }
            }
        }

        @inline(__always)
        mutating func partial(_ v: Float, weight: Float) {
            let b = buckets(v)
            partialCounts[b] &+= 1
            partialWeights[b] += Double(weight)
        }
    }

    /// The cells of the chosen bucket ranges, each range's in span order.
    struct Gatherer: CellVisitor {
        let buckets: Buckets
        let ranges: [ClosedRange<Int>]
        let low: SIMD8<Int32>, high: SIMD8<Int32>
        var gathered: [(values: [Float], weights: [Float])]

        init(buckets: Buckets, ranges: [ClosedRange<Int>]) {
            (self.buckets, self.ranges) = (buckets, ranges)
            low = SIMD8(repeating: Int32(ranges.first?.lowerBound ?? 0))
            high = SIMD8(repeating: Int32(ranges.last?.upperBound ?? -1))
            gathered = Array(repeating: ([], []), count: ranges.count)
        }

        @inline(__always)
        mutating func full(_ v: SIMD8<Float>, valid: SIMDMask<SIMD8<Int32>>) {
            let b = buckets(v)
            // Most cells lie outside every range: one vector test passes them over.
            let wanted = valid .& (b .>= low) .& (b .<= high)
            guard any(wanted) else { return }
            for lane in 0..<8 where wanted[lane] { add(v[lane], weight: 1, bucket: Int(b[lane])) }
        }

        @inline(__always)
        mutating func partial(_ v: Float, weight: Float) { add(v, weight: weight, bucket: buckets(v)) }

        private mutating func add(_ v: Float, weight: Float, bucket: Int) {
            guard let r = ranges.firstIndex(where: { $0.contains(bucket) }) else { return }
            gathered[r].values.append(v)
            gathered[r].weights.append(weight)
        }
    }

    /// Every cell, for ranges that cannot be bucketed.
    struct Keeper: CellVisitor {
        var kept = WeightedQuantiles()

        mutating func full(_ v: SIMD8<Float>, valid: SIMDMask<SIMD8<Int32>>) {
            for lane in 0..<8 where valid[lane] { kept.add(v[lane], weight: 1) }
        }

        mutating func partial(_ v: Float, weight: Float) { kept.add(v, weight: weight) }
    }
}
