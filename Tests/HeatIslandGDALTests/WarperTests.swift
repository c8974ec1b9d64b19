import Foundation
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Reprojection must agree with the `gdalwarp` program, run here on the same input with the same
/// options, pixel for pixel.
struct WarperTests {
    let source = Fixtures.landsatSample("ST_B10.TIF")

    /// gdalwarp's names for the resampling kernels, written out here rather than taken from
    /// `WarpOptions`, so that a wrong mapping there shows as a difference.
    static let gdalwarpKernel: [WarpOptions.Resampling: String] = [.nearest: "near", .bilinear: "bilinear", .cubic: "cubic", .average: "average"]

    /// Runs gdalwarp with `arguments` (besides input, output and format) and reads its output back.
    func gdalwarp(_ input: String, _ arguments: [String], in dir: TemporaryDirectory) throws -> (RasterDataset, [Float]) {
        let out = dir.file("gdalwarp-\(UUID().uuidString).tif")
        let run = try ExternalTool.run("gdalwarp", ["-q", "-of", "GTiff"] + arguments + [input, out])
        #expect(run.status == 0, "\(run.error)")
        let ds = try RasterDataset(path: out)
        return (ds, try ds.band(1).read())
    }

    func expectIdentical(_ ours: GeoRaster, _ theirs: (RasterDataset, [Float])) throws {
        #expect(ours.width == theirs.0.width && ours.height == theirs.0.height)
        #expect(ours.transform == (try theirs.0.geoTransform()))
        #expect(ours.spatialReference.isSame(as: try theirs.0.spatialReference()))
        let differing = zip(ours.values, theirs.1).filter { !($0 == $1 || ($0.isNaN && $1.isNaN)) }.count
        #expect(differing == 0)
        #expect(ours.values.contains { !$0.isNaN })
    }

    @Test(arguments: WarpOptions.Resampling.allCases)
    func sourceBandMatchesGdalwarp(_ resampling: WarpOptions.Resampling) throws {
        let dir = try TemporaryDirectory()
        // The sample's southern scene in the northern UTM zone, warped to the southern zone.
        var options = WarpOptions(target: try SpatialReference(epsg: 32719))
        options.resampling = resampling
        options.resolution = (500, 500)
        options.targetAlignedPixels = true
        let ours = try Warper.reproject(RasterDataset(path: source), options: options)
        let theirs = ["-t_srs", "EPSG:32719", "-r", Self.gdalwarpKernel[resampling]!, "-ot", "Float32", "-dstnodata", "nan", "-tr", "500", "500", "-tap"]
        try expectIdentical(ours, try gdalwarp(source, theirs, in: dir))
    }

    /// The arguments handed to GDAL's warper, option by option (the target as WKT).
    @Test func argumentsAreGdalwarps() throws {
        var options = WarpOptions(target: try SpatialReference(epsg: 3794))
        let wkt = options.target.wkt
        #expect(options.gdalwarpArguments == ["-t_srs", wkt, "-r", "near", "-ot", "Float32", "-dstnodata", "nan", "-multi", "-wo", "NUM_THREADS=ALL_CPUS"])
        (options.resampling, options.resolution, options.targetAlignedPixels, options.multithreaded) = (.cubic, (30, 20), true, false)
        #expect(options.gdalwarpArguments == ["-t_srs", wkt, "-r", "cubic", "-ot", "Float32", "-dstnodata", "nan", "-tr", "30.0", "20.0", "-tap"])
    }

    @Test func decodedGridMatchesGdalwarpWithDefaultResolution() throws {
        let dir = try TemporaryDirectory()
        // A °C-like grid with NaN holes, warped from an in-memory grid and from the same grid on disk.
        let raster = try Self.grid()
        let input = dir.file("grid.tif")
        try GeoTIFFWriter().write(raster, to: input)
        var options = WarpOptions(target: try SpatialReference(epsg: 3794))
        options.resampling = .bilinear
        try expectIdentical(try Warper.reproject(raster, options: options),
                            try gdalwarp(input, ["-t_srs", "EPSG:3794", "-r", "bilinear", "-ot", "Float32", "-dstnodata", "nan"], in: dir))
    }

    /// The grid warped to a file (nearest neighbour, the default) reads back as the same grid warped
    /// in memory, which is gdalwarp's `-r near` of the grid, with the band's unit and name as gdalinfo
    /// reports them.
    @Test func writtenFileCarriesUnitAndName() throws {
        let dir = try TemporaryDirectory()
        let raster = try Self.grid()
        let input = dir.file("grid.tif")
        try GeoTIFFWriter().write(raster, to: input)
        let output = dir.file("warped.tif")
        let options = WarpOptions(target: try SpatialReference(epsg: 3794))
        try Warper.reproject(raster, options: options, writingTo: output, unit: "Celsius", description: "land surface temperature")
        let written = try RasterDataset(path: output)
        let inMemory = try Warper.reproject(raster, options: options)
        try expectIdentical(inMemory, (written, try written.band(1).read()))
        try expectIdentical(inMemory, try gdalwarp(input, ["-t_srs", "EPSG:3794", "-r", "near", "-ot", "Float32", "-dstnodata", "nan"], in: dir))
        let info = try ExternalTool.run("gdalinfo", ["-json", output])
        let band = try #require(((try JSONSerialization.jsonObject(with: Data(info.output.utf8)) as? [String: Any])?["bands"] as? [[String: Any]])?.first)
        #expect(band["unit"] as? String == "Celsius")
        #expect(band["description"] as? String == "land surface temperature")
    }

