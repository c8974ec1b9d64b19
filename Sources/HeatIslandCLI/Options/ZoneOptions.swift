import Foundation
import ArgumentParser
import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels

/// How a zones file is read: its layer, its id and name fields, and what becomes of unusable
/// polygons. Every command that reads zones takes these.
struct ZoneReadingOptions: ParsableArguments {
    @Option(help: "The layer to read (needed when the file has several).")
    var layer: String?

    @Option(help: "The field holding zone ids (default: 'id' when present, else the feature id).")
    var idField: String?

    @Option(help: "The field holding zone names (default: 'name' when present, else the id).")
    var nameField: String?

    @Option(help: "The text encoding of a Shapefile's .dbf that declares none (no .cpg) or a wrong one, for example CP1250.")
    var encoding: String?

    @Option(help: ArgumentHelp("The CRS the zones' coordinates are in, for a file that declares none (a Shapefile without its .prj) or a wrong one: EPSG:code, WKT or PROJ string.",
                               valueName: "crs"), transform: { try SpatialReference(definition: $0) })
    var zonesCRS: SpatialReference?

    @Flag(help: "Repair invalid polygons with GDAL's MakeValid instead of stopping.")
    var repair = false

    @Flag(help: "Leave out zones that cannot be used (empty, not polygons, invalid and not repaired), with a warning each, instead of stopping.")
    var skipBadZones = false

    /// `true` when any of these options was given.
    var isSet: Bool { layer != nil || idField != nil || nameField != nil || encoding != nil || zonesCRS != nil || repair || skipBadZones }

    var zoneSetOptions: ZoneSet.Options {
        var o = ZoneSet.Options()
        (o.layer, o.idField, o.nameField, o.encoding, o.repairInvalid, o.skipUnusable) = (layer, idField, nameField, encoding, repair, skipBadZones)
        o.spatialReference = zonesCRS
        return o
    }
}

/// The options of commands that summarise zones.
struct ZoneOptions: ParsableArguments {
    @Option(help: "The zones: GeoJSON, GeoPackage or Shapefile polygons.")
    var zones: String

    @OptionGroup var reading: ZoneReadingOptions

    @Option(help: "Which cells count: exact (coverage fractions), center or all-touched.")
    var rule: CoverageRule = .exact

    // `.unconditional`: `--percentiles -1` is then refused as a percentile, not as a missing value.
    @Option(parsing: .unconditional, help: "Percentiles to add besides the median, comma-separated (for example 90,95).", transform: ZoneOptions.parsePercentiles)
    var percentiles: [Double] = []

    @Flag(help: "Skip the median and percentiles (streaming keeps 8 bytes per covered cell of a zone that spans several block rows).")
    var noQuantiles = false

    func validate() throws {
        if noQuantiles && !percentiles.isEmpty { throw ValidationError("--percentiles needs quantiles; drop --no-quantiles") }
    }

    static func parsePercentiles(_ text: String) throws -> [Double] {
        // Empty items (`90,,95`, a trailing comma) are mistakes, not "no percentile"; only plain
        // decimals count (Double("0x10") would read hex as 16).
        let values = try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            let digits = part.trimmingCharacters(in: .whitespaces)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                  let p = Double(digits), p >= 0, p <= 100 else {
                throw ValidationError("percentiles must be numbers from 0 to 100, got '\(part)' in '\(text)'")
            }
            return p
        }
        // Each percentile is a column named after it: asked twice, it would name two columns alike.
        if let twice = values.indices.first(where: { values[..<$0].contains(values[$0]) }) {
            throw ValidationError("percentile \(text.split(separator: ",")[twice].trimmingCharacters(in: .whitespaces)) is asked for twice")
        }
        return values
    }

    var zoneSetOptions: ZoneSet.Options { reading.zoneSetOptions }

    var zonalOptions: ZonalOptions {
        var o = ZonalOptions()
        (o.rule, o.percentiles, o.quantiles) = (rule, percentiles, !noQuantiles)
        return o
    }
}

extension CoverageRule: ExpressibleByArgument {}
extension ZonalTable.Format: ExpressibleByArgument {
    /// The format `--format` names, else the one the output's extension names (`.csv`, `.json`,
    /// `.geojson`, any letter case), else CSV: `--output districts.geojson` had been written as CSV.
    /// - Throws: `ValidationError` when `--format` and the extension disagree, or the extension is
    ///   none of those nor `.txt`: `--output districts.xlsx` or `d.tif` had been CSV under that name.
    static func resolve(_ stated: ZonalTable.Format?, output: String?) throws -> ZonalTable.Format {
        let fileExtension = output.map { URL(fileURLWithPath: $0).pathExtension.lowercased() } ?? ""
        let implied = ZonalTable.Format(rawValue: fileExtension)
        if let output, implied == nil, !["", "txt"].contains(fileExtension) {
            throw ValidationError("--output \(output): tables are written as CSV, JSON or GeoJSON; end the name in .csv (which spreadsheets open), .json or .geojson")
        }
        if let stated, let implied, stated != implied {
            throw ValidationError("--format \(stated.rawValue) but --output ends in .\(fileExtension); make them agree")
        }
        return stated ?? implied ?? .csv
    }
}
