import Foundation
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Gi* on cells against a brute-force double loop written here from the formula; FDR, classes and
/// contiguity on hand-worked cases.
struct RasterGiStarTests {
    /// A field with a hot blob, noise from a fixed LCG, NaN holes scattered left of `holesBefore`
    /// and a block of NaN in the lower left corner.
    struct Field {
        let width: Int
        let height: Int
        let values: [Float]

        init(width: Int, height: Int, holesBefore: Int = .max) {
            (self.width, self.height) = (width, height)
            values = (0..<(width * height)).map { i in
                let (x, y) = (Double(i % width), Double(i / width))
                if (i % 29 == 7 && i % width < holesBefore) || (x < 2 && y > 14) { return .nan }
                let noise = Double((i &* 1103515245 &+ 12345) % 1000) / 1000
                return Float(25 + 8 * exp(-((x - 15) * (x - 15) + (y - 6) * (y - 6)) / 12) + noise)
            }
        }
    }

    /// 23 × 17: a few rows more than one band of ``FocalSums``.
    static let small = Field(width: 23, height: 17)
    /// 300 × 41: two tiles of columns (the second not a multiple of eight wide) and three bands.
    static let wide = Field(width: 300, height: 41)
    /// 600 × 41, holes only in the first 200 columns: the middle tile of columns sees no missing
    /// cell and no raster edge within a circle's reach, the tiles either side do.
    static let partlyFull = Field(width: 600, height: 41, holesBefore: 200)

    /// 40 × 300: chunks of rows several bands tall, so each band continues the last one's sums.
    static let tall = Field(width: 40, height: 300)

