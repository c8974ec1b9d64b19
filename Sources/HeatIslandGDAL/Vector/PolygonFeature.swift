import HeatIslandKernels

/// A feature whose geometry is a polygon or multipolygon, as zonal statistics need it.
public struct PolygonFeature: Sendable {
    /// The feature id in the source layer.
    public var fid: Int
    /// The attributes by field name.
    public var attributes: [String: FieldValue]
    /// The geometry in the layer's CRS (or the CRS it was reprojected to).
    public var geometry: MultiPolygon
    /// `true` when the source geometry was invalid and repaired with `OGR_G_MakeValidEx` (GEOS's structure method).
    public var wasRepaired: Bool
    /// Text fields whose bytes were not UTF-8 (a Shapefile without a declared encoding, or with a
    /// wrong one); their ``attributes`` hold U+FFFD for each byte that could not be decoded.
    public var undecodableFields: [String]
}

/// What to do with an invalid geometry (self-intersection, unclosed ring …).
public enum InvalidGeometryPolicy: Sendable, Hashable {
    /// Throw an error naming the feature.
    case reject
    /// Repair it with GDAL's `OGR_G_MakeValidEx` and GEOS's structure method (shells unioned, holes cut out of them), and mark the feature as repaired.
    case repair
}
