import HeatIslandGDAL
import HeatIslandKernels

// Async forms of the long operations: the same work and results as the synchronous forms, run off
// Swift's cooperative thread pool so that apps and servers stay responsive. Each throws
// `HeatIslandError.cancelled` when its task is cancelled before it starts; loading, zonal
// statistics and streamed hot spots also stop at their next block row or zone when it is
// cancelled while they run.

extension LSTLoader {
    /// Loads and decodes a raster without blocking the caller's task (the synchronous form's work).
    /// - Parameters:
    ///   - path: The LST raster.
    ///   - options: Product, quality band, plausible range.
    ///   - progress: Called with the fraction done.
    /// - Throws: What the synchronous form throws, and ``HeatIslandError/cancelled(operation:)`` when
    ///   the task is cancelled before it starts or at its next block row.
    public static func load(
        path: String, options: LSTLoadOptions = LSTLoadOptions(), progress: ProgressHandler? = nil
    ) async throws(HeatIslandError) -> LSTScene {
        try await offPool(path) { (flag) throws(HeatIslandError) in
            try load(path: path, options: options, checkpoint: Checkpoint(path, progress: progress, cancellation: flag))
        }
    }
}

extension ZoneSet {
    /// Reads and reprojects zones without blocking the caller's task (the synchronous form's work).
    /// - Parameters:
    ///   - path: The vector file.
    ///   - options: Layer, id/name fields and repair policy.
    ///   - target: The raster's CRS, or `nil` to keep the layer's.
    public static func load(path: String, options: Options = Options(), reprojectTo target: SpatialReference? = nil) async throws(HeatIslandError) -> ZoneSet {
        try await offPool(path) { (_) throws(HeatIslandError) in try load(path: path, options: options, reprojectTo: target) }
    }
}

extension ZonalStatisticsRunner {
    /// Zonal statistics of a raster in memory without blocking the caller's task (the synchronous
    /// form's work).
    /// - Parameters:
    ///   - raster: The values, NaN where missing.
    ///   - zones: The zones, in the raster's CRS.
    ///   - options: Rule and quantiles.
    ///   - progress: Called with the fraction of zones done.
    /// - Throws: What the synchronous form throws, and ``HeatIslandError/cancelled(operation:)`` when
    ///   the task is cancelled before it starts or at its next zone.
    public static func compute(
        raster: GeoRaster, zones: [Zone], options: ZonalOptions = ZonalOptions(), progress: ProgressHandler? = nil
    ) async throws(HeatIslandError) -> [ZoneStatistics] {
        try await offPool("zonal statistics") { (flag) throws(HeatIslandError) in
            try compute(raster: raster, zones: zones, options: options,
                        checkpoint: Checkpoint("zonal statistics", progress: progress, cancellation: flag))
        }
    }

    /// Zonal statistics of a decoded scene and zones read from a file without blocking the
    /// caller's task; errors name both files.
    /// - Parameters:
    ///   - scene: The decoded scene.
    ///   - zones: The zones, in the scene's CRS.
    ///   - options: Rule and quantiles.
    ///   - progress: Called with the fraction of zones done.
    /// - Throws: What the synchronous form throws, and ``HeatIslandError/cancelled(operation:)`` when
    ///   the task is cancelled before it starts or at its next zone.
    public static func compute(
        scene: LSTScene, zones: ZoneSet, options: ZonalOptions = ZonalOptions(), progress: ProgressHandler? = nil
    ) async throws(HeatIslandError) -> [ZoneStatistics] {
        try await offPool("zonal statistics") { (flag) throws(HeatIslandError) in
            try compute(raster: scene.raster, zones: zones.zones, options: options,
                        checkpoint: Checkpoint("zonal statistics", progress: progress, cancellation: flag), names: (scene.path, zones.path))
        }
    }

    /// Streams a raster from disk block row by block row without blocking the caller's task (the
    /// synchronous form's work and memory bound).
    /// - Parameters:
    ///   - path: The LST raster.
    ///   - loadOptions: Product, quality band, plausible range.
    ///   - zonesPath: The zones file, reprojected to the raster's CRS on reading.
    ///   - zoneOptions: Layer, id and name fields, repair policy.
    ///   - options: Rule and quantiles.
    ///   - blockRows: Rows per block at least.
    ///   - windowBytes: Memory a block may take before it stops growing.
    ///   - progress: Called with the fraction of rows done.
    /// - Throws: What the synchronous form throws, and ``HeatIslandError/cancelled(operation:)`` when
    ///   the task is cancelled before it starts or at its next block row.
    public static func stream(
        path: String, loadOptions: LSTLoadOptions = LSTLoadOptions(), zonesPath: String,
        zoneOptions: ZoneSet.Options = ZoneSet.Options(), options: ZonalOptions = ZonalOptions(),
        blockRows: Int = 256, windowBytes: Int = 64 << 20, progress: ProgressHandler? = nil
    ) async throws(HeatIslandError) -> StreamedZonalStatistics {
        try await offPool(path) { (flag) throws(HeatIslandError) in
            try stream(path: path, loadOptions: loadOptions, zonesPath: zonesPath, zoneOptions: zoneOptions, options: options,
                       blockRows: blockRows, windowBytes: windowBytes, checkpoint: Checkpoint(path, progress: progress, cancellation: flag))
        }
    }
}

