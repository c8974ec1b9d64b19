/// Sums and counts of the valid values in every cell's neighbourhood, a band of output rows at a
/// time, in time proportional to the number of cells: for squares independent of the radius
/// (running column sums and a sliding window), for circles proportional to the rows of the circle,
/// each a vectorisable difference of two shifted prefix-sum rows.
struct FocalSums {
    /// Output rows per band: a circle's prefix sums for a band and a tile of columns stay in the
    /// core's cache while all of the band's rows read them.
    static let bandRows = 16
    /// Columns per tile of a circle band.
    static let tileColumns = 256

    let width: Int
    let height: Int
    let neighbourhood: FocalNeighbourhood
    private let pad: Int
    /// Circle only: padded prefix sums of values and counts for the rows a band's neighbourhoods
    /// reach, a ring of `2 · rowRadius + bandRows` rows of `stride` entries indexed by row modulo
    /// its size. Counts are `Int32` (GDAL's raster widths are), half the bytes of the sums' `Double`.
    private let stride: Int
    private var prefixSums: [Double]
    private var prefixCounts: [Int32]
    private var ringRows: [Int]
    /// Square only: per-column sums over the current window of rows.
    private var columnSums: [Double]
    private var columnCounts: [Double]
    private var columnRows: Range<Int> = 0..<0
    /// The last band's neighbourhood sums and valid-cell counts, row-major, `bandRows · width` long.
    private(set) var sums: [Double]
    private(set) var counts: [Double]

    init(width: Int, height: Int, neighbourhood: FocalNeighbourhood) {
        self.width = width
        self.height = height
        self.neighbourhood = neighbourhood
        pad = neighbourhood.columnRadius + 1
        let ring = neighbourhood.shape == .circle ? 2 * neighbourhood.rowRadius + Self.bandRows : 0
        stride = width + 2 * pad + 1
        prefixSums = [Double](repeating: 0, count: ring * stride)
        prefixCounts = [Int32](repeating: 0, count: ring * stride)
        ringRows = Array(repeating: -1, count: ring)
        columnSums = [Double](repeating: 0, count: neighbourhood.shape == .square ? width : 0)
        columnCounts = columnSums
        sums = [Double](repeating: 0, count: Self.bandRows * width)
        counts = sums
    }

