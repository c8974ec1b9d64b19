import Foundation

/// Spatial weights between units (districts): for each unit, the units it neighbours and the weight
/// of each link (1 for contiguity, distance bands and nearest neighbours; 1/dᵖ for inverse distance).
/// Gi* adds each unit to its own neighbourhood with wᵢᵢ = 1.
public struct SpatialWeights: Sendable, Hashable {
    /// `neighbours[i]`: indices of the neighbours of unit i, ascending, never i itself.
    public let neighbours: [[Int]]
    /// `weights[i][k]`: the weight of the link from unit i to `neighbours[i][k]`.
    public let weights: [[Double]]

    /// `true` when every link weighs 1.
    public var isBinary: Bool { weights.allSatisfy { $0.allSatisfy { $0 == 1 } } }

    /// Weights from explicit neighbour lists (sorted, self-links and indices that are no unit
    /// dropped).
    /// - Parameters:
    ///   - neighbours: For each unit, its neighbours.
    ///   - symmetric: Make every link two-way (contiguity and distance bands are symmetric by
    ///     nature; k-nearest-neighbour weights are not, as in PySAL).
    public init(neighbours: [[Int]], symmetric: Bool = true) {
        // An index past the units would be read past the values' end by every statistic.
        var sets = neighbours.map { Set($0.filter(neighbours.indices.contains)) }
        if symmetric {
            for (i, list) in sets.enumerated() {
                for j in list where j != i { sets[j].insert(i) }
            }
        }
        self.neighbours = sets.enumerated().map { i, s in s.filter { $0 != i }.sorted() }
        weights = self.neighbours.map { Array(repeating: 1, count: $0.count) }
    }

    /// Weights from explicit weighted links (self-links, indices that are no unit, weights that
    /// are not positive and finite, and all but the first link to the same neighbour dropped).
    /// - Parameter links: For each unit, its neighbours and their weights.
    public init(links: [[(neighbour: Int, weight: Double)]]) {
        let cleaned = links.enumerated().map { i, list in
            var seen = Set<Int>()
            return list.filter { link in
                link.neighbour != i && links.indices.contains(link.neighbour) && link.weight > 0 && link.weight.isFinite
                    && seen.insert(link.neighbour).inserted
            }.sorted { $0.neighbour < $1.neighbour }
        }
        neighbours = cleaned.map { $0.map(\.neighbour) }
        weights = cleaned.map { $0.map(\.weight) }
    }

    /// Units with no neighbour.
    public var islands: [Int] { neighbours.indices.filter { neighbours[$0].isEmpty } }

    /// Contiguity: units are neighbours when their boundaries come within `tolerance` of each other
    /// (queen), or run within `tolerance` of each other for more than ten times the tolerance
    /// (rook; a corner touch does not). Boundaries are compared segment by segment, so a shared
    /// boundary counts whether or not both sides have the same vertices on it (a T-junction), and
    /// gaps and overlaps within the tolerance do not break it.
    /// - Parameters:
    ///   - zones: The units' polygons, in a projected CRS.
    ///   - rook: `true` for shared stretches of boundary, `false` for any contact.
    ///   - tolerance: How far apart two boundaries may be and still touch (map units).
    public static func contiguity(_ zones: [MultiPolygon], rook: Bool, tolerance: Double = 0.01) -> SpatialWeights {
        SpatialWeights(neighbours: Contiguity.neighbours(zones, rook: rook, tolerance: tolerance))
    }

    /// Distance band: neighbours when their centroids are at most `distance` apart.
    public static func distanceBand(centroids: [SIMD2<Double>], distance: Double) -> SpatialWeights {
        let tree = PointTree(centroids)
        return SpatialWeights(neighbours: centroids.indices.map { i in
            var found: [Int] = []
            tree.within(distance, of: i) { j, squared in
                if squared <= distance * distance { found.append(j) }
            }
            return found
        })
    }

    /// Inverse distance within a band: units whose centroids are at most `distance` apart are
    /// neighbours with weight (d₀/d)ᵖ, where d₀ is the shortest distance between any two units.
    ///
    /// Scaling by d₀ makes the weights independent of the map unit and puts the closest pair on
    /// the same footing as a unit with itself (Gi* gives the unit weight 1): plain 1/d in metres
    /// would make every neighbour weigh about a thousandth of the unit and Gi* test the unit alone.
    /// - Parameters:
    ///   - centroids: The units' centroids.
    ///   - distance: The band.
    ///   - power: The exponent p (1 by default; 2 for gravity-like decay).
    public static func inverseDistance(centroids: [SIMD2<Double>], distance: Double, power: Double = 1) -> SpatialWeights {
        let tree = PointTree(centroids)
        let pairs: [[(neighbour: Int, distance: Double)]] = centroids.indices.map { i in
            var found: [(neighbour: Int, distance: Double)] = []
            tree.within(distance, of: i) { j, squared in
                let length = squared.squareRoot()
                if length <= distance && length > 0 { found.append((j, length)) }
            }
            return found
        }
        let shortest = pairs.joined().map(\.distance).min() ?? 1
        return SpatialWeights(links: pairs.map { list in list.map { ($0.neighbour, Foundation.pow(shortest / $0.distance, power)) } })
    }

    /// k nearest neighbours by centroid distance (ties by index); not symmetric, as in PySAL.
    /// A k beyond the other units is all of them; below 1, none.
    public static func nearest(centroids: [SIMD2<Double>], k: Int) -> SpatialWeights {
        let k = Swift.min(Swift.max(k, 0), Swift.max(centroids.count - 1, 0))
        let tree = PointTree(centroids)
        return SpatialWeights(neighbours: centroids.indices.map { tree.nearest(to: $0, k: k) }, symmetric: false)
    }
}

extension SpatialWeights {
    /// Gi* of every unit with its links' weights and the unit itself (wᵢᵢ = 1); NaN values are not
    /// units (they get NaN and are left out of n, X̄ and S, and of their neighbours' sums).
    /// - Parameter values: One value per unit (for example the mean °C of each district); with
    ///   another count, every unit gets NaN.
    public func giStar(_ values: [Double]) -> [Double] {
        guard values.count == neighbours.count else { return values.map { _ in .nan } }
        let values = UnitMagnitude.scaled(values)
        let moments = GlobalMoments(values)
        return values.indices.map { i in
            guard values[i].isFinite else { return .nan }
            var sum = values[i], weight = 1.0, squares = 1.0
            for (j, w) in zip(neighbours[i], weights[i]) where values[j].isFinite {
                sum += w * values[j]
                weight += w
                squares += w * w
            }
            return moments.giStar(localSum: sum, weight: weight, weightSquares: squares)
        }
    }
}
