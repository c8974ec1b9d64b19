/// The exact and all-touched rules, swept row by row.
///
/// Each boundary edge is cut at row and column lines into pieces that lie in one cell; a piece with
/// signed height `dv` at mean column offset `f` inside cell `c` adds `dv · (1 − f)` to `c` and
/// `dv · f` to `c + 1`, and a running sum along the row then gives every cell the area of the zone
/// inside it (Green's theorem: the area "to the right" of the boundary). Pieces left of the window
/// land on its first column, so a zone crossing the window's edge is cut exactly.
///
/// Only the edges crossing the current row are visited, and between cells that hold a piece the
/// running sum is constant, so a run of interior cells costs the same as one cell: the work is
/// proportional to the boundary length in cells plus the number of spans, and the memory to one row.
enum RowSweep {
    /// One boundary edge in grid coordinates, oriented downwards, with the rows it crosses.
    struct Edge {
        var top: SIMD2<Double>
        var bottom: SIMD2<Double>
        /// Columns per row along the edge.
        var slope: Double
        /// +1 or −1: the ring's sign times the edge's original direction; 0 for a horizontal edge.
        var direction: Double
        var firstRow: Int
        var lastRow: Int
    }

    /// The spans of a zone over the given rows and columns (the window clipped to the zone's box).
    static func spans(_ polygon: GridPolygon, rows: Range<Int>, columns: Range<Int>, allTouched: Bool) -> CoverageSpans {
        let vertices = polygon.rings.reduce(0) { $0 + $1.points.count }
        // The edges as collected, then in order of their first row, in one scratch allocation
        // (arrays of them cost a small zone three mallocs); the edges crossing the current row
        // replace those collected once they are sorted.
        return withUnsafeTemporaryAllocation(of: Edge.self, capacity: 2 * vertices) { scratch in
            let part = { (k: Int) in UnsafeMutableBufferPointer(rebasing: scratch[(k * vertices)..<((k + 1) * vertices)]) }
            let collected = collectEdges(polygon, rows: rows, columns: columns, allTouched: allTouched, into: part(0))
            guard !collected.isEmpty else { return CoverageSpans() }
            let edges = byFirstRow(collected, rows: rows, into: part(1))
            // Each edge leaves about one partial cell per row and per column it crosses: room for those
            // saves the builder most of its doubling.
            // (An edge's columns are capped at the window's: its ends may lie far beyond `Int`'s range.)
            let boundary = edges.reduce(rows.count) {
                $0 + ($1.lastRow - $1.firstRow) + GridIndex.clamped(abs($1.bottom.x - $1.top.x), .up, to: 0...columns.count) + 1
            }
            let out = CoverageSpansBuilder(spans: boundary + rows.count, weights: boundary)
            withUnsafeTemporaryAllocation(of: Double.self, capacity: columns.count + 1) { acc in
                withUnsafeTemporaryAllocation(of: Bool.self, capacity: allTouched ? columns.count : 0) { touched in
                    // Every edge writes at most one range a row.
                    withUnsafeTemporaryAllocation(of: (first: Int, last: Int).self, capacity: edges.count) { written in
                        acc.initialize(repeating: 0)
                        touched.initialize(repeating: false)
                        var row = Row(columns: columns, allTouched: allTouched, acc: acc, touched: touched, written: written)
                        sweep(UnsafeBufferPointer(edges), rows: rows, row: &row, active: part(0), into: out)
                    }
                }
            }
            return out.finish()
        }
    }

