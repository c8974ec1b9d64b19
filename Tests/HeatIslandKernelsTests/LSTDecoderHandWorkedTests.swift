import Foundation
import HeatIslandKernels
import Testing

/// More hand-worked pixels for the decode kernel: real Landsat C2 `QA_PIXEL` words, both ends of the
/// plausibility and raw ranges, the float path with QA, and the bookkeeping types.
///
/// Every expected value is worked out by hand below, never by calling the code under test.
/// Landsat C2 L2: K = DN × 0.00341802 + 149.0; MODIS: K = DN × 0.02; °C = K − 273.15.
struct LSTDecoderHandWorkedTests {
    @Test func landsatScalingByHand() throws {
        // 44177 × 0.00341802: 44177 × 0.003 = 132.531; × 0.0004 = 17.6708; × 0.00001802 = 0.79606954;
        //   Σ = 150.99786954 → + 149 = 299.99786954 K → − 273.15 = 26.84786954 °C.
        // 43889 × 0.00341802: 131.667 + 17.5556 + 0.79087978 = 150.01347978 → 299.01347978 K → 25.86347978 °C.
        let (v, c) = try DecodeHarness.decode([44177, 43889], DecodeHarness.landsat)
        #expect(abs(v[0] - 26.84786954) < 1e-3)
        #expect(abs(v[1] - 25.86347978) < 1e-3)
        #expect(c.valid == 2 && c.masked == 0 && c.total == 2)
    }

    @Test func plausibilityBoundsOnTheIntegerPath() throws {
        // 24000 × 0.00341802 = 82.03248 → 231.03248 K = −42.11752 °C: colder than −40 → out of range.
        // 25000 × 0.00341802 = 85.4505 → 234.4505 K = −38.6995 °C: kept.
        // 20000 × 0.00341802 = 68.3604 → 217.3604 K = −55.7896 °C: out of range.
        let (v, c) = try DecodeHarness.decode([24000, 25000, 20000], DecodeHarness.landsat)
        #expect(v[0].isNaN && v[2].isNaN)
        #expect(abs(v[1] - -38.6995) < 1e-3)
        #expect(c.valid == 1 && c.outOfRange == 2 && c[.outOfRange] == 2)
    }

    @Test func aNarrowerPlausibilityRangeIsHonoured() throws {
        // 44177 → 26.84786954 °C (above): inside −40…80 but outside 0…20.
        var p = DecodeHarness.landsat
        p.validCelsius = 0...20
        let (v, c) = try DecodeHarness.decode([44177], p)
        #expect(v[0].isNaN && c.outOfRange == 1 && c.valid == 0)
    }

    // MARK: Real QA_PIXEL words

