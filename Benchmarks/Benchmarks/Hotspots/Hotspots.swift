import Benchmark
import Foundation
import HeatIslandKernels

/// Cell Gi* alone, in memory, on a 7800 × 7900 Float32 grid, circles of radius 5 and 50 cells and a
/// square of radius 5. The peer comparison with xarray-spatial is `Benchmarks/scripts/compare_hotspots.py`.
let benchmarks: @Sendable () -> Void = {
    let width = 7800, height = 7900
    var values = [Float](repeating: 0, count: width * height)
    for row in 0..<height {
        for column in 0..<width {
            values[row * width + column] = (column * 31 + row * 17) % 997 == 0
                ? .nan : 25 + 5 * sin(Float(column) / 700) * cos(Float(row) / 900) + Float((column &* row) % 7) * 0.1
        }
    }
    var z = [Float](repeating: 0, count: width * height)

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .peakMemoryResident], maxDuration: .seconds(10), maxIterations: 5)

    let cases: [(String, FocalNeighbourhood)] = [
        ("circle r=5", FocalNeighbourhood(shape: .circle, radiusCells: 5)),
        ("circle r=50", FocalNeighbourhood(shape: .circle, radiusCells: 50)),
        ("square r=5", FocalNeighbourhood(shape: .square, radiusCells: 5)),
    ]
    for (label, neighbourhood) in cases {
        Benchmark("Gi* \(label), 7800 × 7900") { benchmark in
            for _ in benchmark.scaledIterations {
                values.withUnsafeBufferPointer { v in
                    z.withUnsafeMutableBufferPointer { out in
                        blackHole(RasterGiStar.compute(v, width: width, height: height, neighbourhood: neighbourhood, into: out))
                    }
                }
            }
        }
    }
}
