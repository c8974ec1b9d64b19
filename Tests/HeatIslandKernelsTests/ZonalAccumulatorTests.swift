import HeatIslandKernels
import Testing

struct ZonalAccumulatorTests {
    func full(_ values: [Float]) -> ZonalAccumulator {
        var a = ZonalAccumulator()
        values.withUnsafeBufferPointer { a.addFull($0) }
        return a
    }

    @Test func fullCellsGivePlainStatistics() throws {
        // 20 values 10, 11, … 29 (crosses the 8-lane and scalar-tail paths) with one NaN appended:
        // count 20, sum 390, mean 19.5, population variance (20² − 1)/12 = 33.25.
        let a = full((10..<30).map(Float.init) + [.nan])
        #expect(a.weight == 20 && a.validCells == 20 && a.missingCells == 1 && a.coveredWeight == 21)
        #expect(a.sum == 390 && a.mean == 19.5)
        #expect(abs(try #require(a.variance) - 33.25) < 1e-9)
        #expect(a.minimum == 10 && a.maximum == 29)
        #expect(abs(try #require(a.validFraction) - 20.0 / 21.0) < 1e-12)
    }

    @Test func partialCellsAreWeightedButMinMaxAreNot() throws {
        var a = ZonalAccumulator()
        a.add(10, coverage: 1)
        a.add(20, coverage: 0.5)
        a.add(40, coverage: 0.25)
        a.add(.nan, coverage: 0.25)
        a.add(99, coverage: 0)
        // weight 1.75; Σwx = 10 + 10 + 10 = 30; mean 30/1.75 = 17.142857…;
        // Σw x² = 100 + 200 + 400 = 700; variance 700/1.75 − (30/1.75)² = 400 − 293.877551 = 106.122449.
        #expect(a.weight == 1.75 && a.coveredWeight == 2)
        #expect(abs(a.sum - 30) < 1e-12)
        #expect(abs(try #require(a.mean) - 17.142857142857) < 1e-9)
        #expect(abs(try #require(a.variance) - 106.12244897959) < 1e-9)
        #expect(a.minimum == 10 && a.maximum == 40)
        #expect(a.validCells == 3 && a.missingCells == 1)
    }

    @Test func mergedBlocksMatchAPlainDoubleReference() throws {
        let values: [Float] = (0..<1000).map { 25 + Float(($0 * 37) % 101) * 0.1 }
        // Reference: the textbook two-pass formulas in Double.
        let mean = values.reduce(0.0) { $0 + Double($1) } / 1000
        let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / 1000
        var merged = full(Array(values[0..<333]))
        merged.merge(full(Array(values[333...])))
        merged.merge(ZonalAccumulator())
        #expect(merged.validCells == 1000)
        // Shifted differences of nearby Floats are exact and are summed in Double lanes.
        #expect(abs(try #require(merged.mean) - mean) < 1e-9)
        #expect(abs(try #require(merged.variance) - variance) < 1e-9)
        #expect(merged.minimum == 25 && merged.maximum == 35)
    }

    @Test func mergingBoundaryCellsAroundAnotherShiftAndIntoNothing() throws {
        // {10 at ½} merged with {30 at ½, 20 at 1}: weight 2, Σwx = 5 + 15 + 20 = 40, mean 20;
        // Σwx² = 50 + 450 + 400 = 900, variance 900/2 − 20² = 50. The second is shifted by 30,
        // the first by 10.
        var a = ZonalAccumulator()
        a.add(10, coverage: 0.5)
        var b = ZonalAccumulator()
        b.add(30, coverage: 0.5)
        b.add(20, coverage: 1)
        a.merge(b)
        #expect(a.weight == 2 && a.sum == 40 && a.mean == 20 && a.variance == 50 && a.validCells == 3)
        // Into an accumulator of missing cells only: the figures are the other's, the missing cells add up.
        var missing = full([.nan, .nan])
        missing.merge(a)
        #expect(missing.mean == 20 && missing.variance == 50 && missing.missingCells == 2 && missing.coveredWeight == 4)
        #expect(missing.minimum == 10 && missing.maximum == 30)
    }

