import HeatIslandKernels

/// Runs the decode kernel on arrays for tests, with the product parameters they share.
/// Landsat C2 L2: K = DN × 0.00341802 + 149.0; MODIS: K = DN × 0.02; °C = K − 273.15.
enum DecodeHarness {
    static let landsat = LSTDecodeParameters(
        scale: 0.00341802, offset: 149.0, inputIsKelvin: true, fillValue: 0, validRawRange: 1...65535)
    static let modis = LSTDecodeParameters(
        scale: 0.02, offset: 0, inputIsKelvin: true, fillValue: 0, validRawRange: 7500...65535)

    /// Decodes UInt16 values; returns the output and the counts.
    static func decode(_ raw: [UInt16], qa: [UInt16]? = nil, mask: QAPixelFlags = .defaultMask,
                _ p: LSTDecodeParameters) throws -> ([Float], MaskCounts) {
        try run(raw, qa: qa) { try LSTDecoder.decode(raw: $0, qa: $1, qaMask: mask, parameters: p, into: $2) }
    }

    /// Decodes Float values; returns the output and the counts.
    static func decode(values: [Float], qa: [UInt16]? = nil, mask: QAPixelFlags = .defaultMask,
                _ p: LSTDecodeParameters) throws -> ([Float], MaskCounts) {
        try run(values, qa: qa) { try LSTDecoder.decode(values: $0, qa: $1, qaMask: mask, parameters: p, into: $2) }
    }

    /// Hands the arrays to one of the kernel's entry points as buffers.
    private static func run<T>(
        _ input: [T], qa: [UInt16]?,
        _ kernel: (UnsafeBufferPointer<T>, UnsafeBufferPointer<UInt16>?, UnsafeMutableBufferPointer<Float>) throws -> MaskCounts
    ) throws -> ([Float], MaskCounts) {
        var out = [Float](repeating: 0, count: input.count)
        let counts = try input.withUnsafeBufferPointer { i in
            try out.withUnsafeMutableBufferPointer { o in
                guard let qa else { return try kernel(i, nil, o) }
                return try qa.withUnsafeBufferPointer { q in try kernel(i, q, o) }
            }
        }
        return (out, counts)
    }

    // MARK: Landsat scaling

}
