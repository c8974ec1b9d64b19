/// Decodes blocks of raw land-surface-temperature values to °C, masking by nodata, QA flags and
/// range, and counting every masked pixel under its cause.
///
/// Buffers are row-major blocks of equal length; masked pixels become NaN in the output. The two
/// entry points differ only in the input type: packed integers (Landsat, MODIS) or floats. Each
/// decodes eight pixels at a time in a loop of its own type, and the pixels those loops leave
/// (a block's last few, and float rasters with a QA band) one at a time through one per-pixel test.
public enum LSTDecoder {
    /// Decodes packed UInt16 values (Landsat C2 L2 `ST_B10`, MODIS `LST_Day_1km`).
    /// - Parameters:
    ///   - raw: Stored values.
    ///   - qa: The matching Landsat `QA_PIXEL` words, or `nil`.
    ///   - qaMask: The QA flags that mask a pixel (fill always does).
    ///   - parameters: Scale, offset, fill and valid ranges.
    ///   - out: Receives °C, NaN where masked; same length as `raw`.
    /// - Returns: Valid and masked pixel counts.
    /// - Throws: ``DecodeError/lengthMismatch(expected:actual:)`` when buffer lengths differ.
    public static func decode(
        raw: UnsafeBufferPointer<UInt16>, qa: UnsafeBufferPointer<UInt16>?, qaMask: QAPixelFlags,
        parameters: LSTDecodeParameters, into out: UnsafeMutableBufferPointer<Float>
    ) throws(DecodeError) -> MaskCounts {
        try checkLengths(raw.count, qa: qa, out: out)
        let scale = Float(parameters.scale), offset = parameters.celsiusOffset
        let (lo, hi) = (parameters.validCelsius.lowerBound, parameters.validCelsius.upperBound)
        // Integer bounds make the raw-range test exact; a fill value that no UInt16 can hold never matches.
        let fill: Int32 = parameters.fillValue.flatMap { Int32(exactly: $0) } ?? -1
        let productFill: Int32 = parameters.productFillValue.flatMap { Int32(exactly: $0) } ?? -1
        // Clamp before narrowing: a range beyond UInt16 (or infinite) must not trap in Int32(_:).
        let rawLo = Int32(min(max(parameters.validRawRange?.lowerBound ?? 0, 0), 65536).rounded(.up))
        let rawHi = Int32(max(min(parameters.validRawRange?.upperBound ?? 65535, 65535), -1).rounded(.down))
        let masking = QAMasking(mask: qaMask)
        var tally = Tally()
        let vectorised = decodeEights(raw, qa: qa, masking: masking, scale: scale, offset: offset, fill: fill,
                                      productFill: productFill, raw: rawLo...max(rawLo, rawHi), empty: rawHi < rawLo, celsius: lo...hi, into: out, tally: &tally)
        for i in vectorised..<raw.count {
            let r = Int32(raw[i])
            out[i] = pixel(isFill: r == fill || r == productFill, qa: qa?[i] ?? 0, masking: masking, rawInRange: r >= rawLo && r <= rawHi,
                           celsius: Float(r) * scale + offset, valid: lo...hi, tally: &tally)
        }
        return tally.counts
    }

