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
        let r = neighbourhood.rowRadius
        // Make sure every row of the circle has its prefix sums before the pointer-based loop.
        var slots: [(slot: Int, halfWidth: Int)] = []
        for dy in -r...r where y + dy >= 0 && y + dy < height {
            slots.append((ensurePrefix(y + dy, values: values), neighbourhood.halfWidths[dy + r]))
        }
        let (w, pad) = (width, pad)
        sums.withUnsafeMutableBufferPointer { s in
            counts.withUnsafeMutableBufferPointer { n in
                guard let sBase = s.baseAddress, let nBase = n.baseAddress else { return }
                // Tiles of 512 columns keep both accumulators in L1 while every circle row is added.
                var start = 0
                while start < w {
                    let end = min(start + 512, w)
                    for x in start..<end { sBase[x] = 0; nBase[x] = 0 }
                    for (slot, h) in slots {
                        prefixSums[slot].withUnsafeBufferPointer { pBuf in
                            prefixCounts[slot].withUnsafeBufferPointer { cBuf in
                                guard let p = pBuf.baseAddress, let c = cBuf.baseAddress else { return }
                                // Σ over [x − h, x + h] ∩ [0, width) = P[x + h + 1] − P[x − h], with P padded
                                // so that indices beyond either edge read the edge's prefix sum.
                                let (pHi, pLo, cHi, cLo) = (p + pad + h + 1, p + pad - h, c + pad + h + 1, c + pad - h)
                                var x = start
                                while x + 4 <= end {
                                    let ds = UnsafeRawPointer(pHi + x).loadUnaligned(as: SIMD4<Double>.self)
                                        - UnsafeRawPointer(pLo + x).loadUnaligned(as: SIMD4<Double>.self)
                                    let dn = UnsafeRawPointer(cHi + x).loadUnaligned(as: SIMD4<Double>.self)
                                        - UnsafeRawPointer(cLo + x).loadUnaligned(as: SIMD4<Double>.self)
                                    let sv = UnsafeRawPointer(sBase + x).loadUnaligned(as: SIMD4<Double>.self) + ds
                                    let nv = UnsafeRawPointer(nBase + x).loadUnaligned(as: SIMD4<Double>.self) + dn
                                    UnsafeMutableRawPointer(sBase + x).storeBytes(of: sv, as: SIMD4<Double>.self)
                                    UnsafeMutableRawPointer(nBase + x).storeBytes(of: nv, as: SIMD4<Double>.self)
                                    x &+= 4
                                }
                                while x < end {
                                    sBase[x] += pHi[x] - pLo[x]
                                    nBase[x] += cHi[x] - cLo[x]
                                    x &+= 1
                                }
                            }
                        }
                    }
                    start = end
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
