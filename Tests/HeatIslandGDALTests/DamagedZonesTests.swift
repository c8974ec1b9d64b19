import Foundation
import HeatIslandGDAL
import HeatIslandTestSupport
import Testing

/// Zone files damaged so that GDAL still opens them and hands out fewer zones than they hold. The
/// 26 districts of the fixture are the reference count; every case once went on with a part of
/// them and no word.
struct DamagedZonesTests {
    /// Overwrites 16 bytes at `offset` with 0xFF.
    private func scribble(_ path: String, at offset: Int) throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes.replaceSubrange(offset..<offset + 16, with: [UInt8](repeating: 0xFF, count: 16))
        try bytes.write(to: URL(fileURLWithPath: path))
    }

    private func readAll(_ path: String) throws(GDALError) -> Int {
        try VectorDataset(path: path).layer().readPolygons(skipUnusable: false).features.count
    }

    private func districtsShapefile(in dir: TemporaryDirectory) throws -> String {
        let shapefile = dir.file("districts.shp")
        #expect(try ExternalTool.run("ogr2ogr", ["-f", "ESRI Shapefile", shapefile, Fixtures.path("kranj/districts.gpkg")]).status == 0)
        #expect(try readAll(shapefile) == 26)
        return shapefile
    }

    /// A corrupt page in the middle of a GeoPackage: SQLite reports "database disk image is
    /// malformed" on the next step, and OGR ends the layer there (after one district).
    @Test func aCorruptGeoPackagePageStopsTheReading() throws {
        let dir = try TemporaryDirectory()
        let gpkg = dir.file("districts.gpkg")
        try FileManager.default.copyItem(atPath: Fixtures.path("kranj/districts.gpkg"), toPath: gpkg)
        try scribble(gpkg, at: 19 * 4096)
        let text = thrownText { try readAll(gpkg) }
        #expect(text.contains("reading stopped after"), "\(text)")
        #expect(text.contains("malformed"), "\(text)")
    }

    /// A .dbf cut in half: GDAL fails to read record 13 and ends the layer.
    @Test func aTruncatedAttributeTableStopsTheReading() throws {
        let dir = try TemporaryDirectory()
        let shapefile = try districtsShapefile(in: dir)
        let dbf = URL(fileURLWithPath: dir.file("districts.dbf"))
        let bytes = try Data(contentsOf: dbf)
        try bytes.prefix(bytes.count / 2).write(to: dbf)
        let text = thrownText { try readAll(shapefile) }
        #expect(text.contains("reading stopped after"), "\(text)")
    }

    /// A .dbf whose header counts 20 records: GDAL reads 20 features without complaint, while the
    /// layer (from the .shx) holds 26; with one of the 20 also marked deleted, it reads 19.
    @Test(arguments: [false, true])
    func anAttributeTableCountingTooFewRecordsIsRefused(withADeletedRecord: Bool) throws {
        let dir = try TemporaryDirectory()
        let shapefile = try districtsShapefile(in: dir)
        let dbf = URL(fileURLWithPath: dir.file("districts.dbf"))
        var bytes = try Data(contentsOf: dbf)
        // dBASE header: the record count is a little-endian UInt32 at byte 4.
        bytes.replaceSubrange(4..<8, with: [20, 0, 0, 0])
        if withADeletedRecord { bytes[recordStart(bytes, 3)] = UInt8(ascii: "*") }
        try bytes.write(to: dbf)
        let text = thrownText { try readAll(shapefile) }
        #expect(text.contains("holds 26 features but only \(withADeletedRecord ? 19 : 20) could be read"), "\(text)")
    }

    /// Where record `index` of a dBASE table starts: header length (UInt16, little-endian) at
    /// byte 8, record length at byte 10.
    private func recordStart(_ table: Data, _ index: Int) -> Int {
        (Int(table[8]) | Int(table[9]) << 8) + index * (Int(table[10]) | Int(table[11]) << 8)
    }

    /// Not damage: a record marked deleted (`*` in its first byte, as editors leave it until the
    /// file is packed) is no feature, and the layer counts it out too, so the other 25 are read
    /// without an error.
    @Test func aDeletedRecordIsLeftOutWithoutAnError() throws {
        let dir = try TemporaryDirectory()
        let shapefile = try districtsShapefile(in: dir)
        let before = try VectorDataset(path: shapefile).layer().readPolygons(skipUnusable: false).features.map(\.fid)
        let dbf = URL(fileURLWithPath: dir.file("districts.dbf"))
        var bytes = try Data(contentsOf: dbf)
        bytes[recordStart(bytes, 3)] = UInt8(ascii: "*")
        try bytes.write(to: dbf)
        let after = try VectorDataset(path: shapefile).layer().readPolygons(skipUnusable: false).features.map(\.fid)
        #expect(after == before.filter { $0 != before[3] })
    }

    /// Without its .dbf a Shapefile opens with features numbered 0, 1 … and no names.
    @Test func aShapefileWithoutItsAttributeTableIsRefused() throws {
        let dir = try TemporaryDirectory()
        let shapefile = try districtsShapefile(in: dir)
        try FileManager.default.removeItem(atPath: dir.file("districts.dbf"))
        let text = thrownText { try readAll(shapefile) }
        #expect(text.contains("districts.dbf is missing"), "\(text)")
    }

    /// A hole, or a part of a MultiPolygon, with a position of one number: GDAL's GeoJSON reader
    /// leaves that ring out and says so only in a debug message, so the zone was counted whole
    /// (a 600 m square with its 400 m hole read as 360 000 m² instead of 200 000 m²).
    @Test(arguments: [
        #"{"type":"Polygon","coordinates":[[[445000,120000],[445600,120000],[445600,120600],[445000,120600],[445000,120000]],"#
            + #"[[445100,120100],[445100],[445500,120500],[445500,120100],[445100,120100]]]}"#,
        #"{"type":"MultiPolygon","coordinates":[[[[445000,120000],[445600,120000],[445600,120600],[445000,120600],[445000,120000]]],"#
            + #"[[[446000,120000],[446300],[446300,120300],[446000,120300],[446000,120000]]]]}"#,
    ])
    func aRingGDALCannotParseIsNotLeftOutSilently(geometry: String) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("zones.geojson")
        try (#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3794"}},"#
            + #""features":[{"type":"Feature","properties":{"name":"Holed"},"geometry":"# + geometry + "}]}")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let text = thrownText { try readAll(path) }
        #expect(text.contains("feature 0 (Holed): GDAL left out part of its geometry"), "\(text)")
    }

    /// An entry of `features` that is no object (a `null` from a faulty export): GDAL passes over
    /// it and counts 2 features, not 3, so one zone was missing without a word. Read with
    /// `skipUnusable`, the good features come through and the entry is reported.
    @Test(arguments: [("null", "null"), ("7", "a number or a boolean"), (#""Kokrica""#, "a string"), ("[]", "an array")])
    func anEntryThatIsNoFeatureIsNotPassedOverSilently(entry: String, kind: String) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("zones.geojson")
        let square = { (x: Int, name: String) in
            #"{"type":"Feature","properties":{"name":"\#(name)"},"geometry":{"type":"Polygon","coordinates":[[[\#(x),120000],[\#(x + 600),120000],[\#(x + 600),120600],[\#(x),120600],[\#(x),120000]]]}}"#
        }
        try (#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3794"}},"features":["#
            + square(445000, "A") + "," + entry + "," + square(446000, "B") + "]}")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let layer = try VectorDataset(path: path).layer()
        #expect(layer.featureCount == 2)
        let text = thrownText { try readAll(path) }
        #expect(text == "\(path): features[1] is \(kind), not a feature; GDAL would pass over it and leave its zone out. Remove the entry or make it a Feature")
        let (features, skipped) = try layer.readPolygons(skipUnusable: true)
        #expect(features.count == 2 && skipped.count == 1)
    }
}
