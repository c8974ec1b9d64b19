import HeatIslandGDAL
import HeatIslandKernels

/// Zones in longitudes of −180…180° laid on a geographic raster whose longitudes run past ±180°
/// (a global grid of 0…360°, as many netCDF models are, or one centred on the antimeridian): each
/// part moves by a full turn where that puts it on the raster. Without it every district west of
/// Greenwich missed a 0…360° grid. Any other raster leaves the zones as they are.
struct LongitudeWrap {
    /// A full turn in the CRS's angular unit, and the raster's longitudes; `nil` when nothing moves.
    private let turn: (period: Double, range: ClosedRange<Double>)?

    init(grid: GeoTransform, width: Int, spatialReference crs: SpatialReference) {
        // For a geographic CRS `linearUnit` holds radians per unit (1 for radians, π/180 for degrees).
        let period = 2 * Double.pi / crs.linearUnit.metres
        let (a, b) = (grid.originX, grid.originX + Double(width) * grid.pixelWidth)
        let range = min(a, b)...max(a, b)
        guard crs.isGeographic, period.isFinite, period > 0, range.lowerBound < -period / 2 || range.upperBound > period / 2 else {
            turn = nil
            return
        }
        turn = (period, range)
    }

    func callAsFunction(_ polygon: MultiPolygon) -> MultiPolygon {
        guard let turn else { return polygon }
        return polygon.shiftingParts(by: turn.period, toMeet: turn.range)
    }

    func callAsFunction(_ zones: [Zone]) -> [Zone] {
        guard turn != nil else { return zones }
        return zones.map { zone in
            var moved = zone
            moved.geometry = self(zone.geometry)
            return moved
        }
    }
}
