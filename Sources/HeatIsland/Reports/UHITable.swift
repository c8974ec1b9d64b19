import Foundation

/// UHI indicators as CSV: one row per district after a header (``csv(_:)``), and the city's
/// figures, one row per scene (``cityCSV(_:)``).
public enum UHITable {
    /// CSV text: `id,name,mean_c,suhi_intensity_k,hot_share_relative,hot_share_absolute,utfvi,utfvi_class`.
    public static func csv(_ report: UHIReport) -> String {
        let header = "id,name,mean_c,suhi_intensity_k,hot_share_relative,hot_share_absolute,utfvi,utfvi_class"
        let rows = report.districts.map { d in
            [ZonalTable.quote(d.id), ZonalTable.quote(d.name), ZonalTable.number(d.meanCelsius), ZonalTable.number(d.intensity),
             ZonalTable.number(d.hotShareRelative), ZonalTable.number(d.hotShareAbsolute),
             d.utfvi.map { DecimalText.fixed($0, digits: 5) } ?? "", d.utfviClass?.rawValue ?? ""].joined(separator: ",")
        }
        return ([header] + rows).joined(separator: "\n") + "\n"
    }

    /// CSV text of the city figures, one row per scene: `scene,city_cells,city_mean_c,city_stddev_k,
    /// suhi_intensity_k,reference,reference_cells,reference_mean_c,reference_share_on_raster,
    /// reference_masked_share,hot_threshold_relative_c,hot_threshold_absolute_c`. The reference's
    /// share on the raster (of the ring's cells or the polygons' area) and the share of its cells there without a value tell a
    /// reference cut by the raster's edge or under clouds from a complete one.
    /// - Parameter reports: Scene names and their indicators.
    public static func cityCSV(_ reports: [(scene: String, report: UHIReport)]) -> String {
        let header = "scene,city_cells,city_mean_c,city_stddev_k,suhi_intensity_k,reference,reference_cells,reference_mean_c,"
            + "reference_share_on_raster,reference_masked_share,hot_threshold_relative_c,hot_threshold_absolute_c"
        let rows = reports.map { scene, r in
            let coverage = r.referenceCoverage
            let masked = coverage.cellsOnRaster > 0 ? Double(coverage.maskedCells) / Double(coverage.cellsOnRaster) : nil
            return [ZonalTable.quote(scene), String(r.cityCells), ZonalTable.number(r.cityMeanCelsius), ZonalTable.number(r.cityStandardDeviation),
                    ZonalTable.number(r.cityIntensity), ZonalTable.quote(r.referenceDescription), String(r.referenceCells),
                    ZonalTable.number(r.referenceMeanCelsius), ZonalTable.number(coverage.shareOnRaster), ZonalTable.number(masked),
                    ZonalTable.number(r.hotRelativeCelsius), ZonalTable.number(r.hotCelsius)].joined(separator: ",")
        }
        return ([header] + rows).joined(separator: "\n") + "\n"
    }
}
