import Benchmark
import Foundation
import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels

/// The analysis end to end on a generated full-size scene (7800 × 7900 Float32 °C GeoTIFF, written
/// to a temporary directory at start-up, never committed): load and decode, zonal statistics of 26
/// districts, cell Gi* (radius 5), district Gi* (queen) and UHI indicators, as `kranj-heat analyze`
/// runs them (without its map, report and reprojected copies).
let benchmarks: @Sendable () -> Void = {
    let width = 7800, height = 7900
    let grid = GeoTransform(originX: 400_000, pixelWidth: 30, rowRotation: 0, originY: 5_200_000, columnRotation: 0, pixelHeight: -30)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("heatisland-pipeline-\(getpid())").path
    let scene = directory + "/scene_celsius.tif"
    do {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let writer = try GeoTIFFBlockWriter(path: scene, width: width, height: height, transform: grid,
                                            spatialReference: try SpatialReference(epsg: 32633), descriptions: ["lst"], unit: "Celsius")
        var strip = [Float](repeating: 0, count: width * 256)
        for top in stride(from: 0, to: height, by: 256) {
            let rows = min(256, height - top)
            for r in 0..<rows {
                for x in 0..<width {
                    let y = top + r
                    strip[r * width + x] = 25 + 5 * sin(Float(x) / 700) * cos(Float(y) / 900) + Float((x &* y) % 7) * 0.1
                }
            }
            try strip.withUnsafeBufferPointer { values in
                try writer.write(UnsafeBufferPointer(rebasing: values[0..<(rows * width)]), band: 1,
                                 window: PixelWindow(column: 0, row: top, width: width, height: rows))
            }
        }
        try writer.finish()
    } catch {
        print("Pipeline: cannot write the generated scene: \(error)")
        return
    }

    // 26 touching districts: a 6 × 5 block of 3 km cells in the middle of the scene, the last four merged away.
    let zones: [Zone] = (0..<26).map { k in
        let (i, j) = (Double(k % 6), Double(k / 6))
        let x0 = 400_000 + 30.0 * Double(width) / 2 - 9_000 + i * 3_000, y0 = 5_200_000 - 30.0 * Double(height) / 2 + 7_500 - j * 3_000
        let ring = Ring([SIMD2(x0, y0), SIMD2(x0 + 3_000, y0), SIMD2(x0 + 3_000, y0 - 3_000), SIMD2(x0, y0 - 3_000), SIMD2(x0, y0)])
        return Zone(id: "\(k)", name: "district \(k)", geometry: MultiPolygon([Polygon(exterior: ring)]))
    }

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .peakMemoryResident], maxDuration: .seconds(20), maxIterations: 5)

    Benchmark("analysis end to end, 7800 × 7900, 26 districts") { benchmark in
        for _ in benchmark.scaledIterations {
            do {
                let loaded = try LSTLoader.load(path: scene)
                let statistics = try ZonalStatisticsRunner.compute(raster: loaded.raster, zones: zones)
                let cells = try CellHotspots.compute(raster: loaded.raster, radius: .cells(5), fdr: true)
                let districts = try DistrictHotspots.compute(zones: zones, values: statistics.map { $0.mean ?? .nan }, weights: .queen())
                let uhi = try UHIReport.compute(raster: loaded.raster, zones: zones, statistics: statistics)
                blackHole((cells.classes.count, districts.count, uhi))
            } catch {
                print("Pipeline failed: \(error)")
            }
        }
    }

    Benchmark("load and decode, 7800 × 7900 Float32 GeoTIFF") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? LSTLoader.load(path: scene))
        }
    }
}
