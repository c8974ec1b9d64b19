import ArgumentParser

/// A length in metres on the command line: `2000` or `2000m`, as a radius is written `150m`.
enum Metres {
    static func parse(_ text: String) throws -> Double {
        let digits = text.hasSuffix("m") ? String(text.dropLast()) : text
        guard let value = Double(digits), value.isFinite else { throw ValidationError("'\(text)' is not a length in metres (for example 2000 or 2000m)") }
        return value
    }
}
