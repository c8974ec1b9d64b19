/// A closed ring of vertices in map coordinates (the closing vertex may be repeated or not).
public struct Ring: Sendable, Hashable {
    /// The vertices, `x` east and `y` north in the raster's CRS.
    public var points: [SIMD2<Double>]

    /// Creates a ring.
    /// - Parameter points: The vertices.
    public init(_ points: [SIMD2<Double>]) {
        self.points = points
    }

    /// The signed area by the shoelace formula: positive when counter-clockwise.
    ///
    /// Vertices are taken relative to the first: in map coordinates (x near 450 000 m, y near
    /// 100 000 m) each product is about 4.5e10 and rounds by 1e-5, which left a 0.12 m² zone's area
    /// 7e-5 off; relative to a vertex the products are of the ring's own size.
    public var signedArea: Double {
        guard points.count >= 3 else { return 0 }
        let origin = points[0]
        var twice = 0.0
        var previous = points[points.count - 1] - origin
        for point in points {
            let p = point - origin
            twice += previous.x * p.y - p.x * previous.y
            previous = p
        }
        return twice / 2
    }
}

/// A polygon: one exterior ring and any number of holes.
public struct Polygon: Sendable, Hashable {
    /// The outer boundary.
    public var exterior: Ring
    /// Holes cut out of the exterior.
    public var holes: [Ring]

    /// Creates a polygon.
    /// - Parameters:
    ///   - exterior: The outer boundary.
    ///   - holes: Holes inside it.
    public init(exterior: Ring, holes: [Ring] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// The area, exterior minus holes, whatever the winding of the rings.
    public var area: Double { abs(exterior.signedArea) - holes.reduce(0) { $0 + abs($1.signedArea) } }
}

/// One or more polygons that together form a zone.
public struct MultiPolygon: Sendable, Hashable {
    /// The parts.
    public var polygons: [Polygon]

    /// Creates a multipolygon.
    /// - Parameter polygons: The parts.
    public init(_ polygons: [Polygon]) {
        self.polygons = polygons
    }

    /// The area of all parts.
    public var area: Double { polygons.reduce(0) { $0 + $1.area } }

    /// The area-weighted centroid of all parts (holes subtracted), or `nil` for zero area.
    public var centroid: SIMD2<Double>? {
        var weighted = SIMD2<Double>(0, 0)
        var total = 0.0
        for polygon in polygons {
            for (index, ring) in ([polygon.exterior] + polygon.holes).enumerated() {
                let points = ring.points
                guard points.count >= 3 else { continue }
                // Shoelace terms relative to the first vertex keep large coordinates precise.
                let origin = points[0]
                var a = 0.0
                var c = SIMD2<Double>(0, 0)
                var previous = points[points.count - 1] - origin
                for p in points {
                    let q = p - origin
                    let cross = previous.x * q.y - q.x * previous.y
                    a += cross
                    c += (previous + q) * cross
                    previous = q
                }
                guard a != 0 else { continue }
                // A ring's centroid, c / 3a, is the same whichever way it winds (both flip sign);
                // its weight is its unsigned area, added for an exterior and taken off for a hole.
                // (Signed by winding, a GeoJSON hole, wound against its exterior, had been added.)
                let area = abs(a) / 2 * (index == 0 ? 1 : -1)
                weighted += (origin + c / (3 * a)) * area
                total += area
            }
        }
        return total != 0 ? weighted / total : nil
    }

    /// The bounding box `(min, max)`, or `nil` when there are no vertices.
    public var bounds: (min: SIMD2<Double>, max: SIMD2<Double>)? {
        var lo = SIMD2(Double.infinity, .infinity), hi = -lo
        for p in polygons.lazy.flatMap(\.exterior.points) {
            lo = pointwiseMin(lo, p)
            hi = pointwiseMax(hi, p)
        }
        return lo.x <= hi.x ? (lo, hi) : nil
    }
}
