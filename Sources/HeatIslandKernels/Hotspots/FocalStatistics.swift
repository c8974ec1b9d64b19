/// Focal (moving-window) statistics of a raster: for every cell, the sum, the number and the mean of
/// the valid values in its neighbourhood, the cell itself included, over a circle or a square of any
/// radius. Missing cells (NaN or infinite) count in neither the sums nor the counts; a missing cell
/// still gets the sum and count of its neighbours.
///
/// These are the sums the cell Gi* is built on (``RasterGiStar``): a square costs the same per cell
/// whatever its radius (running sums down the columns and along the rows); a circle adds one
/// difference of row prefix sums per row it spans, or for radii of 16 cells and more one per row and
/// column of its caps around a square core. Rows are split across cores. Sums are accumulated in
/// Double: they equal a direct sum up to rounding, and for squares and circles of 16 cells and more
/// the last bits can depend on where the rows are split, so on the number of cores.
///
/// ```swift
/// let values: [Float] = [1, 2, 3,
///                        4, .nan, 6,
///                        7, 8, 9]
/// let mean = try FocalStatistics.mean(values, width: 3, height: 3,
///                                     neighbourhood: FocalNeighbourhood(shape: .square, radiusCells: 1))
/// print(mean[4])   // 5.0: the mean of the eight valid neighbours of the centre
/// ```
public enum FocalStatistics {
    /// Writes every cell's neighbourhood sum and number of valid cells.
    /// - Parameters:
    ///   - values: Row-major values, NaN for missing.
    ///   - width: Columns.
    ///   - height: Rows.
    ///   - neighbourhood: The focal window.
    ///   - sums: Receives the sums (0 where the neighbourhood has no valid cell); as long as `values`.
    ///   - counts: Receives the numbers of valid cells (whole numbers); as long as `values`.
    /// - Throws: ``FocalError`` when the grid and the buffers do not fit; nothing is written then.
    public static func sums(
        _ values: UnsafeBufferPointer<Float>, width: Int, height: Int, neighbourhood: FocalNeighbourhood,
        sums: UnsafeMutableBufferPointer<Double>, counts: UnsafeMutableBufferPointer<Double>
    ) throws(FocalError) {
        try check(values.count, width: width, height: height, outputs: [sums.count, counts.count])
        guard let sumBase = sums.baseAddress, let countBase = counts.baseAddress else { return }
        let out = UnsafeSendable((sums: sumBase, counts: countBase))
        FocalSums.sweep(values, width: width, height: height, rows: 0..<height, neighbourhood: neighbourhood) {
            y, columns, rowSums, rowCounts, _ in
            let start = y * width
            for x in columns {
                out.value.sums[start + x] = rowSums[x]
                out.value.counts[start + x] = rowCounts[x]
            }
        }
    }

    /// Every cell's focal mean: the mean of the valid values in its neighbourhood, NaN where there is none.
    /// - Parameters:
    ///   - values: Row-major values, NaN for missing.
    ///   - width: Columns.
    ///   - height: Rows.
    ///   - neighbourhood: The focal window.
    ///   - mean: Receives the means; as long as `values`.
    /// - Throws: ``FocalError`` when the grid and the buffers do not fit; nothing is written then.
    public static func mean(
        _ values: UnsafeBufferPointer<Float>, width: Int, height: Int, neighbourhood: FocalNeighbourhood,
        into mean: UnsafeMutableBufferPointer<Float>
    ) throws(FocalError) {
        try check(values.count, width: width, height: height, outputs: [mean.count])
        guard let base = mean.baseAddress else { return }
        let out = UnsafeSendable(base)
        FocalSums.sweep(values, width: width, height: height, rows: 0..<height, neighbourhood: neighbourhood) {
            y, columns, rowSums, rowCounts, _ in
            let start = y * width
            for x in columns {
                out.value[start + x] = rowCounts[x] > 0 ? Float(rowSums[x] / rowCounts[x]) : .nan
            }
        }
    }

    /// Every cell's focal mean, as a new array (see ``mean(_:width:height:neighbourhood:into:)``).
    /// - Parameters:
    ///   - values: Row-major values, NaN for missing.
    ///   - width: Columns.
    ///   - height: Rows.
    ///   - neighbourhood: The focal window.
    /// - Returns: The means, NaN where a neighbourhood has no valid cell.
    /// - Throws: ``FocalError/gridMismatch(width:height:values:)``.
    public static func mean(_ values: [Float], width: Int, height: Int, neighbourhood: FocalNeighbourhood) throws(FocalError) -> [Float] {
        var result = [Float](repeating: .nan, count: values.count)
        try values.withUnsafeBufferPointer { (v) throws(FocalError) in
            try result.withUnsafeMutableBufferPointer { (out) throws(FocalError) in
                try mean(v, width: width, height: height, neighbourhood: neighbourhood, into: out)
            }
        }
        return result
    }

    private static func check(_ count: Int, width: Int, height: Int, outputs: [Int]) throws(FocalError) {
        guard width > 0, height > 0, PixelWindow.full(width: width, height: height).pixelCount == count else {
            throw .gridMismatch(width: width, height: height, values: count)
        }
        if let wrong = outputs.first(where: { $0 != count }) { throw .outputLength(expected: count, actual: wrong) }
    }
}
