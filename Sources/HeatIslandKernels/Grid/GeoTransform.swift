/// The affine transform from pixel space to map space, in GDAL's six-coefficient convention.
///
/// A pixel corner `(column, row)` maps to
/// `x = originX + column · pixelWidth + row · rowRotation` and
/// `y = originY + column · columnRotation + row · pixelHeight`.
/// For a north-up raster the rotations are zero and `pixelHeight` is negative.
///
/// ```swift
/// let t = GeoTransform(originX: 440_000, pixelWidth: 30, originY: 5_130_000, pixelHeight: -30)
/// let (x, y) = t.mapPoint(column: 0.5, row: 0.5)   // centre of the top-left pixel
/// ```
public struct GeoTransform: Sendable, Hashable, Codable {
    /// Map x of the top-left corner of the top-left pixel.
    public var originX: Double
    /// Pixel width in map units (x step per column).
    public var pixelWidth: Double
    /// x step per row; zero for a north-up raster.
    public var rowRotation: Double
    /// Map y of the top-left corner of the top-left pixel.
    public var originY: Double
    /// y step per column; zero for a north-up raster.
    public var columnRotation: Double
    /// Pixel height in map units (y step per row); negative for a north-up raster.
    public var pixelHeight: Double

    /// Creates a transform from its six coefficients.
    /// - Parameters:
    ///   - originX: Map x of the raster's top-left corner.
    ///   - pixelWidth: x step per column.
    ///   - rowRotation: x step per row (0 when north-up).
    ///   - originY: Map y of the raster's top-left corner.
    ///   - columnRotation: y step per column (0 when north-up).
    ///   - pixelHeight: y step per row (negative when north-up).
    public init(
        originX: Double, pixelWidth: Double, rowRotation: Double = 0,
        originY: Double, columnRotation: Double = 0, pixelHeight: Double
    ) {
        self.originX = originX
        self.pixelWidth = pixelWidth
        self.rowRotation = rowRotation
        self.originY = originY
        self.columnRotation = columnRotation
        self.pixelHeight = pixelHeight
    }

    /// Creates a transform from GDAL's coefficient order `[x0, dx, rx, y0, ry, dy]`.
    /// - Parameter coefficients: Exactly six numbers as returned by `GDALGetGeoTransform`;
    ///   returns `nil` for any other count.
    public init?(gdalCoefficients coefficients: [Double]) {
        guard coefficients.count == 6 else { return nil }
        self.init(
            originX: coefficients[0], pixelWidth: coefficients[1], rowRotation: coefficients[2],
            originY: coefficients[3], columnRotation: coefficients[4], pixelHeight: coefficients[5])
    }

    /// The coefficients in GDAL's order `[x0, dx, rx, y0, ry, dy]`.
    public var gdalCoefficients: [Double] {
        [originX, pixelWidth, rowRotation, originY, columnRotation, pixelHeight]
    }

    /// `true` when the transform has no rotation or shear terms.
    public var isNorthUp: Bool { rowRotation == 0 && columnRotation == 0 }

    /// `true` when every coefficient is finite and the pixel area is not zero.
    public var isInvertible: Bool {
        gdalCoefficients.allSatisfy(\.isFinite) && determinant != 0
    }

    /// The signed area of one pixel in squared map units.
    public var determinant: Double { pixelWidth * pixelHeight - rowRotation * columnRotation }

    /// The area of one pixel in squared map units (always positive).
    public var pixelArea: Double { abs(determinant) }

    /// Maps a position in pixel space (fractional columns and rows) to map coordinates.
    /// - Parameters:
    ///   - column: Column position; `0.5` is the centre of the first column.
    ///   - row: Row position; `0.5` is the centre of the first row.
    /// - Returns: The map coordinates `(x, y)`.
    public func mapPoint(column: Double, row: Double) -> (x: Double, y: Double) {
        (originX + column * pixelWidth + row * rowRotation,
         originY + column * columnRotation + row * pixelHeight)
    }

    /// The map extent `(minX, minY, maxX, maxY)` of a north-up grid of `width` × `height` cells.
    /// - Parameters:
    ///   - width: Columns.
    ///   - height: Rows.
    public func extent(width: Int, height: Int) -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        let a = mapPoint(column: 0, row: 0)
        let b = mapPoint(column: Double(width), row: Double(height))
        return (min(a.x, b.x), min(a.y, b.y), max(a.x, b.x), max(a.y, b.y))
    }

    /// The most intervals ``edgePoints(width:height:steps:)`` takes along an edge: finer than any
    /// curvature a reprojection gives a grid's edge, and a caller's `Int.max` does not ask for
    /// more points than memory holds.
    public static let maximumEdgeSteps = 4096

    /// Map points along the four edges of a grid of `width` × `height` cells, `steps` intervals
    /// along each: what is taken to another CRS to find where the grid lies there, since its
    /// edges may curve (and corners alone miss a bulge).
    /// - Parameters:
    ///   - width: Columns.
    ///   - height: Rows.
    ///   - steps: Intervals along each edge, from 1 to ``maximumEdgeSteps``.
    public func edgePoints(width: Int, height: Int, steps: Int = 16) -> [(x: Double, y: Double)] {
        let (w, h, n) = (Double(width), Double(height), Swift.min(Swift.max(steps, 1), Self.maximumEdgeSteps))
        return (0...n).flatMap { i -> [(x: Double, y: Double)] in
            let f = Double(i) / Double(n)
            return [mapPoint(column: f * w, row: 0), mapPoint(column: f * w, row: h), mapPoint(column: 0, row: f * h), mapPoint(column: w, row: f * h)]
        }
    }

    /// Maps a map coordinate to fractional pixel space.
    /// - Parameters:
    ///   - x: Map x.
    ///   - y: Map y.
    /// - Returns: `(column, row)` as fractions, or `nil` when the transform is not invertible.
    public func pixelPoint(x: Double, y: Double) -> (column: Double, row: Double)? {
        let det = determinant
        guard det != 0, det.isFinite else { return nil }
        let dx = x - originX, dy = y - originY
        return ((dx * pixelHeight - dy * rowRotation) / det,
                (dy * pixelWidth - dx * columnRotation) / det)
    }

    /// The transform of a window of this raster: same pixel size, origin moved to the window's corner.
    /// - Parameter window: A window in this raster's pixel space.
    /// - Returns: The transform whose pixel (0, 0) is the window's top-left pixel.
    public func shifted(to window: PixelWindow) -> GeoTransform {
        let (x, y) = mapPoint(column: Double(window.column), row: Double(window.row))
        var t = self
        t.originX = x
        t.originY = y
        return t
    }
}
