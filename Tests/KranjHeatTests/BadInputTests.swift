import Foundation
import HeatIslandTestSupport
import Testing

/// Bad input: one line on standard error naming the file and the cause, exit status 2, and no
/// output file left behind.
struct BadInputTests {
    func expectBadInput(_ arguments: [String], naming needle: String, in dir: TemporaryDirectory? = nil) throws {
        let run = try CLIRunner.run(arguments)
        #expect(run.status == 2, "exit \(run.status): \(run.error)")
        let lines = run.error.split(separator: "\n")
        #expect(lines.count == 1, "\(run.error)")
        #expect(run.error.contains(needle), "\(run.error)")
    }

    /// A header claiming 667 × 1 300 000 cells (3.5 GB decoded) under `ulimit -v` 3 GB: the memory
    /// allowed follows the limit (half of it), so the grid is refused with a typed error naming the
    /// file. Sized against the machine's RAM instead (half of it is more than 3.5 GB on any machine
    /// that runs the tests), the allocation aborted the process.
    /// (Sanitizer builds reserve terabytes of shadow address space and cannot start under a
    /// `ulimit -v`: `make test-asan` and `make test-tsan` say so through HEATISLAND_SANITIZER.)
    @Test(.disabled(if: ProcessInfo.processInfo.environment["HEATISLAND_SANITIZER"] != nil, "a sanitizer build cannot run under ulimit -v"))
    func aGridLargerThanTheProcessMayAllocateIsRefused() throws {
        let dir = try TemporaryDirectory()
        var huge = HandMadeRaster(width: 667, height: 1_300_000, values: .float32([]))
        huge.unit = "degC"
        let path = try huge.write(named: "huge.vrt", in: dir)
        let run = try ExternalTool.run("/bin/bash", ["-c", "ulimit -v 3000000; exec \"$0\" info --raster \"$1\"", CLIRunner.executable, path])
        #expect(run.status == 2, "exit \(run.status): \(run.error.prefix(300))")
        #expect(run.error.contains("\(path): a 667 × 1300000 grid does not fit in the"), "\(run.error.prefix(300))")
    }

    @Test func missingFile() throws {
        try expectBadInput(["info", "--raster", "/nonexistent/scene_ST_B10.TIF"], naming: "/nonexistent/scene_ST_B10.TIF: no such file")
    }

