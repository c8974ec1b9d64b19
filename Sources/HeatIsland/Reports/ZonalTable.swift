import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// Zonal statistics as CSV, JSON or GeoJSON text, one row or feature per zone in the given order.
public enum ZonalTable {
    /// The output encodings.
    public enum Format: String, Sendable, CaseIterable {
        /// `id,name,count,sum,mean,min,max,stddev,median[,pNN…],valid_fraction`.
        case csv
        /// An array of objects with the CSV's fields plus `variance`, `valid_cells`, `missing_cells`
        /// and `covered_area` (m², also for geographic rasters).
        case json
        /// RFC 7946 FeatureCollection (lon/lat) with the JSON fields as properties.
        case geojson
    }

    /// The CSV columns for the requested percentiles.
    public static func columns(percentiles: [Double]) -> [String] {
        ["id", "name", "count", "sum", "mean", "min", "max", "stddev", "median"]
            + percentiles.map { "p" + label($0) } + ["valid_fraction"]
    }

    static func label(_ percent: Double) -> String {
        // Whole numbers as integers; one beyond Int (a caller's 1e20, ±∞) is no percentile, but its
        // column must still be named rather than trap.
        if percent == percent.rounded(), let whole = Int(exactly: percent) { return String(whole) }
        guard percent.isFinite else { return String(percent) }
        let shortest = String(percent)
        guard shortest.contains("e") else { return shortest }
        // `p1e-05` is no column name a spreadsheet user would guess: plain decimals instead.
        var plain = String(format: "%.10f", percent)
        while plain.hasSuffix("0") { plain.removeLast() }
        if plain.hasSuffix(".") { plain.removeLast() }
        return plain
    }

    /// The percentiles the rows hold, in the order first met: the columns a table of them has when
    /// the caller names none.
    public static func percentiles(in rows: [ZoneStatistics]) -> [Double] {
        var seen: [Double] = []
        for row in rows {
            for p in row.percentiles.map(\.percent) where !seen.contains(p) { seen.append(p) }
        }
        return seen
    }

