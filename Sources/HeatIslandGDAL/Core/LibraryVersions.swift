import CGDAL

/// The versions of the C libraries in use, for run records.
public enum LibraryVersions {
    /// GDAL's release name, for example "3.6.2".
    public static var gdal: String { GDALRuntime.version }

    /// PROJ's version as GDAL sees it, for example "9.1.1".
    public static var proj: String {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        OSRGetPROJVersion(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }
}
