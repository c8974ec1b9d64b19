extension SIMDMask where Storage == SIMD8<Int32> {
    /// `true` when any lane is set: the same answer as the standard library's `any(_:)`.
    ///
    /// Where the lanes are read one by one afterwards (gathering the selected values), the
    /// optimiser turned `any` into eight lane extractions and a scalar minimum, or left it as a call,
    /// on every vector of a hot loop; ORing the halves of the lane bits keeps it one vector test.
    @inline(__always)
    var anySet: Bool {
        let bits = unsafeBitCast(self, to: SIMD8<Int32>.self)
        let quarter = bits.lowHalf | bits.highHalf
        let pair = quarter.lowHalf | quarter.highHalf
        return pair[0] | pair[1] != 0
    }
}
