/// The prefix-sum differences a band of output rows adds up, and their sums (see ``FocalSums``).
extension FocalSums {
    /// Each output row's terms as pairs of pointers, P[hi + x] − P[lo + x] for column x, into
    /// whichever prefix sums each reads.
    struct Terms<T> {
        let rows: [[(hi: UnsafePointer<T>, lo: UnsafePointer<T>)]]

        /// Output row k's terms are each part's k-th list, offsets into that part's prefix sums,
        /// one part after the other: the order its sums are added in.
        init(rows: Int, _ parts: [(terms: [[(plus: Int, minus: Int)]], prefix: UnsafeMutablePointer<T>)]) {
            self.rows = (0..<rows).map { k in
                parts.flatMap { part in part.terms[k].map { (UnsafePointer(part.prefix + $0.plus), UnsafePointer(part.prefix + $0.minus)) } }
            }
        }
    }
}

// Both sums take sixteen cells over the row's terms in registers, four or two independent
// additions hiding each one's latency, so that a cell is written once, or once a group of terms.
// Term after term over the tile instead, each addition also read and wrote the tile's sums and
// waited on a branch: radius 5 took half as long again. And all of a large circle's terms at once
// (122 streams of prefix sums at radius 50) took a third longer than in groups of 8 to 16, likely
// more streams than the core's prefetchers follow; 2 MB pages for the prefix sums gained nothing.

/// Terms summed in registers before the cells are written: radius 5's eleven rows in one group.
private let group = 12

extension FocalSums.Terms<Double> {
    /// Writes into `out[x]`, for x in `columns`, the sum of output row `k`'s terms in their order.
    /// The sums equal adding term after term: the first addition is to 0, and a difference of
    /// prefix sums is never −0, so 0 + d is d.
    func sum(row k: Int, _ columns: Range<Int>, into out: UnsafeMutablePointer<Double>) {
        rows[k].withUnsafeBufferPointer { all in
            for first in Swift.stride(from: 0, to: all.count, by: group) {
                let terms = all[first..<min(all.count, first + group)]
                var x = columns.lowerBound
                while x + 16 <= columns.upperBound {
                    var (a, b, c, d) = first == 0 ? (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
                        : (load(out + x), load(out + x + 4), load(out + x + 8), load(out + x + 12))
                    for (hi, lo) in terms {
                        a += load(hi + x) - load(lo + x)
                        b += load(hi + x + 4) - load(lo + x + 4)
                        c += load(hi + x + 8) - load(lo + x + 8)
                        d += load(hi + x + 12) - load(lo + x + 12)
                    }
                    store(a, out + x); store(b, out + x + 4); store(c, out + x + 8); store(d, out + x + 12)
                    x &+= 16
                }
                for x in x..<columns.upperBound {
                    out[x] = terms.reduce(first == 0 ? 0 : out[x]) { $0 + ($1.hi[x] - $1.lo[x]) }
                }
            }
        }
    }
}

extension FocalSums.Terms<Int32> {
    /// Like the sums, for the valid-cell counts: whole numbers, added exactly as `Int32`, eight
    /// to a register, all terms at once, and converted as they are written. (In groups they took
    /// as long.)
    func count(row k: Int, _ columns: Range<Int>, into out: UnsafeMutablePointer<Double>) {
        rows[k].withUnsafeBufferPointer { terms in
            var x = columns.lowerBound
            while x + 16 <= columns.upperBound {
                var (a, b) = (SIMD8<Int32>(), SIMD8<Int32>())
                for (hi, lo) in terms {
                    a &+= load(hi + x) &- load(lo + x)
                    b &+= load(hi + x + 8) &- load(lo + x + 8)
                }
                store(SIMD4<Double>(a.lowHalf), out + x); store(SIMD4<Double>(a.highHalf), out + x + 4)
                store(SIMD4<Double>(b.lowHalf), out + x + 8); store(SIMD4<Double>(b.highHalf), out + x + 12)
                x &+= 16
            }
            for x in x..<columns.upperBound {
                out[x] = Double(terms.reduce(0) { $0 &+ ($1.hi[x] &- $1.lo[x]) })
            }
        }
    }
}

@inline(__always)
private func load<V: SIMD>(_ pointer: UnsafePointer<V.Scalar>) -> V {
    UnsafeRawPointer(pointer).loadUnaligned(as: V.self)
}

@inline(__always)
private func load(_ pointer: UnsafeMutablePointer<Double>) -> SIMD4<Double> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Double>.self)
}

@inline(__always)
private func store(_ value: SIMD4<Double>, _ pointer: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD4<Double>.self)
}
