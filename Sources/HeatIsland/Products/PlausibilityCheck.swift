import HeatIslandKernels

/// Guards against decoding a raster in the wrong unit or scale, which would otherwise produce
/// confident but meaningless temperatures.
enum PlausibilityCheck {
    /// Fails when most pixels that survive masking lie outside the physically possible range (and
    /// the product's raw valid range): a raster in another unit or scale (kelvin read as °C, a
    /// summer scene in °F, a wrong scale) rather than a hot or cold day.
    /// - Parameters:
    ///   - physical: The physically possible range (°C).
    ///   - raw: The product's valid range of raw values, when it has one.
    static func require(
        _ counts: MaskCounts, physical: ClosedRange<Float>, raw: ClosedRange<Double>?, path: String, product: LSTProduct
    ) throws(HeatIslandError) {
        let considered = counts.valid + counts.outOfRange
        guard considered > 0, counts.outOfRange * 2 > considered else { return }
        // Ranges from metadata can hold any number (1e20, infinity): never through Int(_:), which traps.
        func text(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
        let rawText = raw.map { " and the raw valid range \(text($0.lowerBound))…\(text($0.upperBound))" } ?? ""
        let share = Double(counts.outOfRange) / Double(considered) * 100
        throw .implausibleValues(
            path: path,
            detail: "\(Int(share.rounded())) % of \(considered) unmasked pixels lie outside the physically possible \(text(Double(physical.lowerBound)))…\(text(Double(physical.upperBound))) °C\(rawText) when read as \(product.displayName); check the product, unit or scale")
    }

    /// Drops values outside the caller's plausible range, moving them from `valid` to `outOfRange`.
    static func restrict(_ buffer: UnsafeMutableBufferPointer<Float>, to range: ClosedRange<Float>, counts: inout MaskCounts) {
        let dropped = LSTDecoder.restrict(buffer, to: range)
        counts.valid -= dropped
        counts.outOfRange += dropped
    }

    /// Moves the valid values outside `range` from `valid` to `outOfRange` in `counts`, keeping them
    /// in the buffer: a caller's range wider than the physical one must not hide a wrong unit.
    static func countOutside(_ buffer: UnsafeMutableBufferPointer<Float>, _ range: ClosedRange<Float>, counts: inout MaskCounts) {
        var outside = 0
        for v in buffer where v.isFinite && !range.contains(v) { outside += 1 }
        counts.valid -= outside
        counts.outOfRange += outside
    }

    /// The mask counts in words, for error messages.
    static func summary(_ counts: MaskCounts) -> String {
        let causes = MaskCause.allCases.filter { counts[$0] > 0 }.map { "\(counts[$0]) \($0.rawValue)" }
        return "of \(counts.total) pixels: " + (causes.isEmpty ? "none masked" : causes.joined(separator: ", "))
    }
}