    /// Gi* straight from its definition, every neighbour within `reach` rows and columns visited
    /// (``FocalStatisticsTests/direct(_:reach:_:)``), all in Double.
    func bruteForce(_ field: Field = small, reach: Int = 30, _ inside: (Int, Int) -> Bool) -> [Double] {
        let valid = field.values.filter(\.isFinite).map(Double.init)
        let n = Double(valid.count)
        let mean = valid.reduce(0, +) / n
        // S² = Σx²/n − X̄², summed as Σ(x − X̄)²/n (the same value) so that the reference itself
        // does not lose digits to cancellation on larger fields.
        let s = (valid.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        let (sums, counts) = FocalStatisticsTests.direct(field, reach: reach, inside)
        return field.values.indices.map { i in
            guard field.values[i].isFinite else { return .nan }
            let (sum, w) = (sums[i], counts[i])
            return (sum - mean * w) / (s * ((n * w - w * w) / (n - 1)).squareRoot())
        }
    }

    /// The Double z-scores; the Float ones, which maps are written from, must be them rounded.
    func fast(_ neighbourhood: FocalNeighbourhood, _ field: Field = small) -> [Double] {
        var z = [Double](repeating: 0, count: field.values.count)
        var single = [Float](repeating: 0, count: field.values.count)
        field.values.withUnsafeBufferPointer { v in
            z.withUnsafeMutableBufferPointer { out in
                _ = RasterGiStar.compute(v, width: field.width, height: field.height, neighbourhood: neighbourhood, into: out)
            }
            single.withUnsafeMutableBufferPointer { out in
                _ = RasterGiStar.compute(v, width: field.width, height: field.height, neighbourhood: neighbourhood, into: out)
            }
        }
        let misrounded = zip(z, single).filter { !($0.isNaN && $1.isNaN) && Float($0) != $1 }.count
        #expect(misrounded == 0, "\(misrounded) Float z-scores are not the Double ones rounded")
        return z
    }

    /// The rows form of the kernel reports once per band of rows from each core's chunk, one report
    /// at a time: the fractions rise to 1 and the z-scores are those of a run without reports. A
    /// report answered `false` is the last one, and the kernel returns without finishing.
    @Test func progressRisesToOneAndAStopIsTheLastReport() {
        // Tall enough that the cores' bands after a stop (16 rows each) cannot cover it all.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let field = cores * 16 < Self.tall.height / 2 ? Self.tall : Field(width: 40, height: cores * 32)
        let hood = FocalNeighbourhood(shape: .circle, radiusCells: 3)
        let moments = field.values.withUnsafeBufferPointer { GlobalMoments($0) }
        func run(_ answer: Bool) -> (reports: [Double], z: [Float]) {
            let recorder = ProgressRecorder()
            let report = recorder.handler
            var z = [Float](repeating: Self.unwritten, count: field.values.count)
            field.values.withUnsafeBufferPointer { v in
                z.withUnsafeMutableBufferPointer { out in
                    RasterGiStar.compute(v, width: field.width, height: field.height, rows: 0..<field.height, neighbourhood: hood,
                                         moments: moments, into: out, progress: { report($0); return answer })
                }
            }
            return (recorder.fractions, z)
        }
        let (reports, z) = run(true)
        // Bands hold at most 16 rows, so h rows give at least h / 16 reports, whatever the chunks.
        #expect(reports == reports.sorted() && reports.last == 1 && reports.count >= field.height / 16, "\(reports)")
        let plain = fast(hood, field)
        #expect(zip(z, plain).allSatisfy { ($0.isNaN && $1.isNaN) || $0 == Float($1) })
        let stopped = run(false)
        #expect(stopped.reports.count == 1 && stopped.reports[0] < 1)
        // Each core finishes the band it is on and starts no other: the chunks that had not begun
        // (8 on 2 cores) each used to compute one band after the stop.
        let written = (0..<field.height).filter { y in stopped.z[(y * field.width)..<((y + 1) * field.width)].contains { $0 != Self.unwritten } }
        #expect(written.count <= cores * 16 && written.count < field.height, "\(written.count) rows written")
    }

    /// A value no z-score takes, to tell the rows a stopped kernel left alone.
    static let unwritten: Float = 1e30

    /// Equal to 1e-9 where both are numbers, and NaN in the same cells: a cell that is NaN on one
    /// side only counts as an infinite difference (`max()` passes over NaN).
    func expectEqual(_ a: [Double], _ b: [Double]) {
        #expect(a.count == b.count)
        let worst = zip(a, b).map { $0.isNaN && $1.isNaN ? 0 : $0.isNaN || $1.isNaN ? .infinity : abs($0 - $1) }.max() ?? .nan
        #expect(worst < 1e-9, "largest difference \(worst)")
    }

    /// Radius 20 is summed as a core square plus caps, the others row by row.
    @Test(arguments: [2.5, 9.0, 12.0, 20.0])
    func circleAcrossTilesAndBandsMatchesBruteForce(_ r: Double) {
        let field = Self.wide
        expectEqual(fast(FocalNeighbourhood(shape: .circle, radiusCells: r), field),
                    bruteForce(field, reach: Int(r)) { dx, dy in Double(dx * dx + dy * dy) <= r * r })
    }

    @Test(arguments: [2.5, 9.0, 12.0, 20.0])
    func circleOverTilesWithoutMissingCellsMatchesBruteForce(_ r: Double) {
        let field = Self.partlyFull
        expectEqual(fast(FocalNeighbourhood(shape: .circle, radiusCells: r), field),
                    bruteForce(field, reach: Int(r)) { dx, dy in Double(dx * dx + dy * dy) <= r * r })
    }

    @Test func squareAcrossBandsMatchesBruteForce() {
        let field = Self.wide
        expectEqual(fast(FocalNeighbourhood(shape: .square, radiusCells: 4), field),
                    bruteForce(field, reach: 4) { dx, dy in abs(dx) <= 4 && abs(dy) <= 4 })
    }

    @Test(arguments: [1.0, 2.5, 5.0, 7.9])
    func circleInCellsMatchesBruteForce(_ r: Double) {
        expectEqual(fast(FocalNeighbourhood(shape: .circle, radiusCells: r)), bruteForce { dx, dy in Double(dx * dx + dy * dy) <= r * r })
    }

    /// The small field's missing cells, counted by hand: `i % 29 == 7` for i = 7, 36, …, 384 (14
    /// cells) and the block x < 2, y > 14 (indices 345, 346, 368, 369; none of them ≡ 7 mod 29).
    /// Every other cell has a z-score: no neighbourhood this small holds every valid cell.
    @Test(arguments: [1.0, 7.9])
    func exactlyTheMissingCellsHaveNoZ(_ r: Double) {
        let z = fast(FocalNeighbourhood(shape: .circle, radiusCells: r))
        let missing = z.indices.filter { z[$0].isNaN }
        #expect(missing.count == 18)
        #expect(missing == (Array(stride(from: 7, through: 384, by: 29)) + [345, 346, 368, 369]).sorted())
    }

    @Test(arguments: [1, 3, 6])
    func squareMatchesBruteForce(_ r: Int) {
        expectEqual(fast(FocalNeighbourhood(shape: .square, radiusCells: Double(r))), bruteForce { dx, dy in abs(dx) <= r && abs(dy) <= r })
    }

    @Test func circleInMetresOnNonSquarePixels() throws {
        // 30 m × 20 m cells, radius 75 m: (30·dx)² + (20·dy)² ≤ 75².
        let n = try #require(FocalNeighbourhood(shape: .circle, radius: 75, pixelWidth: 30, pixelHeight: -20))
        #expect(n.rowRadius == 3 && n.halfWidths == [1, 2, 2, 2, 2, 2, 1])
        expectEqual(fast(n), bruteForce { dx, dy in Double(900 * dx * dx + 400 * dy * dy) <= 75 * 75 })
    }

    @Test(arguments: [5.0, 12.0, 20.0])
    func circleOverManyBandsMatchesBruteForce(_ r: Double) {
        expectEqual(fast(FocalNeighbourhood(shape: .circle, radiusCells: r), Self.tall),
                    bruteForce(Self.tall, reach: Int(r)) { dx, dy in Double(dx * dx + dy * dy) <= r * r })
    }

    /// A core-and-caps circle far larger than the raster.
    @Test(arguments: [(1, 1), (5, 3), (3, 40), (40, 3)])
    func largeCircleOnTinyRastersMatchesBruteForce(_ size: (Int, Int)) {
        let field = Field(width: size.0, height: size.1)
        expectEqual(fast(FocalNeighbourhood(shape: .circle, radiusCells: 20), field),
                    bruteForce(field, reach: 20) { dx, dy in dx * dx + dy * dy <= 400 })
    }

    /// A cell side of 0, NaN or ∞ gave a neighbourhood of every column (2²⁰ each way) or none.
    @Test(arguments: [(0.0, 30.0), (30, 0), (.nan, 30), (30, .infinity)])
    func cellsOfNoSizeHaveNoNeighbourhood(_ side: (Double, Double)) {
        #expect(FocalNeighbourhood(shape: .circle, radius: 150, pixelWidth: side.0, pixelHeight: side.1) == nil)
    }

    @Test func largeEllipseInMetresMatchesBruteForce() throws {
        // 30 m × 20 m cells, radius 300 m: 15 rows either way, 10 columns; a core of ± 8 cells.
        let n = try #require(FocalNeighbourhood(shape: .circle, radius: 300, pixelWidth: 30, pixelHeight: 20))
        #expect(n.rowRadius == 15 && n.columnRadius == 10)
        expectEqual(fast(n, Self.wide), bruteForce(Self.wide, reach: 15) { dx, dy in 900 * dx * dx + 400 * dy * dy <= 300 * 300 })
    }

    @Test func neighbourhoodShapes() {
        // Radius 5 cells: offsets (3, 4) and (5, 0) lie exactly on the circle and are inside.
        let c = FocalNeighbourhood(shape: .circle, radiusCells: 5)
        #expect(c.halfWidth(rowOffset: 4) == 3 && c.halfWidth(rowOffset: 5) == 0 && c.halfWidth(rowOffset: 0) == 5)
        // 81 cells: rows ±0…±5 have half-widths 5, 4, 4, 4, 3, 0 → 11 + 2·(9 + 9 + 9 + 7 + 1).
        #expect(c.cellCount == 81)
        #expect(FocalNeighbourhood(shape: .square, radiusCells: 2).cellCount == 25)
    }
}

struct SignificanceTests {
    @Test func twoSidedPValues() {
        // Φ(1.959964) = 0.975 → p = 0.05; Φ(2.575829) = 0.995 → p = 0.01.
        #expect(abs(Significance.pValue(z: 1.959964) - 0.05) < 1e-6)
        #expect(abs(Significance.pValue(z: -2.575829) - 0.01) < 1e-6)
        #expect(Significance.pValue(z: 0) == 1)
    }

