extension MultiPolygon {
    /// Each part moved along x by the period, either way, when that makes it meet `range` and it
    /// did not meet it where it was: how districts given in longitudes of −180…180° are laid on a
    /// grid whose longitudes run 0…360° (a district across the antimeridian, cut in two there,
    /// comes together again). A part that meets `range` already, or meets no moved copy, stays.
    /// - Parameters:
    ///   - period: The period of x (360 for longitudes in degrees).
    ///   - range: The x-range to meet (a raster's longitudes).
    public func shiftingParts(by period: Double, toMeet range: ClosedRange<Double>) -> MultiPolygon {
        MultiPolygon(polygons.map { part in
            let xs = part.exterior.points.map(\.x)
            guard let lo = xs.min(), let hi = xs.max() else { return part }
            func overlap(_ shift: Double) -> Double {
                min(hi + shift, range.upperBound) - max(lo + shift, range.lowerBound)
            }
            guard overlap(0) < 0, let shift = [period, -period].filter({ overlap($0) >= 0 }).max(by: { overlap($0) < overlap($1) }) else {
                return part
            }
            let move = { (ring: Ring) in Ring(ring.points.map { SIMD2($0.x + shift, $0.y) }) }
            return Polygon(exterior: move(part.exterior), holes: part.holes.map(move))
        })
    }
}
