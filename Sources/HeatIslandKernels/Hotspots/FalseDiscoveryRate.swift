/// Benjamini–Hochberg critical p-values of z-scores read in one or more passes, in memory that does
/// not grow with their number: for rasters larger than memory, whose z-scores can only be streamed.
///
/// The critical p-value of a level α is p₍ₖ₎ for the largest k with p₍ₖ₎ ≤ k·α/m, where p₍ₖ₎ is the
/// k-th smallest p-value of the m finite z-scores (``Significance/fdrCriticalValues(smallPValues:testCount:levels:)``
/// is the definition). Two-sided p falls as |z| grows, and positive Floats order like their bit
/// patterns, so ranking p-values is ranking the bit patterns of |z|.
///
/// The first pass counts m and, for each |z| that could pass at all, adds one to the bucket of
/// the top 16 bits of its bit pattern (a bucket spans under 1 % of |z|). That fixes every bucket's
/// ranks. Searching buckets from the smallest |z| up, a bucket is passed over when even the largest
/// |z| it can hold cannot pass at its best rank; the others are counted again by their low 16 bits
/// in a further pass, which ranks every value in them exactly, up to a bucket whose smallest
/// possible |z| passes at its rank (the search ends there). The result equals the definition's,
/// bit for bit. One further pass usually decides every level; each resolves up to eight buckets per
/// level, and tests sixteen z-scores at a time for the few that fall in them.
///
/// Usage: feed every z-score to ``add(_:)``, call ``endPass()``, and repeat with the same values
/// while ``needsAnotherPass``; then read ``criticalPValues``.
public struct FalseDiscoveryRate: Sendable {
    /// α of each level.
    public let levels: [Double]
    /// The critical p-value of each level once decided (0 when no test passes).
    private var decided: [Double?]
    private var pass = 0
    private var tests = 0
    /// Buckets start at the one holding the smallest |z| that can pass the largest level.
    private let firstBucket: Int
    private let firstKey: UInt32
    private var counts: [Int]
    /// Buckets counted by their low 16 bits in the current pass: `slot[bucket]` is their place in
    /// `exact` (65 536 counts each), or −1.
    private var slot: [Int32]
    private var exact: [Int] = []
    /// The patterns of the buckets counted exactly, from the first to the last.
    private var exactKeys: Range<UInt32> = 0..<0
    /// Buckets already counted exactly, by bucket.
    private var resolved: [Int: [Int]] = [:]

    private static let bucketsPerPass = 8
    private static let finiteLimit: UInt32 = 0x7F80_0000

    /// Starts a search.
    /// - Parameter levels: α of each level, in (0, 1).
    public init(levels: [Double] = Significance.levels) {
        self.levels = levels
        decided = levels.map { _ in nil }
        let lowest = Significance.criticalMagnitude(forP: levels.max() ?? 0)
        firstKey = lowest.isFinite ? lowest.bitPattern : Self.finiteLimit
        firstBucket = Int(firstKey >> 16)
        let count = Int(Self.finiteLimit >> 16) - firstBucket
        counts = [Int](repeating: 0, count: count)
        slot = [Int32](repeating: -1, count: count)
    }

    /// Whether ``criticalPValues`` needs the z-scores once more.
    public var needsAnotherPass: Bool { pass == 0 || decided.contains(nil) }

    /// The critical p-value of each level, once ``needsAnotherPass`` is false.
    public var criticalPValues: [Double] { decided.map { $0 ?? 0 } }

    /// Adds z-scores of the current pass; NaN and ±∞ are not tests. Every pass must see the same
    /// values, in any order and split into calls any way.
    public mutating func add(_ z: UnsafeBufferPointer<Float>) {
        if pass == 0 { count(z) } else { countExactly(z) }
    }

    private mutating func count(_ z: UnsafeBufferPointer<Float>) {
        var finite = 0
        let (first, firstKey) = (firstBucket, firstKey)
        counts.withUnsafeMutableBufferPointer { counts in
            for v in z {
                let key = v.bitPattern & 0x7FFF_FFFF
                guard key < Self.finiteLimit else { continue }
                finite &+= 1
                guard key >= firstKey else { continue }
                counts[Int(key >> 16) &- first] &+= 1
            }
        }
        tests += finite
    }