    /// CSV text (RFC 4180 quoting) with a header line.
    /// - Parameters:
    ///   - rows: One row per zone, in the order to write.
    ///   - percentiles: The percentile columns (`p90` …); `nil` for those the rows hold. A row
    ///     computed without one of them leaves its cell empty.
    public static func csv(_ rows: [ZoneStatistics], percentiles: [Double]? = nil) -> String {
        let percentiles = percentiles ?? Self.percentiles(in: rows)
        var lines = [columns(percentiles: percentiles).joined(separator: ",")]
        for r in rows {
            let fields = [quote(r.id), quote(r.name), number(r.count), number(r.sum), number(r.mean), number(r.minimum),
                          number(r.maximum), number(r.standardDeviation), number(r.median)]
                + values(of: r, at: percentiles).map(number) + [number(r.validFraction)]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON text: an array of objects keyed by the CSV column names, then `variance`, `valid_cells`,
    /// `missing_cells` and `covered_area` (null for missing values).
    /// - Parameters:
    ///   - rows: One object per zone, in the order to write.
    ///   - percentiles: The percentile fields; `nil` for those the rows hold.
    public static func json(_ rows: [ZoneStatistics], percentiles: [Double]? = nil) -> String {
        let percentiles = percentiles ?? Self.percentiles(in: rows)
        return "[\n" + rows.map { "  " + object(properties($0, percentiles: percentiles)) }.joined(separator: ",\n") + "\n]\n"
    }

    /// GeoJSON text: the zones transformed to lon/lat with their statistics as properties.
    /// - Parameters:
    ///   - rows: The zones' statistics, in the order of `zones`.
    ///   - zones: The zones, in `crs`.
    ///   - crs: The zones' CRS.
    ///   - percentiles: The percentile properties; `nil` for those the rows hold.
    /// - Throws: ``HeatIslandError/invalidArgument(_:)`` when the rows are not the zones' in their
    ///   order, ``HeatIslandError/gdal(_:)`` when the zones cannot be transformed to WGS 84.
    public static func geojson(
        _ rows: [ZoneStatistics], zones: [Zone], crs: SpatialReference, percentiles: [Double]? = nil
    ) throws(HeatIslandError) -> String {
        try ZoneStatistics.requirePaired(rows, with: zones, file: nil)
        let percentiles = percentiles ?? Self.percentiles(in: rows)
        return try featureCollection(zip(rows, zones).map { (properties($0.0, percentiles: percentiles), $0.1) }, crs: crs)
    }

    /// An RFC 7946 FeatureCollection of zones (transformed from `crs` to lon/lat) with properties
    /// given as (name, JSON text) pairs; an `id` that is a number in the source is written as one.
    static func featureCollection(_ features: [([(String, String)], Zone)], crs: SpatialReference) throws(HeatIslandError) -> String {
        let toLonLat: CoordinateTransform
        do { toLonLat = try CoordinateTransform(from: crs, to: SpatialReference(epsg: 4326)) } catch { throw .gdal(error) }
        var lines: [String] = []
        for (var properties, zone) in features {
            if zone.idIsNumber, let i = properties.firstIndex(where: { $0.0 == "id" }) { properties[i].1 = zone.id }
            let geometry = zone.geometry
            let lonLat: MultiPolygon
            // Cut at the antimeridian, as RFC 7946 asks: a district across it had been written as
            // a band around the whole Earth.
            do { lonLat = try toLonLat.transform(geometry).splitAtAntimeridian() } catch {
                let id = properties.first { $0.0 == "id" }?.1 ?? "?"
                throw .invalidZones(path: "zone \(id)", detail: "cannot be given in longitude and latitude for GeoJSON (\(error)); the CSV and JSON formats need no transformation")
            }
            lines.append("{\"type\":\"Feature\",\"properties\":\(object(properties)),\"geometry\":\(geoJSON(lonLat))}")
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\n" + lines.joined(separator: ",\n") + "\n]}\n"
    }

    /// The row's value of each percentile the header names, looked up by percentage: a row computed
    /// with other percentiles leaves those cells empty rather than shifting its columns.
    static func values(of r: ZoneStatistics, at percentiles: [Double]) -> [Double?] {
        percentiles.map { p in r.percentiles.first { $0.percent == p }?.value }
    }

    static func properties(_ r: ZoneStatistics, percentiles: [Double]) -> [(String, String)] {
        let values = [r.count, r.sum, r.mean, r.minimum, r.maximum, r.standardDeviation, r.median]
            + values(of: r, at: percentiles) + [r.validFraction]
        let names = columns(percentiles: percentiles).dropFirst(2)
        // Beyond the CSV's fixed columns: what a reader needs to judge how much of the zone had data.
        let extra = [("variance", jsonNumber(r.variance)), ("valid_cells", String(r.validCells)),
                     ("missing_cells", String(r.missingCells)), ("covered_area", jsonNumber(r.coveredArea))]
        return [("id", jsonString(r.id)), ("name", jsonString(r.name))] + zip(names, values).map { ($0, jsonNumber($1)) } + extra
    }

    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(jsonString($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    /// RFC 7946: exterior rings counter-clockwise, holes clockwise, closed, 7 decimals (≈ 1 cm).
    static func geoJSON(_ g: MultiPolygon) -> String {
        func ring(_ r: Ring, counterClockwise: Bool) -> String {
            var points = r.points
            if points.first != points.last, let first = points.first { points.append(first) }
            if (r.signedArea > 0) != counterClockwise { points.reverse() }
            return "[" + points.map { "[" + DecimalText.fixed($0.x, digits: 7) + "," + DecimalText.fixed($0.y, digits: 7) + "]" }.joined(separator: ",") + "]"
        }
        let polygons = g.polygons.map { p in
            "[" + ([ring(p.exterior, counterClockwise: true)] + p.holes.map { ring($0, counterClockwise: false) }).joined(separator: ",") + "]"
        }
        return "{\"type\":\"MultiPolygon\",\"coordinates\":[" + polygons.joined(separator: ",") + "]}"
    }

    static func number(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "" }
        return decimal(v, digits: 4)
    }

    static func jsonNumber(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "null" }
        return decimal(v, digits: 6)
    }

    /// Fixed decimals, except for values so small that they would keep fewer than three significant
    /// digits (the count and sum of a zone a few centimetres across): those keep four ("2.778e-06").
    private static func decimal(_ v: Double, digits: Int) -> String {
        v != 0 && abs(v) < pow(10, Double(2 - digits)) ? String(format: "%.4g", v) : DecimalText.fixed(v, digits: digits)
    }

    static func quote(_ s: String) -> String {
        // Scalars, not Characters: "\r\n", or a comma or quote followed by a combining mark, is
        // one Character equal to none of these, yet a CSV reader sees the separator in it.
        let special: Set<Unicode.Scalar> = [",", "\"", "\n", "\r"]
        guard s.unicodeScalars.contains(where: special.contains) else { return s }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in s.unicodeScalars {
            if scalar == "\"" { quoted.append("\"") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
