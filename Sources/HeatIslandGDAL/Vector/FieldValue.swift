/// An attribute value of a vector feature.
public enum FieldValue: Sendable, Hashable, CustomStringConvertible {
    /// An integer field (32 or 64 bit).
    case integer(Int)
    /// A real field.
    case real(Double)
    /// A string, date or any other field, as OGR formats it.
    case string(String)
    /// An unset or null field.
    case null

    /// The value as text (empty for null); integers without a decimal point.
    public var description: String {
        switch self {
        case .integer(let v): String(v)
        case .real(let v): String(v)
        case .string(let v): v
        case .null: ""
        }
    }
}
