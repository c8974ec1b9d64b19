import CGDAL
import HeatIslandKernels

/// Reprojection through GDAL's warper (the library form of `gdalwarp`), so results match the
/// command-line tool exactly for the same options.
public enum Warper {
    /// Reprojects an in-memory grid. NaN stays missing: it is the source and target nodata.
    /// - Parameters:
    ///   - raster: The grid to reproject.
    ///   - options: Target CRS, resampling, resolution.
    ///   - progress: Called with the fraction warped; returning `false` stops the warp.
    /// - Returns: The reprojected Float32 grid.
    /// - Throws: ``GDALError/warpFailed(path:message:)``, also when the grid would exceed
    ///   ``WarpOptions/memoryLimitBytes``, ``GDALError/stopped(path:)`` when `progress` stopped it,
    ///   and errors from building the source.
    public static func reproject(_ raster: GeoRaster, options: WarpOptions, progress: GDALProgressHandler? = nil) throws(GDALError) -> GeoRaster {
        try withSource([raster]) { (source) throws(GDALError) in try reproject(source, band: 1, options: options, progress: progress) }
    }

    /// Reprojects an in-memory grid straight into a GeoTIFF, as `gdalwarp` does: the warped grid is
    /// never held in memory as a whole, and the file appears only once complete.
    /// - Parameters:
    ///   - raster: The grid to reproject.
    ///   - options: Target CRS, resampling, resolution.
    ///   - path: The GeoTIFF to write (Float32, NaN nodata, DEFLATE).
    ///   - layout: Tiled GeoTIFF or Cloud-Optimized GeoTIFF.
    ///   - unit: The band's unit in the file (`"Celsius"` for temperatures); none when `nil`.
    ///   - description: The band's name in the file; none when `nil`.
    ///   - progress: Called with the fraction warped and written; returning `false` stops the warp
    ///     and leaves no file.
    /// - Throws: ``GDALError/warpFailed(path:message:)``, ``GDALError/writeFailed(path:message:)``
    ///   also when the grid would not fit in the free space of the destination's file system, or
    ///   ``GDALError/stopped(path:)``.
    public static func reproject(
        _ raster: GeoRaster, options: WarpOptions, writingTo path: String, layout: GeoTIFFWriter.Layout = .tiled,
        unit: String? = nil, description: String? = nil, progress: GDALProgressHandler? = nil
    ) throws(GDALError) {
        try reproject(bands: [raster], options: options, writingTo: path, writer: GeoTIFFWriter(layout: layout),
                      units: unit.map { [$0] } ?? [], descriptions: description.map { [$0] } ?? [], progress: progress)
    }

    /// Reprojects grids that share one grid straight into the bands of one GeoTIFF, in a single
    /// pass of GDAL's warper: each target cell's source position is worked out once for all bands,
    /// and no warped band is held in memory as a whole.
    /// - Parameters:
    ///   - bands: The grids, in band order; all with the same size, geotransform and CRS.
    ///   - options: Target CRS, resampling, resolution (the same for every band).
    ///   - path: The GeoTIFF to write (Float32, NaN nodata, DEFLATE).
    ///   - writer: The layout, and for a COG how its overviews are resampled.
    ///   - units: The bands' units in the file, in band order; fewer than the bands is fine.
    ///   - descriptions: The bands' names in the file, in band order; fewer than the bands is fine.
    ///   - progress: Called with the fraction warped and written; returning `false` stops the warp
    ///     and leaves no file.
    /// - Throws: ``GDALError/invalidArgument(_:)`` when the grids differ or none is given, and the
    ///   errors of ``reproject(_:options:writingTo:layout:unit:description:progress:)``.
    public static func reproject(
        bands: [GeoRaster], options: WarpOptions, writingTo path: String, writer: GeoTIFFWriter = GeoTIFFWriter(),
        units: [String] = [], descriptions: [String] = [], progress: GDALProgressHandler? = nil
    ) throws(GDALError) {
        try validate(options)
        guard let first = bands.first else { throw .invalidArgument("\(path): no band to warp") }
        guard bands.allSatisfy({ $0.width == first.width && $0.height == first.height && $0.transform == first.transform
                                 && $0.spatialReference.isSame(as: first.spatialReference) }) else {
            throw .invalidArgument("\(path): the bands to warp into one file must share one grid (size, geotransform and CRS)")
        }
        var args = options.gdalwarpArguments + ["-of", writer.driverName]
        for option in writer.creationOptions(dataType: .float32) { args += ["-co", option] }
        try AtomicOutput.write(to: path) { (temporary) throws(GDALError) in
            do throws(GDALError) {
                try withSource(bands, units: units, descriptions: descriptions) { (source) throws(GDALError) in
                    try requireSpace(for: source, options: options, writingTo: path, temporary: temporary)
                    let out = try writer.withScratchSettings { () throws(GDALError) in
                        try warp(source, arguments: args, destination: temporary, progress: progress)
                    }
                    let closed: Bool = ErrorCapture.run { _ in GDALRuntime.close(out) }
                    if !closed { throw .writeFailed(path: path, message: "GDAL could not finish the file") }
                }
            } catch .warpFailed(_, let message) {
                // Name the file the caller asked for, not the in-memory source or the temporary name.
                throw .warpFailed(path: path, message: message.replacingOccurrences(of: temporary, with: path))
            } catch .stopped {
                throw .stopped(path: path)
            }
        }
    }

