import HeatIslandGDAL

extension LSTScene {
    /// The °C grid reprojected through GDAL's warper; NaN stays missing (it is the warp's nodata).
    ///
    /// Reprojecting the decoded grid rather than the raw band keeps clouds and fill out of the
    /// interpolation: bilinear or average resampling never mixes a DN of 0 into a temperature.
    /// - Parameter options: Target CRS (EPSG:3794 for Slovenia), resampling and resolution.
    /// - Returns: The reprojected grid.
    /// - Throws: ``HeatIslandError/gdal(_:)`` when GDAL cannot warp.
    public func reprojected(with options: WarpOptions) throws(HeatIslandError) -> GeoRaster {
        do { return try Warper.reproject(raster, options: options) } catch { throw .gdal(error) }
    }

    /// Reprojects the °C grid straight into a Float32 GeoTIFF (NaN nodata, unit `Celsius`, band named
    /// "land surface temperature"), the way `gdalwarp` does, without holding the warped grid in memory;
    /// the file appears only once complete, and not at all when it could not fit on the disk.
    /// - Parameters:
    ///   - options: Target CRS, resampling and resolution.
    ///   - path: The GeoTIFF to write.
    ///   - layout: Tiled GeoTIFF (default) or Cloud-Optimized GeoTIFF.
    /// - Throws: ``HeatIslandError/gdal(_:)`` when GDAL cannot warp or write, or the grid would not fit.
    public func reproject(with options: WarpOptions, writingTo path: String, layout: GeoTIFFWriter.Layout = .tiled) throws(HeatIslandError) {
        do {
            try Warper.reproject(raster, options: options, writingTo: path, layout: layout, unit: "Celsius", description: "land surface temperature")
        } catch { throw .gdal(error) }
    }
}
