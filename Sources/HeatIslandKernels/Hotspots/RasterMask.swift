/// Boolean masks over a grid, for building reference areas.
public enum RasterMask {
    /// The cells within a neighbourhood of any set cell (morphological dilation), in time
    /// proportional to the grid size whatever the radius.
    ///
    /// A cell (x, y) is grown when some row offset dy has a set cell within the neighbourhood's
    /// half-width h(dy) of column x in row y + dy. Since h shrinks away from the centre row, a set
    /// cell at horizontal distance D from column x in row y′ reaches, down that column, every row
    /// within the largest |dy| whose h(dy) ≥ D. So each row's distances to its nearest set cell
    /// (two sweeps) give every cell one interval of rows down its column, and a running count of
    /// the intervals open (a difference per row, summed down the columns) marks the grown cells.
    /// (Summed as focal counts instead, a 2 km ring on 30 m cells read 135 prefix-sum rows for
    /// every cell: 18 s in a debug build for the Kranj fixture.)
    /// - Parameters:
    ///   - mask: Row-major cells.
    ///   - width: Columns.
    ///   - height: Rows.
    ///   - neighbourhood: How far to grow.
    public static func dilate(_ mask: [Bool], width: Int, height: Int, neighbourhood: FocalNeighbourhood) -> [Bool] {
        guard width > 0, height > 0, PixelWindow.full(width: width, height: height).pixelCount == mask.count else { return mask }
        let reach = verticalReach(neighbourhood)
        // opened[y · width + x]: intervals of column x that begin at row y minus those that ended
        // at row y − 1.
        var opened = [Int32](repeating: 0, count: width * height)
        var distance = [Int](repeating: 0, count: width)
        for y in 0..<height {
            let row = y * width
            guard nearestInRow(mask, row: row, width: width, into: &distance) else { continue }
            for x in 0..<width where distance[x] < reach.count && reach[distance[x]] >= 0 {
                let r = reach[distance[x]]
                opened[max(0, y - r) * width + x] &+= 1
                if y + r + 1 < height { opened[(y + r + 1) * width + x] &-= 1 }
            }
        }
        var grown = [Bool](repeating: false, count: mask.count)
        var open = [Int32](repeating: 0, count: width)
        for y in 0..<height {
            for x in 0..<width {
                open[x] &+= opened[y * width + x]
                grown[y * width + x] = open[x] > 0
            }
        }
        return grown
    }

    /// For each horizontal distance D from 0 up to the widest half-width, the rows a set cell
    /// reaches either side of its own: the largest k with h(dy) ≥ D for every |dy| ≤ k, or −1 when
    /// not even its own row reaches that far.
    private static func verticalReach(_ n: FocalNeighbourhood) -> [Int] {
        let (r, h) = (n.rowRadius, n.halfWidths)
        return (0...n.columnRadius).map { d in
            var k = -1
            while k < r, h[r + k + 1] >= d, h[r - k - 1] >= d { k += 1 }
            return k
        }
    }

    /// Each column's distance to the nearest set cell of its row, in columns; `false` when the row
    /// has none.
    private static func nearestInRow(_ mask: [Bool], row: Int, width: Int, into distance: inout [Int]) -> Bool {
        let none = Int.max / 2
        var last = -none
        for x in 0..<width {
            if mask[row + x] { last = x }
            distance[x] = x - last
        }
        guard last >= 0 else { return false }
        var next = none + width
        for x in stride(from: width - 1, through: 0, by: -1) {
            if mask[row + x] { next = x }
            distance[x] = min(distance[x], next - x)
        }
        return true
    }
}
