import Dispatch

/// Runs blocking work (GDAL I/O, whole-raster kernels) on a Dispatch thread and awaits it, so that
/// async callers never tie up a thread of Swift's cooperative pool for seconds. The work keeps all
/// its GDAL calls on that one thread, as GDAL's per-thread error state requires.
///
/// Cancellation is checked before the work starts, and the work receives a flag that is set when
/// the task is cancelled later: operations with a ``Checkpoint`` stop at their next block row or
/// zone, the others (no more than a few seconds) run to their end.
/// - Parameters:
///   - operation: Names the work in the error thrown when the task is already cancelled.
///   - work: The blocking work, given the task's cancellation flag.
func offPool<T: Sendable>(
    _ operation: String, _ work: @escaping @Sendable (CancellationFlag) throws(HeatIslandError) -> T
) async throws(HeatIslandError) -> T {
    guard !Task.isCancelled else { throw .cancelled(operation: operation) }
    let flag = CancellationFlag()
    let result: Result<T, HeatIslandError> = await withTaskCancellationHandler {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                do throws(HeatIslandError) { continuation.resume(returning: .success(try work(flag))) } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
    } onCancel: {
        flag.cancel()
    }
    return try result.get()
}
