/// Turns a zone into ``CoverageSpans`` over a north-up grid.
///
/// The exact rule uses signed-area accumulation along rows: each boundary edge is cut at row and
/// column lines into pieces that lie in one cell; a piece with vertical extent `dv` at mean column
/// offset `f` inside cell `c` adds `dv · (1 − f)` to `c` and `dv · f` to `c + 1`, which after a
/// running sum along the row gives every cell the area of the zone inside it (Green's theorem,
/// area "to the right" of the boundary). Cells left of the window receive their edges' pieces at
/// the window's first column, so a zone crossing the raster edge is cut exactly. The cost is
/// proportional to the boundary length in cells plus the area of the zone's bounding box.
public enum CoverageRasterizer {
    /// The cells a zone covers and their weights under a rule.
    /// - Parameters:
    ///   - geometry: The zone, in the grid's CRS.
    ///   - grid: The raster's geotransform (north-up; pixels may be non-square).
    ///   - width: Raster width in cells.
    ///   - height: Raster height in cells.
    ///   - rule: Exact fractions, cell centres, or all touched cells.
    ///   - window: Only cells in this window (a block row when streaming); the whole raster when `nil`.
    /// - Returns: The covered cells in raster row/column numbers; empty when the zone misses the window.
    /// - Throws: ``CoverageError`` for a rotated grid, non-finite coordinates or degenerate rings.
    public static func spans(
        for geometry: MultiPolygon, grid: GeoTransform, width: Int, height: Int,
        rule: CoverageRule, window: PixelWindow? = nil
    ) throws(CoverageError) -> CoverageSpans {
        let polygon = try GridPolygon(geometry, grid: grid)
        let w = (window ?? .full(width: width, height: height)).clipped(width: width, height: height)
        guard let w else { return CoverageSpans() }
        // Rows and columns the zone can touch, inside the window.
        let r0 = max(w.row, Int(polygon.minimum.y.rounded(.down)))
        let r1 = min(w.row + w.height, Int(polygon.maximum.y.rounded(.up)))
        let c0 = max(w.column, Int(polygon.minimum.x.rounded(.down)))
        let c1 = min(w.column + w.width, Int(polygon.maximum.x.rounded(.up)))
        guard r0 < r1, c0 < c1 else { return CoverageSpans() }
        switch rule {
        case .center:
            return CenterScan.spans(polygon, rows: r0..<r1, columns: c0..<c1)
        case .exact, .allTouched:
            var area = AreaAccumulator(rows: r0..<r1, columns: c0..<c1, touched: rule == .allTouched)
            polygon.forEachEdge { p, q, sign in area.add(p, q, sign: sign) }
            return area.spans(rule: rule)
        }
    }
}

/// The per-row accumulation buffer of the exact rule (and the touched cells of the all-touched rule).
struct AreaAccumulator {
    let rows: Range<Int>
    let columns: Range<Int>
    private let stride: Int
    private var acc: [Double]
    private var touched: [Bool]

    init(rows: Range<Int>, columns: Range<Int>, touched: Bool) {
        self.rows = rows
        self.columns = columns
        stride = columns.count + 1
        acc = [Double](repeating: 0, count: rows.count * stride)
        self.touched = touched ? [Bool](repeating: false, count: rows.count * columns.count) : []
    }

    /// Adds one boundary edge from `p` to `q` (grid coordinates) of a ring with the given sign.
    mutating func add(_ p: SIMD2<Double>, _ q: SIMD2<Double>, sign: Double) {
        if p.y == q.y {
            markHorizontal(p, q)
            return
        }
        let (top, bottom) = p.y < q.y ? (p, q) : (q, p)
        let direction = (q.y > p.y ? 1.0 : -1.0) * sign
        let slope = (bottom.x - top.x) / (bottom.y - top.y)
        let first = max(rows.lowerBound, Int(top.y.rounded(.down)))
        let last = min(rows.upperBound, Int(bottom.y.rounded(.up)))
        guard first < last else { return }
        for r in first..<last {
            let va = max(top.y, Double(r)), vb = min(bottom.y, Double(r + 1))
            guard vb > va else { continue }
            let ua = top.x + (va - top.y) * slope, ub = top.x + (vb - top.y) * slope
            addInRow(r, from: ua, to: ub, dv: direction * (vb - va))
        }
    }

