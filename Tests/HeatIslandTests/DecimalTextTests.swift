#if canImport(Glibc)
import Glibc
#endif
@testable import HeatIsland
import HeatIslandKernels
import Testing

/// The tables' number text against the C library's own `snprintf("%.Nf")`, the definition it must
/// reproduce digit for digit.
struct DecimalTextTests {
    static func printf(_ v: Double, _ digits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        let length = withVaList([Int32(digits), v]) { vsnprintf(&buffer, buffer.count, "%.*f", $0) }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    @Test func handPickedValues() {
        #expect(DecimalText.fixed(28.123456, digits: 4) == "28.1235")
        #expect(DecimalText.fixed(-3.5, digits: 0) == "-4")
        #expect(DecimalText.fixed(-0.00001, digits: 4) == "-0.0000")
        #expect(DecimalText.fixed(-0.0, digits: 2) == "-0.00")
        #expect(DecimalText.fixed(0, digits: 0) == "0")
        #expect(DecimalText.fixed(1e300, digits: 2).count == 304)
    }

    @Test(arguments: 0...9)
    func equalsPrintf(digits: Int) {
        // Magnitudes from 1e-12 to 1e16 (beyond the fast path), both signs, plus exact binary ties
        // (k/2ᵐ), which printf rounds to even and the fast path hands over.
        var generator = SplitMix64(seed: UInt64(digits) + 1)
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, 1e-9, 5e-5, 0.00005, 999.99995, 1e13, 0x1p40, 123456789.123456789]
        for _ in 0..<20_000 {
            let exponent = Double(generator.next() % 29) - 12
            let mantissa = Double(generator.next() % 1_000_000_007) / 1_000_000_007
            values.append((generator.next() & 1 == 0 ? 1 : -1) * mantissa * pow(10, exponent))
            values.append(Double(generator.next() % 100_000) / Double(1 << (generator.next() % 12)))
        }
        let mismatches = values.filter { DecimalText.fixed($0, digits: digits) != Self.printf($0, digits) }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(3).map { "\($0): \(DecimalText.fixed($0, digits: digits)) vs \(Self.printf($0, digits))" })")
    }

    @Test func nonFiniteAndUnusualDigitsFollowPrintf() {
        for v in [Double.nan, .infinity, -.infinity, 1.25] {
            #expect(DecimalText.fixed(v, digits: 12) == Self.printf(v, 12))
            #expect(DecimalText.fixed(v, digits: 3) == Self.printf(v, 3))
        }
    }
}
