import HeatIslandGDAL
import HeatIslandKernels

// Async forms of the long operations: the same work and results as the synchronous forms, run off
// Swift's cooperative thread pool so that apps and servers stay responsive.

extension LSTLoader {
    /// Loads and decodes a raster without blocking the caller's task; see ``load(path:options:progress:)``.
    public static func load(
        path: String, options: LSTLoadOptions = LSTLoadOptions(), progress: ProgressHandler? = nil
    ) async throws(HeatIslandError) -> LSTScene {
        try await offPool { () throws(HeatIslandError) in try load(path: path, options: options, progress: progress) }
    }
}

extension ZonalStatisticsRunner {
    /// Zonal statistics of a raster in memory without blocking the caller's task; see
    /// ``compute(raster:zones:options:progress:)``.
    public static func compute(
        raster: GeoRaster, zones: [Zone], options: ZonalOptions = ZonalOptions(), progress: ProgressHandler? = nil
    ) async throws(HeatIslandError) -> [ZoneStatistics] {
        try await offPool { () throws(HeatIslandError) in
            try compute(raster: raster, zones: zones, options: options, progress: progress)
        }
    }
}

extension CellHotspots {
    /// Cell hot spots without blocking the caller's task; see ``compute(raster:radius:shape:fdr:)``.
    public static func compute(
        raster: GeoRaster, radius: HotspotRadius, shape: FocalNeighbourhood.Shape = .circle, fdr: Bool = false
    ) async throws(HeatIslandError) -> CellHotspots {
        try await offPool { () throws(HeatIslandError) in try compute(raster: raster, radius: radius, shape: shape, fdr: fdr) }
    }
}
