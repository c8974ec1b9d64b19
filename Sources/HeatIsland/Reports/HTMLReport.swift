import Foundation

/// A self-contained HTML report (no external files): summary numbers, the map, the districts ranked
/// by mean temperature with their hot-spot class and UHI indicators, method notes and attribution.
public struct HTMLReport: Sendable {
    /// The report's title.
    public var title: String
    /// The scene the numbers come from.
    public var scene: LSTScene
    /// District statistics, in zone order.
    public var statistics: [ZoneStatistics]
    /// District Gi*, in zone order.
    public var hotspots: [DistrictHotspot]
    /// The weights the district Gi* used, named in the table's header and the method notes.
    public var hotspotWeights: DistrictWeights
    /// The statistic the district Gi* tested (the mean, as ``DistrictHotspots`` tests by default).
    public var hotspotStatistic: ZonalStatistic
    /// Whether the classes, of the districts and of the map's cells, control the false-discovery
    /// rate (Benjamini–Hochberg); the method notes state the thresholds that follow.
    public var falseDiscoveryRate: Bool
    /// UHI indicators.
    public var uhi: UHIReport
    /// The PNG map to embed, if any.
    public var mapPNG: Data?
    /// Attribution lines for the data used.
    public var attribution: [String]

    /// Creates a report.
    /// - Parameters:
    ///   - title: The report's title.
    ///   - scene: The scene the numbers come from.
    ///   - statistics: District statistics, in zone order; the first percentile they hold, if any,
    ///     gets a column.
    ///   - hotspots: District Gi*, in zone order.
    ///   - weights: The weights the district Gi* used.
    ///   - statistic: The statistic it tested.
    ///   - falseDiscoveryRate: Whether the classes control the false-discovery rate.
    ///   - uhi: UHI indicators of the same districts.
    ///   - mapPNG: The PNG map to embed, if any.
    ///   - attribution: Attribution lines for the data used.
    public init(title: String, scene: LSTScene, statistics: [ZoneStatistics], hotspots: [DistrictHotspot],
                weights: DistrictWeights, statistic: ZonalStatistic = .mean, falseDiscoveryRate: Bool, uhi: UHIReport,
                mapPNG: Data?, attribution: [String]) {
        (self.title, self.scene, self.statistics, self.hotspots, self.uhi, self.mapPNG, self.attribution) =
            (title, scene, statistics, hotspots, uhi, mapPNG, attribution)
        (hotspotWeights, hotspotStatistic, self.falseDiscoveryRate) = (weights, statistic, falseDiscoveryRate)
    }

    /// The HTML text.
    /// - Throws: ``HeatIslandError/invalidArgument(_:)`` when the hot spots or UHI indicators are
    ///   not those of the districts with statistics, in the same order.
    public var html: String {
        get throws(HeatIslandError) {
            try DistrictHotspot.requirePaired(hotspots, uhi.districts, with: statistics)
            return page
        }
    }

