import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// Decides the scale, offset and valid range of a raster, in the order the issue of real files
/// demands: the raster's own metadata, then the Landsat MTL beside it, then the product constants.
enum CalibrationResolution {
    struct Resolved {
        var calibration: Calibration
        var acquisitionDate: String?
        /// The Landsat MTL read, for the calibration or only for the date.
        var metadataPath: String?
    }

    static func resolve(
        product: LSTProduct, path: String, band: RasterBand, options: LSTLoadOptions
    ) throws(HeatIslandError) -> Resolved {
        let resolved = try unchecked(product: product, path: path, band: band, options: options)
        // A scale of 0 turns every pixel into the offset, a constant and confident field; a
        // non-finite one turns them all into NaN, reported as far-off values instead of its cause;
        // a negative one makes the warmest pixels the coldest (no LST product stores them so).
        let c = resolved.calibration
        guard c.scale.isFinite, c.scale > 0, c.offset.isFinite else {
            throw .implausibleValues(path: path, detail: "the scale \(c.scale) and offset \(c.offset) from \(c.source) cannot give temperatures (the scale must be a positive number); correct them or state the calibration")
        }
        return resolved
    }

    private static func unchecked(
        product: LSTProduct, path: String, band: RasterBand, options: LSTLoadOptions
    ) throws(HeatIslandError) -> Resolved {
        if var stated = options.calibration {
            stated.source = .caller
            return Resolved(calibration: stated)
        }
        switch product {
        case .landsatC2L2:
            return try landsat(path: path, band: band, metadataPath: options.metadataPath)
        case .modis:
            var c = Calibration.modisDefault
            if band.hasScaleOrOffset {
                (c.scale, c.offset, c.source) = (band.scale, band.offset, .rasterMetadata)
            }
            // HDF-EOS keeps valid_range on the grid field (dataset metadata), GeoTIFF clips on the band.
            if let range = validRange(band.metadata()["valid_range"] ?? band.dataset.metadata()["valid_range"]) { c.validRawRange = range }
            return Resolved(calibration: c)
        case .kelvin, .celsius:
            return Resolved(calibration: Calibration(
                scale: band.scale, offset: band.offset, isKelvin: product == .kelvin, source: .rasterMetadata))
        }
    }

    private static func landsat(path: String, band: RasterBand, metadataPath: String?) throws(HeatIslandError) -> Resolved {
        var c = Calibration.landsatC2L2Default
        let mtlURL = CompanionFiles.metadata(of: path, given: metadataPath).map(URL.init(fileURLWithPath:))
        var mtl: LandsatMTL?
        if let mtlURL {
            do { mtl = try LandsatMTL.read(contentsOf: mtlURL) } catch { throw .metadata(error) }
        }
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let bandName = ProductDetection.landsatThermalBand(inFileName: fileName) ?? "ST_B10"
        // An MTL of another scene would lend the raster its date (and, were they to differ, its
        // calibration) without a word; one without the band's calibration cannot be the band's.
        if let mtl, let mtlURL {
            if let rasterID = LandsatMTL.productID(ofFileName: fileName), let mtlID = mtl.productID, rasterID != mtlID {
                throw .metadata(.inconsistent(path: mtlURL.path, reason: "it describes \(mtlID), the raster is \(rasterID)"))
            }
            try requireWithin(mtl.footprint, band.dataset, mtlPath: mtlURL.path)
            if !band.hasScaleOrOffset, mtl.calibration(forBand: bandName) == nil {
                throw .metadata(.inconsistent(path: mtlURL.path, reason: "no TEMPERATURE_MULT_BAND_\(bandName) and TEMPERATURE_ADD_BAND_\(bandName) for \(fileName)"))
            }
        }
        if band.hasScaleOrOffset {
            (c.scale, c.offset, c.source) = (band.scale, band.offset, .rasterMetadata)
        } else if let mtlURL, let t = mtl?.calibration(forBand: bandName) {
            (c.scale, c.offset, c.source) = (t.scale, t.offset, .mtl(path: mtlURL.relativePath))
            if let lo = t.minimumKelvin, let hi = t.maximumKelvin, t.scale > 0, lo <= hi {
                // The MTL states the range in kelvin; the decoder tests raw values, so convert with a
                // small tolerance for the six-decimal rounding of the published limits.
                let rawLo = ((lo - t.offset) / t.scale - 1e-3).rounded(.up)
                let rawHi = ((hi - t.offset) / t.scale + 1e-3).rounded(.down)
                if rawLo <= rawHi { c.validRawRange = rawLo...rawHi }
            }
        }
        return Resolved(calibration: c, acquisitionDate: mtl?.acquisitionDate, metadataPath: mtlURL?.relativePath)
    }