    /// Reprojects one band of an open dataset (for example a source file, before decoding).
    /// The band's nodata is honoured; scale and offset are applied by the caller, not here.
    /// - Parameters:
    ///   - dataset: The source dataset; it must have a CRS and a geotransform.
    ///   - band: The band to warp (1-based).
    ///   - options: Target CRS, resampling, resolution.
    ///   - progress: Called with the fraction warped; returning `false` stops the warp.
    /// - Returns: The reprojected band as a Float32 grid (NaN where no source pixel contributes).
    /// - Throws: ``GDALError`` when the source lacks georeferencing or GDAL fails,
    ///   ``GDALError/warpFailed(path:message:)`` when the grid would exceed ``WarpOptions/memoryLimitBytes``,
    ///   and ``GDALError/stopped(path:)`` when `progress` stopped it.
    public static func reproject(
        _ dataset: RasterDataset, band: Int = 1, options: WarpOptions, progress: GDALProgressHandler? = nil
    ) throws(GDALError) -> GeoRaster {
        try validate(options)
        _ = try dataset.band(band)
        // gdalwarp learnt -b only in GDAL 3.7: on 3.6 a one-band virtual view selects the band.
        let source = dataset.bandCount == 1 ? dataset : try BandView.single(band: band, of: dataset)
        try requireMemory(for: source, options: options, path: dataset.path)
        let warped = RasterDataset(
            owning: try warp(source, arguments: options.gdalwarpArguments + ["-of", "MEM"], destination: "", progress: progress),
            path: dataset.path + " (warped)")
        return try GeoRaster(
            width: warped.width, height: warped.height, transform: warped.geoTransform(),
            spatialReference: warped.spatialReference(), values: warped.band(1).read())
    }

    private static func validate(_ options: WarpOptions) throws(GDALError) {
        if options.targetAlignedPixels && options.resolution == nil {
            throw .invalidArgument("target-aligned pixels need a target resolution")
        }
        if let r = options.resolution, !(r.x > 0 && r.y > 0 && r.x.isFinite && r.y.isFinite) {
            throw .invalidArgument("target resolution must be positive, got \(r.x) × \(r.y)")
        }
    }

    /// Refuses a warp whose grid, uncompressed, would not fit on the destination's file system, before
    /// GDAL starts filling it: a mistyped resolution (centimetres instead of metres) otherwise writes
    /// until the disk is full. The size is GDAL's own choice for these options, from a virtual warp.
    private static func requireSpace(
        for source: RasterDataset, options: WarpOptions, writingTo path: String, temporary: String
    ) throws(GDALError) {
        let (cells, size) = try plannedGrid(for: source, options: options)
        let directory = String(temporary[..<(temporary.lastIndex(of: "/") ?? temporary.startIndex)])
        guard let free = FreeSpace.bytes(at: directory.isEmpty ? "/" : directory) else { return }
        let needed = cells * Double(source.bandCount * MemoryLayout<Float>.size)
        if needed > Double(free) {
            throw .writeFailed(path: path, message: "the reprojected grid is \(size) cells, \(FreeSpace.text(needed)) uncompressed, "
                               + "more than the \(FreeSpace.text(Double(free))) free in \(directory) (check the target resolution)")
        }
    }