extension CellHotspots {
    /// Cell hot spots without blocking the caller's task (the synchronous form's work).
    /// - Parameters:
    ///   - raster: Values (°C), NaN where missing.
    ///   - radius: Neighbourhood radius in metres or cells.
    ///   - shape: Circle (default) or square.
    ///   - fdr: Control the false-discovery rate when classing.
    ///   - progress: Called with the fraction done.
    /// - Throws: What the synchronous form throws, and ``HeatIslandError/cancelled(operation:)`` when
    ///   the task is cancelled before it starts or at its next band of rows.
    public static func compute(
        raster: GeoRaster, radius: HotspotRadius, shape: FocalNeighbourhood.Shape = .circle, fdr: Bool = false, progress: ProgressHandler? = nil
    ) async throws(HeatIslandError) -> CellHotspots {
        try await offPool("cell hot spots") { (flag) throws(HeatIslandError) in
            try compute(raster: raster, radius: radius, shape: shape, fdr: fdr,
                        checkpoint: Checkpoint("cell hot spots", progress: progress, cancellation: flag))
        }
    }

    /// Streams cell hot spots from disk to a GeoTIFF without blocking the caller's task (the
    /// synchronous form's work and memory bound).
    /// - Parameters:
    ///   - path: The LST raster.
    ///   - loadOptions: Product, quality band, plausible range.
    ///   - radius: Neighbourhood radius in metres or cells.
    ///   - shape: Circle (default) or square.
    ///   - output: The GeoTIFF to write.
    ///   - includeP: Add the p-value band.
    ///   - fdr: Lower the critical p-values by Benjamini–Hochberg over all cells.
    ///   - blockRows: Output rows per step.
    ///   - progress: Called with the fraction of all passes done.
    /// - Throws: What the synchronous form throws, and ``HeatIslandError/cancelled(operation:)`` when
    ///   the task is cancelled before it starts or at its next block row.
    public static func stream(
        path: String, loadOptions: LSTLoadOptions = LSTLoadOptions(), radius: HotspotRadius,
        shape: FocalNeighbourhood.Shape = .circle, output: String, includeP: Bool = false, fdr: Bool = false,
        blockRows: Int = 256, progress: ProgressHandler? = nil
    ) async throws(HeatIslandError) -> CellHotspotSummary {
        try await offPool(path) { (flag) throws(HeatIslandError) in
            try stream(path: path, loadOptions: loadOptions, radius: radius, shape: shape, output: output,
                       includeP: includeP, fdr: fdr, blockRows: blockRows, checkpoint: Checkpoint(path, progress: progress, cancellation: flag))
        }
    }
}

extension DistrictHotspots {
    /// District Gi* (and Local Moran's I, permutations) without blocking the caller's task (the
    /// synchronous form's work; permutations take a while).
    /// - Parameters:
    ///   - zones: The districts, in a CRS in metres, in the order of `values`.
    ///   - values: One value per district (NaN leaves it out).
    ///   - weights: Contiguity, distance band or nearest neighbours.
    ///   - options: FDR, permutations, Local Moran's I.
    ///   - progress: Called with the fraction done as the permutations are drawn.
    /// - Throws: What the synchronous form throws, and ``HeatIslandError/cancelled(operation:)`` when
    ///   the task is cancelled before it starts or while the permutations are drawn (within 4096
    ///   draws).
    public static func compute(
        zones: [Zone], values: [Double], weights: DistrictWeights, options: DistrictHotspotOptions, progress: ProgressHandler? = nil
    ) async throws(HeatIslandError) -> [DistrictHotspot] {
        try await offPool("district hot spots") { (flag) throws(HeatIslandError) in
            try compute(zones: zones, values: values, weights: weights, options: options,
                        checkpoint: Checkpoint("district hot spots", progress: progress, cancellation: flag))
        }
    }

