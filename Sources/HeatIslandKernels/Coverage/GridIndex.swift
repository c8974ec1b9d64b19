/// Turns grid coordinates into row and column numbers without trapping: a vertex far outside the
/// raster (a corrupt coordinate, a sentinel such as 1e38) must clip like any other, and `Int(_:)`
/// traps on values beyond its range, and on NaN, which `min` and `max` pass through. The other
/// modules count cells, pixels and percentages with it too.
package enum GridIndex {
    /// `value` rounded by `rule` and clamped to `bounds`; NaN gives the lower bound.
    package static func clamped(_ value: Double, _ rule: FloatingPointRoundingRule, to bounds: ClosedRange<Int>) -> Int {
        let v = value.rounded(rule)
        if !(v > Double(bounds.lowerBound)) { return bounds.lowerBound }
        if v >= Double(bounds.upperBound) { return bounds.upperBound }
        return Int(v)
    }
}
