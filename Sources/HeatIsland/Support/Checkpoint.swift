import Synchronization

/// Set when the task that awaits a long operation is cancelled; read by the operation's thread.
final class CancellationFlag: Sendable {
    private let cancelled = Atomic<Bool>(false)

    /// Marks the operation as cancelled.
    func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// Whether the awaiting task was cancelled.
    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
}

/// The points of a long operation (a block row, a zone) where it reports progress and where, run
/// from an `async` form, it stops once its task is cancelled: such an operation takes seconds to
/// minutes, too long to finish after nobody wants its result. Stopping there loses nothing worth
/// keeping: files being written are still under their temporary names and are removed.
struct Checkpoint: Sendable {
    /// Receives the fraction done.
    let progress: ProgressHandler?
    /// The awaiting task's cancellation; `nil` for the synchronous forms.
    let cancellation: CancellationFlag?
    /// Names the operation in ``HeatIslandError/cancelled(operation:)``.
    let operation: String

    init(_ operation: String, progress: ProgressHandler?, cancellation: CancellationFlag? = nil) {
        (self.operation, self.progress, self.cancellation) = (operation, progress, cancellation)
    }

    /// Whether the operation should stop.
    var isCancelled: Bool { cancellation?.isCancelled ?? false }

    /// Throws when the task was cancelled, else reports the fraction done.
    func reached(_ fraction: Double) throws(HeatIslandError) {
        if isCancelled { throw .cancelled(operation: operation) }
        progress?(fraction)
    }

    /// ``reached(_:)`` for work that a callback stops by returning `false` (GDAL's warper, the Gi*
    /// kernel): reports the fraction done unless the task was cancelled.
    /// - Returns: Whether the work should go on.
    func goOn(at fraction: Double) -> Bool {
        guard !isCancelled else { return false }
        progress?(fraction)
        return true
    }
}
