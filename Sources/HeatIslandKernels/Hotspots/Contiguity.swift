/// Queen and rook contiguity measured on the zones' boundary segments rather than their vertices,
/// so that a boundary the two sides digitised with different vertices (a T-junction), a gap or an
/// overlap within the tolerance, and a ring's closing vertex do not change who neighbours whom.
///
/// Each segment is compared with the segments of other zones that come within the tolerance of
/// it: the part of the segment inside that band (a capsule around the other segment) is one
/// interval of the segment. Zones are queen neighbours when any such part exists, and rook
/// neighbours when the parts of one zone's boundary near the other add up to more than
/// ``rookLengthFactor`` times the tolerance: a corner touch gives about twice the tolerance.
enum Contiguity {
    /// How many tolerances of shared boundary make a rook link.
    static let rookLengthFactor = 10.0

    private struct Segment {
        let zone: Int
        let a: SIMD2<Double>
        let b: SIMD2<Double>
    }

    /// For every zone, the zones it touches (unsorted, without itself; symmetric up to the rook
    /// length measured from either side).
    static func neighbours(_ zones: [MultiPolygon], rook: Bool, tolerance: Double) -> [[Int]] {
        // A relative allowance so that a gap of exactly the tolerance, which floating point may
        // make a hair wider, still counts.
        let tol = max(tolerance, 0) * (1 + 1e-9) + 1e-12
        let segments = boundarySegments(zones)
        let grid = SegmentGrid(segments.map { ($0.a, $0.b) }, padding: tol)
        var touching = [Set<Int>](repeating: [], count: zones.count)
        var shared = [[Int: Double]](repeating: [:], count: zones.count)
        var intervals: [Int: [(Double, Double)]] = [:]
        for (i, s) in segments.enumerated() {
            intervals.removeAll(keepingCapacity: true)
            for j in grid.candidates(near: s.a, s.b) where segments[j].zone != s.zone {
                let t = segments[j]
                guard let part = withinBand(of: t.a, t.b, width: tol, along: s.a, s.b) else { continue }
                touching[s.zone].insert(t.zone)
                if rook { intervals[t.zone, default: []].append(part) }
            }
            let length = ((s.b - s.a) * (s.b - s.a)).sum().squareRoot()
            for (zone, parts) in intervals {
                shared[s.zone][zone, default: 0] += covered(parts) * length
            }
        }
        guard rook else { return touching.map(Array.init) }
        let threshold = rookLengthFactor * tol
        return shared.map { $0.filter { $0.value > threshold }.map(\.key) }
    }

    private static func boundarySegments(_ zones: [MultiPolygon]) -> [Segment] {
        var segments: [Segment] = []
        for (z, zone) in zones.enumerated() {
            for polygon in zone.polygons {
                for ring in [polygon.exterior] + polygon.holes {
                    let p = ring.points
                    guard p.count > 1 else { continue }
                    // Closed or not, every edge once, the closing one included; repeated vertices
                    // make no edge, nor do edges whose squared length overflows (coordinates near
                    // 1e300), which would make every other segment seem to touch them.
                    for k in p.indices {
                        let (a, b) = (p[k], p[(k + 1) % p.count])
                        if a != b, ((b - a) * (b - a)).sum().isFinite { segments.append(Segment(zone: z, a: a, b: b)) }
                    }
                }
            }
        }
        return segments
    }

    /// The parameters u ∈ [0, 1] of a + u·(b − a) within `width` of the segment c–d: the
    /// intersection of a line with a capsule (a rectangle along c–d and a disc at each end), one
    /// interval since the capsule is convex.
    static func withinBand(of c: SIMD2<Double>, _ d: SIMD2<Double>, width: Double, along a: SIMD2<Double>, _ b: SIMD2<Double>) -> (Double, Double)? {
        let direction = b - a
        var lo = Double.infinity, hi = -Double.infinity
        func include(_ interval: (Double, Double)?) {
            guard let (l, h) = interval, l <= h else { return }
            (lo, hi) = (min(lo, l), max(hi, h))
        }
        include(disc(c, width, a, direction))
        include(disc(d, width, a, direction))
        let axis = d - c
        let length = (axis * axis).sum().squareRoot()
        if length > 0 {
            let unit = axis / length
            let start = a - c
            // Along and across the other segment, both affine in u.
            let along = ((start * unit).sum(), (direction * unit).sum())
            let across = (start.x * unit.y - start.y * unit.x, direction.x * unit.y - direction.y * unit.x)
            include(slab(along, 0, length).flatMap { first in
                slab(across, -width, width).map { (max(first.0, $0.0), min(first.1, $0.1)) }
            })
        }
        let (l, h) = (max(lo, 0), min(hi, 1))
        return l <= h ? (l, h) : nil
    }