    /// Splits the part of an edge inside row `r` (from column position `ua` to `ub`) at column lines
    /// and distributes its signed height `dv` in proportion to each piece's width.
    private mutating func addInRow(_ r: Int, from ua: Double, to ub: Double, dv: Double) {
        let lo = min(ua, ub), hi = max(ua, ub)
        let base = (r - rows.lowerBound) * stride
        let left = Double(columns.lowerBound), right = Double(columns.upperBound)
        if hi == lo {
            // A vertical piece lying exactly on a column line only meets cells along their border,
            // so it touches none (the cells beside it that the zone overlaps get area anyway).
            addPiece(base, row: r, mid: lo, dv: dv, touches: lo != lo.rounded(.down))
            return
        }
        let perUnit = dv / (hi - lo)
        var start = lo
        // Everything left of the window is one piece; it covers the whole row strip to its right.
        if start < left {
            let end = min(hi, left)
            addPiece(base, row: r, mid: (start + end) / 2, dv: perUnit * (end - start))
            start = end
        }
        while start < hi && start < right {
            let end = min(hi, (start + 1).rounded(.down), right)
            addPiece(base, row: r, mid: (start + end) / 2, dv: perUnit * (end - start))
            start = end
        }
    }

    private mutating func addPiece(_ base: Int, row: Int, mid: Double, dv: Double, touches: Bool = true) {
        let left = Double(columns.lowerBound)
        if mid <= left {
            acc[base] += dv
            return
        }
        guard mid < Double(columns.upperBound) else { return }
        let c = Int(mid.rounded(.down))
        let f = mid - Double(c)
        let i = base + c - columns.lowerBound
        acc[i] += dv * (1 - f)
        acc[i + 1] += dv * f
        if touches && !touched.isEmpty { touched[(row - rows.lowerBound) * columns.count + c - columns.lowerBound] = true }
    }

    /// A horizontal edge covers no area but touches the cells it runs through; one lying exactly on
    /// a row line only meets cells along their border and touches none.
    private mutating func markHorizontal(_ p: SIMD2<Double>, _ q: SIMD2<Double>) {
        guard !touched.isEmpty, p.y != p.y.rounded(.down) else { return }
        let r = min(Int(p.y.rounded(.down)), rows.upperBound - 1)
        guard rows.contains(r) else { return }
        let lo = max(columns.lowerBound, Int(min(p.x, q.x).rounded(.down)))
        let hi = min(columns.upperBound, Int(max(p.x, q.x).rounded(.up)))
        guard lo < hi else { return }
        for c in lo..<hi { touched[(r - rows.lowerBound) * columns.count + c - columns.lowerBound] = true }
    }

    /// Running sums along each row turn the accumulated pieces into per-cell coverage.
    func spans(rule: CoverageRule) -> CoverageSpans {
        var out = CoverageSpans()
        for r in rows {
            let base = (r - rows.lowerBound) * stride
            var running = 0.0
            for (k, c) in columns.enumerated() {
                running += acc[base + k]
                let isTouched = !touched.isEmpty && touched[(r - rows.lowerBound) * columns.count + k]
                if running > 1 - 1e-9 || (rule == .allTouched && (running > 1e-12 || isTouched)) {
                    out.appendFull(row: r, start: c, end: c + 1)
                } else if running > 1e-12 {
                    out.appendPartial(row: r, column: c, weight: Float(running))
                }
            }
        }
        return out
    }
}

/// The centre rule: one horizontal scan line through the cell centres of each row.
enum CenterScan {
    static func spans(_ polygon: GridPolygon, rows: Range<Int>, columns: Range<Int>) -> CoverageSpans {
        var out = CoverageSpans()
        guard !rows.isEmpty, !columns.isEmpty else { return out }
        var crossings = [[Double]](repeating: [], count: rows.count)
        polygon.forEachEdge { p, q, _ in
            guard p.y != q.y else { return }
            let (vmin, vmax) = (min(p.y, q.y), max(p.y, q.y))
            // Rows whose centre line v = r + 0.5 lies in [vmin, vmax): half-open, so a vertex on the
            // line is counted once where the boundary passes through and zero or two times at a peak.
            let first = max(rows.lowerBound, Int((vmin - 0.5).rounded(.up)))
            let last = min(rows.upperBound, Int((vmax - 0.5).rounded(.up)))
            guard first < last else { return }
            let slope = (q.x - p.x) / (q.y - p.y)
            for r in first..<last {
                crossings[r - rows.lowerBound].append(p.x + (Double(r) + 0.5 - p.y) * slope)
            }
        }
        for (k, var xs) in crossings.enumerated() where xs.count >= 2 {
            xs.sort()
            var i = 0
            while i + 1 < xs.count {
                // Centres c + 0.5 in [xs[i], xs[i+1]).
                let start = max(columns.lowerBound, Int((xs[i] - 0.5).rounded(.up)))
                let end = min(columns.upperBound, Int((xs[i + 1] - 0.5).rounded(.up)))
                if start < end { out.appendFull(row: rows.lowerBound + k, start: start, end: end) }
                i += 2
            }
        }
        return out
    }
}