    /// Two grids warped together into one COG read back band by band as gdalwarp's `-r near` of
    /// the same two bands in one file, with the bands' names; NaN holes differ between the bands.
    @Test func bandsWarpedTogetherMatchGdalwarp() throws {
        let dir = try TemporaryDirectory()
        let first = try Self.grid()
        var second = first
        second.values = first.values.enumerated().map { i, value in i % 13 == 5 ? .nan : (value.isNaN ? 1 : -value) }
        let input = dir.file("two.tif"), output = dir.file("warped.tif")
        try GeoTIFFWriter().write(bands: [.float32(first.values), .float32(second.values)], width: first.width, height: first.height,
                                  transform: first.transform, spatialReference: first.spatialReference, to: input)
        var options = WarpOptions(target: try SpatialReference(epsg: 3794))
        options.resolution = (25, 25)
        try Warper.reproject(bands: [first, second], options: options, writingTo: output,
                             writer: GeoTIFFWriter(layout: .cloudOptimized, overviewResampling: .nearest), descriptions: ["z", "class"])
        let theirs = dir.file("gdalwarp.tif")
        let run = try ExternalTool.run("gdalwarp", ["-q", "-of", "GTiff", "-t_srs", "EPSG:3794", "-r", "near", "-ot", "Float32",
                                                    "-dstnodata", "nan", "-tr", "25", "25", input, theirs])
        #expect(run.status == 0, "\(run.error)")
        let (ours, reference) = (try RasterDataset(path: output), try RasterDataset(path: theirs))
        #expect(ours.bandCount == 2 && reference.bandCount == 2)
        #expect(try ours.geoTransform() == (try reference.geoTransform()))
        for band in 1...2 {
            let (a, b) = (try ours.band(band).read(), try reference.band(band).read())
            #expect(a.count == b.count)
            #expect(zip(a, b).filter { !($0 == $1 || ($0.isNaN && $1.isNaN)) }.isEmpty)
            #expect(a.contains { !$0.isNaN })
        }
        let info = try ExternalTool.run("gdalinfo", ["-json", output])
        let bands = (try JSONSerialization.jsonObject(with: Data(info.output.utf8)) as? [String: Any])?["bands"] as? [[String: Any]] ?? []
        #expect(bands.map { $0["description"] as? String } == ["z", "class"])
        #expect(dir.entries().sorted() == ["gdalwarp.tif", "two.tif", "warped.tif"])
    }

