/// A focal-statistics call whose buffers do not fit its grid.
public enum FocalError: DescribedError, Sendable, Hashable {
    /// `width × height` is not the number of values (or a side is not positive).
    case gridMismatch(width: Int, height: Int, values: Int)
    /// An output buffer whose length differs from the number of values.
    case outputLength(expected: Int, actual: Int)

    /// One line describing the problem.
    public var description: String {
        switch self {
        case .gridMismatch(let width, let height, let values):
            "focal statistics: a \(width) × \(height) grid does not hold \(values) values"
        case .outputLength(let expected, let actual):
            "focal statistics: an output buffer holds \(actual) values, not the grid's \(expected)"
        }
    }
}