    @Test func benjaminiHochbergByHand() {
        // m = 10 sorted p-values. α = 0.05: k·0.005 admits p₁ = 0.001 and p₂ = 0.008 only → 0.008.
        // α = 0.10: k·0.01 admits p₁, p₂, p₅ = 0.042 ≤ 0.05 and p₆ = 0.06 ≤ 0.06 → 0.06.
        // α = 0.01: k·0.001 admits p₁ = 0.001 only → 0.001.
        let p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216]
        #expect(Significance.fdrCriticalValues(smallPValues: p.shuffled(), testCount: 10) == [0.06, 0.008, 0.001])
        #expect(Significance.fdrCriticalValues(smallPValues: [0.2], testCount: 10) == [0, 0, 0])
    }

    @Test func classes() {
        let plain = Significance.levels
        #expect(Significance.confidenceClass(z: 3, p: 0.0027, critical: plain) == 3)
        #expect(Significance.confidenceClass(z: -2.2, p: 0.028, critical: plain) == -2)
        #expect(Significance.confidenceClass(z: 1.7, p: 0.089, critical: plain) == 1)
        #expect(Significance.confidenceClass(z: 1.2, p: 0.23, critical: plain) == 0)
        // With FDR critical values [0.06, 0.008, 0.001], p = 0.028 is no longer 95 % but still 90 %.
        #expect(Significance.confidenceClass(z: -2.2, p: 0.028, critical: [0.06, 0.008, 0.001]) == -1)
    }
}

struct SpatialWeightsTests {
    /// A 3 × 3 chessboard of unit squares, numbered row by row from the top left.
    static let board: [MultiPolygon] = (0..<9).map { k in
        let (x, y) = (Double(k % 3), Double(2 - k / 3))
        return MultiPolygon([Polygon(exterior: Ring([SIMD2(x, y), SIMD2(x + 1, y), SIMD2(x + 1, y + 1), SIMD2(x, y + 1)]))])
    }

    @Test func queenAndRookOnAChessboard() {
        let queen = SpatialWeights.contiguity(Self.board, rook: false)
        let rook = SpatialWeights.contiguity(Self.board, rook: true)
        // Centre: 8 queen neighbours, 4 rook; corner 0: queen {1, 3, 4}, rook {1, 3}.
        #expect(queen.neighbours[4].count == 8 && rook.neighbours[4] == [1, 3, 5, 7])
        #expect(queen.neighbours[0] == [1, 3, 4] && rook.neighbours[0] == [1, 3])
    }

    /// Closed rings, as OGR gives them, each starting at a different corner: square 4's ring starts
    /// at the corner it shares with diagonal squares 0, 2, 6 or 8, which is a point, not an edge.
    @Test(arguments: 0..<4)
    func aClosedRingsStartingCornerIsNotAnEdge(_ start: Int) {
        let closed = Self.board.map { zone in
            let p = zone.polygons[0].exterior.points
            let rotated = Array(p[start...] + p[..<start])
            return MultiPolygon([Polygon(exterior: Ring(rotated + [rotated[0]]))])
        }
        let rook = SpatialWeights.contiguity(closed, rook: true)
        #expect(rook.neighbours[4] == [1, 3, 5, 7] && rook.neighbours[0] == [1, 3])
        #expect(SpatialWeights.contiguity(closed, rook: false).neighbours[4] == [0, 1, 2, 3, 5, 6, 7, 8])
    }

    /// A 2 × 1 rectangle on top of two unit squares shares an edge with each although its bottom
    /// edge has no vertex at x = 1; a 1 × 1 square shifted by half a unit shares no vertex at all.
    @Test func aTJunctionIsAnEdge() {
        func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> MultiPolygon {
            MultiPolygon([Polygon(exterior: Ring([SIMD2(x0, y0), SIMD2(x1, y0), SIMD2(x1, y1), SIMD2(x0, y1), SIMD2(x0, y0)]))])
        }
        let zones = [box(0, 0, 2, 1), box(0, -1, 1, 0), box(1, -1, 2, 0), box(0.5, 1, 1.5, 2)]
        let rook = SpatialWeights.contiguity(zones, rook: true)
        #expect(rook.neighbours == [[1, 2, 3], [0, 2], [0, 1], [0]])
        #expect(SpatialWeights.contiguity(zones, rook: false).neighbours == rook.neighbours)
    }

