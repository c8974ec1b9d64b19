import Foundation
import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandMaps
import HeatIslandTestSupport
import Testing

/// The map is checked through GDAL (which reads PNG): size, colours where they must be, and no
/// half-written file on failure.
struct HeatMapTests {
    /// The Kranj fixture scene with its districts, no hot spots.
    static func kranjMap() throws -> HeatMap {
        let scene = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        let zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference)
        return HeatMap(raster: scene.raster, zones: zones.zones, title: "Kranj", subtitle: "test")
    }

    /// A 100 × 100 grid of 30 m cells centred at (x, y) in `crs`.
    static func grid(_ crs: Int, centre: (Double, Double)) throws -> HeatMap {
        let t = GeoTransform(originX: centre.0 - 1500, pixelWidth: 30, originY: centre.1 + 1500, pixelHeight: -30)
        let raster = try GeoRaster(width: 100, height: 100, transform: t, spatialReference: SpatialReference(epsg: crs), values: [Float](repeating: 25, count: 10_000))
        return HeatMap(raster: raster, zones: [], title: "t", subtitle: "s")
    }

    /// A grid of one value too large to widen into a range (1e20 + 1e-3 is 1e20) draws in one colour
    /// instead of trapping on the 0/0 of its scale.
    @Test func aConstantHugeGridDrawsWithoutTrapping() throws {
        let dir = try TemporaryDirectory()
        let t = GeoTransform(originX: 400_000, pixelWidth: 30, originY: 5_000_000, pixelHeight: -30)
        let raster = try GeoRaster(width: 4, height: 4, transform: t, spatialReference: SpatialReference(epsg: 32633), values: [Float](repeating: 1e20, count: 16))
        let map = HeatMap(raster: raster, zones: [], title: "t", subtitle: "s")
        try map.write(to: dir.file("m.png"))
        try map.writeSVG(to: dir.file("m.svg"))
        #expect(Set(dir.entries()) == ["m.png", "m.svg"])
    }

    /// A district reaching to y = 1.7e308: the margin around the districts overflows to ∞ and its
    /// pixel position is NaN, which trapped as it was converted; the crop stays within a grid's size
    /// of each edge.
    @Test func districtsReachingPastDoubleCropWithoutTrapping() throws {
        let t = GeoTransform(originX: 400_000, pixelWidth: 30, originY: 5_003_000, pixelHeight: -30)
        let raster = try GeoRaster(width: 100, height: 100, transform: t, spatialReference: SpatialReference(epsg: 32633), values: [Float](repeating: 25, count: 10_000))
        let sliver = MultiPolygon([Polygon(exterior: Ring([SIMD2(401_000, 5_001_000), SIMD2(401_500, 5_001_000), SIMD2(401_500, 1.7e308),
                                                          SIMD2(401_000, 1.7e308), SIMD2(401_000, 5_001_000)]))])
        let cropped = HeatMap(raster: raster, zones: [Zone(id: "a", name: "a", geometry: sliver)], title: "t", subtitle: "s").croppedToZones()
        #expect(cropped.raster.width <= 300 && cropped.raster.height <= 300)
    }

    /// True north at the map's centre, by hand: on the polar stereographic EPSG:3413 (central
    /// meridian 45° W) meridians run straight to the pole, so at Longyearbyen (15.6° E, 78.2° N;
    /// x, y from gdaltransform) north lies 15.6 + 45 = 60.6° anticlockwise of the map's up. The
    /// arrow had always pointed up. On Kranj's UTM grid it is within a degree of up.
    @Test func theNorthArrowPointsToTrueNorth() throws {
        let longyearbyen = try Self.grid(3413, centre: (1_117_433.72, -629_641.54))
        #expect(abs(longyearbyen.northAngle * 180 / .pi - -60.6) < 0.05, "\(longyearbyen.northAngle * 180 / .pi)°")
        #expect(abs(try Self.kranjMap().northAngle * 180 / .pi) < 1)
    }

    /// The scale bar in ground metres: on Web Mercator at 65° N a 30 m map cell is 30 · cos 65° =
    /// 12.68 m on the ground, so the 2 km bar of a 1000-cell-wide map at one pixel per cell is
    /// 2000 / 12.68 = 157.7 pixels (within 1 %: the ellipsoid). In map units it had been 66.7.
    @Test func theScaleBarIsMeasuredOnTheGround() throws {
        let t = GeoTransform(originX: 2_782_987.27 - 15_000, pixelWidth: 30, originY: 9_608_371.51 + 15_000, pixelHeight: -30)
        let raster = try GeoRaster(width: 1000, height: 1000, transform: t, spatialReference: SpatialReference(epsg: 3857), values: [Float](repeating: 25, count: 1_000_000))
        let bar = try #require(HeatMap(raster: raster, zones: [], title: "t", subtitle: "s").scaleBar(scale: 1))
        #expect(bar.metres == 2000)
        #expect(abs(bar.pixels / (2000 / (30 * cos(65 * Double.pi / 180))) - 1) < 0.01, "\(bar.pixels)")
    }

    @Test func kranjMapHasTheExpectedLayout() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("map.png")
        try Self.kranjMap().write(to: path, maxSide: 600)
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

    /// A 100 km grid of 100 m cells with one 2 × 3 km district near its middle: the crop keeps the
    /// district plus max(2 km, a fifth of 3 km) on every side = 6 × 7 km = 60 × 70 cells.
    @Test func croppedToZonesKeepsTheDistrictsAndTheirSurroundings() throws {
        let transform = GeoTransform(originX: 400_000, pixelWidth: 100, rowRotation: 0, originY: 5_200_000, columnRotation: 0, pixelHeight: -100)
        let raster = try GeoRaster(width: 1000, height: 1000, transform: transform, spatialReference: SpatialReference(epsg: 32633),
                                   values: (0..<1_000_000).map { Float($0 % 1000) })
        let (x0, y0) = (450_000.0, 5_150_000.0)
        let ring = Ring([SIMD2(x0, y0), SIMD2(x0 + 2_000, y0), SIMD2(x0 + 2_000, y0 + 3_000), SIMD2(x0, y0 + 3_000), SIMD2(x0, y0)])
        let zone = Zone(id: "1", name: "d", geometry: MultiPolygon([Polygon(exterior: ring)]))
        let classes = (0..<1_000_000).map { Int8($0 % 7 - 3) }
        let map = HeatMap(raster: raster, zones: [zone], hotspots: classes, title: "t", subtitle: "s").croppedToZones()
        #expect(map.raster.width == 60 && map.raster.height == 70)
        #expect(map.raster.transform.originX == x0 - 2_000 && map.raster.transform.originY == y0 + 3_000 + 2_000)
        // Column 480, row 450 of the original is the crop's top-left cell.
        #expect(map.raster.values.first == 480 && map.hotspots?.first == classes[450 * 1000 + 480])
        #expect(map.hotspots?.count == 60 * 70)
        // Zones covering the whole grid leave the map as it was.
        let whole = HeatMap(raster: raster, zones: [Zone(id: "2", name: "all", geometry: MultiPolygon([Polygon(exterior: Ring([
            SIMD2(400_000, 5_100_000), SIMD2(500_000, 5_100_000), SIMD2(500_000, 5_200_000), SIMD2(400_000, 5_200_000), SIMD2(400_000, 5_100_000)]))]))],
            title: "t", subtitle: "s").croppedToZones()
        #expect(whole.raster.width == 1000)
        // A district reaching 1 km past the grid's west edge (x 399 000…401 000): the frame keeps
        // the whole district (10 cells beyond the edge, padded as missing) and stops there, and the
        // margin applies on the other sides: y 5 147 000…5 153 000 with 2 km each way, x to 403 000.
        let edge = Ring([SIMD2(399_000, 5_149_000), SIMD2(401_000, 5_149_000), SIMD2(401_000, 5_151_000), SIMD2(399_000, 5_151_000)])
        let partial = HeatMap(raster: raster, zones: [Zone(id: "3", name: "edge", geometry: MultiPolygon([Polygon(exterior: edge)]))],
                              hotspots: classes, title: "t", subtitle: "s").croppedToZones()
        #expect(partial.raster.transform.originX == 399_000 && partial.raster.transform.originY == 5_153_000)
        #expect(partial.raster.width == 40 && partial.raster.height == 60)
        // Row 0 of the frame is row 470 of the grid: ten padded cells, then the grid's column 0 (value 0).
        #expect(partial.raster.values[0..<10].allSatisfy(\.isNaN) && partial.raster.values[10] == 0)
        #expect(partial.hotspots?[0] == 0 && partial.hotspots?[10] == classes[470 * 1000])
    }

    @Test func svgIsADocumentOfTheRightSizeWithTheImage() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("map.svg")
        try Self.kranjMap().writeSVG(to: path, maxSide: 400)
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

    /// Sides Cairo cannot take (or a map too small for its legend) are refused, and hot-spot
    /// classes that do not fit the grid leave the crop alone, for `write` to refuse with the file named.
    /// Cairo is opened when a map is drawn; without it the error names the map and the library.
    @Test func aMissingCairoIsATypedErrorNamingTheMap() {
        let error = #expect(throws: HeatIslandError.self) { _ = try Cairo.open(drawing: "/tmp/map.png", library: "libcairo-absent.so.9") }
        #expect(error?.description.hasPrefix("/tmp/map.png: Cairo (libcairo-absent.so.9, package libcairo2) is needed") == true, "\(String(describing: error))")
        #expect((try? Cairo.open(drawing: "/tmp/map.png")) != nil)
    }

    @Test func oddSidesAndMismatchedClassesAreRefused() throws {
        let dir = try TemporaryDirectory()
        let map = try Self.kranjMap()
        for side in [0, -1, 3_000_000_000] {
            #expect(performing: { try map.write(to: dir.file("m.png"), maxSide: side) }, throws: { "\($0)".contains("is not from 16 to 16 384") })
            #expect(performing: { try map.writeSVG(to: dir.file("m.svg"), maxSide: side) }, throws: { "\($0)".contains("is not from 16 to 16 384") })
        }
        let mismatched = HeatMap(raster: map.raster, zones: map.zones, hotspots: [1, 2, 3], title: "t", subtitle: "s").croppedToZones()
        #expect(mismatched.raster.width == map.raster.width)
        #expect(performing: { try mismatched.write(to: dir.file("m.png")) }, throws: { "\($0)".contains("do not match the raster") })
        #expect(dir.entries().isEmpty)
    }
}
