/// Sorts the few items a coverage row holds (crossings, ranges written by edges).
enum SmallSort {
    /// Insertion sort up to 32 items, where `sort()` costs more to set up than the sorting takes;
    /// the standard sort beyond. Equal items keep their order only below that size.
    @inline(__always)
    static func sort<T>(_ b: UnsafeMutableBufferPointer<T>, by less: (T, T) -> Bool) {
        guard b.count <= 32 else {
            var all = b
            all.sort(by: less)
            return
        }
        for i in b.indices.dropFirst() {
            let x = b[i]
            var j = i
            while j > 0 && less(x, b[j - 1]) {
                b[j] = b[j - 1]
                j -= 1
            }
            b[j] = x
        }
    }
}
