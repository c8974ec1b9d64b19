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
}
