import Foundation
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Attribute text as GIS tools show it, and polygons from curve-typed layers.
struct FieldAndCurveTests {
    /// Expected texts are `ogrinfo`'s for the same Real values (GDAL prints `%.15g`).
    @Test(arguments: [(52601.0, "52601"), (0.1 + 0.2, "0.3"), (1e20, "1e+20"), (-0.0, "0"), (1234567.5, "1234567.5"), (-7.0, "-7"), (1e-7, "1e-07")])
    func realsPrintAsOGRInfoShowsThem(value: Double, text: String) {
        #expect(FieldValue.real(value).description == text)
    }

    private func gpkg(from wkt: String, type: String, in dir: TemporaryDirectory) throws -> String {
        let csv = dir.file("zones.csv"), gpkg = dir.file("zones.gpkg")
        try "id,name,WKT\n1,Curved,\"\(wkt)\"\n".write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try ExternalTool.run("ogr2ogr", ["-f", "GPKG", gpkg, csv, "-a_srs", "EPSG:3794", "-nlt", type]).status == 0)
        return gpkg
    }

    /// A circle of radius 500 m drawn as one arc: GDAL's segments (at most 4° of arc each) make an
    /// inscribed polygon, whose area lies below πr² by at most 1 − sin 4° / (4° in radians) = 8.1e-4.
    @Test func anArcIsReadAsSegments() throws {
        let dir = try TemporaryDirectory()
        let path = try gpkg(from: "CURVEPOLYGON(CIRCULARSTRING(445000 120000,446000 120000,445000 120000))", type: "CURVEPOLYGON", in: dir)
        let features = try VectorDataset(path: path).layer().polygonFeatures()
        let circle = Double.pi * 500 * 500
        #expect(features.count == 1)
        #expect(features[0].geometry.area < circle && features[0].geometry.area > circle * (1 - 8.2e-4), "\(features[0].geometry.area)")
    }

    /// The districts copied into a MultiSurface layer keep their areas, as SpatiaLite measures them
    /// on the original layer (`ogrinfo -dialect SQLite … ST_Area`), and every vertex they had.
    @Test func straightRingsOfACurveTypedLayerStayAsTheyAre() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("districts.gpkg"), original = Fixtures.path("kranj/districts.gpkg")
        #expect(try ExternalTool.run("ogr2ogr", ["-f", "GPKG", path, original, "-nlt", "MULTISURFACE"]).status == 0)
        let curved = try VectorDataset(path: path).layer().polygonFeatures()
        let listing = try ExternalTool.run("ogrinfo", ["-ro", "-q", "-dialect", "SQLite", "-sql", "SELECT ST_Area(geom) AS a FROM districts", original]).output
        let areas = listing.split(separator: "\n").compactMap { $0.split(separator: "=").last.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } }
        #expect(areas.count == 26 && curved.count == 26)
        for (feature, area) in zip(curved, areas) { #expect(abs(feature.geometry.area - area) <= 1e-9 * area, "\(feature.fid)") }
        #expect(curved.map(\.geometry) == (try VectorDataset(path: original).layer().polygonFeatures()).map(\.geometry))
    }
}
