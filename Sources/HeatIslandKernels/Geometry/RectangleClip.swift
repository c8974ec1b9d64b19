extension MultiPolygon {
    /// The area of the part of the polygons inside an axis-aligned rectangle. Each ring is clipped
    /// to the rectangle on its own (Sutherland–Hodgman, exact for a convex clip region) and holes
    /// subtract, so the result is the area of the polygons' intersection with the rectangle.
    /// - Parameters:
    ///   - lower: The rectangle's lower-left corner.
    ///   - upper: Its upper-right corner.
    public func area(inside lower: SIMD2<Double>, _ upper: SIMD2<Double>) -> Double {
        polygons.reduce(0) { total, polygon in
            total + abs(Ring(clip(polygon.exterior.points, lower, upper)).signedArea)
                - polygon.holes.reduce(0) { $0 + abs(Ring(clip($1.points, lower, upper)).signedArea) }
        }
    }

    func clip(_ points: [SIMD2<Double>], _ lower: SIMD2<Double>, _ upper: SIMD2<Double>) -> [SIMD2<Double>] {
        // Each side of the rectangle as (axis, bound, keep-below): points with p[axis] on the kept
        // side stay, and edges crossing the side are cut where they cross it.
        var out = points
        for (axis, bound, below) in [(0, upper.x, true), (0, lower.x, false), (1, upper.y, true), (1, lower.y, false)] {
            guard let last = out.last else { return [] }
            let inside = { (p: SIMD2<Double>) in below ? p[axis] <= bound : p[axis] >= bound }
            var kept: [SIMD2<Double>] = []
            var previous = last
            for p in out {
                if inside(p) != inside(previous) {
                    let t = (bound - previous[axis]) / (p[axis] - previous[axis])
                    kept.append(previous + t * (p - previous))
                }
                if inside(p) { kept.append(p) }
                previous = p
            }
            out = kept
        }
        return out
    }
}
