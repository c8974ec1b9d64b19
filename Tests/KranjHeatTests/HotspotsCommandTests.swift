import Foundation
import HeatIslandGDAL
import HeatIslandTestSupport
import Testing

/// `kranj-heat hotspots` in both modes.
struct HotspotsCommandTests {
    let raster = Fixtures.kranjLandsat("ST_B10.TIF")

    /// Outputs that would overwrite the input or each other are refused before anything is read; a
    /// class map that cannot be written stops the run before the z map is written.
    @Test func outputsAreCheckedBeforeAnythingIsWritten() throws {
        let dir = try TemporaryDirectory()
        let copy = dir.file("scene_ST_B10.TIF")
        try FileManager.default.copyItem(atPath: raster, toPath: copy)
        let before = try Data(contentsOf: URL(fileURLWithPath: copy))
        let overwrite = try CLIRunner.run(["hotspots", "--raster", copy, "--no-qa", "--radius", "2px", "--output", copy])
        #expect(overwrite.status == 2 && overwrite.error.contains("--output \(copy) would overwrite the input raster"), "\(overwrite.error)")
        let reprojected = try CLIRunner.run(["reproject", "--raster", copy, "--no-qa", "--output", copy])
        #expect(reprojected.status == 2 && reprojected.error.contains("would overwrite the input raster"), "\(reprojected.error)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
        let same = try CLIRunner.run(["hotspots", "--raster", raster, "--radius", "2px", "--output", dir.file("z.tif"), "--class-output", dir.file("z.tif")])
        #expect(same.status == 2 && same.error.contains("--class-output \(dir.file("z.tif")) would overwrite --output"), "\(same.error)")
        let missing = try CLIRunner.run(["hotspots", "--raster", raster, "--radius", "2px", "--output", dir.file("z.tif"), "--class-output", dir.file("nowhere/c.tif")])
        #expect(missing.status == 2 && missing.error.contains("nowhere/c.tif"), "\(missing.error)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("z.tif")))
        let negative = try CLIRunner.run(["hotspots", "--raster", raster, "--radius", "-5px", "--output", dir.file("z.tif")])
        #expect(negative.status == 2 && negative.error.contains("-5px"), "\(negative.error)")
    }

