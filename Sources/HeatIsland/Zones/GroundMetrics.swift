import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// The size of a raster's cells on the ground, in metres, whatever the CRS's unit.
///
/// A projected grid's cells all have the same size: the geotransform's, times the CRS's unit. On a
/// geographic grid a cell spans fixed angles, so its ground size depends on its latitude: its height
/// is the meridian's radius of curvature M(φ) times the angle, its width the parallel's radius
/// N(φ)·cos φ times the angle, on the CRS's ellipsoid. Taken at a zone's centroid, that area is
/// within 0.1 % of the ellipsoidal area of every cell of a zone less than 5° tall (the linear
/// change of cos φ across the zone cancels about the centroid).
struct GroundMetrics: Sendable {
    private let transform: GeoTransform
    /// Whether cell sizes depend on the latitude.
    let geographic: Bool
    /// Metres per CRS unit, or radians per unit for a geographic CRS.
    private let unit: Double
    private let semiMajor: Double
    private let eccentricitySquared: Double

    init(transform: GeoTransform, spatialReference crs: SpatialReference) {
        self.transform = transform
        geographic = crs.isGeographic
        unit = crs.linearUnit.metres
        semiMajor = crs.semiMajorAxis
        let f = crs.inverseFlattening > 0 ? 1 / crs.inverseFlattening : 0
        eccentricitySquared = f * (2 - f)
    }

    /// A cell's width and height in metres, at latitude `y` (in the CRS's unit; ignored when projected).
    func cellSize(atY y: Double) -> (width: Double, height: Double) {
        let (w, h) = (abs(transform.pixelWidth) * unit, abs(transform.pixelHeight) * unit)
        guard geographic else { return (w, h) }
        let phi = min(max(y * unit, -.pi / 2), .pi / 2)
        let s = 1 - eccentricitySquared * sin(phi) * sin(phi)
        let n = semiMajor / s.squareRoot()
        let m = semiMajor * (1 - eccentricitySquared) / (s * s.squareRoot())
        return (w * n * cos(phi), h * m)
    }

    /// A cell's area in m² at latitude `y` (in the CRS's unit; ignored when projected).
    func cellArea(atY y: Double) -> Double {
        let size = cellSize(atY: y)
        return size.width * size.height
    }

    /// A cell's size in metres at the middle row of the raster.
    func cellSizeAtCentre(height: Int) -> (width: Double, height: Double) {
        cellSize(atY: transform.originY + transform.pixelHeight * Double(height) / 2)
    }
}
