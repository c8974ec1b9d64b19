import HeatIslandKernels

/// A georeferenced single-band Float32 grid held in memory, with NaN for missing values.
///
/// A plain `Sendable` value: it can be handed between tasks, unlike the GDAL handles it is read
/// from or written through.
public struct GeoRaster: Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Pixel-to-map transform (settable within the package only, as `values`).
    public package(set) var transform: GeoTransform
    /// The coordinate reference system of `transform`.
    public var spatialReference: SpatialReference
    /// Row-major values, `width × height`; NaN marks missing.
    ///
    /// Read-only outside the package: every kernel reads `width × height` values through it, so an
    /// array of another length would be read past its end. Change values in place with the
    /// subscript or ``withMutableValues(_:)``, or make a new grid with ``replacingValues(_:)``.
    public package(set) var values: [Float]

    /// Creates a grid, checking that the value count matches the size.
    /// - Parameters:
    ///   - width: Width in pixels (> 0).
    ///   - height: Height in pixels (> 0).
    ///   - transform: Pixel-to-map transform.
    ///   - spatialReference: CRS of the map coordinates.
    ///   - values: Row-major values.
    /// - Throws: ``GDALError/invalidArgument(_:)`` when sizes do not agree, or the transform has a
    ///   coefficient that is not finite or cells of no area.
    public init(
        width: Int, height: Int, transform: GeoTransform, spatialReference: SpatialReference, values: [Float]
    ) throws(GDALError) {
        guard width > 0, height > 0 else {
            throw .invalidArgument("a grid needs a positive width and height, got \(width) × \(height)")
        }
        // The count is taken without overflow: a size near Int.max must throw, not trap.
        let n = PixelWindow.full(width: width, height: height).pixelCount
        guard n == values.count else {
            throw .invalidArgument("a \(width) × \(height) grid needs \(n.map(String.init) ?? "more than \(Int.max)") values, got \(values.count)")
        }
        // Checked here, once: later a NaN origin read as a NaN polygon vertex, a zero cell width
        // as a rotated grid.
        guard transform.isInvertible else {
            throw .invalidArgument("the grid's transform \(transform.gdalCoefficients) has a coefficient that is not finite or cells of no area")
        }
        self.width = width
        self.height = height
        self.transform = transform
        self.spatialReference = spatialReference
        self.values = values
    }

    /// The value at a column and row (0-based): NaN, missing, outside the grid, where there is no
    /// data either (as a boundless read gives); a value set there is dropped.
    /// - Parameters:
    ///   - column: Column, `0..<width`.
    ///   - row: Row, `0..<height`.
    public subscript(column: Int, row: Int) -> Float {
        get { (0..<width).contains(column) && (0..<height).contains(row) ? values[row * width + column] : .nan }
        set {
            guard (0..<width).contains(column), (0..<height).contains(row) else { return }
            values[row * width + column] = newValue
        }
    }

    /// Changes the values in place, all at once (masking water, say): the buffer has the grid's
    /// size, which cannot change.
    /// - Parameter body: Works on the row-major values.
    /// - Returns: What `body` returns.
    public mutating func withMutableValues<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try values.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// The same grid with other values.
    /// - Parameter newValues: Row-major values, `width × height` of them.
    /// - Returns: A grid with this one's size, transform and CRS.
    /// - Throws: ``GDALError/invalidArgument(_:)`` when the count does not match.
    public func replacingValues(_ newValues: [Float]) throws(GDALError) -> GeoRaster {
        try GeoRaster(width: width, height: height, transform: transform, spatialReference: spatialReference, values: newValues)
    }

    /// The map extent `(minX, minY, maxX, maxY)` of a north-up grid.
    public var extent: (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        transform.extent(width: width, height: height)
    }

    /// The whole cells covering a map rectangle of a north-up grid, clipped to the grid; `nil` when
    /// the rectangle misses it.
    /// - Parameters:
    ///   - minX: West edge.
    ///   - minY: South edge.
    ///   - maxX: East edge.
    ///   - maxY: North edge.
    public func window(coveringMinX minX: Double, minY: Double, maxX: Double, maxY: Double) -> PixelWindow? {
        guard let a = transform.pixelPoint(x: minX, y: maxY), let b = transform.pixelPoint(x: maxX, y: minY),
              a.column.isFinite, a.row.isFinite, b.column.isFinite, b.row.isFinite else { return nil }
        let limit = Double(Int32.max)
        // Clamped on both sides before conversion: either corner may lie beyond `Int`'s range.
        func index(_ v: Double) -> Int { Int(min(limit, max(-1, v))) }
        let c0 = index(min(a.column, b.column).rounded(.down)), c1 = index(max(a.column, b.column).rounded(.up))
        let r0 = index(min(a.row, b.row).rounded(.down)), r1 = index(max(a.row, b.row).rounded(.up))
        return PixelWindow(column: c0, row: r0, width: c1 - c0, height: r1 - r0).clipped(width: width, height: height)
    }

    /// A window of the grid as a grid of its own: same CRS, transform moved to the window's corner.
    /// - Parameter window: Cells inside this grid.
    /// - Returns: The cropped grid, or `nil` when the window does not fit.
    public func cropped(to window: PixelWindow) -> GeoRaster? {
        guard let cells = window.extract(from: values, rasterWidth: width) else { return nil }
        return try? GeoRaster(width: window.width, height: window.height, transform: transform.shifted(to: window),
                              spatialReference: spatialReference, values: cells)
    }
}
