import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// A neighbourhood radius as a user gives it: `150m` or `5px`.
public enum HotspotRadius: Sendable, Hashable, CustomStringConvertible {
    /// Metres on the ground (in a projected CRS).
    case metres(Double)
    /// Cells.
    case cells(Double)

    /// Parses `150m` or `5px`: a decimal number and its unit. A bare number is refused rather than
    /// taken as metres (or cells), and so are hexadecimal and negative numbers, and numbers too
    /// large for a Double (`1e400m`).
    public init?(_ text: String) {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        func number(_ digits: Substring) -> Double? {
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || ".e+-".contains($0)) }),
                  let v = Double(digits), v >= 0, v.isFinite else { return nil }
            return v
        }
        if t.hasSuffix("px"), let v = number(t.dropLast(2)) { self = .cells(v) }
        else if t.hasSuffix("m"), let v = number(t.dropLast()) { self = .metres(v) }
        else { return nil }
    }

    /// As typed: `150m` or `5px` (whole numbers without a decimal point).
    public var description: String {
        func text(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
        switch self {
        case .metres(let v): return "\(text(v))m"
        case .cells(let v): return "\(text(v))px"
        }
    }
}

extension HotspotRadius {
    /// The neighbourhood this radius gives on a grid. Metres are turned into cells with a cell's
    /// ground size at the raster's centre: the geotransform's size in metres, unless the
    /// projection's scale there is more than 0.1 % from true (Web Mercator, where a map metre at
    /// 46° N is 0.69 m on the ground).
    /// - Parameters:
    ///   - shape: Circle or square.
    ///   - transform: The grid's geotransform (pixel size).
    ///   - spatialReference: The grid's CRS (a radius in metres needs a projected one).
    ///   - width: The grid's columns.
    ///   - height: The grid's rows.
    /// - Throws: ``HeatIslandError/invalidArgument(_:)`` for metres on a geographic CRS or a rotated
    ///   grid, or a neighbourhood of one cell; ``HeatIslandError/gdal(_:)`` when the cell cannot be
    ///   measured on the ground.
    public func neighbourhood(
        shape: FocalNeighbourhood.Shape, transform: GeoTransform, spatialReference: SpatialReference, width: Int, height: Int
    ) throws(HeatIslandError) -> FocalNeighbourhood {
        // The parser refuses "-150m", but the cases can be built directly: a negative radius made
        // a one-row neighbourhood and a NaN one was told as "smaller than one cell".
        let r: Double
        switch self { case .cells(let v), .metres(let v): r = v }
        guard r.isFinite, r > 0 else {
            throw .invalidArgument("the radius \(self) must be a positive, finite length")
        }
        let neighbourhood: FocalNeighbourhood
        switch self {
        case .cells(let r): neighbourhood = FocalNeighbourhood(shape: shape, radiusCells: r)
        case .metres(let r):
            guard !spatialReference.isGeographic else {
                throw .invalidArgument("a radius in metres needs a projected raster; \(spatialReference) is in degrees (reproject it or give the radius in cells, e.g. 5px)")
            }
            // On a rotated grid the cell's ground size is not the geotransform's first and last
            // coefficients, so metres would turn into the wrong number of cells.
            guard transform.isNorthUp else {
                throw .invalidArgument("the grid is rotated, so a radius in metres cannot be turned into cells; warp it to a north-up grid (kranj-heat reproject) or give the radius in cells")
            }
            let cell = try GroundMetrics(transform: transform, spatialReference: spatialReference, width: width, height: height).cellSizeAtCentre()
            guard let metric = FocalNeighbourhood(shape: shape, radius: r, pixelWidth: cell.width, pixelHeight: cell.height) else {
                throw .invalidArgument("the grid's cells measure \(cell.width) × \(cell.height) m on the ground, so a radius in metres cannot be turned into cells")
            }
            neighbourhood = metric
        }
        guard neighbourhood.cellCount > 1 else {
            throw .invalidArgument("the radius \(self) is smaller than one cell: every neighbourhood would be the cell alone")
        }
        return neighbourhood
    }
}
