import Benchmark
import Foundation
import HeatIslandKernels

/// The coverage kernel alone (spans and fractions), then spans plus reduction (exact and centre rules;
/// exact also with the median taken straight from the grid), in memory, on a 7800 × 7900 Float32 grid
/// of 30 m cells, for 26 large irregular zones and 10 000 small squares.
/// The peer comparison with exactextract is `Benchmarks/scripts/compare_zonal.py`.
let benchmarks: @Sendable () -> Void = {
    let width = 7800, height = 7900
    let grid = GeoTransform(originX: 400_000, pixelWidth: 30, rowRotation: 0, originY: 5_200_000, columnRotation: 0, pixelHeight: -30)
    var values = [Float](repeating: 0, count: width * height)
    for row in 0..<height {
        for column in 0..<width {
            values[row * width + column] = 25 + 5 * sin(Float(column) / 700) * cos(Float(row) / 900)
        }
    }

    // 26 star-shaped districts of 40–160 vertices inside the grid, like local communities.
    let districts: [MultiPolygon] = (0..<26).map { k in
        let cx = 400_000 + 30.0 * Double(width) * (0.15 + 0.7 * Double(k % 6) / 5)
        let cy = 5_200_000 - 30.0 * Double(height) * (0.15 + 0.7 * Double(k / 6) / 4)
        let n = 40 + 5 * k
        let points = (0..<n).map { i -> SIMD2<Double> in
            let a = Double(i) / Double(n) * 2 * .pi
            let r = 12_000 * (1 + 0.25 * sin(5 * a + Double(k)))
            return SIMD2(cx + r * cos(a), cy + r * sin(a))
        }
        return MultiPolygon([Polygon(exterior: Ring(points))])
    }
    // 10 000 rotated 1 km squares on a 100 × 100 lattice.
    let squares: [MultiPolygon] = (0..<10_000).map { k in
        let cx = 400_000 + (Double(k % 100) + 0.5) * 30 * Double(width) / 100
        let cy = 5_200_000 - (Double(k / 100) + 0.5) * 30 * Double(height) / 100
        let a = 10.0 * .pi / 180
        let corners: [(Double, Double)] = [(-500, -500), (500, -500), (500, 500), (-500, 500)]
        return MultiPolygon([Polygon(exterior: Ring(corners.map { SIMD2(cx + $0.0 * cos(a) - $0.1 * sin(a), cy + $0.0 * sin(a) + $0.1 * cos(a)) }))])
    }

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .peakMemoryResident], maxDuration: .seconds(5), maxIterations: 10)

    for (label, zones) in [("26 districts", districts), ("10 000 squares", squares)] {
        for rule in [CoverageRule.exact, .center, .allTouched] {
            Benchmark("coverage spans \(rule.rawValue), \(label)") { benchmark in
                for _ in benchmark.scaledIterations {
                    var cells = 0
                    for zone in zones {
                        guard let spans = try? CoverageRasterizer.spans(for: zone, grid: grid, width: width, height: height, rule: rule) else { continue }
                        cells &+= spans.spans.count
                    }
                    blackHole(cells)
                }
            }
        }
        for (rule, median) in [(CoverageRule.exact, false), (.center, false), (.exact, true)] {
            Benchmark("zonal \(rule.rawValue)\(median ? " + median" : ""), \(label), 7800 × 7900") { benchmark in
                for _ in benchmark.scaledIterations {
                    values.withUnsafeBufferPointer { buffer in
                        let block = PixelWindow.full(width: width, height: height)
                        var total = 0.0
                        for zone in zones {
                            guard let spans = try? CoverageRasterizer.spans(for: zone, grid: grid, width: width, height: height, rule: rule) else { continue }
                            var statistics = ZonalAccumulator()
                            if median {
                                total += ZonalReducer.add(buffer, block: block, spans: spans, into: &statistics, quantilesAt: [0.5])[0] ?? 0
                            } else {
                                var quantiles: WeightedQuantiles? = nil
                                ZonalReducer.add(buffer, block: block, spans: spans, into: &statistics, quantiles: &quantiles)
                            }
                            total += statistics.sum
                        }
                        blackHole(total)
                    }
                }
            }
        }
    }
}