    /// Decodes float values (already-scaled kelvin or °C rasters, or unpacked integers).
    /// NaN input counts as fill and infinities as out of range.
    /// - Parameters:
    ///   - values: Stored values.
    ///   - qa: Matching Landsat `QA_PIXEL` words, or `nil`.
    ///   - qaMask: The QA flags that mask a pixel (fill always does).
    ///   - parameters: Scale, offset, fill and valid ranges.
    ///   - out: Receives °C, NaN where masked; same length as `values`. It may be the memory of
    ///     `values` itself (decoding in place): a cell is written only once its value has been read.
    /// - Returns: Valid and masked pixel counts.
    /// - Throws: ``DecodeError/lengthMismatch(expected:actual:)`` when buffer lengths differ.
    public static func decode(
        values: UnsafeBufferPointer<Float>, qa: UnsafeBufferPointer<UInt16>?, qaMask: QAPixelFlags,
        parameters: LSTDecodeParameters, into out: UnsafeMutableBufferPointer<Float>
    ) throws(DecodeError) -> MaskCounts {
        try checkLengths(values.count, qa: qa, out: out)
        let scale = Float(parameters.scale), offset = parameters.celsiusOffset
        let (lo, hi) = (parameters.validCelsius.lowerBound, parameters.validCelsius.upperBound)
        let fill = parameters.fillValue.map(Float.init) ?? .nan
        let productFill = parameters.productFillValue.map(Float.init) ?? .nan
        let rawLo = Float(parameters.validRawRange?.lowerBound ?? -.infinity)
        let rawHi = Float(parameters.validRawRange?.upperBound ?? .infinity)
        let masking = QAMasking(mask: qaMask)
        var tally = Tally()
        let vectorised = qa == nil ? decodeEights(values, scale: scale, offset: offset, fill: fill, productFill: productFill, raw: rawLo...rawHi, celsius: lo...hi, into: out, tally: &tally) : 0
        for i in vectorised..<values.count {
            let v = values[i]
            out[i] = pixel(isFill: v.isNaN || v == fill || v == productFill, qa: qa?[i] ?? 0, masking: masking, rawInRange: v >= rawLo && v <= rawHi,
                           celsius: v * scale + offset, valid: lo...hi, tally: &tally)
        }
        return tally.counts
    }

    /// One pixel, tested in the order that names its cause: fill (the stored fill values, or the QA
    /// band's fill bit), then the QA flags, then the stored and the °C ranges.
    /// - Returns: The temperature in °C, or NaN when the pixel is masked.
    @inline(__always)
    private static func pixel(
        isFill: Bool, qa q: UInt16, masking: QAMasking, rawInRange: Bool, celsius c: Float, valid: ClosedRange<Float>, tally: inout Tally
    ) -> Float {
        if isFill || q & 1 != 0 {
            tally.fill &+= 1
            return .nan
        }
        if q & masking.bits != 0 {
            masking.count(q, into: &tally)
            return .nan
        }
        if !rawInRange || !(c >= valid.lowerBound && c <= valid.upperBound) || !c.isFinite {
            tally.outOfRange &+= 1
            return .nan
        }
        tally.valid &+= 1
        return c
    }