    /// Computes ``sums`` and ``counts`` for the next band of output rows: from `first` up to
    /// ``bandRows`` rows, ending at `end` at the latest.
    /// - Returns: The rows computed; their sums start at index 0 of ``sums``, row-major.
    mutating func rows(from first: Int, upTo end: Int, values: UnsafeBufferPointer<Float>) -> Range<Int> {
        let lower = max(0, first)
        let band = lower..<max(lower, min(end, height, lower + Self.bandRows))
        switch neighbourhood.shape {
        case .circle: circleRows(band, values: values)
        case .square:
            for y in band { squareRow(y, values: values, into: (y - band.lowerBound) * width) }
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
    private mutating func circleRows(_ band: Range<Int>, values: UnsafeBufferPointer<Float>) {
        let r = neighbourhood.rowRadius
        let reach = max(0, band.lowerBound - r)..<min(height, band.upperBound + r)
        // Per output row of the band, where each of its circle rows' prefix sums start and their half-width.
        var circle: [(offset: Int, halfWidth: Int)] = []
        var circleStart = [0]
        let slots = reach.map { ensurePrefix($0, values: values) }
        for y in band {
            for dy in -r...r where reach.contains(y + dy) {
                circle.append((slots[y + dy - reach.lowerBound] * stride + pad, neighbourhood.halfWidths[dy + r]))
            }
            circleStart.append(circle.count)
        }
        // Cells in each output row's circle when none is missing and none falls off the raster's sides.
        let fullCounts = (0..<band.count).map { k in
            circle[circleStart[k]..<circleStart[k + 1]].reduce(0) { $0 + 2 * $1.halfWidth + 1 }
        }
        let (w, tile, reachH) = (width, Self.tileColumns, neighbourhood.columnRadius)
        prefixSums.withUnsafeBufferPointer { pBuf in
            prefixCounts.withUnsafeBufferPointer { cBuf in
                sums.withUnsafeMutableBufferPointer { s in
                    counts.withUnsafeMutableBufferPointer { n in
                        guard let p = pBuf.baseAddress, let c = cBuf.baseAddress else { return }
                        for x0 in Swift.stride(from: 0, to: w, by: tile) {
                            let columns = x0..<min(x0 + tile, w)
                            for k in 0..<band.count {
                                let rows = circle[circleStart[k]..<circleStart[k + 1]]
                                guard let sRow = s.baseAddress?.advanced(by: k * w), let nRow = n.baseAddress?.advanced(by: k * w) else { return }
                                Self.addSpans(rows, of: p, into: sRow, columns) { Self.load(SIMD4<Double>.self, $0) } scalar: { $0 }
                                // Most tiles have no missing cell within reach of their circles: their
                                // counts are the circle's size, and the count prefix sums need not be read.
                                let span = columns.count + 2 * reachH
                                if rows.allSatisfy({ c[$0.offset + columns.upperBound + reachH] - c[$0.offset + columns.lowerBound - reachH] == span }) {
                                    for x in columns { nRow[x] = Double(fullCounts[k]) }
                                } else {
                                    Self.addSpans(rows, of: c, into: nRow, columns) { SIMD4<Double>(Self.load(SIMD4<Int32>.self, $0)) } scalar: { Double($0) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Sets `out[x]`, for x in `columns`, to the sum over `rows` of P[x + h + 1] − P[x − h], adding
    /// row after row in their order, into a tile-long sum that stays in the core's first-level
    /// cache. (Summing eight cells over all rows in registers instead took as long, within the
    /// noise of this machine: either way the time goes into reading the prefix sums.)
    @inline(__always)
    private static func addSpans<T>(_ rows: ArraySlice<(offset: Int, halfWidth: Int)>, of prefix: UnsafePointer<T>,
                                    into out: UnsafeMutablePointer<Double>, _ columns: Range<Int>,
                                    vector: (UnsafePointer<T>) -> SIMD4<Double>, scalar: (T) -> Double) {
        for x in columns { out[x] = 0 }
        for (offset, h) in rows {
            let hi = prefix + offset + h + 1, lo = prefix + offset - h
            var x = columns.lowerBound
            while x + 4 <= columns.upperBound {
                let sum = UnsafeRawPointer(out + x).loadUnaligned(as: SIMD4<Double>.self) + (vector(hi + x) - vector(lo + x))
                UnsafeMutableRawPointer(out + x).storeBytes(of: sum, as: SIMD4<Double>.self)
                x &+= 4
            }
            while x < columns.upperBound {
                out[x] += scalar(hi[x]) - scalar(lo[x])
                x &+= 1
            }
        }
    }

    @inline(__always)
    private static func load<V: SIMD>(_ type: V.Type, _ pointer: UnsafePointer<V.Scalar>) -> V {
        UnsafeRawPointer(pointer).loadUnaligned(as: V.self)
    }

    /// The ring slot holding row `row`'s padded prefix sums, computing them when missing.
    private mutating func ensurePrefix(_ row: Int, values: UnsafeBufferPointer<Float>) -> Int {
        let slot = row % ringRows.count
        guard ringRows[slot] != row else { return slot }
        ringRows[slot] = row
        let base = row * width
        let (w, pad, first) = (width, pad, slot * stride)
        prefixSums.withUnsafeMutableBufferPointer { p in
            prefixCounts.withUnsafeMutableBufferPointer { c in
                for k in 0...pad { p[first + k] = 0; c[first + k] = 0 }
                var s = 0.0, n: Int32 = 0
                for x in 0..<w {
                    let v = values[base + x]
                    if v.isFinite { s += Double(v); n += 1 }
                    p[first + pad + x + 1] = s
                    c[first + pad + x + 1] = n
                }
                for k in (pad + w + 1)..<stride { p[first + k] = s; c[first + k] = n }
            }
        }
        return slot
    }

    private mutating func squareRow(_ y: Int, values: UnsafeBufferPointer<Float>, into start: Int) {
        let r = neighbourhood.rowRadius
        let wanted = max(0, y - r)..<min(height, y + r + 1)
        if columnRows.isEmpty || wanted.lowerBound < columnRows.lowerBound || wanted.lowerBound > columnRows.upperBound {
            // Start afresh (first row of a chunk): add every row of the window.
            for x in 0..<width { columnSums[x] = 0; columnCounts[x] = 0 }
            for row in wanted { addRow(row, sign: 1, values: values) }
        } else {
            for row in columnRows.lowerBound..<wanted.lowerBound { addRow(row, sign: -1, values: values) }
            for row in columnRows.upperBound..<wanted.upperBound { addRow(row, sign: 1, values: values) }
        }
        columnRows = wanted
        // Sliding window of ± h columns over the column sums.
        let h = neighbourhood.columnRadius
        var s = 0.0, n = 0.0
        for x in 0..<min(h, width) { s += columnSums[x]; n += columnCounts[x] }
        for x in 0..<width {
            if x + h < width { s += columnSums[x + h]; n += columnCounts[x + h] }
            if x - h - 1 >= 0 { s -= columnSums[x - h - 1]; n -= columnCounts[x - h - 1] }
            sums[start + x] = s
            counts[start + x] = n
        }
    }

    private mutating func addRow(_ row: Int, sign: Double, values: UnsafeBufferPointer<Float>) {
        let base = row * width
        for x in 0..<width {
            let v = values[base + x]
            if v.isFinite {
                columnSums[x] += sign * Double(v)
                columnCounts[x] += sign
            }
        }
    }
}
