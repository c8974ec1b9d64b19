/// Long vector loops count lanes in `SIMD8<Int32>`, so they run in chunks of 2²⁰ vectors and fold
/// the lane counts into `Int` after each chunk, far below what `Int32` holds.
enum LaneChunks {
    /// Calls `body` with consecutive ranges of whole vectors covering `0..<(count & ~7)`.
    /// - Returns: The number of cells covered; the caller handles the remaining tail one by one.
    @inline(__always)
    static func forEach(upTo count: Int, _ body: (Range<Int>) -> Void) -> Int {
        let whole = count & ~7
        var start = 0
        while start < whole {
            let end = min(whole, start + 8 << 20)
            body(start..<end)
            start = end
        }
        return whole
    }
}
