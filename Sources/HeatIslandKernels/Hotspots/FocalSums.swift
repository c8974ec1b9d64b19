/// Sums and counts of the valid values in every cell's neighbourhood, a band of output rows at a
/// time. The time per cell is independent of the radius for squares (running column sums and a
/// sliding window) and proportional to the radius for circles, each circle row a vectorisable
/// difference of two shifted prefix-sum rows.
///
/// A large circle is summed as its core, the largest centred square inside it, plus the caps
/// around the core: the circle rows above and below it from the row prefix sums, the circle columns
/// left and right of it from column prefix sums, and the core from a prefix sum along each row of
/// its column sums. At radius 50 that is 30 cap rows, 30 cap columns and one core row instead of
/// 101 rows.
///
/// Each worker owns one: a class so that its scratch buffers are allocated once, read through
/// plain pointers in the loops (no closure per buffer and access), and freed when it goes.
final class FocalSums {
    /// Output rows per band: a circle's prefix sums for a band and a tile of columns stay in the
    /// core's cache while all of the band's rows read them.
    static let bandRows = 16
    /// Columns per tile of a circle band.
    static let tileColumns = 256

    let width: Int
    let height: Int
    let neighbourhood: FocalNeighbourhood
    let pad: Int
    /// Circle only: padded prefix sums of values and counts for the rows a band's neighbourhoods
    /// reach, a ring of `2 · rowRadius + bandRows` rows of `stride` entries indexed by row modulo
    /// its size. Counts are `Int32` (GDAL's raster widths are), half the bytes of the sums' `Double`.
    let stride: Int
    private let prefixSums: UnsafeMutablePointer<Double>
    private let prefixCounts: UnsafeMutablePointer<Int32>
    private var ringRows: [Int]
    /// Square only: per-column sums over the current window of rows.
    let columnSums: UnsafeMutablePointer<Double>
    let columnCounts: UnsafeMutablePointer<Double>
    var columnRows: Range<Int> = 0..<0
    /// Large circles: the core's half-size, its caps' row offsets, and their column offsets with
    /// the rows each column spans either side of the centre.
    let core: Int?
    private let capRows: [Int]
    private let capColumns: [(offset: Int, reach: Int)]
    /// Circles with a core: padded column prefix sums Q[row] = Σ of the rows from `columnBase`
    /// (whose Q is 0) to `row`, a ring of `bandRows + 2 · core + 2` rows of `stride` entries indexed
    /// by `row + 1` modulo its size, `columnRing`, computed up to `columnTop`.
    let columnPrefixSums: UnsafeMutablePointer<Double>
    let columnPrefixCounts: UnsafeMutablePointer<Int32>
    let columnRing: Int
    var columnBase = 0
    var columnTop = -2
    /// Large circles: per output row of the band, prefix sums along the row of the core's column
    /// sums, `stride` entries a row.
    let corePrefixSums: UnsafeMutablePointer<Double>
    let corePrefixCounts: UnsafeMutablePointer<Int32>
    /// The band's neighbourhood sums and valid-cell counts, row-major, `bandRows · width` long.
    let sums: UnsafeMutablePointer<Double>
    let counts: UnsafeMutablePointer<Double>

    init(width: Int, height: Int, neighbourhood: FocalNeighbourhood) {
        self.width = width
        self.height = height
        let neighbourhood = neighbourhood.clipped(width: width, height: height)
        self.neighbourhood = neighbourhood
        pad = neighbourhood.columnRadius + 1
        let ring = neighbourhood.shape == .circle ? 2 * neighbourhood.rowRadius + Self.bandRows : 0
        stride = width + 2 * pad + 1
        prefixSums = Self.zeroed(ring * stride)
        prefixCounts = Self.zeroed(ring * stride)
        ringRows = Array(repeating: -1, count: ring)
        let (r, h) = (neighbourhood.rowRadius, neighbourhood.columnRadius)
        // The core: the largest s whose square [−s, s]² lies inside; rows beyond it are then at
        // most s wide and columns beyond it at most s tall, so the caps do not overlap. Worth it
        // when the caps' rows and columns, plus the column prefix sums and the core, which took
        // about as long as twelve circle rows here, are fewer than the circle's rows (radius 16
        // and more; at radius 9 the caps took a fifth longer than the rows).
        let s = (0...r).last { neighbourhood.halfWidths[r + $0] >= $0 } ?? 0
        core = neighbourhood.shape == .circle && 2 * (r - s) + 2 * (h - s) + 12 < 2 * r + 1 ? s : nil
        if let s = core {
            capRows = (-r...r).filter { abs($0) > s }
            capColumns = (-h...h).filter { abs($0) > s }.map { dx in
                (dx, (0...s).last { neighbourhood.halfWidths[r + $0] >= abs(dx) } ?? 0)
            }
        } else {
            (capRows, capColumns) = ([], [])
        }
        columnRing = core.map { Self.bandRows + 2 * $0 + 2 } ?? 0
        columnPrefixSums = Self.zeroed(columnRing * stride)
        columnPrefixCounts = Self.zeroed(columnRing * stride)
        let coreCount = core == nil ? 0 : Self.bandRows * stride
        corePrefixSums = Self.zeroed(coreCount)
        corePrefixCounts = Self.zeroed(coreCount)
        let columnCount = neighbourhood.shape == .square ? width : 0
        columnSums = Self.zeroed(columnCount)
        columnCounts = Self.zeroed(columnCount)
        sums = Self.zeroed(Self.bandRows * width)
        counts = Self.zeroed(Self.bandRows * width)
    }

