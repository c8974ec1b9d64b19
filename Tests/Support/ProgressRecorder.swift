import Foundation

/// Records the fractions a synchronous operation reports to its progress handler, to check that
/// they rise and end at 1.
public final class ProgressRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Double] = []

    /// Creates an empty recorder.
    public init() {}

    /// The handler to pass to the operation.
    public var handler: @Sendable (Double) -> Void { { [self] fraction in lock.withLock { recorded.append(fraction) } } }

    /// The fractions reported so far, in order.
    public var fractions: [Double] { lock.withLock { recorded } }

    /// Whether the fractions never fell and the last one was 1.
    public var roseToOne: Bool {
        let all = fractions
        return all == all.sorted() && all.last == 1
    }
}