    @Test func largeOffsetDoesNotCancel() throws {
        // 300 K ± 0.01: the variance 1e-4 survives because sums are shifted (naive Σx² would lose it).
        let a = full((0..<10_000).map { $0 % 2 == 0 ? 299.99 : 300.01 })
        #expect(abs(try #require(a.variance) - 1e-4) < 1e-6)
    }

    @Test func valuesFarFromTheShiftAreSummedExactly() throws {
        // The shift is the first value, −33.63038; 72.69787 − (−33.63038) = 106.32825… needs more
        // bits than a Float has, and the mean came out 72.591643 instead of 72.5916463 for a zone
        // holding 0.001 of the first cell. Eight copies of the pair fill the lanes; the reference
        // is plain Double arithmetic on the same Floats.
        let (a, b): (Float, Float) = (-33.6303825, 72.6978683)
        let zone = full((0..<8).flatMap { _ in [a, b] })
        #expect(zone.sum == 8 * (Double(a) + Double(b)))
        var partial = ZonalAccumulator()
        partial.add(a, coverage: 0.001)
        [b].withUnsafeBufferPointer { partial.addFull($0) }
        let expected = (0.001 * Double(a) + Double(b)) / 1.001
        #expect(abs(try #require(partial.mean) - expected) < 1e-12, "\(partial.mean ?? .nan) vs \(expected)")
    }

    @Test func infinitiesAreMissingAndCoverageStaysAFraction() {
        // ±∞ is no temperature: [∞, 1, 2, −∞] has two values (mean 1.5, variance ¼) and two missing
        // cells, in the vector path and in the partial-cell path alike.
        let a = full([.infinity, 1, 2, -.infinity])
        #expect(a.validCells == 2 && a.missingCells == 2 && a.mean == 1.5 && a.variance == 0.25 && a.maximum == 2)
        var b = ZonalAccumulator()
        for v: Float in [.infinity, 1, 2, -.infinity] { b.add(v, coverage: 0.5) }
        #expect(b.validCells == 2 && b.missingCells == 2 && b.weight == 1 && b.mean == 1.5)
        // A coverage above 1 counts as 1, one that is not a number not at all: mean (20 + 10)/2.
        var c = ZonalAccumulator()
        c.add(20, coverage: 5)
        c.add(10, coverage: 1)
        c.add(99, coverage: .nan)
        #expect(c.weight == 2 && c.mean == 15 && c.validCells == 2)
    }

    @Test func nothingCoveredHasNoStatistics() {
        let a = full([.nan, .nan])
        #expect(a.mean == nil && a.variance == nil && a.validFraction == 0 && a.missingCells == 2)
    }
}

/// Weighted quantiles on cases whose answers exactextract 0.3.0 gave for a 1 × n raster of 1 m cells
/// and a rectangle covering `x0…x1` (the first two tests; values without ties, where exactextract,
/// which merges equal values, agrees), worked out here by hand with the definition: sorted values x_k
/// with weights w_k get s_k = (k − 1)·w_k + (n − 1)·Σ_{i<k} w_i, and the q-quantile interpolates
/// linearly between the two x_k whose s_k bracket q·s_n.
struct WeightedQuantilesTests {
    func quantiles(_ values: [Float], _ weights: [Float], _ qs: [Double]) -> [Double?] {
        var w = WeightedQuantiles()
        for (v, c) in zip(values, weights) { w.add(v, weight: c) }
        return w.quantiles(qs)
    }

    @Test func equalWeightsAreTheType7Quantile() {
        // [1, 2, 3, 4] fully covered: median 2.5, q25 1.75, q90 3.7.
        let q = quantiles([1, 2, 3, 4], [1, 1, 1, 1], [0.5, 0.25, 0.9])
        #expect(q.count == 3 && zip(q, [2.5, 1.75, 3.7]).allSatisfy { abs(($0.0 ?? 0) - $0.1) < 1e-12 })
    }

