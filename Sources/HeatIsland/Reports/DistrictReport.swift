import HeatIslandKernels

/// Everything known about each district in one GeoJSON: zonal statistics, Gi*, UHI indicators and
/// the rank by mean temperature (1 = hottest).
public enum DistrictReport {
    /// RFC 7946 FeatureCollection (lon/lat), one feature per district in zone order.
    /// - Throws: ``HeatIslandError/gdal(_:)`` when the districts cannot be transformed to WGS 84.
    public static func geojson(
        zones: ZoneSet, statistics: [ZoneStatistics], hotspots: [DistrictHotspot], uhi: UHIReport, percentiles: [Double]
    ) throws(HeatIslandError) -> String {
        let ranks = rankByMean(statistics)
        var features: [([(String, String)], MultiPolygon)] = []
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
            features.append((properties, zone.geometry))
        }
        return try ZonalTable.featureCollection(features, crs: zones.spatialReference)
    }

    /// Rank 1 for the hottest mean, equal means sharing a rank (1, 2, 2, 4); districts without a
    /// mean have no rank.
    public static func rankByMean(_ statistics: [ZoneStatistics]) -> [Int?] {
        let order = statistics.indices.filter { statistics[$0].mean != nil }
            .sorted { (statistics[$0].mean ?? 0) > (statistics[$1].mean ?? 0) }
        var ranks = [Int?](repeating: nil, count: statistics.count)
        for (position, i) in order.enumerated() {
            let previous = position > 0 ? order[position - 1] : nil
            ranks[i] = previous.flatMap { statistics[$0].mean == statistics[i].mean ? ranks[$0] : nil } ?? position + 1
        }
        return ranks
    }
}
