import FuzzDriver
import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels

/// The zones a fuzzed file gives are read, repaired, reprojected to a UTM grid and reduced over
/// it by every coverage rule: whatever the bytes, the answer is zones or a typed error.
private let grid = GeoTransform(originX: 440_000, pixelWidth: 30, rowRotation: 0, originY: 5_130_000, columnRotation: 0, pixelHeight: -30)

private func fuzzZones(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The first byte picks the driver by extension (GeoJSON also opens by content).
    let name = ["zones.geojson", "zones.json", "zones.gpkg", "zones.shp"][Int(bytes.first ?? 0) % 4]
    guard let file = try? MemoryFile(bytes: bytes, name: name),
          let crs = try? SpatialReference(epsg: 32633),
          let raster = try? GeoRaster(width: 64, height: 48, transform: grid, spatialReference: crs,
                                      values: (0..<(64 * 48)).map { Float($0 % 17) + 20 }) else { return 0 }
    for repair in [false, true] {
        var options = ZoneSet.Options()
        options.repairInvalid = repair
        guard let zones = try? ZoneSet.load(path: file.path, options: options, reprojectTo: crs) else { continue }
        for rule in CoverageRule.allCases {
            var zonal = ZonalOptions()
            zonal.rule = rule
            _ = try? ZonalStatisticsRunner.compute(raster: raster, zones: zones.zones, options: zonal)
        }
    }
    return 0
}

runFuzzer { data, size in fuzzZones(data, size) }