    /// Adds each row's crossing edges to `row` and emits it.
    private static func sweep(_ edges: UnsafeBufferPointer<Edge>, rows: Range<Int>, row: inout Row,
                              active: UnsafeMutableBufferPointer<Edge>, into out: CoverageSpansBuilder) {
        // The edges crossing the current row, `active[..<count]`. One that leaves takes the last
        // one's place: the order of the additions to a cell is part of the result.
        var count = 0
        var next = 0
        for r in rows {
            while next < edges.count && edges[next].firstRow == r {
                active[count] = edges[next]
                count += 1
                next += 1
            }
            if count == 0 {
                // Rows without boundary are outside the zone (edges left of the window stay active).
                if next == edges.count { break }
                continue
            }
            var k = 0
            while k < count {
                row.add(active[k], in: r)
                if active[k].lastRow <= r + 1 {
                    count -= 1
                    active[k] = active[count]
                } else {
                    k += 1
                }
            }
            row.emit(r, into: out)
        }
    }

    /// The edges in order of their first row, written to `sorted`. A counting sort: first rows lie in
    /// `rows`, and a comparison sort of a district's thousands of edges cost a tenth of its whole sweep.
    private static func byFirstRow(_ edges: UnsafeMutableBufferPointer<Edge>, rows: Range<Int>,
                                   into sorted: UnsafeMutableBufferPointer<Edge>) -> UnsafeMutableBufferPointer<Edge> {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: rows.count + 1) { next in
            next.initialize(repeating: 0)
            for e in edges { next[e.firstRow - rows.lowerBound + 1] += 1 }
            for i in 1..<next.count { next[i] += next[i - 1] }
            for e in edges {
                let k = e.firstRow - rows.lowerBound
                sorted[next[k]] = e
                next[k] += 1
            }
        }
        return UnsafeMutableBufferPointer(rebasing: sorted[..<edges.count])
    }

    /// The edges that can affect cells of the window, written to `edges`: edges wholly right of it
    /// only add to cells further right, and horizontal edges enclose no area (the all-touched rule
    /// keeps those that pass through the inside of a row).
    private static func collectEdges(_ polygon: GridPolygon, rows: Range<Int>, columns: Range<Int>, allTouched: Bool,
                                     into edges: UnsafeMutableBufferPointer<Edge>) -> UnsafeMutableBufferPointer<Edge> {
        var count = 0
        let right = Double(columns.upperBound)
        polygon.forEachEdge { p, q, sign in
            guard min(p.x, q.x) < right else { return }
            if p.y == q.y {
                guard allTouched, p.y != p.y.rounded(.down),
                      p.y > Double(rows.lowerBound), p.y < Double(rows.upperBound) else { return }
                let r = Int(p.y.rounded(.down))
                let (a, b) = p.x < q.x ? (p, q) : (q, p)
                edges[count] = Edge(top: a, bottom: b, slope: 0, direction: 0, firstRow: r, lastRow: r + 1)
                count += 1
                return
            }
            let (top, bottom) = p.y < q.y ? (p, q) : (q, p)
            let bounds = rows.lowerBound...rows.upperBound
            let first = GridIndex.clamped(top.y, .down, to: bounds)
            let last = GridIndex.clamped(bottom.y, .up, to: bounds)
            guard first < last else { return }
            edges[count] = Edge(
                top: top, bottom: bottom, slope: (bottom.x - top.x) / (bottom.y - top.y),
                direction: (q.y > p.y ? 1.0 : -1.0) * sign, firstRow: first, lastRow: last)
            count += 1
        }
        return UnsafeMutableBufferPointer(rebasing: edges[..<count])
    }

    /// The accumulators of one row, reused from row to row: only the slots written are reset.
    struct Row {
        let columns: Range<Int>
        let allTouched: Bool
        /// Per cell offset from the window's first column, plus one slot past the end; all zero
        /// between rows.
        let acc: UnsafeMutableBufferPointer<Double>
        /// Cells the boundary passes through (all-touched rule only).
        let touched: UnsafeMutableBufferPointer<Bool>
        /// The offsets each edge wrote in this row, as closed ranges in the order the edges came.
        ///
        /// An edge writes a few neighbouring cells of a row, so keeping one range per edge rather
        /// than one entry per cell leaves emit a handful of ranges to sort instead of a dozen cells.
        /// Room for one range per edge; `count` are used.
        private let written: UnsafeMutableBufferPointer<(first: Int, last: Int)>
        private var count = 0

        init(columns: Range<Int>, allTouched: Bool, acc: UnsafeMutableBufferPointer<Double>,
             touched: UnsafeMutableBufferPointer<Bool>, written: UnsafeMutableBufferPointer<(first: Int, last: Int)>) {
            (self.columns, self.allTouched, self.acc, self.touched, self.written) = (columns, allTouched, acc, touched, written)
        }

        private mutating func record(_ range: (first: Int, last: Int)) {
            written[count] = range
            count += 1
        }

        mutating func add(_ e: Edge, in r: Int) {
            if e.direction == 0 {
                // A horizontal edge inside row r passes through the cells it spans.
                let bounds = columns.lowerBound...columns.upperBound
                let lo = GridIndex.clamped(e.top.x, .down, to: bounds)
                let hi = GridIndex.clamped(e.bottom.x, .up, to: bounds)
                guard lo < hi, allTouched else { return }
                for c in lo..<hi { touched[c - columns.lowerBound] = true }
                record((lo - columns.lowerBound, hi - 1 - columns.lowerBound))
                return
            }
            let va = max(e.top.y, Double(r)), vb = min(e.bottom.y, Double(r + 1))
            guard vb > va else { return }
            // Ends that are the edge's own vertices are taken as given, so that an edge through a
            // grid corner leaves no rounding-error sliver in the neighbouring cell.
            let ua = va == e.top.y ? e.top.x : e.top.x + (va - e.top.y) * e.slope
            let ub = vb == e.bottom.y ? e.bottom.x : e.top.x + (vb - e.top.y) * e.slope
            addPieces(from: ua, to: ub, dv: e.direction * (vb - va))
        }

        /// Splits the part of an edge inside the row at column lines and shares its signed height
        /// among the pieces in proportion to their widths.
        private mutating func addPieces(from ua: Double, to ub: Double, dv: Double) {
            let lo = min(ua, ub), hi = max(ua, ub)
            let left = Double(columns.lowerBound), right = Double(columns.upperBound)
            var range = (first: Int.max, last: Int.min)
            if hi == lo {
                // A vertical piece on a column line runs along two cells' borders, through neither.
                addPiece(mid: lo, dv: dv, touches: lo != lo.rounded(.down), range: &range)
            } else {
                let perUnit = dv / (hi - lo)
                var start = lo
                // Everything left of the window is one piece; it covers the whole row to its right.
                if start < left {
                    let end = min(hi, left)
                    addPiece(mid: (start + end) / 2, dv: perUnit * (end - start), touches: false, range: &range)
                    start = end
                }
                if start < hi && start < right {
                    let end = min(hi, (start + 1).rounded(.down), right)
                    addPiece(mid: (start + end) / 2, dv: perUnit * (end - start), touches: true, range: &range)
                    if end < hi && end < right { addWholeColumns(from: end, to: hi, perUnit: perUnit, range: &range) }
                }
            }
            if range.first <= range.last { record(range) }
        }

        /// The pieces after an edge's first in the row, which start on column line `first` (a whole
        /// number inside the window, right of its left edge) and end on the next line or at `hi`.
        /// Their arithmetic is `addPiece`'s, shortened where that is exact, so the sums are the same
        /// to the bit: `start + 1` is the next line (whole numbers below 2³¹, at most the window's
        /// right edge), the midpoint lies in [start, start + ½], so it is inside the window, its cell
        /// is `start`'s column and `mid − start` its offset, and the column counts up with the piece
        /// instead of converting each midpoint to `Int`.
        private mutating func addWholeColumns(from first: Double, to hi: Double, perUnit: Double, range: inout (first: Int, last: Int)) {
            // A column line inside the window converts exactly.
            var column = Int(first)
            var start = first
            while start < hi && column < columns.upperBound {
                let end = min(hi, start + 1)
                let mid = (start + end) / 2
                let dv = perUnit * (end - start)
                let f = mid - start
                // Columns lie in the window, inside 0...Int32.max: no overflow.
                let i = column &- columns.lowerBound
                acc[i] += dv * (1 - f)
                var last = i
                if f != 0 {
                    acc[i &+ 1] += dv * f
                    last = i &+ 1
                }
                if allTouched { touched[i] = true }
                range.last = max(range.last, last)
                start = end
                column &+= 1
            }
        }

        @inline(__always)
        private func addPiece(mid: Double, dv: Double, touches: Bool, range: inout (first: Int, last: Int)) {
            let left = Double(columns.lowerBound)
            if mid <= left {
                acc[0] += dv
                range = (min(range.first, 0), max(range.last, 0))
                return
            }
            guard mid < Double(columns.upperBound) else { return }
            let floor = mid.rounded(.down)
            let c = Int(floor)
            let f = mid - floor
            let i = c - columns.lowerBound
            acc[i] += dv * (1 - f)
            var last = i
            if f != 0 {
                acc[i + 1] += dv * f
                last = i + 1
            }
            if touches && allTouched { touched[i] = true }
            range = (min(range.first, i), max(range.last, last))
        }

        /// Turns the row's pieces into spans: a running sum, evaluated cell by cell only where an
        /// edge wrote and run by run in between, where it cannot change. Then resets the row.
        mutating func emit(_ r: Int, into out: CoverageSpansBuilder) {
            let n = columns.count
            let written = UnsafeMutableBufferPointer(rebasing: self.written[0..<count])
            // One range per edge crossing the row: two for most rows.
            SmallSort.sort(written) { $0.first < $1.first }
            var running = 0.0
            var next = 0
            var k = 0
            while k < written.count {
                var (first, last) = written[k]
                k += 1
                while k < written.count && written[k].first <= last + 1 {
                    last = max(last, written[k].last)
                    k += 1
                }
                // The slot past the end only keeps the running sum of a row that continues there.
                if last == n { acc[n] = 0 }
                stretch(r, next..<first, running, into: out)
                for d in first..<min(last + 1, n) {
                    running += acc[d]
                    acc[d] = 0
                    var t = false
                    if allTouched { (t, touched[d]) = (touched[d], false) }
                    cell(r, d, running, touched: t, into: out)
                }
                next = max(next, min(last + 1, n))
            }
            stretch(r, next..<n, running, into: out)
            count = 0
        }

        private func stretch(_ r: Int, _ offsets: Range<Int>, _ running: Double, into out: CoverageSpansBuilder) {
            guard !offsets.isEmpty else { return }
            let c0 = columns.lowerBound
            if isFull(running, touched: false) {
                out.appendFull(row: r, start: c0 + offsets.lowerBound, end: c0 + offsets.upperBound)
            } else if running > CoverageThreshold.empty {
                // Only overlapping or self-intersecting rings leave a fraction between pieces.
                for i in offsets { out.appendPartial(row: r, column: c0 + i, weight: Float(running)) }
            }
        }

        private func cell(_ r: Int, _ i: Int, _ running: Double, touched: Bool, into out: CoverageSpansBuilder) {
            let c = columns.lowerBound + i
            if isFull(running, touched: touched) {
                out.appendFull(row: r, start: c, end: c + 1)
            } else if running > CoverageThreshold.empty {
                out.appendPartial(row: r, column: c, weight: Float(running))
            }
        }

        private func isFull(_ running: Double, touched: Bool) -> Bool {
            running > CoverageThreshold.full || (allTouched && (touched || running > CoverageThreshold.empty))
        }
    }
}

/// Fractions within rounding error of 0 or 1 are treated as exactly that, so that cells cut only by
/// rounding neither appear as slivers nor break full runs.
enum CoverageThreshold {
    static let empty = 1e-12
    static let full = 1 - 1e-9
}
