import Synchronization

/// Reports how many rows the workers of a kernel split across cores have finished, one report at a
/// time so that the fractions a handler sees never fall, and remembers whether a report asked the
/// workers to stop.
final class RowProgress: Sendable {
    private let total: Int
    private let report: @Sendable (Double) -> Bool
    private let state = Mutex<(done: Int, stopped: Bool)>((0, false))

    /// - Parameters:
    ///   - total: The rows of the whole computation.
    ///   - report: Gets the fraction done; returns whether to go on.
    init(total: Int, report: @escaping @Sendable (Double) -> Bool) {
        (self.total, self.report) = (total, report)
    }

    /// Counts `rows` more as finished and reports the fraction done.
    /// - Returns: Whether the workers should go on (`false` once any report asked them to stop).
    func finished(_ rows: Int) -> Bool {
        state.withLock { state in
            state.done += rows
            if !state.stopped && !report(Double(state.done) / Double(max(total, 1))) { state.stopped = true }
            return !state.stopped
        }
    }
}
