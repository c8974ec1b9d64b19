import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// Per-zone statistics of a raster, in memory or streamed block row by block row, zones in parallel.
///
/// Zones must be in the raster's CRS (``ZoneSet``'s `load(path:options:reprojectTo:)` does that): the
/// raster is never resampled to compute statistics. Every zone's spans are computed per block from
/// its geometry and each block's cells are added to the zone's mergeable accumulators, so results do
/// not depend on the block size or the number of threads.
public enum ZonalStatisticsRunner {
    /// Computes the statistics of every zone over a raster held in memory, in zone order.
    /// - Parameters:
    ///   - raster: The values (°C for LST), NaN where missing.
    ///   - zones: The zones, in the raster's CRS.
    ///   - options: Rule and quantiles.
    ///   - progress: Called with the fraction of zones done.
    /// - Returns: One entry per zone; zones that miss the raster have `missesRaster == true`.
    /// - Throws: ``HeatIslandError/invalidZones(path:detail:)`` naming a zone whose geometry cannot be
    ///   used; ``HeatIslandError/noOverlap(zones:raster:)`` when no zone overlaps the raster;
    ///   ``HeatIslandError/noValidPixels(path:detail:)`` when no cell under any zone has a value;
    ///   ``HeatIslandError/invalidArgument(_:)`` for a percentile outside 0–100.
    public static func compute(
        raster: GeoRaster, zones: [Zone], options: ZonalOptions = ZonalOptions(), progress: ProgressHandler? = nil
    ) throws(HeatIslandError) -> [ZoneStatistics] {
        try compute(raster: raster, zones: zones, options: options, checkpoint: Checkpoint("zonal statistics", progress: progress))
    }

    /// The same for a decoded scene and zones read from a file, whose errors name both files.
    /// - Parameters:
    ///   - scene: The decoded scene.
    ///   - zones: The zones, in the scene's CRS.
    ///   - options: Rule and quantiles.
    ///   - progress: Called with the fraction of zones done.
    /// - Returns: One entry per zone, as ``compute(raster:zones:options:progress:)-2hkpe``.
    /// - Throws: As ``compute(raster:zones:options:progress:)-2hkpe``, naming `scene.path` and `zones.path`.
    public static func compute(
        scene: LSTScene, zones: ZoneSet, options: ZonalOptions = ZonalOptions(), progress: ProgressHandler? = nil
    ) throws(HeatIslandError) -> [ZoneStatistics] {
        try compute(raster: scene.raster, zones: zones.zones, options: options, checkpoint: Checkpoint("zonal statistics", progress: progress),
                    names: (scene.path, zones.path))
    }

    /// The work of the in-memory forms, reporting (and, from a task, stopping) zone by zone; errors
    /// name the raster and the zones' file as `names` says (zones made in code have none).
    static func compute(
        raster: GeoRaster, zones: [Zone], options: ZonalOptions, checkpoint: Checkpoint,
        names: (raster: String, zones: String?) = ("the raster", nil)
    ) throws(HeatIslandError) -> [ZoneStatistics] {
        try options.check()
        try requireNorthUp(raster.transform, path: names.raster)
        let ground = try GroundMetrics(transform: raster.transform, spatialReference: raster.spatialReference, width: raster.width, height: raster.height)
        let laid = LongitudeWrap(grid: raster.transform, width: raster.width, spatialReference: raster.spatialReference)(zones)
        var state = ZonalState(zones: laid, grid: raster.transform, ground: ground, width: raster.width, height: raster.height, options: options)
        try state.requireUsableGeometryOffTheGrid()
        try raster.values.withUnsafeBufferPointer { (values) throws(HeatIslandError) in
            try state.add(values, window: .full(width: raster.width, height: raster.height), checkpoint: checkpoint)
        }
        return try requireCoverage(state.results(), zones: names.zones, raster: names.raster, rule: options.rule)
    }

