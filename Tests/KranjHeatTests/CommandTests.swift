import Foundation
import HeatIslandGDAL
import HeatIslandTestSupport
import Testing

/// The commands on real and fixture data, checked through what a user or script sees.
struct CommandTests {
    let sample = Fixtures.landsatSample("ST_B10.TIF")

    @Test func infoDescribesTheSceneAndWritesASummary() throws {
        let dir = try TemporaryDirectory()
        let summary = dir.file("info.json")
        let run = try CLIRunner.run(["info", "--raster", sample, "--summary", summary])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("Landsat Collection 2 Level-2"))
        #expect(run.output.contains("512 × 512"))
        #expect(run.output.contains("EPSG:32619"))
        let json = try CLIRunner.json(at: summary)
        #expect(json["command"] as? String == "info")
        // The library versions, as `gdalinfo --version` and `projinfo` report them on this machine.
        let gdalVersion = try ExternalTool.run("gdal-config", ["--version"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect((json["versions"] as? [String: String])?["gdal"] == gdalVersion)
        let timings = json["timings"] as? [String: Double] ?? [:]
        #expect(Set(timings.keys) == ["read", "decode", "compute", "write"])
        #expect((json["peakRSSBytes"] as? Int ?? 0) > 1_000_000)
        // An HDF granule is named by its file and the subdataset read (it was `….hdf":MODIS_Grid…`).
        let modis = try CLIRunner.run(["info", "--raster", Fixtures.modisSample, "--quiet"])
        #expect(modis.output.hasPrefix("MOD11A1.A2019305.h14v09.006.2019306084028.hdf (LST_Day_1km): MODIS"), "\(modis.output)")
        // Kept by QC_Day with an LST error of at most 2 K: the rest counted apart, as the NumPy reference counts them.
        let byQuality = (try Fixtures.referenceJSON("lst_reference.json")["sampleMODIS"] as? [String: Any])?["byQuality"] as? [String: [String: Double]]
        let dropped = try #require(byQuality?["errorAtMost2K"]?["lowQuality"]).formatted(.number.grouping(.never))
        let twoKelvin = try CLIRunner.run(["info", "--raster", Fixtures.modisSample, "--modis-quality", "2K", "--quiet"])
        #expect(twoKelvin.output.contains("fill, \(dropped) lowQuality"), "\(twoKelvin.output)")
        let inputs = json["inputs"] as? [[String: Any]] ?? []
        // The QA band and the MTL were found beside the file; sizes are the files' sizes on disk.
        #expect(inputs.map { $0["role"] as? String } == ["raster", "quality", "metadata (MTL)"])
        let onDisk = try FileManager.default.attributesOfItem(atPath: sample)[.size] as? Int
        #expect(inputs.first?["bytes"] as? Int == onDisk)
        let scene = (json["scenes"] as? [[String: Any]])?.first ?? [:]
        #expect((scene["calibrationSource"] as? String)?.hasPrefix("MTL file") == true)
        let counts = scene["counts"] as? [String: Int] ?? [:]
        #expect(counts["total"] == 512 * 512)
    }

    @Test func reprojectWritesAFloat32GeoTIFFInTheTargetCRS() throws {
        let dir = try TemporaryDirectory()
        let output = dir.file("lst.tif")
        let run = try CLIRunner.run([
            "reproject", "--raster", sample, "--to", "EPSG:32719", "--resolution", "1000", "--tap",
            "--resampling", "average", "--output", output, "--summary", dir.file("run.json"),
        ])
        #expect(run.status == 0, "\(run.error)")
        let info = try ExternalTool.run("gdalinfo", ["-json", output])
        let json = try JSONSerialization.jsonObject(with: Data(info.output.utf8)) as? [String: Any] ?? [:]
        let band = (json["bands"] as? [[String: Any]])?.first ?? [:]
        #expect(band["type"] as? String == "Float32")
        #expect(band["noDataValue"] as? String == "NaN")
        // Tagged as °C, so that the output reads back as temperatures without `--product celsius`.
        #expect(band["unit"] as? String == "Celsius")
        let again = try CLIRunner.run(["info", "--raster", output])
        #expect(again.status == 0 && again.output.contains("°C"), "\(again.error)")
        let wkt = (json["coordinateSystem"] as? [String: Any])?["wkt"] as? String ?? ""
        #expect(wkt.contains("ID[\"EPSG\",32719]"))
        // -tap with 1000 m pixels: the origin is a multiple of 1000.
        let origin = (json["geoTransform"] as? [Double]) ?? []
        #expect(origin.count == 6 && origin[0].truncatingRemainder(dividingBy: 1000) == 0)
        let timings = try CLIRunner.json(at: dir.file("run.json"))["timings"] as? [String: Double] ?? [:]
        // The stages are recorded; how long they took is no test's business.
        #expect(["read", "write"].allSatisfy { timings[$0].map { $0.isFinite && $0 >= 0 } ?? false }, "\(timings)")
        #expect(dir.entries() == ["lst.tif", "run.json"])
    }

    @Test func analyzeWritesEveryResultForTheCallersData() throws {
        let dir = try TemporaryDirectory()
        let run = try CLIRunner.run([
            "analyze", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--zones", Fixtures.path("kranj/districts.geojson"),
            "--out", dir.file("out"), "--resolution", "60", "--radius", "5px",
        ])
        #expect(run.status == 0, "\(run.error)")
        let geojson = try ExternalTool.run("ogrinfo", ["-ro", "-al", "-so", dir.file("out/districts.geojson")])
        #expect(geojson.output.contains("Feature Count: 26"))
        for field in ["mean: Real", "gi_z: Real", "suhi_intensity_k: Real", "utfvi_class: String", "rank: Integer"] {
            #expect(geojson.output.contains(field), "\(field)")
        }
        // 60 m pixels asked for: the reprojected grid has them.
        let info = try ExternalTool.run("gdalinfo", [dir.file("out/lst_celsius.tif")])
        #expect(info.output.contains("Pixel Size = (60.000000000000000,-60.000000000000000)"))
        // The hot-spot map lies on exactly the same D96/TM cells, with classes −3…3 (nearest neighbour).
        func describe(_ name: String) throws -> [String: Any] {
            let json = try ExternalTool.run("gdalinfo", ["-json", "-stats", dir.file("out/" + name)]).output
            return try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
        }
        let lst = try describe("lst_celsius.tif"), hot = try describe("hotspots.tif")
        #expect(hot["size"] as? [Int] == lst["size"] as? [Int])
        #expect(hot["geoTransform"] as? [Double] == lst["geoTransform"] as? [Double])
        let crs = try ExternalTool.run("gdalsrsinfo", ["-o", "epsg", dir.file("out/hotspots.tif")]).output
        #expect(crs.contains("EPSG:3794"))
        let classes = (hot["bands"] as? [[String: Any]])?.last
        #expect(classes?["description"] as? String == "gi_class")
        #expect((classes?["minimum"] as? Double ?? -9) >= -3 && (classes?["maximum"] as? Double ?? 9) <= 3)
        #expect((classes?["maximum"] as? Double ?? 0) > 0)
    }

    @Test func analyzeTakesARuralReferencePolygon() throws {
        let dir = try TemporaryDirectory()
        let reference = try Fixtures.referenceJSON("uhi_reference.json")
        let expectedMean = try #require(reference["flooredReferenceMeanCelsius"] as? Double)
        let run = try CLIRunner.run([
            "analyze", "--out", dir.file("out"), "--resolution", "120", "--radius", "2px", "--quiet",
            "--reference", Fixtures.path("kranj/rural_reference.geojson"), "--exclude-reference-below", "25",
        ])
        #expect(run.status == 0, "\(run.error)")
        let cells = try #require(reference["flooredReferenceCells"] as? Int)
        #expect(run.output.contains("(rural_reference.geojson, district cells excluded, cells below 25 °C left out: \(String(format: "%.2f", expectedMean)) °C over \(cells) cells)"), "\(run.output)")
        let summary = try CLIRunner.json(at: dir.file("out/run.json"))
        let parameters = summary["parameters"] as? [String: String] ?? [:]
        #expect(parameters["uhiReference"] == "rural_reference.geojson, district cells excluded, cells below 25 °C left out")
        #expect(parameters["cellHotspots"]?.contains("2px") == true && parameters["grid"]?.contains("EPSG:3794") == true)
        let roles = (summary["inputs"] as? [[String: Any]] ?? []).compactMap { $0["role"] as? String }
        #expect(roles.contains("rural reference"))
        // Every district's intensity is its mean minus the reference mean of GDAL rasterize + NumPy.
        let rows = try String(contentsOfFile: dir.file("out/uhi_indicators.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(rows.count == 26)
        for row in rows {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            let mean = try #require(Double(fields[fields.count - 6])), intensity = try #require(Double(fields[fields.count - 5]))
            #expect(abs(mean - intensity - expectedMean) < 1e-3, "\(row)")
        }
        // The hot-area thresholds: every valid cell is above −100 °C (share 1) and none above a city
        // mean + 100 σ (share 0); the report's column says which threshold it used.
        let hot = try CLIRunner.run(["analyze", "--out", dir.file("hot"), "--resolution", "120", "--radius", "2px", "--quiet",
                                     "--hot-celsius=-100", "--hot-sigma", "100"])
        #expect(hot.status == 0, "\(hot.error)")
        let shares = try String(contentsOfFile: dir.file("hot/uhi_indicators.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(shares.count == 26 && shares.allSatisfy { Double($0[$0.count - 3]) == 1 && Double($0[$0.count - 4]) == 0 })
        #expect(try String(contentsOfFile: dir.file("hot/report.html"), encoding: .utf8).contains("area &gt; -100 °C (%)"))
        let missing = try CLIRunner.run(["analyze", "--out", dir.file("out2"), "--quiet", "--reference", dir.file("nowhere.geojson")])
        #expect(missing.status == 2 && missing.error.contains("nowhere.geojson"), "\(missing.error)")
        #expect(missing.error.split(separator: "\n").count == 1)
    }

    /// `analyze` on the real self-intersecting outline of Metlika (`Fixtures/hostile/`) says how to
    /// repair it, and repairs it when asked.
    @Test func analyzeRepairsInvalidDistrictsWhenAsked() throws {
        let (dir, zones) = (try TemporaryDirectory(), Fixtures.path("hostile/metlika_and_kranj.geojson"))
        let arguments = ["analyze", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--zones", zones, "--resolution", "120", "--radius", "2px", "--quiet"]
        let refused = try CLIRunner.run(arguments + ["--out", dir.file("a")])
        #expect(refused.status == 2 && refused.error.contains("--repair"), "\(refused.error)")
        let analysed = try CLIRunner.run(arguments + ["--out", dir.file("b"), "--repair"])
        #expect(analysed.status == 0 && analysed.error.contains("zone 73 (Metlika) had an invalid geometry and was repaired"), "\(analysed.error)")
    }

    /// Every file in a directory, hidden ones included, with its bytes.
    static func snapshot(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            files[name] = FileManager.default.contents(atPath: directory + "/" + name) ?? Data()
        }
        return files
    }

    /// A run that fails half-way (a reference polygon far from the scene is read without trouble,
    /// but has no valid cell when the indicators need it) leaves the previous run's eleven files byte
    /// for byte, and no staged file behind.
    @Test func aFailedAnalysisLeavesThePreviousResultsAsTheyWere() throws {
        let dir = try TemporaryDirectory()
        let arguments = ["analyze", "--out", dir.file("out"), "--resolution", "120", "--radius", "2px", "--quiet"]
        let first = try CLIRunner.run(arguments)
        #expect(first.status == 0, "\(first.error)")
        let before = try Self.snapshot(dir.file("out"))
        #expect(before.count == 11)
        // An input where a result goes is refused before anything runs: here last run's
        // districts.geojson given as --zones.
        let fedBack = try CLIRunner.run(arguments + ["--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--zones", dir.file("out/districts.geojson")])
        #expect(fedBack.status == 2 && fedBack.error.contains("is where analyze writes its districts.geojson"), "\(fedBack.error)")
        #expect(try Self.snapshot(dir.file("out")) == before)
        let far = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":1},"geometry":{"type":"Polygon","coordinates":[[[0,0],[0.01,0],[0.01,0.01],[0,0.01],[0,0]]]}}]}"#
        try far.write(toFile: dir.file("far.geojson"), atomically: true, encoding: .utf8)
        let failed = try CLIRunner.run(arguments + ["--reference", dir.file("far.geojson")])
        #expect(failed.status == 2 && failed.error.contains("far.geojson") && failed.error.contains("holds no cell centre"), "\(failed.error)")
        #expect(try Self.snapshot(dir.file("out")) == before)
        // A directory where a result goes is found before any result moves into place.
        try FileManager.default.removeItem(atPath: dir.file("out/map.png"))
        try FileManager.default.createDirectory(atPath: dir.file("out/map.png"), withIntermediateDirectories: false)
        let blocked = try Self.snapshot(dir.file("out"))
        let clash = try CLIRunner.run(arguments + ["--hot-sigma", "2"])
        #expect(clash.status == 2 && clash.error.contains("map.png: cannot write: it is a directory"), "\(clash.error)")
        #expect(try Self.snapshot(dir.file("out")) == blocked)
    }

    /// Two districts are too few for district Gi*: its table is left blank with a warning naming the
    /// zones file, and the UHI indicators, defined all the same, are written. A negative
    /// `--hot-sigma` after a space and a `--summary` inside the new output directory are accepted.
    @Test func twoDistrictsGetIndicatorsAndABlankGiStarTable() throws {
        let dir = try TemporaryDirectory()
        let all = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("kranj/districts.geojson")))) as? [String: Any])
        var two = all
        two["features"] = Array((all["features"] as? [Any] ?? []).prefix(2))
        try JSONSerialization.data(withJSONObject: two).write(to: URL(fileURLWithPath: dir.file("two.geojson")))
        let run = try CLIRunner.run([
            "analyze", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--zones", dir.file("two.geojson"), "--out", dir.file("out"),
            "--summary", dir.file("out/summary.json"), "--hot-sigma", "-0.5", "--resolution", "120", "--radius", "2px", "--quiet",
        ])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.error.contains("two.geojson: district Gi* left blank: Gi* needs at least three districts with values"), "\(run.error)")
        let uhi = try String(contentsOfFile: dir.file("out/uhi_indicators.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(uhi.count == 2 && uhi.allSatisfy { Double($0[3]) != nil && !$0[$0.count - 1].isEmpty })
        let gi = try String(contentsOfFile: dir.file("out/district_hotspots.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(gi.count == 2 && gi.allSatisfy { $0[3].isEmpty && $0[5].isEmpty })
        #expect(FileManager.default.fileExists(atPath: dir.file("out/summary.json")))
    }

    /// The table format follows the output's extension unless --format says it; the two must agree
    /// (`--output districts.geojson` had been written as CSV).
    @Test func theOutputExtensionChoosesTheFormat() throws {
        let dir = try TemporaryDirectory()
        let common = ["zonal", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--zones", Fixtures.path("kranj/districts.gpkg")]
        let run = try CLIRunner.run(common + ["--output", dir.file("d.GeoJSON")])
        #expect(run.status == 0, "\(run.error)")
        let geojson = try ExternalTool.run("ogrinfo", ["-ro", "-al", "-so", dir.file("d.GeoJSON")])
        #expect(geojson.output.contains("Feature Count: 26"), "\(geojson.output)")
        let clash = try CLIRunner.run(common + ["--format", "csv", "--output", dir.file("d.json")])
        #expect(clash.status != 0 && clash.error.contains("--format csv but --output ends in .json"), "\(clash.error)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("d.json")))
        // A table named as another format had been CSV under that name (a spreadsheet then refuses it).
        for name in ["d.xlsx", "d.tif"] {
            let other = try CLIRunner.run(common + ["--output", dir.file(name)])
            #expect(other.status == 2 && other.error.contains("--output \(dir.file(name)): tables are written as CSV, JSON or GeoJSON"), "\(other.error)")
        }
        #expect(try CLIRunner.run(common + ["--output", dir.file("d.txt")]).status == 0)
        #expect(Set(dir.entries()) == ["d.GeoJSON", "d.txt"])
    }

    /// A streamed run reads the QA band and the MTL as a run in memory does, and says so (it listed
    /// the raster and the zones only).
    @Test(arguments: [false, true])
    func theSummaryListsEveryFileRead(inMemory: Bool) throws {
        let dir = try TemporaryDirectory()
        let run = try CLIRunner.run(["zonal", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--zones", Fixtures.path("kranj/districts.gpkg"),
                                     "--output", dir.file("z.csv"), "--summary", dir.file("z.json")] + (inMemory ? ["--in-memory"] : []))
        #expect(run.status == 0, "\(run.error)")
        let inputs = try CLIRunner.json(at: dir.file("z.json"))["inputs"] as? [[String: Any]] ?? []
        let paths = Dictionary(inputs.map { ($0["role"] as? String ?? "", URL(fileURLWithPath: $0["path"] as? String ?? "").lastPathComponent) }) { a, _ in a }
        #expect(paths == ["raster": "LC09_L2SP_190028_20240715_20240716_02_T1_ST_B10.TIF", "zones": "districts.gpkg",
                          "quality": "LC09_L2SP_190028_20240715_20240716_02_T1_QA_PIXEL.TIF", "metadata (MTL)": "LC09_L2SP_190028_20240715_20240716_02_T1_MTL.txt"])
    }

    /// The demo's last steps (the MODIS scene, run.json) belong to the run: a MODIS file that fails
    /// leaves an earlier run's results and run.json as they were. Before, the new results were
    /// published first and the run then failed beside the old run.json.
    @Test func aDemoThatFailsLateLeavesTheEarlierResults() throws {
        let dir = try TemporaryDirectory()
        let fixtures = dir.file("kranj")
        try FileManager.default.copyItem(atPath: Fixtures.path("kranj"), toPath: fixtures)
        let modis = URL(fileURLWithPath: fixtures + "/MOD11A1.A2024197.h19v04.061_LST_Day_1km.tif")
        try Data(contentsOf: modis).prefix(4096).write(to: modis)
        try FileManager.default.createDirectory(atPath: dir.file("out"), withIntermediateDirectories: false)
        try #"{"old": true}"#.write(toFile: dir.file("out/run.json"), atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["demo", "--fixtures", fixtures, "--output", dir.file("out")])
        #expect(run.status == 2 && run.error.contains("MOD11A1"), "\(run.error)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: dir.file("out"))) == ["run.json"])
        #expect(try String(contentsOfFile: dir.file("out/run.json"), encoding: .utf8) == #"{"old": true}"#)
        // Into folders it made itself, a failed run leaves no empty folder behind, and says so
        // (it had said the folder "keeps the files it had", and left the parent it made).
        let fresh = try CLIRunner.run(["demo", "--fixtures", fixtures, "--output", dir.file("new/out")])
        #expect(fresh.status == 2 && fresh.error.hasSuffix("(nothing from this run was published: \(dir.file("new/out")), which the run had made, is removed)\n"),
                "\(fresh.error)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("new")))
    }

    @Test func demoRunsOnTheBundledFixtureWithoutArguments() throws {
        let dir = try TemporaryDirectory()
        let run = try CLIRunner.run(["demo", "--fixtures", Fixtures.path("kranj"), "--output", dir.file("out")])
        #expect(run.status == 0, "\(run.error)")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.file("out"))) ?? []
        #expect(Set(files) == [
            "lst_celsius.tif", "run.json", "districts.csv", "districts.geojson", "hotspots.tif",
            "district_hotspots.csv", "uhi_indicators.csv", "uhi_city.csv", "map.png", "map.svg", "report.html",
        ])
        // The report is self-contained: the map is embedded byte for byte, and every district has a row.
        let html = try String(contentsOfFile: dir.file("out/report.html"), encoding: .utf8)
        let png = try Data(contentsOf: URL(fileURLWithPath: dir.file("out/map.png")))
        #expect(html.contains("data:image/png;base64,\(png.base64EncodedString())"))
        #expect(html.components(separatedBy: "<tr>").count - 1 == 27)
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
        #expect(html.contains("Geodetska uprava Republike Slovenije"))
        #expect(html.contains("a 2 km ring around the districts"))
        #expect(run.output.split(separator: "\n").count <= 16)
        // The hot-spot map's zoomed-out levels hold classes too (cubic overviews held 2.7 and the like).
        let overview = dir.file("overview.tif")
        #expect(try ExternalTool.run("gdal_translate", ["-q", "-oo", "OVERVIEW_LEVEL=0", "-b", "2", dir.file("out/hotspots.tif"), overview]).status == 0)
        let levelClasses = try RasterDataset(path: overview).band(1).read()
        #expect(levelClasses.count > 10_000 && levelClasses.allSatisfy { $0.isNaN || ((-3...3).contains($0) && $0 == $0.rounded()) })
        // run.json records inputs with checksums, the parameters, versions and timings.
        let summary = try CLIRunner.json(at: dir.file("out/run.json"))
        let parameters = summary["parameters"] as? [String: String] ?? [:]
        #expect(parameters["uhiReference"] == "a 2 km ring around the districts")
        #expect(parameters["zonalStatistics"]?.hasPrefix("exact coverage") == true && parameters["cellHotspots"]?.contains("150m") == true)
        #expect((summary["inputs"] as? [[String: Any]] ?? []).allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        #expect((summary["versions"] as? [String: String])?["gdal"] != nil && summary["timings"] != nil)
    }
}

/// `analyze` on a folder of scenes: one subdirectory per scene and the district means over scenes.
struct AnalyzeFolderTests {
    @Test func twoScenesGiveThePerSceneResultsAndTheMeanOverScenes() throws {
        let dir = try TemporaryDirectory()
        let scenes = dir.file("scenes")
        try FileManager.default.createDirectory(atPath: scenes, withIntermediateDirectories: true)
        // The Kranj scene twice, under two acquisition dates (with its QA band and MTL beside each;
        // each MTL names its own product, as the loader checks).
        for date in ["20240715_20240716", "20240731_20240801"] {
            for suffix in ["ST_B10.TIF", "QA_PIXEL.TIF"] {
                try FileManager.default.copyItem(
                    atPath: Fixtures.kranjLandsat(suffix), toPath: scenes + "/LC09_L2SP_190028_\(date)_02_T1_\(suffix)")
            }
            let mtl = try String(contentsOfFile: Fixtures.kranjLandsat("MTL.txt"), encoding: .utf8)
                .replacingOccurrences(of: "LC09_L2SP_190028_20240715_20240716_02_T1", with: "LC09_L2SP_190028_\(date)_02_T1")
            try mtl.write(toFile: scenes + "/LC09_L2SP_190028_\(date)_02_T1_MTL.txt", atomically: true, encoding: .utf8)
        }
        let run = try CLIRunner.run(["analyze", "--raster", scenes, "--zones", Fixtures.path("kranj/districts.gpkg"), "--out", dir.file("out")])
        #expect(run.status == 0, "\(run.error)")
        let table = try String(contentsOfFile: dir.file("out/districts_over_scenes.csv"), encoding: .utf8).split(separator: "\n")
        #expect(table.first == "id,name,scenes,mean_over_scenes,mean_LC09_L2SP_190028_20240715_20240716_02_T1_ST_B10,mean_LC09_L2SP_190028_20240731_20240801_02_T1_ST_B10")
        // Besnica: exactextract's mean (zonal_reference.json) in both scenes and over them.
        let mean = try #require(try ZonalCommandTests.exactextractBesnica()["mean"] as? Double)
        let besnica = table[1].split(separator: ",")
        #expect(besnica[2] == "2" && abs((Double(besnica[3]) ?? 0) - mean) < 1e-4)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir.file("out"))) ?? []
        #expect(entries.filter { $0.hasPrefix("LC09_") }.count == 2)
        // The same scene twice has the same city figures in both rows of city_over_scenes.csv.
        let cities = try String(contentsOfFile: dir.file("out/city_over_scenes.csv"), encoding: .utf8).split(separator: "\n")
        #expect(cities.count == 3 && cities[1].split(separator: ",").dropFirst() == cities[2].split(separator: ",").dropFirst())

        // The second scene entirely under cloud (every QA value 8, bit 3): the run fails on it after
        // the first scene is done (with another hot threshold, so its new tables would differ), and
        // leaves the last run's files, in every subdirectory, as they were.
        let before = try Self.tree(dir.file("out"))
        let cloudy = scenes + "/LC09_L2SP_190028_20240731_20240801_02_T1_QA_PIXEL.TIF"
        try FileManager.default.removeItem(atPath: cloudy)
        let translate = try ExternalTool.run("gdal_translate", ["-q", "-ot", "UInt16", "-scale", "0", "65535", "8", "8", Fixtures.kranjLandsat("QA_PIXEL.TIF"), cloudy])
        #expect(translate.status == 0, "\(translate.error)")
        let failed = try CLIRunner.run(["analyze", "--raster", scenes, "--zones", Fixtures.path("kranj/districts.gpkg"), "--out", dir.file("out"), "--quiet", "--hot-sigma", "2"])
        #expect(failed.status == 2 && failed.error.contains("20240731") && failed.error.contains("no valid pixels"), "\(failed.error)")
        #expect(try Self.tree(dir.file("out")) == before)

        // One scene into the same directory: the two scenes' folders and tables stay, but are
        // named as an earlier run's (they had passed for this run's results without a word).
        #expect(!run.error.contains("earlier run"), "\(run.error)")
        let one = try CLIRunner.run(["analyze", "--raster", scenes + "/LC09_L2SP_190028_20240715_20240716_02_T1_ST_B10.TIF",
                                     "--zones", Fixtures.path("kranj/districts.gpkg"), "--out", dir.file("out"), "--quiet"])
        #expect(one.status == 0, "\(one.error)")
        // Ten results in each scene's folder, and the two tables over scenes.
        #expect(one.error.contains("kranj-heat: warning: 22 files are left from an earlier run in \(dir.file("out")), not written by this one")
                && one.error.contains(dir.file("out/city_over_scenes.csv")), "\(one.error)")
        #expect(FileManager.default.fileExists(atPath: dir.file("out/districts_over_scenes.csv")))
    }

