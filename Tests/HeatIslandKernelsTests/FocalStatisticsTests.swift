import HeatIslandKernels
import Testing

/// Focal sums, counts and means against a direct loop over every neighbourhood, and by hand.
struct FocalStatisticsTests {
    typealias Field = RasterGiStarTests.Field

    /// Σ and the number of valid cells of every cell's neighbourhood, visited cell by cell in Double.
    static func direct(_ field: Field, reach: Int, _ inside: (Int, Int) -> Bool) -> (sums: [Double], counts: [Double]) {
        var sums: [Double] = [], counts: [Double] = []
        for i in field.values.indices {
            let (x, y) = (i % field.width, i / field.width)
            var sum = 0.0, count = 0.0
            for yy in max(0, y - reach)..<min(field.height, y + reach + 1) {
                for xx in max(0, x - reach)..<min(field.width, x + reach + 1) where inside(xx - x, yy - y) {
                    let v = field.values[yy * field.width + xx]
                    if v.isFinite { sum += Double(v); count += 1 }
                }
            }
            sums.append(sum)
            counts.append(count)
        }
        return (sums, counts)
    }

    func focal(_ neighbourhood: FocalNeighbourhood, _ field: Field) throws -> (sums: [Double], counts: [Double]) {
        var sums = [Double](repeating: -1, count: field.values.count), counts = sums
        try field.values.withUnsafeBufferPointer { (v) throws(FocalError) in
            try sums.withUnsafeMutableBufferPointer { (s) throws(FocalError) in
                try counts.withUnsafeMutableBufferPointer { (c) throws(FocalError) in
                    try FocalStatistics.sums(v, width: field.width, height: field.height, neighbourhood: neighbourhood, sums: s, counts: c)
                }
            }
        }
        return (sums, counts)
    }

    /// Circles row by row (2.5, 9) and as core and caps (20), squares of every size; on a wide
    /// field (two tiles of columns, three bands of rows) and a tall one (bands carried on), 40
    /// columns: a square of radius 25 there has no column whose window reaches neither side.
    @Test(arguments: [(FocalNeighbourhood.Shape.circle, 2.5), (.circle, 9), (.circle, 20), (.square, 0), (.square, 4), (.square, 17), (.square, 25)])
    func sumsAndCountsMatchADirectLoop(_ shape: FocalNeighbourhood.Shape, _ r: Double) throws {
        let reach = Int(r)
        for field in [RasterGiStarTests.wide, RasterGiStarTests.tall] {
            let ours = try focal(FocalNeighbourhood(shape: shape, radiusCells: r), field)
            let reference = Self.direct(field, reach: reach) { dx, dy in
                shape == .square ? abs(dx) <= reach && abs(dy) <= reach : Double(dx * dx + dy * dy) <= r * r
            }
            #expect(ours.counts == reference.counts)
            let worst = zip(ours.sums, reference.sums).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? .nan
            #expect(worst < 1e-12, "largest relative difference \(worst)")
            // The mean is the sum over the count, as Float.
            let mean = try FocalStatistics.mean(field.values, width: field.width, height: field.height,
                                                neighbourhood: FocalNeighbourhood(shape: shape, radiusCells: r))
            let wrong = mean.indices.filter { i in
                let expected = reference.counts[i] > 0 ? Float(reference.sums[i] / reference.counts[i]) : .nan
                return !(abs(mean[i] - expected) <= expected.ulp || (mean[i].isNaN && expected.isNaN))
            }
            #expect(wrong.isEmpty, "\(wrong.count) means differ")
        }
    }

    /// 3 × 3 by hand: the missing centre gets the mean of its valid neighbours, the others the
    /// mean of the valid cells within reach, and radius 0 is the cell itself.
    @Test func meansByHand() throws {
        let values: [Float] = [1, 2, 3,
                               4, .nan, 6,
                               7, 8, 9]
        let mean = { (shape: FocalNeighbourhood.Shape, r: Double) throws -> [Float] in
            try FocalStatistics.mean(values, width: 3, height: 3, neighbourhood: FocalNeighbourhood(shape: shape, radiusCells: r))
        }
        let square = try mean(.square, 1)
        #expect(square[4] == 5)                  // 1 2 3 4 6 7 8 9
        #expect(square[0] == Float(7.0 / 3))     // 1 2 4
        #expect(square[1] == Float(16.0 / 5))    // 1 2 3 4 6
        let circle = try mean(.circle, 1)
        #expect(circle[4] == 5)                  // 2 4 6 8
        #expect(circle[0] == Float(7.0 / 3))     // 1 2 4
        #expect(circle[1] == 2)                  // 1 2 3
        let itself = try mean(.circle, 0)
        #expect(itself[8] == 9 && itself[4].isNaN)
    }

    @Test func aGridWithoutValidCellsHasSumsOfZeroAndNoMeans() throws {
        let missing = [Float](repeating: .nan, count: 20)
        var sums = [Double](repeating: -1, count: 20), counts = sums
        try missing.withUnsafeBufferPointer { (v) throws(FocalError) in
            try sums.withUnsafeMutableBufferPointer { (s) throws(FocalError) in
                try counts.withUnsafeMutableBufferPointer { (c) throws(FocalError) in
                    try FocalStatistics.sums(v, width: 5, height: 4, neighbourhood: FocalNeighbourhood(shape: .circle, radiusCells: 3), sums: s, counts: c)
                }
            }
        }
        #expect(sums.allSatisfy { $0 == 0 } && counts.allSatisfy { $0 == 0 })
        let means = try FocalStatistics.mean(missing, width: 5, height: 4, neighbourhood: FocalNeighbourhood(shape: .square, radiusCells: 2))
        #expect(means.count == 20 && means.allSatisfy(\.isNaN))
    }

    @Test func buffersThatDoNotFitTheGridAreRefused() throws {
        let n = FocalNeighbourhood(shape: .square, radiusCells: 1)
        #expect(throws: FocalError.gridMismatch(width: 4, height: 3, values: 10)) {
            try FocalStatistics.mean([Float](repeating: 1, count: 10), width: 4, height: 3, neighbourhood: n)
        }
        #expect(throws: FocalError.gridMismatch(width: 0, height: 0, values: 0)) {
            try FocalStatistics.mean([], width: 0, height: 0, neighbourhood: n)
        }
        let values = [Float](repeating: 1, count: 12)
        var short = [Float](repeating: 7, count: 11)
        #expect(throws: FocalError.outputLength(expected: 12, actual: 11)) {
            try values.withUnsafeBufferPointer { v in
                try short.withUnsafeMutableBufferPointer { out in try FocalStatistics.mean(v, width: 4, height: 3, neighbourhood: n, into: out) }
            }
        }
        #expect(short.allSatisfy { $0 == 7 })
        #expect(FocalError.outputLength(expected: 12, actual: 11).description == "focal statistics: an output buffer holds 11 values, not the grid's 12")
    }
}
