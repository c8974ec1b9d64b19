import Benchmark
import Foundation
import HeatIslandKernels

/// Cell Gi* alone, in memory, on a 7800 × 7900 Float32 grid, circles of radius 5 and 50 cells and a
/// square of radius 5, and the focal mean over the same neighbourhoods (the sums Gi* is built on).
/// The peer comparison with xarray-spatial is `Benchmarks/scripts/compare_hotspots.py`.
/// Also the false-discovery-rate search on the radius-5 z-scores, and the district weights: queen
/// and rook contiguity of 10 000 zones.
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

    // The focal sums under Gi*, alone: the focal mean over the same circles and square.
    var mean = [Float](repeating: 0, count: width * height)
    for (label, neighbourhood) in cases {
        Benchmark("Focal mean \(label), 7800 × 7900") { benchmark in
            for _ in benchmark.scaledIterations {
                values.withUnsafeBufferPointer { v in
                    mean.withUnsafeMutableBufferPointer { out in
                        blackHole(try? FocalStatistics.mean(v, width: width, height: height, neighbourhood: neighbourhood, into: out))
                    }
                }
            }
        }
    }

    // Benjamini–Hochberg on the radius-5 z-scores: 61 million p-values ranked without sorting.
    var radius5 = [Float](repeating: 0, count: width * height)
    values.withUnsafeBufferPointer { v in
        radius5.withUnsafeMutableBufferPointer { out in
            _ = RasterGiStar.compute(v, width: width, height: height, neighbourhood: FocalNeighbourhood(shape: .circle, radiusCells: 5), into: out)
        }
    }
    Benchmark("FDR critical values of 7800 × 7900 z-scores") { benchmark in
        for _ in benchmark.scaledIterations {
            radius5.withUnsafeBufferPointer { blackHole(Significance.criticalValues(z: $0, fdr: true)) }
        }
    }

    // A 100 × 100 lattice of 100 m squares, each side cut into eight segments as boundaries
    // digitised from a map are: 320 000 segments, eight queen and four rook neighbours inside.
    let zones = (0..<10_000).map { index in
        let (x0, y0) = (Double(index % 100) * 100, Double(index / 100) * 100)
        let corners: [SIMD2<Double>] = [[x0, y0], [x0 + 100, y0], [x0 + 100, y0 + 100], [x0, y0 + 100]]
        let points = (0..<4).flatMap { (side: Int) -> [SIMD2<Double>] in
            let (start, step) = (corners[side], (corners[(side + 1) % 4] - corners[side]) / 8)
            return (0..<8).map { start + step * Double($0) }
        }
        return MultiPolygon([Polygon(exterior: Ring(points))])
    }
    for rook in [false, true] {
        Benchmark("\(rook ? "Rook" : "Queen") contiguity, 10 000 zones") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(SpatialWeights.contiguity(zones, rook: rook))
            }
        }
    }
}
