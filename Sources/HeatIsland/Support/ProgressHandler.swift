/// Receives the fraction of a long operation that is done, from 0 to 1, possibly from another thread.
///
/// Calls are cheap and infrequent (once per block row or per stage), so a handler may update a UI
/// or log directly.
public typealias ProgressHandler = @Sendable (_ fractionCompleted: Double) -> Void
