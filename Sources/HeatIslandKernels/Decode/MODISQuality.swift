/// Which MODIS land-surface temperatures to keep by their quality-control word (`QC_Day` or
/// `QC_Night` of MOD11/MYD11; Wan, *MODIS LST Products Users' Guide*, Collection 6, table of QC bits).
///
/// Bits 0–1 of the word are the mandatory QA flag: 00 produced, good quality; 01 produced, other
/// quality; 10 and 11 not produced (those pixels are fill in the LST grid already). Bits 6–7 bound
/// the average LST error: 00 ≤ 1 K, 01 ≤ 2 K, 10 ≤ 3 K, 11 > 3 K. Bits 2–5 (data quality and
/// emissivity error) are not read: the LST error bound already carries what they mean for a
/// temperature.
///
/// "Other quality" pixels are common (a quarter of the valid pixels of the bundled MOD11A1 sample)
/// and mostly good enough for a heat map at 1 km, so none is dropped unless asked.
public enum MODISQuality: String, Sendable, Hashable, CaseIterable, Codable {
    /// Every pixel the LST grid has a temperature for; the QC band is not read.
    case allProduced
    /// Only "produced, good quality" pixels (mandatory QA 00).
    case good
    /// Good quality, or other quality with an average LST error of at most 1 K.
    case errorAtMost1K
    /// Good quality, or other quality with an average LST error of at most 2 K.
    case errorAtMost2K
    /// Good quality, or other quality with an average LST error of at most 3 K.
    case errorAtMost3K

    /// The highest LST error flag (bits 6–7) kept for an "other quality" pixel; `nil` when none is.
    private var highestErrorFlag: UInt16? {
        switch self {
        case .allProduced: 3
        case .good: nil
        case .errorAtMost1K: 0
        case .errorAtMost2K: 1
        case .errorAtMost3K: 2
        }
    }

    /// Whether a pixel with this QC word is kept.
    /// - Parameter word: The QC word (its low 8 bits are the MOD11 QC byte).
    public func keeps(_ word: UInt16) -> Bool {
        if self == .allProduced { return true }
        switch word & 0b11 {
        case 0: return true
        case 1: return highestErrorFlag.map { (word >> 6) & 0b11 <= $0 } ?? false
        default: return false
        }
    }

    /// Sets to NaN every temperature whose QC word this choice does not keep.
    /// - Parameters:
    ///   - values: Decoded temperatures, NaN where already masked.
    ///   - qc: The QC words of the same pixels.
    /// - Returns: How many temperatures it dropped (pixels already NaN are not counted again).
    /// - Throws: ``DecodeError/lengthMismatch(expected:actual:)`` when the buffers differ in length.
    public func mask(_ values: UnsafeMutableBufferPointer<Float>, qc: UnsafeBufferPointer<UInt16>) throws(DecodeError) -> Int {
        guard qc.count == values.count else { throw .lengthMismatch(expected: values.count, actual: qc.count) }
        if self == .allProduced { return 0 }
        var dropped = 0
        for i in values.indices where !values[i].isNaN && !keeps(qc[i]) {
            values[i] = .nan
            dropped += 1
        }
        return dropped
    }
}
