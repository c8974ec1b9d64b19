import Foundation

/// UHI indicators as CSV: one row per district after a header. The city figures (mean, spread,
/// reference, city intensity) are in ``UHIReport`` and in the reports, not in this table.
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
}
