import CGDAL

/// One-time GDAL set-up shared by every call in this module.
///
/// Registration happens once per process through a `static let`, whose initialiser Swift runs
/// exactly once and thread-safely; there is no mutable global state.
enum GDALRuntime {
    private static let registered: Bool = {
        GDALAllRegister()
        // Fail instead of silently reading PROJ grids from the network (no network here, and
        // results must not depend on it).
        CPLSetConfigOption("PROJ_NETWORK", "OFF")
        return true
    }()

    static func ensureRegistered() {
        _ = registered
    }

    /// Flushes and closes a dataset that was being written; `false` when GDAL reported a failure
    /// (a full disk shows up here, when the last tiles are written).
    static func close(_ dataset: GDALDatasetH) -> Bool {
        CPLErrorReset()
        GDALFlushCache(dataset)
        let flushed = CPLGetLastErrorType().rawValue < CE_Failure.rawValue
        GDALClose(dataset)
        return flushed && CPLGetLastErrorType().rawValue < CE_Failure.rawValue
    }

    /// GDAL's release name, for example "3.6.2".
    static var version: String {
        ensureRegistered()
        return String(cString: GDALVersionInfo("RELEASE_NAME"))
    }
}
