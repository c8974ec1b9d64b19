/// Reduces the cells of a raster block that a zone covers into its accumulators.
public enum ZonalReducer {
    /// Adds the covered cells of one block.
    /// - Parameters:
    ///   - values: The block's values, row-major.
    ///   - block: Where the block lies in the raster (its columns must span the spans' columns).
    ///   - spans: The zone's coverage, restricted to rows of this block (cells elsewhere are ignored).
    ///   - statistics: Receives sums, counts, extremes.
    ///   - quantiles: Receives values and weights when quantiles are wanted.
    public static func add(
        _ values: UnsafeBufferPointer<Float>, block: PixelWindow, spans: CoverageSpans,
        into statistics: inout ZonalAccumulator, quantiles: inout WeightedQuantiles?
    ) {
        guard let base = values.baseAddress else { return }
        var pass = ZonalPass(continuing: statistics)
        spans.weights.withUnsafeBufferPointer { weights in
            func reduce(_ sink: inout ZonalPass.Sink?) {
                for span in spans.spans {
                    let row = Int(span.row) - block.row
                    let start = Int(span.start) - block.column, end = Int(span.end) - block.column
                    guard row >= 0, row < block.height, start >= 0, end <= block.width else { continue }
                    let offset = row * block.width + start
                    if span.isFull {
                        pass.addFull(base + offset, count: end - start, readable: values.count - offset, sink: &sink)
                    } else {
                        let w = Int(span.weightOffset)
                        for k in 0..<(end - start) {
                            pass.addPartial(base[offset + k], coverage: Double(weights[w + k]), sink: &sink)
                        }
                    }
                }
            }
            guard quantiles != nil else {
                var noSink: ZonalPass.Sink?
                reduce(&noSink)
                return
            }
            // Room for every cell plus one vector, which the pass may store past its last value.
            let capacity = spans.spans.reduce(8) { $0 + $1.count }
            quantiles!.append(capacity: capacity) { v, w in
                var sink: ZonalPass.Sink? = ZonalPass.Sink(values: v, weights: w)
                reduce(&sink)
                return sink!.count
            }
        }
        pass.fold(into: &statistics)
    }
}
