import Foundation
import HeatIsland
import HeatIslandTestSupport
import Testing

/// Shapefiles whose .dbf holds CP1250 text (as older Slovenian data does) without saying so: no
/// `.cpg` file and no code page in the header. GDAL then hands the bytes over as they are.
struct ZoneEncodingTests {
    private func cp1250Shapefile(in dir: TemporaryDirectory) throws -> String {
        let shapefile = dir.file("districts.shp")
        #expect(try ExternalTool.run("ogr2ogr", ["-f", "ESRI Shapefile", "-lco", "ENCODING=CP1250", shapefile, Fixtures.path("kranj/districts.gpkg")]).status == 0)
        try FileManager.default.removeItem(atPath: dir.file("districts.cpg"))
        return shapefile
    }

    /// Before, the run went on with every č, š and ž turned into U+FFFD ("Jo\u{FFFD}t").
    @Test func undeclaredTextThatIsNotUTF8IsRefused() throws {
        let dir = try TemporaryDirectory()
        let path = try cp1250Shapefile(in: dir)
        let text = thrownText { try ZoneSet.load(path: path) }
        #expect(text.contains("the 'name' field is not UTF-8 text"), "\(text)")
        #expect(text.contains("--encoding CP1250"), "\(text)")
    }

    /// Named, the encoding gives back the names of the GeoPackage the Shapefile was made from.
    @Test func aNamedEncodingReadsTheNames() throws {
        let dir = try TemporaryDirectory()
        var options = ZoneSet.Options()
        options.encoding = "CP1250"
        let zones = try ZoneSet.load(path: cp1250Shapefile(in: dir), options: options).zones
        let source = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg")).zones
        #expect(zones.map(\.name) == source.map(\.name))
        #expect(zones.map(\.name).contains("Čirče"))
    }

    /// A misspelt encoding is refused (GDAL would warn and pass the bytes through); a GeoPackage,
    /// UTF-8 by its standard, reads as without one, so that one option can serve every file of a run.
    @Test func anEncodingGDALDoesNotKnowIsRefusedAndAGeoPackageIgnoresOne() throws {
        let dir = try TemporaryDirectory()
        var options = ZoneSet.Options()
        options.encoding = "NO-SUCH-CODEPAGE"
        let unknown = thrownText { try ZoneSet.load(path: cp1250Shapefile(in: dir), options: options) }
        #expect(unknown.contains("cannot read text in the encoding 'NO-SUCH-CODEPAGE'"), "\(unknown)")
        options.encoding = "CP1250"
        let zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), options: options).zones
        #expect(zones.map(\.name).contains("Čirče"))
    }
}
