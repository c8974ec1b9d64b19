@testable import HeatIslandKernels
import Testing

/// Quantiles taken from the reduction's copy of a zone's cells (histogram, then selection among a few buckets) against the
/// definition written out plainly (``WeightedQuantilesDefinitionTests/byDefinition(_:_:_:)``: sort,
/// build every Sₖ, interpolate), on zones with ties, missing cells, partial cells and up to 1024
/// buckets, for probabilities that land anywhere including the ends.
struct DirectQuantilesTests {
    static let probabilities = [0.0, 0.01, 0.1, 0.25, 0.5, 0.5, 0.75, 0.9, 0.95, 0.999, 1.0]

    /// A `width` × `height` block with one zone: per row a few partial cells, a full run and a few
    /// more partial cells; values on a 0.01 grid (many ties), a tenth missing.
    static func zone(width: Int, height: Int, seed: UInt64, value: (inout SplitMix64) -> Float) -> ZonalReducerTests.Case {
        var g = SplitMix64(seed: seed)
        let values: [Float] = (0..<(width * height)).map { _ in g.next() % 10 == 0 ? .nan : value(&g) }
        var c = ZonalReducerTests.Case(values: values)
        for row in 0..<height {
            let start = Int(g.next() % UInt64(width / 4)), end = width - Int(g.next() % UInt64(width / 4))
            func partial(_ column: Int) {
                let w = Float(g.next() % 999 + 1) / 1000
                c.builder.appendPartial(row: row, column: column, weight: w)
                c.cells.append((values[row * width + column], w))
            }
            for column in start..<(start + 2) { partial(column) }
            c.builder.appendFull(row: row, start: start + 2, end: end - 2)
            for k in (start + 2)..<(end - 2) { c.cells.append((values[row * width + k], 1)) }
            for column in (end - 2)..<end { partial(column) }
        }
        return c
    }

    static func check(_ c: ZonalReducerTests.Case, width: Int, height: Int) throws {
        let block = PixelWindow(column: 0, row: 0, width: width, height: height)
        var statistics = ZonalAccumulator()
        let direct = c.values.withUnsafeBufferPointer { values in
            ZonalReducer.add(values, block: block, spans: c.spans, into: &statistics, quantilesAt: probabilities)
        }
        let valid = c.cells.filter { !$0.value.isNaN }
        #expect(direct.count == probabilities.count)
        for (p, got) in zip(probabilities, direct) {
            let expected = WeightedQuantilesDefinitionTests.byDefinition(valid.map(\.value), valid.map(\.weight), p)
            #expect(abs(try #require(got) - expected) < 1e-9, "q \(p): \(String(describing: got)) vs \(expected)")
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func smallZoneEqualsTheDefinition(seed: UInt64) throws {
        try Self.check(Self.zone(width: 24, height: 7, seed: seed) { Float($0.next() % 300) / 100 + 20 }, width: 24, height: 7)
    }

    @Test(arguments: [4, 5] as [UInt64])
    func largeZoneEqualsTheDefinition(seed: UInt64) throws {
        // About 30 000 values, so the histogram has its full 1024 buckets.
        try Self.check(Self.zone(width: 240, height: 160, seed: seed) { Float($0.next() % 2000) / 100 + 15 }, width: 240, height: 160)
    }

    @Test func skewedValuesCrowdingFewBuckets() throws {
        // Nearly all values in a narrow band and a few far out: most buckets stay empty.
        try Self.check(Self.zone(width: 120, height: 60, seed: 6) { g in
            g.next() % 100 == 0 ? Float(g.next() % 5000) / 100 - 10 : 30 + Float(g.next() % 20) / 100
        }, width: 120, height: 60)
    }

    @Test func twoValuesOnly() throws {
        try Self.check(Self.zone(width: 40, height: 30, seed: 7) { g in g.next() % 3 == 0 ? 18.5 : 31.25 }, width: 40, height: 30)
    }

    @Test func infiniteValuesAreMissingAndNaNProbabilitiesUnanswered() throws {
        var c = Self.zone(width: 30, height: 10, seed: 8) { Float($0.next() % 500) / 100 + 20 }
        c.values[3 * 30 + 15] = .infinity
        c.values[4 * 30 + 16] = -.infinity
        let block = PixelWindow(column: 0, row: 0, width: 30, height: 10)
        var statistics = ZonalAccumulator()
        let direct = c.values.withUnsafeBufferPointer { values in
            ZonalReducer.add(values, block: block, spans: c.spans, into: &statistics, quantilesAt: [0.1, .nan, 0.5])
        }
        #expect(statistics.maximum < 25 && statistics.minimum >= 20)
        // The covered cells with a finite value: the two infinite ones count as missing.
        let cells = c.spans.spans.flatMap { span in
            (Int(span.start)..<Int(span.end)).enumerated().map { k, column in
                (value: c.values[Int(span.row) * 30 + column], weight: span.isFull ? Float(1) : c.spans.weights[Int(span.weightOffset) + k])
            }
        }.filter { $0.value.isFinite }
        #expect(statistics.validCells == cells.count)
        #expect(direct[1] == nil)
        for (p, got) in zip([0.1, 0.5], [direct[0], direct[2]]) {
            let expected = WeightedQuantilesDefinitionTests.byDefinition(cells.map(\.value), cells.map(\.weight), p)
            #expect(abs(try #require(got) - expected) < 1e-9)
        }
    }

    @Test func zonesWithoutValuesOrWithOneValue() {
        let block = PixelWindow(column: 0, row: 0, width: 4, height: 1)
        let builder = CoverageSpansBuilder()
        builder.appendFull(row: 0, start: 0, end: 4)
        let spans = builder.finish()
        for (values, expected) in [([Float.nan, .nan, .nan, .nan], nil), ([.nan, 21, .nan, .nan], 21.0), ([22, 22, 22, 22], 22.0)] as [([Float], Double?)] {
            var statistics = ZonalAccumulator()
            let q = values.withUnsafeBufferPointer { v in
                ZonalReducer.add(v, block: block, spans: spans, into: &statistics, quantilesAt: [0, 0.5, 1])
            }
            #expect(q == [expected, expected, expected])
        }
    }
}