    /// A raster whose name carries no product id (renamed, or cut out by a tool) is checked against
    /// the MTL by place: on the product's UTM grid it must lie within the product, or the MTL is
    /// another scene's. A raster warped to another CRS is taken to that grid along its edges, and
    /// must at least meet the product: its box there is wider than the scene it came from (the
    /// warped corners hold no data), and a neighbouring scene, which overlaps, passes too.
    private static func requireWithin(_ footprint: MTLFootprint?, _ raster: RasterDataset, mtlPath: String) throws(HeatIslandError) {
        guard let footprint, let crs = raster.spatialReferenceIfPresent, let t = raster.geoTransformIfPresent else { return }
        let sameGrid = crs.epsg == 32600 + footprint.zone
        let e: (minX: Double, minY: Double, maxX: Double, maxY: Double)
        if sameGrid {
            guard t.isNorthUp else { return }
            e = t.extent(width: raster.width, height: raster.height)
        } else {
            // A CRS that PROJ cannot relate to the zone's (a local engineering grid) cannot be checked.
            guard let toZone = try? CoordinateTransform(from: crs, to: SpatialReference(epsg: 32600 + footprint.zone)) else { return }
            guard let outline = outline(of: raster, transform: t, through: toZone) else {
                throw .metadata(.inconsistent(path: mtlPath, reason: "it describes a scene in UTM zone \(footprint.zone), and \(raster.path) lies where that zone's grid does not reach"))
            }
            e = outline
        }
        guard sameGrid ? footprint.contains(e) : footprint.meets(e) else {
            // Whole metres as text: an MTL's corner at 1e19 m must not trap as it is told.
            let f = { (v: Double) in String(format: "%.0f", v) }
            let placed = sameGrid ? "" : " (its outline taken to that zone)"
            throw .metadata(.inconsistent(path: mtlPath, reason: "it describes a scene from x \(f(footprint.west)) to \(f(footprint.east)), y \(f(footprint.south)) to \(f(footprint.north)) m in UTM zone \(footprint.zone), and \(raster.path) lies at x \(f(e.minX)) to \(f(e.maxX)), y \(f(e.minY)) to \(f(e.maxY))\(placed), outside it"))
        }
    }

    /// The box, on a UTM zone's grid, of a raster's edges (`GeoTransform.edgePoints(width:height:steps:)`,
    /// so that a curved edge is followed), or `nil` when a point cannot be taken there (the raster
    /// lies on the far side of the world from that zone).
    private static func outline(
        of raster: RasterDataset, transform t: GeoTransform, through toZone: CoordinateTransform
    ) -> (minX: Double, minY: Double, maxX: Double, maxY: Double)? {
        do throws(GDALError) {
            let points = try toZone.transform(t.edgePoints(width: raster.width, height: raster.height))
            let xs = points.map(\.x), ys = points.map(\.y)
            guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max(),
                  [minX, maxX, minY, maxY].allSatisfy(\.isFinite) else { return nil }
            return (minX, minY, maxX, maxY)
        } catch { return nil }
    }

    /// Parses HDF/netCDF `valid_range` text such as `"7500, 65535"`.
    static func validRange(_ text: String?) -> ClosedRange<Double>? {
        guard let text else { return nil }
        let numbers = text.split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Double($0) }
        guard numbers.count == 2, numbers[0] <= numbers[1] else { return nil }
        return numbers[0]...numbers[1]
    }
}