    /// Refuses an in-memory warp whose grid would not fit in ``WarpOptions/memoryLimitBytes``: GDAL's
    /// memory driver refuses only sizes it cannot allocate at all, and a grid that fits in virtual
    /// memory but not in RAM would swap or be killed. The grid is held twice while it is read out
    /// of GDAL's memory dataset into the returned raster.
    private static func requireMemory(for source: RasterDataset, options: WarpOptions, path: String) throws(GDALError) {
        let (cells, size) = try plannedGrid(for: source, options: options)
        let needed = 2 * cells * Double(MemoryLayout<Float>.size)
        let limit = Double(options.memoryLimitBytes)
        if needed > limit {
            throw .warpFailed(path: path, message: "the reprojected grid is \(size) cells, \(FreeSpace.text(needed)) in memory while it is "
                              + "read, more than the \(FreeSpace.text(limit)) limit (check the target resolution, or write it to a file)")
        }
    }

    /// The number of cells GDAL would choose for the warp with these options, and the size in words,
    /// from a virtual (VRT) warp that computes nothing.
    private static func plannedGrid(for source: RasterDataset, options: WarpOptions) throws(GDALError) -> (cells: Double, text: String) {
        let planned = try warp(source, arguments: options.gdalwarpArguments + ["-of", "VRT"], destination: "")
        defer { _ = GDALRuntime.close(planned) }
        let (width, height) = (GDALGetRasterXSize(planned), GDALGetRasterYSize(planned))
        return (Double(width) * Double(height), "\(width) × \(height)")
    }

    /// The grids as the bands of a memory dataset, on the first one's grid (the callers check that they share it).
    private static func withSource<T>(
        _ rasters: [GeoRaster], units: [String] = [], descriptions: [String] = [], _ body: (RasterDataset) throws(GDALError) -> T
    ) throws(GDALError) -> T {
        try withMemoryDataset(
            width: rasters[0].width, height: rasters[0].height, transform: rasters[0].transform,
            spatialReference: rasters[0].spatialReference, bands: rasters.map { .float32($0.values) }, units: units,
            descriptions: descriptions, name: "in-memory grid", body)
    }

    /// Runs GDALWarp on one source; the caller owns (and must close) the returned dataset.
    private static func warp(
        _ source: RasterDataset, arguments: [String], destination: String, progress: GDALProgressHandler? = nil
    ) throws(GDALError) -> GDALDatasetH {
        _ = try source.spatialReference()
        _ = try source.geoTransform()
        var args = arguments
        let relay = progress.map(ProgressRelay.init)
        let outcome: Result<GDALDatasetH, GDALError> = ErrorCapture.run { capture in
            let appOptions = withCStringList(&args) { GDALWarpAppOptionsNew($0, nil) }
            guard let appOptions else {
                return .failure(.warpFailed(path: source.path, message: capture.message(or: "invalid warp options")))
            }
            defer { GDALWarpAppOptionsFree(appOptions) }
            var sources: [GDALDatasetH?] = [source.handle]
            var usageError: Int32 = 0
            let run = { GDALWarp(destination, nil, 1, &sources, appOptions, &usageError) }
            let out = relay?.withCallback { callback, argument in
                GDALWarpAppOptionsSetProgress(appOptions, callback, argument)
                return run()
            } ?? run()
            guard let out else {
                if relay?.stopped == true { return .failure(.stopped(path: source.path)) }
                let message = capture.message(or: "GDAL could not warp")
                // GDAL's words for a cell larger than the whole reprojected extent (0x0), and for
                // one so small that the grid's sides overflow its 32-bit sizes (negative).
                if message.contains("Attempt to create"), let tr = arguments.firstIndex(of: "-tr"), tr + 2 < arguments.count {
                    let cell = "a cell of \(arguments[tr + 1]) × \(arguments[tr + 2]) target units"
                    if message.contains("Attempt to create 0x0 dataset") {
                        return .failure(.warpFailed(path: source.path, message: cell + " is larger than the whole reprojected raster, so the grid would have no cell; give a finer resolution (in the target CRS's units)"))
                    }
                    if message.contains("Attempt to create -") {
                        return .failure(.warpFailed(path: source.path, message: cell + " makes a grid of more than 2³¹ − 1 cells a side, more than GDAL can create; give a coarser resolution (in the target CRS's units)"))
                    }
                }
                return .failure(.warpFailed(path: source.path, message: message))
            }
            return .success(out)
        }
        return try outcome.get()
    }
}
