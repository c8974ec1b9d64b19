import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// A neighbourhood radius as a user gives it: `150m` or `5px`.
public enum HotspotRadius: Sendable, Hashable, CustomStringConvertible {
    /// Map units (metres in a projected CRS).
    case metres(Double)
    /// Cells.
    case cells(Double)

    /// Parses `150m`, `150` (metres) or `5px`.
    public init?(_ text: String) {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("px"), let v = Double(t.dropLast(2)), v >= 0 { self = .cells(v) }
        else if t.hasSuffix("m"), let v = Double(t.dropLast()), v >= 0 { self = .metres(v) }
        else if let v = Double(t), v >= 0 { self = .metres(v) }
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
    /// The neighbourhood this radius gives on a grid.
    /// - Parameters:
    ///   - shape: Circle or square.
    ///   - transform: The grid's geotransform (pixel size).
    ///   - spatialReference: The grid's CRS (a radius in metres needs a projected one).
    /// - Throws: ``HeatIslandError/invalidArgument(_:)`` for metres on a geographic CRS or a
    ///   neighbourhood of one cell.
    public func neighbourhood(shape: FocalNeighbourhood.Shape, transform: GeoTransform, spatialReference: SpatialReference) throws(HeatIslandError) -> FocalNeighbourhood {
        let neighbourhood: FocalNeighbourhood
        switch self {
        case .cells(let r): neighbourhood = FocalNeighbourhood(shape: shape, radiusCells: r)
        case .metres(let r):
            guard !spatialReference.isGeographic else {
                throw .invalidArgument("a radius in metres needs a projected raster; \(spatialReference) is in degrees (reproject it or give the radius in cells, e.g. 5px)")
            }
            neighbourhood = FocalNeighbourhood(
                shape: shape, radius: r / spatialReference.linearUnit.metres,
                pixelWidth: transform.pixelWidth, pixelHeight: transform.pixelHeight)
        }
        guard neighbourhood.cellCount > 1 else {
            throw .invalidArgument("the radius \(self) is smaller than one cell: every neighbourhood would be the cell alone")
        }
        return neighbourhood
    }
}