    /// Streams an LST raster from disk block row by block row: memory stays at a few block rows
    /// (plus, when quantiles are wanted, 8 bytes per covered cell of zones that span several block
    /// rows), whatever the raster's size, and only
    /// the blocks and columns the zones reach are read. Mask counts cover the pixels read.
    /// - Parameters:
    ///   - path: The LST raster (decoded exactly as ``LSTLoader``'s synchronous `load(path:options:progress:)` would).
    ///   - loadOptions: Product, quality band, plausible range.
    ///   - zonesPath: The zones file, reprojected to the raster's CRS on reading.
    ///   - zoneOptions: Layer, id and name fields, repair policy.
    ///   - options: Rule and quantiles.
    ///   - blockRows: Rows per block at least (rounded to whole storage blocks).
    ///   - windowBytes: Blocks grow beyond `blockRows` until their buffers would take about this
    ///     much memory (16 bytes per pixel read): zones that span few columns are then read in few,
    ///     tall blocks, and more of them lie wholly in one block, where their quantiles need no copy
    ///     of their values. 0 keeps blocks at `blockRows`.
    ///   - progress: Called with the fraction of rows done.
    /// - Returns: The zones, their statistics in zone order, the raster's mask counts, and the files
    ///   the decoding read besides the raster (as ``LSTScene`` names them): the quality band and the
    ///   Landsat MTL.
    /// - Throws: ``HeatIslandError`` for unreadable inputs, unusable zones or implausible values.
    public static func stream(
        path: String, loadOptions: LSTLoadOptions = LSTLoadOptions(), zonesPath: String,
        zoneOptions: ZoneSet.Options = ZoneSet.Options(), options: ZonalOptions = ZonalOptions(),
        blockRows: Int = 256, windowBytes: Int = 64 << 20, progress: ProgressHandler? = nil
    ) throws(HeatIslandError) -> StreamedZonalStatistics {
        try stream(path: path, loadOptions: loadOptions, zonesPath: zonesPath, zoneOptions: zoneOptions, options: options,
                   blockRows: blockRows, windowBytes: windowBytes, checkpoint: Checkpoint(path, progress: progress))
    }

    /// The work of both streaming forms, reporting (and, from a task, stopping) after each block row.
    static func stream(
        path: String, loadOptions: LSTLoadOptions, zonesPath: String, zoneOptions: ZoneSet.Options, options: ZonalOptions,
        blockRows: Int, windowBytes: Int, checkpoint: Checkpoint
    ) throws(HeatIslandError) -> StreamedZonalStatistics {
        try options.check()
        var reader = try LSTBlockReader(path: path, options: loadOptions)
        try requireNorthUp(reader.transform, path: reader.dataset.path)
        let zones = try ZoneSet.load(path: zonesPath, options: zoneOptions, reprojectTo: reader.spatialReference)
        let (width, height) = (reader.dataset.width, reader.dataset.height)
        let ground = try GroundMetrics(transform: reader.transform, spatialReference: reader.spatialReference, width: width, height: height)
        let laid = LongitudeWrap(grid: reader.transform, width: width, spatialReference: reader.spatialReference)(zones.zones)
        var state = ZonalState(zones: laid, grid: reader.transform, ground: ground, width: width, height: height, options: options)
        try state.requireUsableGeometryOffTheGrid()
        let columns = state.footprint(of: PixelWindow(column: 0, row: 0, width: width, height: height))?.width ?? width
        let windows = reader.windows(minimumRows: max(blockRows, windowBytes / 16 / max(columns, 1)))
        // Only the rows and columns the zones of each block row reach are read and decoded.
        let footprints = windows.map { state.footprint(of: $0) }
        if let widest = footprints.compactMap({ $0 }).max(by: { ($0.pixelCount ?? .max) < ($1.pixelCount ?? .max) }) {
            // The decoded block and the reader's scratch (a Float64 band is read as Doubles) and QA
            // buffers.
            try reader.requireBlocks(width: widest.width, height: widest.height, bytesPerCell: 14)
        }
        var block = [Float](repeating: .nan, count: footprints.map { $0?.pixelCount ?? 0 }.max() ?? 0)
        for (i, footprint) in footprints.enumerated() {
            if let window = footprint {
                let n = window.pixelCount ?? 0
                try block.withUnsafeMutableBufferPointer { (buffer) throws(HeatIslandError) in
                    let slice = UnsafeMutableBufferPointer(rebasing: buffer[0..<n])
                    try reader.decode(window, into: slice)
                    try state.add(UnsafeBufferPointer(slice), window: window, checkpoint: nil)
                }
            }
            try checkpoint.reached(Double(i + 1) / Double(windows.count))
        }
        // The plausibility check first: values in a wrong unit are masked, and would otherwise be
        // reported as zones without a valid cell.
        let counts = try reader.finish(requiringValidPixels: false)
        let results = try requireCoverage(state.results(), zones: zonesPath, raster: reader.dataset.path, rule: options.rule)
        return (zones, results, counts, reader.quality?.path, reader.metadataPath)
    }
}

