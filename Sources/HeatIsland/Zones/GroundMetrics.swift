import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// The size of a raster's cells on the ground, in metres, whatever the CRS's unit.
///
/// A projected grid whose scale is true within 0.1 % at the raster's centre (UTM, national
/// transverse Mercator grids) has cells of one size: the geotransform's, times the CRS's unit, the
/// planar area GIS tools report. On a geographic grid a cell spans fixed angles, so its ground size
/// depends on its latitude: its height is the meridian's radius of curvature M(φ) times the angle,
/// its width the parallel's radius N(φ)·cos φ times the angle, on the CRS's ellipsoid. Taken at a
/// zone's centroid, that area is within 0.1 % of the ellipsoidal area of every cell of a zone less
/// than 5° tall (the linear change of cos φ across the zone cancels about the centroid). A projected
/// grid whose scale is further from true (Web Mercator, where a map metre at 46° N is 0.69 m on the
/// ground and a map square metre 0.48 m²) is measured the same way where each zone lies: a cell's
/// sides are carried to longitude and latitude on WGS 84 and measured there, so that its area is
/// the ground's, not the map's.
struct GroundMetrics: Sendable {
    private let transform: GeoTransform
    /// Whether cell sizes depend on the latitude.
    private let geographic: Bool
    /// Metres per CRS unit, or radians per unit for a geographic CRS.
    private let unit: Double
    private let semiMajor: Double
    private let eccentricitySquared: Double
    /// A projected grid whose scale at the raster's centre is more than 0.1 % from true: cells are
    /// measured on the ground where they lie, through this transformation to WGS 84.
    private let toLonLat: CoordinateTransform?
    /// The raster's centre, in the CRS.
    private let centre: SIMD2<Double>
    /// A cell's size in the CRS's unit, in metres: its size on the ground where the scale is true.
    private let planarCell: (width: Double, height: Double)

    /// - Throws: ``HeatIslandError/gdal(_:)`` when a projected CRS cannot be related to WGS 84.
    init(transform: GeoTransform, spatialReference crs: SpatialReference, width: Int, height: Int) throws(HeatIslandError) {
        self.transform = transform
        geographic = crs.isGeographic
        unit = crs.linearUnit.metres
        semiMajor = crs.semiMajorAxis
        let f = crs.inverseFlattening > 0 ? 1 / crs.inverseFlattening : 0
        eccentricitySquared = f * (2 - f)
        centre = SIMD2(transform.originX + transform.pixelWidth * Double(width) / 2,
                       transform.originY + transform.pixelHeight * Double(height) / 2)
        let planar = (width: abs(transform.pixelWidth) * unit, height: abs(transform.pixelHeight) * unit)
        planarCell = planar
        guard !geographic, crs.isProjected, !Self.nearlyTrue(crs, atEasting: centre.x) else {
            toLonLat = nil
            return
        }
        do throws(GDALError) {
            let candidate = try CoordinateTransform(from: crs, to: SpatialReference(epsg: 4326))
            let ground = try Self.groundCells(at: [centre], steps: (transform.pixelWidth, transform.pixelHeight), through: candidate)[0]
            toLonLat = max(abs(ground.width / planar.width - 1), abs(ground.height / planar.height - 1)) > 1e-3 ? candidate : nil
        } catch { throw .gdal(error) }
    }

    /// Whether a transverse Mercator grid's scale at this easting is within 0.1 % of true, from its
    /// parameters: k = k₀·(1 + x²/(2R²)) at x metres from the central meridian (to within a few
    /// parts per million up to 500 km away). Answers most rasters (UTM, national grids) without
    /// PROJ, whose transformation took about 2 ms, as long as the reduction of 26 districts.
    private static func nearlyTrue(_ crs: SpatialReference, atEasting easting: Double) -> Bool {
        guard let tm = crs.transverseMercator, crs.semiMajorAxis > 0, tm.scaleFactor > 0 else { return false }
        let x = (easting - tm.falseEasting) * crs.linearUnit.metres / tm.scaleFactor
        return abs(tm.scaleFactor * (1 + x * x / (2 * crs.semiMajorAxis * crs.semiMajorAxis)) - 1) <= 1e-3
    }

