import HeatIslandKernels

extension CoordinateTransform {
    /// Transforms every vertex of a multipolygon in one PROJ call.
    /// - Parameter geometry: Polygons in the source CRS.
    /// - Returns: The same polygons in the target CRS.
    /// - Throws: ``GDALError/transformFailed(message:)`` when a vertex cannot be transformed.
    public func transform(_ geometry: MultiPolygon) throws(GDALError) -> MultiPolygon {
        let rings = geometry.polygons.flatMap { [$0.exterior] + $0.holes }
        let moved = try transform(rings.flatMap(\.points).map { (x: $0.x, y: $0.y) })
        var cursor = 0
        func next(_ ring: Ring) -> Ring {
            defer { cursor += ring.points.count }
            return Ring(moved[cursor..<(cursor + ring.points.count)].map { SIMD2($0.x, $0.y) })
        }
        return MultiPolygon(geometry.polygons.map { p in
            let exterior = next(p.exterior)
            return Polygon(exterior: exterior, holes: p.holes.map(next))
        })
    }
}
