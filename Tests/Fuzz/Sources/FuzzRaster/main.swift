import FuzzDriver
import HeatIsland
import HeatIslandGDAL

/// A fuzzed file opened as a raster and decoded as an LST product (detected, then as each product
/// in turn): whatever the bytes, the answer is a scene or a typed error, never a crash or a huge
/// allocation.
private func fuzzRaster(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let file = try? MemoryFile(bytes: bytes, name: "LC09_L2SP_190028_20240715_20240716_02_T1_ST_B10.TIF") else { return 0 }
    if let dataset = try? RasterDataset(path: file.path) {
        _ = dataset.metadata()
        _ = try? dataset.geoTransform()
        _ = try? dataset.spatialReference()
    }
    for product in [nil] + LSTProduct.allCases.map(Optional.some) {
        var options = LSTLoadOptions(product: product)
        // A header can claim any size; the fuzzer's own allocation limit is 2 GB.
        options.memoryLimitBytes = 64 << 20
        guard let scene = try? LSTLoader.load(path: file.path, options: options) else { continue }
        _ = try? CellHotspots.compute(raster: scene.raster, radius: .cells(2))
    }
    return 0
}

runFuzzer { data, size in fuzzRaster(data, size) }
