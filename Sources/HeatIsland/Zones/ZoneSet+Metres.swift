import Foundation
import HeatIslandGDAL
import HeatIslandKernels

extension ZoneSet {
    /// The zones in a CRS measured in metres, for distances and tolerances between them (district
    /// weights): unchanged when their CRS is projected in metres, otherwise reprojected to the UTM
    /// zone (WGS 84) of their centre. Zones laid over a geographic raster are in degrees, where a
    /// "1500 m" distance band or a 1 cm contiguity tolerance would silently mean degrees.
    /// - Returns: The same zones, in order, with geometries in metres.
    /// - Throws: ``HeatIslandError/invalidZones(path:detail:)`` when they cannot be reprojected.
    public func inMetres() throws(HeatIslandError) -> ZoneSet {
        guard spatialReference.isGeographic || !spatialReference.isProjected || spatialReference.linearUnit.metres != 1 else { return self }
        let boxes = zones.compactMap(\.geometry.bounds)
        guard let first = boxes.first else { return self }
        let lo = boxes.reduce(first.min) { pointwiseMin($0, $1.min) }, hi = boxes.reduce(first.max) { pointwiseMax($0, $1.max) }
        do throws(GDALError) {
            let wgs84 = try SpatialReference(epsg: 4326)
            let centre = (lo + hi) / 2
            let lonLat = try CoordinateTransform(from: spatialReference, to: wgs84).transform([(centre.x, centre.y)])[0]
            let zone = min(60, max(1, Int(((lonLat.x + 180) / 6).rounded(.down)) + 1))
            let utm = try SpatialReference(epsg: (lonLat.y < 0 ? 32700 : 32600) + zone)
            let transform = try CoordinateTransform(from: spatialReference, to: utm)
            var copy = self
            for i in copy.zones.indices { copy.zones[i].geometry = try transform.transform(zones[i].geometry) }
            copy.spatialReference = utm
            return copy
        } catch {
            throw .invalidZones(path: path, detail: "cannot measure distances in metres: \(error)")
        }
    }
}
