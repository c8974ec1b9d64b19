import Foundation
import HeatIslandGDAL
import HeatIslandKernels

extension ZoneSet {
    /// The zones in a CRS measured in metres on the ground, for distances and tolerances between them
    /// (district weights): unchanged when their CRS is projected in metres with a scale within 0.1 %
    /// of true at their centre (UTM, national transverse Mercator grids), otherwise reprojected to
    /// the UTM zone (WGS 84) of their centre. Zones laid over a geographic raster are in degrees,
    /// where a "1500 m" distance band or a 1 cm contiguity tolerance would silently mean degrees;
    /// on Web Mercator a map metre at 46° N is 0.69 m on the ground.
    /// - Returns: The same zones, in order, with geometries in metres.
    /// - Throws: ``HeatIslandError/invalidZones(path:detail:)`` when they cannot be reprojected.
    public func inMetres() throws(HeatIslandError) -> ZoneSet {
        let boxes = zones.compactMap(\.geometry.bounds)
        guard let first = boxes.first else { return self }
        let lo = boxes.reduce(first.min) { pointwiseMin($0, $1.min) }, hi = boxes.reduce(first.max) { pointwiseMax($0, $1.max) }
        let metric = spatialReference.isProjected && !spatialReference.isGeographic && spatialReference.linearUnit.metres == 1
        do throws(GDALError) {
            let wgs84 = try SpatialReference(epsg: 4326)
            let centre = spatialReference.isGeographic ? Self.centre(ofLongitudeLatitude: boxes) : (lo + hi) / 2
            let toLonLat = try CoordinateTransform(from: spatialReference, to: wgs84)
            if metric, try Self.scaleError(at: centre, toLonLat) <= 1e-3 { return self }
            let lonLat = try toLonLat.transform([(centre.x, centre.y)])[0]
            let utm = try SpatialReference(epsg: SpatialReference.utmZoneEPSG(longitude: lonLat.x, latitude: lonLat.y))
            let transform = try CoordinateTransform(from: spatialReference, to: utm)
            var copy = self
            for i in copy.zones.indices { copy.zones[i].geometry = try transform.transform(zones[i].geometry) }
            copy.spatialReference = utm
            return copy
        } catch {
            throw .invalidZones(path: path, detail: "cannot measure distances in metres: \(error)")
        }
    }

    /// The middle of boxes in longitude and latitude, the longitude as the direction of the mean
    /// of their centres' unit vectors: districts either side of the antimeridian (Fiji's, parts at
    /// 179.9° and −179.9°) have a box from −180° to 180° whose middle, 0°, had sent them into the
    /// UTM zone of Greenwich, half a world away.
    private static func centre(ofLongitudeLatitude boxes: [(min: SIMD2<Double>, max: SIMD2<Double>)]) -> SIMD2<Double> {
        var (cosines, sines, latitudes) = (0.0, 0.0, 0.0)
        for box in boxes {
            let middle = (box.min + box.max) / 2
            cosines += cos(middle.x * .pi / 180)
            sines += sin(middle.x * .pi / 180)
            latitudes += middle.y
        }
        return SIMD2(atan2(sines, cosines) * 180 / .pi, latitudes / Double(boxes.count))
    }

    /// How far a metre of the CRS is from a metre on the ground at `centre`, east and north: the
    /// largest |k − 1| over 1 km steps (exact to a few parts per million over 1 km).
    private static func scaleError(at centre: SIMD2<Double>, _ toLonLat: CoordinateTransform) throws(GDALError) -> Double {
        let step = 1000.0
        let ground = try GroundMetrics.groundCells(at: [centre], steps: (step, step), through: toLonLat)[0]
        return max(abs(step / ground.width - 1), abs(step / ground.height - 1))
    }
}
