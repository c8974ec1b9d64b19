import HeatIslandGDAL
import HeatIslandKernels

/// District hotspot results as CSV (`id,name,value,gi_z,gi_p,gi_class`), JSON or GeoJSON.
public enum HotspotTable {
    /// The CSV columns: the Local Moran columns (`moran_i,moran_z,moran_p,moran_label`) follow when it
    /// was computed, and the pseudo p-values (`gi_p_sim`, then `moran_p_sim` with Moran) last when
    /// permutations were run, so that the documented columns keep their places and meanings.
    public static func columns(for rows: [DistrictHotspot]) -> [String] {
        let withP = rows.contains { $0.pseudoP != nil }, withMoran = rows.contains { $0.moran != nil }
        return ["id", "name", "value", "gi_z", "gi_p", "gi_class"]
            + (withMoran ? ["moran_i", "moran_z", "moran_p", "moran_label"] : [])
            + (withP ? ["gi_p_sim"] : []) + (withP && withMoran ? ["moran_p_sim"] : [])
    }

    /// Renders the results in zone order.
    /// - Throws: ``HeatIslandError/invalidArgument(_:)`` when GeoJSON output is asked for results
    ///   that are not those of `zones` in their order, ``HeatIslandError/gdal(_:)`` when it cannot
    ///   transform the zones.
    public static func render(_ rows: [DistrictHotspot], format: ZonalTable.Format, zones: ZoneSet) throws(HeatIslandError) -> String {
        let withP = rows.contains { $0.pseudoP != nil }, withMoran = rows.contains { $0.moran != nil }
        func fields(_ r: DistrictHotspot) -> [(String, String)] {
            var f = [("id", ZonalTable.jsonString(r.id)), ("name", ZonalTable.jsonString(r.name)), ("value", ZonalTable.jsonNumber(r.value)),
                     ("gi_z", ZonalTable.jsonNumber(r.z)), ("gi_p", ZonalTable.jsonNumber(r.p)), ("gi_class", r.testedClass.map(String.init) ?? "null")]
            if withMoran {
                f += [("moran_i", ZonalTable.jsonNumber(r.moran?.i)), ("moran_z", ZonalTable.jsonNumber(r.moran?.z)),
                      ("moran_p", ZonalTable.jsonNumber(r.moran?.p)),
                      ("moran_label", r.moran?.label.map { ZonalTable.jsonString($0.rawValue) } ?? "null")]
            }
            if withP { f.append(("gi_p_sim", ZonalTable.jsonNumber(r.pseudoP))) }
            if withP && withMoran { f.append(("moran_p_sim", ZonalTable.jsonNumber(r.moran?.pseudoP ?? nil))) }
            return f
        }
        switch format {
        case .csv:
            let lines = rows.map { r in
                var f = [ZonalTable.quote(r.id), ZonalTable.quote(r.name), ZonalTable.number(r.value), number6(r.z), number6(r.p), r.testedClass.map(String.init) ?? ""]
                if withMoran {
                    f += [number6(r.moran?.i ?? .nan), number6(r.moran?.z ?? .nan), number6(r.moran?.p ?? .nan), r.moran?.label?.rawValue ?? ""]
                }
                if withP { f.append(number6(r.pseudoP ?? .nan)) }
                if withP && withMoran { f.append(number6(r.moran?.pseudoP ?? .nan)) }
                return f.joined(separator: ",")
            }
            return ([columns(for: rows).joined(separator: ",")] + lines).joined(separator: "\n") + "\n"
        case .json:
            return "[\n" + rows.map { "  " + ZonalTable.object(fields($0)) }.joined(separator: ",\n") + "\n]\n"
        case .geojson:
            // Each feature takes its geometry from the zone at its position.
            try DistrictPairing.require(rows.map(\.id), "district hot spots", toMatch: zones.zones.map(\.id), "districts of \(zones.path)")
            return try ZonalTable.featureCollection(zip(rows, zones.zones).map { (fields($0.0), $0.1) }, crs: zones.spatialReference)
        }
    }

    static func number6(_ v: Double) -> String { v.isFinite ? DecimalText.fixed(v, digits: 6) : "" }
}