    /// Two 100 m squares overlapping by a 1 m strip share boundary along the strip's ends: rook
    /// neighbours. Two squares 5 mm apart touch within 1 cm, 2 cm apart do not.
    @Test func overlapsAndGapsWithinTheTolerance() {
        func square(_ x: Double) -> MultiPolygon {
            MultiPolygon([Polygon(exterior: Ring([SIMD2(x, 0), SIMD2(x + 100, 0), SIMD2(x + 100, 100), SIMD2(x, 100), SIMD2(x, 0)]))])
        }
        #expect(SpatialWeights.contiguity([square(0), square(99)], rook: true).neighbours == [[1], [0]])
        #expect(SpatialWeights.contiguity([square(0), square(100.005)], rook: true).neighbours == [[1], [0]])
        #expect(SpatialWeights.contiguity([square(0), square(100.02)], rook: false).neighbours == [[], []])
    }

    /// Coordinates near Double's limit (1e300) overflow the index's extent: the weights are still
    /// built, not a trap in converting an infinite cell count.
    @Test func coordinatesNearTheLimitOfDoubleAreHandled() {
        let far = MultiPolygon([Polygon(exterior: Ring([SIMD2(1e300, 1e300), SIMD2(1.5e300, 1e300), SIMD2(1.5e300, 1.5e300), SIMD2(1e300, 1e300)]))])
        let w = SpatialWeights.contiguity(Self.board + [far], rook: false)
        #expect(w.neighbours[9].isEmpty && w.neighbours[4].count == 8, "\(w.neighbours)")
    }

    @Test func toleranceBridgesTinyGaps() {
        // Shift the right column by 1 mm: still neighbours with a 1 cm tolerance, not with 0.1 mm.
        let moved = Self.board.enumerated().map { k, zone in
            k % 3 == 2 ? MultiPolygon(zone.polygons.map { Polygon(exterior: Ring($0.exterior.points.map { $0 + SIMD2(0.001, 0) })) }) : zone
        }
        #expect(SpatialWeights.contiguity(moved, rook: true, tolerance: 0.01).neighbours[1] == [0, 2, 4])
        #expect(SpatialWeights.contiguity(moved, rook: true, tolerance: 0.0001).neighbours[1] == [0, 4])
    }

    @Test func distanceBandAndNearest() {
        let centroids = Self.board.compactMap(\.centroid)
        // Centroids are 1 apart along rows and columns, √2 diagonally.
        #expect(centroids[4] == SIMD2(1.5, 1.5))
        #expect(SpatialWeights.distanceBand(centroids: centroids, distance: 1.0).neighbours[4] == [1, 3, 5, 7])
        #expect(SpatialWeights.distanceBand(centroids: centroids, distance: 1.5).neighbours[0] == [1, 3, 4])
        let knn = SpatialWeights.nearest(centroids: centroids, k: 2)
        #expect(knn.neighbours[0] == [1, 3] && knn.neighbours[4] == [1, 3])
        // More neighbours than there are other squares is all eight of them; none below one.
        #expect(SpatialWeights.nearest(centroids: centroids, k: .max).neighbours[4] == [0, 1, 2, 3, 5, 6, 7, 8])
        #expect(SpatialWeights.nearest(centroids: centroids, k: -3).neighbours.allSatisfy { $0.isEmpty })
    }

    /// Indices that are no unit, and repeated links, are dropped when weights are made; values of
    /// another count than the units get NaN everywhere instead of a read past the end.
    @Test func malformedWeightsAndValueCounts() {
        let w = SpatialWeights(neighbours: [[5, 1, -2], [0], [1]])
        #expect(w.neighbours == [[1], [0, 2], [1]])
        let linked = SpatialWeights(links: [[(1, 1), (1, 2), (7, 1)], [(0, 1)], []])
        #expect(linked.neighbours == [[1], [0], []] && linked.weights == [[1], [1], []])
        #expect(w.giStar([1, 2]).allSatisfy { $0.isNaN })
        #expect(LocalMoran([1, 2], weights: w).i.allSatisfy { $0.isNaN })
        #expect(ConditionalPermutation.pValues([1, 2], weights: w, statistic: .giStar, permutations: 9, seed: 1).allSatisfy { $0.isNaN })
        // Critical values other than the three levels class nothing.
        #expect(Significance.confidenceClass(z: 3, p: 0.001, critical: [0.1]) == 0)
        #expect(Significance.confidenceClass(z: 3, p: 0.001, critical: Significance.levels) == 3)
    }

    @Test func neighbourhoodQueriesAtTheLimitsOfInt() {
        let hood = FocalNeighbourhood(shape: .circle, radiusCells: 3)
        #expect(hood.halfWidth(rowOffset: .min) == nil && hood.halfWidth(rowOffset: -3) == 0 && hood.halfWidth(rowOffset: 0) == 3)
        #expect(!hood.reachesEveryCell(width: 3, height: .min) && !hood.reachesEveryCell(width: .min, height: 3))
        #expect(hood.reachesEveryCell(width: 3, height: 3))
    }

    /// Also in units of 1e300 and of 1e-300: Gi* does not depend on the unit, but the squares of
    /// such values overflowed (every z was 0) or underflowed (NaN).
    @Test(arguments: [1, 1e300, 1e-300])
    func giStarOnALineByHand(unit: Double) {
        // Values 1, 2, 3, 4, 10 on a line, neighbours left and right. n = 5, X̄ = 4,
        // S = sqrt((1+4+9+16+100)/5 − 16) = sqrt(10). Unit 4 (value 10) with unit 3: Σ = 14, W = 2:
        // z = (14 − 8) / (sqrt(10) · sqrt((10 − 4)/4)) = 6 / (sqrt(10) · sqrt(1.5)) = 1.549193…
        let w = SpatialWeights(neighbours: [[1], [0, 2], [1, 3], [2, 4], [3]])
        let z = w.giStar([1, 2, 3, 4, 10].map { $0 * unit })
        #expect(abs(z[4] - 6 / (10.0.squareRoot() * 1.5.squareRoot())) < 1e-12)
        // Unit 0 with unit 1: Σ = 3, W = 2 → (3 − 8) / (sqrt(10)·sqrt(1.5)) = −1.290994…
        #expect(abs(z[0] + 5 / (10.0.squareRoot() * 1.5.squareRoot())) < 1e-12)
    }
}

