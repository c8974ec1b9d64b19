import Foundation
import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Rasters in latitude and longitude, and inputs at the limits: areas and distances stay in metres
/// on a geographic grid, and zones or radii far beyond the raster neither trap nor exhaust memory.
struct GeographicAndExtremeInputTests {
    func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> MultiPolygon {
        MultiPolygon([Polygon(exterior: Ring([SIMD2(x0, y0), SIMD2(x1, y0), SIMD2(x1, y1), SIMD2(x0, y1)]))])
    }

    /// 4 × 4 cells of 30 m in EPSG:32633 from (450000, 5125000), values 1…16 row by row.
    func utmRaster() throws -> GeoRaster {
        try GeoRaster(
            width: 4, height: 4, transform: GeoTransform(originX: 450_000, pixelWidth: 30, rowRotation: 0, originY: 5_125_000, columnRotation: 0, pixelHeight: -30),
            spatialReference: SpatialReference(epsg: 32633), values: (1...16).map(Float.init))
    }

    @Test func zonesReachingFarBeyondTheRasterCountOnlyItsCells() throws {
        // x from the middle of column 0 to 1e21 m (beyond Int's range in cells), rows 0–1. Exact:
        // column 0 half covered, columns 1–3 whole: count 2 × 3.5 = 7, sum 0.5·1 + 2 + 3 + 4 +
        // 0.5·5 + 6 + 7 + 8 = 33. Centre rule: column 0's centres lie on the west edge (out, as in
        // GDAL): 2 + 3 + 4 + 6 + 7 + 8 = 30 over 6 cells.
        let raster = try utmRaster()
        let far = Zone(id: "far", name: "far", geometry: box(450_015, 5_124_940, 1e21, 5_125_000))
        let exact = try ZonalStatisticsRunner.compute(raster: raster, zones: [far])[0]
        #expect(abs(exact.count - 7) < 1e-9 && abs(exact.sum - 33) < 1e-9)
        var options = ZonalOptions()
        options.rule = .center
        let centre = try ZonalStatisticsRunner.compute(raster: raster, zones: [far], options: options)[0]
        #expect(centre.count == 6 && centre.sum == 30)
    }

    @Test func coveredAreaOnAGeographicRasterIsTheEllipsoidalArea() throws {
        // 10 × 10 cells of 0.001° from (14.35° E, 46.25° N) in WGS 84; the zone is the 4 × 4 cells of
        // columns 2–5, rows 3–6. The area of a latitude–longitude rectangle on the ellipsoid, in
        // closed form: a²(1 − e²)·Δλ/2 · [q(φ)] from φ₁ to φ₂, q(φ) = sin φ/(1 − e² sin² φ) +
        // ln((1 + e sin φ)/(1 − e sin φ))/(2e).
        let raster = try GeoRaster(
            width: 10, height: 10, transform: GeoTransform(originX: 14.35, pixelWidth: 0.001, rowRotation: 0, originY: 46.25, columnRotation: 0, pixelHeight: -0.001),
            spatialReference: SpatialReference(epsg: 4326), values: [Float](repeating: 25, count: 100))
        let (lon0, lon1, lat0, lat1) = (14.352, 14.356, 46.243, 46.247)
        let zone = Zone(id: "z", name: "z", geometry: box(lon0, lat0, lon1, lat1))
        let area = try ZonalStatisticsRunner.compute(raster: raster, zones: [zone])[0].coveredArea
        let a = 6_378_137.0, f = 1 / 298.257223563
        let e2 = f * (2 - f), e = e2.squareRoot()
        func q(_ degrees: Double) -> Double {
            let s = sin(degrees * .pi / 180)
            return s / (1 - e2 * s * s) + log((1 + e * s) / (1 - e * s)) / (2 * e)
        }
        let reference = a * a * (1 - e2) * ((lon1 - lon0) * .pi / 180) / 2 * (q(lat1) - q(lat0))
        #expect(abs(area / reference - 1) < 1e-6, "\(area) m² against \(reference) m²")
    }

