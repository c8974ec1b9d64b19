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

    func addRow(_ row: Int, sign: Double, values: UnsafeBufferPointer<Float>) {
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
