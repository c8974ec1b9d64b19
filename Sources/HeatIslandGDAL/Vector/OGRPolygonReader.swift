import CGDAL
import HeatIslandKernels

/// Turns OGR geometries into the kernels' ``MultiPolygon``, checking validity on the way.
enum OGRPolygonReader {
    static func read(_ geometry: OGRGeometryH?, invalid: InvalidGeometryPolicy, path: String, feature: String) throws(GDALError) -> (MultiPolygon, Bool) {
        guard let geometry, OGR_G_IsEmpty(geometry) == 0 else {
            throw .vectorFailed(path: path, message: "\(feature): empty geometry")
        }
        // Curve-typed layers (CurvePolygon, MultiSurface, as some GeoPackages are) hold polygons
        // whose rings may be arcs: GDAL turns arcs into segments (4° of arc each, its default) and
        // leaves straight rings as they are.
        if OGR_G_HasCurveGeometry(geometry, 0) != 0 {
            guard let linear = OGR_G_GetLinearGeometry(geometry, 0, nil) else {
                throw .vectorFailed(path: path, message: "\(feature): \(typeName(geometry)) that GDAL could not turn into straight segments")
            }
            defer { OGR_G_DestroyGeometry(linear) }
            return try readLinear(linear, invalid: invalid, path: path, feature: feature)
        }
        return try readLinear(geometry, invalid: invalid, path: path, feature: feature)
    }

    private static func readLinear(_ geometry: OGRGeometryH, invalid: InvalidGeometryPolicy, path: String, feature: String) throws(GDALError) -> (MultiPolygon, Bool) {
        let type = flatType(geometry)
        guard type == wkbPolygon || type == wkbMultiPolygon else {
            throw .vectorFailed(path: path, message: "\(feature): \(typeName(geometry)) is not a polygon")
        }
        // GEOS reports why a geometry is invalid as a CPL warning; capture it rather than print it.
        let valid: Bool = ErrorCapture.run { _ in OGR_G_IsValid(geometry) != 0 }
        if valid { return (collect(geometry), false) }
        guard invalid == .repair else {
            throw .vectorFailed(path: path, message: "\(feature): invalid polygon (self-intersecting, unclosed or degenerate ring); repair it with GDAL's MakeValid (--repair on the command line, ZoneSet.Options.repairInvalid in Swift)")
        }
        // GEOS refuses an unclosed ring outright, so MakeValid alone cannot mend one: close the
        // rings of a copy first, then make that valid if it still is not.
        guard let closed = OGR_G_Clone(geometry) else {
            throw .vectorFailed(path: path, message: "\(feature): invalid polygon that GDAL could not copy for repair")
        }
        defer { OGR_G_DestroyGeometry(closed) }
        OGR_G_CloseRings(closed)
        let closedIsValid: Bool = ErrorCapture.run { _ in OGR_G_IsValid(closed) != 0 }
        // The structure method reads the rings as they are declared: shells are unioned and holes
        // cut out of them. The default (linework) method rebuilds areas from all edges alike, so a
        // hole equal to its shell gave back the whole shell, and a hole reaching out of its shell
        // added the outside part as land: a district larger than drawn, without a word.
        // (GEOS 3.10 and later have it; an older one says so through GDAL's message.)
        var method = ["METHOD=STRUCTURE"]
        var failure = ""
        let repaired: OGRGeometryH? = closedIsValid ? nil : ErrorCapture.run { capture in
            let made = withCStringList(&method) { OGR_G_MakeValidEx(closed, $0) }
            if made == nil { failure = capture.message(or: "no reason given") }
            return made
        }
        guard closedIsValid || repaired != nil else {
            throw .vectorFailed(path: path, message: "\(feature): invalid polygon that GDAL could not repair (\(failure))")
        }
        defer { repaired.map(OGR_G_DestroyGeometry) }
        let result = collect(repaired ?? closed)
        guard !result.polygons.isEmpty else {
            throw .vectorFailed(path: path, message: "\(feature): invalid polygon with no area left after repair")
        }
        return (result, true)
    }

    private static func flatType(_ g: OGRGeometryH) -> OGRwkbGeometryType {
        OGR_GT_Flatten(OGR_G_GetGeometryType(g))
    }

    private static func typeName(_ g: OGRGeometryH) -> String {
        OGR_G_GetGeometryName(g).map { String(cString: $0) } ?? "geometry"
    }

    /// Collects the polygons of a polygon, multipolygon or (after MakeValid) geometry collection,
    /// dropping the lines and points a repair can leave behind.
    static func collect(_ g: OGRGeometryH) -> MultiPolygon {
        var parts: [Polygon] = []
        func visit(_ g: OGRGeometryH) {
            let type = flatType(g)
            if type == wkbPolygon {
                let rings = (0..<OGR_G_GetGeometryCount(g)).compactMap { OGR_G_GetGeometryRef(g, $0) }.map(ring)
                if let exterior = rings.first, exterior.points.count >= 3 {
                    parts.append(Polygon(exterior: exterior, holes: rings.dropFirst().filter { $0.points.count >= 3 }))
                }
            } else if type == wkbMultiPolygon || type == wkbGeometryCollection {
                for i in 0..<OGR_G_GetGeometryCount(g) {
                    if let sub = OGR_G_GetGeometryRef(g, i) { visit(sub) }
                }
            }
        }
        visit(g)
        return MultiPolygon(parts)
    }

    private static func ring(_ g: OGRGeometryH) -> Ring {
        let n = Int(OGR_G_GetPointCount(g))
        guard n > 0 else { return Ring([]) }
        // OGR writes x and y straight into the points, 16 bytes apart: one array, where separate x
        // and y arrays zipped together took three, and allocating them was most of this function's
        // time on the 26 districts.
        let points = [SIMD2<Double>](unsafeUninitializedCapacity: n) { buffer, count in
            guard let x = UnsafeMutableRawPointer(buffer.baseAddress) else { return }
            let stride = Int32(MemoryLayout<SIMD2<Double>>.stride)
            // It returns how many it wrote: anything short of all of them leaves no ring.
            count = Int(OGR_G_GetPoints(g, x, stride, x + MemoryLayout<Double>.stride, stride, nil, 0)) == n ? n : 0
        }
        return Ring(points)
    }
}
