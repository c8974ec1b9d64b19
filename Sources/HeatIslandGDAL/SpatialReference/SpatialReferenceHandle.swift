import CGDAL
import Foundation

/// Owns one `OGRSpatialReferenceH`. Never leaves the thread that made it.
///
/// Axis order is always set to traditional GIS order (x = easting/longitude, y = northing/latitude):
/// since GDAL 3, EPSG:4326 is latitude-first by default, which would silently swap GeoJSON coordinates.
final class SpatialReferenceHandle {
    let raw: OGRSpatialReferenceH

    init(definition: String) throws(GDALError) {
        guard let srs = OSRNewSpatialReference(nil) else {
            throw .invalidSpatialReference(definition: definition, message: "OSR could not allocate")
        }
        // OSR would also fetch URLs and read files named in the definition; a CRS given to this
        // library is a code, WKT or PROJ string, never a path (GDAL 3.6 lacks the option to forbid it).
        let lowered = definition.lowercased()
        if lowered.hasPrefix("http:") || lowered.hasPrefix("https:") || lowered.hasPrefix("ftp:")
            || FileManager.default.fileExists(atPath: definition) {
            OSRDestroySpatialReference(srs)
            throw .invalidSpatialReference(definition: definition, message: "file names and URLs are not accepted")
        }
        let result: (OGRErr, String?) = ErrorCapture.run { capture in
            (OSRSetFromUserInput(srs, definition), capture.messages.last)
        }
        guard result.0 == OGRERR_NONE else {
            OSRDestroySpatialReference(srs)
            throw .invalidSpatialReference(definition: definition, message: result.1 ?? "not recognised")
        }
        OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER)
        raw = srs
    }

    /// Takes ownership of a clone of a handle owned by someone else (a dataset or a layer).
    /// `nil` when there is none, and when the CRS only stands in for one: GeoPackage's srs_id 0 and
    /// −1 mean "undefined", which GDAL gives as a CRS without an authority named "Undefined
    /// geographic SRS" or "Undefined Cartesian SRS". Taken at its word, the first turned projected
    /// districts into degrees and failed with "Invalid latitude" instead of "no CRS".
    init?(cloning borrowed: OGRSpatialReferenceH?) {
        guard let borrowed, !Self.standsInForNone(borrowed), let clone = OSRClone(borrowed) else { return nil }
        OSRSetAxisMappingStrategy(clone, OAMS_TRADITIONAL_GIS_ORDER)
        raw = clone
    }

    private static func standsInForNone(_ srs: OGRSpatialReferenceH) -> Bool {
        guard OSRGetAuthorityName(srs, nil) == nil, let name = OSRGetName(srs).map({ String(cString: $0) }) else { return false }
        return name == "Undefined geographic SRS" || name == "Undefined Cartesian SRS"
    }

    deinit { OSRDestroySpatialReference(raw) }

    var wkt: String? {
        var out: UnsafeMutablePointer<CChar>?
        guard OSRExportToWkt(raw, &out) == OGRERR_NONE, let out else { return nil }
        defer { VSIFree(out) }
        return String(cString: out)
    }

    /// The PROJ string, which names custom projections (MODIS sinusoidal) better than their WKT name.
    var proj4: String? {
        var out: UnsafeMutablePointer<CChar>?
        let ok: Bool = ErrorCapture.run { _ in OSRExportToProj4(raw, &out) == OGRERR_NONE }
        guard ok, let out else { return nil }
        defer { VSIFree(out) }
        return String(cString: out).trimmingCharacters(in: .whitespaces)
    }

    var epsgCode: Int? {
        // A WKT without an authority node (for example from an old GeoTIFF) still often matches an
        // EPSG entry; identify it on a clone so the handle we hold stays as given.
        if let code = authorityCode(of: raw) { return code }
        guard let probe = OSRClone(raw) else { return nil }
        defer { OSRDestroySpatialReference(probe) }
        _ = OSRAutoIdentifyEPSG(probe)
        return authorityCode(of: probe)
    }

    private func authorityCode(of srs: OGRSpatialReferenceH) -> Int? {
        let key: String? = OSRIsProjected(srs) != 0 ? "PROJCS" : (OSRIsGeographic(srs) != 0 ? "GEOGCS" : nil)
        guard let name = OSRGetAuthorityName(srs, key), String(cString: name).uppercased() == "EPSG",
              let code = OSRGetAuthorityCode(srs, key) else { return nil }
        return Int(String(cString: code))
    }
}

/// The strings of a NULL-terminated C string list (GDAL's CSL), which stays the caller's to free.
func strings(of list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> [String] {
    guard let list else { return [] }
    var result: [String] = []
    var i = 0
    while let item = list[i] {
        result.append(String(cString: item))
        i += 1
    }
    return result
}

/// Calls `body` with a NULL-terminated C string list built from `strings`, freed afterwards.
func withCStringList<T>(_ strings: inout [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> T) -> T {
    var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
    for s in strings { list = CSLAddString(list, s) }
    defer { CSLDestroy(list) }
    return body(list)
}
