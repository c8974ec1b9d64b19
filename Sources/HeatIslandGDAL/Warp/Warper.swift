import CGDAL
import HeatIslandKernels

/// Reprojection through GDAL's warper (the library form of `gdalwarp`), so results match the
/// command-line tool exactly for the same options.
public enum Warper {
    /// Reprojects an in-memory grid. NaN stays missing: it is the source and target nodata.
    /// - Parameters:
    ///   - raster: The grid to reproject.
    ///   - options: Target CRS, resampling, resolution.
    /// - Returns: The reprojected Float32 grid.
    /// - Throws: ``GDALError/warpFailed(path:message:)`` and errors from building the source.
    public static func reproject(_ raster: GeoRaster, options: WarpOptions) throws(GDALError) -> GeoRaster {
        let source = try makeMemoryDataset(
            width: raster.width, height: raster.height, transform: raster.transform,
            spatialReference: raster.spatialReference, bands: [.float32(raster.values)], name: "in-memory grid")
        return try reproject(source, band: 1, options: options)
    }

    /// Reprojects one band of an open dataset (for example a source file, before decoding).
    /// The band's nodata is honoured; scale and offset are applied by the caller, not here.
    /// - Parameters:
    ///   - dataset: The source dataset; it must have a CRS and a geotransform.
    ///   - band: The band to warp (1-based).
    ///   - options: Target CRS, resampling, resolution.
    /// - Returns: The reprojected band as a Float32 grid (NaN where no source pixel contributes).
    /// - Throws: ``GDALError`` when the source lacks georeferencing or GDAL fails.
    public static func reproject(_ dataset: RasterDataset, band: Int = 1, options: WarpOptions) throws(GDALError) -> GeoRaster {
        _ = try dataset.spatialReference()
        _ = try dataset.geoTransform()
        _ = try dataset.band(band)
        if options.targetAlignedPixels && options.resolution == nil {
            throw .invalidArgument("target-aligned pixels need a target resolution")
        }
        if let r = options.resolution, !(r.x > 0 && r.y > 0 && r.x.isFinite && r.y.isFinite) {
            throw .invalidArgument("target resolution must be positive, got \(r.x) × \(r.y)")
        }
        // gdalwarp learnt -b only in GDAL 3.7: on 3.6 a one-band virtual view selects the band.
        let source = dataset.bandCount == 1 ? dataset : try BandView.single(band: band, of: dataset)
        var args = options.gdalwarpArguments + ["-of", "MEM"]
        let outcome: Result<RasterDataset, GDALError> = ErrorCapture.run { capture in
            let appOptions = withCStringList(&args) { GDALWarpAppOptionsNew($0, nil) }
            guard let appOptions else {
                return .failure(.warpFailed(path: dataset.path, message: capture.message(or: "invalid warp options")))
            }
            defer { GDALWarpAppOptionsFree(appOptions) }
            var sources: [GDALDatasetH?] = [source.handle]
            var usageError: Int32 = 0
            guard let out = GDALWarp("", nil, 1, &sources, appOptions, &usageError) else {
                return .failure(.warpFailed(path: dataset.path, message: capture.message(or: "GDAL could not warp")))
            }
            return .success(RasterDataset(owning: out, path: dataset.path + " (warped)"))
        }
        let warped = try outcome.get()
        return try GeoRaster(
            width: warped.width, height: warped.height, transform: warped.geoTransform(),
            spatialReference: warped.spatialReference(), values: warped.band(1).read())
    }
}