    @Test func partialCoverageShiftsTheQuantiles() {
        // Rectangle x 0.5…4: weights ½, 1, 1, 1, so s = 0, 2.5, 6.5, 10.5. Median: q·s₄ = 5.25 lies
        // between s₂ and s₃, 2 + 2.75/4 = 2.6875; q25: 2.625 → 2 + 0.125/4 = 2.03125; q90: 9.45 →
        // 3 + 2.95/4 = 3.7375.
        let q = quantiles([1, 2, 3, 4], [0.5, 1, 1, 1], [0.5, 0.25, 0.9])
        #expect(q.count == 3 && zip(q, [2.6875, 2.03125, 3.7375]).allSatisfy { abs(($0.0 ?? 0) - $0.1) < 1e-9 })
        // Rectangle x 0…4.25 over [1…5]: weights 1, 1, 1, 1, ¼, so s = 0, 5, 10, 15, 17. Median: 8.5
        // → 2 + 3.5/5 = 2.7; q25: 4.25 → 1 + 4.25/5 = 1.85; q90: 15.3 → 4 + 0.3/2 = 4.15.
        let r = quantiles([1, 2, 3, 4, 5], [1, 1, 1, 1, 0.25], [0.5, 0.25, 0.9])
        #expect(r.count == 3 && zip(r, [2.7, 1.85, 4.15]).allSatisfy { abs(($0.0 ?? 0) - $0.1) < 1e-9 })
    }

    @Test func longRunsOfEqualValues() {
        // 50 000 cells of 5 °C and 50 000 of 6 °C, all full: type 7 gives a median of 5.5 and a q25 of 5.
        let values = [Float](repeating: 5, count: 50_000) + [Float](repeating: 6, count: 50_000)
        let q = quantiles(values, [Float](repeating: 1, count: values.count), [0.5, 0.25, 0.75, 1])
        #expect(q == [5.5, 5, 6, 6])
        // One value everywhere, with a few partial cells among the full ones.
        let same = quantiles([Float](repeating: 21.5, count: 100_000), (0..<100_000).map { $0 % 1000 == 0 ? 0.25 : 1 }, [0.1, 0.5, 0.9])
        #expect(same == [21.5, 21.5, 21.5])
    }

    @Test func equalValuesAreOrderedByWeightWhateverTheyArriveIn() {
        // 25 at ½, 25 at 1, 26 at 1 (Σw 2.5, n 3, median height 0.5·2·2.5 = 2.5). Lightest first:
        // S = 0, 1·1 + 2·½ = 2, 2·1 + 2·1.5 = 5, so 25 + 0.5/3 = 25 + ⅙. Taken as they arrive, the
        // other order gave S₂ = 1·½ + 2·1 = 2.5 and the median 25.0.
        let expected = 25 + 1.0 / 6
        for (values, weights) in [([25, 25, 26], [0.5, 1, 1]), ([25, 25, 26], [1, 0.5, 1]), ([26, 25, 25], [1, 1, 0.5])] as [([Float], [Float])] {
            let median = quantiles(values, weights, [0.5])[0] ?? .nan
            #expect(abs(median - expected) < 1e-12, "\(weights): \(median)")
        }
        // −0 and +0 are one value, a tie ordered by weight too: 0 + ⅙ whichever sign the heavier has.
        for values in [[0, -0.0, 1], [-0.0, 0, 1]] as [[Float]] {
            let median = quantiles(values, [1, 0.5, 1], [0.5])[0] ?? .nan
            #expect(abs(median - 1.0 / 6) < 1e-12, "\(values): \(median)")
        }
    }

