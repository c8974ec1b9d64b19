/// Values brought near 1 by a power of two before the local statistics sum their squares.
///
/// Gi*, Local Moran's I and their permutation p-values do not change when every value is
/// multiplied by the same positive number, and a multiplication by a power of two is exact. The
/// sums, though, overflowed for values near `Double`'s limits (±1e308 gave every z 0; Moran's
/// fourth powers overflow from 1e77) and underflowed for tiny ones. Brought to a largest magnitude
/// in [1, 2), the same figures come out for ordinary values, bit for bit, and for extreme ones.
enum UnitMagnitude {
    /// `values` times 2⁻ᵉ, e being the binary exponent of the largest finite magnitude (NaN and ±∞
    /// stay as they are; all-zero or valueless input is returned unchanged).
    static func scaled(_ values: [Double]) -> [Double] {
        guard let largest = values.lazy.filter(\.isFinite).map(\.magnitude).max(), largest > 0 else { return values }
        let e = largest.exponent
        // The initialiser is scalbn: exact unless a value underflows, which it does only when it is
        // 2⁻¹⁰²² times smaller than the largest and could not move a sum anyway.
        return values.map { Double(sign: .plus, exponent: -e, significand: $0) }
    }
}
