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
    /// (the first valid value) against cancellation. The result is bit for bit that of ``Sums``
    /// given the same values in any number of calls.
    /// - Parameter values: The values.
    public init(_ values: UnsafeBufferPointer<Float>) {
        var sums = Sums()
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

    /// Count, sum and sum of squares of values that arrive in parts (blocks of a raster streamed
    /// from disk), shifted by a constant against cancellation.
    ///
    /// The result depends only on the sequence of values, not on how it is split into calls to
    /// ``add(_:)``: a streamed raster's moments equal those of the whole raster in memory, bit for
    /// bit. The sequence is cut into pieces of ``pieceSize`` values at fixed positions (every
    /// value counts, NaN included); each piece is summed from zero in eight lanes by position
    /// (value i of a piece in lane i mod 8, each lane in order), and the pieces' lanes are added to
    /// the totals in order. A piece that straddles two calls continues from the
    /// state the first call left, so its additions are the same; whole pieces within one call are
    /// summed in parallel.
    public struct Sums: Sendable, Hashable {
        /// Values per piece: large enough that the per-piece work outweighs its scheduling, small
        /// enough that a block row of a raster holds several, to keep both cores busy.
        public static let pieceSize = 1 << 16

        /// The constant subtracted from every value: the first finite value added, so that the
        /// choice too is independent of the split (`nil` until one arrives).
        public private(set) var shift: Double?
        /// The completed pieces, folded one after another.
        private var completed = Totals()
        /// The piece in progress.
        private var current = Piece()
        /// Values passed so far, NaN included: where the current piece stands.
        private var position = 0

        /// Valid values so far.
        public var count: Int { completed.count + current.count }

        /// Count, Σ(x − shift) and Σ(x − shift)² of the completed pieces.
        private struct Totals: Sendable, Hashable {
            var count = 0
            var sum = 0.0
            var squares = 0.0

            /// Adds a piece's lanes, in lane order.
            mutating func fold(_ piece: Piece) {
                count += piece.count
                for lane in 0..<Piece.lanes {
                    sum += piece.sums[lane]
                    squares += piece.squares[lane]
                }
            }
        }

        /// Count, Σ(x − shift) and Σ(x − shift)² of one piece in eight lanes: the value at offset
        /// i of the piece goes to lane i mod 8. Eight chains of additions run side by side where
        /// one waited on each addition, and each lane's additions are the same however the piece
        /// is split between calls.
        private struct Piece: Sendable, Hashable {
            static let lanes = 8
            var counts = SIMD8<Int32>()
            var sums = SIMD8<Double>()
            var squares = SIMD8<Double>()

            var count: Int { Int(counts.wrappedSum()) }

            /// Continues the sums over `values`, the first of which is at `offset` in the piece.
            mutating func accumulate(_ values: UnsafeBufferPointer<Float>, from offset: Int, shift: Double) {
                guard let v = values.baseAddress else { return }
                var i = 0
                // One at a time up to a lane boundary, and after the last whole eight.
                let add = { (piece: inout Piece, value: Float, lane: Int) in
                    guard value.isFinite else { return }
                    let d = Double(value) - shift
                    piece.sums[lane] += d
                    piece.squares[lane] += d * d
                    piece.counts[lane] &+= 1
                }
                while i < values.count, (offset + i) % Self.lanes != 0 {
                    add(&self, v[i], (offset + i) % Self.lanes)
                    i += 1
                }
                var (n, s, q) = (counts, sums, squares)
                while i + Self.lanes <= values.count {
                    let x = UnsafeRawPointer(v + i).loadUnaligned(as: SIMD8<Float>.self)
                    let d = SIMD8<Double>(x) - shift
                    // NaN and ±∞ (neither is between the infinities) add 0, which changes nothing:
                    // a lane's sum is never −0.
                    let kept = d.replacing(with: 0, where: .!((d .< .infinity) .& (d .> -.infinity)))
                    s += kept
                    q += kept * kept
                    n &+= SIMD8<Int32>(repeating: 0).replacing(with: 1, where: (x .< .infinity) .& (x .> -.infinity))
                    i += Self.lanes
                }
                (counts, sums, squares) = (n, s, q)
                while i < values.count {
                    add(&self, v[i], (offset + i) % Self.lanes)
                    i += 1
                }
            }
        }

        /// Empty sums.
        public init() {}

        /// Empty sums with a shift chosen by the caller instead of the first finite value (a
        /// typical value of the data): the result is as independent of the split as with ``init()``.
        /// - Parameter shift: Subtracted from every value before summing.
        public init(shift: Double) {
            self.shift = shift
        }

        /// Adds the finite values of a buffer: NaN and infinities are skipped but count towards
        /// the positions of the pieces.
        /// - Parameter values: The next values of the sequence.
        public mutating func add(_ values: UnsafeBufferPointer<Float>) {
            if shift == nil, let first = values.first(where: { $0.isFinite }) { shift = Double(first) }
            // Pieces before the first finite value hold only NaN: their sums are 0 whatever the shift.
            let shift = self.shift ?? 0
            var start = 0
            // The rest of the piece in progress.
            let offset = position % Self.pieceSize
            if offset > 0 {
                start = min(values.count, Self.pieceSize - offset)
                current.accumulate(UnsafeBufferPointer(rebasing: values[0..<start]), from: offset, shift: shift)
                completeIfFull(offset + start)
            }
            // Whole pieces, in parallel, folded in order.
            let whole = (values.count - start) / Self.pieceSize
            if whole > 0 {
                var pieces = [Piece](repeating: Piece(), count: whole)
                pieces.withUnsafeMutableBufferPointer { out in
                    let shared = UnsafeSendable((values: values, out: out))
                    let base = start
                    DispatchQueue.concurrentPerform(iterations: whole) { k in
                        let first = base + k * Self.pieceSize
                        shared.value.out[k].accumulate(
                            UnsafeBufferPointer(rebasing: shared.value.values[first..<(first + Self.pieceSize)]), from: 0, shift: shift)
                    }
                }
                for piece in pieces { completed.fold(piece) }
                start += whole * Self.pieceSize
            }
            // The start of the next piece.
            current.accumulate(UnsafeBufferPointer(rebasing: values[start...]), from: (position + start) % Self.pieceSize, shift: shift)
            position += values.count
        }

        /// Folds the current piece into the totals once it has all `filled` of its values.
        private mutating func completeIfFull(_ filled: Int) {
            guard filled == Self.pieceSize else { return }
            completed.fold(current)
            current = Piece()
        }

        /// n, X̄ and S of everything added (NaN mean and S when nothing was).
        public var moments: GlobalMoments {
            // The piece in progress comes last, as it would once complete.
            var total = completed
            total.fold(current)
            guard total.count > 0, let shift else { return GlobalMoments(count: 0, mean: .nan, standardDeviation: .nan) }
            let m = total.sum / Double(total.count)
            return GlobalMoments(count: total.count, mean: shift + m, standardDeviation: max(0, total.squares / Double(total.count) - m * m).squareRoot())
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
