/// Results that pair districts by position (statistics, hot spots and UHI indicators side by side,
/// a feature's geometry from the zone at its place) would give each district another's figures
/// without a word, or trap on a missing one, if a list were of other districts, in another order or
/// of another length: refused instead.
enum DistrictPairing {
    /// - Parameters:
    ///   - ids: The ids of the list given, in order.
    ///   - what: What the list holds, for the message ("statistics", "district hot spots").
    ///   - expected: The ids it must have, in order.
    ///   - whose: Whose ids those are, for the message ("districts of districts.gpkg").
    static func require(_ ids: [String], _ what: String, toMatch expected: [String], _ whose: String) throws(HeatIslandError) {
        guard ids == expected else {
            throw .invalidArgument("the \(ids.count) \(what) are not those of the \(expected.count) \(whose), in the same order")
        }
    }
}

extension ZoneStatistics {
    /// Statistics that must describe `zones`, in their order.
    /// - Parameters:
    ///   - statistics: The statistics given.
    ///   - zones: The districts they should describe, in order.
    ///   - file: The districts' file, for the message; `nil` for zones made in code.
    static func requirePaired(_ statistics: [ZoneStatistics], with zones: [Zone], file: String?) throws(HeatIslandError) {
        try DistrictPairing.require(statistics.map(\.id), "statistics", toMatch: zones.map(\.id), "districts\(file.map { " of \($0)" } ?? "")")
    }
}

extension DistrictHotspot {
    /// Hot spots and UHI indicators that must describe the districts of `statistics`, in their order.
    static func requirePaired(_ hotspots: [DistrictHotspot], _ uhi: [DistrictUHI], with statistics: [ZoneStatistics]) throws(HeatIslandError) {
        let ids = statistics.map(\.id)
        try DistrictPairing.require(hotspots.map(\.id), "district hot spots", toMatch: ids, "districts with statistics")
        try DistrictPairing.require(uhi.map(\.id), "districts' UHI indicators", toMatch: ids, "districts with statistics")
    }
}