    @Test func realQAPixelWords() throws {
        // 21824 = 16384 + 4096 + 1024 + 256 + 64 → bits 14, 12, 10, 8, 6: clear, low confidences → valid.
        // 22280 = 16384 + 4096 + 1024 + 512 + 256 + 8 → bits 14, 12, 10, 9, 8, 3: cloud (high conf.).
        // 23888 = 16384 + 4096 + 2048 + 1024 + 256 + 64 + 16 → bits 14, 12, 11, 10, 8, 6, 4: cloud shadow.
        // 1 → bit 0: fill.
        // 21826 = 21824 + 2 → bit 1: dilated cloud.   21828 = 21824 + 4 → bit 2: cirrus.
        // 21952 = 21824 + 128 → bit 7: water, not in the default mask → valid.
        // 21856 = 21824 + 32 → bit 5: snow, not in the default mask → valid.
        let qa: [UInt16] = [21824, 22280, 23888, 1, 21826, 21828, 21952, 21856]
        let dn = [UInt16](repeating: 44177, count: qa.count)  // 26.84786954 °C, see above
        let (v, c) = try DecodeHarness.decode(dn, qa: qa, DecodeHarness.landsat)
        #expect(c.valid == 3 && c.cloud == 1 && c.cloudShadow == 1 && c.fill == 1)
        #expect(c.dilatedCloud == 1 && c.cirrus == 1 && c.snow == 0 && c.water == 0)
        #expect(c.masked == 5 && c.total == 8)
        for i in [0, 6, 7] { #expect(abs(v[i] - 26.84786954) < 1e-3, "pixel \(i)") }
        for i in 1...5 { #expect(v[i].isNaN, "pixel \(i)") }
    }

    @Test func snowAndWaterOnlyWhenAsked() throws {
        // Snow (21856) masked once .snow is in the mask; water (21952) stays valid until .water is too.
        let dn: [UInt16] = [44177, 44177]
        let (_, snowOnly) = try DecodeHarness.decode(dn, qa: [21856, 21952], mask: QAPixelFlags.defaultMask.union(.snow), DecodeHarness.landsat)
        #expect(snowOnly.snow == 1 && snowOnly.water == 0 && snowOnly.valid == 1)
        let (v, both) = try DecodeHarness.decode(dn, qa: [21856, 21952], mask: QAPixelFlags.defaultMask.union([.snow, .water]), DecodeHarness.landsat)
        #expect(both.snow == 1 && both.water == 1 && both.valid == 0 && v.allSatisfy { $0.isNaN })
    }

    @Test func onlyMaskedFlagsCount() throws {
        // An empty mask still drops fill (QA 1, DN 0) but keeps cloud (22280) and shadow (23888).
        let (_, c) = try DecodeHarness.decode([44177, 44177, 44177, 0], qa: [22280, 23888, 1, 21824], mask: [], DecodeHarness.landsat)
        #expect(c.valid == 2 && c.fill == 2 && c.cloud == 0 && c.cloudShadow == 0)
        // A mask of cloud shadow alone: 22280 (cloud) is kept, 23888 is shadow.
        let (_, s) = try DecodeHarness.decode([44177, 44177], qa: [22280, 23888], mask: .cloudShadow, DecodeHarness.landsat)
        #expect(s.valid == 1 && s.cloudShadow == 1 && s.cloud == 0)
    }

    @Test func precedenceOfCauses() throws {
        // 8 | 16 = 24 (cloud + shadow) → cloud; 16 | 4 = 20 (shadow + cirrus) → shadow;
        // 4 | 32 with snow masked → cirrus; 1 | 8 → fill; DN 0 with QA 8 → fill (fill beats cloud);
        // DN 20000 (−55.7896 °C) under cloud QA 8 → cloud, not out of range (QA comes first).
        let mask = QAPixelFlags.defaultMask.union(.snow)
        let (_, c) = try DecodeHarness.decode([44177, 44177, 44177, 44177, 0, 20000], qa: [24, 20, 36, 9, 8, 8], mask: mask, DecodeHarness.landsat)
        #expect(c.cloud == 2 && c.cloudShadow == 1 && c.cirrus == 1 && c.fill == 2)
        #expect(c.outOfRange == 0 && c.snow == 0 && c.valid == 0 && c.total == 6)
    }

    // MARK: MODIS

    @Test func modisRawRange() throws {
        // 15000 × 0.02 = 300 K = 26.85 °C (kept). 15600 × 0.02 = 312 K = 38.85 °C is plausible but above
        // a raw range of 7500…15500 → out of range. 7000 < 7500 → out of range. 7500 × 0.02 = 150 K =
        // −123.15 °C: inside the raw range, too cold → out of range.
        var p = DecodeHarness.modis
        p.validRawRange = 7500...15500
        let (v, c) = try DecodeHarness.decode([15000, 15600, 7000, 7500], p)
        #expect(abs(v[0] - 26.85) < 1e-3)
        #expect(v[1].isNaN && v[2].isNaN && v[3].isNaN)
        #expect(c.valid == 1 && c.outOfRange == 3)
    }

    @Test func noFillValueAndNoRawRange() throws {
        // Without fill or raw range, MODIS DN 0 → 0 K = −273.15 °C → out of range, not fill.
        let p = LSTDecodeParameters(scale: 0.02, offset: 0, inputIsKelvin: true)
        let (v, c) = try DecodeHarness.decode([0, 15000], p)
        #expect(v[0].isNaN && c.outOfRange == 1 && c.fill == 0)
        #expect(abs(v[1] - 26.85) < 1e-3 && c.valid == 1)
    }

    @Test func integerPathInCelsius() throws {
        // A raster stored as centi-degrees Celsius: 2550 × 0.01 + 0 = 25.5 °C; 9000 → 90 °C (> 80).
        let p = LSTDecodeParameters(scale: 0.01, offset: 0, inputIsKelvin: false, fillValue: 65535)
        let (v, c) = try DecodeHarness.decode([2550, 9000, 65535], p)
        #expect(abs(v[0] - 25.5) < 1e-4)
        #expect(c.valid == 1 && c.outOfRange == 1 && c.fill == 1)
    }

    // MARK: Float path

    @Test func floatPathScalesAndMasks() throws {
        // Unscaled MODIS values held as Float: 15000 × 0.02 = 300 K = 26.85 °C; 0 is fill;
        // 7000 is below the raw range; NaN is fill; −∞ is out of range.
        let (v, c) = try DecodeHarness.decode(values: [15000, 0, 7000, .nan, -.infinity], DecodeHarness.modis)
        #expect(abs(v[0] - 26.85) < 1e-3)
        #expect(v.dropFirst().allSatisfy { $0.isNaN })
        #expect(c.valid == 1 && c.fill == 2 && c.outOfRange == 2)
    }

    @Test func floatPathInCelsiusWithQA() throws {
        // °C floats: 25.5 kept (clear QA 21824); 30 under cloud (22280); 31 under shadow (23888);
        // 28 with QA fill (1); −45 is colder than −40; +∞ is out of range.
        let p = LSTDecodeParameters(scale: 1, offset: 0, inputIsKelvin: false)
        let (v, c) = try DecodeHarness.decode(values: [25.5, 30, 31, 28, -45, .infinity],
                                qa: [21824, 22280, 23888, 1, 21824, 21824], p)
        #expect(v[0] == 25.5 && v.dropFirst().allSatisfy { $0.isNaN })
        #expect(c.valid == 1 && c.cloud == 1 && c.cloudShadow == 1 && c.fill == 1 && c.outOfRange == 2)
    }

    @Test func floatPathKelvin() throws {
        // 300 K − 273.15 = 26.85 °C; 253.15 K = −20 °C; 353.15 K = 80 °C, the upper limit itself
        // (Float(353.15) − Float(273.15) may land a hair above 80, so only its neighbour 350 K = 76.85 °C
        // is asserted); 360 K = 86.85 °C is too hot.
        let p = LSTDecodeParameters(scale: 1, offset: 0, inputIsKelvin: true)
        let (v, c) = try DecodeHarness.decode(values: [300, 253.15, 350, 360], p)
        #expect(abs(v[0] - 26.85) < 1e-3 && abs(v[1] - -20) < 1e-3 && abs(v[2] - 76.85) < 1e-3)
        #expect(v[3].isNaN && c.valid == 3 && c.outOfRange == 1)
    }

    @Test func floatPathDecodesInPlace() throws {
        // Float windows are decoded where GDAL wrote them, the output over its own input. Nineteen
        // values (two vectors and a tail): 15000 + 50·i = (300 + i) K = 26.85 + i °C, except fill
        // (0) at 3 and 17 and NaN at 9.
        var buffer: [Float] = (0..<19).map { Float(15000 + 50 * $0) }
        (buffer[3], buffer[9], buffer[17]) = (0, .nan, 0)
        let counts = try buffer.withUnsafeMutableBufferPointer { b in
            try LSTDecoder.decode(values: UnsafeBufferPointer(b), qa: nil, qaMask: .defaultMask, parameters: DecodeHarness.modis, into: b)
        }
        for (i, v) in buffer.enumerated() {
            if [3, 9, 17].contains(i) { #expect(v.isNaN, "cell \(i)") } else { #expect(abs(v - (26.85 + Float(i))) < 1e-3, "cell \(i): \(v)") }
        }
        #expect(counts.valid == 16 && counts.fill == 3)
    }

    // MARK: Errors and edge cases

    @Test func outputLengthMismatchIsAnError() {
        let values: [Float] = [1, 2, 3]
        var out = [Float](repeating: 0, count: 2)
        #expect(throws: DecodeError.lengthMismatch(expected: 3, actual: 2)) {
            try values.withUnsafeBufferPointer { v in
                try out.withUnsafeMutableBufferPointer { o in
                    try LSTDecoder.decode(values: v, qa: nil, qaMask: .defaultMask, parameters: DecodeHarness.landsat, into: o)
                }
            }
        }
        let description = DecodeError.lengthMismatch(expected: 3, actual: 2).description
        #expect(!description.isEmpty && !description.contains("\n"))
    }

    @Test func emptyBlocksCountNothing() throws {
        let (v, c) = try DecodeHarness.decode([], DecodeHarness.landsat)
        #expect(v.isEmpty && c == MaskCounts() && c.total == 0)
        let (w, d) = try DecodeHarness.decode(values: [], qa: [], DecodeHarness.landsat)
        #expect(w.isEmpty && d.total == 0)
    }

    // MARK: Bookkeeping types

    @Test func qaFlagBits() {
        // Bits 0…7 are 1, 2, 4, 8, 16, 32, 64, 128; the default mask is 1 + 2 + 4 + 8 + 16 = 31.
        let flags: [QAPixelFlags] = [.fill, .dilatedCloud, .cirrus, .cloud, .cloudShadow, .snow, .clear, .water]
        #expect(flags.map(\.rawValue) == [1, 2, 4, 8, 16, 32, 64, 128])
        #expect(QAPixelFlags.defaultMask.rawValue == 31)
        #expect(!QAPixelFlags.defaultMask.contains(.snow) && !QAPixelFlags.defaultMask.contains(.water))
    }

    @Test func causesAreInPrecedenceOrder() {
        // MODIS quality is judged last, on temperatures that passed every other test.
        #expect(MaskCause.allCases == [.fill, .cloud, .cloudShadow, .cirrus, .dilatedCloud, .snow, .water, .outOfRange, .lowQuality])
        #expect(MaskCause.cloudShadow.rawValue == "cloudShadow")
    }

    @Test func countsAddAndTotal() throws {
        var a = MaskCounts()
        a.valid = 10
        a[.fill] = 1; a[.cloud] = 2; a[.cloudShadow] = 3; a[.cirrus] = 4
        var b = MaskCounts()
        b.valid = 5
        b[.dilatedCloud] = 6; b[.snow] = 7; b[.water] = 8; b[.outOfRange] = 9; b[.lowQuality] = 11
        // a: masked 1 + 2 + 3 + 4 = 10, total 20; b: masked 6 + 7 + 8 + 9 + 11 = 41, total 46.
        #expect(a.masked == 10 && a.total == 20 && b.masked == 41 && b.total == 46)
        let sum = a + b
        // valid 15, masked 51, total 66; each cause carried over from whichever side had it.
        #expect(sum.valid == 15 && sum.masked == 51 && sum.total == 66)
        #expect(MaskCause.allCases.map { sum[$0] } == [1, 2, 3, 4, 6, 7, 8, 9, 11])
        var c = a
        c += b
        #expect(c == sum)
        // JSON keeps every field.
        let decoded = try JSONDecoder().decode(MaskCounts.self, from: JSONEncoder().encode(sum))
        #expect(decoded == sum)
    }
}
