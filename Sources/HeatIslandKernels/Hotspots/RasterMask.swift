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
        guard mask.count == width * height, width > 0, height > 0 else { return mask }
        let values = mask.map { $0 ? Float(1) : .nan }
        var grown = [Bool](repeating: false, count: mask.count)
        values.withUnsafeBufferPointer { v in
            var focal = FocalSums(width: width, height: height, neighbourhood: neighbourhood)
            var sums = [Double](repeating: 0, count: width), counts = sums
            for y in 0..<height {
                focal.row(y, values: v, sums: &sums, counts: &counts)
                for x in 0..<width { grown[y * width + x] = counts[x] > 0 }
            }
        }
        return grown
    }
}
