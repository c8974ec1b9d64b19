/// Where a Landsat product lies on its UTM grid, from the MTL's `PROJECTION_ATTRIBUTES`: enough to
/// tell whether a raster can be (a clip of) that product.
public struct MTLFootprint: Sendable, Hashable {
    /// `UTM_ZONE`: the product's grid is WGS 84 / UTM zone `zone` N (EPSG 32600 + zone; USGS keeps
    /// southern scenes on the northern zone, with negative northings).
    public var zone: Int
    /// `CORNER_UL_PROJECTION_X_PRODUCT`: the easting of the west column's cell centres, metres.
    public var west: Double
    /// `CORNER_LR_PROJECTION_X_PRODUCT`: the easting of the east column's cell centres, metres.
    public var east: Double
    /// `CORNER_UL_PROJECTION_Y_PRODUCT`: the northing of the top row's cell centres, metres.
    public var north: Double
    /// `CORNER_LR_PROJECTION_Y_PRODUCT`: the northing of the bottom row's cell centres, metres.
    public var south: Double
    /// `GRID_CELL_SIZE_THERMAL`, metres (30 for Collection 2).
    public var cellSize: Double

    /// The footprint of a UTM product, `nil` for polar stereographic ones or a group without all
    /// the fields.
    init?(_ fields: [String: String]) {
        guard fields["MAP_PROJECTION"] == "UTM", let zone = fields["UTM_ZONE"].flatMap({ Int($0) }), (1...60).contains(zone) else { return nil }
        let number = { (key: String) in fields[key].flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil } }
        guard let west = number("CORNER_UL_PROJECTION_X_PRODUCT"), let north = number("CORNER_UL_PROJECTION_Y_PRODUCT"),
              let east = number("CORNER_LR_PROJECTION_X_PRODUCT"), let south = number("CORNER_LR_PROJECTION_Y_PRODUCT"),
              west < east, south < north else { return nil }
        (self.zone, self.west, self.east, self.north, self.south) = (zone, west, east, north, south)
        cellSize = number("GRID_CELL_SIZE_THERMAL").flatMap { $0 > 0 ? $0 : nil } ?? 30
    }

    /// Whether a raster with this extent, on the product's UTM grid, lies within the product: a
    /// clip does, another scene of the same zone (one path or row away) does not. The corners are
    /// cell centres, so the product's edge lies half a cell beyond them; two cells are allowed.
    /// - Parameter e: The raster's extent (as `GeoTransform.extent(width:height:)` gives it).
    public func contains(_ e: (minX: Double, minY: Double, maxX: Double, maxY: Double)) -> Bool {
        let slack = 2 * cellSize
        return e.minX >= west - slack && e.maxX <= east + slack && e.minY >= south - slack && e.maxY <= north + slack
    }

    /// Whether a box on the product's UTM grid meets the product: what can be asked of a raster
    /// warped from it to another CRS, whose box there spans more than the product.
    /// - Parameter e: The box, in metres on the product's UTM grid.
    public func meets(_ e: (minX: Double, minY: Double, maxX: Double, maxY: Double)) -> Bool {
        let slack = 2 * cellSize
        return e.minX <= east + slack && e.maxX >= west - slack && e.minY <= north + slack && e.maxY >= south - slack
    }
}
