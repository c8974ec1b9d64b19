import Dispatch

/// Runs blocking work (GDAL I/O, whole-raster kernels) on a Dispatch thread and awaits it, so that
/// async callers never tie up a thread of Swift's cooperative pool for seconds. The work keeps all
/// its GDAL calls on that one thread, as GDAL's per-thread error state requires.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws(HeatIslandError) -> T) async throws(HeatIslandError) -> T {
    let result: Result<T, HeatIslandError> = await withCheckedContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            do throws(HeatIslandError) { continuation.resume(returning: .success(try work())) } catch {
                continuation.resume(returning: .failure(error))
            }
        }
    }
    return try result.get()
}
