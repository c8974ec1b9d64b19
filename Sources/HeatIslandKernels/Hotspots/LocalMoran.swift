/// Local Moran's I (Anselin 1995) with row-standardised weights, its analytical moments under
/// randomisation and the cluster label of each unit.
public struct LocalMoran: Sendable, Hashable {
    /// The four quadrants of the Moran scatterplot.
    public enum Label: String, Sendable, Hashable, CaseIterable, Codable {
        /// High value among high neighbours (hot cluster).
        case highHigh = "HH"
        /// Low value among low neighbours (cold cluster).
        case lowLow = "LL"
        /// High value among low neighbours (hot outlier).
        case highLow = "HL"
        /// Low value among high neighbours (cold outlier).
        case lowHigh = "LH"
    }

    /// Iᵢ = (zᵢ / m₂) · Σⱼ wᵢⱼ zⱼ with zᵢ = xᵢ − X̄, m₂ = Σ zᵢ² / (n − 1) (PySAL esda's convention;
    /// Anselin 1995 divides by n) and rows of w summing to 1.
    public var i: [Double]
    /// E[Iᵢ] = −wᵢ / (n − 1) under randomisation.
    public var expected: [Double]
    /// Var[Iᵢ] under randomisation (Anselin 1995, eq. 13).
    public var variance: [Double]
    /// The scatterplot quadrant of each unit (nil for units without a value or neighbours).
    public var labels: [Label?]

    /// Analytical z-scores, (Iᵢ − E[Iᵢ]) / sqrt(Var[Iᵢ]).
    /// (Over the units all three lists have, should a caller have changed one of them.)
    public var z: [Double] { zip(i, zip(expected, variance)).map { ($0 - $1.0) / $1.1.squareRoot() } }

    /// Computes Local Moran's I.
    /// - Parameters:
    ///   - values: One value per unit; units with NaN, and units without neighbours, get NaN (all
    ///     of them do when the count is not the weights' number of units).
    ///   - weights: The neighbours and link weights; rows are standardised here over the neighbours
    ///     with values (esda's default `transform="r"`).
    public init(_ values: [Double], weights: SpatialWeights) {
        let values = UnitMagnitude.scaled(values)
        let units = values.indices.filter { values[$0].isFinite }
        let n = Double(units.count)
        let mean = units.reduce(0.0) { $0 + values[$1] } / n
        let z = values.map { $0 - mean }
        let sumSquares = units.reduce(0.0) { $0 + z[$1] * z[$1] }
        let m2 = sumSquares / (n - 1)
        // The kurtosis term of the variance uses the population moments.
        let b2 = (units.reduce(0.0) { $0 + z[$1] * z[$1] * z[$1] * z[$1] } / n) / ((sumSquares / n) * (sumSquares / n))
        var i = [Double](repeating: .nan, count: values.count)
        var expected = i, variance = i
        var labels = [Label?](repeating: nil, count: values.count)
        // Equal values have no spread to compare: no unit is high or low (I would be 0/0).
        let constant = units.allSatisfy { values[$0] == values[units[0]] }
        let matching = values.count == weights.neighbours.count
        for u in constant || !matching ? [] : units {
            let links = zip(weights.neighbours[u], weights.weights[u]).filter { values[$0.0].isFinite }
            let total = links.reduce(0.0) { $0 + $1.1 }
            guard !links.isEmpty, total > 0 else { continue }
            let lag = links.reduce(0.0) { $0 + $1.1 / total * z[$1.0] }
            // + 0 turns the −0 of a unit at the mean among lower neighbours into 0, which tables
            // would otherwise print as "-0.000000".
            i[u] = z[u] / m2 * lag + 0
            // Row-standardised: wᵢ = Σⱼ wᵢⱼ = 1, wᵢ₍₂₎ = Σⱼ wᵢⱼ², 2wᵢ₍kh₎ = Σₖ Σₕ≠ₖ wᵢₖwᵢₕ = 1 − wᵢ₍₂₎.
            let wi2 = links.reduce(0.0) { $0 + ($1.1 / total) * ($1.1 / total) }
            let wikh = 1 - wi2
            expected[u] = -1 / (n - 1)
            variance[u] = wi2 * (n - b2) / (n - 1) + wikh * (2 * b2 - n) / ((n - 1) * (n - 2)) - 1 / ((n - 1) * (n - 1))
            labels[u] = z[u] >= 0 ? (lag >= 0 ? .highHigh : .highLow) : (lag >= 0 ? .lowHigh : .lowLow)
        }
        self.i = i
        self.expected = expected
        self.variance = variance
        self.labels = labels
    }
}