    deinit {
        for buffer in [prefixSums, columnPrefixSums, corePrefixSums, columnSums, columnCounts, sums, counts] { buffer.deallocate() }
        for buffer in [prefixCounts, columnPrefixCounts, corePrefixCounts] { buffer.deallocate() }
    }

    /// `count` zeros (room for one at least: a shape's unused buffers are empty).
    private static func zeroed<T: Numeric>(_ count: Int) -> UnsafeMutablePointer<T> {
        let buffer = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
        buffer.initialize(repeating: 0, count: max(count, 1))
        return buffer
    }

    /// Computes the sums and counts for the next band of output rows, from `first` up to
    /// ``bandRows`` rows, ending at `end` at the latest, and hands them to `body` piece by piece as
    /// soon as each is summed, while it is still in the core's cache: a whole row for squares, a
    /// tile of a row for circles.
    /// - Parameter body: Gets the row, the piece's columns, the row's sums and counts, indexed by
    ///   column, and the count every cell of the piece has when that is known to be the same for
    ///   all of them (no missing cell and no raster edge within reach), so that a caller can skip
    ///   per-cell work that depends on the count alone.
    /// - Returns: The rows computed.
    func rows(
        from first: Int, upTo end: Int, values: UnsafeBufferPointer<Float>,
        each body: (_ row: Int, _ columns: Range<Int>, _ sums: UnsafePointer<Double>, _ counts: UnsafePointer<Double>, _ uniformCount: Double?) -> Void
    ) -> Range<Int> {
        let lower = max(0, first)
        let band = lower..<max(lower, min(end, height, lower + Self.bandRows))
        switch neighbourhood.shape {
        case .circle: circleRows(band, values: values, each: body)
        case .square:
            for y in band {
                let start = (y - band.lowerBound) * width
                squareRow(y, values: values, into: start)
                body(y, 0..<width, sums + start, counts + start, nil)
            }
        }
        return band
    }

