import Foundation

/// Getis-Ord Gi* on raster cells with binary weights over a focal neighbourhood (the cell itself
/// included). Only valid cells count, in the neighbourhood sums and in n, X̄ and S; missing cells
/// get NaN. Rows are split across cores; each chunk keeps its own running sums (``FocalStatistics``
/// gives the same sums and counts).
///
/// Every element of the output is written (NaN where there is no z, and all NaN when the sizes do
/// not fit), so it may be handed over uninitialised: the first touch of a fresh scene-sized buffer
/// then happens on all cores, in the computation, rather than in a fill before it.
public enum RasterGiStar {
    /// Computes the Gi* z-score of every cell.
    /// - Parameters:
    ///   - values: Row-major values, NaN for missing.
    ///   - width: Columns.
    ///   - height: Rows.
    ///   - neighbourhood: The focal window.
    ///   - z: Receives the z-scores (same length as `values`).
    /// - Returns: The global moments used.
    public static func compute(
        _ values: UnsafeBufferPointer<Float>, width: Int, height: Int,
        neighbourhood: FocalNeighbourhood, into z: UnsafeMutableBufferPointer<Float>
    ) -> GlobalMoments {
        compute(values, width: width, height: height, neighbourhood: neighbourhood, output: z)
    }

    /// Computes the Gi* z-scores in Double (for checks against other implementations).
    /// - Parameters:
    ///   - values: Row-major values, NaN for missing.
    ///   - width: Columns.
    ///   - height: Rows.
    ///   - neighbourhood: The focal window.
    ///   - z: Receives the z-scores (same length as `values`).
    /// - Returns: The global moments used.
    public static func compute(
        _ values: UnsafeBufferPointer<Float>, width: Int, height: Int,
        neighbourhood: FocalNeighbourhood, into z: UnsafeMutableBufferPointer<Double>
    ) -> GlobalMoments {
        compute(values, width: width, height: height, neighbourhood: neighbourhood, output: z)
    }

    /// Computes the Gi* z-scores of some rows of a band window, with moments computed elsewhere:
    /// the streaming form, where `values` holds the output rows plus the rows above and below that
    /// their neighbourhoods reach (fewer at the raster's edges) and the moments cover the whole raster.
    /// - Parameters:
    ///   - values: Row-major values of the window, NaN for missing.
    ///   - width: Columns.
    ///   - height: Rows in `values`.
    ///   - rows: The rows of `values` to compute.
    ///   - neighbourhood: The focal window.
    ///   - moments: n, X̄ and S of every valid cell of the raster.
    ///   - z: Receives `rows.count × width` z-scores.
    ///   - progress: Gets the fraction of `rows` done after each band of rows, one call at a time
    ///     from whichever core finished it; returning `false` stops the work, leaving `z` incomplete.
    public static func compute(
        _ values: UnsafeBufferPointer<Float>, width: Int, height: Int, rows: Range<Int>,
        neighbourhood: FocalNeighbourhood, moments: GlobalMoments, into z: UnsafeMutableBufferPointer<Float>,
        progress: (@Sendable (Double) -> Bool)? = nil
    ) {
        compute(values, width: width, height: height, rows: rows, neighbourhood: neighbourhood, moments: moments, output: z,
                progress: progress.map { WorkProgress(total: rows.count, report: $0) })
    }

    private static func compute<T: BinaryFloatingPoint & SendableMetatype>(
        _ values: UnsafeBufferPointer<Float>, width: Int, height: Int,
        neighbourhood: FocalNeighbourhood, output z: UnsafeMutableBufferPointer<T>
    ) -> GlobalMoments {
        let moments = GlobalMoments(values)
        compute(values, width: width, height: height, rows: 0..<height, neighbourhood: neighbourhood, moments: moments, output: z)
        return moments
    }

