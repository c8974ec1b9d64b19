import Synchronization

/// Reports how much of a kernel's work, split across cores, is finished (rows of a raster, units of
/// a permutation test), one report at a time so that the fractions a handler sees never fall, and
/// remembers whether a report asked the workers to stop.
final class WorkProgress: Sendable {
    private let total: Int
    private let report: @Sendable (Double) -> Bool
    private let state = Mutex<(done: Int, stopped: Bool)>((0, false))

    /// - Parameters:
    ///   - total: The items (rows, units) of the whole computation.
    ///   - report: Gets the fraction done; returns whether to go on.
    init(total: Int, report: @escaping @Sendable (Double) -> Bool) {
        (self.total, self.report) = (total, report)
    }

    /// Counts `items` more as finished and reports the fraction done.
    /// - Returns: Whether the workers should go on (`false` once any report asked them to stop).
    func finished(_ items: Int) -> Bool {
        state.withLock { state in
            state.done += items
            if !state.stopped && !report(Double(state.done) / Double(max(total, 1))) { state.stopped = true }
            return !state.stopped
        }
    }

    /// Whether a report asked the workers to stop: a worker about to start a piece of work checks
    /// it, since its own last report may have said to go on before another worker's said to stop.
    var stopped: Bool { state.withLock { $0.stopped } }
}
