import HeatIslandKernels
import Testing

/// Distance-band, inverse-distance and nearest-neighbour weights against their definitions, applied
/// pair by pair here: on points with many ties (a lattice, repeated points), clusters far apart, a
/// line (no spread across) and a point that is not finite.
struct PointWeightsTests {
    static let points: [SIMD2<Double>] = {
        var points: [SIMD2<Double>] = []
        var seed: UInt64 = 12345
        func next() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 11) / Double(1 << 53)
        }
        // A 20 × 20 lattice, one unit apart: ties everywhere.
        for k in 0..<400 { points.append(SIMD2(Double(k % 20), Double(k / 20))) }
        // Some of those again, exactly.
        for k in stride(from: 0, to: 400, by: 37) { points.append(points[k]) }
        // Two clusters 10 km away from it and from each other.
        for k in 0..<300 { points.append(SIMD2(10_000 + next() * 5, (k < 150 ? 0 : 10_000) + next() * 5)) }
        // Points on one line.
        for k in 0..<50 { points.append(SIMD2(-500 + Double(k) * 0.25, -500)) }
        points.append(SIMD2(.nan, 3))
        return points
    }()

    static func squared(_ i: Int, _ j: Int) -> Double {
        let d = points[j] - points[i]
        return (d * d).sum()
    }

    @Test(arguments: [1, 8, 30])
    func nearestAreTheKClosestTiesByIndex(k: Int) {
        let weights = SpatialWeights.nearest(centroids: Self.points, k: k)
        for i in Self.points.indices where Self.points[i].x.isFinite {
            let expected = Self.points.indices
                .filter { $0 != i && Self.points[$0].x.isFinite }
                .sorted { (Self.squared(i, $0), $0) < (Self.squared(i, $1), $1) }
                .prefix(k)
            #expect(weights.neighbours[i] == expected.sorted(), "point \(i)")
        }
        #expect(weights.neighbours[Self.points.count - 1].isEmpty)
    }

    @Test(arguments: [0.0, 1.0, 1.5, 7.0, 14_143.0])
    func bandsHoldEveryPairWithinTheDistance(distance: Double) {
        let band = SpatialWeights.distanceBand(centroids: Self.points, distance: distance)
        let inverse = SpatialWeights.inverseDistance(centroids: Self.points, distance: distance)
        for i in Self.points.indices {
            let within = Self.points.indices.filter { $0 != i && Self.squared(i, $0) <= distance * distance }
            #expect(band.neighbours[i] == within, "point \(i)")
            // Coincident points are not linked by inverse distance (1/0).
            #expect(inverse.neighbours[i] == within.filter { Self.squared(i, $0) > 0 }, "point \(i)")
        }
    }
}