    private static func compute<T: BinaryFloatingPoint & SendableMetatype>(
        _ values: UnsafeBufferPointer<Float>, width: Int, height: Int, rows: Range<Int>,
        neighbourhood: FocalNeighbourhood, moments: GlobalMoments, output z: UnsafeMutableBufferPointer<T>,
        progress: WorkProgress? = nil
    ) {
        guard width > 0, height > 0, PixelWindow.full(width: width, height: height).pixelCount == values.count, rows.clamped(to: 0..<height) == rows,
              z.count == rows.count * width, !rows.isEmpty else {
            _ = z.initialize(from: repeatElement(T.nan, count: z.count))
            return
        }
        guard let valueBase = values.baseAddress, let zBase = z.baseAddress else { return }
        // 1 / (S · sqrt((n·W − W²)/(n − 1))) for every possible neighbour count W; NaN where it is 0.
        // (W counts valid cells of the raster, so never more than it has.)
        let inverse: [Double] = (0...min(neighbourhood.cellCount, values.count)).map { w in
            let denominator = moments.giStarDenominator(weight: Double(w), weightSquares: Double(w))
            return denominator > 0 ? 1 / denominator : .nan
        }
        inverse.withUnsafeBufferPointer { table in
            guard let table = table.baseAddress else { return }
            let shared = UnsafeSendable((valueBase: valueBase, z: zBase, table: table))
            FocalSums.sweep(values, width: width, height: height, rows: rows, neighbourhood: neighbourhood, progress: progress) {
                y, columns, sums, counts, uniform in
                let (v, out, table) = shared.value
                let (row, into) = (v + y * width, out + (y - rows.lowerBound) * width)
                if let w = uniform {
                    // Every cell of the piece has w valid neighbours: one scale for all of them.
                    let scale = table[Int(w)]
                    zRow(columns, values: row, sums: sums, mean: moments.mean, into: into,
                         weights: { _ in (SIMD4(repeating: w), SIMD4(repeating: scale)) }, weight: { _ in (w, scale) })
                } else {
                    zRow(columns, values: row, sums: sums, mean: moments.mean, into: into, weights: { x in
                        let w = UnsafeRawPointer(counts + x).loadUnaligned(as: SIMD4<Double>.self)
                        return (w, SIMD4(table[Int(w[0])], table[Int(w[1])], table[Int(w[2])], table[Int(w[3])]))
                    }, weight: { x in (counts[x], table[Int(counts[x])]) })
                }
            }
        }
    }

    /// z = (Σ − X̄·W) / denominator(W) over some columns of a row, four cells at a time. Binary
    /// weights make Σw = Σw² = W, the number of valid neighbours, so the denominator's inverse comes
    /// from a table indexed by W.
    /// - Parameters:
    ///   - weights: W and the inverse denominator of the four cells from a column on.
    ///   - weight: The same for one cell.
    @inline(__always)
    private static func zRow<T: BinaryFloatingPoint>(
        _ columns: Range<Int>, values v: UnsafePointer<Float>, sums s: UnsafePointer<Double>, mean: Double,
        into out: UnsafeMutablePointer<T>,
        weights: (Int) -> (w: SIMD4<Double>, scale: SIMD4<Double>), weight: (Int) -> (w: Double, scale: Double)
    ) {
        var x = columns.lowerBound
        while x + 4 <= columns.upperBound {
            let (w, scale) = weights(x)
            // v − v is 0 for a finite value and NaN for a missing one, which the sum then carries.
            let value = UnsafeRawPointer(v + x).loadUnaligned(as: SIMD4<Float>.self)
            let r = (UnsafeRawPointer(s + x).loadUnaligned(as: SIMD4<Double>.self) - mean * w) * scale + SIMD4<Double>(value - value)
            store(r, to: out + x)
            x &+= 4
        }
        while x < columns.upperBound {
            let (w, scale) = weight(x)
            out[x] = v[x].isFinite ? T((s[x] - mean * w) * scale) : .nan
            x &+= 1
        }
    }

    /// Stores four z-scores, converted as one vector when the output is `Float` (element by
    /// element, the conversion was a scalar instruction and a store per cell).
    @inline(__always)
    private static func store<T: BinaryFloatingPoint>(_ r: SIMD4<Double>, to out: UnsafeMutablePointer<T>) {
        if T.self == Float.self {
            UnsafeMutableRawPointer(out).storeBytes(of: SIMD4<Float>(r), as: SIMD4<Float>.self)
        } else {
            for k in 0..<4 { out[k] = T(r[k]) }
        }
    }
}

