import Foundation

/// Focal sums over many rows on all cores (see ``FocalSums``).
extension FocalSums {
    /// Hands the sums and counts of every output row in `rows` to `body`, piece by piece as
    /// ``rows(from:upTo:values:each:)`` does, with the rows split into about four chunks per core,
    /// each summed by a `FocalSums` of its own.
    ///
    /// `body` runs on several threads at once, each call for a different row piece.
    /// - Parameter progress: Told the rows done after each band; a stop ends every chunk at its
    ///   next band.
    static func sweep(
        _ values: UnsafeBufferPointer<Float>, width: Int, height: Int, rows: Range<Int>,
        neighbourhood: FocalNeighbourhood, progress: WorkProgress? = nil,
        each body: @Sendable (_ row: Int, _ columns: Range<Int>, _ sums: UnsafePointer<Double>, _ counts: UnsafePointer<Double>, _ uniformCount: Double?) -> Void
    ) {
        guard !rows.isEmpty else { return }
        let chunks = min(rows.count, max(1, 4 * ProcessInfo.processInfo.activeProcessorCount))
        let shared = UnsafeSendable(values)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let part = (rows.lowerBound + rows.count * chunk / chunks)..<(rows.lowerBound + rows.count * (chunk + 1) / chunks)
            let focal = FocalSums(width: width, height: height, neighbourhood: neighbourhood)
            var first = part.lowerBound
            // Checked before each band too: a chunk that starts after a stop would compute one.
            while first < part.upperBound, progress?.stopped != true {
                let band = focal.rows(from: first, upTo: part.upperBound, values: shared.value, each: body)
                first = band.upperBound
                if let progress, !progress.finished(band.count) { break }
            }
        }
    }
}