    /// A cell's width and height in metres at the raster's centre.
    func cellSizeAtCentre() throws(HeatIslandError) -> (width: Double, height: Double) {
        let cell = try cells(at: [centre])[0]
        return (cell.width, cell.height)
    }

    /// A cell's area in m² at each zone's centroid (the raster's centre for a zone without one).
    func cellAreas(atCentroidsOf zones: [Zone]) throws(HeatIslandError) -> [Double] {
        guard geographic || toLonLat != nil else {
            return Array(repeating: planarCell.width * planarCell.height, count: zones.count)
        }
        return try cells(at: zones.map { $0.geometry.centroid ?? centre }).map(\.area)
    }

    private func cells(at points: [SIMD2<Double>]) throws(HeatIslandError) -> [(width: Double, height: Double, area: Double)] {
        let (w, h) = planarCell
        if let toLonLat {
            do throws(GDALError) {
                return try Self.groundCells(at: points, steps: (transform.pixelWidth, transform.pixelHeight), through: toLonLat)
            } catch { throw .gdal(error) }
        }
        guard geographic else { return points.map { _ in (w, h, w * h) } }
        return points.map { point in
            let phi = min(max(point.y * unit, -.pi / 2), .pi / 2)
            let (n, m) = Self.radii(latitude: phi, semiMajor: semiMajor, eccentricitySquared: eccentricitySquared)
            let size = (width: w * n * cos(phi), height: h * m)
            return (size.width, size.height, size.width * size.height)
        }
    }

    /// The ground size of a cell of `steps` map units centred on each point: its two sides, taken
    /// half a step either side of the point (so that the change of scale across the cell cancels),
    /// carried to longitude and latitude and measured with WGS 84's radii of curvature there.
    static func groundCells(
        at points: [SIMD2<Double>], steps: (x: Double, y: Double), through toLonLat: CoordinateTransform
    ) throws(GDALError) -> [(width: Double, height: Double, area: Double)] {
        let (dx, dy) = (steps.x / 2, steps.y / 2)
        let ends = try toLonLat.transform(points.flatMap { p in
            [(p.x - dx, p.y), (p.x + dx, p.y), (p.x, p.y - dy), (p.x, p.y + dy)]
        })
        let (a, e2) = (6_378_137.0, 0.006_694_379_990_14)
        return points.indices.map { i in
            let (west, east, south, north) = (ends[4 * i], ends[4 * i + 1], ends[4 * i + 2], ends[4 * i + 3])
            let phi = (west.y + east.y + south.y + north.y) / 4 * .pi / 180
            let (n, m) = radii(latitude: phi, semiMajor: a, eccentricitySquared: e2)
            func metres(_ from: (x: Double, y: Double), _ to: (x: Double, y: Double)) -> SIMD2<Double> {
                SIMD2((to.x - from.x) * .pi / 180 * n * cos(phi), (to.y - from.y) * .pi / 180 * m)
            }
            let (u, v) = (metres(west, east), metres(south, north))
            return ((u * u).sum().squareRoot(), (v * v).sum().squareRoot(), abs(u.x * v.y - u.y * v.x))
        }
    }

    /// The radii of curvature of the parallel's normal section (N) and of the meridian (M) at latitude φ.
    private static func radii(latitude phi: Double, semiMajor a: Double, eccentricitySquared e2: Double) -> (n: Double, m: Double) {
        let s = 1 - e2 * sin(phi) * sin(phi)
        return (a / s.squareRoot(), a * (1 - e2) / (s * s.squareRoot()))
    }
}

extension GeoRaster {
    /// A cell's width and height in metres on the ground at the raster's centre: the geotransform's
    /// size for a projection true to within 0.1 % there, otherwise (geographic grids, Web Mercator)
    /// measured on the ellipsoid.
    /// - Throws: ``HeatIslandError/gdal(_:)`` when the CRS cannot be related to longitude and latitude.
    public func groundCellSize() throws(HeatIslandError) -> (width: Double, height: Double) {
        try GroundMetrics(transform: transform, spatialReference: spatialReference, width: width, height: height).cellSizeAtCentre()
    }
}
