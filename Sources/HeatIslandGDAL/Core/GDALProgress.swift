import CGDAL
import Synchronization

/// Receives the fraction of a long GDAL operation that is done, from 0 to 1; returning `false`
/// stops the operation, which then throws ``GDALError/stopped(path:)``.
public typealias GDALProgressHandler = @Sendable (_ fractionCompleted: Double) -> Bool

/// Carries a ``GDALProgressHandler`` through GDAL's C progress callback, and remembers whether it
/// stopped the operation: GDAL reports that only as a failure like any other ("User terminated").
final class ProgressRelay: Sendable {
    private let handler: GDALProgressHandler
    private let didStop = Atomic<Bool>(false)

    init(_ handler: @escaping GDALProgressHandler) {
        self.handler = handler
    }

    /// Whether the handler asked GDAL to stop.
    var stopped: Bool { didStop.load(ordering: .relaxed) }

    /// Runs `body` with GDAL's callback and its argument, which stay valid until `body` returns.
    func withCallback<T>(_ body: (GDALProgressFunc, UnsafeMutableRawPointer) throws -> T) rethrows -> T {
        try withExtendedLifetime(self) {
            try body({ fraction, _, argument in
                guard let argument else { return 1 }
                let relay = Unmanaged<ProgressRelay>.fromOpaque(argument).takeUnretainedValue()
                if relay.handler(fraction) { return 1 }
                relay.didStop.store(true, ordering: .relaxed)
                return 0
            }, Unmanaged.passUnretained(self).toOpaque())
        }
    }
}
