/// Data that claim a geographic CRS must have longitudes and latitudes for coordinates. GDAL labels
/// a GeoJSON whose CRS it cannot read as WGS 84, and a GeoTIFF can carry a wrong EPSG:4326 tag
/// over a grid in metres: taken at their word, both fail far from the cause (PROJ's "Invalid
/// latitude", a warp that cannot compute its bounds) or miss everything they meet.
enum DegreeExtent {
    /// What is wrong with an extent in `crs`, or `nil` when it is fine (or `crs` is not geographic).
    /// - Parameter whose: Whose CRS it is, in the message: the file's own, or one a caller stated.
    static func complaint(x: (Double, Double), y: (Double, Double), crs: SpatialReference, whose: String = "its CRS") -> String? {
        // Longitudes up to 360 are in use (the 0–360 convention); a hair past the poles is rounding.
        let longitudes = -360...360.0, latitudes = -90.000001...90.000001
        guard crs.isGeographic, !(longitudes.contains(x.0) && longitudes.contains(x.1)
                                  && latitudes.contains(y.0) && latitudes.contains(y.1)) else { return nil }
        return "its coordinates (x \(x.0)…\(x.1), y \(y.0)…\(y.1)) are not longitudes and latitudes, yet \(whose) is geographic (\(crs))"
    }
}