    /// District Gi* of one zonal statistic of districts read from a file without blocking the
    /// caller's task (the synchronous form's work).
    /// - Parameters:
    ///   - districts: The districts, in any CRS (taken to metres first).
    ///   - statistics: Their zonal statistics, in the same order.
    ///   - statistic: The statistic tested; the mean by default.
    ///   - weights: Contiguity, distance band or nearest neighbours.
    ///   - options: FDR, permutations, Local Moran's I.
    ///   - progress: Called with the fraction done as the permutations are drawn.
    /// - Throws: What the synchronous form throws, and ``HeatIslandError/cancelled(operation:)`` when
    ///   the task is cancelled before it starts or while the permutations are drawn (within 4096
    ///   draws).
    public static func compute(
        districts: ZoneSet, statistics: [ZoneStatistics], statistic: ZonalStatistic = .mean, weights: DistrictWeights,
        options: DistrictHotspotOptions = DistrictHotspotOptions(), progress: ProgressHandler? = nil
    ) async throws(HeatIslandError) -> [DistrictHotspot] {
        try await offPool("district hot spots") { (flag) throws(HeatIslandError) in
            try compute(districts: districts, statistics: statistics, statistic: statistic, weights: weights, options: options,
                        checkpoint: Checkpoint("district hot spots", progress: progress, cancellation: flag))
        }
    }

    /// District Gi* without blocking the caller's task (the synchronous form's work).
    /// - Parameters:
    ///   - zones: The districts, in a CRS in metres, in the order of `values`.
    ///   - values: One value per district (NaN leaves it out).
    ///   - weights: Contiguity, distance band or nearest neighbours.
    ///   - fdr: Control the false-discovery rate when classing.
    public static func compute(zones: [Zone], values: [Double], weights: DistrictWeights, fdr: Bool = false) async throws(HeatIslandError) -> [DistrictHotspot] {
        try await offPool("district hot spots") { (_) throws(HeatIslandError) in try compute(zones: zones, values: values, weights: weights, fdr: fdr) }
    }
}

extension UHIReport {
    /// UHI indicators without blocking the caller's task (the synchronous form's work).
    /// - Parameters:
    ///   - raster: LST in °C.
    ///   - zones: Districts in the raster's CRS.
    ///   - statistics: Their zonal statistics, in the same order.
    ///   - options: Reference and thresholds.
    public static func compute(raster: GeoRaster, zones: [Zone], statistics: [ZoneStatistics], options: UHIOptions = UHIOptions()) async throws(HeatIslandError) -> UHIReport {
        try await offPool("UHI indicators") { (_) throws(HeatIslandError) in try compute(raster: raster, zones: zones, statistics: statistics, options: options) }
    }

    /// UHI indicators of a decoded scene and districts read from a file without blocking the
    /// caller's task; errors name both files.
    /// - Parameters:
    ///   - scene: The decoded scene.
    ///   - zones: The districts, in the scene's CRS.
    ///   - statistics: Their zonal statistics, in the same order.
    ///   - options: Reference and thresholds.
    public static func compute(scene: LSTScene, zones: ZoneSet, statistics: [ZoneStatistics], options: UHIOptions = UHIOptions()) async throws(HeatIslandError) -> UHIReport {
        try await offPool("UHI indicators") { (_) throws(HeatIslandError) in try compute(scene: scene, zones: zones, statistics: statistics, options: options) }
    }
}

extension LSTScene {
    /// Warps the scene's grid without blocking the caller's task (the synchronous form's work).
    /// - Parameters:
    ///   - options: Target CRS, resolution, resampling.
    ///   - progress: Called with the fraction warped.
    /// - Throws: What the synchronous form throws, and ``HeatIslandError/cancelled(operation:)`` when
    ///   the task is cancelled before the warp starts or while it runs.
    public func reprojected(with options: WarpOptions, progress: ProgressHandler? = nil) async throws(HeatIslandError) -> GeoRaster {
        try await offPool(path) { (flag) throws(HeatIslandError) in
            try reprojected(with: options, checkpoint: Checkpoint(path, progress: progress, cancellation: flag))
        }
    }

    /// Warps the scene's grid into a GeoTIFF without blocking the caller's task (the synchronous
    /// form's work and file).
    /// - Parameters:
    ///   - options: Target CRS, resolution, resampling.
    ///   - path: The GeoTIFF to write.
    ///   - layout: Tiled GeoTIFF (default) or Cloud-Optimized GeoTIFF.
    ///   - progress: Called with the fraction warped and written.
    /// - Throws: What the synchronous form throws, and ``HeatIslandError/cancelled(operation:)`` when
    ///   the task is cancelled before the warp starts or while it runs (no file is left then).
    public func reproject(
        with options: WarpOptions, writingTo path: String, layout: GeoTIFFWriter.Layout = .tiled, progress: ProgressHandler? = nil
    ) async throws(HeatIslandError) {
        try await offPool(self.path) { (flag) throws(HeatIslandError) in
            try reproject(with: options, writingTo: path, layout: layout,
                          checkpoint: Checkpoint(self.path, progress: progress, cancellation: flag))
        }
    }
}
