import HeatIslandKernels
import Testing

/// Public kernels given what a caller should not give: an answer or nothing, never a trap (each of
/// these trapped, found by probing every public symbol).
struct HostileCallerInputTests {
    @Test func aWindowOutsideTheGridExtractsNothing() {
        let grid: [Float] = [1, 2, 3, 4]
        #expect(PixelWindow(column: 2, row: 2, width: 5, height: 5).extract(from: grid, rasterWidth: 2) == nil)
        #expect(PixelWindow(column: 0, row: 0, width: 1, height: -1).extract(from: grid, rasterWidth: 2) == nil)
        #expect(PixelWindow(column: 1, row: 0, width: 1, height: 2).extract(from: grid, rasterWidth: 2) == [2, 4])
    }

    /// A block placed at Int.min: the spans' offsets overflowed; no span lies in such a block.
    @Test func aBlockAtTheEndsOfIntHoldsNoSpan() throws {
        let grid = GeoTransform(originX: 0, pixelWidth: 1, originY: 10, pixelHeight: -1)
        let square = MultiPolygon([Polygon(exterior: Ring([SIMD2(1, 1), SIMD2(4, 1), SIMD2(4, 4), SIMD2(1, 4), SIMD2(1, 1)]))])
        let spans = try CoverageRasterizer.spans(for: square, grid: grid, width: 10, height: 10, rule: .exact)
        #expect(!spans.isEmpty)
        let values: [Float] = [1]
        var statistics = ZonalAccumulator()
        var quantiles: WeightedQuantiles?
        values.withUnsafeBufferPointer { v in
            ZonalReducer.add(v, block: PixelWindow(column: 0, row: Int.min, width: 1, height: 1), spans: spans, into: &statistics, quantiles: &quantiles)
        }
        let medians = values.withUnsafeBufferPointer { v in
            ZonalReducer.add(v, block: PixelWindow(column: Int.min, row: 0, width: 1, height: 1), spans: spans, into: &statistics, quantilesAt: [0.5])
        }
        #expect(statistics.validCells == 0 && medians == [nil])
    }

    /// Local Moran's lists are public variables: z-scores over the units all three still have.
    @Test func localMoranZOverListsOfUnequalLength() {
        var moran = LocalMoran([1, 2, 4], weights: SpatialWeights(neighbours: [[1], [0, 2], [1]]))
        moran.i.append(5)
        #expect(moran.z.count == 3)
    }
}
