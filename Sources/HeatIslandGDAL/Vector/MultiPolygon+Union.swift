import CGDAL
import HeatIslandKernels

extension MultiPolygon {
    /// The polygons merged into one area, overlaps counted once: their union by GEOS, through
    /// GDAL's `OGR_G_UnionCascaded`.
    ///
    /// Parts drawn or simplified one by one (neighbouring municipalities) overlap along their shared
    /// borders, and a sum of their areas counts those strips twice; the union's area does not.
    /// - Returns: The union, as polygons that do not overlap; the polygons themselves when there
    ///   is only one.
    /// - Throws: ``GDALError/invalidArgument(_:)`` with GEOS's reason when the union fails.
    public func union() throws(GDALError) -> MultiPolygon {
        guard polygons.count > 1 else { return self }
        let unavailable = GDALError.invalidArgument("GDAL could not build a geometry to merge the polygons in")
        guard let multi = OGR_G_CreateGeometry(wkbMultiPolygon) else { throw unavailable }
        defer { OGR_G_DestroyGeometry(multi) }
        // Parts and rings are added by copy, so that each handle here is destroyed once by its own
        // `defer`, whether GDAL took it or not.
        for polygon in polygons {
            guard let part = OGR_G_CreateGeometry(wkbPolygon) else { throw unavailable }
            defer { OGR_G_DestroyGeometry(part) }
            for ring in [polygon.exterior] + polygon.holes {
                guard let line = OGR_G_CreateGeometry(wkbLinearRing) else { throw unavailable }
                defer { OGR_G_DestroyGeometry(line) }
                // Closed here: GDAL warns on stderr about a ring added open.
                let points = ring.points.first == ring.points.last ? ring.points : ring.points + ring.points.prefix(1)
                for p in points { OGR_G_AddPoint_2D(line, p.x, p.y) }
                guard OGR_G_AddGeometry(part, line) == OGRERR_NONE else { throw unavailable }
            }
            guard OGR_G_AddGeometry(multi, part) == OGRERR_NONE else { throw unavailable }
        }
        var failure = ""
        let merged: OGRGeometryH? = ErrorCapture.run { capture in
            let g = OGR_G_UnionCascaded(multi)
            if g == nil { failure = capture.message(or: "no reason given") }
            return g
        }
        guard let merged else { throw .invalidArgument("GEOS could not merge the polygons: \(failure)") }
        defer { OGR_G_DestroyGeometry(merged) }
        return OGRPolygonReader.collect(merged)
    }
}
