import Foundation

/// Reads acquisition dates that product file names carry.
///
/// Plain arithmetic on the name's bytes: every raster read asks, most names carry no date, and a
/// Swift `Regex` with a Foundation `Calendar` cost about half a millisecond of a command's start-up.
enum AcquisitionDate {
    /// The date in a MODIS-style name (`MOD11A1.A2024197…` = year 2024, day 197) as `YYYY-MM-DD`,
    /// read in the Gregorian calendar; `nil` when the name has no `.A` + seven digits + `.`, or when
    /// the first such part names no day of its year (day 0, or 366 in a common year).
    static func fromFileName(_ path: String) -> String? {
        let name = Array(URL(fileURLWithPath: path).lastPathComponent.utf8)
        let (dot, a) = (UInt8(ascii: "."), UInt8(ascii: "A"))
        func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard name.count >= 10 else { return nil }
        for start in 0...(name.count - 10) where name[start] == dot && name[start + 1] == a && name[start + 9] == dot {
            let digits = name[(start + 2)..<(start + 9)]
            guard digits.allSatisfy(isDigit) else { continue }
            let number = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            return date(year: number / 1000, dayOfYear: number % 1000)
        }
        return nil
    }

    /// `YYYY-MM-DD` of a day of the year (1 = 1 January).
    private static func date(year: Int, dayOfYear: Int) -> String? {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let months = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var day = dayOfYear
        guard day >= 1 else { return nil }
        for (index, length) in months.enumerated() {
            if day <= length { return String(format: "%04d-%02d-%02d", year, index + 1, day) }
            day -= length
        }
        return nil
    }
}
