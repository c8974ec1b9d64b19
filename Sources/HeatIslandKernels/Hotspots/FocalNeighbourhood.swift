/// Which cells around a centre cell form its neighbourhood (the centre included), as a half-width in
/// columns for every row offset.
///
/// A cell belongs to a circle when the distance between its centre and the centre cell's centre is
/// at most the radius; a square spans ± the radius in whole cells each way. Radii in metres are
/// converted with the pixel size, so non-square pixels give the right shape on the ground.
public struct FocalNeighbourhood: Sendable, Hashable {
    /// The two shapes.
    public enum Shape: String, Sendable, Hashable, CaseIterable, Codable {
        /// Cells whose centres lie within the radius.
        case circle
        /// Cells within ± the radius in whole cells along each axis.
        case square
    }

    /// The shape.
    public let shape: Shape
    /// Half-width in columns for row offsets −rowRadius…rowRadius (index `dy + rowRadius`).
    public let halfWidths: [Int]

    /// The largest row offset.
    public var rowRadius: Int { (halfWidths.count - 1) / 2 }
    /// The largest column offset.
    public var columnRadius: Int { halfWidths.max() ?? 0 }
    /// Number of cells in the neighbourhood, centre included.
    public var cellCount: Int { halfWidths.reduce(0) { $0 + 2 * $1 + 1 } }

    /// The largest radius in cells along either axis (2²⁰): a neighbourhood wider than any raster it
    /// can be used on, capped so that an absurd radius cannot ask for more memory than there is.
    public static let maximumRadiusCells = 1 << 20

    /// A neighbourhood with a radius in cells.
    /// - Parameters:
    ///   - shape: Circle or square.
    ///   - radiusCells: The radius in cells (≥ 0).
    public init(shape: Shape, radiusCells: Double) {
        self.init(shape: shape, radius: radiusCells, cell: (1, 1))
    }

    /// A neighbourhood with a radius in map units (metres), for a grid with the given pixel size;
    /// `nil` when a side is 0, NaN or infinite (a radius over a zero width is every column, which
    /// would be a silent neighbourhood of millions of cells).
    /// - Parameters:
    ///   - shape: Circle or square.
    ///   - radius: The radius in map units (≥ 0; NaN gives the cell alone).
    ///   - pixelWidth: Pixel width in map units (sign ignored).
    ///   - pixelHeight: Pixel height in map units (sign ignored).
    public init?(shape: Shape, radius: Double, pixelWidth: Double, pixelHeight: Double) {
        let (pw, ph) = (abs(pixelWidth), abs(pixelHeight))
        guard pw > 0, ph > 0, pw.isFinite, ph.isFinite else { return nil }
        self.init(shape: shape, radius: radius, cell: (pw, ph))
    }

    private init(shape: Shape, radius: Double, cell: (width: Double, height: Double)) {
        self.shape = shape
        let (pw, ph) = cell
        // A tiny allowance keeps cells exactly on the circle (radius 5 → offset (3, 4)) inside
        // despite rounding in the square root.
        let epsilon = 1e-9
        func cells(_ v: Double) -> Int {
            v > 0 ? Int(min(v + epsilon, Double(Self.maximumRadiusCells)).rounded(.down)) : 0
        }
        let rows = cells(radius / ph), columns = cells(radius / pw)
        halfWidths = (-rows...rows).map { dy in
            switch shape {
            case .square: return columns
            case .circle:
                let remaining = radius * radius - Double(dy * dy) * ph * ph
                return remaining < 0 ? 0 : cells(remaining.squareRoot() / pw)
            }
        }
    }

    /// `true` when, on a grid of `width` × `height` cells, every cell's neighbourhood holds every
    /// cell of the grid: each row offset up to the grid's height spans its whole width.
    /// - Parameters:
    ///   - width: Grid columns.
    ///   - height: Grid rows.
    public func reachesEveryCell(width: Int, height: Int) -> Bool {
        guard height > 0, width > 0 else { return false }
        let rows = height - 1
        guard rowRadius >= rows else { return false }
        return (-rows...rows).allSatisfy { halfWidths[$0 + rowRadius] >= width - 1 }
    }

    /// The same neighbourhood on a grid of `width` × `height` cells: row offsets beyond the grid's
    /// height and half-widths beyond its width reach no cell of it, so dropping them changes no sum,
    /// and keeps the prefix-sum buffers of a radius larger than the raster within the raster's size.
    func clipped(width: Int, height: Int) -> FocalNeighbourhood {
        let (r, rows, columns) = (rowRadius, max(0, min(rowRadius, height - 1)), max(0, width - 1))
        guard rows < r || columnRadius > columns else { return self }
        return FocalNeighbourhood(shape: shape, halfWidths: halfWidths[(r - rows)...(r + rows)].map { min($0, columns) })
    }

    private init(shape: Shape, halfWidths: [Int]) {
        self.shape = shape
        self.halfWidths = halfWidths
    }

    /// The half-width for a row offset (0 outside the neighbourhood's rows).
    public func halfWidth(rowOffset dy: Int) -> Int? {
        dy.magnitude <= UInt(rowRadius) ? halfWidths[dy + rowRadius] : nil
    }
}
