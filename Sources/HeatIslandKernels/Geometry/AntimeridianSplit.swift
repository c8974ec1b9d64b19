extension MultiPolygon {
    /// The polygons, in longitude and latitude, cut along the antimeridian as RFC 7946 (§3.1.9)
    /// asks: a polygon with an edge that jumps more than 180° of longitude crosses it. Such a
    /// polygon is laid out on 0…360° and cut at 180° into the part west of the line and the part
    /// east of it (shifted a turn back, to −180…). Each ring is cut on its own (Sutherland–Hodgman),
    /// which for a ring that meets the line more than twice leaves edges of no width along it.
    /// Polygons that do not cross the line are kept as they are, and a polygon around a pole,
    /// whose longitudes cover the whole circle, cannot be cut this way and is kept too.
    public func splitAtAntimeridian() -> MultiPolygon {
        MultiPolygon(polygons.flatMap { polygon -> [Polygon] in
            let rings = [polygon.exterior] + polygon.holes
            guard rings.contains(where: Self.jumpsAcrossAntimeridian) else { return [polygon] }
            let unwrapped = rings.map { Ring($0.points.map { SIMD2($0.x < 0 ? $0.x + 360 : $0.x, $0.y) }) }
            guard let west = unwrapped.flatMap(\.points).map(\.x).min(), let east = unwrapped.flatMap(\.points).map(\.x).max(),
                  east - west < 180 else { return [polygon] }
            return [(SIMD2(0.0, -90.0), SIMD2(180.0, 90.0), 0.0), (SIMD2(180.0, -90.0), SIMD2(360.0, 90.0), -360.0)].compactMap { lower, upper, shift in
                let cut = unwrapped.map { clip($0.points, lower, upper).map { SIMD2($0.x + shift, $0.y) } }
                guard let exterior = cut.first, exterior.count >= 3 else { return nil }
                return Polygon(exterior: Ring(exterior), holes: cut.dropFirst().filter { $0.count >= 3 }.map { Ring($0) })
            }
        })
    }

    private static func jumpsAcrossAntimeridian(_ ring: Ring) -> Bool {
        zip(ring.points, ring.points.dropFirst() + ring.points.prefix(1)).contains { abs($0.x - $1.x) > 180 }
    }
}
