import Foundation
import HeatIsland
import HeatIslandTestSupport
import Testing

/// A header can claim any size: the loader refuses grids beyond its memory limit before allocating.
struct MemoryLimitTests {
    @Test func aSmallLimitRefusesTheGridAndNamesTheFile() throws {
        let directory = try TemporaryDirectory()
        var raster = HandMadeRaster(width: 100, height: 100, values: .float32(Array(repeating: 25, count: 10_000)))
        raster.unit = "Celsius"
        let path = try raster.write(named: "small.vrt", in: directory)
        var options = LSTLoadOptions()
        options.memoryLimitBytes = 39_999   // one pixel short of 100 × 100 × 4 bytes
        #expect(throws: HeatIslandError.tooLargeForMemory(path: path, width: 100, height: 100, limitBytes: 39_999)) {
            _ = try LSTLoader.load(path: path, options: options)
        }
        options.memoryLimitBytes = 40_000
        #expect(try LSTLoader.load(path: path, options: options).raster.values.count == 10_000)
    }

    @Test func aTinyFileClaimingABillionPixelsIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("huge.vrt")
        // 200000 × 200000 Float32 cells (160 GB) described in a few hundred bytes.
        let vrt = """
        <VRTDataset rasterXSize="200000" rasterYSize="200000">
          <SRS>EPSG:32633</SRS><GeoTransform>450000, 30, 0, 5125000, 0, -30</GeoTransform>
          <VRTRasterBand dataType="Float32" band="1"><UnitType>Celsius</UnitType></VRTRasterBand>
        </VRTDataset>
        """
        try Data(vrt.utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try LSTLoader.load(path: path)
            Issue.record("a 160 GB grid was accepted")
        } catch {
            guard case .tooLargeForMemory(let named, 200_000, 200_000, _) = error else { Issue.record("\(error)"); return }
            #expect(named == path && error.description.contains("streaming"))
        }
    }

    /// The streaming paths hold a few block rows, but a header can make one block row as large as it
    /// likes: 2 000 000 000 columns across a strip of Kranj, a few hundred bytes of VRT.
    @Test func aTinyFileClaimingBillionsOfColumnsIsRefusedByTheStreamingPaths() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("wide.vrt")
        let vrt = """
        <VRTDataset rasterXSize="2000000000" rasterYSize="3000">
          <SRS>EPSG:3794</SRS><GeoTransform>440000, 1e-5, 0, 125000, 0, -0.001</GeoTransform>
          <VRTRasterBand dataType="Float32" band="1"><UnitType>Celsius</UnitType></VRTRasterBand>
        </VRTDataset>
        """
        try Data(vrt.utf8).write(to: URL(fileURLWithPath: path))
        let output = directory.file("z.tif")
        let refusals: [(String, () throws(HeatIslandError) -> Void)] = [
            ("hot spots", { () throws(HeatIslandError) in _ = try CellHotspots.stream(path: path, radius: .cells(1), output: output) }),
            ("zonal", { () throws(HeatIslandError) in _ = try ZonalStatisticsRunner.stream(path: path, zonesPath: Fixtures.path("kranj/districts.geojson")) }),
        ]
        for (name, run) in refusals {
            do throws(HeatIslandError) {
                try run()
                Issue.record("\(name): a block row of 2 000 000 000 columns was accepted")
            } catch {
                guard case .blockTooLargeForMemory(let named, let width, _, _) = error else { Issue.record("\(name): \(error)"); continue }
                #expect(named == path && width > 1_000_000_000, "\(name): \(error)")
            }
        }
        #expect(directory.entries() == ["wide.vrt"])
    }
}
