import HeatIslandGDAL
import HeatIslandKernels

/// District hotspot results as CSV (`id,name,value,gi_z,gi_p,gi_class`), JSON or GeoJSON.
public enum HotspotTable {
    /// The CSV columns.
    public static let columns = ["id", "name", "value", "gi_z", "gi_p", "gi_class"]

    /// Renders the results in zone order.
    /// - Throws: ``HeatIslandError/gdal(_:)`` when GeoJSON output cannot transform the zones.
    public static func render(_ rows: [DistrictHotspot], format: ZonalTable.Format, zones: ZoneSet) throws(HeatIslandError) -> String {
        func fields(_ r: DistrictHotspot) -> [(String, String)] {
            [("id", ZonalTable.jsonString(r.id)), ("name", ZonalTable.jsonString(r.name)), ("value", ZonalTable.jsonNumber(r.value)),
             ("gi_z", ZonalTable.jsonNumber(r.z)), ("gi_p", ZonalTable.jsonNumber(r.p)), ("gi_class", String(r.confidenceClass))]
        }
        switch format {
        case .csv:
            let lines = rows.map { r in
                [ZonalTable.quote(r.id), ZonalTable.quote(r.name), ZonalTable.number(r.value), number6(r.z), number6(r.p), String(r.confidenceClass)]
                    .joined(separator: ",")
            }
            return ([columns.joined(separator: ",")] + lines).joined(separator: "\n") + "\n"
        case .json:
            return "[\n" + rows.map { "  " + ZonalTable.object(fields($0)) }.joined(separator: ",\n") + "\n]\n"
        case .geojson:
            return try ZonalTable.featureCollection(zip(rows, zones.zones).map { (fields($0.0), $0.1.geometry) }, crs: zones.spatialReference)
        }
    }

    static func number6(_ v: Double) -> String { v.isFinite ? String(format: "%.6f", v) : "" }
}
