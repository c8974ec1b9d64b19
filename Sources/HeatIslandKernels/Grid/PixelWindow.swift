/// A rectangle of whole pixels in a raster, as rasterio's `Window`: offsets and size in pixels.
///
/// ```swift
/// let w = PixelWindow(column: 256, row: 0, width: 256, height: 512)
/// print(w.pixelCount as Any)   // Optional(131072): nil only when the size overflows Int
/// ```
public struct PixelWindow: Sendable, Hashable, Codable {
    /// Column of the window's left edge (0-based).
    public var column: Int
    /// Row of the window's top edge (0-based).
    public var row: Int
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// Creates a window.
    /// - Parameters:
    ///   - column: Left column (0-based).
    ///   - row: Top row (0-based).
    ///   - width: Width in pixels.
    ///   - height: Height in pixels.
    public init(column: Int, row: Int, width: Int, height: Int) {
        self.column = column
        self.row = row
        self.width = width
        self.height = height
    }

    /// The window covering a whole raster of the given size.
    /// - Parameters:
    ///   - width: Raster width in pixels.
    ///   - height: Raster height in pixels.
    /// - Returns: `PixelWindow(column: 0, row: 0, width: width, height: height)`.
    public static func full(width: Int, height: Int) -> PixelWindow {
        PixelWindow(column: 0, row: 0, width: width, height: height)
    }

    /// Number of pixels, or `nil` when the product overflows `Int`.
    public var pixelCount: Int? {
        let (n, overflow) = width.multipliedReportingOverflow(by: height)
        return overflow ? nil : n
    }

    /// `true` when the window has a positive size and lies inside a raster of the given size.
    /// - Parameters:
    ///   - rasterWidth: Raster width in pixels.
    ///   - rasterHeight: Raster height in pixels.
    public func fits(width rasterWidth: Int, height rasterHeight: Int) -> Bool {
        width > 0 && height > 0 && column >= 0 && row >= 0
            && column <= rasterWidth - width && row <= rasterHeight - height
    }

    /// The part of this window that lies inside a raster of the given size, or `nil` when none does.
    /// - Parameters:
    ///   - rasterWidth: Raster width in pixels.
    ///   - rasterHeight: Raster height in pixels.
    public func clipped(width rasterWidth: Int, height rasterHeight: Int) -> PixelWindow? {
        let c0 = max(column, 0), r0 = max(row, 0)
        // A window reaching past Int.max ends at the raster's edge all the same.
        let end = { (start: Int, length: Int) in start.addingReportingOverflow(length).overflow ? Int.max : start + length }
        let c1 = min(end(column, width), rasterWidth), r1 = min(end(row, height), rasterHeight)
        guard c1 > c0, r1 > r0 else { return nil }
        return PixelWindow(column: c0, row: r0, width: c1 - c0, height: r1 - r0)
    }

    /// The window's cells copied out of a row-major grid of `rasterWidth` columns, row by row.
    /// - Parameters:
    ///   - values: The whole grid.
    ///   - rasterWidth: Its width.
    /// - Returns: `width × height` values, or `nil` when the window does not fit inside the grid.
    public func extract<T>(from values: [T], rasterWidth: Int) -> [T]? {
        guard rasterWidth > 0, values.count % rasterWidth == 0, fits(width: rasterWidth, height: values.count / rasterWidth) else { return nil }
        var out: [T] = []
        out.reserveCapacity(pixelCount ?? 0)
        for r in row..<(row + height) {
            out.append(contentsOf: values[(r * rasterWidth + column)..<(r * rasterWidth + column + width)])
        }
        return out
    }
}