    /// Packed pixels eight at a time, exactly as the loop of
    /// ``decode(raw:qa:qaMask:parameters:into:)`` would take them one by one: one vector test finds
    /// the pixels the QA band masks, and only vectors holding such pixels name their causes lane by
    /// lane.
    /// - Returns: How many leading pixels were decoded (a multiple of eight).
    private static func decodeEights(
        _ values: UnsafeBufferPointer<UInt16>, qa: UnsafeBufferPointer<UInt16>?, masking: QAMasking, scale: Float, offset: Float,
        fill: Int32, productFill: Int32, raw: ClosedRange<Int32>, empty: Bool, celsius: ClosedRange<Float>, into out: UnsafeMutableBufferPointer<Float>,
        tally: inout Tally
    ) -> Int {
        guard let source = values.baseAddress, let target = out.baseAddress else { return 0 }
        let n = values.count & ~7
        let qaBase = qa?.baseAddress
        let (one, none) = (SIMD8<Int32>(repeating: 1), SIMD8<Int32>())
        // Every constant as a vector: replacing lanes with a scalar compiles to a loop over the lanes.
        typealias V = SIMD8<Float>
        let (scaleV, offsetV, fillV) = (V(repeating: scale), V(repeating: offset), SIMD8<Int32>(repeating: fill))
        let productFillV = SIMD8<Int32>(repeating: productFill)
        let (rawLo, rawHi) = (SIMD8<Int32>(repeating: raw.lowerBound), SIMD8<Int32>(repeating: raw.upperBound))
        let (lo, hi, infinity, nan) = (V(repeating: celsius.lowerBound), V(repeating: celsius.upperBound), V(repeating: .infinity), V(repeating: .nan))
        let (fillBit, qaBits, noQA) = (one, SIMD8<Int32>(repeating: Int32(masking.bits)), SIMD8<UInt16>())
        let rawRangeEmpty = SIMDMask<SIMD8<Int32>>(repeating: empty)
        var start = 0
        while start < n {
            // Lane counters are folded every 2²⁰ vectors, far below what Int32 holds.
            let end = min(n, start + 8 << 20)
            var fills = none, outOfRange = none, qaMasked = 0
            for i in stride(from: start, to: end, by: 8) {
                let r16 = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<UInt16>.self)
                let q = qaBase.map { UnsafeRawPointer($0 + i).loadUnaligned(as: SIMD8<UInt16>.self) } ?? noQA
                let (r, q32) = (SIMD8<Int32>(truncatingIfNeeded: r16), SIMD8<Int32>(truncatingIfNeeded: q))
                let isFill = (r .== fillV) .| (r .== productFillV) .| ((q32 & fillBit) .!= none)
                let byQA = .!isFill .& ((q32 & qaBits) .!= none)
                if any(byQA) {
                    for lane in 0..<8 where byQA[lane] { masking.count(q[lane], into: &tally) }
                    qaMasked &+= Int(none.replacing(with: one, where: byQA).wrappedSum())
                }
                let c = V(r) * scaleV + offsetV
                let rawOK = .!rawRangeEmpty .& (r .>= rawLo) .& (r .<= rawHi)
                let inRange = rawOK .& (c .>= lo) .& (c .<= hi) .& (c .!= infinity) .& (c .!= -infinity)
                let kept = .!isFill .& .!byQA .& inRange
                UnsafeMutableRawPointer(target + i).storeBytes(of: c.replacing(with: nan, where: .!kept), as: V.self)
                fills &+= none.replacing(with: one, where: isFill)
                outOfRange &+= none.replacing(with: one, where: .!isFill .& .!byQA .& .!inRange)
            }
            let (f, r) = (Int(fills.wrappedSum()), Int(outOfRange.wrappedSum()))
            tally.fill &+= f
            tally.outOfRange &+= r
            tally.valid &+= end - start - f - r - qaMasked
            start = end
        }
        return n
    }

    /// Float pixels without a QA band, eight at a time, exactly as the loop of
    /// ``decode(values:qa:qaMask:parameters:into:)`` would take them one by one: rasters already in
    /// kelvin or °C are read this way whole, and the branchy loop cost about 5 ns a pixel.
    /// - Returns: How many leading pixels were decoded (a multiple of eight).
    private static func decodeEights(
        _ values: UnsafeBufferPointer<Float>, scale: Float, offset: Float, fill: Float, productFill: Float, raw: ClosedRange<Float>,
        celsius: ClosedRange<Float>, into out: UnsafeMutableBufferPointer<Float>, tally: inout Tally
    ) -> Int {
        guard let source = values.baseAddress, let target = out.baseAddress else { return 0 }
        let n = values.count & ~7
        let (one, none) = (SIMD8<Int32>(repeating: 1), SIMD8<Int32>())
        // Every constant as a vector: replacing lanes with a scalar compiles to a loop over the lanes.
        typealias V = SIMD8<Float>
        let (fillV, productFillV, scaleV, offsetV) = (V(repeating: fill), V(repeating: productFill), V(repeating: scale), V(repeating: offset))
        let (rawLo, rawHi) = (V(repeating: raw.lowerBound), V(repeating: raw.upperBound))
        let (lo, hi, infinity, nan) = (V(repeating: celsius.lowerBound), V(repeating: celsius.upperBound), V(repeating: .infinity), V(repeating: .nan))
        var start = 0
        while start < n {
            // Lane counters are folded every 2²⁰ vectors, far below what Int32 holds.
            let end = min(n, start + 8 << 20)
            var fills = none, outOfRange = none
            for i in stride(from: start, to: end, by: 8) {
                let v = UnsafeRawPointer(source + i).loadUnaligned(as: V.self)
                let isFill = (v .!= v) .| (v .== fillV) .| (v .== productFillV)
                let c = v * scaleV + offsetV
                let inRange = (v .>= rawLo) .& (v .<= rawHi) .& (c .>= lo) .& (c .<= hi) .& (c .!= infinity) .& (c .!= -infinity)
                let kept = .!isFill .& inRange
                UnsafeMutableRawPointer(target + i).storeBytes(of: c.replacing(with: nan, where: .!kept), as: V.self)
                fills &+= none.replacing(with: one, where: isFill)
                outOfRange &+= none.replacing(with: one, where: .!isFill .& .!inRange)
            }
            let (f, r) = (Int(fills.wrappedSum()), Int(outOfRange.wrappedSum()))
            tally.fill &+= f
            tally.outOfRange &+= r
            tally.valid &+= end - start - f - r
            start = end
        }
        return n
    }

    /// Sets the values outside `range` to NaN (NaN stays NaN), eight at a time.
    /// - Parameters:
    ///   - buffer: Decoded °C values.
    ///   - range: The temperatures to keep.
    /// - Returns: How many values were set to NaN.
    public static func restrict(_ buffer: UnsafeMutableBufferPointer<Float>, to range: ClosedRange<Float>) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var dropped = 0
        // Vector constants: replacing lanes with a scalar compiles to a loop over the lanes.
        let (low, high, nan) = (SIMD8<Float>(repeating: range.lowerBound), SIMD8<Float>(repeating: range.upperBound), SIMD8<Float>(repeating: .nan))
        let (one, none) = (SIMD8<Int32>(repeating: 1), SIMD8<Int32>())
        let whole = buffer.count & ~7
        var start = 0
        while start < whole {
            // Lane counts are folded every 2²⁰ vectors, far below what Int32 holds.
            let end = min(whole, start + 8 << 20)
            var lanes = none
            for i in stride(from: start, to: end, by: 8) {
                let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self)
                let outside = (v .< low) .| (v .> high)
                UnsafeMutableRawPointer(base + i).storeBytes(of: v.replacing(with: nan, where: outside), as: SIMD8<Float>.self)
                lanes &+= none.replacing(with: one, where: outside)
            }
            dropped += Int(lanes.wrappedSum())
            start = end
        }
        // NaN compares false both ways and stays NaN.
        for i in whole..<buffer.count where buffer[i] < range.lowerBound || buffer[i] > range.upperBound {
            buffer[i] = .nan
            dropped += 1
        }
        return dropped
    }

    private static func checkLengths(_ n: Int, qa: UnsafeBufferPointer<UInt16>?, out: UnsafeMutableBufferPointer<Float>) throws(DecodeError) {
        if let qa, qa.count != n { throw .lengthMismatch(expected: n, actual: qa.count) }
        if out.count != n { throw .lengthMismatch(expected: n, actual: out.count) }
    }
}

