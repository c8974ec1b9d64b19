import Foundation
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// What we write is checked with `gdalinfo -json`, not with our own reader alone.
struct GeoTIFFWriterTests {
    func grid() throws -> GeoRaster {
        let values: [Float] = (0..<(300 * 200)).map { i in i % 7 == 0 ? .nan : Float(i % 300) * 0.1 }
        return try GeoRaster(
            width: 300, height: 200,
            transform: GeoTransform(originX: 450000, pixelWidth: 30, rowRotation: 0, originY: 125000, columnRotation: 0, pixelHeight: -30),
            spatialReference: SpatialReference(epsg: 3794), values: values)
    }

    func gdalinfo(_ path: String) throws -> [String: Any] {
        let out = try ExternalTool.run("gdalinfo", ["-json", path])
        #expect(out.status == 0)
        return try JSONSerialization.jsonObject(with: Data(out.output.utf8)) as? [String: Any] ?? [:]
    }

    @Test func writesATiledDeflateGeoTIFF() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("lst.tif")
        let raster = try grid()
        try GeoTIFFWriter().write(raster, to: path)
        let info = try gdalinfo(path)
        let band = (info["bands"] as? [[String: Any]])?.first ?? [:]
        #expect(band["type"] as? String == "Float32")
        #expect(band["block"] as? [Int] == [256, 256])
        #expect((band["noDataValue"] as? String) == "NaN")
        let structure = (info["metadata"] as? [String: [String: String]])?["IMAGE_STRUCTURE"] ?? [:]
        #expect(structure["COMPRESSION"] == "DEFLATE")
        #expect(info["geoTransform"] as? [Double] == [450000, 30, 0, 125000, 0, -30])
        let wkt = (info["coordinateSystem"] as? [String: Any])?["wkt"] as? String ?? ""
        #expect(wkt.contains("ID[\"EPSG\",3794]"))
        // Pixels survive the round trip bit for bit (NaN stays NaN).
        let back = try RasterDataset(path: path).band(1).read()
        #expect(zip(back, raster.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(dir.entries() == ["lst.tif"])
    }

    @Test func writesACloudOptimizedGeoTIFFWhenAsked() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("lst-cog.tif")
        try GeoTIFFWriter(layout: .cloudOptimized).write(try grid(), to: path)
        let structure = (try gdalinfo(path)["metadata"] as? [String: [String: String]])?["IMAGE_STRUCTURE"] ?? [:]
        #expect(structure["LAYOUT"] == "COG")
    }

    /// Our COG, overviews included, has the checksums of the one `gdal_translate -of COG` makes
    /// from the same cells with the same creation options (written out here): the scratch-file
    /// setting the writer applies must not change the file.
    @Test func cloudOptimizedGeoTIFFMatchesGdalTranslate() throws {
        let dir = try TemporaryDirectory()
        let values = (0..<(700 * 500)).map { (i: Int) -> Float in
            let (row, column) = i.quotientAndRemainder(dividingBy: 700)
            return i % 97 == 0 ? .nan : Float(column) * 0.03 + Float(row) * 0.01
        }
        let raster = try GeoRaster(width: 700, height: 500, transform: try grid().transform, spatialReference: SpatialReference(epsg: 3794), values: values)
        let (ours, plain, theirs) = (dir.file("ours.tif"), dir.file("plain.tif"), dir.file("theirs.tif"))
        try GeoTIFFWriter(layout: .cloudOptimized).write(raster, to: ours)
        try GeoTIFFWriter().write(raster, to: plain)
        let options = ["COMPRESS=DEFLATE", "BIGTIFF=IF_SAFER", "NUM_THREADS=ALL_CPUS", "BLOCKSIZE=256", "OVERVIEWS=AUTO",
                       "OVERVIEW_RESAMPLING=CUBIC", "LEVEL=1", "PREDICTOR=YES"]
        let run = try ExternalTool.run("gdal_translate", ["-q", "-of", "COG"] + options.flatMap { ["-co", $0] } + [plain, theirs])
        #expect(run.status == 0, "\(run.error)")
        let checksums = { (path: String) throws -> [String] in
            try ExternalTool.run("gdalinfo", ["-checksum", path]).output.split(separator: "\n").filter { $0.contains("hecksum") }.map(String.init)
        }
        let expected = try checksums(theirs)
        #expect(expected.count == 2)  // "Checksum=…" of the band and "Overviews checksum: …" of its one overview (350 × 250)
        #expect(try checksums(ours) == expected)
    }

    @Test func writesIntegerBandsWithNodata() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("classes.tif")
        let t = GeoTransform(originX: 0, pixelWidth: 1, rowRotation: 0, originY: 2, columnRotation: 0, pixelHeight: -1)
        let srs = try SpatialReference(epsg: 3794)
        try GeoTIFFWriter().write(
            bands: [.int16([-3, -2, 2, 3], nodata: -9999), .int16([1, 2, 3, 4], nodata: -9999)], width: 2, height: 2,
            transform: t, spatialReference: srs, to: path)
        let bands = try gdalinfo(path)["bands"] as? [[String: Any]] ?? []
        #expect(bands.map { $0["type"] as? String } == ["Int16", "Int16"])
        #expect(bands.map { $0["noDataValue"] as? Double } == [-9999, -9999])
        #expect(try RasterDataset(path: path).band(1).readRaw(as: Int16.self) == [-3, -2, 2, 3])
        let classes = dir.file("classes8.tif")
        try GeoTIFFWriter().write(bands: [.int8([-3, 0, 2, 3], nodata: nil)], width: 2, height: 2, transform: t, spatialReference: srs, to: classes)
        // GDAL 3.6 stores signed bytes as Byte with PIXELTYPE=SIGNEDBYTE.
        let info = try gdalinfo(classes)["bands"] as? [[String: Any]] ?? []
        let structure = (info.first?["metadata"] as? [String: [String: String]])?["IMAGE_STRUCTURE"] ?? [:]
        #expect(structure["PIXELTYPE"] == "SIGNEDBYTE")
        #expect(try RasterDataset(path: classes).band(1).dataType == .int8)
        #expect(try RasterDataset(path: classes).band(1).readRaw(as: UInt8.self).map { Int8(bitPattern: $0) } == [-3, 0, 2, 3])
    }

    @Test func mixedBandTypesAreRejected() throws {
        let dir = try TemporaryDirectory()
        let t = GeoTransform(originX: 0, pixelWidth: 1, rowRotation: 0, originY: 1, columnRotation: 0, pixelHeight: -1)
        // A GeoTIFF has one sample type for all bands; silently converting would change values.
        #expect(throws: GDALError.self) {
            try GeoTIFFWriter().write(bands: [.float32([1.5]), .uint8([1])], width: 1, height: 1, transform: t,
                                      spatialReference: SpatialReference(epsg: 3794), to: dir.file("x.tif"))
        }
        #expect(dir.entries().isEmpty)
    }

    @Test func unwritableDestinationsFailWithoutLeavingFiles() throws {
        let dir = try TemporaryDirectory()
        #expect(throws: GDALError.self) { try GeoTIFFWriter().write(try grid(), to: dir.file("missing/lst.tif")) }
        let readOnly = dir.file("ro")
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o555])
        // Root ignores permissions (as in CI containers), but cannot create files in sysfs either.
        let parent = getuid() == 0 ? "/sys/kernel" : readOnly
        #expect(throws: GDALError.self) { try GeoTIFFWriter().write(try grid(), to: parent + "/lst.tif") }
        #expect(dir.entries() == ["ro"])
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: readOnly)) ?? []).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).allSatisfy { !$0.contains("lst.tif") })
    }

    private func permissions(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1
    }

    /// A file replaced keeps its permissions (a 0600 table came back 0644); a read-only one is
    /// refused and left as it was, whoever runs the write (the rename needs only the directory).
    @Test func replacingKeepsPermissionsAndRefusesReadOnlyFiles() throws {
        let dir = try TemporaryDirectory()
        let kept = dir.file("private.tif"), locked = dir.file("locked.tif")
        for path in [kept, locked] { try Data("old".utf8).write(to: URL(fileURLWithPath: path)) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: kept)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: locked)
        try GeoTIFFWriter().write(try grid(), to: kept)
        #expect(try permissions(kept) == 0o600)
        #expect(try RasterDataset(path: kept).width == 300)
        #expect(throws: GDALError.writeFailed(path: locked, message: "it is read-only (permissions 444); make it writable or remove it to replace it")) {
            try GeoTIFFWriter().write(try grid(), to: locked)
        }
        #expect(try String(contentsOfFile: locked, encoding: .utf8) == "old")
        #expect(dir.entries() == ["locked.tif", "private.tif"])
    }

    /// Classes 0…3 in 2 × 2 blocks: nearest overviews keep classes, cubic ones blend them (the
    /// zoomed-out levels of a hot-spot map held 2.7 and the like).
    @Test(arguments: [GeoTIFFWriter.OverviewResampling.nearest, .cubic])
    func overviewsOfClassesKeepClassesOnlyByNearestNeighbour(resampling: GeoTIFFWriter.OverviewResampling) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("classes.tif"), level = dir.file("level.tif")
        let raster = try GeoRaster(
            width: 600, height: 600, transform: try grid().transform, spatialReference: SpatialReference(epsg: 3794),
            values: (0..<(600 * 600)).map { (i: Int) -> Float in
                let (row, column) = i.quotientAndRemainder(dividingBy: 600)
                return Float((column / 2 + row / 2 * 3) % 4)
            })
        try GeoTIFFWriter(layout: .cloudOptimized, overviewResampling: resampling).write(raster, to: path)
        #expect(try ExternalTool.run("gdal_translate", ["-q", "-oo", "OVERVIEW_LEVEL=0", path, level]).status == 0)
        let overview = try RasterDataset(path: level).band(1).read()
        #expect(overview.count == 300 * 300)
        let onlyClasses = overview.allSatisfy { (0...3).contains($0) && $0 == $0.rounded() }
        #expect(onlyClasses == (resampling == .nearest))
    }
}
