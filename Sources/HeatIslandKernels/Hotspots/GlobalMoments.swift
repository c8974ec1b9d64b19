import Foundation

/// The count, mean and standard deviation of all valid values, which Gi* compares each
/// neighbourhood against.
public struct GlobalMoments: Sendable, Hashable {
    /// Number of valid (finite) values.
    public var count: Int
    /// Their mean, X̄.
    public var mean: Double
    /// S = sqrt(Σx²/n − X̄²), the population standard deviation.
    public var standardDeviation: Double

    /// Computes the moments of the finite values of a buffer, NaN skipped, in Double with a shift
    /// (the first valid value) against cancellation; chunks run in parallel and merge exactly.
    /// - Parameter values: The values.
    public init(_ values: UnsafeBufferPointer<Float>) {
        var sums = Sums(shift: Double(values.first(where: { $0.isFinite }) ?? 0))
        sums.add(values)
        self = sums.moments
    }

    /// Creates moments from their parts.
    /// - Parameters:
    ///   - count: n.
    ///   - mean: X̄.
    ///   - standardDeviation: S.
    public init(count: Int, mean: Double, standardDeviation: Double) {
        (self.count, self.mean, self.standardDeviation) = (count, mean, standardDeviation)
    }

    /// Count, sum and sum of squares of values that arrive in pieces (blocks of a raster streamed
    /// from disk), shifted by a constant against cancellation.
    public struct Sums: Sendable, Hashable {
        /// The constant subtracted from every value; pick a typical value (the first valid one).
        public let shift: Double
        /// Valid values so far.
        public private(set) var count = 0
        private var sum = 0.0
        private var squares = 0.0

        /// Empty sums.
        /// - Parameter shift: Subtracted from every value before summing.
        public init(shift: Double) {
            self.shift = shift
        }

        /// Adds the finite values of a buffer, in parallel chunks for large buffers.
        /// - Parameter values: The values; NaN and infinities are skipped.
        public mutating func add(_ values: UnsafeBufferPointer<Float>) {
            let chunks = max(1, min(64, values.count / 1_000_000))
            var partial = [(n: Int, s: Double, q: Double)](repeating: (0, 0, 0), count: chunks)
            let shift = self.shift
            partial.withUnsafeMutableBufferPointer { out in
                let shared = UnsafeSendable((values: values, out: out))
                DispatchQueue.concurrentPerform(iterations: chunks) { k in
                    let range = (shared.value.values.count * k / chunks)..<(shared.value.values.count * (k + 1) / chunks)
                    var n = 0
                    var s = 0.0, q = 0.0
                    for i in range {
                        let v = shared.value.values[i]
                        guard v.isFinite else { continue }
                        let d = Double(v) - shift
                        s += d
                        q += d * d
                        n &+= 1
                    }
                    shared.value.out[k] = (n, s, q)
                }
            }
            for p in partial {
                count += p.n
                sum += p.s
                squares += p.q
            }
        }

        /// n, X̄ and S of everything added (NaN mean and S when nothing was).
        public var moments: GlobalMoments {
            guard count > 0 else { return GlobalMoments(count: 0, mean: .nan, standardDeviation: .nan) }
            let m = sum / Double(count)
            return GlobalMoments(count: count, mean: shift + m, standardDeviation: max(0, squares / Double(count) - m * m).squareRoot())
        }
    }

    /// Moments given directly (for zone values).
    /// - Parameter values: The values; non-finite ones are skipped.
    public init(_ values: [Double]) {
        let finite = values.filter(\.isFinite)
        count = finite.count
        // Equal values have S = 0 exactly: their rounded mean would leave S at a rounding error,
        // and Gi* at that error's ratio to another instead of undefined.
        if let first = finite.first, finite.allSatisfy({ $0 == first }) {
            (mean, standardDeviation) = (first, 0)
            return
        }
        mean = finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        let m = mean
        standardDeviation = finite.isEmpty ? .nan : (finite.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(finite.count)).squareRoot()
    }

    /// Gi* for a neighbourhood with binary weights: `localSum` = Σ x over its valid cells and
    /// `weight` = their number (Σw = Σw² for binary weights).
    ///
    /// Gi* = (Σⱼ wᵢⱼxⱼ − X̄ Σⱼ wᵢⱼ) / (S · sqrt((n Σⱼ wᵢⱼ² − (Σⱼ wᵢⱼ)²) / (n − 1))).
    /// NaN when the denominator is 0 (a neighbourhood holding every value, or S = 0).
    @inlinable
    public func giStar(localSum: Double, weight: Double, weightSquares: Double) -> Double {
        let denominator = giStarDenominator(weight: weight, weightSquares: weightSquares)
        return denominator > 0 ? (localSum - mean * weight) / denominator : .nan
    }

    /// The denominator of Gi*, S · sqrt((n Σw² − (Σw)²) / (n − 1)).
    @inlinable
    public func giStarDenominator(weight: Double, weightSquares: Double) -> Double {
        let n = Double(count)
        return standardDeviation * ((n * weightSquares - weight * weight) / (n - 1)).squareRoot()
    }
}
