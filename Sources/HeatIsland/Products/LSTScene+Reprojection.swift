import HeatIslandGDAL

extension LSTScene {
    /// The °C grid reprojected through GDAL's warper; NaN stays missing (it is the warp's nodata).
    ///
    /// Reprojecting the decoded grid rather than the raw band keeps clouds and fill out of the
    /// interpolation: bilinear or average resampling never mixes a DN of 0 into a temperature.
    /// - Parameters:
    ///   - options: Target CRS (EPSG:3794 for Slovenia), resampling and resolution.
    ///   - progress: Called with the fraction warped.
    /// - Returns: The reprojected grid.
    /// - Throws: ``HeatIslandError/gdal(_:)`` when GDAL cannot warp.
    public func reprojected(with options: WarpOptions, progress: ProgressHandler? = nil) throws(HeatIslandError) -> GeoRaster {
        try reprojected(with: options, checkpoint: Checkpoint(path, progress: progress))
    }

    func reprojected(with options: WarpOptions, checkpoint: Checkpoint) throws(HeatIslandError) -> GeoRaster {
        try warping(to: options.target, checkpoint) { (progress) throws(GDALError) in try Warper.reproject(raster, options: options, progress: progress) }
    }

    /// Reprojects the °C grid straight into a Float32 GeoTIFF (NaN nodata, unit `Celsius`, band named
    /// "land surface temperature"), the way `gdalwarp` does, without holding the warped grid in memory;
    /// the file appears only once complete, and not at all when it could not fit on the disk.
    /// - Parameters:
    ///   - options: Target CRS, resampling and resolution.
    ///   - path: The GeoTIFF to write.
    ///   - layout: Tiled GeoTIFF (default) or Cloud-Optimized GeoTIFF.
    ///   - progress: Called with the fraction warped and written.
    /// - Throws: ``HeatIslandError/gdal(_:)`` when GDAL cannot warp or write, or the grid would not fit.
    public func reproject(
        with options: WarpOptions, writingTo path: String, layout: GeoTIFFWriter.Layout = .tiled, progress: ProgressHandler? = nil
    ) throws(HeatIslandError) {
        try reproject(with: options, writingTo: path, layout: layout, checkpoint: Checkpoint(self.path, progress: progress))
    }

    func reproject(with options: WarpOptions, writingTo path: String, layout: GeoTIFFWriter.Layout, checkpoint: Checkpoint) throws(HeatIslandError) {
        try warping(to: options.target, checkpoint) { (progress) throws(GDALError) in
            try Warper.reproject(raster, options: options, writingTo: path, layout: layout, unit: "Celsius",
                                 description: "land surface temperature", progress: progress)
        }
    }

    /// Runs a warp that reports to `checkpoint` and stops once its task is cancelled, which GDAL's
    /// warper can do between chunks of rows. A CRS that PROJ cannot relate to the target (a local
    /// engineering CRS, another planet's) is told as the scene's problem first: the warper would
    /// report it under the output's name.
    private func warping<T>(
        to target: SpatialReference, _ checkpoint: Checkpoint, _ warp: (@escaping GDALProgressHandler) throws(GDALError) -> T
    ) throws(HeatIslandError) -> T {
        do throws(GDALError) {
            do throws(GDALError) { _ = try CoordinateTransform(from: raster.spatialReference, to: target) } catch {
                throw GDALError.warpFailed(path: path, message: "its CRS \(raster.spatialReference) cannot be transformed to \(target): \(error)")
            }
            return try warp { checkpoint.goOn(at: $0) }
        } catch .stopped {
            throw .cancelled(operation: checkpoint.operation)
        } catch {
            throw .gdal(error)
        }
    }
}
