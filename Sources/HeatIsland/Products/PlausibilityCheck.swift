import HeatIslandKernels

/// Guards against decoding a raster in the wrong unit or scale, which would otherwise produce
/// confident but meaningless temperatures.
enum PlausibilityCheck {
    /// Fails when most pixels that survive masking lie outside the physically possible range.
    static func require(_ counts: MaskCounts, physical: ClosedRange<Float>, path: String, product: LSTProduct) throws(HeatIslandError) {
        let considered = counts.valid + counts.outOfRange
        guard considered > 0, counts.outOfRange * 2 > considered else { return }
        let share = Double(counts.outOfRange) / Double(considered) * 100
        throw .implausibleValues(
            path: path,
            detail: "\(Int(share.rounded())) % of \(considered) unmasked pixels lie outside \(Int(physical.lowerBound))…\(Int(physical.upperBound)) °C when read as \(product.displayName); check the product, unit or scale")
    }

    /// Drops values outside the caller's plausible range, moving them from `valid` to `outOfRange`.
    static func restrict(_ buffer: UnsafeMutableBufferPointer<Float>, to range: ClosedRange<Float>, counts: inout MaskCounts) {
        let (lo, hi) = (range.lowerBound, range.upperBound)
        var dropped = 0
        // Eight at a time first (every pixel of a scene passes here), then the tail.
        var start = 0
        if let base = buffer.baseAddress {
            let n = buffer.count & ~7
            // Vector constants: replacing lanes with a scalar compiles to a loop over the lanes.
            let (low, high, nan) = (SIMD8<Float>(repeating: lo), SIMD8<Float>(repeating: hi), SIMD8<Float>(repeating: .nan))
            while start < n {
                let end = min(n, start + 8 << 20)
                var lanes = SIMD8<Int32>()
                for i in stride(from: start, to: end, by: 8) {
                    let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self)
                    let outside = (v .< low) .| (v .> high)
                    UnsafeMutableRawPointer(base + i).storeBytes(of: v.replacing(with: nan, where: outside), as: SIMD8<Float>.self)
                    lanes &+= SIMD8<Int32>().replacing(with: 1, where: outside)
                }
                dropped += Int(lanes.wrappedSum())
                start = end
            }
        }
        for i in start..<buffer.count {
            let v = buffer[i]
            // NaN compares false both ways and stays NaN.
            if v < lo || v > hi {
                buffer[i] = .nan
                dropped += 1
            }
        }
        counts.valid -= dropped
        counts.outOfRange += dropped
    }

    /// The mask counts in words, for error messages.
    static func summary(_ counts: MaskCounts) -> String {
        let causes = MaskCause.allCases.filter { counts[$0] > 0 }.map { "\(counts[$0]) \($0.rawValue)" }
        return "of \(counts.total) pixels: " + (causes.isEmpty ? "none masked" : causes.joined(separator: ", "))
    }
}
