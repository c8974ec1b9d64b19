import CGDAL

/// One-time GDAL set-up shared by every call in this module.
///
/// Registration happens once per process through a `static let`, whose initialiser Swift runs
/// exactly once and thread-safely; there is no mutable global state (GDAL's process-wide error
/// handler is set there, once, and never changed).
enum GDALRuntime {
    private static let registered: Bool = {
        GDALAllRegister()
        // Fail instead of silently reading PROJ grids from the network (no network here, and
        // results must not depend on it).
        CPLSetConfigOption("PROJ_NETWORK", "OFF")
        // Our calls run under an ErrorCapture on their own thread; what reaches this handler was
        // raised on a thread without one, which is GDAL's own worker threads (multi-threaded warping
        // and TIFF decoding) or a call of ours left unwrapped, and goes to standard error as GDAL
        // would print it (`make fuzz` fails on such lines). Two kinds from worker threads only echo
        // what the calling thread reports itself, and are dropped: the stop a progress handler asked
        // for ("User terminated", reported as GDALError.stopped), and libtiff's complaints about
        // the scratch files GDAL 3.6 decodes tiles in ("/vsimem/decompress_…: Bad value 2 for
        // ExtraSamples", which does not affect the values read).
        CPLSetErrorHandler { errorClass, number, message in
            let text = message.map { String(cString: $0) } ?? ""
            if number == CPLE_UserInterrupt || text.contains("/vsimem/decompress_") { return }
            CPLDefaultErrorHandler(errorClass, number, message)
        }
        return true
    }()

    static func ensureRegistered() {
        _ = registered
    }

    /// `GDALOpenEx` for every dataset this module opens.
    ///
    /// The SQLite-based drivers (GeoPackage, SpatiaLite) start libspatialite when they open a file,
    /// and it opens PROJ's database once more for a context of its own: about 10 ms, a tenth of a
    /// whole `kranj-heat zonal` run, for SQL functions that reading features and tiles never calls
    /// (GDAL decodes both geometry encodings itself). It is switched off for this thread and this
    /// call alone, so a host application's own GDAL work keeps it.
    static func open(_ path: String, flags: UInt32, options: UnsafePointer<UnsafePointer<CChar>?>? = nil) -> GDALDatasetH? {
        let previous = CPLGetThreadLocalConfigOption("SPATIALITE_LOAD", nil).map { String(cString: $0) }
        CPLSetThreadLocalConfigOption("SPATIALITE_LOAD", "NO")
        defer { CPLSetThreadLocalConfigOption("SPATIALITE_LOAD", previous) }
        return GDALOpenEx(path, flags, nil, options, nil)
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