struct CriticalZTests {
    @Test func criticalZInvertsThePValue() {
        // The familiar two-sided critical values: 1.644854 (90 %), 1.959964 (95 %), 2.575829 (99 %).
        #expect(abs(Significance.criticalZ(forP: 0.10) - 1.6448536269514722) < 1e-12)
        #expect(abs(Significance.criticalZ(forP: 0.05) - 1.959963984540054) < 1e-12)
        #expect(abs(Significance.criticalZ(forP: 0.01) - 2.5758293035489004) < 1e-12)
        #expect(Significance.criticalZ(forP: 0) == .infinity)
    }

    @Test func zThresholdClassesAgreeWithPValueClasses() {
        let critical = [0.06, 0.008, 0.001]
        let zc = critical.map(Significance.criticalMagnitude(forP:))
        for (t, p) in zip(zc, critical) {
            // The threshold is the Float where the p-value crosses the critical value.
            #expect(Significance.pValue(z: Double(t)) <= p && Significance.pValue(z: Double(t.nextDown)) > p)
        }
        #expect(Significance.criticalMagnitude(forP: 0) == .infinity)
        for z in stride(from: Float(-4), through: 4, by: 0.01) {
            let byP = Significance.confidenceClass(z: Double(z), p: Significance.pValue(z: Double(z)), critical: critical)
            #expect(Significance.confidenceClass(z: z, criticalZ: (zc[0], zc[1], zc[2])) == byP, "z = \(z)")
        }
    }

    /// Classes by hand for thresholds 1.5, 2 and 3: at or above a threshold passes, NaN and ±∞ are
    /// class 0 and not counted. Repeated to lengths around the sixteen lanes of the vector loop, so
    /// that every z lands in a vector lane and in the scalar tail.
    @Test(arguments: [1, 15, 16, 17, 33, 47])
    func manyClassesAtOnceByHand(repeats: Int) {
        let cases: [(z: Float, cls: Int8)] = [
            (0, 0), (1.49, 0), (1.5, 1), (-1.5, -1), (1.99, 1), (2, 2), (-2.5, -2), (2.99, 2), (3, 3), (-3, -3),
            (40, 3), (-0.0, 0), (.nan, 0), (.infinity, 0), (-.infinity, 0), (-1.2, 0), (1.7, 1),
        ]
        let picked = (0..<repeats).map { cases[$0 % cases.count] }
        var classes = [Int8](repeating: 99, count: picked.count)
        let finite = picked.map(\.z).withUnsafeBufferPointer { z in
            classes.withUnsafeMutableBufferPointer { Significance.confidenceClasses(z: z, criticalZ: (1.5, 2, 3), into: $0) }
        }
        #expect(classes == picked.map(\.cls))
        #expect(finite == picked.filter { $0.z.isFinite }.count)
    }
}

struct ConditionalPermutationTests {
    /// 30 units on a line, a hot run in the middle (units 12–17 at 40, the rest 20 + i/10).
    static let values: [Double] = (0..<30).map { (12..<18).contains($0) ? 40 : 20 + Double($0) / 10 }
    static let line = SpatialWeights(neighbours: (0..<30).map { i in [i - 1, i + 1].filter { (0..<30).contains($0) } })

    @Test func reproducibleAndBounded() {
        let a = ConditionalPermutation.pValues(Self.values, weights: Self.line, statistic: .giStar, permutations: 199, seed: 7)
        let b = ConditionalPermutation.pValues(Self.values, weights: Self.line, statistic: .giStar, permutations: 199, seed: 7)
        #expect(a == b)
        #expect(a != ConditionalPermutation.pValues(Self.values, weights: Self.line, statistic: .giStar, permutations: 199, seed: 8))
        // Folded p-values lie in [1/200, 0.5].
        #expect(a.allSatisfy { $0 >= 1.0 / 200 && $0 <= 0.5 })
    }

    /// A stop asked for while a unit draws is seen within 4096 draws, not after the unit's
    /// ten million: the first poll lets the work start, the second (inside the first unit) stops it.
    @Test func aStopIsSeenWithinAUnit() {
        final class Polls: @unchecked Sendable {
            let lock = NSLock()
            var count = 0
            func next() -> Int { lock.withLock { count += 1; return count } }
            var total: Int { lock.withLock { count } }
        }
        let polls = Polls()
        let p = ConditionalPermutation.pValues(Self.values, weights: Self.line, statistic: .giStar,
                                               permutations: ConditionalPermutation.maximumPermutations, seed: 1,
                                               stop: { polls.next() > 1 })
        #expect(p.allSatisfy { $0.isNaN })
        #expect(polls.total < 100)
    }

    @Test func hotRunIsRareUnderPermutation() {
        // Unit 14 and its neighbours are all 40 while only 6 of 29 other units are: drawing two 40s
        // has probability (5/29)(4/28) ≈ 0.025, so its pseudo p must be small.
        let p = ConditionalPermutation.pValues(Self.values, weights: Self.line, statistic: .giStar, permutations: 999, seed: 1)
        #expect(p[14] < 0.05)
        let moran = ConditionalPermutation.pValues(Self.values, weights: Self.line, statistic: .localMoran, permutations: 999, seed: 1)
        #expect(moran[14] < 0.05)
    }

