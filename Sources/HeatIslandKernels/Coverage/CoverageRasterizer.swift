/// Turns a zone into ``CoverageSpans`` over a north-up grid.
///
/// The exact and all-touched rules sweep the grid row by row with signed-area accumulation (see
/// `RowSweep`): the cost is proportional to the boundary length in cells plus the number of spans,
/// not to the area of the zone's bounding box. The centre rule scans one line through the cell
/// centres of each row.
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
        let rows = w.row...(w.row + w.height), columns = w.column...(w.column + w.width)
        let r0 = GridIndex.clamped(polygon.minimum.y, .down, to: rows)
        let r1 = GridIndex.clamped(polygon.maximum.y, .up, to: rows)
        let c0 = GridIndex.clamped(polygon.minimum.x, .down, to: columns)
        let c1 = GridIndex.clamped(polygon.maximum.x, .up, to: columns)
        guard r0 < r1, c0 < c1 else { return CoverageSpans() }
        switch rule {
        case .center:
            return CenterScan.spans(polygon, rows: r0..<r1, columns: c0..<c1)
        case .exact, .allTouched:
            return RowSweep.spans(polygon, rows: r0..<r1, columns: c0..<c1, allTouched: rule == .allTouched)
        }
    }
}

/// The centre rule: one horizontal scan line through the cell centres of each row.
enum CenterScan {
    static func spans(_ polygon: GridPolygon, rows: Range<Int>, columns: Range<Int>) -> CoverageSpans {
        guard !rows.isEmpty, !columns.isEmpty else { return CoverageSpans() }
        // Every crossing of a centre line, then grouped by row with a counting sort: an array per
        // row cost a small zone more allocations than it has rows.
        var crossings: [(row: Int, x: Double)] = []
        crossings.reserveCapacity(2 * rows.count)
        polygon.forEachEdge { p, q, _ in
            guard p.y != q.y else { return }
            let (vmin, vmax) = (min(p.y, q.y), max(p.y, q.y))
            // Rows whose centre line v = r + 0.5 lies in [vmin, vmax): half-open, so a vertex on the
            // line is counted once where the boundary passes through and zero or two times at a peak.
            let bounds = rows.lowerBound...rows.upperBound
            let first = GridIndex.clamped(vmin - 0.5, .up, to: bounds)
            let last = GridIndex.clamped(vmax - 0.5, .up, to: bounds)
            guard first < last else { return }
            let slope = (q.x - p.x) / (q.y - p.y)
            for r in first..<last {
                crossings.append((r - rows.lowerBound, p.x + (Double(r) + 0.5 - p.y) * slope))
            }
        }
        var starts = [Int](repeating: 0, count: rows.count + 1)
        for c in crossings { starts[c.row + 1] += 1 }
        for k in 0..<rows.count { starts[k + 1] += starts[k] }
        var next = starts
        var xs = [Double](repeating: 0, count: crossings.count)
        for c in crossings {
            xs[next[c.row]] = c.x
            next[c.row] += 1
        }
        let out = CoverageSpansBuilder(spans: rows.count, weights: 0)
        xs.withUnsafeMutableBufferPointer { xs in
            for k in 0..<rows.count where starts[k + 1] - starts[k] >= 2 {
                let row = UnsafeMutableBufferPointer(rebasing: xs[starts[k]..<starts[k + 1]])
                SmallSort.sort(row) { $0 < $1 }
                var i = 0
                while i + 1 < row.count {
                    // Centres c + 0.5 in [xs[i], xs[i+1]).
                    let bounds = columns.lowerBound...columns.upperBound
                    let start = GridIndex.clamped(row[i] - 0.5, .up, to: bounds)
                    let end = GridIndex.clamped(row[i + 1] - 0.5, .up, to: bounds)
                    if start < end { out.appendFull(row: rows.lowerBound + k, start: start, end: end) }
                    i += 2
                }
            }
        }
        return out.finish()
    }
}
