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
        let threshold = rookLengthFactor * tol
        let segments = boundarySegments(zones)
        let grid = SegmentGrid(segments.map { ($0.a, $0.b) }, padding: tol)
        // Segments come zone by zone, so a zone's neighbours are gathered while its segments go by,
        // in arrays indexed by zone and stamped with the zone being gathered: hashing sets and
        // dictionaries per segment had taken nine tenths of the time.
        var result = [[Int]](repeating: [], count: zones.count)
        var owner = [Int](repeating: -1, count: zones.count)
        var slot = [Int](repeating: 0, count: zones.count)
        var found: [(zone: Int, shared: Double)] = []
        var parts: [(zone: Int, low: Double, high: Double)] = []
        var seen = [Int](repeating: -1, count: segments.count)
        var first = 0
        while first < segments.count {
            let z = segments[first].zone
            var end = first
            while end < segments.count && segments[end].zone == z { end += 1 }
            found.removeAll(keepingCapacity: true)
            for i in first..<end {
                let s = segments[i]
                parts.removeAll(keepingCapacity: true)
                grid.forEachCandidate(of: i, seen: &seen) { j in
                    let t = segments[j]
                    guard t.zone != z, let part = withinBand(of: t.a, t.b, width: tol, along: s.a, s.b) else { return }
                    if owner[t.zone] != z {
                        (owner[t.zone], slot[t.zone]) = (z, found.count)
                        found.append((t.zone, 0))
                    }
                    if rook { parts.append((t.zone, part.0, part.1)) }
                }
                guard !parts.isEmpty else { continue }
                let length = ((s.b - s.a) * (s.b - s.a)).sum().squareRoot()
                forEachUnion(of: &parts) { zone, covered in found[slot[zone]].shared += covered * length }
            }
            result[z] = rook ? found.filter { $0.shared > threshold }.map(\.zone) : found.map(\.zone)
            first = end
        }
        return result
    }

    /// Calls `body` once per zone among `parts` with the total length of the union of that zone's
    /// intervals (sorting `parts` on the way).
    private static func forEachUnion(of parts: inout [(zone: Int, low: Double, high: Double)], _ body: (Int, Double) -> Void) {
        parts.sort { ($0.zone, $0.low) < ($1.zone, $1.low) }
        var k = 0
        while k < parts.count {
            let zone = parts[k].zone
            var total = 0.0, reached = -Double.infinity
            while k < parts.count && parts[k].zone == zone {
                let start = max(parts[k].low, reached)
                if parts[k].high > start { total += parts[k].high - start }
                reached = max(reached, parts[k].high)
                k += 1
            }
            body(zone, total)
        }
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
}

/// A uniform grid of cells about half as long as a typical segment, holding each segment (widened by a
/// padding) in the cells along it: finding the segments near one reads a few cells per cell of its
/// length. Cells are keyed by their integer coordinates, so a stray zone far from the others adds
/// cells there instead of coarsening the grid for everyone (sized from the extent, one 1 m square
/// 20 km away put a whole city into one cell: 0.7 s became 225 s on 2 500 squares).
private struct SegmentGrid {
    /// Each segment's cells, as dense cell numbers: those of segment k at
    /// `segmentCells[segmentCellStart[k]..<segmentCellStart[k + 1]]`.
    private let segmentCells: [Int32]
    private let segmentCellStart: [Int]
    /// The segments in each cell: those of cell c at `cellSegments[cellStart[c]..<cellStart[c + 1]]`.
    private let cellSegments: [Int32]
    private let cellStart: [Int]

    init(_ segments: [(SIMD2<Double>, SIMD2<Double>)], padding: Double) {
        let lengths = segments.map { (a, b) in ((b - a) * (b - a)).sum().squareRoot() }.sorted()
        let median = lengths.isEmpty ? 1 : lengths[lengths.count / 2]
        // Never finer than the padding, so that a padded piece falls into at most 3 × 3 cells.
        let cell = max(median / 2, 2 * padding, 1e-9)
        var keys: [Int] = []
        var keyStart = [0]
        keyStart.reserveCapacity(segments.count + 1)
        for (a, b) in segments {
            Self.appendKeys(a, b, cell: cell, padding: padding, to: &keys)
            keyStart.append(keys.count)
        }
        // Cells are numbered in the order they first appear, then the segments are sorted into
        // their cells by counting.
        var number = CellNumbers(capacity: keys.count)
        let cellOfKey = keys.map { number.of($0) }
        var start = [Int](repeating: 0, count: number.count + 1)
        for n in cellOfKey { start[Int(n) + 1] += 1 }
        for c in 0..<number.count { start[c + 1] += start[c] }
        var next = start
        var members = [Int32](repeating: 0, count: keys.count)
        for k in segments.indices {
            for n in keyStart[k]..<keyStart[k + 1] {
                let c = Int(cellOfKey[n])
                members[next[c]] = Int32(k)
                next[c] += 1
            }
        }
        (segmentCells, segmentCellStart, cellSegments, cellStart) = (cellOfKey, keyStart, members, start)
    }