    /// The streamed map is written through a symbolic link to its target, as the in-memory one is.
    @Test func theStreamedMapIsWrittenThroughASymbolicLink() throws {
        let dir = try TemporaryDirectory()
        try "an older map".write(toFile: dir.file("target.tif"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.file("link.tif"), withDestinationPath: dir.file("target.tif"))
        let run = try CLIRunner.run(["hotspots", "--raster", raster, "--radius", "2px", "--streaming", "--output", dir.file("link.tif")])
        #expect(run.status == 0, "\(run.error)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: dir.file("link.tif"))) == dir.file("target.tif"))
        #expect(try ExternalTool.run("gdalinfo", [dir.file("target.tif")]).output.contains("gi_z"))
    }

    /// A write that fails (here the file-size limit of `ulimit -f`, which fails writes as a full
    /// disk does, without root) ends both modes with the same single line naming the file and the
    /// first cause: nothing from GDAL itself, not the "Write error at scanline" that follows it.
    /// SIGXFSZ is ignored so that the write fails with EFBIG instead of killing the process.
    /// (ThreadSanitizer's runtime itself dies of SIGBUS under `ulimit -f 64`, even for
    /// `kranj-heat info`, which writes nothing: `make test-tsan` skips this one.)
    @Test(.disabled(if: ProcessInfo.processInfo.environment["HEATISLAND_SANITIZER"] == "thread", "ThreadSanitizer cannot start under ulimit -f"),
          arguments: [[], ["--streaming"]])
    func aFailedWriteIsOneLineWithTheCause(mode: [String]) throws {
        let dir = try TemporaryDirectory()
        let output = dir.file("z.tif")
        let run = try ExternalTool.run("/bin/bash", ["-c", "trap '' XFSZ; ulimit -f 64; exec \"$0\" \"$@\"", CLIRunner.executable,
                                                     "hotspots", "--raster", raster, "--radius", "150m", "--output", output, "--quiet"] + mode)
        #expect(run.status == 2, "exit \(run.status): \(run.error)")
        #expect(run.error.hasPrefix("kranj-heat: error: \(output): cannot write: ") && run.error.hasSuffix("File too large\n") && run.error.split(separator: "\n").count == 1, "\(run.error)")
        #expect(dir.entries().isEmpty)
    }

    @Test func districtTableHasTheDocumentedColumns() throws {
        let run = try CLIRunner.run(["hotspots", "--raster", raster, "--zones", Fixtures.path("kranj/districts.gpkg"), "--weights", "queen"])
        #expect(run.status == 0, "\(run.error)")
        let lines = run.output.split(separator: "\n")
        #expect(lines.first == "id,name,value,gi_z,gi_p,gi_class" && lines.count == 27)
        // Besnica's queen Gi* from esda (hotspot_reference.json, on means equal to ours up to 1e-5 °C).
        let esda = try #require(((try Fixtures.referenceJSON("hotspot_reference.json")["queen"] as? [String: Any])?["z"] as? [Double])?.first)
        let besnica = lines[1].split(separator: ",")
        #expect(abs((Double(besnica[3]) ?? 0) - esda) < 1e-4)
    }

    @Test func anyZonalStatisticCanBeTested() throws {
        // The value column is the chosen statistic: the exact-rule p90 and standard deviation of
        // exactextract's cells (zonal_reference.json, p90 by the float64 definition) for every district.
        let reference = try Fixtures.referenceJSON("zonal_reference.json")["exact"] as? [[String: Any]] ?? []
        #expect(reference.count == 26)
        for (name, key) in [("p90", "quantile64_90"), ("stddev", "stdev")] {
            let run = try CLIRunner.run(["hotspots", "--raster", raster, "--zones", Fixtures.path("kranj/districts.gpkg"), "--statistic", name])
            #expect(run.status == 0, "\(run.error)")
            let rows = run.output.split(separator: "\n").dropFirst()
            #expect(rows.count == 26)
            for (row, expected) in zip(rows, reference) {
                let value = Double(row.split(separator: ",")[2]) ?? .nan
                #expect(abs(value - (expected[key] as? Double ?? .nan)) < 1e-4, "\(name): \(row)")
            }
        }
        for bad in ["p120", "mode", "p"] {
            let run = try CLIRunner.run(["hotspots", "--raster", raster, "--zones", Fixtures.path("kranj/districts.gpkg"), "--statistic", bad])
            #expect(run.status == 2 && run.error.contains("statistic"), "\(bad): \(run.error)")
        }
    }

    @Test func moranAndPermutationColumns() throws {
        let args = ["hotspots", "--raster", raster, "--zones", Fixtures.path("kranj/districts.gpkg"), "--moran", "--permutations", "99", "--seed", "3"]
        let run = try CLIRunner.run(args)
        #expect(run.status == 0, "\(run.error)")
        let lines = run.output.split(separator: "\n")
        #expect(lines.first == "id,name,value,gi_z,gi_p,gi_class,moran_i,moran_z,moran_p,moran_label,gi_p_sim,moran_p_sim")
        // The same seed gives the same pseudo p-values.
        #expect(try CLIRunner.run(args).output == run.output)
        // Local Moran's I and the scatterplot quadrant of every district from esda on queen weights
        // (hotspot_reference.json: the means there equal ours to 1e-5 °C; quadrants 1 HH, 2 LH,
        // 3 LL, 4 HL).
        let queen = try #require(try Fixtures.referenceJSON("hotspot_reference.json")["queen"] as? [String: Any])
        let esdaI = try #require(queen["moranI"] as? [Double]), quadrants = try #require(queen["moranQuadrant"] as? [Int])
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 26 && esdaI.count == 26 && quadrants.count == 26)
        for (row, (i, quadrant)) in zip(rows, zip(esdaI, quadrants)) {
            #expect(abs((Double(row[6]) ?? .nan) - i) < 1e-4, "\(row)")
            #expect(row[9] == ["HH", "LH", "LL", "HL"][quadrant - 1], "\(row)")
            // 99 permutations, folded: (min(as large, as small) + 1) / 100.
            for p in [row[10], row[11]].map({ Double($0) ?? .nan }) { #expect(p >= 0.01 && p <= 0.5, "\(row)") }
        }
    }

    @Test func cellMapIsWrittenWithItsBands() throws {
        let dir = try TemporaryDirectory()
        let out = dir.file("hot.tif")
        let run = try CLIRunner.run(["hotspots", "--raster", raster, "--radius", "5px", "--output", out, "--fdr"])
        #expect(run.status == 0, "\(run.error)")
        let info = try ExternalTool.run("gdalinfo", [out])
        #expect(info.output.contains("Description = gi_z") && info.output.contains("Description = gi_class"))
    }

    /// `--streaming --fdr` reads z back from its output to rank it; its classes must be the in-memory run's.
    @Test func streamedFDRClassesEqualTheInMemoryOnes() throws {
        let dir = try TemporaryDirectory()
        let (memory, streamed) = (dir.file("memory.tif"), dir.file("streamed.tif"))
        var listed: [Substring] = []
        for (out, extra) in [(memory, [String]()), (streamed, ["--streaming"])] {
            let run = try CLIRunner.run(["hotspots", "--raster", raster, "--radius", "5px", "--output", out, "--fdr"] + extra)
            #expect(run.status == 0, "\(run.error)")
            // The critical p-values the FDR chose, below the plain levels, are on the summary line.
            let line = try #require(run.output.split(separator: "\n").first { $0.contains("(FDR: critical p ") })
            let critical = line.split(separator: "critical p ")[1].split(separator: " at ")[0]
            let values = critical.split(separator: ", ").compactMap { Double($0) }
            #expect(values.count == 3 && values[0] < 0.10 && values[1] < 0.05 && values[2] < 0.01 && values[2] > 0, "\(line)")
            listed.append(critical)
        }
        #expect(listed[0] == listed[1])
        let a: [Float] = try RasterDataset(path: memory).band(2).readRaw(), b: [Float] = try RasterDataset(path: streamed).band(2).readRaw()
        #expect(a.count == b.count && a.contains { $0 >= 1 })
        #expect(zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    @Test func classesAloneAsSignedBytesMatchTheClassBand() throws {
        let dir = try TemporaryDirectory()
        let (out, classes) = (dir.file("hot.tif"), dir.file("classes.tif"))
        let run = try CLIRunner.run(["hotspots", "--raster", raster, "--radius", "5px", "--output", out, "--class-output", classes])
        #expect(run.status == 0, "\(run.error)")
        // gdalinfo's own statistics of both files: the Int8 band holds the Float32 class band's values,
        // −128 marking (as nodata) the cells that band leaves NaN.
        func bands(_ path: String) throws -> [[String: Any]] {
            let json = try ExternalTool.run("gdalinfo", ["-stats", "-json", path]).output
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            return object?["bands"] as? [[String: Any]] ?? []
        }
        let float = try bands(out), int8 = try bands(classes)
        #expect(int8.count == 1 && float.count == 2)
        #expect(int8.first?["noDataValue"] as? Double == -128)
        #expect(int8.first?["type"] as? String == "Int8" || int8.first?["type"] as? String == "Byte")
        for key in ["minimum", "maximum", "mean"] {
            let a = float.last?[key] as? Double, b = int8.first?[key] as? Double
            #expect(a != nil && a == b, "\(key): \(String(describing: a)) vs \(String(describing: b))")
        }
    }

    /// No output of any command may replace an input: the zones file, the QA band or the raster
    /// given as `--output` or `--summary` is refused, naming both, and left as it was.
    @Test func noOutputReplacesAnInput() throws {
        let dir = try TemporaryDirectory()
        let zones = dir.file("districts.gpkg")
        try FileManager.default.copyItem(atPath: Fixtures.path("kranj/districts.gpkg"), toPath: zones)
        let before = try Data(contentsOf: URL(fileURLWithPath: zones))
        let runs = [
            ["hotspots", "--raster", raster, "--zones", zones, "--output", zones],
            ["hotspots", "--raster", raster, "--zones", zones, "--summary", zones],
            ["zonal", "--raster", raster, "--zones", zones, "--output", zones],
            ["zonal", "--raster", raster, "--zones", zones, "--output", dir.file("z.csv"), "--summary", Fixtures.kranjLandsat("QA_PIXEL.TIF"), "--qa", Fixtures.kranjLandsat("QA_PIXEL.TIF")],
            ["info", "--raster", raster, "--summary", raster],
        ]
        for arguments in runs {
            let run = try CLIRunner.run(arguments)
            #expect(run.status == 2 && run.error.contains("would overwrite"), "\(arguments): \(run.error)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: zones)) == before)
    }

    /// The files GDAL reads along with an input are inputs too: a Shapefile's attribute table and
    /// CRS, a VRT's source raster, a raster's `.aux.xml`. Replaced, the next run read ids 0, 1, 2 …,
    /// no CRS, or the z map as temperatures.
    @Test func noOutputReplacesAFileGDALReadsWithAnInput() throws {
        let dir = try TemporaryDirectory()
        let shapefile = dir.file("districts.shp")
        #expect(try ExternalTool.run("ogr2ogr", ["-f", "ESRI Shapefile", shapefile, Fixtures.path("kranj/districts.gpkg")]).status == 0)
        let celsius = dir.file("celsius.tif"), vrt = dir.file("celsius.vrt")
        #expect(try ExternalTool.run("gdal_translate", ["-q", "-of", "GTiff", "-ot", "Float32", "-scale", "0", "65535", "0", "65535", raster, celsius]).status == 0)
        #expect(try ExternalTool.run("gdal_translate", ["-q", "-of", "VRT", celsius, vrt]).status == 0)
        try #"<PAMDataset><PAMRasterBand band="1"><UnitType>K</UnitType></PAMRasterBand></PAMDataset>"#
            .write(toFile: celsius + ".aux.xml", atomically: true, encoding: .utf8)
        let protected = [dir.file("districts.dbf"), dir.file("districts.prj"), dir.file("districts.shx"), celsius, celsius + ".aux.xml"]
        let before = try protected.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let runs = [
            (["zonal", "--raster", raster, "--zones", shapefile, "--output", dir.file("districts.dbf")], "the zones file"),
            (["hotspots", "--raster", raster, "--zones", shapefile, "--output", dir.file("districts.prj")], "the zones file"),
            (["zonal", "--raster", raster, "--zones", shapefile, "--output", dir.file("z.csv"), "--summary", dir.file("districts.shx")], "the zones file"),
            (["hotspots", "--raster", vrt, "--product", "kelvin", "--radius", "2px", "--output", celsius], "the input raster"),
            (["info", "--raster", celsius, "--summary", celsius + ".aux.xml"], "the input raster"),
        ]
        for (arguments, input) in runs {
            let run = try CLIRunner.run(arguments)
            #expect(run.status == 2 && run.error.contains("which GDAL reads with \(input)"), "\(arguments): \(run.error)")
        }
        #expect(try protected.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == before)
    }

    /// The QA band and MTL file found beside a Landsat band are inputs too: an output named like
    /// either is refused and the scene left as it was (they used to be replaced, and every later
    /// run on the scene failed).
    @Test func outputsLeaveTheFilesFoundBesideTheSceneAlone() throws {
        let dir = try TemporaryDirectory()
        let prefix = "LC09_L2SP_190028_20240715_20240716_02_T1_"
        for suffix in ["ST_B10.TIF", "QA_PIXEL.TIF", "MTL.txt"] {
            try FileManager.default.copyItem(atPath: Fixtures.kranjLandsat(suffix), toPath: dir.file(prefix + suffix))
        }
        let (scene, qa, mtl) = (dir.file(prefix + "ST_B10.TIF"), dir.file(prefix + "QA_PIXEL.TIF"), dir.file(prefix + "MTL.txt"))
        let before = try [qa, mtl].map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let runs = [
            ["hotspots", "--raster", scene, "--radius", "150m", "--output", qa],
            ["hotspots", "--raster", scene, "--radius", "150m", "--output", mtl, "--streaming"],
            ["hotspots", "--raster", scene, "--radius", "150m", "--output", dir.file("z.tif"), "--class-output", qa],
            ["reproject", "--raster", scene, "--output", dir.file("c.tif"), "--summary", mtl],
            ["zonal", "--raster", scene, "--zones", Fixtures.path("kranj/districts.gpkg"), "--output", qa],
        ]
        for arguments in runs {
            let run = try CLIRunner.run(arguments)
            #expect(run.status == 2 && run.error.contains("found beside \(scene)"), "\(arguments): \(run.error)")
        }
        #expect(try [qa, mtl].map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == before)
        #expect(Set(dir.entries()) == Set(["ST_B10.TIF", "QA_PIXEL.TIF", "MTL.txt"].map { prefix + $0 }))
    }

    /// An output that is a directory, a pipe or a device is refused before anything is written: a
    /// GeoTIFF renamed into place would replace the pipe or the device (as root, `/dev/null`
    /// itself), and a class map or summary that turns out to be a directory used to fail only
    /// after the z map was in place. A name ending in "/" wrote a file named after its last folder.
    @Test func outputsMustBeFilesAndNothingIsWrittenWhenOneIsNot() throws {
        let dir = try TemporaryDirectory()
        let (folder, pipe, z) = (dir.file("folder"), dir.file("pipe.tif"), dir.file("z.tif"))
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        _ = try ExternalTool.run("mkfifo", [pipe])
        let runs: [([String], String)] = [
            (["--output", pipe], "not a regular file"),
            (["--output", z, "--class-output", pipe], "not a regular file"),
            (["--output", z, "--class-output", folder], "it is a directory"),
            (["--output", z, "--summary", folder], "it is a directory"),
            (["--output", folder], "it is a directory"),
            (["--output", pipe, "--streaming"], "not a regular file"),
            // A name ending in "/" is a directory meant, not a file called "new" (nor a file in it).
            (["--output", dir.file("new") + "/"], "ends in “/”, so it names a directory"),
            (["--output", z, "--summary", dir.file("new") + "/."], "ends in “/.”, so it names a directory"),
        ]
        for (outputs, message) in runs {
            let run = try CLIRunner.run(["hotspots", "--raster", raster, "--radius", "150m"] + outputs)
            #expect(run.status == 2 && run.error.contains(message), "\(outputs): \(run.error)")
        }
        let kinds = try [pipe, folder].map { try FileManager.default.attributesOfItem(atPath: $0)[.type] as? FileAttributeType }
        #expect(kinds[0] != .typeRegular && kinds[1] == .typeDirectory)
        #expect(Set(dir.entries()) == ["folder", "pipe.tif"])
    }

    /// A run stopped by a signal while it writes leaves none of its hidden temporary files: Ctrl-C
    /// during a streamed Gi* map (also one written through a symbolic link into another directory),
    /// `kill` during an analysis's staging (and the output directory it made); each dies by its
    /// signal once the files are removed. A hang-up that the parent ignores (`nohup`) stays
    /// ignored: that run finishes its map.
    @Test func anInterruptedRunLeavesNoHiddenFiles() throws {
        let dir = try TemporaryDirectory()
        let n = 3000
        var scene = HandMadeRaster(width: n, height: n, values: .float32((0..<(n * n)).map { Float(20 + ($0 % 97) / 10 + $0 / n % 13) }))
        scene.unit = "degC"
        let raster = try scene.write(named: "scene.vrt", in: dir)
        try FileManager.default.createDirectory(atPath: dir.file("real"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: dir.file("link.tif"), withDestinationPath: dir.file("real/z.tif"))
        let streamed = ["hotspots", "--raster", raster, "--radius", "40px", "--streaming", "--quiet", "--output"]
        let cases: [(arguments: [String], signal: Int32, watched: String, hidden: String, expected: SignalledChild.Status)] = [
            (streamed + [dir.file("z.tif")], SIGINT, dir.path, ".z.tif.partial-", .killed(SIGINT)),
            (streamed + [dir.file("link.tif")], SIGINT, dir.file("real"), ".z.tif.partial-", .killed(SIGINT)),
            (["analyze", "--out", dir.file("out"), "--quiet"], SIGTERM, dir.file("out"), ".analysis-", .killed(SIGTERM)),
            (["hotspots", "--raster", raster, "--radius", "1px", "--streaming", "--quiet", "--output", dir.file("kept.tif")], SIGHUP, dir.path, ".kept.tif.partial-", .exited(0)),
        ]
        for run in cases {
            let child = try SignalledChild(CLIRunner.executable, run.arguments, ignoring: run.expected == .exited(0) ? [run.signal] : [])
            let deadline = Date().addingTimeInterval(120)
            var seen = false
            while !seen && child.isRunning && Date() < deadline {
                // The map's hidden name may itself be made from a hidden name (the command's, then the writer's).
                seen = ((try? FileManager.default.contentsOfDirectory(atPath: run.watched)) ?? []).contains { $0.hasPrefix(".") && $0.contains(run.hidden) }
                if !seen { usleep(2_000) }
            }
            if child.isRunning { kill(child.pid, run.signal) }
            let status = child.wait()
            #expect(seen, "\(run.arguments.last ?? ""): no \(run.hidden) file appeared before the run ended")
            #expect(status == run.expected, "\(run.arguments.last ?? ""): \(status)")
            let left = ((try? FileManager.default.contentsOfDirectory(atPath: run.watched)) ?? []).filter { $0.hasPrefix(".") }
            #expect(left.isEmpty, "\(run.arguments.last ?? "") left \(left)")
        }
        #expect(FileManager.default.fileExists(atPath: dir.file("kept.tif")))
        // The analysis's output directory, which the run had made, is gone with its staging, as
        // after a failure: an empty folder had been left.
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
    }

    /// District mode reads its zones as `zonal` does (--layer, --id-field …), says which zones file
    /// an error is about, warns about districts whose Gi* rests on nothing, and takes a negative
    /// permutation count as a count.
    @Test func districtModeNamesItsZonesAndWarns() throws {
        let zones = Fixtures.path("kranj/districts.gpkg")
        let layered = try CLIRunner.run(["hotspots", "--raster", raster, "--zones", zones, "--layer", "districts", "--id-field", "id", "--weights", "distance:1000"])
        #expect(layered.status == 0, "\(layered.error)")
        #expect(layered.error.contains("\(zones): ") && layered.error.contains("have no neighbour under distance:1000.0"), "\(layered.error)")
        let everyone = try CLIRunner.run(["hotspots", "--raster", raster, "--zones", zones, "--weights", "distance:9900"])
        #expect(everyone.status == 0 && everyone.error.contains("1 districts have no Gi* z under distance:9900.0"), "\(everyone.error)")
        let tooMany = try CLIRunner.run(["hotspots", "--raster", raster, "--zones", zones, "--weights", "knn:25"])
        #expect(tooMany.status == 2 && tooMany.error.contains("\(zones): with knn:25 every district is a neighbour"), "\(tooMany.error)")
        let negative = try CLIRunner.run(["hotspots", "--raster", raster, "--zones", zones, "--permutations", "-1"])
        #expect(negative.status == 2 && negative.error.contains("--permutations must be from 0 to 10000000, got -1"), "\(negative.error)")
        let cellsWithLayer = try CLIRunner.run(["hotspots", "--raster", raster, "--radius", "2px", "--output", "/tmp/never.tif", "--layer", "x"])
        #expect(cellsWithLayer.status == 2 && cellsWithLayer.error.contains("are for district hotspots"), "\(cellsWithLayer.error)")
    }

    @Test func badArgumentsAreBadInput() throws {
        #expect(try CLIRunner.run(["hotspots", "--raster", raster, "--radius", "wide", "--output", "/tmp/x.tif"]).status == 2)
        #expect(try CLIRunner.run(["hotspots", "--raster", raster]).status == 2)
        #expect(try CLIRunner.run(["hotspots", "--raster", raster, "--zones", Fixtures.path("kranj/districts.gpkg"), "--weights", "hex"]).status == 2)
    }

    /// Raster outputs are GeoTIFF alone; a map named `.png` had been written as a GeoTIFF.
    @Test func rasterOutputsMustBeNamedAsGeoTIFFs() throws {
        let dir = try TemporaryDirectory()
        for (arguments, option) in [(["hotspots", "--radius", "5px", "--output", dir.file("map.png")], "--output"),
                                    (["hotspots", "--radius", "5px", "--output", dir.file("z.TIFF"), "--class-output", dir.file("classes")], "--class-output"),
                                    (["reproject", "--output", dir.file("lst.img")], "--output")] {
            let outcome = try CLIRunner.run(arguments + ["--raster", raster])
            #expect(outcome.status == 2 && outcome.error.contains("\(dir.path)") && outcome.error.contains("\(option) is written as a GeoTIFF; end its name in .tif or .tiff"), "\(outcome.error)")
        }
        #expect(dir.entries().isEmpty)
    }
}

/// A child process started with SIGINT, SIGTERM and SIGHUP at their defaults, as from a shell: the
/// test runner's own process may ignore them, and an ignored signal stays ignored across `exec`.
private final class SignalledChild {
    enum Status: Equatable { case exited(Int32), killed(Int32), unknown }

    let pid: pid_t
    private var finished: Status?

    /// Starts `executable`; the signals in `ignoring` start ignored, as under `nohup`.
    init(_ executable: String, _ arguments: [String], ignoring: [Int32] = []) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGHUP] where !ignoring.contains(number) { sigaddset(&defaults, number) }
        // An ignored signal is inherited, not set by posix_spawn: ignored here for the spawn only.
        let previous = ignoring.map { ($0, signal($0, SIG_IGN)) }
        defer { for (number, handler) in previous { signal(number, handler) } }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [1, 2] { posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_WRONLY, 0) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, &attributes, argv, environ) == 0 else { throw CocoaError(.executableLoad) }
        self.pid = pid
    }

    /// Whether the child is still running (reaping it, and keeping its status, once it is not).
    var isRunning: Bool {
        guard finished == nil else { return false }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return true }
        finished = Self.decode(status)
        return false
    }

    func wait() -> Status {
        if let finished { return finished }
        var status: Int32 = 0
        return waitpid(pid, &status, 0) == pid ? Self.decode(status) : .unknown
    }

    private static func decode(_ status: Int32) -> Status {
        status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .killed(status & 0x7f)
    }
}
