import HeatIslandGDAL
import HeatIslandKernels

/// How districts neighbour each other for district-level Gi*.
public enum DistrictWeights: Sendable, Hashable, CustomStringConvertible {
    /// Districts whose boundaries touch (come within `tolerance` metres of each other).
    case queen(tolerance: Double = 0.01)
    /// Districts sharing a stretch of boundary (within `tolerance` metres of each other for more
    /// than ten times the tolerance; a corner is not enough).
    case rook(tolerance: Double = 0.01)
    /// Districts whose centroids are at most this many metres apart.
    case distance(Double)
    /// Each district's k nearest districts by centroid (not symmetric).
    case nearest(Int)
    /// Districts whose centroids are at most this many metres apart, weighted d₀/distance (d₀ the
    /// shortest distance between two of them, so that the closest pair weighs 1).
    case inverseDistance(Double)

    /// Parses `queen`, `rook`, `distance:1500`, `knn:6` or `idw:2500`. (`queen:1` is refused: it
    /// reads as a contiguity order, PySAL's sense, more readily than as a tolerance.)
    /// - Parameter text: The specification.
    public init?(_ text: String) {
        let parts = text.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count > 1 ? parts[1] : nil) {
        case ("queen", nil): self = .queen()
        case ("rook", nil): self = .rook()
        case ("distance", let d?): guard let v = Double(d), v > 0 else { return nil }; self = .distance(v)
        case ("knn", let k?): guard let v = Int(k), v > 0 else { return nil }; self = .nearest(v)
        case ("idw", let d?): guard let v = Double(d), v > 0 else { return nil }; self = .inverseDistance(v)
        default: return nil
        }
    }

    /// The specification as typed, and a tolerance other than the default 1 cm in words (which
    /// an error about the weights must show).
    public var description: String {
        switch self {
        case .queen(let t): t == 0.01 ? "queen" : "queen (tolerance \(t) m)"
        case .rook(let t): t == 0.01 ? "rook" : "rook (tolerance \(t) m)"
        case .distance(let d): "distance:\(d)"
        case .nearest(let k): "knn:\(k)"
        case .inverseDistance(let d): "idw:\(d)"
        }
    }

    /// Refuses parameters that give no neighbourhood at all: a tolerance that is negative or not a
    /// number (an infinite one reaches everything), a distance that is not above 0, fewer than one
    /// neighbour.
    func check() throws(HeatIslandError) {
        let valid = switch self {
        case .queen(let t), .rook(let t): t >= 0 && t.isFinite
        case .distance(let d), .inverseDistance(let d): d > 0
        case .nearest(let k): k >= 1
        }
        guard valid else { throw .invalidArgument("weights \(self) give no neighbourhood: tolerances are metres ≥ 0, distances metres > 0, knn at least 1") }
    }

    /// The weights for zones in a CRS in metres (``ZoneSet/inMetres()``).
    public func weights(for zones: [Zone]) -> SpatialWeights {
        let geometries = zones.map(\.geometry)
        switch self {
        case .queen(let t): return SpatialWeights.contiguity(geometries, rook: false, tolerance: t)
        case .rook(let t): return SpatialWeights.contiguity(geometries, rook: true, tolerance: t)
        case .distance(let d): return .distanceBand(centroids: geometries.map { $0.centroid ?? .zero }, distance: d)
        case .nearest(let k): return .nearest(centroids: geometries.map { $0.centroid ?? .zero }, k: k)
        case .inverseDistance(let d): return .inverseDistance(centroids: geometries.map { $0.centroid ?? .zero }, distance: d)
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
    /// −3…3: cold or hot spot at 99, 95, 90 % confidence; 0 not significant (and for a district
    /// without a value, which was not tested: see ``testedClass``).
    public var confidenceClass: Int8
    /// The class of a district that was tested, `nil` for one without a value (its z is NaN), so
    /// that tables can leave it blank rather than call it "not significant".
    public var testedClass: Int8? { z.isFinite ? confidenceClass : nil }
    /// Conditional-permutation pseudo p-value of Gi*, when permutations were asked for.
    public var pseudoP: Double?
    /// Local Moran's I of the district, when asked for.
    public var moran: MoranResult?
    /// How many tested districts neighbour this one under the weights (0 for an island, whose
    /// class then comes from its own value alone; `nil` when it was not tested).
    public var neighbourCount: Int?

    /// A district that was not tested: no value, or too few districts with values for Gi*. Its z,
    /// p and ``testedClass`` are blank.
    /// - Parameters:
    ///   - zone: The district.
    ///   - value: Its value, NaN when it has none.
    public init(untested zone: Zone, value: Double) {
        (id, name, self.value, z, p, confidenceClass) = (zone.id, zone.name, value, .nan, .nan, 0)
    }

    /// One district's Local Moran's I.
    public struct MoranResult: Sendable, Hashable {
        /// Iᵢ.
        public var i: Double
        /// Its analytical z-score.
        public var z: Double
        /// The analytical two-sided p-value.
        public var p: Double
        /// The conditional-permutation pseudo p-value, when permutations were asked for.
        public var pseudoP: Double?
        /// The scatterplot quadrant (nil without neighbours).
        public var label: LocalMoran.Label?
    }
}

/// Optional extras of a district hotspot analysis.
public struct DistrictHotspotOptions: Sendable, Hashable {
    /// Control the false-discovery rate (Benjamini–Hochberg) when classing.
    public var fdr = false
    /// Conditional permutations for pseudo p-values (0: none; 999 is customary).
    public var permutations = 0
    /// Seed of the permutations (results are reproducible).
    public var seed: UInt64 = 20240715
    /// Also compute Local Moran's I.
    public var moran = false

    /// Options with the extras asked for.
    /// - Parameters:
    ///   - fdr: Control the false-discovery rate when classing.
    ///   - permutations: Conditional permutations per district (0: none).
    ///   - seed: Seed of the permutations.
    ///   - moran: Also compute Local Moran's I.
    public init(fdr: Bool = false, permutations: Int = 0, seed: UInt64 = 20240715, moran: Bool = false) {
        (self.fdr, self.permutations, self.seed, self.moran) = (fdr, permutations, seed, moran)
    }
}

/// Getis-Ord Gi* over districts.
public enum DistrictHotspots {
    /// Zones carry no CRS, and districts still in longitude and latitude passed for metres: the
    /// 1 cm tolerance became 0.01° (about 1 km), and 7 of Kranj's 26 districts changed class. No
    /// set of districts in metres fits within ±180 × ±90 of its origin, so such coordinates are
    /// taken for degrees.
    static func requireMetres(_ zones: [Zone]) throws(HeatIslandError) {
        let bounds = zones.compactMap(\.geometry.bounds)
        guard !bounds.isEmpty, bounds.allSatisfy({ abs($0.min.x) <= 180 && abs($0.max.x) <= 180 && abs($0.min.y) <= 90 && abs($0.max.y) <= 90 }) else { return }
        throw .invalidArgument("the districts' coordinates all lie within ±180 and ±90, so they look like longitudes and latitudes, while the weights' "
            + "tolerances and distances are metres; give the districts in a CRS in metres (ZoneSet.inMetres())")
    }

    /// Tests each district's value against its neighbours'.
    /// - Parameters:
    ///   - zones: The districts, in a CRS in metres (``ZoneSet/inMetres()``), in the order of `values`;
    ///     districts whose coordinates all lie within ±180 and ±90 are taken for degrees and refused.
    ///   - values: One value per district (NaN leaves it out).
    ///   - weights: Contiguity, distance band or nearest neighbours.
    ///   - fdr: Control the false-discovery rate (Benjamini–Hochberg) when classing.
    /// - Throws: ``HeatIslandError/invalidArgument(_:)`` for mismatched inputs, too few districts,
    ///   weights that give no neighbourhood, or no district with a neighbour or a z.
    public static func compute(zones: [Zone], values: [Double], weights: DistrictWeights, fdr: Bool = false) throws(HeatIslandError) -> [DistrictHotspot] {
        var options = DistrictHotspotOptions()
        options.fdr = fdr
        return try compute(zones: zones, values: values, weights: weights, options: options)
    }

    /// Tests each district's value against its neighbours', with permutations and Local Moran's I
    /// when asked.
    /// - Parameters:
    ///   - zones: The districts, in a CRS in metres (``ZoneSet/inMetres()``), in the order of `values`;
    ///     districts whose coordinates all lie within ±180 and ±90 are taken for degrees and refused.
    ///   - values: One value per district (NaN leaves it out).
    ///   - weights: Contiguity, distance band or nearest neighbours.
    ///   - options: FDR, permutations, Local Moran's I.
    ///   - progress: Called with the fraction done as the permutations are drawn (nothing else
    ///     takes long); without permutations, once at the end.
    /// - Throws: ``HeatIslandError/invalidArgument(_:)`` for mismatched inputs, too few districts,
    ///   a permutation count outside 0…`ConditionalPermutation.maximumPermutations`, weights that
    ///   give no neighbourhood (a negative tolerance, a distance not above 0, knn below 1), no
    ///   district with a neighbour, or no district with a z (all values equal, or every district a
    ///   neighbour of every other).
    public static func compute(
        zones: [Zone], values: [Double], weights: DistrictWeights, options: DistrictHotspotOptions, progress: ProgressHandler? = nil
    ) throws(HeatIslandError) -> [DistrictHotspot] {
        try compute(zones: zones, values: values, weights: weights, options: options,
                    checkpoint: Checkpoint("district hot spots", progress: progress))
    }

    /// Tests one zonal statistic of each district against its neighbours', from the districts as
    /// read and their statistics as ``ZonalStatisticsRunner`` gives them: the districts are taken
    /// to metres first (``ZoneSet/inMetres()``), whatever CRS they were read in.
    /// - Parameters:
    ///   - districts: The districts.
    ///   - statistics: Their zonal statistics, in the same order.
    ///   - statistic: The statistic tested (a district without it is left out); the mean by default.
    ///   - weights: Contiguity, distance band or nearest neighbours.
    ///   - options: FDR, permutations, Local Moran's I.
    ///   - progress: Called with the fraction done as the permutations are drawn.
    /// - Throws: ``HeatIslandError/invalidArgument(_:)`` when the statistics are not the districts'
    ///   in their order, and what `compute(zones:values:weights:options:progress:)` throws.
    public static func compute(
        districts: ZoneSet, statistics: [ZoneStatistics], statistic: ZonalStatistic = .mean, weights: DistrictWeights,
        options: DistrictHotspotOptions = DistrictHotspotOptions(), progress: ProgressHandler? = nil
    ) throws(HeatIslandError) -> [DistrictHotspot] {
        try compute(districts: districts, statistics: statistics, statistic: statistic, weights: weights, options: options,
                    checkpoint: Checkpoint("district hot spots", progress: progress))
    }

    /// The work of both forms that take a zone set.
    static func compute(
        districts: ZoneSet, statistics: [ZoneStatistics], statistic: ZonalStatistic, weights: DistrictWeights,
        options: DistrictHotspotOptions, checkpoint: Checkpoint
    ) throws(HeatIslandError) -> [DistrictHotspot] {
        try ZoneStatistics.requirePaired(statistics, with: districts.zones, file: districts.path)
        let values = statistics.map { $0.value(of: statistic) ?? .nan }
        try requireComputed(statistic, values: values, statistics: statistics)
        return try compute(zones: districts.inMetres().zones, values: values, weights: weights, options: options, checkpoint: checkpoint)
    }

    /// A statistic no district has, while districts have temperatures, was never computed: said so,
    /// rather than "Gi* needs at least three districts with values".
    static func requireComputed(_ statistic: ZonalStatistic, values: [Double], statistics: [ZoneStatistics]) throws(HeatIslandError) {
        if case .percentile(let p) = statistic, !(0...100).contains(p) {
            throw .invalidArgument("the statistic tested, percentile \(p), is not between 0 and 100")
        }
        guard !values.contains(where: \.isFinite), statistics.contains(where: { $0.mean != nil }) else { return }
        let remedy: String
        switch statistic {
        case .percentile(let p): remedy = "add \(ZonalTable.label(p)) to ZonalOptions.percentiles"
        case .median: remedy = "compute the statistics with ZonalOptions.quantiles on"
        default: return
        }
        throw .invalidArgument("no district has the \(statistic) that Gi* is to test: it was not computed; \(remedy)")
    }

    /// The permutations of Gi* and of Local Moran's I take equal shares of the progress.
    static func compute(
        zones: [Zone], values: [Double], weights: DistrictWeights, options: DistrictHotspotOptions, checkpoint: Checkpoint
    ) throws(HeatIslandError) -> [DistrictHotspot] {
        guard zones.count == values.count else { throw .invalidArgument("\(zones.count) districts but \(values.count) values") }
        // Districts without a value (fully clouded, off the scene) are not tested and are nobody's
        // neighbour: the weights are built over the others, so that the k nearest are k districts
        // with values and the inverse-distance scale is their closest pair.
        // (Nor are districts without area, whose centroid would otherwise be taken as (0, 0).)
        let tested = values.indices.filter { values[$0].isFinite && zones[$0].geometry.centroid != nil }
        guard tested.count >= 3 else { throw .invalidArgument("Gi* needs at least three districts with values") }
        guard (0...ConditionalPermutation.maximumPermutations).contains(options.permutations) else {
            throw .invalidArgument("permutations must be from 0 to \(ConditionalPermutation.maximumPermutations), got \(options.permutations)")
        }
        try weights.check()
        try requireMetres(tested.map { zones[$0] })
        let x = tested.map { values[$0] }
        let w = weights.weights(for: tested.map { zones[$0] })
        // Islands test their own value alone; when every district is one, nothing spatial is left.
        guard w.neighbours.contains(where: { !$0.isEmpty }) else {
            throw .invalidArgument("with \(weights) no district has a neighbour, so Gi* would only restate each district's own value; use a longer distance, more neighbours or contiguity")
        }
        // With binary weights a neighbourhood of everyone is the whole sample: Gi* = 0/0 everywhere.
        let binary: Bool = if case .inverseDistance = weights { false } else { true }
        guard !binary || tested.indices.contains(where: { w.neighbours[$0].count < tested.count - 1 }) else {
            throw .invalidArgument("with \(weights) every district is a neighbour of every other, so Gi* is undefined (0/0); use fewer neighbours or a shorter distance")
        }
        let z = w.giStar(x)
        guard z.contains(where: \.isFinite) else {
            throw .invalidArgument("no district has a Gi* z: all \(tested.count) districts with values have the same value, so their spread S is 0")
        }
        let p = z.map { Significance.pValue(z: $0) }
        let critical = options.fdr
            ? Significance.fdrCriticalValues(smallPValues: p.filter { $0 <= Significance.levels[0] }, testCount: p.filter(\.isFinite).count)
            : Significance.levels
        let simulated: [ConditionalPermutation.Statistic] = options.permutations == 0 ? [] : options.moran ? [.giStar, .localMoran] : [.giStar]
        var pseudoP: [ConditionalPermutation.Statistic: [Double]] = [:]
        for (k, statistic) in simulated.enumerated() {
            let share = 1 / Double(simulated.count)
            pseudoP[statistic] = ConditionalPermutation.pValues(
                x, weights: w, statistic: statistic, permutations: options.permutations, seed: options.seed,
                progress: { checkpoint.goOn(at: (Double(k) + $0) * share) }, stop: { checkpoint.isCancelled })
            // Stopped part way, the units not yet simulated are NaN: the results are never returned.
            try checkpoint.reached(Double(k + 1) * share)
        }
        if simulated.isEmpty { try checkpoint.reached(1) }
        let pseudo = pseudoP[.giStar]
        let moran = options.moran ? LocalMoran(x, weights: w) : nil
        let moranPseudoP = pseudoP[.localMoran]
        var results = zones.indices.map { DistrictHotspot(untested: zones[$0], value: values[$0]) }
        for (k, i) in tested.enumerated() {
            results[i].z = z[k]
            results[i].p = p[k]
            results[i].confidenceClass = Significance.confidenceClass(z: z[k], p: p[k], critical: critical)
            // A pseudo p-value only where the statistic itself is defined (not for islands, nor for
            // equal values, where every permutation ties).
            results[i].pseudoP = z[k].isFinite ? pseudo?[k] : nil
            results[i].neighbourCount = w.neighbours[k].count
            if let moran {
                // With every other district as a neighbour, each permutation draws the same ones:
                // the pseudo p would be rounding noise, and Iᵢ has no variance for a z.
                let permutable = w.neighbours[k].count < tested.count - 1
                let z = permutable ? moran.z[k] : .nan
                let defined = moran.i[k].isFinite && permutable
                results[i].moran = DistrictHotspot.MoranResult(
                    i: moran.i[k], z: z, p: defined ? Significance.pValue(z: z) : .nan,
                    pseudoP: moranPseudoP.map { defined ? $0[k] : .nan }, label: moran.labels[k])
            }
        }
        return results
    }
}
