/// Boolean masks over a grid, for building reference areas.
public enum RasterMask {
    /// The cells within a neighbourhood of any set cell (morphological dilation), in time
    /// proportional to the grid size (the focal sums behind Gi*).
    /// - Parameters:
    ///   - mask: Row-major cells.
    ///   - width: Columns.
    ///   - height: Rows.
    ///   - neighbourhood: How far to grow.
    public static func dilate(_ mask: [Bool], width: Int, height: Int, neighbourhood: FocalNeighbourhood) -> [Bool] {
        guard width > 0, height > 0, PixelWindow.full(width: width, height: height).pixelCount == mask.count else { return mask }
        let values = mask.map { $0 ? Float(1) : .nan }
        var grown = [Bool](repeating: false, count: mask.count)
        values.withUnsafeBufferPointer { v in
            let focal = FocalSums(width: width, height: height, neighbourhood: neighbourhood)
            var first = 0
            while first < height {
                first = focal.rows(from: first, upTo: height, values: v) { y, columns, _, counts, _ in
                    for x in columns { grown[y * width + x] = counts[x] > 0 }
                }.upperBound
            }
        }
        return grown
    }
}
