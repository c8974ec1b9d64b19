import Foundation
import HeatIsland
import HeatIslandMaps
import HeatIslandTestSupport
import Testing

/// The map is checked through GDAL (which reads PNG): size, colours where they must be, and no
/// half-written file on failure.
struct HeatMapTests {
    @Test func kranjMapHasTheExpectedLayout() throws {
        let dir = try TemporaryDirectory()
        let scene = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        let zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference)
        let path = dir.file("map.png")
        try HeatMap(raster: scene.raster, zones: zones.zones, title: "Kranj", subtitle: "test").write(to: path, maxSide: 600)
        let info = try ExternalTool.run("gdalinfo", ["-json", path])
        let json = try JSONSerialization.jsonObject(with: Data(info.output.utf8)) as? [String: Any] ?? [:]
        // 600 px map + 205 px legend + 3 × 20 px margins wide; 600 + 70 header + 2 × 20 high.
        #expect(json["size"] as? [Int] == [865, 710])
        #expect(((json["bands"] as? [[String: Any]])?.count ?? 0) >= 3)  // RGB, or RGBA
        #expect(dir.entries() == ["map.png"])
        // The top-left corner is the white background (band 1 = red).
        let corner = try ExternalTool.run("gdallocationinfo", ["-valonly", "-b", "1", path, "2", "2"]).output
        #expect(corner.trimmingCharacters(in: .whitespacesAndNewlines) == "255")
    }

    @Test func svgIsADocumentOfTheRightSizeWithTheImage() throws {
        let dir = try TemporaryDirectory()
        let scene = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        let zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference)
        let path = dir.file("map.svg")
        try HeatMap(raster: scene.raster, zones: zones.zones, title: "Kranj", subtitle: "test").writeSVG(to: path, maxSide: 400)
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        // 400 + 205 + 60 wide, 400 + 70 + 40 high (points); text is drawn as glyph outlines by Cairo.
        #expect(svg.contains("<svg") && svg.contains("width=\"665\"") && svg.contains("height=\"510\""))
        #expect(svg.contains("<image"))
        #expect(dir.entries() == ["map.svg"])
    }

    @Test func unwritableDestinationLeavesNothing() throws {
        let dir = try TemporaryDirectory()
        let scene = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        #expect(throws: HeatIslandError.self) {
            try HeatMap(raster: scene.raster, zones: [], title: "t", subtitle: "s").write(to: dir.file("missing/map.png"))
        }
        #expect(dir.entries().isEmpty)
    }
}
