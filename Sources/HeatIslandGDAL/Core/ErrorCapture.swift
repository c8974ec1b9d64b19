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

    /// Debug messages of the category asked for in ``run(debug:_:)``.
    private(set) var debugMessages: [String] = []

    fileprivate func record(_ message: String, debug: Bool) {
        if debug {
            if debugMessages.count < 16 { debugMessages.append(message) }
            return
        }
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
    /// - Parameters:
    ///   - category: A CPL debug category to record as well, in ``debugMessages``: some drivers
    ///     say only there that they dropped what they could not parse (GeoJSON a ring whose
    ///     positions are not numbers). Switched on for this thread and this call alone.
    ///   - body: The GDAL calls.
    static func run<T>(debug category: String? = nil, _ body: (ErrorCapture) throws -> T) rethrows -> T {
        GDALRuntime.ensureRegistered()
        let capture = ErrorCapture()
        let context = Unmanaged.passRetained(capture)
        CPLPushErrorHandlerEx({ errorClass, _, message in
            guard errorClass.rawValue >= CE_Failure.rawValue || errorClass == CE_Debug,
                  let user = CPLGetErrorHandlerUserData() else { return }
            let capture = Unmanaged<ErrorCapture>.fromOpaque(user).takeUnretainedValue()
            capture.record(message.map { String(cString: $0) } ?? "unknown GDAL error", debug: errorClass == CE_Debug)
        }, context.toOpaque())
        let previousDebug = CPLGetThreadLocalConfigOption("CPL_DEBUG", nil).map { String(cString: $0) }
        if let category { CPLSetThreadLocalConfigOption("CPL_DEBUG", category) }
        CPLErrorReset()
        defer {
            if category != nil { CPLSetThreadLocalConfigOption("CPL_DEBUG", previousDebug) }
            CPLPopErrorHandler()
            context.release()
        }
        return try body(capture)
    }
}
