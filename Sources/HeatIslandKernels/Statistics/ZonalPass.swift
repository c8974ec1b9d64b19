/// One reduction pass over the covered cells of a zone in a block: runs of fully covered cells,
/// summed into SIMD lanes, and single partly covered cells, summed one by one.
///
/// A small zone is mostly short runs (a 1 km square on 30 m cells is 33 rows of about 30 cells
/// between two boundary cells), so reducing the lanes horizontally after every run cost more than
/// the cells themselves. The lanes are not reduced when the pass ends either: they go back into the
/// ``ZonalAccumulator`` as they are, and the next block's pass carries on with them, so that the
/// cells of a zone meet the same sums in the same order whatever the blocks.
struct ZonalPass {
    /// Where a pass copies values and weights for the quantiles: pointers with room for every cell
    /// of the pass plus eight (whole vectors are stored and the tail is overwritten).
    struct Sink {
        let values: UnsafeMutablePointer<Float>
        let weights: UnsafeMutablePointer<Float>
        var count = 0
    }

    /// The accumulator being continued; its lanes and counts are updated in place.
    private var zone: ZonalAccumulator
    /// The shift, a `Float` value: it fills the lanes of missing cells, which then add exactly 0.
    private var k: Float
    /// The shift in `Double` lanes, subtracted after the values widen: a difference taken in `Float`
    /// is rounded once the values lie far apart (−33.63 and 72.70 in one zone moved its mean by
    /// 3e-6 °C), one taken in `Double` is exact.
    private var kLanes: SIMD4<Double>
    private var valid = SIMD8<Int32>()
    private var chunks = 0
    private var low = SIMD8<Float>(repeating: .infinity), high = SIMD8<Float>(repeating: -.infinity)

    /// A pass that continues `accumulator`: its shift, lanes, sums and counts.
    init(continuing accumulator: ZonalAccumulator) {
        zone = accumulator
        k = Float(accumulator.shift.isNaN ? 0 : accumulator.shift)
        kLanes = SIMD4(repeating: Double(k))
    }

    /// Adds a run of fully covered cells.
    /// - Parameters:
    ///   - run: The first cell.
    ///   - count: Cells in the run.
    ///   - readable: Cells that may be read from `run` on (at least `count`): a short tail is read as
    ///     one vector when eight cells are readable, its extra lanes masked.
    ///   - sink: Receives the valid values with weight 1 when quantiles are wanted.
    @inline(__always)
    mutating func addFull(_ run: UnsafePointer<Float>, count: Int, readable: Int, sink: inout Sink?) {
        zone.fullCells += count
        var i = 0
        while i < count {
            let remaining = count - i
            let (v, active) = Self.chunk(run, from: i, count: count, readable: readable)
            // ±∞ is no temperature either: missing, as in ValueSummary and the Gi* moments.
            let ok = (v .> -.infinity) .& (v .< .infinity) .& active
            if zone.shift.isNaN {
                guard any(ok) else {
                    i += 8
                    continue
                }
                for lane in 0..<8 where ok[lane] {
                    setShift(v[lane])
                    break
                }
            }
            let x = v.replacing(with: SIMD8(repeating: k), where: .!ok)
            let dLow = SIMD4<Double>(x.lowHalf) - kLanes, dHigh = SIMD4<Double>(x.highHalf) - kLanes
            zone.laneSum += dLow + dHigh
            zone.laneSquares += dLow * dLow + dHigh * dHigh
            valid &+= SIMD8<Int32>(repeating: 0).replacing(with: 1, where: ok)
            low.replace(with: v, where: ok .& (v .< low))
            high.replace(with: v, where: ok .& (v .> high))
            if sink != nil {
                let taken = Swift.min(remaining, 8)
                if !(active .& .!ok).anySet {
                    UnsafeMutableRawPointer(sink!.values + sink!.count).storeBytes(of: v, as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(sink!.weights + sink!.count).storeBytes(of: SIMD8<Float>(repeating: 1), as: SIMD8<Float>.self)
                    sink!.count += taken
                } else {
                    for lane in 0..<taken where ok[lane] {
                        sink!.values[sink!.count] = v[lane]
                        sink!.weights[sink!.count] = 1
                        sink!.count += 1
                    }
                }
            }
            // Each lane counts at most one cell per chunk; folding before 2³¹ chunks keeps Int32 exact.
            chunks += 1
            if chunks == Int(Int32.max) { foldCounts() }
            i += 8
        }
    }

    /// Fixes the zone's shift at its first valid value.
    @inline(__always)
    private mutating func setShift(_ value: Float) {
        (zone.shift, k, kLanes) = (Double(value), value, SIMD4(repeating: Double(value)))
    }

    /// Eight cells of a run from cell `i` on, and the lanes that lie within the run: one vector load
    /// when eight cells are readable (the extra lanes then hold whatever follows), else lane by lane
    /// with NaN past the run.
    @inline(__always)
    static func chunk(_ run: UnsafePointer<Float>, from i: Int, count: Int, readable: Int) -> (values: SIMD8<Float>, active: SIMDMask<SIMD8<Int32>>) {
        let remaining = count - i
        var v = SIMD8<Float>(repeating: .nan)
        if remaining >= 8 || readable - i >= 8 {
            v = UnsafeRawPointer(run + i).loadUnaligned(as: SIMD8<Float>.self)
        } else {
            for lane in 0..<remaining { v[lane] = run[i + lane] }
        }
        // Vector against vector: comparing with a scalar compiles to a loop over the lanes here.
        let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
        return (v, lanes .< SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: Swift.min(remaining, 8))))
    }

    /// Adds one partly covered cell.
    /// - Parameters:
    ///   - value: The cell's value; NaN and ±∞ mean missing.
    ///   - coverage: Its coverage fraction; cells with none (or NaN) are ignored, more than 1
    ///     (a caller's slip, or rounding) counts as 1.
    ///   - sink: Receives a valid value and its weight when quantiles are wanted.
    @inline(__always)
    mutating func addPartial(_ value: Float, coverage: Double, sink: inout Sink?) {
        guard coverage > 0 else { return }
        let w = Swift.min(coverage, 1)
        zone.partialCovered += w
        guard value.isFinite else {
            zone.partialMissing += 1
            return
        }
        if zone.shift.isNaN { setShift(value) }
        let d = Double(value) - zone.shift
        zone.partialValid += 1
        zone.partialWeight += w
        zone.partialSum += w * d
        zone.partialSquares += w * d * d
        zone.minimum = Swift.min(zone.minimum, value)
        zone.maximum = Swift.max(zone.maximum, value)
        if sink != nil {
            sink!.values[sink!.count] = value
            sink!.weights[sink!.count] = Float(w)
            sink!.count += 1
        }
    }

    private mutating func foldCounts() {
        for lane in 0..<8 { zone.fullValid += Int(valid[lane]) }
        valid = SIMD8<Int32>()
        chunks = 0
    }

    /// Ends the pass: hands the continued accumulator back with this pass's cells in it.
    mutating func end(into accumulator: inout ZonalAccumulator) {
        foldCounts()
        zone.minimum = Swift.min(zone.minimum, low.min())
        zone.maximum = Swift.max(zone.maximum, high.max())
        accumulator = zone
    }
}
