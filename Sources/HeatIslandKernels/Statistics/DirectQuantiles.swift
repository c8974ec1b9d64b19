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
        guard let buckets = Buckets(lowest: statistics.minimum, highest: statistics.maximum, count: Swift.min(4096, Swift.max(16, n / 4))) else {
            // A range too wide or too narrow for Float buckets (infinite values): keep every cell.
            var kept = WeightedQuantiles()
            Cells(values: values, block: block, spans: spans).forEach(full: { v, ok in
                for lane in 0..<8 where ok[lane] { kept.add(v[lane], weight: 1) }
            }, partial: { kept.add($0, weight: $1) })
            return kept.quantiles(probabilities)
        }
        let cells = Cells(values: values, block: block, spans: spans)
        let m = buckets.count
        // Full cells only count; the few partial cells also carry their weights.
        var fullCounts = [Int32](repeating: 0, count: m)
        var partialCounts = [Int32](repeating: 0, count: m)
        var partialWeights = [Double](repeating: 0, count: m)
        fullCounts.withUnsafeMutableBufferPointer { full in
            cells.forEach(full: { v, ok in
                let b = buckets(v)
                if all(ok) {
                    for lane in 0..<8 { full[Int(b[lane])] &+= 1 }
                } else {
                    for lane in 0..<8 where ok[lane] { full[Int(b[lane])] &+= 1 }
                }
            }, partial: { v, w in
                let b = buckets(v)
                partialCounts[b] &+= 1
                partialWeights[b] += Double(w)
            })
        }
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

        var gathered = [(values: [Float], weights: [Float])](repeating: ([], []), count: groups.count)
        func gather(_ v: Float, _ w: Float, bucket b: Int32) {
            guard let g = groups.firstIndex(where: { $0.first <= Int(b) && Int(b) <= $0.last }) else { return }
            gathered[g].values.append(v)
            gathered[g].weights.append(w)
        }
        let low = SIMD8<Int32>(repeating: Int32(groups.first?.first ?? 0)), high = SIMD8<Int32>(repeating: Int32(groups.last?.last ?? 0))
        cells.forEach(full: { v, ok in
            let b = buckets(v)
            // Most cells lie outside every group: one vector test passes them over.
            let wanted = ok .& (b .>= low) .& (b .<= high)
            guard any(wanted) else { return }
            for lane in 0..<8 where wanted[lane] { gather(v[lane], 1, bucket: b[lane]) }
        }, partial: { v, w in
            gather(v, w, bucket: Int32(buckets(v)))
        })
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
            let x = ((v - lowest) * scale).replacing(with: 0, where: .!(v .== v))
            let clamped = x.replacing(with: 0, where: x .< 0).replacing(with: top, where: x .> top)
            return unsafeBitCast(clamped + Self.magic, to: SIMD8<Int32>.self) &- Int32(bitPattern: Self.magic.bitPattern)
        }

        @inline(__always)
        func callAsFunction(_ v: Float) -> Int {
            let clamped = Swift.min(Swift.max((v - lowest) * scale, 0), Float(count - 1))
            return Int((clamped + Self.magic).bitPattern) - Int(Self.magic.bitPattern)
        }
    }

    /// The covered cells of a zone in a block, in span order: full runs eight at a time (lanes past
    /// the run or without a value masked), partial cells one by one.
    struct Cells {
        let values: UnsafeBufferPointer<Float>
        let block: PixelWindow
        let spans: CoverageSpans

        @inline(__always)
        func forEach(full: (SIMD8<Float>, SIMDMask<SIMD8<Int32>>) -> Void, partial: (Float, Float) -> Void) {
            guard let base = values.baseAddress else { return }
            let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
            spans.weights.withUnsafeBufferPointer { weights in
                for span in spans.spans {
                    let row = Int(span.row) - block.row
                    let start = Int(span.start) - block.column, end = Int(span.end) - block.column
                    guard row >= 0, row < block.height, start >= 0, end <= block.width else { continue }
                    let offset = row * block.width + start, count = end - start
                    if span.isFull {
                        var i = 0
                        while i < count {
                            let remaining = count - i
                            var v = SIMD8<Float>(repeating: .nan)
                            if remaining >= 8 || values.count - (offset + i) >= 8 {
                                v = UnsafeRawPointer(base + offset + i).loadUnaligned(as: SIMD8<Float>.self)
                            } else {
                                for lane in 0..<remaining { v[lane] = base[offset + i + lane] }
                            }
                            let active = lanes .< SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: Swift.min(remaining, 8)))
                            full(v, (v .== v) .& active)
                            i += 8
                        }
                    } else {
                        let w = Int(span.weightOffset)
                        for k in 0..<count where !base[offset + k].isNaN && weights[w + k] > 0 {
                            partial(base[offset + k], weights[w + k])
                        }
                    }
                }
            }
        }
    }
}
