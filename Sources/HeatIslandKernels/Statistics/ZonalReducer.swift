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
        if quantiles != nil { quantiles?.reserveCapacity(additional: spans.spans.reduce(0) { $0 + $1.count }) }
        spans.weights.withUnsafeBufferPointer { weights in
            for span in spans.spans {
                let row = Int(span.row) - block.row
                let start = Int(span.start) - block.column, end = Int(span.end) - block.column
                guard row >= 0, row < block.height, start >= 0, end <= block.width else { continue }
                let run = UnsafeBufferPointer(start: base + row * block.width + start, count: end - start)
                if span.isFull {
                    statistics.addFull(run)
                    quantiles?.addFull(run)
                } else {
                    let w = Int(span.weightOffset)
                    for k in 0..<run.count {
                        statistics.add(run[k], coverage: Double(weights[w + k]))
                        quantiles?.add(run[k], weight: weights[w + k])
                    }
                }
            }
        }
    }
}