/// What ``ZonalStatisticsRunner``'s `stream(path:loadOptions:zonesPath:…)` (and its `async` form)
/// hands back: the zones, their statistics in zone order, the raster's mask counts, and the quality
/// band and Landsat MTL read with the raster (if any).
public typealias StreamedZonalStatistics = (
    zones: ZoneSet, statistics: [ZoneStatistics], maskCounts: MaskCounts, qualityPath: String?, metadataPath: String?
)

extension ZonalStatisticsRunner {
    /// Some zones missing the raster are reported per zone; all of them missing is an error.
    /// Some zones without a valid cell are reported per zone too; all of them without one is an
    /// error, the same whether the raster was read whole or only where the zones lie.
    static func requireCoverage(_ results: [ZoneStatistics], zones: String?, raster: String, rule: CoverageRule) throws(HeatIslandError) -> [ZoneStatistics] {
        guard results.isEmpty || results.contains(where: { !$0.missesRaster }) else {
            // Under the centre rule zones inside the raster but smaller than a cell hold no centre.
            guard rule != .center else {
                throw .invalidZones(path: zones ?? "the zones", detail: "no zone holds a cell centre of \(raster): check the CRS of both and that they cover the same area; zones smaller than a cell need the exact or all-touched rule")
            }
            throw .noOverlap(zones: zones ?? "the zones", raster: raster)
        }
        guard results.isEmpty || results.contains(where: { $0.validCells > 0 }) else {
            let cells = results.reduce(0) { $0 + $1.missingCells }
            throw .noValidPixels(path: raster, detail: "none of the \(cells) cells under the zones\(zones.map { " of \($0)" } ?? "") has a value (all masked or nodata)")
        }
        return results
    }

    /// Coverage is computed on north-up grids; a rotated one is refused before any zone is read,
    /// rather than reported zone by zone (or, for zones that miss it, not at all).
    static func requireNorthUp(_ transform: GeoTransform, path: String) throws(HeatIslandError) {
        guard transform.isNorthUp else {
            throw .gdal(.invalidGeoTransform(path: path, message: "the grid is rotated; warp it to a north-up grid (kranj-heat reproject) before zonal statistics"))
        }
    }
}

/// The accumulators of every zone while blocks go by.
struct ZonalState {
    let zones: [Zone]
    let grid: GeoTransform
    let ground: GroundMetrics
    let width: Int
    let height: Int
    let options: ZonalOptions
    /// Rows and columns each zone can touch, so that blocks skip zones far away.
    private let rowRanges: [Range<Int>]
    private let columnRanges: [Range<Int>]
    private var statistics: [ZonalAccumulator]
    /// Values kept for the quantiles of zones that span several blocks.
    private var quantiles: [WeightedQuantiles?]
    /// Quantiles of zones that lay wholly in one block, selected while the block was at hand from a
    /// temporary copy of their cells (`ZonalReducer.add(_:block:spans:into:quantilesAt:)`).
    private var finished: [[Double?]?]
    /// The median's probability, then the percentiles'.
    private let probabilities: [Double]

