import HeatIslandKernels
import Testing

/// The decode kernel on hand-worked pixels. Landsat: K = DN × 0.00341802 + 149.0; MODIS: K = DN × 0.02.
struct LSTDecoderTests {
    @Test func landsatDigitalNumbers() throws {
        // 44942 → 153.61265 + 149 = 302.61265 K = 29.46265 °C; 41875 → 292.12959 K = 18.97959 °C.
        let (v, c) = try DecodeHarness.decode([44942, 41875, 0], DecodeHarness.landsat)
        #expect(abs(v[0] - 29.46265) < 1e-3 && abs(v[1] - 18.97959) < 1e-3)
        #expect(v[2].isNaN && c.valid == 2 && c.fill == 1)
    }

    @Test func qaPrecedenceAndOptionalClasses() throws {
        let dn: UInt16 = 44942
        // 2|4|8|16 = all four cloud bits: counted once, as cloud. 4|2 → cirrus before dilated cloud.
        // 32 (snow) and 128 (water) pass unless masked.
        let qa: [UInt16] = [21824, 1, 8 | 16 | 4 | 2, 16 | 2, 4 | 2, 2, 21824 | 32, 21952]
        let (_, c) = try DecodeHarness.decode([UInt16](repeating: dn, count: 8), qa: qa, DecodeHarness.landsat)
        #expect(c.valid == 3 && c.fill == 1 && c.cloud == 1 && c.cloudShadow == 1 && c.cirrus == 1 && c.dilatedCloud == 1)
        let (_, all) = try DecodeHarness.decode([UInt16](repeating: dn, count: 8), qa: qa, mask: QAPixelFlags.defaultMask.union([.snow, .water]), DecodeHarness.landsat)
        #expect(all.valid == 1 && all.snow == 1 && all.water == 1 && all.masked == 7 && all.total == 8)
    }

    @Test func fillInEitherBandWins() throws {
        // ST fill under a clear QA word, and QA fill over a valid DN.
        let (v, c) = try DecodeHarness.decode([0, 44942], qa: [21824, 1], DecodeHarness.landsat)
        #expect(v[0].isNaN && v[1].isNaN && c.fill == 2)
    }

    @Test func modisRangesAndPlausibility() throws {
        // 15000 × 0.02 = 300 K = 26.85 °C; 7000 is below valid_range; 16000 → 320 K = 46.85 °C;
        // 17000 → 340 K = 66.85 °C; 18000 → 360 K = 86.85 °C, hotter than the default 80 °C limit.
        let (v, c) = try DecodeHarness.decode([15000, 7000, 16000, 17000, 18000, 0], DecodeHarness.modis)
        #expect(abs(v[0] - 26.85) < 1e-4 && abs(v[2] - 46.85) < 1e-4 && abs(v[3] - 66.85) < 1e-4)
        #expect(v[1].isNaN && v[4].isNaN && v[5].isNaN)
        #expect(c.valid == 3 && c.outOfRange == 2 && c.fill == 1)
    }

    @Test func floatInputInKelvinAndCelsius() throws {
        let values: [Float] = [300, .nan, .infinity, 200, -9999]
        var out = [Float](repeating: 0, count: 5)
        let kelvin = LSTDecodeParameters(scale: 1, offset: 0, inputIsKelvin: true, fillValue: -9999)
        let c = try values.withUnsafeBufferPointer { v in
            try out.withUnsafeMutableBufferPointer { o in
                try LSTDecoder.decode(values: v, qa: nil, qaMask: .defaultMask, parameters: kelvin, into: o)
            }
        }
        // 300 K = 26.85 °C; NaN and −9999 are fill; +∞ and 200 K (−73.15 °C) are out of range.
        #expect(abs(out[0] - 26.85) < 1e-4)
        #expect(c.valid == 1 && c.fill == 2 && c.outOfRange == 2)
        let celsius = LSTDecodeParameters(scale: 1, offset: 0, inputIsKelvin: false)
        _ = try values.withUnsafeBufferPointer { v in
            try out.withUnsafeMutableBufferPointer { o in
                try LSTDecoder.decode(values: v, qa: nil, qaMask: .defaultMask, parameters: celsius, into: o)
            }
        }
        #expect(out[3].isNaN)  // 200 °C is not a land surface
    }

    @Test(arguments: [0, 1, 7, 8, 1003])
    func floatPixelsInBulkFollowTheRulesOneByOne(_ count: Int) throws {
        // Kelvin from 150 to 450 in uneven steps (never within 0.01 of a limit), with NaN, the fill
        // value −9999 and infinities sprinkled in; raw values outside 180…420 K and temperatures
        // outside −40…80 °C are out of range. Expected, pixel by pixel from those rules:
        // fill first (NaN or −9999), then out of range, else K − 273.15.
        let values: [Float] = (0..<count).map { i in
            if i % 13 == 5 { return .nan }
            if i % 17 == 3 { return -9999 }
            if i % 19 == 7 { return i % 2 == 0 ? .infinity : -.infinity }
            return 150.005 + Float((Double(i) * 7.31).truncatingRemainder(dividingBy: 300))
        }
        let p = LSTDecodeParameters(scale: 1, offset: 0, inputIsKelvin: true, fillValue: -9999, validRawRange: 180...420)
        let (out, counts) = try DecodeHarness.decode(values: values, p)
        var expected = MaskCounts()
        for (v, o) in zip(values, out) {
            if v.isNaN || v == -9999 {
                expected.fill += 1
                #expect(o.isNaN)
            } else if !(v >= 180 && v <= 420) || !(Double(v) - 273.15 >= -40 && Double(v) - 273.15 <= 80) {
                expected.outOfRange += 1
                #expect(o.isNaN)
            } else {
                expected.valid += 1
                #expect(abs(Double(o) - (Double(v) - 273.15)) < 1e-4)
            }
        }
        #expect(counts == expected)
    }

