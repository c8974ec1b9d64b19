/// Sums and counts of the valid values in every cell's neighbourhood, one output row at a time,
/// in time proportional to the number of cells: for squares independent of the radius (running
/// column sums and a sliding window), for circles proportional to the rows of the circle, each a
/// vectorisable difference of two shifted prefix-sum rows.
struct FocalSums {
    let width: Int
    let height: Int
    let neighbourhood: FocalNeighbourhood
    private let pad: Int
    /// Padded prefix sums of values and counts for the rows in the neighbourhood's reach, a ring
    /// indexed by row modulo its size.
    private var prefixSums: [[Double]]
    private var prefixCounts: [[Double]]
    private var ringRows: [Int]
    /// Square only: per-column sums over the current window of rows.
    private var columnSums: [Double]
    private var columnCounts: [Double]
    private var columnRows: Range<Int> = 0..<0

    init(width: Int, height: Int, neighbourhood: FocalNeighbourhood) {
        self.width = width
        self.height = height
        self.neighbourhood = neighbourhood
        pad = neighbourhood.columnRadius + 1
        let ring = neighbourhood.shape == .circle ? 2 * neighbourhood.rowRadius + 1 : 0
        prefixSums = Array(repeating: [Double](repeating: 0, count: width + 2 * pad + 1), count: ring)
        prefixCounts = prefixSums
        ringRows = Array(repeating: -1, count: ring)
        columnSums = [Double](repeating: 0, count: neighbourhood.shape == .square ? width : 0)
        columnCounts = columnSums
    }

    /// Fills `sums` and `counts` (length `width`) for output row `y`.
    mutating func row(_ y: Int, values: UnsafeBufferPointer<Float>, sums: inout [Double], counts: inout [Double]) {
        switch neighbourhood.shape {
        case .circle: circleRow(y, values: values, sums: &sums, counts: &counts)
        case .square: squareRow(y, values: values, sums: &sums, counts: &counts)
        }
    }

    private mutating func circleRow(_ y: Int, values: UnsafeBufferPointer<Float>, sums: inout [Double], counts: inout [Double]) {
        for x in 0..<width { sums[x] = 0; counts[x] = 0 }
        let r = neighbourhood.rowRadius
        for dy in -r...r {
            let row = y + dy
            guard row >= 0, row < height else { continue }
            let slot = ensurePrefix(row, values: values)
            let h = neighbourhood.halfWidths[dy + r]
            // Σ over [x − h, x + h] ∩ [0, width) = P[x + h + 1] − P[x − h], with P padded so
            // that indices beyond either edge read the edge's prefix sum.
            let hi = pad + h + 1, lo = pad - h
            prefixSums[slot].withUnsafeBufferPointer { p in
                prefixCounts[slot].withUnsafeBufferPointer { c in
                    sums.withUnsafeMutableBufferPointer { s in
                        counts.withUnsafeMutableBufferPointer { n in
                            for x in 0..<width {
                                s[x] += p[x + hi] - p[x + lo]
                                n[x] += c[x + hi] - c[x + lo]
                            }
                        }
                    }
                }
            }
        }
    }

    /// The ring slot holding row `row`'s padded prefix sums, computing them when missing.
    private mutating func ensurePrefix(_ row: Int, values: UnsafeBufferPointer<Float>) -> Int {
        let slot = row % ringRows.count
        guard ringRows[slot] != row else { return slot }
        ringRows[slot] = row
        let base = row * width
        let (w, pad) = (width, pad)
        prefixSums[slot].withUnsafeMutableBufferPointer { p in
            prefixCounts[slot].withUnsafeMutableBufferPointer { c in
                for k in 0...pad { p[k] = 0; c[k] = 0 }
                var s = 0.0, n = 0.0
                for x in 0..<w {
                    let v = values[base + x]
                    if v.isFinite { s += Double(v); n += 1 }
                    p[pad + x + 1] = s
                    c[pad + x + 1] = n
                }
                for k in (pad + w + 1)..<p.count { p[k] = s; c[k] = n }
            }
        }
        return slot
    }

    private mutating func squareRow(_ y: Int, values: UnsafeBufferPointer<Float>, sums: inout [Double], counts: inout [Double]) {
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
            sums[x] = s
            counts[x] = n
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
