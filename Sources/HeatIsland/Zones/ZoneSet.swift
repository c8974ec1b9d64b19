import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// Zones read from a vector file (GeoJSON, GeoPackage, Shapefile …) and reprojected to a raster's CRS.
///
/// ```swift
/// let districts = try ZoneSet.load(path: "districts.gpkg", reprojectTo: scene.raster.spatialReference)
/// ```
public struct ZoneSet: Sendable {
    /// The zones in layer order.
    public var zones: [Zone]
    /// The file they came from.
    public var path: String
    /// The CRS of the geometries.
    public var spatialReference: SpatialReference
    /// Ids used by more than one zone (each zone is still kept and reported separately).
    public var duplicateIDs: [String]
    /// Features left out because they could not be used (only with ``Options/skipUnusable``), each
    /// naming the feature and the cause.
    public var skipped: [HeatIslandError] = []

    /// Every zone's polygons as one multipolygon, parts kept as they are (not merged): a rural
    /// reference read from a file, say, as `.polygon(try ZoneSet.load(path: "neighbours.gpkg",
    /// reprojectTo: scene.raster.spatialReference).polygons)`.
    public var polygons: MultiPolygon { MultiPolygon(zones.flatMap(\.geometry.polygons)) }

    /// How to read the zones.
    public struct Options: Sendable {
        /// The layer, required for files with several layers.
        public var layer: String?
        /// The field holding the zone id; `nil` means `id` when the layer has it, else the feature id.
        public var idField: String?
        /// The field holding the zone name; `nil` means `name` when the layer has it, else the id.
        public var nameField: String?
        /// Repair invalid geometries with GDAL's `MakeValid` (GEOS's structure method: shells unioned, holes cut out) instead of failing.
        public var repairInvalid = false
        /// Leave out features that cannot be used (empty, not polygons, invalid and not repaired,
        /// not reprojectable) and list them in ``ZoneSet/skipped``, instead of failing on the first.
        public var skipUnusable = false
        /// The text encoding of a Shapefile's attribute table (`CP1250`, `ISO-8859-2` …) that
        /// declares none (no `.cpg`) or a wrong one; `nil` trusts the file. Other formats hold UTF-8
        /// and ignore it.
        public var encoding: String?
        /// The CRS the coordinates are in, for a file that declares none (a Shapefile without its
        /// `.prj`, a GeoPackage with an undefined SRS) or a wrong one, as `ogr2ogr -s_srs`; `nil`
        /// trusts the file.
        public var spatialReference: SpatialReference?

        /// Default options.
        public init() {}
    }

    /// Reads zones and reprojects them.
    /// - Parameters:
    ///   - path: The vector file.
    ///   - options: Layer, id/name fields and repair policy.
    ///   - target: The raster's CRS, or `nil` to keep the layer's.
    /// - Throws: ``HeatIslandError`` naming the file and the feature: unreadable file, missing layer
    ///   or field, empty, non-polygon or (unless repaired or skipped) invalid geometry, impossible
    ///   reprojection, or no usable feature at all.
    public static func load(path: String, options: Options = Options(), reprojectTo target: SpatialReference? = nil) throws(HeatIslandError) -> ZoneSet {
        let features: [PolygonFeature], skipped: [GDALError]
        let crs: SpatialReference
        var idField = options.idField, nameField = options.nameField
        do throws(GDALError) {
            let layer = try VectorDataset(path: path, encoding: options.encoding).layer(options.layer)
            let fields = layer.fieldNames
            for field in [idField, nameField].compactMap({ $0 }) where !fields.contains(field) {
                throw .vectorFailed(path: path, message: "no field '\(field)' (fields: \(fields.joined(separator: ", ")))")
            }
            idField = idField ?? (fields.contains("id") ? "id" : nil)
            nameField = nameField ?? (fields.contains("name") ? "name" : nil)
            crs = if let target { target } else if let stated = options.spatialReference { stated } else { try layer.spatialReference() }
            (features, skipped) = try layer.readPolygons(
                invalid: options.repairInvalid ? .repair : .reject, skipUnusable: options.skipUnusable, reprojectTo: target,
                assuming: options.spatialReference)
        } catch .missingSpatialReference(let path) {
            throw .gdal(.vectorFailed(path: path, message: "has no coordinate reference system; state the one its coordinates are in "
                + "(--zones-crs EPSG:… for the zones on the command line, ZoneSet.Options.spatialReference in Swift), or put the .prj beside a Shapefile"))
        } catch .transformFailed(let message) {
            // No way from the layer's CRS to the target at all (a feature that cannot be
            // transformed is named by the layer itself).
            throw .invalidZones(path: path, detail: "cannot be reprojected to \(target?.description ?? "the raster's CRS"): \(message)")
        } catch { throw .gdal(error) }
        guard !features.isEmpty else {
            throw .invalidZones(path: path, detail: skipped.isEmpty ? "the layer has no features" : "no usable feature (\(skipped.count) skipped; the first: \(skipped[0]))")
        }
        // A feature without a value in the id field would take its feature id, which can be another
        // feature's id in the field: a duplicate the file does not have, or a row under a wrong id.
        if let idField, let blank = features.first(where: { f in f.attributes[idField].map { $0.description.allSatisfy(\.isWhitespace) } ?? true }) {
            throw .invalidZones(path: path, detail: "feature \(blank.fid) has no value in the id field '\(idField)'; give every zone an id or choose another id field")
        }
        // Text that is not UTF-8 decodes with a replacement character for every letter it cannot
        // read: names unreadable, and ids that can collide.
        for field in [idField, nameField].compactMap({ $0 }) {
            if let garbled = features.first(where: { $0.undecodableFields.contains(field) }) {
                throw .invalidZones(path: path, detail: "feature \(garbled.fid): the '\(field)' field is not UTF-8 text. A Shapefile then declares no encoding "
                    + "or a wrong one: name it (--encoding CP1250 on the command line, ZoneSet.Options.encoding in Swift) or put a .cpg file beside it; "
                    + "other formats must be saved as UTF-8")
            }
        }
        let zones = features.map { f in
            let value = idField.flatMap { f.attributes[$0] }
            let id = value.map(\.description) ?? String(f.fid)
            let name = nameField.flatMap { f.attributes[$0] }.flatMap { $0 == .null ? nil : $0.description } ?? id
            var zone = Zone(id: id, name: name, geometry: f.geometry, wasRepaired: f.wasRepaired)
            // A Shapefile keeps numeric ids in real fields (52601.000000): whole ones are numbers too.
            switch value {
            case nil, .integer?: zone.idIsNumber = true
            case .real(let v)?: zone.idIsNumber = v == v.rounded() && abs(v) < 0x1p53
            case .string?, .null?: break
            }
            return zone
        }
        var uses: [String: Int] = [:]
        var duplicates: [String] = []
        for zone in zones {
            uses[zone.id, default: 0] += 1
            if uses[zone.id] == 2 { duplicates.append(zone.id) }
        }
        return ZoneSet(zones: zones, path: path, spatialReference: crs, duplicateIDs: duplicates, skipped: skipped.map { .gdal($0) })
    }
}