    private var page: String {
        let ranks = DistrictReport.rankByMean(statistics)
        let order = DistrictReport.hottestFirst(statistics)
        let classNames: [Int8: String] = [3: "hot spot 99 %", 2: "hot spot 95 %", 1: "hot spot 90 %", 0: "—",
                                          -1: "cold spot 90 %", -2: "cold spot 95 %", -3: "cold spot 99 %"]
        func f(_ v: Double?, _ digits: Int = 1) -> String {
            guard let v, v.isFinite else { return "–" }
            let text = String(format: "%.\(digits)f", v)
            // −0.02 rounds to "-0.0": a sign on zero reads as a cold district that is not there.
            return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
        }
        // The first percentile computed gets a column, headed by its own name.
        let percent = ZonalTable.percentiles(in: statistics).first
        let rows = order.map { i -> String in
            let s = statistics[i], h = hotspots[i], d = uhi.districts[i]
            let percentile = percent.map { "<td>\(f(ZonalTable.values(of: s, at: [$0])[0]))</td>" } ?? ""
            return "<tr><td>\(ranks[i].map(String.init) ?? "")</td><td>\(escape(s.name))</td><td>\(f(s.validFraction.map { $0 * 100 }, 0))</td><td>\(f(s.mean))</td>\(percentile)"
                + "<td>\(f(d.intensity))</td><td>\(f(d.hotShareAbsolute.map { $0 * 100 }, 0))</td>"
                + "<td>\(escape(h.testedClass.flatMap { classNames[$0] } ?? "–"))</td><td>\(escape(d.utfviClass?.rawValue ?? "–"))</td></tr>"
        }
        let counts = scene.maskCounts
        let map = mapPNG.map { "<img alt=\"Land-surface temperature map\" src=\"data:image/png;base64,\($0.base64EncodedString())\">" } ?? ""
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
        <style>body{font-family:sans-serif;max-width:1150px;margin:2em auto;color:#222}table{border-collapse:collapse}
        td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}td:nth-child(2),th:nth-child(2){text-align:left}
        img{max-width:100%}.note{color:#555;font-size:90%}</style></head><body>
        <h1>\(escape(title))</h1>
        <p>\(escape(scene.product.displayName))\(scene.acquisitionDate.map { ", acquired \(escape($0))" } ?? "");
        \(counts.valid) of \(counts.total) pixels usable (\(counts.cloud + counts.cloudShadow + counts.cirrus + counts.dilatedCloud) under cloud or shadow\(counts.lowQuality > 0 ? ", \(counts.lowQuality) below the MODIS quality asked for" : "")).
        City mean <b>\(f(uhi.cityMeanCelsius)) °C</b>, \(f(abs(uhi.cityIntensity))) K \(uhi.cityIntensity < 0 ? "cooler" : "warmer") than the rural reference
        (\(escape(uhi.referenceDescription)): \(f(uhi.referenceMeanCelsius)) °C over \(uhi.referenceCells) cells\(uhi.referenceCoverage.shareOnRaster.map { ", \(f($0 * 100, 0)) % of its area on the scene" } ?? "")).</p>
        \(map)
        <h2>Districts, hottest first</h2>
        <table><tr><th>rank</th><th>district</th><th>with data (%)</th><th>mean °C</th>\(percent.map { "<th>p\(ZonalTable.label($0)) °C</th>" } ?? "")<th>UHI intensity K</th><th>area &gt; \(f(uhi.hotCelsius, uhi.hotCelsius == uhi.hotCelsius.rounded() ? 0 : 1)) °C (%)</th><th>Gi* (\(escape(hotspotWeights.description))\(falseDiscoveryRate ? ", FDR" : ""))</th><th>UTFVI class</th></tr>
        \(rows.joined(separator: "\n"))
        </table>
        <p class="note">“With data”: the share of the district's area with a temperature (clouds and parts off the
        scene have none); the other figures describe that part. Districts with data on less than
        \(Int(DistrictReport.minimumRankedFraction * 100)) % of their area are listed after the ranked ones, without a rank.</p>
        <h2>Method</h2>
        <p class="note">Land-surface temperature decoded to °C with \(scene.qualityPath == nil ? "fill masked (no quality band was read)" : scene.product == .modis ? "fill and pixels below the MODIS quality asked for masked (QC_Day bits 0–1 and 6–7)" : "clouds, shadows and fill masked (Landsat QA_PIXEL bits 0–4)").
        District statistics weight each cell by the share of its area inside the district (exact coverage, as exactextract).
        Hot and cold spots: Getis-Ord Gi*, a z-score of how much warmer (or colder) a place and its neighbours are than
        the whole area; in the table the districts' \(escape(statisticWords)) with \(escape(neighbourWords)), on the
        map every cell with the cells around it. A hot (cold) spot at 90, 95 or 99 % confidence has a positive (negative) z \(falseDiscoveryRate
            ? "whose two-sided p lies below the Benjamini–Hochberg critical value of 0.10, 0.05 or 0.01 over all districts or all cells, which controls the share of false discoveries (without that control: |z| above 1.645, 1.960, 2.576)."
            : "with |z| above 1.645, 1.960 or 2.576 (two-sided p below 0.10, 0.05 or 0.01; the share of false discoveries among many districts or cells is not controlled).")
        UHI intensity: district mean minus the mean of the rural reference (\(escape(uhi.referenceDescription))), in kelvin.
        Hot area: the share of a district's area above \(f(uhi.hotCelsius, uhi.hotCelsius == uhi.hotCelsius.rounded() ? 0 : 1)) °C.
        UTFVI = (T − T<sub>city</sub>)/T in kelvin, with the six-class ecological evaluation: excellent below 0, good to 0.005,
        normal to 0.010, bad to 0.015, worse to 0.020, worst above. Definitions: docs/zonal-statistics.md and docs/hotspots-and-indicators.md
        in the HeatIsland repository.</p>
        <h2>Data</h2>
        <ul>\(attribution.map { "<li>\(escape($0))</li>" }.joined())</ul>
        </body></html>

        """
    }

    /// What the district Gi* tested, in words.
    private var statisticWords: String {
        switch hotspotStatistic {
        case .mean: "means"
        case .median: "medians"
        case .minimum: "minima"
        case .maximum: "maxima"
        case .standardDeviation: "standard deviations"
        case .variance: "variances"
        case .sum: "sums"
        case .count: "cell counts"
        case .validFraction: "shares with data"
        case .percentile(let p): "\(ZonalTable.label(p))th percentiles"
        }
    }

    /// Whom each district is compared with, in words.
    private var neighbourWords: String {
        switch hotspotWeights {
        case .queen: "their queen neighbours (sharing a border or a corner)"
        case .rook: "their rook neighbours (sharing a border)"
        case .distance(let d): "the districts whose centroids lie within \(ZonalTable.label(d)) m of theirs"
        case .nearest(let k): "their \(k) nearest districts (by centroid)"
        case .inverseDistance(let d): "the districts within \(ZonalTable.label(d)) m, weighted by inverse distance"
        }
    }

    private func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
