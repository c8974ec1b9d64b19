/// A perceptually ordered dark-to-bright colour ramp (close to matplotlib's "inferno"), readable
/// in greyscale print and for common colour-vision deficiencies.
struct ColourRamp {
    /// Stops from cold (0) to hot (1), RGB in 0…255.
    static let stops: [(Double, Double, Double)] = [
        (0, 0, 4), (40, 11, 84), (101, 21, 110), (159, 42, 99), (212, 72, 66), (245, 125, 21), (250, 193, 39), (252, 255, 164),
    ]

    /// The colour of `t` in 0…1 as RGB bytes; NaN (a range of one value too large to widen) takes
    /// the coldest.
    static func colour(_ t: Double) -> (UInt8, UInt8, UInt8) {
        let x = t.isNaN ? 0 : min(max(t, 0), 1) * Double(stops.count - 1)
        let i = min(Int(x), stops.count - 2)
        let f = x - Double(i)
        let (a, b) = (stops[i], stops[i + 1])
        func mix(_ p: Double, _ q: Double) -> UInt8 { UInt8((p + (q - p) * f).rounded()) }
        return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }
}