    @Test func coveredAreaOnWebMercatorIsTheGroundArea() throws {
        // 10 × 10 cells of 30 map metres in EPSG:3857 at Kranj (about 14.35° E, 46.24° N); the zone is
        // the 4 × 4 cells of columns 2–5, rows 3–6. Web Mercator maps WGS 84 latitude φ to
        // y = a·ln tan(π/4 + φ/2) and longitude to x = a·λ, so a map metre east is N(φ)·cos φ / a
        // metres on the ground and a map metre north M(φ)·cos φ / a: a cell covers
        // 900·N·M·cos²φ / a² m² (about 0.48 of its map area here), at the zone's centre
        // φ = 2·atan(exp(y/a)) − π/2. The planar 14 400 m² would overstate it twofold.
        let (x0, y0) = (1_597_500.0, 5_819_700.0)
        let raster = try GeoRaster(
            width: 10, height: 10, transform: GeoTransform(originX: x0, pixelWidth: 30, rowRotation: 0, originY: y0, columnRotation: 0, pixelHeight: -30),
            spatialReference: SpatialReference(epsg: 3857), values: [Float](repeating: 25, count: 100))
        let zone = Zone(id: "z", name: "z", geometry: box(x0 + 60, y0 - 210, x0 + 180, y0 - 90))
        let area = try ZonalStatisticsRunner.compute(raster: raster, zones: [zone])[0].coveredArea
        let a = 6_378_137.0, f = 1 / 298.257223563
        let e2 = f * (2 - f)
        let phi = 2 * atan(exp((y0 - 150) / a)) - .pi / 2
        let s = 1 - e2 * sin(phi) * sin(phi)
        let (n, m) = (a / s.squareRoot(), a * (1 - e2) / (s * s.squareRoot()))
        let reference = 16 * 900 * n * m * cos(phi) * cos(phi) / (a * a)
        #expect(abs(area / reference - 1) < 1e-6, "\(area) m² against \(reference) m²")
    }

    @Test func cellRadiusOnWebMercatorIsOnTheGround() throws {
        // The same Web Mercator grid at Kranj: at the raster's centre (φ = 46.2441°) a 30 m map cell
        // is 30·N·cos φ / a = 20.784 m wide and 30·M·cos φ / a = 20.717 m tall on the ground. A 60 m
        // circle then reaches rows ±2 (41.4 m; row 3 is at 62.2 m), and in each of them columns ±2
        // (√(60² − 41.4²) = 43.4 m ≥ 41.6 m), so every half-width is 2. In map metres it would be
        // rows ±2 with half-widths 0, 1, 2, 1, 0.
        let (x0, y0) = (1_597_500.0, 5_819_700.0)
        let values = (0..<100).map { Float($0 % 7) }
        let raster = try GeoRaster(
            width: 10, height: 10, transform: GeoTransform(originX: x0, pixelWidth: 30, rowRotation: 0, originY: y0, columnRotation: 0, pixelHeight: -30),
            spatialReference: SpatialReference(epsg: 3857), values: values)
        let map = try CellHotspots.compute(raster: raster, radius: .metres(60))
        #expect(map.neighbourhood.halfWidths == [2, 2, 2, 2, 2])
    }

    /// Also on a grid whose longitudes run to 360° (the east end of a 0…360° global model), with
    /// the district given in −180…180°: it is moved onto the grid, and the ring is grown around it there.
    @Test(arguments: [(gridWest: 10.0, districtWest: 10.005), (gridWest: 359.989, districtWest: -0.006)])
    func ruralRingOnAGeographicRasterIsMeasuredInMetres(gridWest: Double, districtWest: Double) throws {
        // 11 × 11 cells of 0.001° centred on the equator: a cell is 111.32 m wide (N·Δλ) and 110.57 m
        // tall (M·Δφ). The district is the middle cell; a 250 m ring holds the cells whose centres
        // lie within 250 m of its centre. As (row, column) offsets: (0, ±2) at 222.6 m, (±1, ±2) at
        // 248.6 m and (±2, ±1) at 247.6 m are in; (±2, ±2) at 314.8 m and (±3, 0) at 331.7 m are
        // not: 5 + 10 + 6 = 21 cells, 20 of them rural. In degrees the ring would take all 120.
        // Values are 100 at those 20 cells and 0 elsewhere, so the reference mean is 100 only if
        // exactly they are rural.
        let rural: Set<[Int]> = [[0, -2], [0, -1], [0, 1], [0, 2],
                                 [-1, -2], [-1, -1], [-1, 0], [-1, 1], [-1, 2], [1, -2], [1, -1], [1, 0], [1, 1], [1, 2],
                                 [-2, -1], [-2, 0], [-2, 1], [2, -1], [2, 0], [2, 1]]
        let values: [Float] = (0..<121).map { rural.contains([$0 / 11 - 5, $0 % 11 - 5]) ? 100 : 0 }
        let raster = try GeoRaster(
            width: 11, height: 11, transform: GeoTransform(originX: gridWest, pixelWidth: 0.001, rowRotation: 0, originY: 0.0055, columnRotation: 0, pixelHeight: -0.001),
            spatialReference: SpatialReference(epsg: 4326), values: values)
        let district = Zone(id: "d", name: "d", geometry: box(districtWest, -0.0005, districtWest + 0.001, 0.0005))
        let stats = try ZonalStatisticsRunner.compute(raster: raster, zones: [district])
        var options = UHIOptions()
        options.reference = .ring(metres: 250)
        let report = try UHIReport.compute(raster: raster, zones: [district], statistics: stats, options: options)
        #expect(report.referenceCells == 20 && report.referenceMeanCelsius == 100)
        // A ring far wider than the raster (1e12 m) takes every cell but the district's: 120 cells
        // whose mean is 20·100/120, instead of a neighbourhood larger than memory.
        options.reference = .ring(metres: 1e12)
        let wide = try UHIReport.compute(raster: raster, zones: [district], statistics: stats, options: options)
        #expect(wide.referenceCells == 120 && abs(wide.referenceMeanCelsius - 2000.0 / 120) < 1e-4)
    }

