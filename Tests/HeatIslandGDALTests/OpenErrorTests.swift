import Foundation
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Bad input gives a typed error whose one-line description names the file.
struct OpenErrorTests {
    @Test func missingFile() {
        #expect(throws: GDALError.fileNotFound(path: "/nonexistent/scene.tif")) {
            try RasterDataset(path: "/nonexistent/scene.tif")
        }
    }

    /// C stops at a NUL: "scene.tif\0junk" would have opened scene.tif, and an output been written
    /// under the part before the NUL.
    @Test func namesWithANULAreRefused() throws {
        let scene = Fixtures.kranjLandsat("ST_B10.TIF")
        let nul = { (error: any Error) -> Bool in error is GDALError && "\(error)".contains("cannot hold a NUL character") }
        #expect(performing: { try RasterDataset(path: scene + "\0junk") }, throws: nul)
        #expect(performing: { try VectorDataset(path: Fixtures.path("kranj/districts.gpkg") + "\0x") }, throws: nul)
        let dir = try TemporaryDirectory()
        let raster = try GeoRaster(width: 1, height: 1, transform: GeoTransform(originX: 0, pixelWidth: 1, originY: 1, pixelHeight: -1),
                                   spatialReference: SpatialReference(epsg: 3794), values: [1])
        #expect(performing: { try GeoTIFFWriter().write(raster, to: dir.file("a\0b.tif")) }, throws: nul)
        #expect(dir.entries().isEmpty)
    }

    @Test func notARaster() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("notes.tif")
        try "surely not a GeoTIFF".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try RasterDataset(path: path)
            Issue.record("opened a text file as a raster")
        } catch {
            guard case .openFailed(let p, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(p == path)
            #expect(error.description.hasPrefix(path))
        }
    }

    @Test func truncatedTIFFFailsOnOpenOrRead() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("truncated.tif")
        let whole = try Data(contentsOf: URL(fileURLWithPath: Fixtures.landsatSample("ST_B10.TIF")))
        try whole.prefix(whole.count / 3).write(to: URL(fileURLWithPath: path))
        #expect(throws: GDALError.self) {
            let ds = try RasterDataset(path: path)
            _ = try ds.band(1).readRaw(as: UInt16.self)
        }
    }

    @Test func bandOutOfRange() throws {
        let ds = try RasterDataset(path: Fixtures.landsatSample("ST_B10.TIF"))
        #expect(throws: GDALError.noSuchBand(path: ds.path, band: 2, bandCount: 1)) { try ds.band(2) }
        #expect(throws: GDALError.noSuchBand(path: ds.path, band: 0, bandCount: 1)) { try ds.band(0) }
    }
}
