import Foundation

/// Fixed-point decimal text, identical to C's `"%.Nf"`, without going through `String(format:)`.
///
/// Foundation's formatter took about a microsecond a number on Linux: a table of 10 000 zones spent
/// longer being written than having its statistics computed. Scaling by 10ᴺ and rounding gives the
/// same digits as printf's exact decimal rounding except where the scaled value lies within the
/// product's own rounding error of a tie (…5 in the next digit), and such rare values, or ones too
/// large for the margin to hold, are still handed to the C formatter.
enum DecimalText {
    private static let scales: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

    /// `v` with `digits` digits after the point, as `String(format: "%.<digits>f", v)`.
    static func fixed(_ v: Double, digits: Int) -> String {
        let scaled = abs(v) * (scales.indices.contains(digits) ? scales[digits] : .infinity)
        // Below 2⁴⁰ the product is within 2⁻¹³ of the exact value, far inside the tie margin.
        guard v.isFinite, scaled < 0x1p40, abs(scaled - scaled.rounded(.down) - 0.5) > 1e-3 else {
            return String(format: "%.\(digits)f", v)
        }
        var units = UInt64(scaled.rounded(.toNearestOrAwayFromZero))
        // Filled from the end: sign, at most 13 integer digits, point, digits.
        let capacity = 16 + digits
        return String(unsafeUninitializedCapacity: capacity) { text in
            var first = capacity
            func prepend(_ byte: UInt8) {
                first -= 1
                text[first] = byte
            }
            for _ in 0..<digits {
                prepend(UInt8(ascii: "0") + UInt8(units % 10))
                units /= 10
            }
            if digits > 0 { prepend(UInt8(ascii: ".")) }
            repeat {
                prepend(UInt8(ascii: "0") + UInt8(units % 10))
                units /= 10
            } while units > 0
            // printf keeps the sign of negative values that round to zero ("-0.0000").
            if v.sign == .minus { prepend(UInt8(ascii: "-")) }
            let length = capacity - first
            for i in 0..<length { text[i] = text[first + i] }
            return length
        }
    }
}
