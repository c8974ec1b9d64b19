/// A decode call whose buffers do not line up.
public enum DecodeError: DescribedError, Sendable, Hashable {
    /// A QA or output buffer whose length differs from the input's.
    case lengthMismatch(expected: Int, actual: Int)

    /// One line describing the problem.
    public var description: String {
        switch self {
        case .lengthMismatch(let expected, let actual):
            "decode buffers differ in length: expected \(expected) values, got \(actual)"
        }
    }
}