    @Test(arguments: [0, 8, 1003])
    func landsatPixelsInBulkFollowTheRulesOneByOne(_ count: Int) throws {
        // Digital numbers across the whole UInt16 range (0 is fill) and QA words made of every flag
        // combination in turn, with snow masked too. Expected, pixel by pixel from the Landsat rules:
        // fill (DN 0 or QA bit 0) first; then the first masked QA cause in the order cloud, shadow,
        // cirrus, dilated cloud, snow, water; then °C = DN × 0.00341802 + 149.0 − 273.15 outside
        // −40…80 is out of range.
        let dn: [UInt16] = (0..<count).map { i in i % 11 == 4 ? 0 : UInt16(truncatingIfNeeded: i &* 2_654_435_761 >> 7) }
        let qa: [UInt16] = (0..<count).map { i in UInt16(i % 3 == 0 ? 21824 : (i * 37) % 256) }
        let mask = QAPixelFlags.defaultMask.union(.snow)
        let (out, counts) = try DecodeHarness.decode(dn, qa: qa, mask: mask, DecodeHarness.landsat)
        let causes: [(UInt16, WritableKeyPath<MaskCounts, Int>)] = [(8, \.cloud), (16, \.cloudShadow), (4, \.cirrus), (2, \.dilatedCloud), (32, \.snow)]
        var expected = MaskCounts()
        for i in 0..<count {
            let celsius = Double(dn[i]) * 0.00341802 + 149.0 - 273.15
            if dn[i] == 0 || qa[i] & 1 != 0 {
                expected.fill += 1
            } else if let cause = causes.first(where: { qa[i] & $0.0 != 0 }) {
                expected[keyPath: cause.1] += 1
            } else if !(celsius >= -40 && celsius <= 80) {
                expected.outOfRange += 1
            } else {
                expected.valid += 1
                #expect(abs(Double(out[i]) - celsius) < 1e-3)
                continue
            }
            #expect(out[i].isNaN)
        }
        #expect(counts == expected)
    }

    @Test func restrictingKeepsTheLimitsAndNaN() {
        // Eleven values (a vector of eight, then a tail of three) against 20…30 °C: the limits stay,
        // 19.9, 30.1, −∞ and +∞ go (4 dropped); NaN stays NaN and is not counted.
        var values: [Float] = [20, 19.9, 25, .nan, 30, 30.1, -.infinity, 22, .infinity, 20, .nan]
        let dropped = values.withUnsafeMutableBufferPointer { LSTDecoder.restrict($0, to: 20...30) }
        #expect(dropped == 4)
        #expect(values.enumerated().filter { !$0.element.isNaN }.map(\.offset) == [0, 2, 4, 7, 9])
    }

    @Test func mismatchedBuffersAreAnError() {
        let raw: [UInt16] = [1, 2, 3]
        let qa: [UInt16] = [0, 0]
        var out = [Float](repeating: 0, count: 3)
        #expect(throws: DecodeError.lengthMismatch(expected: 3, actual: 2)) {
            try raw.withUnsafeBufferPointer { r in
                try qa.withUnsafeBufferPointer { q in
                    try out.withUnsafeMutableBufferPointer { o in
                        try LSTDecoder.decode(raw: r, qa: q, qaMask: .defaultMask, parameters: DecodeHarness.landsat, into: o)
                    }
                }
            }
        }
    }
}

struct LSTDecoderRangeTests {
    @Test func rawRangesBeyondUInt16DoNotTrap() throws {
        // A range far beyond UInt16 (or infinite) keeps every stored value in range: 44942 → 29.46265 °C.
        for range in [1e12...2e12, -Double.infinity...Double.infinity, -5e9...5e9] {
            let p = LSTDecodeParameters(scale: 0.00341802, offset: 149, inputIsKelvin: true, fillValue: 0, validRawRange: range)
            var out: [Float] = [0]
            let c = try [UInt16(44942)].withUnsafeBufferPointer { r in
                try out.withUnsafeMutableBufferPointer { o in
                    try LSTDecoder.decode(raw: r, qa: nil, qaMask: .defaultMask, parameters: p, into: o)
                }
            }
            // 1e12…2e12 excludes every UInt16; the other two include 44942.
            #expect(range.lowerBound == 1e12 ? c.outOfRange == 1 : abs(out[0] - 29.46265) < 1e-3)
        }
    }
}
