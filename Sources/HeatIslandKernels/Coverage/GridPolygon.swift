/// A zone's rings moved into grid coordinates: `u` counts columns from the grid's left edge and `v`
/// rows from its top edge, so cell (row r, column c) is the unit square [c, c+1] × [r, r+1].
/// Working in cell units makes every later test exact arithmetic on small numbers, whatever the CRS.
struct GridPolygon {
    /// Each ring's vertices (closing vertex dropped), the sign that makes its enclosed area count
    /// positively for an exterior ring and negatively for a hole whatever its winding, and whether
    /// it runs clockwise in map coordinates (y up), which GDAL's centre rule depends on.
    var rings: [(points: [SIMD2<Double>], sign: Double, clockwiseOnMap: Bool)] = []
    var minimum = SIMD2<Double>(repeating: .infinity)
    var maximum = SIMD2<Double>(repeating: -.infinity)

    init(_ geometry: MultiPolygon, grid: GeoTransform) throws(CoverageError) {
        guard grid.isNorthUp, grid.pixelWidth != 0, grid.pixelHeight != 0 else { throw .rotatedGrid }
        guard !geometry.polygons.isEmpty else { throw .emptyGeometry }
        for polygon in geometry.polygons {
            // The rings one by one rather than gathered into an array: a zone is often one small ring.
            try add(polygon.exterior, exterior: true, grid: grid)
            for hole in polygon.holes { try add(hole, exterior: false, grid: grid) }
        }
        guard !rings.isEmpty else { throw .noArea }
    }

    private mutating func add(_ ring: Ring, exterior: Bool, grid: GeoTransform) throws(CoverageError) {
        let origin = SIMD2(grid.originX, grid.originY)
        let size = SIMD2(grid.pixelWidth, grid.pixelHeight)
        var unsnapped = try Self.distinct(ring.points)
        for i in unsnapped.indices { unsnapped[i] = (unsnapped[i] - origin) / size }
        // Finite map coordinates can still overflow in grid units (1e308 m on 1e-3 m cells).
        guard unsnapped.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { throw .nonFiniteCoordinate }
        // A ring thinner than the snap distance along a cell line would vanish when
        // snapped; it keeps its own vertices, and so its sliver of area.
        var points = unsnapped.map(Self.snapped)
        if Ring(points).signedArea == 0 { points = unsnapped }
        // In (u, v) with v pointing down, a positive shoelace area accumulates as negative
        // coverage (see CoverageRasterizer), so exteriors take the opposite sign of their area.
        let area = Ring(points).signedArea
        guard area != 0 else { return }
        let exteriorSign: Double = area > 0 ? -1 : 1
        // Grid areas are map areas divided by pixelWidth · pixelHeight (negative when north-up).
        let clockwise = area * grid.pixelWidth * grid.pixelHeight < 0
        rings.append((points, exterior ? exteriorSign : -exteriorSign, clockwise))
        for p in points {
            minimum = pointwiseMin(minimum, p)
            maximum = pointwiseMax(maximum, p)
        }
    }

    /// How close to a cell line (in cells) a vertex is put on it.
    static let snapDistance = 1e-8

    /// A vertex within ``snapDistance`` of a cell line, put on it. Zones drawn on the grid's lines
    /// reach it with rounding errors (a round trip through degrees, a geographic grid's decimal
    /// origin): an edge a hair outside a line made the all-touched rule take a row of cells beyond
    /// it, and the exact rule slivers of 1e-12 that counted as cells. 1e-8 of a 30 m cell is 0.3 µm.
    static func snapped(_ p: SIMD2<Double>) -> SIMD2<Double> {
        let r = p.rounded(.toNearestOrAwayFromZero)
        return SIMD2(abs(p.x - r.x) <= snapDistance ? r.x : p.x, abs(p.y - r.y) <= snapDistance ? r.y : p.y)
    }

    /// Drops repeated consecutive vertices and the closing vertex, and checks what is left.
    private static func distinct(_ points: [SIMD2<Double>]) throws(CoverageError) -> [SIMD2<Double>] {
        var out: [SIMD2<Double>] = []
        out.reserveCapacity(points.count)
        for p in points {
            guard p.x.isFinite, p.y.isFinite else { throw .nonFiniteCoordinate }
            if out.last != p { out.append(p) }
        }
        if out.count > 1, out.first == out.last { out.removeLast() }
        guard out.count >= 3 else { throw .degenerateRing(vertices: out.count) }
        return out
    }

    /// Calls `body` with every edge (start, end, ring sign).
    func forEachEdge(_ body: (SIMD2<Double>, SIMD2<Double>, Double) -> Void) {
        for ring in rings {
            var previous = ring.points[ring.points.count - 1]
            for p in ring.points {
                body(previous, p, ring.sign)
                previous = p
            }
        }
    }
}
