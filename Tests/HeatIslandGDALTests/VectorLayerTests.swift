import Foundation
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Reading polygons with OGR and reprojecting them with OSR; the expected area is the GURS figure
/// for the real outline of Kranj (150.901 km² in EPSG:3794, `../shared/data/kranj/SOURCE.md`).
struct VectorLayerTests {
    @Test func outlineReprojectedToD96HasTheOfficialArea() throws {
        let layer = try VectorDataset(path: Fixtures.path("kranj/municipality_outline.geojson")).layer()
        #expect(try layer.spatialReference().epsg == 4326)
        let features = try layer.polygonFeatures(reprojectTo: SpatialReference(epsg: 3794))
        #expect(features.count == 1)
        let area = features[0].geometry.area / 1e6
        #expect(abs(area - 150.901) < 0.001)
    }

    @Test func districtsAgreeBetweenGeoJSONAndGeoPackage() throws {
        let d96 = try SpatialReference(epsg: 3794)
        let gpkg = try VectorDataset(path: Fixtures.path("kranj/districts.gpkg"))
        #expect(gpkg.layerNames == ["districts"])
        let a = try gpkg.layer("districts").polygonFeatures(reprojectTo: d96)
        let b = try VectorDataset(path: Fixtures.path("kranj/districts.geojson")).layer().polygonFeatures(reprojectTo: d96)
        #expect(a.count == 26 && b.count == 26)
        // Ids and names are the real GURS ones (local_communities.csv): 52601 Besnica … 52626.
        #expect(a.first?.attributes["id"] == .integer(52601))
        #expect(a.first?.attributes["name"] == .string("Besnica"))
        let names = a.compactMap { $0.attributes["name"]?.description }
        #expect(names.contains("Čirče"))
        for (x, y) in zip(a, b) {
            #expect(x.attributes["id"] == y.attributes["id"])
            // GeoJSON keeps 7 decimals of a degree (about 1 cm), so areas agree to well under 0.01 %.
            #expect(abs(x.geometry.area - y.geometry.area) / x.geometry.area < 1e-4)
        }
        // The 26 districts partition the outline: their areas add up to 150.901 km².
        #expect(abs(a.reduce(0) { $0 + $1.geometry.area } / 1e6 - 150.901) < 0.001)
    }

    @Test func invalidGeometriesAreRejectedOrRepaired() throws {
        let dir = try TemporaryDirectory()
        // A bow-tie (self-intersecting) square, a valid square, and a point.
        let json = """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{"id":1,"name":"bow-tie"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[10,10],[10,0],[0,10],[0,0]]]}},
         {"type":"Feature","properties":{"id":2,"name":"square"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]]]}}
        ]}
        """
        let path = dir.file("zones.geojson")
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        let layer = try VectorDataset(path: path).layer()
        do {
            _ = try layer.polygonFeatures()
            Issue.record("a self-intersecting polygon was accepted")
        } catch {
            #expect(error.description.contains("bow-tie"))
        }
        let repaired = try layer.polygonFeatures(invalid: .repair)
        #expect(repaired[0].wasRepaired && !repaired[1].wasRepaired)
        // MakeValid splits the bow-tie into two triangles of 25 each: 50 in all.
        #expect(abs(repaired[0].geometry.area - 50) < 1e-9)
        #expect(repaired[0].geometry.polygons.count == 2)
        #expect(repaired[1].geometry.area == 16)
    }

    @Test func unclosedRingsAreClosedByRepair() throws {
        // GDAL reads rings as written: the 4 × 4 square without its closing vertex, and a 10 × 10
        // square with an unclosed 2 × 2 hole. GEOS refuses unclosed rings outright, so repair must
        // close them first: areas 16 and 100 − 4 = 96.
        let dir = try TemporaryDirectory()
        let json = dir.file("unclosed.geojson")
        try """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{"id":1,"name":"open square"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4]]]}},
         {"type":"Feature","properties":{"id":2,"name":"open hole"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,4],[4,4],[4,2]]]}}
        ]}
        """.write(toFile: json, atomically: true, encoding: .utf8)
        let layer = try VectorDataset(path: json).layer()
        #expect { try layer.polygonFeatures() } throws: { "\($0)".contains("open square") }
        let repaired = try layer.polygonFeatures(invalid: .repair)
        #expect(repaired.map(\.wasRepaired) == [true, true])
        #expect(repaired.map(\.geometry.area) == [16, 96])
    }

    @Test func repairKeepsShellsAndCutsHoles() throws {
        // Rings read as declared (shells minus holes), on a 10 × 10 shell (area 100):
        // - a 10 × 10 hole half outside the shell, at (5, 5)–(15, 15): only its inner quarter, 25, is
        //   cut, leaving 75 (rebuilt from the edges alike, the outer part became land: 150);
        // - two 2 × 2 holes overlapping in a 1 × 1 square: their union, 4 + 4 − 1 = 7, is cut, leaving
        //   93 (the edges alike left the overlap as land: 94);
        // - a hole equal to its shell leaves no area, which is an error (the edges alike gave 100).
        let dir = try TemporaryDirectory()
        let json = dir.file("holes.geojson")
        let shell = "[[0,0],[10,0],[10,10],[0,10],[0,0]]"
        try """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{"id":1,"name":"reaching hole"},"geometry":{"type":"Polygon","coordinates":[\(shell),[[5,5],[15,5],[15,15],[5,15],[5,5]]]}},
         {"type":"Feature","properties":{"id":2,"name":"overlapping holes"},"geometry":{"type":"Polygon","coordinates":[\(shell),[[2,2],[4,2],[4,4],[2,4],[2,2]],[[3,3],[5,3],[5,5],[3,5],[3,3]]]}},
         {"type":"Feature","properties":{"id":3,"name":"hole as shell"},"geometry":{"type":"Polygon","coordinates":[\(shell),\(shell)]}}
        ]}
        """.write(toFile: json, atomically: true, encoding: .utf8)
        let layer = try VectorDataset(path: json).layer()
        #expect { try layer.polygonFeatures(invalid: .repair) } throws: {
            "\($0)".contains("hole as shell") && "\($0)".contains("no area left after repair")
        }
        let repaired = try layer.readPolygons(invalid: .repair, skipUnusable: true)
        #expect(repaired.features.map(\.geometry.area) == [75, 93])
        #expect(repaired.skipped.count == 1)
    }

    @Test func missingLayerAndFile() throws {
        #expect(throws: GDALError.self) { try VectorDataset(path: Fixtures.path("kranj/districts.gpkg")).layer("odo") }
        #expect(throws: GDALError.fileNotFound(path: "/nonexistent/zones.gpkg")) { try VectorDataset(path: "/nonexistent/zones.gpkg") }
    }
}
