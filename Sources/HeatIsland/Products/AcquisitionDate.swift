import Foundation

/// Reads acquisition dates that product file names carry.
enum AcquisitionDate {
    /// The date in a MODIS-style name (`MOD11A1.A2024197…` = year 2024, day 197) as `YYYY-MM-DD`.
    static func fromFileName(_ path: String) -> String? {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard let match = name.firstMatch(of: /\.A(\d{4})(\d{3})\./),
              let year = Int(match.1), let day = Int(match.2), (1...366).contains(day) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        guard let start = calendar.date(from: DateComponents(year: year, month: 1, day: 1)),
              let date = calendar.date(byAdding: .day, value: day - 1, to: start),
              calendar.component(.year, from: date) == year else { return nil }
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? year, c.month ?? 1, c.day ?? 1)
    }
}
