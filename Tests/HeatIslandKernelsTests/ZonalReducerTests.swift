@testable import HeatIslandKernels
import Testing

/// The block reducer against a plain Double loop over the same (value, weight) cells: full runs of
/// every length 0…13 (vector bodies, masked tails, tails at the very end of the buffer), missing
/// cells inside runs and as the first cells, partial cells, and a block split in two.
struct ZonalReducerTests {
    struct Case {
        var values: [Float]
        /// Receives the case's spans as they are made.
        let builder = CoverageSpansBuilder()
        var spans: CoverageSpans { builder.finish() }
        /// Every covered cell with its weight, in span order (the reference's input).
        var cells: [(value: Float, weight: Float)] = []
    }

    static let width = 13, height = 9

    /// Random values (a fifth missing, rows 0 entirely missing) and, per row, a full run and a few
    /// partial cells right of it.
    static func randomCase(seed: UInt64) -> Case {
        var g = SplitMix64(seed: seed)
        let values: [Float] = (0..<(width * height)).map { i in
            i < width || g.next() % 5 == 0 ? .nan : 20 + Float(g.next() % 2000) / 100
        }
        var c = Case(values: values)
        for row in 0..<height {
            let start = Int(g.next() % 4), length = Int(g.next() % UInt64(width - start - 1))
            if length > 0 {
                c.builder.appendFull(row: row, start: start, end: start + length)
                for k in start..<(start + length) { c.cells.append((values[row * width + k], 1)) }
            }
            for column in (start + length + 1)..<width where g.next() % 2 == 0 {
                let w = Float(g.next() % 999 + 1) / 1000
                c.builder.appendPartial(row: row, column: column, weight: w)
                c.cells.append((values[row * width + column], w))
            }
        }
        // The last row as one full run to the buffer's end: its tail cannot be read as a vector.
        c.builder.appendFull(row: height - 1, start: width - 5, end: width)
        for k in (width - 5)..<width { c.cells.append((values[(height - 1) * width + k], 1)) }
        return c
    }

    static func reduce(_ c: Case, rows: [Range<Int>]) -> (ZonalAccumulator, WeightedQuantiles?) {
        var statistics = ZonalAccumulator()
        var quantiles: WeightedQuantiles? = WeightedQuantiles()
        for r in rows {
            let block = PixelWindow(column: 0, row: r.lowerBound, width: width, height: r.count)
            Array(c.values[(r.lowerBound * width)..<(r.upperBound * width)]).withUnsafeBufferPointer {
                ZonalReducer.add($0, block: block, spans: c.spans, into: &statistics, quantiles: &quantiles)
            }
        }
        return (statistics, quantiles)
    }

    /// A buffer shorter than its block would be read past its end: nothing is added.
    @Test func aBufferShorterThanItsBlockAddsNothing() {
        let c = Self.randomCase(seed: 3)
        var statistics = ZonalAccumulator()
        var quantiles: WeightedQuantiles? = WeightedQuantiles()
        let block = PixelWindow(column: 0, row: 0, width: Self.width, height: Self.height)
        [Float(1), 2, 3, 4].withUnsafeBufferPointer {
            ZonalReducer.add($0, block: block, spans: c.spans, into: &statistics, quantiles: &quantiles)
        }
        #expect(statistics.validCells == 0 && statistics.missingCells == 0 && quantiles?.count == 0)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func equalsAPlainLoop(seed: UInt64) throws {
        let c = Self.randomCase(seed: seed)
        let valid = c.cells.filter { !$0.value.isNaN }
        let w = valid.reduce(0.0) { $0 + Double($1.weight) }
        let mean = valid.reduce(0.0) { $0 + Double($1.weight) * Double($1.value) } / w
        let variance = valid.reduce(0.0) { $0 + Double($1.weight) * (Double($1.value) - mean) * (Double($1.value) - mean) } / w
        for rows in [[0..<Self.height], [0..<4, 4..<Self.height]] {
            let (s, q) = Self.reduce(c, rows: rows)
            #expect(s.validCells == valid.count && s.missingCells == c.cells.count - valid.count)
            #expect(abs(s.weight - w) < 1e-9)
            #expect(abs(s.coveredWeight - c.cells.reduce(0.0) { $0 + Double($1.weight) }) < 1e-9)
            #expect(abs(try #require(s.mean) - mean) < 1e-9)
            #expect(abs(try #require(s.variance) - variance) < 1e-9)
            #expect(s.minimum == valid.map(\.value).min() && s.maximum == valid.map(\.value).max())
            let expected = WeightedQuantilesDefinitionTests.byDefinition(valid.map(\.value), valid.map(\.weight), 0.5)
            #expect(abs((try #require(q?.quantiles([0.5]).first ?? nil)) - expected) < 1e-9)
            #expect(q?.count == valid.count)
        }
    }
}
