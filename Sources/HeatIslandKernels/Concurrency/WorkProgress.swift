import Foundation

/// Reports how much of a kernel's work, split across cores, is finished (rows of a raster, units of
/// a permutation test), one report at a time so that the fractions a handler sees never fall, and
/// remembers whether a report asked the workers to stop.
///
/// The lock is an `NSLock` (a pthread mutex) rather than Synchronization's `Mutex`: on Linux,
/// ThreadSanitizer does not see the hand-over inside `Mutex` when threads contend for it, and
/// reported every contended report as a data race (Swift 6.3.1), which hid real races behind
/// false ones. State is only touched under the lock, hence `@unchecked Sendable`.
final class WorkProgress: @unchecked Sendable {
    private let total: Int
    private let report: @Sendable (Double) -> Bool
    private let lock = NSLock()
    private var done = 0
    private var halted = false

    /// - Parameters:
    ///   - total: The items (rows, units) of the whole computation.
    ///   - report: Gets the fraction done; returns whether to go on.
    init(total: Int, report: @escaping @Sendable (Double) -> Bool) {
        (self.total, self.report) = (total, report)
    }

    /// Counts `items` more as finished and reports the fraction done.
    /// - Returns: Whether the workers should go on (`false` once any report asked them to stop).
    func finished(_ items: Int) -> Bool {
        lock.withLock {
            done += items
            if !halted && !report(Double(done) / Double(max(total, 1))) { halted = true }
            return !halted
        }
    }

    /// Whether a report asked the workers to stop: a worker about to start a piece of work checks
    /// it, since its own last report may have said to go on before another worker's said to stop.
    var stopped: Bool { lock.withLock { halted } }
}
