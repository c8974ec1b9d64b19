extension ZoneStatistics {
    /// Results that pair districts with statistics by position (UHI indicators, district hot
    /// spots) would give each district another's figures without a word if the statistics were of
    /// other zones, or in another order: refused instead.
    /// - Parameters:
    ///   - statistics: The statistics given.
    ///   - zones: The districts they should describe, in order.
    ///   - file: The districts' file, for the message; `nil` for zones made in code.
    static func requirePaired(_ statistics: [ZoneStatistics], with zones: [Zone], file: String?) throws(HeatIslandError) {
        guard zones.count == statistics.count, zip(zones, statistics).allSatisfy({ $0.id == $1.id }) else {
            throw .invalidArgument("the \(statistics.count) statistics are not those of the \(zones.count) districts\(file.map { " of \($0)" } ?? ""), in the same order")
        }
    }
}

extension DistrictHotspot {
    /// Reports that put a district's statistics, Gi* and UHI indicators side by side pair them by
    /// position: a list of other districts, or of another length, would give one district another's
    /// figures (or trap on a missing one), so it is refused instead.
    static func requirePaired(_ hotspots: [DistrictHotspot], _ uhi: [DistrictUHI], with statistics: [ZoneStatistics]) throws(HeatIslandError) {
        let ids = statistics.map(\.id)
        guard hotspots.map(\.id) == ids else {
            throw .invalidArgument("the \(hotspots.count) district hot spots are not those of the \(statistics.count) districts with statistics, in the same order")
        }
        guard uhi.map(\.id) == ids else {
            throw .invalidArgument("the \(uhi.count) districts' UHI indicators are not those of the \(statistics.count) districts with statistics, in the same order")
        }
    }
}
