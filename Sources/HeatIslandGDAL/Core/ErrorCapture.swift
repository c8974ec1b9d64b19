import CGDAL

/// Collects the CPL errors raised by GDAL on the current thread while a closure runs.
///
/// GDAL keeps its error state and its stack of handlers per thread, so the handler is pushed and
/// popped around one synchronous call: nothing here may `await`, or the task could resume on
/// another thread and read someone else's error.
final class ErrorCapture {
    private(set) var messages: [String] = []

    /// The last failure message, or a fallback when GDAL reported nothing useful.
    func message(or fallback: String) -> String {
        messages.last ?? fallback
    }

    /// The first failure message, or a fallback when GDAL reported nothing. For writes: the first
    /// is the cause (`No space left on device`), what follows are its consequences (`Write error at
    /// scanline …`).
    func cause(or fallback: String) -> String {
        messages.first ?? fallback
    }

    fileprivate func record(_ message: String) {
        // Keep a bounded history: a corrupt file can make some drivers report thousands of warnings.
        if messages.count < 16 { messages.append(message) } else { messages[15] = message }
    }

    /// Runs `body` with the handler, for calls whose complaints have nowhere to go. Drivers read
    /// parts of a file lazily (GeoTIFF keys on the first geotransform or CRS query, a JML file on
    /// the first layer query), and what they say about a corrupt file must not reach standard
    /// error beside the one line that names the problem.
    static func quietly<T>(_ body: () throws -> T) rethrows -> T {
        try run { _ in try body() }
    }

    /// Runs `body` with a CPL handler that records warnings and errors instead of printing them.
    static func run<T>(_ body: (ErrorCapture) throws -> T) rethrows -> T {
        GDALRuntime.ensureRegistered()
        let capture = ErrorCapture()
        let context = Unmanaged.passRetained(capture)
        CPLPushErrorHandlerEx({ errorClass, _, message in
            guard errorClass.rawValue >= CE_Failure.rawValue,
                  let user = CPLGetErrorHandlerUserData() else { return }
            let capture = Unmanaged<ErrorCapture>.fromOpaque(user).takeUnretainedValue()
            capture.record(message.map { String(cString: $0) } ?? "unknown GDAL error")
        }, context.toOpaque())
        CPLErrorReset()
        defer {
            CPLPopErrorHandler()
            context.release()
        }
        return try body(capture)
    }
}
