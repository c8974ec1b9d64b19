/// What a call throws, as its description reads, or `"no error"` (with what it returned): for
/// tests that check the words of an error, and say what happened instead when there was none.
/// - Parameter body: The call.
public func thrownText<T>(_ body: () throws -> T) -> String {
    do { return "no error (returned \(try body()))" } catch { return "\(error)" }
}