    @Test func districtWeightsAreMeasuredInMetresOverAGeographicRaster() throws {
        // The Kranj districts laid over a raster in WGS 84 are in degrees; their weights must still
        // be queen contiguity with a 1 cm tolerance, as esda's reference (hotspot_reference.json,
        // on the districts in metres) has them, and give its Gi* z-scores for the same values.
        let zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: SpatialReference(epsg: 4326))
        let metric = try zones.inMetres()
        #expect(metric.spatialReference.epsg == 32633)
        let reference = try Fixtures.referenceJSON("hotspot_reference.json")
        let values = try #require(reference["values"] as? [Double])
        for (key, weights) in [("queen", DistrictWeights.queen()), ("distance2500", .distance(2500))] {
            // (In degrees, a 2500 "m" band would join every district to every other.)
            let expected = try #require((reference[key] as? [String: Any])?["z"] as? [Double])
            let neighbours = try #require((reference[key] as? [String: Any])?["neighbours"] as? [[Int]])
            #expect(weights.weights(for: metric.zones).neighbours == neighbours, "\(key)")
            let results = try DistrictHotspots.compute(zones: metric.zones, values: values, weights: weights)
            #expect(results.count == 26 && expected.count == 26)
            for (ours, theirs) in zip(results, expected) { #expect(abs(ours.z - theirs) < 1e-9, "\(key) \(ours.name)") }
        }
    }

    /// A geographic grid whose longitudes run 340…360° (the west end of a 0…360° global model),
    /// each cell's value its column, and districts given in −180…180°: the one at −15…−13° lies on
    /// columns 5 and 6 (345…347°), the one at −11…−9° on columns 9 and 10, the one at −5…−3° on
    /// columns 15 and 16; each covers two rows, so their means are 5.5, 9.5 and 15.5, and a
    /// reference at −20…−18° reads columns 0 and 1, 0.5. They had all missed the raster.
    @Test func districtsMeetAGridWhoseLongitudesRunPast180() throws {
        let grid = GeoTransform(originX: 340, pixelWidth: 1, rowRotation: 0, originY: 50, columnRotation: 0, pixelHeight: -1)
        let values = (0..<(20 * 10)).map { Float($0 % 20) }
        let raster = try GeoRaster(width: 20, height: 10, transform: grid, spatialReference: SpatialReference(epsg: 4326), values: values)
        func square(_ west: Double, _ south: Double) -> MultiPolygon {
            MultiPolygon([Polygon(exterior: Ring([SIMD2(west, south), SIMD2(west + 2, south), SIMD2(west + 2, south + 2), SIMD2(west, south + 2), SIMD2(west, south)]))])
        }
        let zones = [-15.0, -11, -5].enumerated().map { Zone(id: "\($0.offset)", name: "\($0.offset)", geometry: square($0.element, 44)) }
        let stats = try ZonalStatisticsRunner.compute(raster: raster, zones: zones)
        #expect(stats.map(\.mean) == [5.5, 9.5, 15.5])
        #expect(stats.allSatisfy { $0.validFraction == 1 })
        // Streamed from a file, the districts read from a GeoJSON in −180…180°.
        let dir = try TemporaryDirectory()
        var file = HandMadeRaster(width: 20, height: 10, values: .float32(values))
        (file.unit, file.srs, file.geoTransform) = ("degC", "EPSG:4326", "340, 1, 0, 50, 0, -1")
        let features = [-15.0, -11, -5].map { west in
            #"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[\#(west),44],[\#(west + 2),44],[\#(west + 2),46],[\#(west),46],[\#(west),44]]]}}"#
        }
        try #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#.write(toFile: dir.file("z.geojson"), atomically: true, encoding: .utf8)
        let streamed = try ZonalStatisticsRunner.stream(path: try file.write(named: "global.vrt", in: dir), zonesPath: dir.file("z.geojson"))
        #expect(streamed.statistics.map(\.mean) == [5.5, 9.5, 15.5])
        var options = UHIOptions()
        options.reference = .polygon(square(-20, 40))
        let uhi = try UHIReport.compute(raster: raster, zones: zones, statistics: stats, options: options)
        #expect(uhi.cityCells == 12 && abs(uhi.cityMeanCelsius - 30.5 / 3) < 1e-9 && uhi.referenceMeanCelsius == 0.5, "\(uhi)")
    }

