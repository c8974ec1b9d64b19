/// Reduces the cells of a raster block that a zone covers into its accumulators.
public enum ZonalReducer {
    /// Spans whose first cells are loaded together before they are reduced.
    ///
    /// The rows of a zone lie a raster row apart (31 KB on a 7800-column scene), so the first cell of
    /// each row misses the caches and, read in turn, every row waited for its own miss: three
    /// quarters of the reduction of 10 000 small zones was that wait. Loading the first cells of a
    /// group of spans in one tight loop keeps their misses in flight together.
    static let lookahead = 32

    /// Adds the covered cells of one block.
    /// - Parameters:
    ///   - values: The block's values, row-major, `block.width × block.height` of them (a shorter
    ///     buffer adds nothing: the spans would be read past its end).
    ///   - block: Where the block lies in the raster (its columns must span the spans' columns).
    ///   - spans: The zone's coverage, restricted to rows of this block (cells elsewhere are ignored).
    ///   - statistics: Receives sums, counts, extremes.
    ///   - quantiles: Receives values and weights when quantiles are wanted.
    public static func add(
        _ values: UnsafeBufferPointer<Float>, block: PixelWindow, spans: CoverageSpans,
        into statistics: inout ZonalAccumulator, quantiles: inout WeightedQuantiles?
    ) {
        guard quantiles != nil else {
            var noSink: ZonalPass.Sink?
            reduce(values, block: block, spans: spans, into: &statistics, sink: &noSink)
            return
        }
        quantiles!.append(capacity: sinkCapacity(spans)) { v, w in
            var sink: ZonalPass.Sink? = ZonalPass.Sink(values: v, weights: w)
            reduce(values, block: block, spans: spans, into: &statistics, sink: &sink)
            return sink!.count
        }
    }

    /// Adds the covered cells of a zone that lies wholly in this block and returns its quantiles,
    /// selected (a histogram over the zone's range, then exactly among one or two buckets) from a
    /// temporary copy of its valid cells that the same pass makes: no copy outlives the call.
    /// - Parameters:
    ///   - values: The block's values, row-major, `block.width × block.height` of them (a shorter
    ///     buffer adds nothing: the spans would be read past its end).
    ///   - block: Where the block lies in the raster (its columns must span the spans' columns).
    ///   - spans: The zone's coverage; every covered cell of the zone must lie in the block.
    ///   - statistics: Receives sums, counts, extremes.
    ///   - probabilities: Values in 0…1 (0.5 is the median).
    /// - Returns: One entry per probability, `nil` when the zone has no valid cell in the block.
    public static func add(
        _ values: UnsafeBufferPointer<Float>, block: PixelWindow, spans: CoverageSpans,
        into statistics: inout ZonalAccumulator, quantilesAt probabilities: [Double]
    ) -> [Double?] {
        let capacity = sinkCapacity(spans)
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * capacity) { scratch in
            let (x, w) = (scratch.baseAddress!, scratch.baseAddress! + capacity)
            var sink: ZonalPass.Sink? = ZonalPass.Sink(values: x, weights: w)
            reduce(values, block: block, spans: spans, into: &statistics, sink: &sink)
            let count = sink!.count
            return DirectQuantiles.quantiles(values: UnsafeBufferPointer(start: x, count: count), weights: UnsafeBufferPointer(start: w, count: count),
                                             minimum: statistics.minimum, maximum: statistics.maximum, probabilities: probabilities)
        }
    }

    /// Room for every cell of the spans plus one vector, which the pass may store past its last value.
    private static func sinkCapacity(_ spans: CoverageSpans) -> Int {
        spans.spans.reduce(8) { $0 + $1.count }
    }

    private static func reduce(
        _ values: UnsafeBufferPointer<Float>, block: PixelWindow, spans: CoverageSpans,
        into statistics: inout ZonalAccumulator, sink: inout ZonalPass.Sink?
    ) {
        guard let base = values.baseAddress, let cells = block.pixelCount, values.count >= cells else { return }
        var pass = ZonalPass(continuing: statistics)
        spans.weights.withUnsafeBufferPointer { weights in
            withUnsafeTemporaryAllocation(of: (offset: Int, first: Float).self, capacity: lookahead) { group in
                let list = spans.spans
                var g = 0
                while g < list.count {
                    let members = g..<Swift.min(g + lookahead, list.count)
                    for j in members {
                        let offset = list[j].offset(in: block) ?? -1
                        group[j - g] = (offset, offset >= 0 ? base[offset] : .nan)
                    }
                    for j in members {
                        let (offset, first) = group[j - g]
                        guard offset >= 0 else { continue }
                        let span = list[j]
                        if span.isFull {
                            pass.addFull(base + offset, count: span.count, readable: values.count - offset, sink: &sink)
                        } else {
                            let w = Int(span.weightOffset)
                            pass.addPartial(first, coverage: Double(weights[w]), sink: &sink)
                            for k in 1..<span.count {
                                pass.addPartial(base[offset + k], coverage: Double(weights[w + k]), sink: &sink)
                            }
                        }
                    }
                    g = members.upperBound
                }
            }
        }
        pass.end(into: &statistics)
    }
}
