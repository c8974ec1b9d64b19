/// Square neighbourhoods: running column sums over the window of rows and a sliding window along
/// each row (see ``FocalSums``).
extension FocalSums {
    func squareRow(_ y: Int, values: UnsafeBufferPointer<Float>, into start: Int) {
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
        let (h, w, columnSums, columnCounts, sums, counts) = (neighbourhood.columnRadius, width, columnSums, columnCounts, sums + start, counts + start)
        var s = 0.0, n = 0.0
        for x in 0..<min(h, w) { s += columnSums[x]; n += columnCounts[x] }
        // Away from the sides, the column entering and the one leaving are differenced first, so
        // that each step waits on one addition, not two.
        let inner = min(h + 1, w)..<max(min(h + 1, w), w - h)
        for x in 0..<inner.lowerBound {
            if x + h < w { s += columnSums[x + h]; n += columnCounts[x + h] }
            sums[x] = s
            counts[x] = n
        }
        for x in inner {
            s += columnSums[x + h] - columnSums[x - h - 1]
            n += columnCounts[x + h] - columnCounts[x - h - 1]
            sums[x] = s
            counts[x] = n
        }
        for x in inner.upperBound..<w {
            if x - h - 1 >= 0 { s -= columnSums[x - h - 1]; n -= columnCounts[x - h - 1] }
            sums[x] = s
            counts[x] = n
        }
    }

    /// Adds `sign` times a row's valid values to the column sums and `sign` to their counts, eight
    /// columns at a time (one at a time, each waited on a branch). A missing value adds ±0, which
    /// leaves a sum as it was.
    func addRow(_ row: Int, sign: Double, values: UnsafeBufferPointer<Float>) {
        let (base, sums, counts) = (row * width, columnSums, columnCounts)
        var x = 0
        if let start = values.baseAddress.map({ $0 + base }) {
            let infinity = SIMD8<Float>(repeating: .infinity)
            while x + 8 <= width {
                let v = UnsafeRawPointer(start + x).loadUnaligned(as: SIMD8<Float>.self)
                let valid = (v .< infinity) .& (v .> -infinity)   // NaN is neither
                let (kept, ones) = (SIMD8<Float>().replacing(with: v, where: valid), SIMD8<Float>().replacing(with: 1, where: valid))
                Self.add(sign * SIMD4<Double>(kept.lowHalf), to: sums + x)
                Self.add(sign * SIMD4<Double>(kept.highHalf), to: sums + x + 4)
                Self.add(sign * SIMD4<Double>(ones.lowHalf), to: counts + x)
                Self.add(sign * SIMD4<Double>(ones.highHalf), to: counts + x + 4)
                x &+= 8
            }
        }
        for x in x..<width where values[base + x].isFinite {
            sums[x] += sign * Double(values[base + x])
            counts[x] += sign
        }
    }

    @inline(__always)
    private static func add(_ value: SIMD4<Double>, to pointer: UnsafeMutablePointer<Double>) {
        let raw = UnsafeMutableRawPointer(pointer)
        raw.storeBytes(of: raw.loadUnaligned(as: SIMD4<Double>.self) + value, as: SIMD4<Double>.self)
    }
}