    /// Every file under a directory (relative path) with its bytes, hidden ones included.
    static func tree(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for case let name as String in FileManager.default.enumerator(atPath: directory) ?? FileManager.DirectoryEnumerator() {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = FileManager.default.contents(atPath: directory + "/" + name) ?? Data()
            }
        }
        return files
    }

    @Test func repeatedRastersOfDifferentProductsAndGrids() throws {
        let dir = try TemporaryDirectory()
        let run = try CLIRunner.run([
            "analyze", "--raster", Fixtures.kranjLandsat("ST_B10.TIF"), "--raster", Fixtures.kranjMODIS,
            "--zones", Fixtures.path("kranj/districts.gpkg"), "--out", dir.file("out"), "--quiet"])
        #expect(run.status == 0, "\(run.error)")
        // 150 m is below one 927 m MODIS cell: that scene's cell hot spots widen to one cell.
        #expect(run.error.contains("smaller than one 927 m cell; using 1px"))
        let entries = Set((try? FileManager.default.contentsOfDirectory(atPath: dir.file("out"))) ?? [])
        #expect(entries == ["LC09_L2SP_190028_20240715_20240716_02_T1_ST_B10", "MOD11A1.A2024197.h19v04.061_LST_Day_1km",
                            "districts_over_scenes.csv", "city_over_scenes.csv", "run.json"])
        let rows = try String(contentsOfFile: dir.file("out/districts_over_scenes.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(rows.count == 26)
        for row in rows {
            let f = row.split(separator: ",").compactMap { Double($0) }
            // id, scenes, mean over scenes, then one mean per scene: the mean is their average.
            #expect(f.count == 5 && f[1] == 2 && abs(f[2] - (f[3] + f[4]) / 2) < 1e-3, "\(row)")
        }
        // run.json lists each input once: two rasters, the Landsat one's quality band and MTL, the
        // districts read for both.
        let inputs = (try CLIRunner.json(at: dir.file("out/run.json"))["inputs"] as? [[String: Any]] ?? []).compactMap { $0["role"] as? String }
        #expect(inputs.sorted() == ["metadata (MTL)", "quality", "raster", "raster", "zones"])
        // Each report says what was masked in its own scene: MODIS has no QA band.
        let modisReport = try String(contentsOfFile: dir.file("out/MOD11A1.A2024197.h19v04.061_LST_Day_1km/report.html"), encoding: .utf8)
        #expect(modisReport.contains("fill masked (no quality band was read)") && !modisReport.contains("QA_PIXEL"))
        let landsatReport = try String(contentsOfFile: dir.file("out/LC09_L2SP_190028_20240715_20240716_02_T1_ST_B10/report.html"), encoding: .utf8)
        #expect(landsatReport.contains("clouds, shadows and fill masked (Landsat QA_PIXEL bits 0–4)"))
    }

    @Test func noArgumentsAnalyseTheBundledFixture() throws {
        let dir = try TemporaryDirectory()
        let run = try CLIRunner.run(["analyze", "--fixtures", Fixtures.path("kranj"), "--out", dir.file("out"), "--quiet"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("No --raster given"))
        for name in ["districts.csv", "districts.geojson", "lst_celsius.tif", "hotspots.tif", "map.png", "report.html", "run.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.file("out/" + name)), "\(name)")
        }
        let missing = try CLIRunner.run(["analyze", "--fixtures", dir.file("nowhere"), "--out", dir.file("out2"), "--quiet"])
        #expect(missing.status == 2 && missing.error.contains(dir.file("nowhere")), "\(missing.error)")
        let noZones = try CLIRunner.run(["analyze", "--raster", Fixtures.kranjMODIS, "--out", dir.file("out3")])
        #expect(noZones.status == 2 && noZones.error.contains("--zones"))
    }
}