    @Test func probabilitiesThatAreNotNumbersGetNoAnswer() {
        // 1…10 at equal weights is type 7: q10 = 1 + 0.1·9 = 1.9, q20 = 2.8; a NaN between them
        // must neither be answered nor disturb them. Beyond 0…1 gives the extremes.
        let values = (1...10).map(Float.init)
        let ones = [Float](repeating: 1, count: 10)
        let q = quantiles(values, ones, [0.1, .nan, 0.2, -0.5, 1.5])
        #expect(q[1] == nil && q[3] == 1 && q[4] == 10)
        #expect(abs((q[0] ?? 0) - 1.9) < 1e-12 && abs((q[2] ?? 0) - 2.8) < 1e-12)
        #expect(quantiles([7], [1], [.nan, 0.5]) == [nil, 7])
        // Infinite values and weights are skipped: [−∞, 0, ∞, 5] keeps 0 and 5.
        #expect(quantiles([-.infinity, 0, .infinity, 5, 3], [1, 1, 1, 1, .infinity], [0, 1]) == [0, 5])
    }

    @Test func emptyAndSingleValues() {
        #expect(WeightedQuantiles().quantiles([0.5]) == [nil])
        #expect(quantiles([7, .nan], [0.3, 1], [0.1, 0.9]) == [7, 7])
    }
}

/// The selection-based quantiles against the definition written out plainly: sort by (value,
/// weight), build every Sₖ, interpolate. Random zones with ties, fractional weights and several
/// probabilities at once.
struct WeightedQuantilesDefinitionTests {
    static func byDefinition(_ values: [Float], _ weights: [Float], _ q: Double) -> Double {
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : weights[$0] < weights[$1] }
        let n = Double(values.count)
        var s: [Double] = [], before = 0.0
        for (k, i) in order.enumerated() {
            s.append(Double(k) * Double(weights[i]) + (n - 1) * before)
            before += Double(weights[i])
        }
        let h = q * (n - 1) * before
        guard let k = s.firstIndex(where: { $0 > h }) else { return Double(values[order[order.count - 1]]) }
        let (a, b) = (Double(values[order[k - 1]]), Double(values[order[k]]))
        return a + (h - s[k - 1]) / (s[k] - s[k - 1]) * (b - a)
    }

    @Test(arguments: [2, 3, 10, 64, 1000, 5000])
    func selectionEqualsTheDefinition(n: Int) {
        var generator = SplitMix64(seed: UInt64(n))
        let values: [Float] = (0..<n).map { _ in Float(Int(generator.next() % 200)) / 10 + 20 }   // many ties
        let weights: [Float] = (0..<n).map { _ in generator.next() % 4 == 0 ? Float(generator.next() % 1000 + 1) / 1000 : 1 }
        var q = WeightedQuantiles()
        for (v, w) in zip(values, weights) { q.add(v, weight: w) }
        let probabilities = [0.9, 0.0, 0.5, 0.25, 1.0, 0.5, 0.999]
        // The same cells in reverse: the answers may not depend on the order they arrive in.
        var reversed = WeightedQuantiles()
        for (v, w) in zip(values, weights).reversed() { reversed.add(v, weight: w) }
        for ours in [q.quantiles(probabilities), reversed.quantiles(probabilities)] {
            #expect(ours.count == probabilities.count)
            for (p, got) in zip(probabilities, ours) {
                let expected = Self.byDefinition(values, weights, p)
                #expect(abs((got ?? .nan) - expected) < 1e-9, "n \(n), q \(p): \(String(describing: got)) vs \(expected)")
            }
        }
    }

    /// Few distinct values among many cells (a three-way partition keeps this linear; a two-way one
    /// on keys without an index went quadratic).
    @Test func manyCellsOfFewValues() {
        var generator = SplitMix64(seed: 99)
        let values: [Float] = (0..<200_000).map { _ in Float(generator.next() % 3) + 20 }
        let weights: [Float] = (0..<200_000).map { _ in generator.next() % 8 == 0 ? 0.5 : 1 }
        var q = WeightedQuantiles()
        for (v, w) in zip(values, weights) { q.add(v, weight: w) }
        for (p, got) in zip([0.1, 0.5, 0.9], q.quantiles([0.1, 0.5, 0.9])) {
            #expect(abs((got ?? .nan) - Self.byDefinition(values, weights, p)) < 1e-9, "q \(p)")
        }
    }
}
