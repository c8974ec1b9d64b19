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
    /// - Throws: ``CoverageError`` for a rotated grid, one with more than 2³¹ − 1 columns or rows,
    ///   non-finite coordinates or degenerate rings.
    public static func spans(
        for geometry: MultiPolygon, grid: GeoTransform, width: Int, height: Int,
        rule: CoverageRule, window: PixelWindow? = nil
    ) throws(CoverageError) -> CoverageSpans {
        // Spans keep rows and columns in 32 bits; larger positions would wrap around silently.
        guard width <= Int(Int32.max), height <= Int(Int32.max) else { throw .gridTooLarge(width: width, height: height) }
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

/// The centre rule, cell for cell as GDAL's rasterizer (3.6) decides it: one horizontal scan line
/// through the cell centres of each row.
///
/// GDAL counts a crossing where the centre line v = r + 0.5 lies in [vmin, vmax) of an edge (a centre
/// on a top edge is in, on a bottom edge out) and fills the centres u = c + 0.5 in (u₁, u₂] between
/// crossings (on a left edge out, on a right edge in). It first turns every ring clockwise on the
/// map and then also fills, separately, each horizontal edge lying on a centre line that runs with u
/// decreasing: an exterior ring's bottom edges (a hole's, which the crossings already include). So
/// ties match `gdal_rasterize` whatever the rings' winding; `centre_ties_reference.json` checks it.
enum CenterScan {
    static func spans(_ polygon: GridPolygon, rows: Range<Int>, columns: Range<Int>) -> CoverageSpans {
        guard !rows.isEmpty, !columns.isEmpty else { return CoverageSpans() }
        // Every crossing of a centre line, then grouped by row with a counting sort: an array per
        // row cost a small zone more allocations than it has rows.
        var crossings: [(row: Int, x: Double)] = []
        crossings.reserveCapacity(2 * rows.count)
        // Horizontal edges filled on their own: row, and u₁ < u₂.
        var flats: [(row: Int, from: Double, to: Double)] = []
        let bounds = rows.lowerBound...rows.upperBound
        for ring in polygon.rings {
            var p = ring.points[ring.points.count - 1]
            for q in ring.points {
                defer { p = q }
                if p.y == q.y {
                    // On a centre line, and running with u decreasing once the ring is clockwise on the map.
                    let r = p.y - 0.5
                    if r == r.rounded(.down), r >= Double(rows.lowerBound), r < Double(rows.upperBound),
                       (q.x < p.x) == ring.clockwiseOnMap {
                        flats.append((Int(r) - rows.lowerBound, min(p.x, q.x), max(p.x, q.x)))
                    }
                    continue
                }
                let (vmin, vmax) = (min(p.y, q.y), max(p.y, q.y))
                // Rows whose centre line v = r + 0.5 lies in [vmin, vmax): half-open, so a vertex on the
                // line is counted once where the boundary passes through and zero or two times at a peak.
                let first = GridIndex.clamped(vmin - 0.5, .up, to: bounds)
                let last = GridIndex.clamped(vmax - 0.5, .up, to: bounds)
                guard first < last else { continue }
                let slope = (q.x - p.x) / (q.y - p.y)
                for r in first..<last {
                    crossings.append((r - rows.lowerBound, p.x + (Double(r) + 0.5 - p.y) * slope))
                }
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
        flats.sort { $0.row < $1.row }
        let columnBounds = columns.lowerBound...columns.upperBound
        // The columns whose centres c + 0.5 lie in (u₁, u₂].
        func centres(_ u1: Double, _ u2: Double) -> Range<Int> {
            let start = GridIndex.clamped((u1 - 0.5).rounded(.down) + 1, .down, to: columnBounds)
            let end = GridIndex.clamped((u2 - 0.5).rounded(.down) + 1, .down, to: columnBounds)
            return start..<max(start, end)
        }
        let out = CoverageSpansBuilder(spans: rows.count, weights: 0)
        var f = 0
        var runs: [Range<Int>] = []
        xs.withUnsafeMutableBufferPointer { xs in
            for k in 0..<rows.count {
                let row = UnsafeMutableBufferPointer(rebasing: xs[starts[k]..<starts[k + 1]])
                SmallSort.sort(row) { $0 < $1 }
                guard f < flats.count, flats[f].row == k else {
                    // Runs between sorted crossings are ordered and disjoint; the builder joins touching ones.
                    var i = 0
                    while i + 1 < row.count {
                        let run = centres(row[i], row[i + 1])
                        if !run.isEmpty { out.appendFull(row: rows.lowerBound + k, start: run.lowerBound, end: run.upperBound) }
                        i += 2
                    }
                    continue
                }
                // A filled edge can overlap or touch the runs between crossings: merge them.
                runs = stride(from: 0, to: row.count - 1, by: 2).map { centres(row[$0], row[$0 + 1]) }
                while f < flats.count, flats[f].row == k {
                    runs.append(centres(flats[f].from, flats[f].to))
                    f += 1
                }
                runs.sort { $0.lowerBound < $1.lowerBound }
                var current: Range<Int>?
                for run in runs where !run.isEmpty {
                    if let c = current, run.lowerBound <= c.upperBound {
                        current = c.lowerBound..<max(c.upperBound, run.upperBound)
                    } else {
                        if let c = current { out.appendFull(row: rows.lowerBound + k, start: c.lowerBound, end: c.upperBound) }
                        current = run
                    }
                }
                if let c = current { out.appendFull(row: rows.lowerBound + k, start: c.lowerBound, end: c.upperBound) }
            }
        }
        return out.finish()
    }
}
