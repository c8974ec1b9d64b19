import Dispatch

/// Runs blocking work (GDAL I/O, whole-raster kernels) on a Dispatch thread and awaits it, so that
/// async callers never tie up a thread of Swift's cooperative pool for seconds. The work keeps all
/// its GDAL calls on that one thread, as GDAL's per-thread error state requires.
///
/// Cancellation is checked before the work starts; once started, it runs to the end (the kernels
/// have no cancellation points, and stopping GDAL mid-write would leave nothing worth keeping).
/// - Parameters:
///   - operation: Names the work in the error thrown when the task is already cancelled.
///   - work: The blocking work.
func offPool<T: Sendable>(_ operation: String, _ work: @escaping @Sendable () throws(HeatIslandError) -> T) async throws(HeatIslandError) -> T {
    guard !Task.isCancelled else { throw .cancelled(operation: operation) }
    let result: Result<T, HeatIslandError> = await withCheckedContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            do throws(HeatIslandError) { continuation.resume(returning: .success(try work())) } catch {
                continuation.resume(returning: .failure(error))
            }
        }
    }
    return try result.get()
}
