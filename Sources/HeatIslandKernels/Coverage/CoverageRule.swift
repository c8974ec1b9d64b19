/// Which cells of a raster belong to a polygon, and with what weight.
public enum CoverageRule: String, Sendable, Hashable, CaseIterable, Codable {
    /// Each cell weighted by the fraction of its area inside the polygon (exactextract's coverage
    /// fraction): exact areas, so small zones and zone edges are not over- or under-counted.
    case exact
    /// A cell belongs, with weight 1, when its centre is inside the polygon (GDAL rasterize's
    /// default), with GDAL's ties: a centre exactly on a polygon's right or top edge is in, on its
    /// left edge out, and on a bottom edge in only for an exterior ring's horizontal bottom edge.
    /// Neighbouring zones that share a horizontal edge through cell centres can therefore both
    /// claim those cells, as in GDAL; the exact rule splits them.
    case center
    /// Every cell the polygon's interior overlaps or its boundary passes through, with weight 1
    /// (GDAL's `ALL_TOUCHED=TRUE` as intended; GDAL 3.6 misses some cells).
    case allTouched = "all-touched"
}

/// A polygon the coverage kernel cannot use.
public enum CoverageError: DescribedError, Sendable, Hashable {
    /// The grid is rotated or sheared; only north-up grids are supported.
    case rotatedGrid
    /// A coordinate is NaN or infinite.
    case nonFiniteCoordinate
    /// A ring with fewer than three distinct vertices.
    case degenerateRing(vertices: Int)
    /// No polygon parts at all.
    case emptyGeometry
    /// Polygon parts whose rings all enclose no area in grid units (collinear vertices, or a shape
    /// too small beside its distance from the grid's origin for `Double` to measure).
    case noArea
    /// More columns or rows than spans index (their positions are 32-bit).
    case gridTooLarge(width: Int, height: Int)

    /// One line describing the problem.
    public var description: String {
        switch self {
        case .rotatedGrid: "the raster grid is rotated; zonal statistics need a north-up grid"
        case .nonFiniteCoordinate: "a polygon vertex is NaN or infinite"
        case .degenerateRing(let n): "a polygon ring has only \(n) distinct vertices"
        case .emptyGeometry: "the geometry is empty"
        case .noArea: "the polygon encloses no area on the raster's grid (its vertices are collinear, or too close together for their distance from the grid's origin)"
        case .gridTooLarge(let w, let h): "the raster grid (\(w) × \(h)) has more than 2³¹ − 1 columns or rows, more than coverage spans index"
        }
    }
}
