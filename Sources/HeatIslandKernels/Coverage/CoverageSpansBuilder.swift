/// Builds ``CoverageSpans`` cell by cell or run by run, merging neighbours of the same kind in a row.
///
/// The spans and weights are written through raw buffers that double when full. Appending to the
/// arrays of ``CoverageSpans`` directly checked their uniqueness and capacity on every call (they
/// arrive `inout` through the sweep), which came to a quarter of the sweep of a small zone. A class,
/// so that the sweep's helpers share one builder without passing it `inout`.
///
/// Rows and columns fit the spans' 32-bit fields because GDAL keeps raster sizes in 32 bits, and a
/// zone would need 8 GiB of weights before a weight offset did not.
final class CoverageSpansBuilder {
    private var spans: UnsafeMutableBufferPointer<CoverageSpans.Span>
    private var weights: UnsafeMutableBufferPointer<Float>
    private var spanCount = 0
    private var weightCount = 0

    /// A builder with room for about this many spans and partial cells before it grows.
    init(spans: Int = 16, weights: Int = 16) {
        self.spans = .allocate(capacity: max(spans, 4))
        self.weights = .allocate(capacity: max(weights, 4))
    }

    deinit {
        spans.deallocate()
        weights.deallocate()
    }

    /// Adds fully covered cells `[start, end)` of a row, extending the last span when it is a full run
    /// of the same row ending at `start`.
    func appendFull(row: Int, start: Int, end: Int) {
        if spanCount > 0 {
            let last = spans[spanCount - 1]
            if last.isFull && Int(last.row) == row && Int(last.end) == start {
                spans[spanCount - 1].end = Int32(truncatingIfNeeded: end)
                return
            }
        }
        appendSpan(CoverageSpans.Span(row: Int32(truncatingIfNeeded: row), start: Int32(truncatingIfNeeded: start),
                                      end: Int32(truncatingIfNeeded: end), weightOffset: -1))
    }

    /// Adds one partly covered cell, extending the last span when it is a partial run of the same
    /// row ending at `column`.
    func appendPartial(row: Int, column: Int, weight: Float) {
        if weightCount == weights.count { weights = Self.grown(weights, keeping: weightCount) }
        weights[weightCount] = weight
        weightCount += 1
        if spanCount > 0 {
            let last = spans[spanCount - 1]
            if !last.isFull && Int(last.row) == row && Int(last.end) == column {
                spans[spanCount - 1].end += 1
                return
            }
        }
        appendSpan(CoverageSpans.Span(row: Int32(truncatingIfNeeded: row), start: Int32(truncatingIfNeeded: column),
                                      end: Int32(truncatingIfNeeded: column + 1), weightOffset: Int32(truncatingIfNeeded: weightCount - 1)))
    }

    /// The spans written so far.
    func finish() -> CoverageSpans {
        var out = CoverageSpans()
        out.spans = Array(UnsafeBufferPointer(rebasing: spans[0..<spanCount]))
        out.weights = Array(UnsafeBufferPointer(rebasing: weights[0..<weightCount]))
        return out
    }

    private func appendSpan(_ span: CoverageSpans.Span) {
        if spanCount == spans.count { spans = Self.grown(spans, keeping: spanCount) }
        spans[spanCount] = span
        spanCount += 1
    }

    private static func grown<T>(_ buffer: UnsafeMutableBufferPointer<T>, keeping count: Int) -> UnsafeMutableBufferPointer<T> {
        let larger = UnsafeMutableBufferPointer<T>.allocate(capacity: 2 * buffer.count)
        _ = larger.initialize(from: buffer[0..<count])
        buffer.deallocate()
        return larger
    }
}
