import Foundation

/// Conditional-permutation pseudo p-values for local statistics, as PySAL esda computes them: each
/// unit keeps its own value while its neighbours' values are drawn at random from the other units,
/// `permutations` times; p = (L + 1)/(permutations + 1), where L counts the simulated values at
/// least as extreme as the observed one on its side: the smaller of the counts at or above it and at
/// or below it. A draw that ties with the observed value counts on both sides; esda's `p_sim` counts
/// it on the upper side only, which makes a lower-tail p too small when ties are common (one nearest
/// neighbour, where one draw in n − 1 is the observed neighbour). Without ties the two agree.
///
/// Every unit draws from its own generator, seeded from a hash of `seed` and the unit's index, so
/// results are reproducible, independent of the number of threads, and the units' streams do not
/// overlap. They are not the same draws as NumPy's.
public enum ConditionalPermutation {
    /// The local statistic to simulate.
    public enum Statistic: Sendable, Hashable {
        /// Getis-Ord Gi* (the links' weights, the unit included with weight 1).
        case giStar
        /// Local Moran's I (row-standardised weights).
        case localMoran
    }

    /// The most permutations a unit may draw: p-values cannot resolve more than six decimals, and
    /// the count must stay far from `Int.max`.
    public static let maximumPermutations = 10_000_000

    /// Pseudo p-values, NaN for units without a value or neighbours.
    /// - Parameters:
    ///   - values: One value per unit (NaN: not a unit); with a count other than the weights'
    ///     units, every unit gets NaN.
    ///   - weights: The neighbours.
    ///   - statistic: Gi* or Local Moran's I.
    ///   - permutations: Number of random draws per unit (999 is customary; at most ``maximumPermutations``).
    ///   - seed: Makes the draws reproducible.
    ///   - progress: Gets the fraction of units done after each group of units, one call at a time
    ///     from whichever core finished it; returning `false` stops the work, leaving the units not
    ///     yet simulated NaN.
    ///   - stop: Asked every 4096 draws within a unit; returning `true` stops the work as
    ///     `progress` returning `false` does. With few units a group is one unit, whose draws can
    ///     take seconds before `progress` is next called.
    public static func pValues(
        _ values: [Double], weights: SpatialWeights, statistic: Statistic, permutations: Int, seed: UInt64,
        progress: (@Sendable (Double) -> Bool)? = nil, stop: (@Sendable () -> Bool)? = nil
    ) -> [Double] {
        guard values.count == weights.neighbours.count else { return values.map { _ in .nan } }
        let values = UnitMagnitude.scaled(values)
        let units = values.indices.filter { values[$0].isFinite }
        let n = Double(units.count)
        let mean = units.reduce(0.0) { $0 + values[$1] } / n
        let sumSquares = units.reduce(0.0) { $0 + (values[$1] - mean) * (values[$1] - mean) }
        let moments = GlobalMoments(units.map { values[$0] })
        /// The statistic of unit `u` with its neighbours' values replaced by `draw`, the k-th drawn
        /// value taking the k-th link's weight `w[k]`; `total` is Σw and `squares` 1 + Σw².
        @Sendable func stat(_ u: Int, _ draw: [Double], _ w: [Double], total: Double, squares: Double) -> Double {
            var weighted = 0.0
            for k in draw.indices { weighted += w[k] * draw[k] }
            switch statistic {
            case .giStar:
                return moments.giStar(localSum: values[u] + weighted, weight: 1 + total, weightSquares: squares)
            case .localMoran:
                let lag = (weighted - mean * total) / total
                return (values[u] - mean) / (sumSquares / (n - 1)) * lag
            }
        }
        let tracker = progress.map { WorkProgress(total: units.count, report: $0) }
        /// Unit `u`'s pseudo p-value, NaN without neighbours (or when a report asked to stop: with
        /// few districts a group is one district, whose draws alone took seconds).
        @Sendable func pValue(_ u: Int) -> Double {
            let links = zip(weights.neighbours[u], weights.weights[u]).filter { values[$0.0].isFinite }
            let neighbours = links.map(\.0), linkWeights = links.map(\.1)
            guard !neighbours.isEmpty, (1...maximumPermutations).contains(permutations) else { return .nan }
            let total = linkWeights.reduce(0, +), squares = linkWeights.reduce(1.0) { $0 + $1 * $1 }
            let observed = stat(u, neighbours.map { values[$0] }, linkWeights, total: total, squares: squares)
            var pool = units.filter { $0 != u }
            // The unit's stream starts at a hashed position: seeded with seed ^ u·γ, unit u's
            // stream was unit 0's shifted by u draws whenever the seed was 0.
            var seeder = SplitMix64(seed: seed &+ UInt64(u) &* 0x9E37_79B9_7F4A_7C15)
            var generator = SplitMix64(seed: seeder.next())
            // Equal weights make the statistic a function of the drawn set: summed in ascending
            // unit order, as the observed neighbours are, drawing the observed set ties exactly.
            let equalWeights = linkWeights.allSatisfy { $0 == linkWeights[0] }
            var (atLeast, atMost) = (0, 0)
            var draw = [Double](repeating: 0, count: neighbours.count)
            for i in 0..<permutations {
                if i & 4095 == 4095, tracker?.stopped == true || stop?() == true { return .nan }
                // A partial Fisher–Yates shuffle picks k distinct other units.
                for j in 0..<neighbours.count {
                    let pick = j + Int(generator.next() % UInt64(pool.count - j))
                    pool.swapAt(j, pick)
                }
                if equalWeights && neighbours.count > 1 { pool[0..<neighbours.count].sort() }
                for j in 0..<neighbours.count { draw[j] = values[pool[j]] }
                let simulated = stat(u, draw, linkWeights, total: total, squares: squares)
                if simulated >= observed { atLeast += 1 }
                if simulated <= observed { atMost += 1 }
            }
            return Double(min(atLeast, atMost) + 1) / Double(permutations + 1)
        }
        // Groups of units, a few per core, so that progress comes often enough for a bar and a stop
        // waits for at most one group per core.
        let groups = min(units.count, 64 * ProcessInfo.processInfo.activeProcessorCount)
        var result = [Double](repeating: .nan, count: values.count)
        result.withUnsafeMutableBufferPointer { out in
            let shared = UnsafeSendable(out)
            DispatchQueue.concurrentPerform(iterations: groups) { group in
                guard tracker?.stopped != true, stop?() != true else { return }
                let members = (units.count * group / groups)..<(units.count * (group + 1) / groups)
                for k in members { shared.value[units[k]] = pValue(units[k]) }
                _ = tracker?.finished(members.count)
            }
        }
        return result
    }
}

/// A small, fast, well-mixed generator (Steele, Lea & Flood 2014), seeded explicitly.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