    /// Σ over [x − h, x + h] ∩ [0, width) of a circle row is P[x + h + 1] − P[x − h], with P padded
    /// so that indices beyond either edge read the edge's prefix sum.
    ///
    /// A large circle reads many prefix rows for every output row: taken row by row, those came
    /// from the shared cache for every output row. Here the band's output rows are computed tile of
    /// columns by tile, so a tile's prefix sums are read from the core's own cache by every row of
    /// the band. The additions are the same and in the same order as row by row.
    private func circleRows(
        _ band: Range<Int>, values: UnsafeBufferPointer<Float>,
        each body: (_ row: Int, _ columns: Range<Int>, _ sums: UnsafePointer<Double>, _ counts: UnsafePointer<Double>, _ uniformCount: Double?) -> Void
    ) {
        let r = neighbourhood.rowRadius
        let reach = max(0, band.lowerBound - r)..<min(height, band.upperBound + r)
        // Per output row of the band, where each of its circle rows' prefix sums start and their
        // half-width (every row: the check for missing cells reads them all).
        var circle: [(offset: Int, halfWidth: Int)] = []
        var circleStart = [0]
        let slots = ensurePrefixes(reach, values: values)
        for y in band {
            for dy in -r...r where reach.contains(y + dy) {
                circle.append((slots[y + dy - reach.lowerBound] * stride + pad, neighbourhood.halfWidths[dy + r]))
            }
            circleStart.append(circle.count)
        }
        // The prefix-sum differences each output row adds up, P[x + plus] − P[x + minus]: every
        // circle row, or with a core its row of core prefix sums, the cap rows (on the row prefix
        // sums) and the cap columns (on the column prefix sums).
        var rowTerms: [[(plus: Int, minus: Int)]] = []
        var columnTerms: [[(plus: Int, minus: Int)]] = []
        var coreTerms: [[(plus: Int, minus: Int)]] = Array(repeating: [], count: band.count)
        if let s = core {
            let top = min(height - 1, band.upperBound - 1 + s)
            ensureColumnPrefix(from: max(-1, band.lowerBound - s - 1), through: top, values: values)
            for (k, y) in band.enumerated() {
                corePrefix(k, below: columnSlot(min(top, y + s)), above: columnSlot(max(columnBase, y - s - 1)))
                coreTerms[k] = [(k * stride + pad + s + 1, k * stride + pad - s)]
                rowTerms.append(capRows.compactMap { dy in
                    guard reach.contains(y + dy) else { return nil }
                    let (offset, h) = (slots[y + dy - reach.lowerBound] * stride + pad, neighbourhood.halfWidths[dy + r])
                    return (offset + h + 1, offset - h)
                })
                columnTerms.append(capColumns.map { column in
                    let below = columnSlot(min(top, y + column.reach)), above = columnSlot(max(columnBase, y - column.reach - 1))
                    return (below * stride + pad + column.offset, above * stride + pad + column.offset)
                })
            }
        } else {
            rowTerms = (0..<band.count).map { k in circle[circleStart[k]..<circleStart[k + 1]].map { ($0.offset + $0.halfWidth + 1, $0.offset - $0.halfWidth) } }
            columnTerms = Array(repeating: [], count: band.count)
        }
        // Cells in each output row's circle when none is missing and none falls off the raster's sides.
        let fullCounts = (0..<band.count).map { k in
            circle[circleStart[k]..<circleStart[k + 1]].reduce(0) { $0 + 2 * $1.halfWidth + 1 }
        }
        let (w, tile, reachH) = (width, Self.tileColumns, neighbourhood.columnRadius)
        // Each output row's terms as pointers into whichever prefix sums they read, in the order
        // core, rows, columns.
        let sumTerms = Terms(rows: band.count, [(coreTerms, corePrefixSums), (rowTerms, prefixSums), (columnTerms, columnPrefixSums)])
        let countTerms = Terms(rows: band.count, [(coreTerms, corePrefixCounts), (rowTerms, prefixCounts), (columnTerms, columnPrefixCounts)])
        let (c, sums, counts) = (UnsafePointer(prefixCounts), self.sums, self.counts)
        for x0 in Swift.stride(from: 0, to: w, by: tile) {
            let columns = x0..<min(x0 + tile, w)
            for k in 0..<band.count {
                let (sRow, nRow) = (sums + k * w, counts + k * w)
                sumTerms.sum(row: k, columns, into: sRow)
                // Most tiles have no missing cell within reach of their circles: their counts are
                // the circle's size, and the count prefix sums need not be read.
                let span = columns.count + 2 * reachH
                var uniform: Double?
                if circle[circleStart[k]..<circleStart[k + 1]].allSatisfy({ c[$0.offset + columns.upperBound + reachH] - c[$0.offset + columns.lowerBound - reachH] == span }) {
                    uniform = Double(fullCounts[k])
                    for x in columns { nRow[x] = Double(fullCounts[k]) }
                } else {
                    countTerms.count(row: k, columns, into: nRow)
                }
                body(band.lowerBound + k, columns, sRow, nRow, uniform)
            }
        }
    }

    /// The ring slots holding the padded prefix sums of `rows`, computing the missing ones four
    /// rows at a time: a row's prefix sum is a chain of dependent additions, so one row at a time
    /// waited on each addition, while four rows' chains run side by side.
    private func ensurePrefixes(_ rows: Range<Int>, values: UnsafeBufferPointer<Float>) -> [Int] {
        let ring = ringRows.count
        let missing = rows.filter { ringRows[$0 % ring] != $0 }
        for start in Swift.stride(from: 0, to: missing.count, by: 4) {
            let group = missing[start..<min(start + 4, missing.count)]
            // Fewer than four left: the last row fills the other lanes and is written again with the same sums.
            var lanes = SIMD4<Int>(repeating: group[group.endIndex - 1])
            for (lane, row) in group.enumerated() { lanes[lane] = row }
            prefixRows(lanes, values: values)
            for row in group { ringRows[row % ring] = row }
        }
        return rows.map { $0 % ring }
    }

    /// Writes the padded prefix sums and counts of four rows into their ring slots.
    private func prefixRows(_ rows: SIMD4<Int>, values: UnsafeBufferPointer<Float>) {
        let (w, pad, stride) = (width, pad, stride)
        let bases = rows &* w
        let firsts = (rows % ringRows.count) &* stride &+ pad &+ 1
        let (p, c) = (prefixSums, prefixCounts)
        var s = SIMD4<Double>(), n = SIMD4<Int32>()
        for lane in 0..<4 {
            for k in (firsts[lane] - pad - 1)..<firsts[lane] { p[k] = 0; c[k] = 0 }
        }
        for x in 0..<w {
            let v = SIMD4<Float>(values[bases[0] + x], values[bases[1] + x], values[bases[2] + x], values[bases[3] + x])
            let valid = (v .< .infinity) .& (v .> -.infinity)   // NaN is neither
            // Adding 0 for a missing value leaves the sum as it was (it is never −0).
            s += SIMD4<Double>(v.replacing(with: 0, where: .!valid))
            n &+= SIMD4<Int32>(repeating: 0).replacing(with: 1, where: valid)
            for lane in 0..<4 {
                p[firsts[lane] + x] = s[lane]
                c[firsts[lane] + x] = n[lane]
            }
        }
        for lane in 0..<4 {
            for k in (firsts[lane] + w)..<(firsts[lane] - pad - 1 + stride) { p[k] = s[lane]; c[k] = n[lane] }
        }
    }
}
