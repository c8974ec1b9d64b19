/// GDAL's format drivers, registered once per process.
///
/// Every call in this module that opens or creates a dataset registers them first, so calling this
/// is never required. It lets a program take the registration (a few milliseconds: GDAL scans its
/// plugin directory and builds the driver list) off its critical path, for example on a background
/// thread while it parses its arguments; a GDAL call made meanwhile waits until it is complete.
///
/// ```swift
/// Thread.detachNewThread { GDALDrivers.register() }
/// ```
public enum GDALDrivers {
    /// Registers the drivers unless that is done already; safe from any thread, at any time.
    public static func register() {
        GDALRuntime.ensureRegistered()
    }
}
