import HeatIslandGDAL
import HeatIslandKernels

/// How districts neighbour each other for district-level Gi*.
public enum DistrictWeights: Sendable, Hashable, CustomStringConvertible {
    /// Districts sharing a boundary point (vertices matched within `tolerance` metres).
    case queen(tolerance: Double = 0.01)
    /// Districts sharing a boundary segment (vertices matched within `tolerance` metres).
    case rook(tolerance: Double = 0.01)
    /// Districts whose centroids are at most this many metres apart.
    case distance(Double)
    /// Each district's k nearest districts by centroid (not symmetric).
    case nearest(Int)

    /// Parses `queen`, `rook`, `distance:1500` or `knn:6`.
    /// - Parameter text: The specification.
    public init?(_ text: String) {
        let parts = text.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count > 1 ? parts[1] : nil) {
        case ("queen", nil): self = .queen()
        case ("rook", nil): self = .rook()
        case ("distance", let d?): guard let v = Double(d), v > 0 else { return nil }; self = .distance(v)
        case ("knn", let k?): guard let v = Int(k), v > 0 else { return nil }; self = .nearest(v)
        default: return nil
        }
    }

    /// The specification as typed.
    public var description: String {
        switch self {
        case .queen: "queen"
        case .rook: "rook"
        case .distance(let d): "distance:\(d)"
        case .nearest(let k): "knn:\(k)"
        }
    }

    /// The weights for zones in a projected CRS.
    public func weights(for zones: [Zone]) -> SpatialWeights {
        let geometries = zones.map(\.geometry)
        switch self {
        case .queen(let t): return SpatialWeights.contiguity(geometries, rook: false, tolerance: t)
        case .rook(let t): return SpatialWeights.contiguity(geometries, rook: true, tolerance: t)
        case .distance(let d): return .distanceBand(centroids: geometries.map { $0.centroid ?? .zero }, distance: d)
        case .nearest(let k): return .nearest(centroids: geometries.map { $0.centroid ?? .zero }, k: k)
        }
    }
}

/// A district's Gi* result.
public struct DistrictHotspot: Sendable, Hashable {
    /// The district's id.
    public var id: String
    /// The district's name.
    public var name: String
    /// The value tested (for example its mean °C); NaN when it has none.
    public var value: Double
    /// Gi* z-score (NaN without a value).
    public var z: Double
    /// Two-sided p-value.
    public var p: Double
    /// −3…3: cold or hot spot at 99, 95, 90 % confidence; 0 not significant.
    public var confidenceClass: Int8
}

/// Getis-Ord Gi* over districts.
public enum DistrictHotspots {
    /// Tests each district's value against its neighbours'.
    /// - Parameters:
    ///   - zones: The districts, in a projected CRS (metres), in the order of `values`.
    ///   - values: One value per district (NaN leaves it out).
    ///   - weights: Contiguity, distance band or nearest neighbours.
    ///   - fdr: Control the false-discovery rate (Benjamini–Hochberg) when classing.
    /// - Throws: ``HeatIslandError/invalidArgument(_:)`` for mismatched inputs or too few districts.
    public static func compute(zones: [Zone], values: [Double], weights: DistrictWeights, fdr: Bool = false) throws(HeatIslandError) -> [DistrictHotspot] {
        guard zones.count == values.count else { throw .invalidArgument("\(zones.count) districts but \(values.count) values") }
        guard values.filter(\.isFinite).count >= 3 else { throw .invalidArgument("Gi* needs at least three districts with values") }
        let z = weights.weights(for: zones).giStar(values)
        let p = z.map { Significance.pValue(z: $0) }
        let critical = fdr
            ? Significance.fdrCriticalValues(smallPValues: p.filter { $0 <= Significance.levels[0] }, testCount: p.filter(\.isFinite).count)
            : Significance.levels
        return zones.indices.map { i in
            DistrictHotspot(id: zones[i].id, name: zones[i].name, value: values[i], z: z[i], p: p[i],
                            confidenceClass: Significance.confidenceClass(z: z[i], p: p[i], critical: critical))
        }
    }
}