    /// Four 0.01° squares in a row across the antimeridian at 17° S (Fiji): measured in the UTM
    /// zone there (1 or 60), not in the zone of their box's middle, 0°. Neighbouring centroids lie
    /// 0.01° of longitude apart on the WGS 84 ellipsoid: N·cos φ·Δλ with N = a / √(1 − e² sin² φ),
    /// 1064.8 m at φ = 17.005° S. UTM scales that by 0.9996 on its central meridian and by about
    /// 0.9996 · (1 + (Δλ cos φ)² / 2) = 1.00085 at Δλ = 3° from it, where these squares lie.
    @Test func districtsAcrossTheAntimeridianAreMeasuredWhereTheyAre() throws {
        let dir = try TemporaryDirectory()
        let features = [179.98, 179.99, -180.0, -179.99].enumerated().map { i, west in
            let ring = [(west, -17.01), (west + 0.01, -17.01), (west + 0.01, -17.0), (west, -17.0), (west, -17.01)].map { "[\($0.0),\($0.1)]" }
            return #"{"type":"Feature","properties":{"id":\#(i)},"geometry":{"type":"Polygon","coordinates":[[\#(ring.joined(separator: ","))]]}}"#
        }
        try #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#.write(toFile: dir.file("fiji.geojson"), atomically: true, encoding: .utf8)
        let metric = try ZoneSet.load(path: dir.file("fiji.geojson")).inMetres()
        #expect([32701, 32760].contains(metric.spatialReference.epsg ?? 0), "\(metric.spatialReference)")
        let (a, e2, phi) = (6_378_137.0, 0.006_694_379_990_14, 17.005 * Double.pi / 180)
        let expected = a / (1 - e2 * sin(phi) * sin(phi)).squareRoot() * cos(phi) * 0.01 * Double.pi / 180
        let centroids = metric.zones.compactMap(\.geometry.centroid)
        #expect(centroids.count == 4)
        for k in 1..<centroids.count {
            let d = ((centroids[k] - centroids[k - 1]) * (centroids[k] - centroids[k - 1])).sum().squareRoot()
            #expect(abs(d / expected - 1.00085) < 1e-4, "squares \(k - 1) and \(k): \(d) m, expected \(expected) m")
        }
    }

    /// The same districts laid over a Web Mercator raster: a map metre there is 0.69 m on the ground
    /// at Kranj's latitude (1/cos 46.2°), so distances are measured after moving them to UTM, and a
    /// 2500 m band gives esda's neighbours as in metres; D96/TM (scale 0.9999) is kept as it is.
    @Test func districtWeightsAreMeasuredOnTheGroundOverWebMercator() throws {
        let mercator = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: SpatialReference(epsg: 3857))
        let metric = try mercator.inMetres()
        #expect(metric.spatialReference.epsg == 32633)
        let reference = try Fixtures.referenceJSON("hotspot_reference.json")
        let neighbours = try #require((reference["distance2500"] as? [String: Any])?["neighbours"] as? [[Int]])
        #expect(DistrictWeights.distance(2500).weights(for: metric.zones).neighbours == neighbours)
        let d96 = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"))
        #expect(try d96.inMetres().spatialReference.epsg == d96.spatialReference.epsg)
    }

    @Test func radiiBeyondTheRasterAreRefusedNotAllocated() throws {
        // On a 4 × 4 raster a radius of 3 cells or more (circle: 5 or more) reaches every cell
        // from every cell; 1e9 cells would otherwise ask for a neighbourhood larger than memory.
        for radius in [HotspotRadius.cells(1e9), .cells(5), .metres(1e30)] {
            #expect {
                try CellHotspots.compute(raster: try utmRaster(), radius: radius)
            } throws: { "\($0)".contains("reaches every cell") }
        }
        // Radius 3 cells: a corner's circle misses the opposite corner (4.2 cells away), so its Gi* is
        // defined; the four middle cells' circles hold the whole raster, where Gi* is 0/0 (NaN).
        let z = try CellHotspots.compute(raster: try utmRaster(), radius: .cells(3)).z.values
        #expect([0, 3, 12, 15].allSatisfy { z[$0].isFinite } && [5, 6, 9, 10].allSatisfy { z[$0].isNaN })
    }
}