/// Counters kept in registers during a block; `MaskCounts` is built once at the end.
struct Tally {
    var valid = 0, fill = 0, cloud = 0, cloudShadow = 0, cirrus = 0, dilatedCloud = 0, snow = 0, water = 0, outOfRange = 0

    var counts: MaskCounts {
        var c = MaskCounts()
        (c.valid, c.fill, c.cloud, c.cloudShadow, c.cirrus) = (valid, fill, cloud, cloudShadow, cirrus)
        (c.dilatedCloud, c.snow, c.water, c.outOfRange) = (dilatedCloud, snow, water, outOfRange)
        return c
    }
}

/// The QA test split in two: one AND decides whether a pixel is masked at all (the common case is
/// "no"), and only masked pixels pay for finding the cause in precedence order.
struct QAMasking {
    let bits: UInt16

    init(mask: QAPixelFlags) {
        bits = mask.subtracting(.fill).rawValue
    }

    @inline(__always)
    func count(_ q: UInt16, into tally: inout Tally) {
        let hit = q & bits
        if hit & QAPixelFlags.cloud.rawValue != 0 { tally.cloud &+= 1 }
        else if hit & QAPixelFlags.cloudShadow.rawValue != 0 { tally.cloudShadow &+= 1 }
        else if hit & QAPixelFlags.cirrus.rawValue != 0 { tally.cirrus &+= 1 }
        else if hit & QAPixelFlags.dilatedCloud.rawValue != 0 { tally.dilatedCloud &+= 1 }
        else if hit & QAPixelFlags.snow.rawValue != 0 { tally.snow &+= 1 }
        else { tally.water &+= 1 }
    }
}
