@testable import HeatIsland
import Testing

/// CSV fields against RFC 4180 written out by hand: a field holding a comma, quote, CR or LF is
/// enclosed in quotes and its quotes doubled. The cases are those where a Swift Character hides the
/// separator (CR LF is one Character, so is a comma or quote with a combining mark after it).
struct CSVQuotingTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("Gorenja Sava", "Gorenja Sava"),
        ("Orehek, Drulovka", "\"Orehek, Drulovka\""),
        ("a\r\nb", "\"a\r\nb\""),
        ("com,\u{301}ma", "\"com,\u{301}ma\""),
        ("\"\u{301}x", "\"\"\"\u{301}x\""),
        ("x,y \"\u{301}z", "\"x,y \"\"\u{301}z\""),
        ("a\u{200D},b", "\"a\u{200D},b\""),
    ])
    func fieldsAreQuotedByScalar(field: String, expected: String) {
        // Compared scalar by scalar: String's == treats canonically equivalent texts as equal.
        #expect(Array(ZonalTable.quote(field).unicodeScalars) == Array(expected.unicodeScalars))
    }
}

/// Percentile columns are named in plain decimals: `0.00001` was headed `p1e-05`.
struct PercentileColumnTests {
    @Test func percentileColumnsAreNamedInPlainDecimals() {
        let header = ZonalTable.csv([], percentiles: [90, 99.5, 0.00001]).split(separator: "\n").first.map(String.init)
        #expect(header == "id,name,count,sum,mean,min,max,stddev,median,p90,p99.5,p0.00001,valid_fraction")
    }
}
