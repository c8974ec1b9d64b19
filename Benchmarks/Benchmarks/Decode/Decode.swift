import Benchmark
import HeatIslandKernels

/// The per-pixel work of loading a full Landsat scene (7800 × 7900), in memory, without GDAL:
/// decoding DNs to °C with the QA mask, and summarising the result.
let benchmarks: @Sendable () -> Void = {
    let width = 7800, height = 7900
    let count = width * height
    // A deterministic mix of clear land, water, cloud, shadow and fill like a real scene.
    let qaWords: [UInt16] = [21824, 21824, 21824, 21824, 21952, 22280, 23888, 1]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    var raw = [UInt16](repeating: 0, count: count)
    var qa = [UInt16](repeating: 0, count: count)
    for i in 0..<count {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        raw[i] = 42_000 &+ UInt16(truncatingIfNeeded: state >> 51)
        qa[i] = qaWords[Int(state >> 61)]
    }
    let parameters = LSTDecodeParameters(
        scale: 0.00341802, offset: 149.0, inputIsKelvin: true, fillValue: 0,
        validRawRange: 1...65535, validCelsius: -40...80)
    var output = [Float](repeating: 0, count: count)

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .peakMemoryResident], maxDuration: .seconds(5), maxIterations: 20)

    Benchmark("Landsat decode + QA mask, 7800 × 7900") { benchmark in
        for _ in benchmark.scaledIterations {
            let counts = raw.withUnsafeBufferPointer { r in
                qa.withUnsafeBufferPointer { q in
                    output.withUnsafeMutableBufferPointer { o in
                        try? LSTDecoder.decode(raw: r, qa: q, qaMask: .defaultMask, parameters: parameters, into: o)
                    }
                }
            }
            blackHole(counts)
        }
    }

    Benchmark("Valid-value summary (min/mean/max), 7800 × 7900") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(output.withUnsafeBufferPointer { ValueSummary($0) })
        }
    }
}
