import Foundation
import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Streamed cell hotspots against the in-memory path (itself checked against a brute-force Gi* in
/// the kernel tests): the Kranj fixture is 667 rows in 256-row blocks, so every radius here makes
/// windows borrow rows from their neighbours.
struct StreamingHotspotTests {
    static let scene = Fixtures.kranjLandsat("ST_B10.TIF")

    @Test(arguments: [HotspotRadius.metres(150), .cells(15), .cells(40)], [FocalNeighbourhood.Shape.circle, .square])
    func streamedEqualsInMemory(radius: HotspotRadius, shape: FocalNeighbourhood.Shape) throws {
        try check(radius: radius, shape: shape, fdr: false)
    }

    /// With the false-discovery rate the streamed path reads z back from its output to rank it
    /// (``FalseDiscoveryRate``, checked against the definition in the kernel tests): its critical
    /// values and classes must be the in-memory ones. Blocks of 64 rows make eleven windows.
    @Test(arguments: [HotspotRadius.metres(150), .cells(40)])
    func streamedFDREqualsInMemory(radius: HotspotRadius) throws {
        try check(radius: radius, shape: .circle, fdr: true, blockRows: 64)
    }

    func check(radius: HotspotRadius, shape: FocalNeighbourhood.Shape, fdr: Bool, blockRows: Int = 256) throws {
        let loaded = try LSTLoader.load(path: Self.scene)
        let memory = try CellHotspots.compute(raster: loaded.raster, radius: radius, shape: shape, fdr: fdr)
        let directory = try TemporaryDirectory()
        let output = directory.file("hotspots.tif")
        let progress = ProgressRecorder()
        let summary = try CellHotspots.stream(path: Self.scene, radius: radius, shape: shape, output: output, includeP: true,
                                              fdr: fdr, blockRows: blockRows, progress: progress.handler)
        #expect(summary.criticalPValues == memory.criticalPValues)
        #expect(fdr ? summary.criticalPValues[0] < Significance.levels[0] && summary.criticalPValues[2] > 0 : summary.criticalPValues == Significance.levels)
        #expect(progress.roseToOne, "\(progress.fractions)")
        // The same sums in the same order, however the blocks split the raster.
        #expect(summary.moments.count == memory.moments.count)
        #expect(summary.moments.mean.bitPattern == memory.moments.mean.bitPattern)
        #expect(summary.moments.standardDeviation.bitPattern == memory.moments.standardDeviation.bitPattern)
        #expect(summary.neighbourhood == memory.neighbourhood)
        #expect(summary.maskCounts == loaded.maskCounts)

        let file = try RasterDataset(path: output)
        #expect(file.width == loaded.raster.width && file.height == loaded.raster.height)
        #expect(try file.geoTransform() == loaded.raster.transform)
        let z: [Float] = try file.band(1).readRaw(), classes: [Float] = try file.band(2).readRaw(), p: [Float] = try file.band(3).readRaw()
        // Circles narrower than 16 cells sum each neighbourhood from row prefix sums that do not
        // depend on where a chunk of rows starts: bit for bit. Squares and wider circles carry sums
        // down from each chunk's first row, and the chunks differ between the paths: an ulp, a few
        // more only near 0.
        let exact = shape == .circle && summary.neighbourhood.rowRadius < 16
        var beyond = 0, classMismatches = 0, counts = [Int](repeating: 0, count: 7)
        for i in z.indices {
            let expected = memory.z.values[i]
            #expect(z[i].isNaN == expected.isNaN)
            guard expected.isFinite else { #expect(classes[i].isNaN && p[i].isNaN); continue }
            if exact ? z[i].bitPattern != expected.bitPattern : abs(z[i] - expected) > max(expected.ulp, 1e-6) { beyond += 1 }
            if Int8(classes[i]) != memory.classes[i] { classMismatches += 1 }
            counts[Int(classes[i]) + 3] += 1
            #expect(abs(Double(p[i]) - Significance.pValue(z: Double(expected))) < 1e-5)
        }
        #expect(beyond == 0, "\(beyond) z-scores differ \(exact ? "at all" : "by more than an ulp or 1e-6")")
        #expect(classMismatches == 0)
        #expect(summary.classCounts == counts)
        #expect(summary.hotCells > 0 && summary.coldCells > 0)
        #expect(directory.entries() == ["hotspots.tif"])
    }

    @Test func unwritableOutputLeavesNothing() throws {
        let directory = try TemporaryDirectory()
        let output = directory.file("missing/hotspots.tif")
        #expect(throws: HeatIslandError.self) {
            _ = try CellHotspots.stream(path: Self.scene, radius: .cells(3), output: output)
        }
        #expect(directory.entries().isEmpty)
    }

    @Test func radiusInMetresOnGeographicGridNamesTheFile() throws {
        let directory = try TemporaryDirectory()
        var raster = HandMadeRaster(width: 8, height: 8, values: .float32((0..<64).map { Float($0 % 7) + 20 }))
        (raster.srs, raster.unit, raster.geoTransform) = ("EPSG:4326", "Celsius", "14.3, 0.001, 0, 46.2, 0, -0.001")
        let path = try raster.write(named: "degrees.vrt", in: directory)
        do {
            _ = try CellHotspots.stream(path: path, radius: .metres(100), output: directory.file("z.tif"))
            Issue.record("a radius in metres on degrees was accepted")
        } catch {
            #expect(error.description.contains("degrees.vrt") && error.description.contains("projected"))
        }
        #expect(Set(directory.entries()) == ["degrees.vrt", "degrees.vrt.raw"])
    }
}
