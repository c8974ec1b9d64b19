import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// Per-zone statistics of a raster held in memory, one zone per core at a time.
///
/// Zones must be in the raster's CRS (``ZoneSet/load(path:options:reprojectTo:)`` does that): the
/// raster is never resampled to compute statistics.
public enum ZonalStatisticsRunner {
    /// Computes the statistics of every zone, in zone order.
    /// - Parameters:
    ///   - raster: The values (°C for LST), NaN where missing.
    ///   - zones: The zones, in the raster's CRS.
    ///   - options: Rule and quantiles.
    ///   - progress: Called with the fraction of zones done.
    /// - Returns: One entry per zone; zones that miss the raster have `missesRaster == true`.
    /// - Throws: ``HeatIslandError/invalidZones(path:detail:)`` naming a zone whose geometry cannot be used.
    public static func compute(
        raster: GeoRaster, zones: [Zone], options: ZonalOptions = ZonalOptions(), progress: ProgressHandler? = nil
    ) throws(HeatIslandError) -> [ZoneStatistics] {
        let block = PixelWindow.full(width: raster.width, height: raster.height)
        var results = [Result<ZoneStatistics, HeatIslandError>?](repeating: nil, count: zones.count)
        let done = Counter()
        raster.values.withUnsafeBufferPointer { values in
            results.withUnsafeMutableBufferPointer { slots in
                let (out, input) = (UnsafeSendable(slots), UnsafeSendable(values))
                DispatchQueue.concurrentPerform(iterations: zones.count) { i in
                    out.value[i] = statistics(of: zones[i], values: input.value, block: block, raster: raster, options: options)
                    if let progress { progress(done.increment(of: zones.count)) }
                }
            }
        }
        return try results.map { (r) throws(HeatIslandError) in
            guard let r else { throw .invalidArgument("internal error: a zone was not computed") }
            return try r.get()
        }
    }

    static func statistics(
        of zone: Zone, values: UnsafeBufferPointer<Float>, block: PixelWindow, raster: GeoRaster, options: ZonalOptions
    ) -> Result<ZoneStatistics, HeatIslandError> {
        let spans: CoverageSpans
        do {
            spans = try CoverageRasterizer.spans(
                for: zone.geometry, grid: raster.transform, width: raster.width, height: raster.height, rule: options.rule)
        } catch {
            return .failure(.invalidZones(path: "zone \(zone.id) (\(zone.name))", detail: error.description))
        }
        var accumulator = ZonalAccumulator()
        var quantiles: WeightedQuantiles? = options.quantiles ? WeightedQuantiles() : nil
        ZonalReducer.add(values, block: block, spans: spans, into: &accumulator, quantiles: &quantiles)
        return .success(ZoneStatistics(
            zone: zone, statistics: accumulator, quantiles: quantiles, percentiles: options.percentiles,
            cellArea: raster.transform.pixelArea))
    }
}

/// Hands buffers to `concurrentPerform`: the input is only read, and each task writes the output
/// only at its own index, so no two threads touch the same element.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// A thread-safe count of finished work items, for progress reports.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment(of total: Int) -> Double {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return Double(count) / Double(max(total, 1))
    }
}
