import Foundation

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

    /// The value as text (empty for null); integers, and whole reals, without a decimal point,
    /// other reals with 15 significant digits, as `ogrinfo` and GIS tools show them.
    ///
    /// A Shapefile's numeric id is often a real field (`52601` stored as `52601.000000`); printed
    /// as Swift does (`52601.0`) it no longer joins back to the source table.
    public var description: String {
        switch self {
        case .integer(let v): String(v)
        case .real(let v) where v == v.rounded() && abs(v) < 0x1p53: String(Int(v))
        case .real(let v): String(format: "%.15g", v)
        case .string(let v): v
        case .null: ""
        }
    }
}
