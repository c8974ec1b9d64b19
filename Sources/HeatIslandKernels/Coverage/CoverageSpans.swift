/// The cells of a raster covered by one zone, as runs along rows: runs of fully covered cells
/// (weight 1), which a reducer can hand to SIMD code as they are, and runs of partly covered
/// boundary cells with one weight each.
public struct CoverageSpans: Sendable, Hashable {
    /// A run of cells `[start, end)` in one row.
    public struct Span: Sendable, Hashable {
        /// Row in the raster.
        public var row: Int32
        /// First column.
        public var start: Int32
        /// One past the last column.
        public var end: Int32
        /// Index of the first cell's weight in ``CoverageSpans/weights``, or −1 for a full run.
        public var weightOffset: Int32

        /// `true` for a run of fully covered cells.
        public var isFull: Bool { weightOffset < 0 }
        /// Number of cells.
        public var count: Int { Int(end - start) }

        /// Where the span's first cell lies in the row-major values of `block`, or `nil` when the
        /// span has no cells or does not lie wholly in the block (blocks skip spans of other rows).
        @inline(__always)
        func offset(in block: PixelWindow) -> Int? {
            // Subtracted with overflow reported, not trapped: a block at Int.min is a caller's slip.
            let (row, o1) = Int(self.row).subtractingReportingOverflow(block.row)
            let (first, o2) = Int(start).subtractingReportingOverflow(block.column)
            let (last, o3) = Int(end).subtractingReportingOverflow(block.column)
            guard !(o1 || o2 || o3) else { return nil }
            guard row >= 0, row < block.height, first >= 0, last <= block.width, first < last else { return nil }
            return row * block.width + first
        }
    }

    /// The runs, row by row, left to right.
    public internal(set) var spans: [Span] = []
    /// Coverage fractions (0, 1) of the cells of partial runs.
    public internal(set) var weights: [Float] = []

    /// No cells.
    public init() {}

    /// `true` when the zone covers no cell of the grid (or window).
    public var isEmpty: Bool { spans.isEmpty }

    /// Σ weights: the covered area in cells.
    public var coveredCells: Double {
        spans.reduce(0.0) { total, span in
            guard !span.isFull else { return total + Double(span.count) }
            let w = Int(span.weightOffset)
            return total + weights[w..<(w + span.count)].reduce(0.0) { $0 + Double($1) }
        }
    }

    /// The weight of one cell (0 when not covered); for tests and small lookups, not for loops.
    public func weight(row: Int, column: Int) -> Float {
        for span in spans where Int(span.row) == row && column >= Int(span.start) && column < Int(span.end) {
            return span.isFull ? 1 : weights[Int(span.weightOffset) + column - Int(span.start)]
        }
        return 0
    }

    /// The smallest window holding every covered cell, or `nil` when empty.
    public var bounds: PixelWindow? {
        guard let first = spans.first, let last = spans.last else { return nil }
        let c0 = spans.map(\.start).min() ?? first.start, c1 = spans.map(\.end).max() ?? first.end
        return PixelWindow(column: Int(c0), row: Int(first.row), width: Int(c1 - c0), height: Int(last.row - first.row) + 1)
    }
}