    @Test func notARaster() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("readme.tif")
        try "not a raster".write(toFile: path, atomically: true, encoding: .utf8)
        try expectBadInput(["info", "--raster", path], naming: path)
    }

    @Test func truncatedTIFF() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("cut_ST_B10.TIF")
        let whole = try Data(contentsOf: URL(fileURLWithPath: Fixtures.landsatSample("ST_B10.TIF")))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
        try expectBadInput(["info", "--raster", path, "--no-qa"], naming: path)
    }

    @Test func rasterWithoutCRS() throws {
        let dir = try TemporaryDirectory()
        var raster = HandMadeRaster(width: 2, height: 1, values: .float32([20, 21]))
        raster.srs = nil
        raster.unit = "degC"
        let path = try raster.write(named: "nocrs.vrt", in: dir)
        try expectBadInput(["info", "--raster", path], naming: "\(path): has no coordinate reference system")
    }

    /// A whole-world box in longitude and latitude has all four corners on the poles in UTM: it
    /// would reach no raster, and the error must say why rather than "no zone overlaps".
    @Test func wholeWorldPolygonIntoUTM() throws {
        let dir = try TemporaryDirectory()
        let zones = dir.file("world.geojson")
        try """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"w","name":"world"},"geometry":{"type":"Polygon",
         "coordinates":[[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]]}}]}
        """.write(toFile: zones, atomically: true, encoding: .utf8)
        try expectBadInput(["zonal", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--zones", zones],
                           naming: "\(zones): feature 0 (world): collapses to no area when reprojected to EPSG:32633")
    }

    /// A grid in metres tagged EPSG:4326 (a wrong `-a_srs`): read at its word, 30 "degree" cells.
    @Test func rasterInMetresTaggedGeographic() throws {
        let dir = try TemporaryDirectory()
        var raster = HandMadeRaster(width: 2, height: 1, values: .float32([20, 21]))
        raster.srs = "EPSG:4326"
        raster.unit = "degC"
        let path = try raster.write(named: "metres.vrt", in: dir)
        try expectBadInput(["info", "--raster", path], naming: "\(path): bad geotransform: its coordinates (x 450000.0…450060.0, y 5124970.0…5125000.0) are not longitudes and latitudes")
    }

    /// GeoPackage's srs_id 0 and −1 mean "undefined"; GDAL hands them over as placeholder CRSs
    /// ("Undefined geographic SRS", "Undefined Cartesian SRS"), which must count as none.
    @Test(arguments: [0, -1]) func geoPackageWithUndefinedSRS(srsID: Int) throws {
        let dir = try TemporaryDirectory()
        let zones = dir.file("undefined.gpkg")
        #expect(try ExternalTool.run("ogr2ogr", ["-f", "GPKG", zones, Fixtures.path("kranj/districts.gpkg"), "-a_srs", "None"]).status == 0)
        for table in ["gpkg_geometry_columns", "gpkg_contents"] {
            let sql = "UPDATE \(table) SET srs_id = \(srsID)"
            #expect(try ExternalTool.run("ogrinfo", [zones, "-sql", sql]).status == 0)
        }
        try expectBadInput(["zonal", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--zones", zones],
                           naming: "\(zones): has no coordinate reference system")
    }

    /// Districts that GDAL takes for WGS 84: a GeoJSON in metres without a crs member, and one
    /// whose crs PROJ does not know (GDAL drops it with a message and falls back to RFC 7946's
    /// default), whether its coordinates are metres or look like degrees.
    @Test(arguments: [
        ("", [441000, 5124000, 442000, 5125000], "its coordinates (x 441000.0…442000.0, y 5124000.0…5125000.0) are not longitudes and latitudes"),
        (#""crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::999999"}},"#, [441000, 5124000, 442000, 5125000],
         "declares a coordinate reference system that PROJ cannot read (PROJ: proj_create: crs not found)"),
        (#""crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::999999"}},"#, [14.3, 46.2, 14.4, 46.3],
         "declares a coordinate reference system that PROJ cannot read"),
    ])
    func geoJSONTakenForWGS84(crs: String, corners: [Double], problem: String) throws {
        let dir = try TemporaryDirectory()
        let zones = dir.file("zones.geojson")
        let (x0, y0, x1, y1) = (corners[0], corners[1], corners[2], corners[3])
        try """
        {"type":"FeatureCollection",\(crs)"features":[{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Polygon",
         "coordinates":[[[\(x0),\(y0)],[\(x1),\(y0)],[\(x1),\(y1)],[\(x0),\(y1)],[\(x0),\(y0)]]]}}]}
        """.write(toFile: zones, atomically: true, encoding: .utf8)
        try expectBadInput(["zonal", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--zones", zones], naming: "\(zones): \(problem)")
    }

    /// A GeoPackage that declares a geographic CRS over coordinates in metres is told so without
    /// GeoJSON's default, which has nothing to do with it.
    @Test func aGeoPackageLabelledGeographicOverMetres() throws {
        let dir = try TemporaryDirectory()
        let (metres, labelled) = (dir.file("metres.gpkg"), dir.file("labelled.gpkg"))
        #expect(try ExternalTool.run("ogr2ogr", ["-t_srs", "EPSG:32633", metres, Fixtures.path("kranj/districts.gpkg")]).status == 0)
        #expect(try ExternalTool.run("ogr2ogr", ["-a_srs", "EPSG:4326", labelled, metres]).status == 0)
        let run = try CLIRunner.run(["zonal", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--zones", labelled])
        #expect(run.status == 2 && run.error.contains("\(labelled): its coordinates (x 4") && run.error.contains("are not longitudes and latitudes, yet its CRS is geographic"), "\(run.error)")
        #expect(!run.error.contains("GeoJSON") && run.error.contains("Declare the CRS the coordinates are in (ogr2ogr -a_srs EPSG:…)"), "\(run.error)")
    }

    /// The scene given twice: GDAL's "not recognized as a supported file format" suggested damage.
    @Test func aRasterGivenAsZonesIsSaidToBeOne() throws {
        let scene = Fixtures.kranjLandsat("ST_B10.TIF")
        try expectBadInput(["zonal", "--raster", scene, "--zones", scene], naming: "\(scene): cannot open: it is a raster (GTiff), not a vector file of polygons")
    }

    @Test func unknownTargetCRS() throws {
        let dir = try TemporaryDirectory()
        try expectBadInput(
            ["reproject", "--raster", Fixtures.landsatSample("ST_B10.TIF"), "--to", "EPSG:999999", "--output", dir.file("x.tif")],
            naming: "EPSG:999999")
        #expect(dir.entries().isEmpty)
    }

    @Test func unwritableOutput() throws {
        let dir = try TemporaryDirectory()
        let target = dir.file("missing-dir/lst.tif")
        try expectBadInput(
            ["reproject", "--raster", Fixtures.landsatSample("ST_B10.TIF"), "--resolution", "2000", "--output", target],
            naming: target)
        #expect(dir.entries().isEmpty)
    }

    /// A read-only directory: permissions for an ordinary user; for root (who ignores permissions,
    /// as in CI containers) a directory of the read-only sysfs, where even root cannot create files.
    @Test(arguments: ["reproject", "hotspots"])
    func readOnlyDirectory(_ command: String) throws {
        let dir = try TemporaryDirectory()
        let locked = dir.file("locked")
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o555])
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked) }
        let parent = getuid() == 0 ? "/sys/kernel" : locked
        let target = parent + "/heat.tif"
        let arguments = command == "reproject"
            ? ["reproject", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--resolution", "2000", "--output", target]
            : ["hotspots", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--radius", "3px", "--streaming", "--output", target]
        try expectBadInput(arguments, naming: target)
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).allSatisfy { !$0.contains("heat.tif") })
    }

    @Test func unwritableSummary() throws {
        let dir = try TemporaryDirectory()
        let target = dir.file("missing-dir/run.json")
        try expectBadInput(["info", "--raster", Fixtures.landsatSample("ST_B10.TIF"), "--summary", target], naming: target)
    }

    /// A name in Latin-1 (café with é as the single byte 0xE9), as old archives have them: the file
    /// exists, so "no such file" would mislead; the byte is refused before anything is read.
    @Test func argumentThatIsNotUTF8() throws {
        let dir = try TemporaryDirectory()
        let run = try ExternalTool.run("/bin/sh", ["-c", #"cp "$2" "$3/caf$(printf '\351').gpkg" && "$0" zonal --raster "$1" --zones "$3/caf$(printf '\351').gpkg""#,
                                                   CLIRunner.executable, Fixtures.kranjLandsat("ST_B10.TIF"), Fixtures.path("kranj/districts.gpkg"), dir.path])
        #expect(run.status == 2)
        #expect(run.error.contains("argument 5 (\(dir.path)/caf\u{FFFD}.gpkg) is not valid UTF-8"), "\(run.error)")
    }

    @Test func usageMistakesAreBadInputToo() throws {
        let run = try CLIRunner.run(["reproject", "--raster", "x.tif"])
        #expect(run.status == 2)
        #expect(run.error.contains("--output"))
        // An option of the other kind of hot-spot analysis would be ignored: refused instead.
        let mixed = try CLIRunner.run(["hotspots", "--raster", Fixtures.landsatSample("ST_B10.TIF"), "--zones", "z.geojson", "--class-output", "c.tif"])
        #expect(mixed.status == 2 && mixed.error.contains("--class-output, --p and --shape are for cell hotspots"))
        let cells = try CLIRunner.run(["hotspots", "--raster", Fixtures.landsatSample("ST_B10.TIF"), "--radius", "3px", "--output", "h.tif", "--weights", "rook"])
        #expect(cells.status == 2 && cells.error.contains("are for district hotspots"))
        // Negative numbers after a space are values, not flags (a winter scene's range).
        let winter = try CLIRunner.run(["info", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--min-celsius", "-30", "--max-celsius", "60"])
        #expect(winter.status == 0, "\(winter.error)")
        // Limits that are no temperatures are said to be so, not "must be below" (1e308 is infinite
        // as a Float).
        for (option, value, reason) in [("--max-celsius", "inf", "--max-celsius must be a finite temperature"),
                                        ("--max-celsius", "1e308", "--max-celsius must be a finite temperature"),
                                        ("--min-celsius", "nan", "--min-celsius must be a finite temperature"),
                                        ("--min-celsius", "-300", "below absolute zero")] {
            let run = try CLIRunner.run(["info", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), option, value])
            #expect(run.status == 2 && run.error.contains(reason), "\(option) \(value): \(run.error)")
        }
        // A negative number is refused for what it means, not read as a missing value.
        let st = Fixtures.kranjLandsat("ST_B10.TIF")
        for (arguments, reason) in [(["analyze", "--raster", st, "--out", "o", "--ring-width", "-500"], "--ring-width must be a positive number of metres"),
                                    (["analyze", "--raster", st, "--out", "o", "--resolution", "-30"], "--resolution must be positive"),
                                    (["reproject", "--raster", st, "--output", "r.tif", "--resolution", "-30"], "--resolution must be a positive number"),
                                    (["info", "--raster", st, "--band", "-1"], "--band counts from 1"),
                                    (["hotspots", "--raster", st, "--zones", "z.geojson", "--seed", "-1"], "'-1' is invalid for '--seed")] {
            let run = try CLIRunner.run(arguments)
            #expect(run.status == 2 && run.error.contains(reason) && !run.error.contains("Missing value"), "\(arguments): \(run.error)")
            // ArgumentParser's findings begin as the commands' own do.
            #expect(run.error.hasPrefix("kranj-heat: error: "), "\(run.error)")
        }
        // Two columns named p90 would be ambiguous.
        let twice = try CLIRunner.run(["zonal", "--raster", Fixtures.landsatSample("ST_B10.TIF"), "--zones", "z.geojson", "--percentiles", "90, 95,90"])
        #expect(twice.status == 2 && twice.error.contains("percentile 90 is asked for twice"))
        // A refused radius says what a radius looks like, in both commands that take one.
        for command in [["hotspots", "--output", "h.tif"], ["analyze", "--out", "o"]] {
            let radius = try CLIRunner.run(command + ["--raster", Fixtures.landsatSample("ST_B10.TIF"), "--radius", "-5m"])
            #expect(radius.status == 2 && radius.error.contains("'-5m' is invalid for '--radius <radius>': a radius is a number that is not negative, in metres (150m) or cells (5px)"), "\(radius.error)")
        }
        // A city grid in degrees: 30 "m" cells would have been 30° wide.
        let degrees = try CLIRunner.run(["analyze", "--out", "o", "--to", "EPSG:4326"])
        #expect(degrees.status == 2 && degrees.error.contains("--to EPSG:4326 is a geographic CRS"), "\(degrees.error)")
        // A folder without scenes is bad input like any other (it was status 1, an internal failure).
        let empty = try TemporaryDirectory()
        let noScenes = try CLIRunner.run(["analyze", "--raster", empty.path, "--zones", "z.geojson", "--out", empty.file("o")])
        #expect(noScenes.status == 2 && noScenes.error.contains("\(empty.path): no LST scenes"), "\(noScenes.error)")
        // The temperature band given as its own QA band.
        let scene = Fixtures.kranjLandsat("ST_B10.TIF")
        let selfQA = try CLIRunner.run(["zonal", "--raster", scene, "--qa", scene, "--zones", Fixtures.path("kranj/districts.gpkg")])
        #expect(selfQA.status == 2 && selfQA.error.contains("--qa \(scene) is the temperature raster itself"), "\(selfQA.error)")
        // Help lists the product names the option takes, not the cases' raw values.
        let help = try CLIRunner.run(["info", "--help"])
        #expect(help.output.contains("(values: landsat, modis, kelvin, celsius)"), "\(help.output)")
    }

    @Test func aFullDiskOnStandardOutputIsAnErrorNotATrap() throws {
        // /dev/full fails every write with "No space left on device".
        let run = try ExternalTool.run("/bin/sh", ["-c", "\"$0\" zonal --raster \"$1\" --zones \"$2\" > /dev/full",
                                                   CLIRunner.executable, Fixtures.kranjLandsat("ST_B10.TIF"), Fixtures.path("kranj/districts.gpkg")])
        #expect(run.status == 2, "\(run.error)")
        #expect(run.error.contains("standard output") && !run.error.contains("Fatal error"))
        // info's description is its result too.
        let info = try ExternalTool.run("/bin/sh", ["-c", "\"$0\" info --raster \"$1\" > /dev/full", CLIRunner.executable, Fixtures.kranjLandsat("ST_B10.TIF")])
        #expect(info.status == 2 && info.error.contains("standard output"), "\(info.error)")
    }

    /// A standard error that cannot be written (full, or closed) loses the message, but the run
    /// still ends with its status and cleans up: the non-throwing write trapped (status 132), on
    /// every error, warning and usage mistake.
    @Test func aFullOrClosedStandardErrorIsNoTrap() throws {
        let dir = try TemporaryDirectory()
        for redirect in ["2>/dev/full", "2>&-"] {
            for arguments in ["info --raster \"$1/nope.tif\"", "info", "analyze --raster \"$1/nope.tif\" --output \"$1/out\""] {
                let run = try ExternalTool.run("/bin/sh", ["-c", "\"$0\" \(arguments) \(redirect)", CLIRunner.executable, dir.path])
                #expect(run.status == 2, "\(arguments) \(redirect): status \(run.status)")
            }
        }
        #expect(dir.entries().isEmpty)
    }

    @Test func outputToDevStdoutAppendsWhereStandardOutputAppends() throws {
        let dir = try TemporaryDirectory()
        try "earlier\n".write(toFile: dir.file("log.txt"), atomically: true, encoding: .utf8)
        let run = try ExternalTool.run("/bin/sh", ["-c", "\"$0\" zonal --raster \"$1\" --zones \"$2\" --output /dev/stdout >> \"$3\"",
                                                   CLIRunner.executable, Fixtures.kranjLandsat("ST_B10.TIF"), Fixtures.path("kranj/districts.gpkg"), dir.file("log.txt")])
        #expect(run.status == 0, "\(run.error)")
        let lines = try String(contentsOfFile: dir.file("log.txt"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "earlier" && lines.count == 28)
    }

    @Test func outputThroughASymbolicLinkKeepsTheLink() throws {
        let dir = try TemporaryDirectory()
        try "old\n".write(toFile: dir.file("target.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.file("link.csv"), withDestinationPath: dir.file("target.csv"))
        let run = try CLIRunner.run(["zonal", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--zones", Fixtures.path("kranj/districts.gpkg"), "--output", dir.file("link.csv")])
        #expect(run.status == 0, "\(run.error)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.file("link.csv")) == dir.file("target.csv"))
        #expect(try String(contentsOfFile: dir.file("target.csv"), encoding: .utf8).hasPrefix("id,name,count"))
    }

    /// /dev/shm is a memory file system: a new summary there is a file like any other. Every name
    /// under /dev was taken for a device and opened for writing in place, which failed for a file
    /// not there yet.
    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/shm")))
    func aSummaryOnDevShmIsWrittenAsAFile() throws {
        let summary = "/dev/shm/heatisland-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: summary) }
        let run = try CLIRunner.run(["info", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--summary", summary])
        #expect(run.status == 0, "\(run.error)")
        let attributes = try FileManager.default.attributesOfItem(atPath: summary)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(try String(contentsOfFile: summary, encoding: .utf8).hasPrefix("{"))
    }

    @Test func aMissingFixtureFolderIsNamedBeforeAnythingIsWritten() throws {
        let dir = try TemporaryDirectory()
        try expectBadInput(["demo", "--fixtures", "/nonexistent/kranj", "--output", dir.file("out")], naming: "/nonexistent/kranj")
        #expect(dir.entries().isEmpty)
    }

    @Test func anUnwritableSummaryIsRefusedBeforeAnyOutputIsWritten() throws {
        let dir = try TemporaryDirectory()
        let output = dir.file("zonal.csv"), summary = dir.file("missing-dir/run.json")
        try expectBadInput(["zonal", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--zones", Fixtures.path("kranj/districts.geojson"),
                            "--output", output, "--summary", summary], naming: summary)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// A name near the system's 255-byte limit can be written: the temporary name beside it keeps
    /// only the start of it (it used to add 50 bytes to the whole name and fail).
    @Test func anOutputNameNearTheLimitIsWritten() throws {
        let dir = try TemporaryDirectory()
        let name = String(repeating: "š", count: 124) + ".csv"  // 252 bytes
        let run = try CLIRunner.run(["zonal", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--zones", Fixtures.path("kranj/districts.gpkg"),
                                     "--output", dir.file(name), "--summary", dir.file(name + ".j")])
        #expect(run.status == 0, "\(run.error)")
        #expect(Set(dir.entries()) == [name, name + ".j"])
    }

    /// A failed analysis leaves no empty results folder of its own making, and one that was there
    /// stays.
    @Test func aFailedAnalysisRemovesOnlyTheFolderItMade() throws {
        let dir = try TemporaryDirectory()
        let run = try CLIRunner.run(["analyze", "--out", dir.file("made"), "--id-field", "nope", "--quiet"])
        #expect(run.status == 2 && run.error.contains("no field 'nope'"), "\(run.error)")
        try FileManager.default.createDirectory(atPath: dir.file("kept"), withIntermediateDirectories: true)
        #expect(try CLIRunner.run(["analyze", "--out", dir.file("kept"), "--id-field", "nope", "--quiet"]).status == 2)
        #expect(dir.entries() == ["kept"])
    }

    /// A summary that fails as it is written (here /dev/full, which passes every check beforehand,
    /// as a disk that fills during the run does) publishes none of the run's other files: the
    /// previous results stay, in every command that writes a summary beside its results.
    @Test func aSummaryThatFailsAsItIsWrittenPublishesNothing() throws {
        let dir = try TemporaryDirectory()
        let scene = Fixtures.kranjLandsat("ST_B10.TIF"), zones = Fixtures.path("kranj/districts.gpkg")
        let previous = ["z.csv", "h.csv", "gi.tif", "classes.tif", "lst.tif", "out/districts.csv"]
        try FileManager.default.createDirectory(atPath: dir.file("out"), withIntermediateDirectories: true)
        for name in previous { try "previous \(name)".write(toFile: dir.file(name), atomically: true, encoding: .utf8) }
        let runs = [
            ["zonal", "--raster", scene, "--zones", zones, "--output", dir.file("z.csv")],
            ["hotspots", "--raster", scene, "--zones", zones, "--output", dir.file("h.csv")],
            ["hotspots", "--raster", scene, "--radius", "2px", "--output", dir.file("gi.tif"), "--class-output", dir.file("classes.tif")],
            ["hotspots", "--raster", scene, "--radius", "2px", "--streaming", "--output", dir.file("gi.tif")],
            ["reproject", "--raster", scene, "--output", dir.file("lst.tif")],
            ["analyze", "--out", dir.file("out"), "--quiet"],
        ]
        for arguments in runs {
            let run = try CLIRunner.run(arguments + ["--summary", "/dev/full"])
            #expect(run.status == 2 && run.error.contains("/dev/full"), "\(arguments): \(run.error)")
            // analyze names its files as it goes; the error has to say they never arrived.
            if arguments[0] == "analyze" {
                #expect(run.error.contains("nothing from this run was published: \(dir.file("out")) keeps the files it had"), "\(run.error)")
            }
        }
        #expect(dir.entries().sorted() == ["classes.tif", "gi.tif", "h.csv", "lst.tif", "out", "z.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("out")) == ["districts.csv"])
        for name in previous { #expect(try String(contentsOfFile: dir.file(name), encoding: .utf8) == "previous \(name)") }
    }
}
