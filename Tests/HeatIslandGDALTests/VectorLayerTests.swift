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

    @Test func missingLayerAndFile() throws {
        #expect(throws: GDALError.self) { try VectorDataset(path: Fixtures.path("kranj/districts.gpkg")).layer("odo") }
        #expect(throws: GDALError.fileNotFound(path: "/nonexistent/zones.gpkg")) { try VectorDataset(path: "/nonexistent/zones.gpkg") }
    }
}