    /// Unit 14's neighbours are both 40. With equal weights both statistics grow with the sum of
    /// the two drawn values (unit 14 lies above the mean, so Iᵢ does too): the pseudo p estimates
    /// the share of the C(29, 2) = 406 pairs of other units whose sum is at least 80, counted here
    /// pair by pair. 99 999 draws give it within 4 binomial standard deviations.
    @Test func pseudoPEstimatesTheExactTailOfTheDraws() {
        let others = Self.values.indices.filter { $0 != 14 }.map { Self.values[$0] }
        var (atLeast, atMost, pairs) = (0, 0, 0)
        for a in others.indices {
            for b in (a + 1)..<others.count {
                pairs += 1
                if others[a] + others[b] >= 80 { atLeast += 1 }
                if others[a] + others[b] <= 80 { atMost += 1 }
            }
        }
        let tail = Double(min(atLeast, atMost)) / Double(pairs)
        #expect(pairs == 406 && atLeast == 10)
        let permutations = 99_999
        let tolerance = 4 * (tail * (1 - tail) / Double(permutations)).squareRoot()
        for statistic in [ConditionalPermutation.Statistic.giStar, .localMoran] {
            let p = ConditionalPermutation.pValues(Self.values, weights: Self.line, statistic: statistic, permutations: permutations, seed: 11)
            #expect(abs(p[14] - tail) < tolerance, "\(statistic): \(p[14]) vs \(tail)")
        }
    }

    @Test func progressRisesToOneAndAStopLeavesTheRestUndrawn() {
        // The 30 units, or more on a machine with many cores: a stop must leave some undrawn.
        let n = max(30, 4 * ProcessInfo.processInfo.activeProcessorCount)
        let values: [Double] = Self.values + (30..<n).map { 20 + Double($0) / 10 }
        let line = SpatialWeights(neighbours: (0..<n).map { i in [i - 1, i + 1].filter { (0..<n).contains($0) } })
        func run(_ answer: Bool) -> (reports: [Double], p: [Double]) {
            let recorder = ProgressRecorder()
            let report = recorder.handler
            let p = ConditionalPermutation.pValues(values, weights: line, statistic: .giStar, permutations: 199, seed: 7,
                                                   progress: { report($0); return answer })
            return (recorder.fractions, p)
        }
        let (reports, p) = run(true)
        // n units are n groups of one, whatever the core count: one report each.
        #expect(reports == reports.sorted() && reports.last == 1 && reports.count == n, "\(reports)")
        #expect(p == ConditionalPermutation.pValues(values, weights: line, statistic: .giStar, permutations: 199, seed: 7))
        // The first report stops every worker: each core has finished at most the unit it was on.
        let stopped = run(false)
        #expect(stopped.reports.count == 1 && stopped.reports[0] < 1)
        let drawn = stopped.p.filter(\.isFinite).count
        #expect((1...ProcessInfo.processInfo.activeProcessorCount).contains(drawn) && drawn < n, "\(drawn) of \(n) drawn")
    }

    /// Five units, each with one neighbour; unit 0's neighbour, unit 1, holds the lowest value. A
    /// draw is one of the four other units, so Gi*₀ is at or below its observed value exactly when
    /// unit 1 is drawn: the lower tail has probability 1/4, and with 9 999 draws p ≈ 0.25
    /// (binomial SD 0.004). Counting ties on the upper side only would give 1/10 000.
    @Test func tiesCountOnTheObservedSide() {
        let values: [Double] = [5, 1, 7, 8, 9]
        let one = SpatialWeights(neighbours: [[1], [0], [3], [2], [3]], symmetric: false)
        let p = ConditionalPermutation.pValues(values, weights: one, statistic: .giStar, permutations: 9999, seed: 3)
        #expect(abs(p[0] - 0.25) < 0.02)
    }
}

/// Inverse-distance weights on three units on a line (x = 0, 1000, 3000 m, values 1, 2, 4, band
/// 2500 m): d₀ = 1000 m, so w₀₁ = 1 and w₁₂ = 0.5. By hand, with X̄ = 7/3 and S = √(7 − 49/9):
/// Gi*₀ = (3 − 2·X̄) / (S·√((3·2 − 2²)/2)), Gi*₁ = (5 − 2.5·X̄) / (S·√((3·2.25 − 2.5²)/2)),
/// Gi*₂ = (5 − 1.5·X̄) / (S·√((3·1.25 − 1.5²)/2)).
struct InverseDistanceWeightTests {
    let centroids: [SIMD2<Double>] = [SIMD2(0, 0), SIMD2(1000, 0), SIMD2(3000, 0)]

    @Test func weightsAreScaledByTheShortestDistance() {
        let w = SpatialWeights.inverseDistance(centroids: centroids, distance: 2500)
        #expect(w.neighbours == [[1], [0, 2], [1]])
        #expect(w.weights == [[1], [1, 0.5], [0.5]])
        #expect(!w.isBinary && SpatialWeights.distanceBand(centroids: centroids, distance: 2500).isBinary)
        #expect(SpatialWeights.inverseDistance(centroids: centroids, distance: 2500, power: 2).weights[1] == [1, 0.25])
    }

    @Test func giStarByHand() {
        let z = SpatialWeights.inverseDistance(centroids: centroids, distance: 2500).giStar([1, 2, 4])
        let (mean, s) = (7.0 / 3, (7 - 49.0 / 9).squareRoot())
        let byHand = [(3 - 2 * mean) / (s * ((3 * 2 - 2 * 2) / 2.0).squareRoot()),
                      (5 - 2.5 * mean) / (s * ((3 * 2.25 - 2.5 * 2.5) / 2).squareRoot()),
                      (5 - 1.5 * mean) / (s * ((3 * 1.25 - 1.5 * 1.5) / 2).squareRoot())]
        for (ours, expected) in zip(z, byHand) {
            #expect(abs(ours - expected) < 1e-12, "\(ours) vs \(expected)")
        }
    }

