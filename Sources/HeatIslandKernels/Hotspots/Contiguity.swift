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
            for j in grid.candidates(of: i) where segments[j].zone != s.zone {
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

/// A uniform grid of cells about half as long as a typical segment, holding each segment (widened by a
/// padding) in the cells along it: finding the segments near one reads a few cells per cell of its
/// length. Cells are keyed by their integer coordinates, so a stray zone far from the others adds
/// cells there instead of coarsening the grid for everyone (sized from the extent, one 1 m square
/// 20 km away put a whole city into one cell: 0.7 s became 225 s on 2 500 squares).
private struct SegmentGrid {
    private let cell: Double
    private let padding: Double
    /// Segments by cell, the cell's column and row packed into one integer (both are clamped to
    /// ±2³⁰, so the packing is one to one).
    private var buckets: [Int: [Int]] = [:]
    /// Each segment's cells, kept from filling the buckets for finding its candidates.
    private var cells: [[Int]] = []

    init(_ segments: [(SIMD2<Double>, SIMD2<Double>)], padding: Double) {
        self.padding = padding
        let lengths = segments.map { (a, b) in ((b - a) * (b - a)).sum().squareRoot() }.sorted()
        let median = lengths.isEmpty ? 1 : lengths[lengths.count / 2]
        // Never finer than the padding, so that a padded piece falls into at most 3 × 3 cells.
        cell = max(median / 2, 2 * padding, 1e-9)
        cells = segments.map { keys($0.0, $0.1) }
        for (k, keys) in cells.enumerated() {
            for key in keys { buckets[key, default: []].append(k) }
        }
    }

    /// The cells within the padding of a–b: the segment cut into pieces no longer than a cell, each
    /// piece's padded bounding box (at most 3 × 3 cells, 2 × 1 for most).
    private func keys(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> [Int] {
        let length = ((b - a) * (b - a)).sum().squareRoot()
        let pieces = max(1, Int(min(length / cell, 1e7).rounded(.up)))
        // Clamped before conversion: a coordinate of 1e300 in cells is beyond any integer.
        func index(_ v: Double) -> Int { Int(max(-0x1p30, min(0x1p30, (v / cell).rounded(.down)))) }
        // Consecutive pieces share cells: a short list searched from its end dedupes them faster
        // than a set.
        var keys: [Int] = []
        var start = a
        for k in 1...pieces {
            let end = k == pieces ? b : a + (b - a) * (Double(k) / Double(pieces))
            let (lower, upper) = (pointwiseMin(start, end) - padding, pointwiseMax(start, end) + padding)
            start = end
            guard lower.x.isFinite, lower.y.isFinite, upper.x.isFinite, upper.y.isFinite else { continue }
            for x in index(lower.x)...index(upper.x) {
                for y in index(lower.y)...index(upper.y) {
                    let key = x << 32 | Int(UInt32(truncatingIfNeeded: y))
                    if !keys.suffix(9).contains(key) { keys.append(key) }
                }
            }
        }
        return keys
    }

    /// The segments sharing a cell with segment `k` (padded), each once, `k` included.
    func candidates(of k: Int) -> [Int] {
        var found: [Int] = []
        for key in cells[k] { found += buckets[key] ?? [] }
        found.sort()
        var unique = 0
        for i in found.indices where i == 0 || found[i] != found[i - 1] {
            found[unique] = found[i]
            unique += 1
        }
        return Array(found[..<unique])
    }
}
