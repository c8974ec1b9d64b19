import Foundation
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// A corpus of hostile inputs, made here (or, for the real self-intersecting municipality of
/// Metlika, kept in `Fixtures/hostile/`): the CLI never crashes or hangs; bad input gives one line
/// naming the file and exit status 2, and nothing half-written is left behind.
struct HostileInputTests {
    let raster = Fixtures.kranjLandsat("ST_B10.TIF")

    /// Runs the CLI and checks it did not hang: each of these runs takes a second or two, so ten
    /// minutes is no speed limit, only a bound past which the run is killed as hung.
    func run(_ arguments: [String]) throws -> ExternalTool.Outcome {
        let outcome = try ExternalTool.run(CLIRunner.executable, arguments, killAfter: 600)
        #expect(!outcome.hung, "killed after ten minutes: \(arguments)")
        return outcome
    }

    func expectRejected(_ arguments: [String], naming needle: String, because reason: String? = nil) throws {
        let outcome = try run(arguments)
        #expect(outcome.status == 2, "exit \(outcome.status) for \(arguments): \(outcome.error)")
        #expect(outcome.error.split(separator: "\n").count == 1, "\(outcome.error)")
        #expect(outcome.error.contains(needle), "\(outcome.error)")
        if let reason { #expect(outcome.error.contains(reason), "\(outcome.error)") }
    }

    func raw(_ name: String, width: Int, height: Int, values: [Float], unit: String? = "degC", srs: String? = "EPSG:32633",
             geoTransform: String = "450000, 30, 0, 5125000, 0, -30", in dir: TemporaryDirectory) throws -> String {
        var r = HandMadeRaster(width: width, height: height, values: .float32(values))
        (r.unit, r.srs, r.geoTransform) = (unit, srs, geoTransform)
        return try r.write(named: name, in: dir)
    }

    func zones(_ json: String, in dir: TemporaryDirectory, name: String = "zones.geojson") throws -> String {
        let path = dir.file(name)
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    // MARK: rasters

    /// Cells 2e19 m wide on a grid true to scale at its origin: the warning that the 150 m radius
    /// is less than a cell converted the width to Int and trapped; the run now goes on to the
    /// districts, which cover no cell's area there.
    @Test func cellsWiderThanIntAreNamedNotTrappedOn() throws {
        let dir = try TemporaryDirectory()
        let tm = "+proj=tmerc +lat_0=0 +lon_0=15 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
        let path = try raw("huge.vrt", width: 3, height: 3, values: [20, 21, 22, 23, 24, 25, 26, 27, 28], srs: tm,
                           geoTransform: "-3e19, 2e19, 0, 3e19, 0, -2e19", in: dir)
        let run = try run(["analyze", "--raster", path, "--zones", Fixtures.path("kranj/districts.geojson"), "--out", dir.file("out")])
        #expect(run.status == 2, "exit \(run.status): \(run.error)")
        #expect(run.error.contains("smaller than one 20000000000000000000 m cell") && run.error.contains("encloses no area"), "\(run.error)")
    }

    @Test func emptyAndRandomFiles() throws {
        let dir = try TemporaryDirectory()
        let empty = dir.file("empty.tif")
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        // Said to be empty, not of an unknown format (GDAL's words), as a raster and as zones.
        try expectRejected(["info", "--raster", empty], naming: empty, because: "the file is empty (0 bytes)")
        let emptyZones = dir.file("empty.geojson")
        _ = FileManager.default.createFile(atPath: emptyZones, contents: Data())
        try expectRejected(["zonal", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--zones", emptyZones], naming: emptyZones, because: "the file is empty (0 bytes)")
        // An output whose folder is a file is told so, not as a folder that does not exist.
        let underFile = dir.file("empty.geojson/x.csv")
        try expectRejected(["zonal", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--zones", Fixtures.path("kranj/districts.gpkg"), "--output", underFile],
                           naming: underFile, because: "\(emptyZones) is a file, not a directory")
        // Seeded, so that a failure can be replayed.
        var generator = SplitMix64(seed: 4096)
        let noise = dir.file("noise_ST_B10.TIF")
        _ = FileManager.default.createFile(atPath: noise, contents: Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        try expectRejected(["info", "--raster", noise], naming: noise)
    }

    /// Cut before the end of its first directory (which starts 192 bytes in) the file does not open; cut after it,
    /// it opens and is called damaged. At 500 bytes the directory is there but not the GeoTIFF keys
    /// it points to: that read "has no coordinate reference system".
    @Test(arguments: [8, 200, 500, 4096, 100_000, 300_000])
    func truncatedGeoTIFFs(_ length: Int) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("cut_\(length).tif")
        let whole = try Data(contentsOf: URL(fileURLWithPath: Fixtures.landsatSample("ST_B10.TIF")))
        try whole.prefix(length).write(to: URL(fileURLWithPath: path))
        try expectRejected(["info", "--raster", path, "--product", "landsat", "--no-qa"], naming: path,
                           because: length <= 200 ? "cannot open" : "the file is damaged or cut short")
    }

    @Test func geographicRasterWithARadiusInMetres() throws {
        let dir = try TemporaryDirectory()
        let path = try raw("wgs84.vrt", width: 4, height: 3, values: (0..<12).map { 20 + Float($0) }, srs: "EPSG:4326",
                           geoTransform: "14.3, 0.001, 0, 46.2, 0, -0.001", in: dir)
        try expectRejected(["hotspots", "--raster", path, "--radius", "150m", "--output", dir.file("h.tif")], naming: "EPSG:4326", because: "degrees")
        #expect(!FileManager.default.fileExists(atPath: dir.file("h.tif")))
    }

    /// A scene far from Slovenia into the default D96/TM, made for Slovenia: refused before
    /// anything is warped, naming its own UTM zone (the real Bolivian sample had come out distorted,
    /// 36 200 × 35 935 cells). `analyze` reprojects to the same default. The second scene lies
    /// across the antimeridian (Taveuni, Fiji: 180° runs 89 m from its west edge): its longitudes
    /// jump from 180 to −180, and the check had been skipped, so it was warped into D96/TM upside
    /// down, 23 000 km south of Slovenia.
    @Test(arguments: [("bolivia", "EPSG:32720", "500000, 30, 0, 8100000, 0, -30"), ("fiji", "EPSG:32760", "819700, 30, 0, 8140200, 0, -30")])
    func aSceneFarFromTheTargetCRSAreaIsNotReprojectedIntoIt(_ scene: (name: String, srs: String, geoTransform: String)) throws {
        let dir = try TemporaryDirectory()
        let path = try raw("\(scene.name).vrt", width: 4, height: 3, values: (0..<12).map { 20 + Float($0) }, srs: scene.srs,
                           geoTransform: scene.geoTransform, in: dir)
        try expectRejected(["reproject", "--raster", path, "--output", dir.file("r.tif")], naming: path,
                           because: "lies wholly outside the area EPSG:3794 is made for (Slovenia")
        try expectRejected(["reproject", "--raster", path, "--output", dir.file("r.tif")], naming: path, because: "such as its UTM zone \(scene.srs)")
        #expect(dir.entries() == ["\(scene.name).vrt", "\(scene.name).vrt.raw"])
        let run = try run(["reproject", "--raster", path, "--output", dir.file("r.tif"), "--to", scene.srs])
        #expect(run.status == 0, "\(run.error)")
    }

    /// `analyze` refuses a grid in degrees with a radius in metres, and a scene outside the target
    /// CRS's area, before its slow steps: both had failed only after the district statistics,
    /// whose table had been announced and was then removed.
    @Test func analyzeRefusesWhatWouldEndItBeforeTheSlowSteps() throws {
        let dir = try TemporaryDirectory()
        let degrees = try raw("kranj_wgs84.vrt", width: 150, height: 80, values: (0..<12_000).map { 20 + Float($0 % 150) / 10 }, srs: "EPSG:4326",
                              geoTransform: "14.2, 0.002, 0, 46.33, 0, -0.002", in: dir)
        let inDegrees = try run(["analyze", "--raster", degrees, "--zones", Fixtures.path("kranj/districts.geojson"), "--out", dir.file("a"), "--quiet"])
        #expect(inDegrees.status != 0 && inDegrees.error.contains("degrees"), "\(inDegrees.error)")
        #expect(!inDegrees.output.contains("Districts, hottest first"), "\(inDegrees.output)")
        let bolivia = try raw("bolivia.vrt", width: 40, height: 40, values: (0..<1600).map { 20 + Float($0 % 40) / 10 }, srs: "EPSG:32720",
                              geoTransform: "500000, 30, 0, 8100000, 0, -30", in: dir)
        let square = try zones(#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32720"}},"features":[{"type":"Feature","properties":{"id":"a","name":"a"},"geometry":{"type":"Polygon","coordinates":[[[500100,8099100],[500500,8099100],[500500,8099500],[500100,8099500],[500100,8099100]]]}},{"type":"Feature","properties":{"id":"b","name":"b"},"geometry":{"type":"Polygon","coordinates":[[[500500,8099100],[500900,8099100],[500900,8099500],[500500,8099500],[500500,8099100]]]}},{"type":"Feature","properties":{"id":"c","name":"c"},"geometry":{"type":"Polygon","coordinates":[[[500100,8099500],[500500,8099500],[500500,8099900],[500100,8099900],[500100,8099500]]]}}]}"#, in: dir)
        let outside = try run(["analyze", "--raster", bolivia, "--zones", square, "--out", dir.file("b"), "--quiet"])
        #expect(outside.status != 0 && outside.error.contains("lies wholly outside the area EPSG:3794 is made for"), "\(outside.error)")
        #expect(!outside.output.contains("Districts, hottest first"), "\(outside.output)")
        // With its own UTM zone as the target the same run goes through.
        let own = try run(["analyze", "--raster", bolivia, "--zones", square, "--out", dir.file("c"), "--quiet", "--to", "EPSG:32720", "--radius", "2px"])
        #expect(own.status == 0, "\(own.error)")
    }

    /// Three districts each a third on the scene: none is ranked, and the summary line says so
    /// (it had read "Districts, hottest first: : …").
    @Test func analyzeSaysWhenNoDistrictCanBeRanked() throws {
        let dir = try TemporaryDirectory()
        let scene = try raw("edge.vrt", width: 40, height: 40, values: (0..<1600).map { 20 + Float($0 % 40) / 10 }, srs: "EPSG:32720",
                            geoTransform: "500000, 30, 0, 8100000, 0, -30", in: dir)
        let features = (0..<3).map { k in
            let y = 8_098_900 + 300 * k
            return #"{"type":"Feature","properties":{"id":"\#(k)","name":"d\#(k)"},"geometry":{"type":"Polygon","coordinates":[[[501000,\#(y)],[501600,\#(y)],[501600,\#(y + 300)],[501000,\#(y + 300)],[501000,\#(y)]]]}}"#
        }
        let edge = try zones(#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32720"}},"features":["# + features.joined(separator: ",") + "]}", in: dir)
        let run = try run(["analyze", "--raster", scene, "--zones", edge, "--out", dir.file("o"), "--quiet", "--to", "EPSG:32720", "--radius", "2px"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("Districts: none has a temperature on enough of its area to be ranked"), "\(run.output)")
    }

    /// Without --resolution the city grid takes the scene's own cell size on the ground: a MODIS
    /// scene (926.6 m cells on MODIS's sphere) is no longer blown up to 30 m cells, which had made a
    /// whole tile 39 433 × 37 264 cells (19.5 GB).
    @Test func analyzeKeepsTheScenesCellSizeByDefault() throws {
        let dir = try TemporaryDirectory()
        let run = try run(["analyze", "--raster", Fixtures.kranjMODIS, "--zones", Fixtures.path("kranj/districts.geojson"), "--out", dir.file("m"), "--quiet"])
        #expect(run.status == 0, "\(run.error)")
        let info = try ExternalTool.run("gdalinfo", ["-json", dir.file("m/lst_celsius.tif")]).output
        let json = try JSONSerialization.jsonObject(with: Data(info.utf8)) as? [String: Any] ?? [:]
        let cell = try #require((json["geoTransform"] as? [Double])?[1])
        #expect(cell > 900 && cell < 960, "\(cell) m")
    }

    /// A raster in a local engineering CRS, which PROJ cannot relate to any other: reprojecting it
    /// names the raster (the warper alone named the output), zonal statistics the zones it cannot
    /// bring onto it.
    @Test func localCoordinateSystemNamesTheFileAtFault() throws {
        let dir = try TemporaryDirectory()
        let path = try raw("local.vrt", width: 4, height: 3, values: (0..<12).map { 20 + Float($0) },
                           srs: #"LOCAL_CS["arbitrary",UNIT["metre",1]]"#, in: dir)
        try expectRejected(["reproject", "--raster", path, "--output", dir.file("r.tif")], naming: path, because: "cannot be transformed to EPSG:3794")
        let zones = Fixtures.path("kranj/districts.gpkg")
        try expectRejected(["zonal", "--raster", path, "--zones", zones], naming: zones, because: "cannot be reprojected to arbitrary")
        #expect(dir.entries() == ["local.vrt", "local.vrt.raw"])
    }

    /// A grid placed a billion metres east, beyond where D96/TM can be inverted: its cells' ground
    /// size cannot be worked out. Streamed or in memory, the error names the raster (streamed, it
    /// was PROJ's words alone); so do `analyze` (it named no file) and `reproject` to another CRS
    /// (it named the output, in the warper's words about output bounds), which leave nothing behind.
    @Test func aGridOutsideItsProjectionsDomainNamesTheRaster() throws {
        let dir = try TemporaryDirectory()
        let path = try raw("far.vrt", width: 4, height: 3, values: (0..<12).map { 20 + Float($0) }, srs: "EPSG:3794",
                           geoTransform: "1e12, 30, 0, 5e6, 0, -30", in: dir)
        let zones = Fixtures.path("kranj/districts.gpkg")
        for mode in [[], ["--in-memory"]] {
            try expectRejected(["zonal", "--raster", path, "--zones", zones] + mode, naming: path, because: "cannot be transformed")
        }
        try expectRejected(["analyze", "--raster", path, "--zones", zones, "--output", dir.file("out")], naming: path, because: "cannot be transformed")
        try expectRejected(["reproject", "--raster", path, "--to", "EPSG:32633", "--output", dir.file("r.tif")], naming: path, because: "cannot be transformed")
        #expect(dir.entries() == ["far.vrt", "far.vrt.raw"])
    }

    @Test func rotatedGridForZonalStatistics() throws {
        let dir = try TemporaryDirectory()
        let path = try raw("rotated.vrt", width: 4, height: 3, values: (0..<12).map { 20 + Float($0) },
                           geoTransform: "450000, 30, 5, 5125000, 5, -30", in: dir)
        let z = try zones(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":1},"geometry":{"type":"Polygon","coordinates":[[[14.33,46.25],[14.34,46.25],[14.34,46.26],[14.33,46.25]]]}}]}"#, in: dir)
        try expectRejected(["zonal", "--raster", path, "--zones", z], naming: path, because: "rotated")
        // analyze computes hot spots on the scene's own grid, so a radius in metres is refused there
        // too, naming the raster.
        try expectRejected(["analyze", "--raster", path, "--zones", z, "--output", dir.file("out")], naming: path, because: "rotated")
        // info describes it: each side of a cell is 30 m along one axis and 5 m along the other.
        let info = try run(["info", "--raster", path])
        #expect(info.status == 0 && info.output.contains("4 × 3 pixels of 30.41 × 30.41 m (rotated grid)"), "\(info.output)\(info.error)")
    }

    @Test func allNodataAndWrongUnits() throws {
        let dir = try TemporaryDirectory()
        let empty = try raw("nan.vrt", width: 3, height: 2, values: [Float](repeating: .nan, count: 6), in: dir)
        try expectRejected(["info", "--raster", empty], naming: empty, because: "no valid pixels")
        let kelvin = try raw("kelvin.vrt", width: 3, height: 2, values: [295, 300, 305, 310, 299, 301], in: dir)
        try expectRejected(["info", "--raster", kelvin, "--product", "celsius"], naming: kelvin, because: "implausible")
        // The streaming paths find the same problems in their first pass, and write nothing.
        let out = dir.file("h.tif")
        try expectRejected(["hotspots", "--streaming", "--raster", empty, "--radius", "1px", "--output", out], naming: empty, because: "no valid pixels")
        try expectRejected(["hotspots", "--streaming", "--raster", kelvin, "--product", "celsius", "--radius", "1px", "--output", out],
                           naming: kelvin, because: "implausible")
        #expect(!FileManager.default.fileExists(atPath: out) && dir.entries().allSatisfy { !$0.contains("h.tif") })
        // Three pixels in ten in kelvin: under the half that stops the run, but said, in memory and streamed.
        let partly = try raw("partly.vrt", width: 5, height: 2, values: [21, 22, 300, 23, 24, 301, 25, 26, 302, 27], in: dir)
        let warning = "\(partly): 30 % of the unmasked pixels (3 of 10) lie outside -40.00…80.00 °C and were dropped"
        let info = try run(["info", "--raster", partly])
        #expect(info.status == 0 && info.error.contains(warning) && info.output.contains("valid 7 of 10"), "\(info.error)")
        let streamed = try run(["hotspots", "--streaming", "--raster", partly, "--radius", "1px", "--output", dir.file("p.tif")])
        #expect(streamed.status == 0 && streamed.error.contains(warning), "\(streamed.error)")
    }

    @Test func infinitiesAndOneByOneRasters() throws {
        let dir = try TemporaryDirectory()
        let mixed = try raw("inf.vrt", width: 3, height: 2, values: [20, .infinity, -.infinity, .nan, 25, 30], in: dir)
        let info = try run(["info", "--raster", mixed])
        #expect(info.status == 0 && info.output.contains("valid 3 of 6"))
        let single = try raw("one.vrt", width: 1, height: 1, values: [21], in: dir)
        #expect(try run(["info", "--raster", single]).status == 0)
        try expectRejected(["hotspots", "--raster", single, "--radius", "1px", "--output", dir.file("h.tif")], naming: single, because: "Gi*")
        try expectRejected(["hotspots", "--streaming", "--raster", single, "--radius", "1px", "--output", dir.file("h.tif")], naming: single, because: "Gi*")
        // Infinities are missing cells in the streamed map too: three valid cells of six.
        let streamed = try run(["hotspots", "--streaming", "--raster", mixed, "--radius", "1px", "--output", dir.file("inf.tif")])
        #expect(streamed.status == 0, "\(streamed.error)")
        let z: [Float] = try RasterDataset(path: dir.file("inf.tif")).band(1).readRaw()
        #expect(z.map(\.isFinite) == [true, false, false, false, true, true])
    }

    // MARK: zones

    /// A table without coordinates (a CSV of names) given as zones is said to hold no geometry,
    /// not to lack a CRS.
    @Test func aTableWithoutGeometryIsNoZones() throws {
        let dir = try TemporaryDirectory()
        let table = try zones("id,name\n1,Center\n2,Huje\n", in: dir, name: "districts.csv")
        try expectRejected(["zonal", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--zones", table], naming: table, because: "has no geometry")
    }

    @Test func emptyNestedAndNonPolygonZones() throws {
        let dir = try TemporaryDirectory()
        let empty = try zones(#"{"type":"FeatureCollection","features":[]}"#, in: dir, name: "empty.geojson")
        try expectRejected(["zonal", "--raster", raster, "--zones", empty], naming: empty)
        let nested = try zones(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), in: dir, name: "nested.geojson")
        try expectRejected(["zonal", "--raster", raster, "--zones", nested], naming: nested)
        let points = try zones(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":1},"geometry":{"type":"Point","coordinates":[14.35,46.24]}}]}"#, in: dir, name: "points.geojson")
        try expectRejected(["zonal", "--raster", raster, "--zones", points], naming: points, because: "not a polygon")
        let hollow = try zones(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":1},"geometry":{"type":"Polygon","coordinates":[]}}]}"#, in: dir, name: "hollow.geojson")
        try expectRejected(["zonal", "--raster", raster, "--zones", hollow], naming: hollow, because: "empty")
        // Found by fuzzing (Tests/Fuzz/Corpus/zones/found_jml): a file that starts like OpenJUMP JML
        // is taken by GDAL's JML driver, which complains while the layer is first read; those
        // complaints stay off standard error.
        for name in ["jml.geojson", "jml.shp"] {
            let jml = dir.file(name)
            try FileManager.default.copyItem(atPath: Fixtures.packageRoot.path + "/Tests/Fuzz/Corpus/zones/found_jml", toPath: jml)
            try expectRejected(["zonal", "--raster", raster, "--zones", jml], naming: jml)
        }
    }

    @Test func everyFuzzCorpusInputPrintsOnlyOurLines() throws {
        // Whatever the committed corpus holds (seeds and findings), standard error carries only
        // kranj-heat's own lines: GDAL's messages are captured, never printed beside them.
        let dir = try TemporaryDirectory()
        let corpus = Fixtures.packageRoot.path + "/Tests/Fuzz/Corpus/"
        func expectOnlyOurLines(_ arguments: [String]) throws {
            let outcome = try run(arguments)
            #expect(outcome.status == 0 || outcome.status == 2, "\(arguments): exit \(outcome.status)")
            let foreign = outcome.error.split(separator: "\n").filter { !$0.hasPrefix("kranj-heat:") }
            #expect(foreign.isEmpty, "\(arguments): \(foreign)")
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus + "raster") {
            let path = dir.file("LC09_L2SP_190028_20240715_20240716_02_T1_ST_B10.TIF")
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.copyItem(atPath: corpus + "raster/" + name, toPath: path)
            try expectOnlyOurLines(["hotspots", "--raster", path, "--radius", "1px", "--output", dir.file("h.tif")])
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus + "zones") {
            for ext in ["geojson", "shp", "gpkg"] {
                let path = dir.file("zones." + ext)
                try? FileManager.default.removeItem(atPath: path)
                try FileManager.default.copyItem(atPath: corpus + "zones/" + name, toPath: path)
                try expectOnlyOurLines(["zonal", "--raster", raster, "--zones", path])
            }
        }
    }

    @Test func corruptGeoTIFFKeysAreOneLine() throws {
        // Found by fuzzing (Tests/Fuzz/Corpus/raster/found_corrupt_geokeys.tif): GDAL reads GeoTIFF
        // keys only when the CRS is first asked for, and warned about the corrupt ones on stderr.
        let dir = try TemporaryDirectory()
        let path = dir.file("LC09_L2SP_190028_20240715_20240716_02_T1_ST_B10.TIF")
        try FileManager.default.copyItem(atPath: Fixtures.packageRoot.path + "/Tests/Fuzz/Corpus/raster/found_corrupt_geokeys.tif", toPath: path)
        try expectRejected(["info", "--raster", path], naming: path, because: "no coordinate reference system")
        try expectRejected(["hotspots", "--raster", path, "--radius", "1px", "--output", dir.file("h.tif")], naming: path)
    }

    @Test func invalidJSONUnclosedRingsAndZonesMissingTheRaster() throws {
        let dir = try TemporaryDirectory()
        let broken = try zones(#"{"type":"FeatureCollection","features":[{"type":"#, in: dir, name: "broken.geojson")
        try expectRejected(["zonal", "--raster", raster, "--zones", broken], naming: broken)
        // GDAL warns about (and closes) an unclosed ring; the warning must not reach the user as a second line.
        let unclosed = try zones(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"u"},"geometry":{"type":"Polygon","coordinates":[[[14.33,46.23],[14.36,46.23],[14.36,46.25],[14.33,46.25]]]}}]}"#, in: dir, name: "unclosed.geojson")
        try expectRejected(["zonal", "--raster", raster, "--zones", unclosed], naming: unclosed, because: "unclosed")
        // A zone near Novo mesto, 60 km from the Kranj scene: with no zone on the raster the run
        // fails, in both the streaming and the in-memory path.
        let far = try zones(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"far"},"geometry":{"type":"Polygon","coordinates":[[[15.1,45.8],[15.2,45.8],[15.2,45.9],[15.1,45.9],[15.1,45.8]]]}}]}"#, in: dir, name: "far.geojson")
        try expectRejected(["zonal", "--raster", raster, "--zones", far], naming: far, because: "no zone overlaps")
        try expectRejected(["zonal", "--in-memory", "--raster", raster, "--zones", far], naming: far, because: "no zone overlaps")
        #expect(dir.entries().allSatisfy { $0.hasSuffix(".geojson") })
    }

    @Test func duplicateIDsAreReportedAndKept() throws {
        let dir = try TemporaryDirectory()
        let square = #"{"type":"Feature","properties":{"id":"same"},"geometry":{"type":"Polygon","coordinates":[[[14.33,46.23],[14.36,46.23],[14.36,46.25],[14.33,46.25],[14.33,46.23]]]}}"#
        let twice = try zones(#"{"type":"FeatureCollection","features":["# + square + "," + square + "]}", in: dir)
        let outcome = try run(["zonal", "--raster", raster, "--zones", twice])
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.error.contains("zone id 'same' is used more than once"))
        #expect(outcome.output.split(separator: "\n").filter { $0.hasPrefix("same,") }.count == 2)
    }

    @Test func realSelfIntersectingMunicipality() throws {
        // Metlika's GURS outline (OB_ID 73) crosses itself near 15.3075 E 45.6931 N.
        let path = Fixtures.path("hostile/metlika_and_kranj.geojson")
        try expectRejected(["zonal", "--raster", raster, "--zones", path], naming: path, because: "Metlika")
        let repaired = try run(["zonal", "--raster", raster, "--zones", path, "--repair"])
        #expect(repaired.status == 0, "\(repaired.error)")
        #expect(repaired.error.contains("zone 73 (Metlika) had an invalid geometry and was repaired"))
        // Kranj itself (OB_ID 52) still gets its statistics.
        #expect(repaired.output.contains("\n52,Kranj,"))
        // Asked to skip bad zones instead: Kranj gets its row, Metlika is left out with a warning.
        let skipped = try run(["zonal", "--raster", raster, "--zones", path, "--skip-bad-zones"])
        #expect(skipped.status == 0, "\(skipped.error)")
        #expect(skipped.error.contains("skipped:") && skipped.error.contains("Metlika"))
        #expect(skipped.output.contains("\n52,Kranj,") && !skipped.output.contains("Metlika"))
    }

    @Test func goodZonesOfAMixedFileCountWhenBadOnesAreSkipped() throws {
        let dir = try TemporaryDirectory()
        let square = #"{"type":"Feature","properties":{"id":"good","name":"Good"},"geometry":{"type":"Polygon","coordinates":[[[14.33,46.23],[14.36,46.23],[14.36,46.25],[14.33,46.25],[14.33,46.23]]]}}"#
        let point = #"{"type":"Feature","properties":{"id":"point"},"geometry":{"type":"Point","coordinates":[14.35,46.24]}}"#
        let empty = #"{"type":"Feature","properties":{"id":"empty"},"geometry":{"type":"Polygon","coordinates":[]}}"#
        let bowtie = #"{"type":"Feature","properties":{"id":"bowtie"},"geometry":{"type":"Polygon","coordinates":[[[14.33,46.23],[14.36,46.25],[14.36,46.23],[14.33,46.25],[14.33,46.23]]]}}"#
        let mixed = try zones(#"{"type":"FeatureCollection","features":["# + [point, square, empty, bowtie].joined(separator: ",") + "]}", in: dir)
        try expectRejected(["zonal", "--raster", raster, "--zones", mixed], naming: mixed, because: "not a polygon")
        let outcome = try run(["zonal", "--raster", raster, "--zones", mixed, "--skip-bad-zones"])
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.split(separator: "\n").count == 2 && outcome.output.contains("\ngood,Good,"))
        #expect(outcome.error.split(separator: "\n").filter { $0.contains("skipped:") }.count == 3)
        let nothingUsable = try zones(#"{"type":"FeatureCollection","features":["# + [point, empty].joined(separator: ",") + "]}", in: dir, name: "bad.geojson")
        try expectRejected(["zonal", "--raster", raster, "--zones", nothingUsable, "--skip-bad-zones"], naming: nothingUsable, because: "no usable feature")
    }

    @Test func absurdCoordinatesAndNonUTF8Names() throws {
        let dir = try TemporaryDirectory()
        let far = try zones(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":1},"geometry":{"type":"Polygon","coordinates":[[[1e308,1e308],[1e308,-1e308],[-1e308,1e308],[1e308,1e308]]]}}]}"#, in: dir, name: "far.geojson")
        // Not degrees at all, though GDAL labels the GeoJSON WGS 84: refused before PROJ sees them.
        try expectRejected(["zonal", "--raster", raster, "--zones", far], naming: far, because: "are not longitudes and latitudes")
        // "Šenčur" in Windows-1250 bytes: not UTF-8, which a GeoJSON must be. GDAL passes the bytes
        // on; the name would come out with replacement characters (U+FFFD), so it is refused.
        var bytes = Data(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":1,"name":""#.utf8)
        bytes += Data([0x8A, 0x65, 0x6E, 0xE8, 0x75, 0x72])
        bytes += Data(#""},"geometry":{"type":"Polygon","coordinates":[[[14.33,46.23],[14.36,46.23],[14.36,46.25],[14.33,46.25],[14.33,46.23]]]}}]}"#.utf8)
        let latin = dir.file("latin.geojson")
        try bytes.write(to: URL(fileURLWithPath: latin))
        try expectRejected(["zonal", "--raster", raster, "--zones", latin], naming: latin, because: "the 'name' field is not UTF-8 text")
    }
}