    @Test func moranRowStandardisesTheWeights() {
        // Unit 1's lag: (1·(1 − X̄) + 0.5·(4 − X̄)) / 1.5 = −1/3, so I₁ = (2 − X̄)/m₂ · (−1/3) = 1/21
        // with m₂ = 7/3; units 0 and 2 have one neighbour each, unit 1, whose value is 2.
        let moran = LocalMoran([1, 2, 4], weights: SpatialWeights.inverseDistance(centroids: centroids, distance: 2500))
        let m2 = ((1 - 7.0 / 3) * (1 - 7.0 / 3) + (2 - 7.0 / 3) * (2 - 7.0 / 3) + (4 - 7.0 / 3) * (4 - 7.0 / 3)) / 2
        #expect(abs(moran.i[0] - (1 - 7.0 / 3) / m2 * (2 - 7.0 / 3)) < 1e-12)
        #expect(abs(moran.i[1] - 1.0 / 21) < 1e-12)
        #expect(abs(moran.i[2] - (4 - 7.0 / 3) / m2 * (2 - 7.0 / 3)) < 1e-12)
    }

    @Test func aUnitAtTheMeanHasAnIOfPositiveZero() {
        // Values 1, 2, 3 with the third unit unlinked: the second is at the mean (z = 0) and its only
        // neighbour, the first, has z = −1, so I₁ = 0 / m₂ · (−1), which IEEE arithmetic makes −0.
        let w = SpatialWeights(neighbours: [[1], [0], []])
        let moran = LocalMoran([1, 2, 3], weights: w)
        #expect(moran.i[1] == 0 && moran.i[1].sign == .plus)
        #expect(moran.labels[1] == .highLow)
    }
}

/// The raster path of Benjamini–Hochberg (sorted |z|, searched from the top) against the plain
/// definition over all p-values, which the hand-worked FDR cases check.
struct RasterFDRTests {
    @Test(arguments: [0.0, 1.5, 3.0])
    func sameCriticalValuesAsTheDefinition(shift: Double) {
        var generator = SplitMix64(seed: 7)
        // Standard-normal draws (Box–Muller) shifted so that few, some or most cells pass; ties and NaN included.
        let z: [Float] = (0..<20_000).map { i in
            if i % 97 == 0 { return .nan }
            if i % 89 == 0 { return 2.5 }
            let u1 = (Double(generator.next() >> 11) + 1) / 9_007_199_254_740_992, u2 = Double(generator.next() >> 11) / 9_007_199_254_740_992
            return Float((-2 * log(u1)).squareRoot() * cos(2 * .pi * u2) + shift)
        }
        let fast = z.withUnsafeBufferPointer { Significance.criticalValues(z: $0, fdr: true) }
        let finite = z.filter(\.isFinite)
        let reference = Significance.fdrCriticalValues(smallPValues: finite.map { Significance.pValue(z: Double($0)) }, testCount: finite.count)
        #expect(fast == reference)
        #expect(shift == 0 || fast[0] > 0)
        // Classing by |z| thresholds must agree with p ≤ critical for every cell, including the
        // cells whose own p-value is the critical one (a threshold an ulp too high dropped them a class).
        let thresholds = fast.map(Significance.criticalMagnitude(forP:))
        for v in finite {
            let p = Significance.pValue(z: Double(v))
            #expect(Significance.confidenceClass(z: v, criticalZ: (thresholds[0], thresholds[1], thresholds[2]))
                    == Significance.confidenceClass(z: Double(v), p: p, critical: fast), "z = \(v)")
        }
        for critical in fast where critical > 0 {
            #expect(finite.contains { Significance.pValue(z: Double($0)) == critical })
        }
    }
}

/// The bounded-memory Benjamini–Hochberg search against the plain definition, on values that put
/// the crossing inside buckets it must count exactly, fed in splits of any size.
struct FalseDiscoveryRateTests {
    func reference(_ z: [Float]) -> [Double] {
        let finite = z.filter(\.isFinite)
        return Significance.fdrCriticalValues(smallPValues: finite.map { Significance.pValue(z: Double($0)) }, testCount: finite.count)
    }

    func search(_ z: [Float], splitEvery size: Int) -> (critical: [Double], passes: Int) {
        var search = FalseDiscoveryRate()
        var passes = 0
        repeat {
            z.withUnsafeBufferPointer { all in
                for start in stride(from: 0, to: all.count, by: size) {
                    search.add(UnsafeBufferPointer(rebasing: all[start..<min(start + size, all.count)]))
                }
            }
            search.endPass()
            passes += 1
        } while search.needsAnotherPass
        return (search.criticalPValues, passes)
    }

    /// A crossing inside one bucket (|z| 2.5 to 2.515625), worked by hand. m = 4100: one |z| = 2.5
    /// (p = 0.012419), a thousand |z| = 2.51 (p = 0.012070), the rest |z| = 0.5 or 0.
    /// - α = 0.10: k = 1001 gives 1001·0.1/4100 = 0.0244 ≥ 0.012419: critical p(2.5).
    /// - α = 0.05: k = 1001 gives 0.012207 < 0.012419, k = 1000 gives 0.012195 ≥ 0.012070:
    ///   critical p(2.51), which only the exact count of the bucket reveals.
    /// - α = 0.01: k·0.01/4100 ≤ 0.00244 < 0.012070 for every k: none.
    @Test(arguments: [1, 7, 1000, 1 << 20])
    func crossingInsideABucket(splitEvery size: Int) {
        var generator = SplitMix64(seed: 11)
        var z: [Float] = [2.5] + (0..<1000).map { $0 % 2 == 0 ? 2.51 : -2.51 } + [Float](repeating: 0.5, count: 3000) + [0, -0.5]
        z += [.nan, .infinity, -.infinity] + [Float](repeating: 0, count: 97)
        z.shuffle(using: &generator)
        let (critical, passes) = search(z, splitEvery: size)
        #expect(critical == [Significance.pValue(z: 2.5), Significance.pValue(z: Double(Float(2.51))), 0])
        #expect(critical == reference(z))
        #expect(passes == 2)
    }

