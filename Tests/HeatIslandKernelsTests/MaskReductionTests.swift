@testable import HeatIslandKernels
import Testing

/// `SIMDMask.anySet` against the lanes written out by hand: no lane, each single lane, all lanes.
struct MaskReductionTests {
    @Test func noLaneIsNotSet() {
        #expect(!SIMDMask<SIMD8<Int32>>(repeating: false).anySet)
    }

    @Test(arguments: 0..<8)
    func eachSingleLaneIsSet(lane: Int) {
        var mask = SIMDMask<SIMD8<Int32>>(repeating: false)
        mask[lane] = true
        #expect(mask.anySet)
    }

    @Test func everyLaneIsSet() {
        #expect(SIMDMask<SIMD8<Int32>>(repeating: true).anySet)
    }

    /// Masks from comparisons, as the kernels build them: weights below 1 mark partial cells.
    @Test func comparisonMasks() {
        let ones = SIMD8<Float>(repeating: 1)
        #expect(!(SIMD8<Float>(repeating: 1) .< ones).anySet)
        #expect((SIMD8<Float>(1, 1, 1, 1, 1, 1, 1, 0.25) .< ones).anySet)
    }
}
