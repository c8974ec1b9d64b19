@testable import HeatIsland
import Testing

/// Dates from MODIS-style names, worked by hand: day 60 is 29 February in a leap year and
/// 1 March otherwise; 2000 is a leap year (divisible by 400), 2100 is not (by 100 only).
struct AcquisitionDateTests {
    @Test func daysOfTheYearBecomeCalendarDates() {
        let cases: [(String, String?)] = [
            ("MOD11A1.A2024197.h19v04.061_LST_Day_1km.tif", "2024-07-15"),
            ("/data/MOD11A1.A2019305.h14v09.006.2019306084028.hdf", "2019-11-01"),
            ("MOD11A1.A2024060.h19v04.tif", "2024-02-29"),
            ("MOD11A1.A2023060.h19v04.tif", "2023-03-01"),
            ("MOD11A1.A2000060.h19v04.tif", "2000-02-29"),
            ("MOD11A1.A2100060.h19v04.tif", "2100-03-01"),
            ("MOD11A1.A2024001.h19v04.tif", "2024-01-01"),
            ("MOD11A1.A2024366.h19v04.tif", "2024-12-31"),
        ]
        for (name, expected) in cases { #expect(AcquisitionDate.fromFileName(name) == expected, "\(name)") }
    }

    @Test func namesWithoutADayOfTheYearHaveNoDate() {
        let names = [
            "celsius.tif", "MOD11A1.A2023366.h19v04.tif", "MOD11A1.A2024000.h19v04.tif", "MOD11A1.A2024367.h19v04.tif",
            "MOD11A1.A202419.h19v04.tif", "MOD11A1.A20241977.tif", "MOD11A1.A2024197", "MOD11A1.B2024197.tif", "MOD11A1.A20x4197.tif",
            "/data/MOD11A1.A2024197.dir/celsius.tif",
        ]
        for name in names { #expect(AcquisitionDate.fromFileName(name) == nil, "\(name)") }
    }

    @Test func theFirstPartOfSevenDigitsDecides() {
        // Not digits: passed over. Seven digits naming no day: no date, as the name is ambiguous.
        #expect(AcquisitionDate.fromFileName("X.A20x4197.A2024197.tif") == "2024-07-15")
        #expect(AcquisitionDate.fromFileName("X.A2023366.A2024197.tif") == nil)
    }
}
