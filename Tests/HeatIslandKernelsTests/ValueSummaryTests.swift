import HeatIslandKernels
import Testing

struct ValueSummaryTests {
    @Test func skipsNaNAndInfinities() {
        let s = ValueSummary([20, .nan, 30, .infinity, -.infinity, 25])
        // Finite values 20, 30, 25: count 3, sum 75, mean 25.
        #expect(s.count == 3 && s.sum == 75 && s.mean == 25)
        #expect(s.minimum == 20 && s.maximum == 30)
    }

    @Test func longBuffersSkipNaNAndInfinitiesInEveryLane() {
        // 1003 values k = 0…1002: value k where k % 5 != 0, else NaN, +∞ or −∞ in turn. Finite:
        // the k not divisible by 5, count 1003 − 201 = 802, sum Σk − 5·Σ(0…200) = 502503 − 100500
        // = 402003, minimum 1, maximum 1002 (not divisible by 5).
        let values: [Float] = (0..<1003).map { k in
            guard k % 5 == 0 else { return Float(k) }
            return [Float.nan, .infinity, -.infinity][(k / 5) % 3]
        }
        let s = ValueSummary(values)
        #expect(s.count == 802 && s.sum == 402_003 && s.minimum == 1 && s.maximum == 1002)
    }

    @Test func emptyHasNoStatistics() {
        let s = ValueSummary([.nan, .nan])
        #expect(s.count == 0 && s.mean == nil && s.minimum == nil && s.maximum == nil)
    }

    @Test func mergingEqualsSummarisingTheWhole() {
        var a = ValueSummary([1, 2, 3])
        a.merge(ValueSummary([-4, .nan, 10]))
        a.merge(ValueSummary())
        // 1 + 2 + 3 − 4 + 10 = 12 over 5 values.
        #expect(a.count == 5 && a.sum == 12 && a.minimum == -4 && a.maximum == 10)
    }

    @Test func accumulatesInDouble() {
        // 100 000 copies of Float(0.1) = 0.100000001490116…: the exact sum is 10000.000149…;
        // a Float running sum drifts by more than 1 (it ends near 9998.6).
        let values = [Float](repeating: 0.1, count: 100_000)
        let exact = 100_000 * Double(Float(0.1))
        #expect(abs(ValueSummary(values).sum - exact) < 1e-6)
    }
}
