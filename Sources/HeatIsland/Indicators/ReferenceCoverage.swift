/// How much of the rural reference a raster holds, so that a reference cut by the raster's edge or
/// hidden under clouds is told apart from a complete one: both still give a mean.
public struct ReferenceCoverage: Sendable, Hashable {
    /// Cells of the reference on the raster (ring or polygons, district cells excluded), with or
    /// without a value.
    public var cellsOnRaster: Int
    /// Of those, the cells without a valid temperature (clouds, fill, out of range).
    public var maskedCells: Int
    /// Of those with a value, the cells left out as colder than the temperature floor.
    public var belowFloorCells: Int
    /// The share of the whole reference that lies on the raster (1 when the raster holds all of
    /// it): for the ring around the whole districts, of its cells; for reference polygons, of the
    /// area of their union (overlaps once). `nil` for a ring so wide that a grid holding it would
    /// have more than four times the raster's cells.
    public var shareOnRaster: Double?

    /// The reference cells that count: on the raster, valid and at or above the floor.
    public var usedCells: Int { cellsOnRaster - maskedCells - belowFloorCells }

    /// Creates coverage figures from their parts.
    /// - Parameters:
    ///   - cellsOnRaster: Reference cells on the raster.
    ///   - maskedCells: Of those, cells without a value.
    ///   - belowFloorCells: Of those with a value, cells colder than the floor.
    ///   - shareOnRaster: The share of the whole ring on the raster, if known.
    public init(cellsOnRaster: Int, maskedCells: Int, belowFloorCells: Int, shareOnRaster: Double?) {
        (self.cellsOnRaster, self.maskedCells, self.belowFloorCells, self.shareOnRaster) = (cellsOnRaster, maskedCells, belowFloorCells, shareOnRaster)
    }
}