    /// Bands on different grids cannot share a warp: refused before anything is written.
    @Test func bandsOnDifferentGridsAreRefused() throws {
        let dir = try TemporaryDirectory()
        let grid = try Self.grid()
        var shifted = grid
        shifted.transform = GeoTransform(originX: 440030, pixelWidth: 30, rowRotation: 0, originY: 5125000, columnRotation: 0, pixelHeight: -30)
        let output = dir.file("warped.tif")
        #expect(throws: GDALError.invalidArgument("\(output): the bands to warp into one file must share one grid (size, geotransform and CRS)")) {
            try Warper.reproject(bands: [grid, shifted], options: WarpOptions(target: try SpatialReference(epsg: 3794)), writingTo: output)
        }
        #expect(dir.entries().isEmpty)
    }

    /// The opposite mistake: a cell wider than the whole grid (30 read as degrees, or metres as
    /// kilometres) is told as such, not in GDAL's words about a 0 × 0 dataset.
    @Test func refusesACellLargerThanTheWholeGrid() throws {
        var options = WarpOptions(target: try SpatialReference(epsg: 4326))
        options.resolution = (30, 30)
        #expect { try Warper.reproject(try Self.grid(), options: options) } throws: { error in
            guard case .warpFailed(_, let message) = error as? GDALError else { return false }
            return message.contains("a cell of 30.0 × 30.0 target units is larger than the whole reprojected raster")
        }
    }

    /// And a cell so small (1e-7 m over a 1.9 km grid: 1.9e10 cells a side) that the sides overflow
    /// GDAL's 32-bit sizes: told as such, not as GDAL's "-2147483648x-2147483648 dataset".
    @Test func refusesACellSoSmallThatTheSidesOverflow() throws {
        var options = WarpOptions(target: try SpatialReference(epsg: 3794))
        options.resolution = (1e-7, 1e-7)
        #expect { try Warper.reproject(try Self.grid(), options: options) } throws: { error in
            guard case .warpFailed(_, let message) = error as? GDALError else { return false }
            return message.contains("a cell of 1e-07 × 1e-07 target units makes a grid of more than 2³¹ − 1 cells a side")
        }
    }

    /// Pixels of a tenth of a millimetre asked for by mistake: a grid of 2.7e14 cells, about 1000 TiB uncompressed, is refused
    /// before GDAL writes anything, naming the file and the resolution, and no partial file stays.
    @Test func refusesAGridLargerThanTheFreeSpace() throws {
        let dir = try TemporaryDirectory()
        var options = WarpOptions(target: try SpatialReference(epsg: 3794))
        options.resolution = (0.0001, 0.0001)
        let (output, grid) = (dir.file("huge.tif"), try Self.grid())
        do throws(GDALError) {
            try Warper.reproject(grid, options: options, writingTo: output)
            Issue.record("a petabyte grid was accepted")
        } catch .writeFailed(let path, let message) {
            #expect(path == output && message.contains("check the target resolution") && message.contains("TiB uncompressed"))
        } catch {
            Issue.record("unexpected error: \(error)")
        }
        #expect(dir.entries().isEmpty)
    }

    /// The grid GDAL plans (about 64 × 49 cells at 30 m, 25 KiB twice over) against a 16 KiB limit:
    /// refused before the memory dataset is made; within the default limit it is warped.
    @Test func refusesAnInMemoryGridAboveTheMemoryLimit() throws {
        var options = WarpOptions(target: try SpatialReference(epsg: 3794))
        options.resolution = (30, 30)
        let grid = try Self.grid()
        #expect(try Warper.reproject(grid, options: options).values.count > 3000)
        options.memoryLimitBytes = 16 << 10
        do throws(GDALError) {
            _ = try Warper.reproject(grid, options: options)
            Issue.record("a grid above the memory limit was warped")
        } catch .warpFailed(let path, let message) {
            #expect(path == "in-memory grid" && message.contains("16.0 KiB limit") && message.contains("check the target resolution"))
        } catch {
            Issue.record("unexpected error: \(error)")
        }
    }

    /// GDAL reports the warp's progress through the handler, rising to 1, in memory and into a file;
    /// a handler that returns `false` stops the warp, which then throws `stopped` naming the file
    /// and leaves nothing behind.
    @Test func progressRisesToOneAndAStopLeavesNoFile() throws {
        let dir = try TemporaryDirectory()
        let (grid, options) = (try Self.grid(), WarpOptions(target: try SpatialReference(epsg: 3794)))
        for output in [nil, dir.file("warped.tif")] {
            let recorder = ProgressRecorder()
            let report = recorder.handler
            let progress: GDALProgressHandler = { report($0); return true }
            if let output { try Warper.reproject(grid, options: options, writingTo: output, progress: progress) }
            else { _ = try Warper.reproject(grid, options: options, progress: progress) }
            #expect(recorder.roseToOne && recorder.fractions.count > 2, "\(recorder.fractions)")
        }
        try FileManager.default.removeItem(atPath: dir.file("warped.tif"))
        let output = dir.file("stopped.tif")
        do throws(GDALError) {
            try Warper.reproject(grid, options: options, writingTo: output, progress: { $0 == 0 })
            Issue.record("the warp went on after its handler stopped it")
        } catch .stopped(let path) {
            #expect(path == output)
        } catch {
            Issue.record("unexpected error: \(error)")
        }
        #expect(dir.entries().isEmpty)
    }

    /// A 64 × 48 °C-like grid at 30 m in UTM 33N with NaN holes.
    static func grid() throws -> GeoRaster {
        try GeoRaster(
            width: 64, height: 48,
            transform: GeoTransform(originX: 440000, pixelWidth: 30, rowRotation: 0, originY: 5125000, columnRotation: 0, pixelHeight: -30),
            spatialReference: SpatialReference(epsg: 32633),
            values: (0..<(64 * 48)).map(Self.syntheticCelsius))
    }

    static func syntheticCelsius(_ i: Int) -> Float {
        if i % 11 == 3 { return .nan }
        let column = Float(i % 64), row = Float(i / 64)
        return 20 + column * 0.25 - row * 0.1
    }

    @Test func rejectsInconsistentOptions() throws {
        var options = WarpOptions(target: try SpatialReference(epsg: 3794))
        options.targetAlignedPixels = true
        #expect(throws: GDALError.invalidArgument("target-aligned pixels need a target resolution")) {
            try Warper.reproject(RasterDataset(path: source), options: options)
        }
        options.resolution = (-30, 30)
        #expect(throws: GDALError.invalidArgument("target resolution must be positive, got -30.0 × 30.0")) {
            try Warper.reproject(RasterDataset(path: source), options: options)
        }
    }
}