    /// u with low ≤ value.0 + u·value.1 ≤ high.
    private static func slab(_ value: (Double, Double), _ low: Double, _ high: Double) -> (Double, Double)? {
        let (v, dv) = value
        if dv == 0 { return (low...high).contains(v) ? (-.infinity, .infinity) : nil }
        let (u0, u1) = ((low - v) / dv, (high - v) / dv)
        return (min(u0, u1), max(u0, u1))
    }

    /// u with |a + u·direction − centre| ≤ radius.
    private static func disc(_ centre: SIMD2<Double>, _ radius: Double, _ a: SIMD2<Double>, _ direction: SIMD2<Double>) -> (Double, Double)? {
        let f = a - centre
        let qa = (direction * direction).sum(), qb = 2 * (f * direction).sum(), qc = (f * f).sum() - radius * radius
        guard qa > 0 else { return qc <= 0 ? (-.infinity, .infinity) : nil }
        let discriminant = qb * qb - 4 * qa * qc
        guard discriminant >= 0 else { return nil }
        let root = discriminant.squareRoot()
        return ((-qb - root) / (2 * qa), (-qb + root) / (2 * qa))
    }

    /// The total length of a union of intervals.
    private static func covered(_ parts: [(Double, Double)]) -> Double {
        var total = 0.0, end = -Double.infinity
        for (l, h) in parts.sorted(by: { $0.0 < $1.0 }) {
            let start = max(l, end)
            if h > start { total += h - start }
            end = max(end, h)
        }
        return total
    }
}

/// A uniform grid over segments (their bounding boxes widened by a padding), sized so that a cell
/// holds a few segments on average: finding the segments near one reads a handful of cells.
private struct SegmentGrid {
    private let origin: SIMD2<Double>
    private let cell: Double
    private let columns: Int
    private let rows: Int
    private var buckets: [Int: [Int]] = [:]
    private let padding: Double

    init(_ segments: [(SIMD2<Double>, SIMD2<Double>)], padding: Double) {
        self.padding = padding
        var lower = SIMD2(repeating: Double.infinity), upper = SIMD2(repeating: -Double.infinity)
        for (a, b) in segments {
            lower = pointwiseMin(lower, pointwiseMin(a, b))
            upper = pointwiseMax(upper, pointwiseMax(a, b))
        }
        if segments.isEmpty { (lower, upper) = (.zero, .zero) }
        origin = lower - padding
        let extent = upper - lower + 2 * padding
        // About one segment a cell, but never finer than the padding, nor so fine that a segment
        // across the whole extent falls into more than 256 × 256 cells.
        let spacing = (extent.x * extent.y / Double(max(1, segments.count))).squareRoot()
        cell = max(spacing, 2 * padding, max(extent.x, extent.y) / 256, 1e-9)
        // Coordinates near Double's limit make the extent infinite: one cell then holds everything.
        func count(_ v: Double) -> Int { v.isFinite ? max(1, min(1 << 10, Int(v.rounded(.up)))) : 1 }
        columns = count(extent.x / cell)
        rows = count(extent.y / cell)
        for (k, (a, b)) in segments.enumerated() {
            for key in keys(a, b) { buckets[key, default: []].append(k) }
        }
    }

    private func keys(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> [Int] {
        let lower = (pointwiseMin(a, b) - padding - origin) / cell, upper = (pointwiseMax(a, b) + padding - origin) / cell
        let (x0, x1) = (clamp(lower.x, columns), clamp(upper.x, columns))
        let (y0, y1) = (clamp(lower.y, rows), clamp(upper.y, rows))
        return (y0...y1).flatMap { y in (x0...x1).map { y * columns + $0 } }
    }

    private func clamp(_ v: Double, _ count: Int) -> Int {
        v.isFinite ? min(count - 1, max(0, Int(v.rounded(.down)))) : 0
    }

    /// The segments whose padded boxes share a cell with the padded box of a–b, each once.
    func candidates(near a: SIMD2<Double>, _ b: SIMD2<Double>) -> [Int] {
        let keys = keys(a, b)
        if keys.count == 1 { return buckets[keys[0]] ?? [] }
        return Array(Set(keys.flatMap { buckets[$0] ?? [] }))
    }
}