    init(zones: [Zone], grid: GeoTransform, ground: GroundMetrics, width: Int, height: Int, options: ZonalOptions) {
        self.zones = zones
        self.grid = grid
        self.ground = ground
        self.width = width
        self.height = height
        self.options = options
        let extents = zones.map { zone -> (rows: Range<Int>, columns: Range<Int>) in
            guard let b = zone.geometry.bounds,
                  let p = grid.pixelPoint(x: b.min.x, y: b.max.y), let q = grid.pixelPoint(x: b.max.x, y: b.min.y) else {
                return (0..<0, 0..<0)
            }
            // Clamped before conversion: a vertex far off the grid (1e21 m) is beyond `Int`'s range.
            func clamp(_ a: Double, _ b: Double, _ limit: Int) -> Range<Int> {
                func index(_ v: Double) -> Int { v > 0 ? (v < Double(limit) ? Int(v) : limit) : 0 }
                // One cell more each way: the geotransform's inverse and the coverage kernel's grid
                // units can round an edge lying on a cell line to opposite sides of it, and a row
                // the kernel covers must be in the block read for it.
                let lo = index(min(a, b).rounded(.down) - 1), hi = index(max(a, b).rounded(.up) + 1)
                return lo..<max(lo, hi)
            }
            return (clamp(p.row, q.row, height), clamp(p.column, q.column, width))
        }
        rowRanges = extents.map(\.rows)
        columnRanges = extents.map(\.columns)
        statistics = Array(repeating: ZonalAccumulator(), count: zones.count)
        quantiles = Array(repeating: options.quantiles ? WeightedQuantiles() : nil, count: zones.count)
        finished = Array(repeating: nil, count: zones.count)
        probabilities = [0.5] + options.percentiles.map { $0 / 100 }
    }

    /// The rows and columns of a block row that some zone reaches, or `nil` when no zone does.
    func footprint(of rows: PixelWindow) -> PixelWindow? {
        let range = rows.row..<(rows.row + rows.height)
        var lo = Int.max, hi = Int.min, top = Int.max, bottom = Int.min
        for i in zones.indices where rowRanges[i].overlaps(range) && !columnRanges[i].isEmpty {
            lo = min(lo, columnRanges[i].lowerBound)
            hi = max(hi, columnRanges[i].upperBound)
            top = min(top, rowRanges[i].lowerBound)
            bottom = max(bottom, rowRanges[i].upperBound)
        }
        guard lo < hi else { return nil }
        top = max(top, range.lowerBound)
        bottom = min(bottom, range.upperBound)
        return PixelWindow(column: lo, row: top, width: hi - lo, height: bottom - top)
    }

    /// A zone whose bounds lie off the grid is never rasterised, so one whose geometry cannot be
    /// used (no parts, a NaN vertex, a ring of two points: a zone made in code, which no file
    /// reader checked) would pass for a zone that misses the raster. It is refused as it would be
    /// on the grid; the kernel's check costs nothing for a zone off the grid.
    func requireUsableGeometryOffTheGrid() throws(HeatIslandError) {
        for i in zones.indices where rowRanges[i].isEmpty || columnRanges[i].isEmpty {
            do throws(CoverageError) {
                _ = try CoverageRasterizer.spans(for: zones[i].geometry, grid: grid, width: width, height: height, rule: options.rule)
            } catch {
                throw .invalidZones(path: "zone \(zones[i].id) (\(zones[i].name))", detail: error.description)
            }
        }
    }