    @Test func nothingPassesAndNoTests() {
        // Ten tests with p ≈ 0.09: none passes k·α/m at any level.
        let few: [Float] = [1.7] + [Float](repeating: 0.1, count: 9)
        #expect(search(few, splitEvery: 3).critical == [0, 0, 0])
        #expect(reference(few) == [0, 0, 0])
        #expect(search([.nan, .infinity], splitEvery: 1).critical == [0, 0, 0])
        #expect(search([], splitEvery: 1).critical == [0, 0, 0])
    }

    /// Mixtures of a null and a shifted normal, from few to most units passing.
    @Test(arguments: 1...6)
    func mixtures(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let share = Double(seed) / 7
        let z: [Float] = (0..<50_000).map { _ in
            let u1 = (Double(generator.next() >> 11) + 1) / 9_007_199_254_740_992, u2 = Double(generator.next() >> 11) / 9_007_199_254_740_992
            let shift = Double(generator.next() >> 11) / 9_007_199_254_740_992 < share ? 3.0 : 0
            return Float((-2 * log(u1)).squareRoot() * cos(2 * .pi * u2) + shift)
        }
        #expect(search(z, splitEvery: 4096).critical == reference(z))
    }
}

/// The global moments of a sequence of values must not depend on how it is split into calls:
/// that is what makes streamed Gi* equal the in-memory one bit for bit.
struct GlobalMomentsSplitTests {
    /// 5⅓ pieces: temperatures with runs of NaN, the first piece and a bit all NaN (so the first
    /// finite value, the shift, arrives in the second piece), and isolated NaN and infinities
    /// further on, which count no more than NaN.
    static let values: [Float] = {
        var generator = SplitMix64(seed: 7)
        let size = 5 * GlobalMoments.Sums.pieceSize + GlobalMoments.Sums.pieceSize / 3
        return (0..<size).map { i in
            if i < GlobalMoments.Sums.pieceSize + 1000 || i % 97 == 3 || (200_000..<210_000).contains(i) { return .nan }
            if i % 389 == 5 { return .infinity }
            if i % 391 == 6 { return -.infinity }
            return Float.random(in: 20..<45, using: &generator)
        }
    }()

    func moments(splitAt sizes: [Int]) -> GlobalMoments {
        var sums = GlobalMoments.Sums()
        Self.values.withUnsafeBufferPointer { all in
            var start = 0
            for size in sizes + [all.count] where start < all.count {
                let end = min(all.count, start + size)
                sums.add(UnsafeBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
        return sums.moments
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func randomSplitsGiveTheSameBits(seed: UInt64) {
        let whole = Self.values.withUnsafeBufferPointer { GlobalMoments($0) }
        var generator = SplitMix64(seed: seed)
        // Small all-NaN blocks first, then sizes from empty to over two pieces.
        var sizes = [Int.random(in: 1...5000, using: &generator), Int.random(in: 0...40_000, using: &generator)]
        while sizes.reduce(0, +) < Self.values.count {
            sizes.append(Int.random(in: 0...(2 * GlobalMoments.Sums.pieceSize + 500), using: &generator))
        }
        let split = moments(splitAt: sizes)
        #expect(split.count == whole.count)
        #expect(split.mean.bitPattern == whole.mean.bitPattern, "\(split.mean) vs \(whole.mean)")
        #expect(split.standardDeviation.bitPattern == whole.standardDeviation.bitPattern, "\(split.standardDeviation) vs \(whole.standardDeviation)")
    }

    /// Block rows of a raster 1000 wide: the shape of the streaming caller's calls.
    @Test func blockRowsGiveTheSameBits() {
        let whole = Self.values.withUnsafeBufferPointer { GlobalMoments($0) }
        let rows = moments(splitAt: Array(repeating: 1000, count: Self.values.count / 1000))
        #expect(rows == whole)
    }

    /// The sums themselves against a two-pass reference in Double.
    @Test func agreesWithATwoPassReference() {
        let finite = Self.values.filter(\.isFinite).map(Double.init)
        let mean = finite.reduce(0, +) / Double(finite.count)
        let s = (finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count)).squareRoot()
        let moments = Self.values.withUnsafeBufferPointer { GlobalMoments($0) }
        #expect(moments.count == finite.count)
        #expect(abs(moments.mean - mean) < 1e-12 * mean)
        #expect(abs(moments.standardDeviation - s) < 1e-9 * s)
        // A shift given by the caller, far from the data, still gives the same moments.
        var shifted = GlobalMoments.Sums(shift: 1000)
        Self.values.withUnsafeBufferPointer { shifted.add($0) }
        #expect(shifted.shift == 1000 && shifted.count == finite.count)
        #expect(abs(shifted.moments.mean - mean) < 1e-12 * mean && abs(shifted.moments.standardDeviation - s) < 1e-9 * s)
    }

    @Test func nothingValid() {
        var sums = GlobalMoments.Sums()
        [Float](repeating: .nan, count: 10).withUnsafeBufferPointer { sums.add($0) }
        #expect(sums.count == 0 && sums.shift == nil && sums.moments.mean.isNaN)
    }
}
