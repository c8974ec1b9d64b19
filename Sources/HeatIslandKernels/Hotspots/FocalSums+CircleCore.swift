/// The column prefix sums and core prefix rows of large circles (see ``FocalSums``).
extension FocalSums {
    /// The ring slot of column prefix row `row` (−1 is the row above the raster).
    func columnSlot(_ row: Int) -> Int {
        Self.slot(row, ring: columnRing)
    }

    private static func slot(_ row: Int, ring: Int) -> Int {
        (row + 1) % ring
    }

    /// Makes column prefix rows `first`…`last` available, continuing from the rows computed for
    /// the previous band, or starting afresh with Q[`first`] = 0 when they do not reach back to `first`.
    func ensureColumnPrefix(from first: Int, through last: Int, values: UnsafeBufferPointer<Float>) {
        let ring = columnRing
        if first > columnTop || first < max(columnBase, columnTop - ring + 1) {
            let slot = columnSlot(first) * stride
            for k in 0..<stride { columnPrefixSums[slot + k] = 0; columnPrefixCounts[slot + k] = 0 }
            (columnBase, columnTop) = (first, first)
        }
        guard columnTop < last else { return }
        let (w, pad, stride) = (width, pad, stride)
        let (q, qc) = (columnPrefixSums, columnPrefixCounts)
        // The padding outside the raster's columns stays 0 in every slot.
        for row in (columnTop + 1)...last {
            let (above, here, base) = (Self.slot(row - 1, ring: ring) * stride + pad, Self.slot(row, ring: ring) * stride + pad, row * w)
            for x in 0..<w {
                let v = values[base + x]
                q[here + x] = q[above + x] + (v.isFinite ? Double(v) : 0)
                qc[here + x] = qc[above + x] &+ (v.isFinite ? 1 : 0)
            }
        }
        columnTop = last
    }

    /// Fills output row `k`'s core prefix row: W[i + 1] = W[i] + Q[below][i] − Q[above][i], the
    /// running sum along the row of the core's column sums (the padding adds nothing).
    func corePrefix(_ k: Int, below: Int, above: Int) {
        let (stride, first) = (stride, k * stride)
        let (lower, upper) = (above * stride, below * stride)
        let (q, qc, cw, cwc) = (columnPrefixSums, columnPrefixCounts, corePrefixSums, corePrefixCounts)
        var s = 0.0, n: Int32 = 0
        cw[first] = 0
        cwc[first] = 0
        for i in 0..<(stride - 1) {
            s += q[upper + i] - q[lower + i]
            n &+= qc[upper + i] &- qc[lower + i]
            cw[first + i + 1] = s
            cwc[first + i + 1] = n
        }
    }
}