    /// Adds one block to every zone it touches, zones in parallel. A zone that lies wholly in the
    /// block gets its quantiles there and then, without keeping its values. With a checkpoint, the
    /// fraction of zones done is reported and, once its task is cancelled, the zones not yet started
    /// are skipped and the call throws.
    mutating func add(_ values: UnsafeBufferPointer<Float>, window: PixelWindow, checkpoint: Checkpoint?) throws(HeatIslandError) {
        let rows = window.row..<(window.row + window.height)
        let (rowRanges, probabilities) = (self.rowRanges, self.probabilities)
        // Largest first (by bounding box), so that a big zone is not the last one a thread picks up;
        // zones of about the same size (within a factor of two) top to bottom, so that neighbours
        // follow each other and find their rows still in the cache.
        let columnRanges = self.columnRanges
        func order(_ i: Int) -> (Int, Int, Int) {
            let area = rowRanges[i].count * columnRanges[i].count
            return (area.leadingZeroBitCount, rowRanges[i].lowerBound, columnRanges[i].lowerBound)
        }
        let active = zones.indices.filter { rowRanges[$0].overlaps(rows) }.sorted { order($0) < order($1) }
        var failures = [HeatIslandError?](repeating: nil, count: active.count)
        let done = Counter()
        let (zones, grid, width, height, rule) = (self.zones, self.grid, self.width, self.height, options.rule)
        statistics.withUnsafeMutableBufferPointer { stats in
            quantiles.withUnsafeMutableBufferPointer { quants in
                finished.withUnsafeMutableBufferPointer { finished in
                    failures.withUnsafeMutableBufferPointer { errors in
                        let shared = UnsafeSendable((stats, quants, finished, errors, values))
                        DispatchQueue.concurrentPerform(iterations: active.count) { k in
                            let (stats, quants, finished, errors, values) = shared.value
                            let i = active[k]
                            if let checkpoint, checkpoint.isCancelled {
                                errors[k] = .cancelled(operation: checkpoint.operation)
                                return
                            }
                            do throws(CoverageError) {
                                let spans = try CoverageRasterizer.spans(
                                    for: zones[i].geometry, grid: grid, width: width, height: height, rule: rule, window: window)
                                let whole = rows.lowerBound <= rowRanges[i].lowerBound && rowRanges[i].upperBound <= rows.upperBound
                                if whole, quants[i]?.count == 0 {
                                    finished[i] = ZonalReducer.add(values, block: window, spans: spans, into: &stats[i], quantilesAt: probabilities)
                                } else {
                                    ZonalReducer.add(values, block: window, spans: spans, into: &stats[i], quantiles: &quants[i])
                                }
                            } catch {
                                errors[k] = .invalidZones(path: "zone \(zones[i].id) (\(zones[i].name))", detail: error.description)
                            }
                            if let progress = checkpoint?.progress { progress(done.increment(of: active.count)) }
                        }
                    }
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// Every zone's statistics. Zones that kept their values take a selection over them, so they
    /// are finished in parallel; when none did, there is nothing worth a thread.
    func results() throws(HeatIslandError) -> [ZoneStatistics] {
        let (zones, statistics, quantiles, finished) = (self.zones, self.statistics, self.quantiles, self.finished)
        let (probabilities, percentiles) = (self.probabilities, options.percentiles)
        // Before the zones go to threads: measuring a distorting projection's cells calls PROJ.
        let cellAreas = try ground.cellAreas(atCentroidsOf: zones)
        let e = grid.extent(width: width, height: height)
        let extent = (lower: SIMD2(e.minX, e.minY), upper: SIMD2(e.maxX, e.maxY))
        @Sendable func result(_ i: Int) -> ZoneStatistics {
            let q = finished[i] ?? quantiles[i]?.quantiles(probabilities) ?? []
            return ZoneStatistics(zone: zones[i], statistics: statistics[i], quantiles: q, percentiles: percentiles,
                                  groundCellArea: cellAreas[i], extent: extent)
        }
        guard quantiles.contains(where: { ($0?.count ?? 0) > 0 }) else { return zones.indices.map(result) }
        var results = [ZoneStatistics?](repeating: nil, count: zones.count)
        results.withUnsafeMutableBufferPointer { out in
            let shared = UnsafeSendable(out)
            DispatchQueue.concurrentPerform(iterations: zones.count) { shared.value[$0] = result($0) }
        }
        return results.map { $0! }
    }
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