    private mutating func countExactly(_ z: UnsafeBufferPointer<Float>) {
        guard let base = z.baseAddress, !exactKeys.isEmpty else { return }
        let (first, lower, span) = (firstBucket, exactKeys.lowerBound, exactKeys.upperBound &- exactKeys.lowerBound)
        slot.withUnsafeBufferPointer { slot in
            exact.withUnsafeMutableBufferPointer { exact in
                func tally(_ key: UInt32) {
                    let s = Int(slot[Int(key >> 16) &- first])
                    if s >= 0 { exact[s << 16 | Int(key & 0xFFFF)] &+= 1 }
                }
                // Few z-scores fall in the buckets counted exactly: sixteen are tested at once, and
                // the unsigned difference makes one comparison a range test.
                let (lowerKeys, spanKeys) = (SIMD16<UInt32>(repeating: lower), SIMD16<UInt32>(repeating: span))
                var i = 0
                while i + 16 <= z.count {
                    let keys = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt32>.self) & 0x7FFF_FFFF
                    let inside = (keys &- lowerKeys) .< spanKeys
                    if any(inside) {
                        for k in 0..<16 where inside[k] { tally(keys[k]) }
                    }
                    i &+= 16
                }
                while i < z.count {
                    let key = base[i].bitPattern & 0x7FFF_FFFF
                    if key &- lower < span { tally(key) }
                    i &+= 1
                }
            }
        }
    }

    /// Ends a pass: decides every level it can and chooses the buckets the next pass counts exactly.
    public mutating func endPass() {
        for b in slot.indices where slot[b] >= 0 {
            let start = Int(slot[b]) << 16
            resolved[b] = Array(exact[start..<(start + 1 << 16)])
            slot[b] = -1
        }
        exact = []
        exactKeys = 0..<0
        pass += 1
        guard tests > 0 else {
            decided = levels.map { _ in 0 }
            return
        }
        var wanted: [Int] = []
        for (i, alpha) in levels.enumerated() where decided[i] == nil {
            let (value, pending) = search(alpha: alpha)
            decided[i] = value
            for b in pending where !wanted.contains(b) { wanted.append(b) }
        }
        for (i, b) in wanted.enumerated() { slot[b] = Int32(i) }
        exact = [Int](repeating: 0, count: wanted.count << 16)
        if let low = wanted.min(), let high = wanted.max() {
            // Patterns below the first one that can pass were not counted in the first pass; they share its bucket.
            exactKeys = max(firstKey, UInt32(low + firstBucket) << 16)..<(UInt32(high + firstBucket + 1) << 16)
        }
    }

    /// The critical p-value of one level, or `nil` with the buckets that must be counted exactly first.
    private func search(alpha: Double) -> (Double?, [Int]) {
        let m = Double(tests)
        var above = counts.reduce(0, +)
        var pending: [Int] = []
        for b in counts.indices where counts[b] > 0 {
            above -= counts[b]
            // Ranks in this bucket: above + 1 (its largest |z|) … above + counts[b] (its smallest).
            let lowestRank = above + counts[b]
            if let histogram = resolved[b] {
                var rank = lowestRank
                for low in histogram.indices where histogram[low] > 0 {
                    let p = Self.pValue(UInt32(b + firstBucket) << 16 | UInt32(low))
                    if p <= Double(rank) * alpha / m { return pending.isEmpty ? (p, []) : (nil, pending) }
                    rank -= histogram[low]
                }
                continue
            }
            // Every |z| here lies between the bucket's bounds, so its p-value does too.
            let (low, high) = (max(firstKey, UInt32(b + firstBucket) << 16), UInt32(b + firstBucket + 1) << 16 - 1)
            if Self.pValue(low) <= Double(lowestRank) * alpha / m {
                // The smallest |z| passes at its rank: the level is decided here, once that |z| is known.
                pending.append(b)
                return (nil, pending)
            }
            if Self.pValue(high) <= Double(lowestRank) * alpha / m {
                pending.append(b)
                if pending.count == Self.bucketsPerPass { return (nil, pending) }
            }
        }
        return pending.isEmpty ? (0, []) : (nil, pending)
    }

    private static func pValue(_ key: UInt32) -> Double {
        Significance.pValue(z: Double(Float(bitPattern: key)))
    }
}
