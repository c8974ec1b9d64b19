import HeatIslandKernels

/// Everything known about each district in one GeoJSON: zonal statistics, Gi*, UHI indicators and
/// the rank by mean temperature (1 = hottest).
public enum DistrictReport {
    /// RFC 7946 FeatureCollection (lon/lat), one feature per district in zone order.
    /// - Parameters:
    ///   - zones: The districts.
    ///   - statistics: Their zonal statistics, in zone order.
    ///   - hotspots: Their Gi*, in zone order.
    ///   - uhi: The UHI indicators of the same districts.
    ///   - percentiles: The percentile properties (`p90` …); `nil` for those the statistics hold.
    /// - Throws: ``HeatIslandError/invalidArgument(_:)`` when the statistics, hot spots or
    ///   indicators are not those of the districts in their order, ``HeatIslandError/gdal(_:)`` when
    ///   the districts cannot be transformed to WGS 84.
    public static func geojson(
        zones: ZoneSet, statistics: [ZoneStatistics], hotspots: [DistrictHotspot], uhi: UHIReport, percentiles: [Double]? = nil
    ) throws(HeatIslandError) -> String {
        try ZoneStatistics.requirePaired(statistics, with: zones.zones, file: zones.path)
        try DistrictHotspot.requirePaired(hotspots, uhi.districts, with: statistics)
        let percentiles = percentiles ?? ZonalTable.percentiles(in: statistics)
        let ranks = rankByMean(statistics)
        var features: [([(String, String)], Zone)] = []
        for (i, zone) in zones.zones.enumerated() {
            var properties = ZonalTable.properties(statistics[i], percentiles: percentiles)
            let h = hotspots[i], d = uhi.districts[i]
            properties += [
                ("rank", ranks[i].map(String.init) ?? "null"),
                ("gi_z", ZonalTable.jsonNumber(h.z)), ("gi_p", ZonalTable.jsonNumber(h.p)), ("gi_class", h.testedClass.map(String.init) ?? "null"),
                ("suhi_intensity_k", ZonalTable.jsonNumber(d.intensity)),
                ("hot_share_relative", ZonalTable.jsonNumber(d.hotShareRelative)),
                ("hot_share_absolute", ZonalTable.jsonNumber(d.hotShareAbsolute)),
                ("utfvi", ZonalTable.jsonNumber(d.utfvi)),
                ("utfvi_class", d.utfviClass.map { ZonalTable.jsonString($0.rawValue) } ?? "null"),
            ]
            features.append((properties, zone))
        }
        return try ZonalTable.featureCollection(features, crs: zones.spatialReference)
    }

    /// The share of its area a district needs a temperature on to be ranked: a mean of the few
    /// cells of a district mostly under cloud or off the scene (11 cells, 0.007 % of one, in a
    /// test) headed the "hottest first" list as if it described the district.
    public static let minimumRankedFraction = 0.5

    /// Rank 1 for the hottest mean, equal means sharing a rank (1, 2, 2, 4); districts without a
    /// mean, or with a temperature on less than ``minimumRankedFraction`` of their area, have no
    /// rank.
    public static func rankByMean(_ statistics: [ZoneStatistics]) -> [Int?] {
        let order = statistics.indices.filter { isRanked(statistics[$0]) }
            .sorted { (statistics[$0].mean ?? 0) > (statistics[$1].mean ?? 0) }
        var ranks = [Int?](repeating: nil, count: statistics.count)
        for (position, i) in order.enumerated() {
            let previous = position > 0 ? order[position - 1] : nil
            ranks[i] = previous.flatMap { statistics[$0].mean == statistics[i].mean ? ranks[$0] : nil } ?? position + 1
        }
        return ranks
    }

    /// The order of the "hottest first" tables: ranked districts by rank (equal ranks in zone
    /// order), then those with too little data to rank, then those without any, each in zone order.
    /// - Parameter statistics: The districts' statistics, in zone order.
    /// - Returns: Indices into `statistics`.
    public static func hottestFirst(_ statistics: [ZoneStatistics]) -> [Int] {
        let ranks = rankByMean(statistics)
        return statistics.indices.filter { ranks[$0] != nil }.sorted { (ranks[$0] ?? 0, $0) < (ranks[$1] ?? 0, $1) }
            + statistics.indices.filter { ranks[$0] == nil && statistics[$0].mean != nil }
            + statistics.indices.filter { statistics[$0].mean == nil }
    }

    private static func isRanked(_ s: ZoneStatistics) -> Bool {
        s.mean != nil && (s.validFraction ?? 0) >= minimumRankedFraction
    }
}
