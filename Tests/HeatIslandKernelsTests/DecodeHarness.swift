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
        var out = [Float](repeating: 0, count: raw.count)
        let counts = try raw.withUnsafeBufferPointer { r in
            try out.withUnsafeMutableBufferPointer { o in
                if let qa {
                    return try qa.withUnsafeBufferPointer { q in
                        try LSTDecoder.decode(raw: r, qa: q, qaMask: mask, parameters: p, into: o)
                    }
                }
                return try LSTDecoder.decode(raw: r, qa: nil, qaMask: mask, parameters: p, into: o)
            }
        }
        return (out, counts)
    }

    /// Decodes Float values; returns the output and the counts.
    static func decode(values: [Float], qa: [UInt16]? = nil, mask: QAPixelFlags = .defaultMask,
                _ p: LSTDecodeParameters) throws -> ([Float], MaskCounts) {
        var out = [Float](repeating: 0, count: values.count)
        let counts = try values.withUnsafeBufferPointer { v in
            try out.withUnsafeMutableBufferPointer { o in
                if let qa {
                    return try qa.withUnsafeBufferPointer { q in
                        try LSTDecoder.decode(values: v, qa: q, qaMask: mask, parameters: p, into: o)
                    }
                }
                return try LSTDecoder.decode(values: v, qa: nil, qaMask: mask, parameters: p, into: o)
            }
        }
        return (out, counts)
    }

    // MARK: Landsat scaling

}
