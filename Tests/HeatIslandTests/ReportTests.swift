import Foundation
import HeatIsland
import HeatIslandTestSupport
import Testing

/// Reports that pair districts, statistics, Gi* and UHI indicators by position refuse lists that do
/// not pair (they trapped, or wrote another district's figures), and say what was computed rather
/// than what the command line happens to compute.
struct ReportTests {
    struct Analysis {
        let scene: LSTScene
        let districts: ZoneSet
        let statistics: [ZoneStatistics]
        let hotspots: [DistrictHotspot]
        let uhi: UHIReport
    }

    /// The Kranj fixture with p95 only and rook weights without FDR: none of the command's choices.
    static func analysis() throws -> Analysis {
        let scene = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        let districts = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference)
        var options = ZonalOptions()
        options.percentiles = [95]
        let statistics = try ZonalStatisticsRunner.compute(scene: scene, zones: districts, options: options)
        let hotspots = try DistrictHotspots.compute(districts: districts, statistics: statistics, weights: .rook())
        let uhi = try UHIReport.compute(scene: scene, zones: districts, statistics: statistics)
        return Analysis(scene: scene, districts: districts, statistics: statistics, hotspots: hotspots, uhi: uhi)
    }

    @Test func listsThatDoNotPairAreRefusedNotTrappedOn() throws {
        let a = try Self.analysis()
        #expect(throws: HeatIslandError.invalidArgument("the 25 district hot spots are not those of the 26 districts with statistics, in the same order")) {
            try DistrictReport.geojson(zones: a.districts, statistics: a.statistics, hotspots: Array(a.hotspots.dropLast()), uhi: a.uhi)
        }
        var shuffled = a.uhi
        shuffled.districts.reverse()
        #expect(throws: HeatIslandError.invalidArgument("the 26 districts' UHI indicators are not those of the 26 districts with statistics, in the same order")) {
            try DistrictReport.geojson(zones: a.districts, statistics: a.statistics, hotspots: a.hotspots, uhi: shuffled)
        }
        let report = HTMLReport(title: "t", scene: a.scene, statistics: a.statistics, hotspots: Array(a.hotspots.prefix(3)),
                                weights: .rook(), falseDiscoveryRate: false, uhi: a.uhi, mapPNG: nil, attribution: [])
        #expect(throws: HeatIslandError.invalidArgument("the 3 district hot spots are not those of the 26 districts with statistics, in the same order")) {
            try report.html
        }
        // Three zones and 26 rows: GeoJSON had written three features without a word.
        #expect(throws: HeatIslandError.invalidArgument("the 26 statistics are not those of the 3 districts, in the same order")) {
            try ZonalTable.geojson(a.statistics, zones: Array(a.districts.zones.prefix(3)), crs: a.districts.spatialReference)
        }
        #expect(throws: HeatIslandError.invalidArgument("the 26 district hot spots are not those of the 25 districts of \(a.districts.path), in the same order")) {
            var fewer = a.districts
            fewer.zones.removeLast()
            return try HotspotTable.render(a.hotspots, format: .geojson, zones: fewer)
        }
        #expect(throws: HeatIslandError.invalidArgument("the districts of scene august are not those of scene july, in the same order")) {
            try SceneSeriesTable.csv([("july", a.statistics), ("august", a.statistics.reversed())])
        }
    }

    /// The table's percentile column and Gi* header, and the method note, follow what was computed:
    /// they read "p90 °C" and "queen, FDR" whatever the statistics and weights were.
    @Test func theHTMLReportNamesWhatWasComputed() throws {
        let a = try Self.analysis()
        let html = try HTMLReport(title: "t", scene: a.scene, statistics: a.statistics, hotspots: a.hotspots, weights: .rook(),
                                  falseDiscoveryRate: false, uhi: a.uhi, mapPNG: nil, attribution: []).html
        #expect(html.contains("<th>p95 °C</th>") && !html.contains("p90"))
        #expect(html.contains("<th>Gi* (rook)</th>") && !html.contains("queen") && !html.contains("FDR"))
        #expect(html.contains("their rook neighbours (sharing a border)"))
        #expect(html.contains("|z| above 1.645, 1.960 or 2.576") && !html.contains("Benjamini"))
        // Every district row has as many cells as the header.
        let header = try #require(html.split(separator: "\n").first { $0.contains("<th>rank</th>") })
        let rows = html.split(separator: "\n").filter { $0.hasPrefix("<tr><td>") }
        #expect(rows.count == 26)
        for row in rows { #expect(row.components(separatedBy: "<td>").count == header.components(separatedBy: "<th>").count, "\(row)") }
    }

    /// Tables written without naming percentiles take those the rows hold.
    @Test func tablesTakeTheRowsPercentilesByDefault() throws {
        let a = try Self.analysis()
        #expect(ZonalTable.csv(a.statistics).hasPrefix("id,name,count,sum,mean,min,max,stddev,median,p95,valid_fraction\n"))
        #expect(ZonalTable.json(a.statistics).contains("\"p95\":"))
    }

    /// Percentages beyond Int (no percentiles, but a caller can name them) still name a column: the
    /// label trapped converting them to Int.
    @Test func columnsOfPercentagesBeyondIntAreNamed() {
        #expect(ZonalTable.columns(percentiles: [.infinity, 1e20, -1e19, 97.5]).dropFirst(9).prefix(4)
                == ["pinf", "p100000000000000000000", "p-10000000000000000000", "p97.5"])
        #expect(ZonalStatistic.percentile(1e300).description.hasPrefix("p1000000000"))
    }

    /// A statistic that was never computed is said to be that, not "too few districts with values".
    @Test func gistarOfAStatisticNotComputedSaysSo() throws {
        let a = try Self.analysis()
        #expect(throws: HeatIslandError.invalidArgument("no district has the p90 that Gi* is to test: it was not computed; add 90 to ZonalOptions.percentiles")) {
            try DistrictHotspots.compute(districts: a.districts, statistics: a.statistics, statistic: .percentile(90), weights: .queen())
        }
        #expect(throws: HeatIslandError.invalidArgument("the statistic tested, percentile 150.0, is not between 0 and 100")) {
            try DistrictHotspots.compute(districts: a.districts, statistics: a.statistics, statistic: .percentile(150), weights: .queen())
        }
        var withoutQuantiles = ZonalOptions()
        withoutQuantiles.quantiles = false
        let plain = try ZonalStatisticsRunner.compute(scene: a.scene, zones: a.districts, options: withoutQuantiles)
        #expect(throws: HeatIslandError.invalidArgument("no district has the median that Gi* is to test: it was not computed; compute the statistics with ZonalOptions.quantiles on")) {
            try DistrictHotspots.compute(districts: a.districts, statistics: plain, statistic: .median, weights: .queen())
        }
    }
}
