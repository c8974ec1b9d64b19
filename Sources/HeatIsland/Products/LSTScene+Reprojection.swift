import Foundation
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
    /// engineering CRS, another planet's), or a grid whose coordinates lie where the target cannot
    /// take them (an origin at 1e300 m), is told as the scene's problem: the warper would report it
    /// under the output's name.
    private func warping<T>(
        to target: SpatialReference, _ checkpoint: Checkpoint, _ warp: (@escaping GDALProgressHandler) throws(GDALError) -> T
    ) throws(HeatIslandError) -> T {
        do throws(GDALError) {
            do throws(GDALError) { _ = try CoordinateTransform(from: raster.spatialReference, to: target) } catch {
                throw GDALError.warpFailed(path: path, message: "its CRS \(raster.spatialReference) cannot be transformed to \(target): \(error)")
            }
            try requireWithinAreaOfUse(of: target)
            do throws(GDALError) { return try warp { checkpoint.goOn(at: $0) } } catch .warpFailed(_, let message) where message.contains("failed to transform") {
                throw GDALError.warpFailed(path: path, message: "its coordinates cannot be transformed to \(target): \(message)")
            }
        } catch .stopped {
            throw .cancelled(operation: checkpoint.operation)
        } catch {
            throw .gdal(error)
        }
    }

    /// A target CRS made for another part of the world (the default EPSG:3794 for a scene of another
    /// country) gives a grid distorted beyond use, and can be huge: a Bolivian scene came out
    /// 36 200 × 35 935 cells in Slovenia's grid. Refused before anything is warped, naming the
    /// scene's UTM zone instead. A scene that meets the area anywhere passes (a Landsat scene over
    /// Slovenia reaches into its neighbours), and so does one whose edges PROJ cannot bring to
    /// longitudes and latitudes: there is then nothing to compare.
    package func requireWithinAreaOfUse(of target: SpatialReference) throws(GDALError) {
        guard let area = target.areaOfUse, let box = degreeBox() else { return }
        guard !area.meets(longitudes: box.longitudes, latitudes: box.latitudes) else { return }
        let utm = SpatialReference.utmZoneEPSG(longitude: (box.longitudes.lowerBound + box.longitudes.upperBound) / 2,
                                               latitude: (box.latitudes.lowerBound + box.latitudes.upperBound) / 2)
        let degrees = { (v: Double) in String(format: "%.2f", v) }
        throw .warpFailed(path: path, message: "the scene (longitude \(degrees(box.longitudes.lowerBound))…\(degrees(box.longitudes.upperBound))°, "
            + "latitude \(degrees(box.latitudes.lowerBound))…\(degrees(box.latitudes.upperBound))°) lies wholly outside the area \(target) is made for "
            + "(\(area.name): longitude \(degrees(area.west))…\(degrees(area.east))°, latitude \(degrees(area.south))…\(degrees(area.north))°) "
            + "and would come out distorted beyond use; reproject to a CRS of its region, such as its UTM zone EPSG:\(utm) "
            + "(--to on the command line, WarpOptions.target in Swift)")
    }

    /// The longitudes and latitudes the scene's edges reach, from points along them, running past
    /// 180 for a scene across the antimeridian (179.9…180.1); `nil` when PROJ cannot transform one
    /// of them or the scene holds a pole.
    private func degreeBox() -> (longitudes: ClosedRange<Double>, latitudes: ClosedRange<Double>)? {
        let points = raster.transform.edgePoints(width: raster.width, height: raster.height)
        guard let toDegrees = try? CoordinateTransform(from: raster.spatialReference, to: SpatialReference(epsg: 4326)),
              let degrees = try? toDegrees.transform(points),
              let south = degrees.map(\.y).min(), let north = degrees.map(\.y).max() else { return nil }
        var longitudes = degrees.map(\.x)
        // Across the antimeridian the longitudes jump from 180 to −180: on 0…360 they run on.
        if let w = longitudes.min(), let e = longitudes.max(), e - w >= 180 { longitudes = longitudes.map { $0 < 0 ? $0 + 360 : $0 } }
        guard let west = longitudes.min(), let east = longitudes.max(), east - west < 180 else { return nil }
        return (west...east, south...north)
    }
}