    /// Appends the cells within the padding of a–b: the segment cut into pieces no longer than a
    /// cell, each piece's padded bounding box (at most 3 × 3 cells, 2 × 1 for most).
    private static func appendKeys(_ a: SIMD2<Double>, _ b: SIMD2<Double>, cell: Double, padding: Double, to keys: inout [Int]) {
        let length = ((b - a) * (b - a)).sum().squareRoot()
        let pieces = max(1, GridIndex.clamped(length / cell, .up, to: 0...10_000_000))
        // Clamped before conversion: a coordinate of 1e300 in cells is beyond any integer.
        func index(_ v: Double) -> Int { GridIndex.clamped(v / cell, .down, to: -(1 << 30)...(1 << 30)) }
        // Consecutive pieces share cells: the segment's last few keys, searched from the end,
        // dedupe them faster than a set.
        let first = keys.count
        var start = a
        for k in 1...pieces {
            let end = k == pieces ? b : a + (b - a) * (Double(k) / Double(pieces))
            let (lower, upper) = (pointwiseMin(start, end) - padding, pointwiseMax(start, end) + padding)
            start = end
            guard lower.x.isFinite, lower.y.isFinite, upper.x.isFinite, upper.y.isFinite else { continue }
            for x in index(lower.x)...index(upper.x) {
                for y in index(lower.y)...index(upper.y) {
                    let key = x << 32 | Int(UInt32(truncatingIfNeeded: y))
                    if !keys[max(first, keys.count - 9)...].contains(key) { keys.append(key) }
                }
            }
        }
    }

    /// Calls `body` once with every segment sharing a cell with segment `k` (padded), `k`
    /// included. `seen` holds, per segment, the last `k` that reached it (start with −1 each).
    func forEachCandidate(of k: Int, seen: inout [Int], _ body: (Int) -> Void) {
        for n in segmentCellStart[k]..<segmentCellStart[k + 1] {
            let c = Int(segmentCells[n])
            for m in cellStart[c]..<cellStart[c + 1] {
                let j = Int(cellSegments[m])
                if seen[j] != k {
                    seen[j] = k
                    body(j)
                }
            }
        }
    }
}

/// Dense numbers for cell keys, in the order they first appear: an open-addressing table with linear
/// probing. Swift's `Dictionary`, with its seeded SipHash, took a third of the time of
/// finding neighbours.
private struct CellNumbers {
    private var keys: [Int]
    private var numbers: [Int32]
    private(set) var count = 0
    /// Never a key: keys pack a column and a row of at most 2³⁰ in magnitude.
    private static let empty = Int.min

    /// A table for up to `capacity` distinct keys, at most half full.
    init(capacity: Int) {
        let bits = max(4, Int.bitWidth - (2 * max(capacity, 1) - 1).leadingZeroBitCount)
        keys = [Int](repeating: Self.empty, count: 1 << bits)
        numbers = [Int32](repeating: 0, count: 1 << bits)
    }

    /// The number of `key`, given the next number when it is new.
    mutating func of(_ key: Int) -> Int32 {
        let mask = keys.count - 1
        // Rows of one column land in consecutive slots: segments come in boundary order, so most
        // lookups land beside the previous one, in cache.
        var i = ((key >> 32) &* -7_046_029_254_386_353_131 &+ key) & mask
        while true {
            if keys[i] == key { return numbers[i] }
            if keys[i] == Self.empty {
                (keys[i], numbers[i]) = (key, Int32(count))
                count += 1
                return numbers[i]
            }
            i = (i + 1) & mask
        }
    }
}
