import HeatIslandKernels
import Testing

/// MODIS QC words judged by hand from the MOD11 user guide's bit table: bits 0–1 mandatory QA
/// (00 good, 01 other quality, 10/11 not produced), bits 6–7 average LST error (00 ≤ 1 K … 11 > 3 K).
struct MODISQualityTests {
    /// Each word with the filters that keep it, worked out from the table.
    static let cases: [(word: UInt16, keptBy: Set<MODISQuality>)] = [
        (0b00_00_00_00, [.good, .errorAtMost1K, .errorAtMost2K, .errorAtMost3K]),
        (0b00_00_00_01, [.errorAtMost1K, .errorAtMost2K, .errorAtMost3K]),
        (0b01_00_00_01, [.errorAtMost2K, .errorAtMost3K]),
        (0b10_00_00_01, [.errorAtMost3K]),
        (0b11_00_00_01, []),
        // Not produced: cloud, then other reasons.
        (0b00_00_00_10, []),
        (0b00_00_00_11, []),
        // Data-quality and emissivity-error bits (2–5) do not decide.
        (0b00_11_11_01, [.errorAtMost1K, .errorAtMost2K, .errorAtMost3K]),
        // Good quality is kept whatever its error bits say.
        (0b01_00_00_00, [.good, .errorAtMost1K, .errorAtMost2K, .errorAtMost3K]),
    ]

    @Test(arguments: cases.indices)
    func eachWordIsKeptByTheFiltersTheTableGives(_ index: Int) {
        let (word, keptBy) = Self.cases[index]
        for quality in MODISQuality.allCases where quality != .allProduced {
            #expect(quality.keeps(word) == keptBy.contains(quality), "word \(String(word, radix: 2)), \(quality)")
        }
        #expect(MODISQuality.allProduced.keeps(word))
    }

    @Test func maskDropsOnlyTemperaturesAndCountsThem() throws {
        var values: [Float] = [20, .nan, 21, 22]
        let qc: [UInt16] = [0b01_00_00_01, 0b01_00_00_01, 0, 0b11_00_00_01]
        let dropped = try values.withUnsafeMutableBufferPointer { v in
            try qc.withUnsafeBufferPointer { try MODISQuality.errorAtMost1K.mask(v, qc: $0) }
        }
        #expect(dropped == 2)
        #expect(values[0].isNaN && values[1].isNaN && values[2] == 21 && values[3].isNaN)
    }

    @Test func buffersOfDifferentLengthsAreRefused() {
        var values: [Float] = [20, 21]
        let qc: [UInt16] = [0]
        #expect(throws: DecodeError.lengthMismatch(expected: 2, actual: 1)) {
            try values.withUnsafeMutableBufferPointer { v in
                try qc.withUnsafeBufferPointer { try MODISQuality.good.mask(v, qc: $0) }
            }
        }
    }
}
