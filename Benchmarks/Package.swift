// swift-tools-version: 6.1
//
// Benchmarks live in their own package (as in swift-nio) so that `swift test` in the main package
// never builds package-benchmark. Run with `make bench` or `swift package benchmark` here.
import PackageDescription

let package = Package(
    name: "HeatIslandBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // Named explicitly: a path dependency otherwise takes its identity from the checkout's folder name.
        .package(name: "HeatIsland", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Decode",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HeatIslandKernels", package: "HeatIsland"),
            ],
            path: "Benchmarks/Decode",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Zonal",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HeatIslandKernels", package: "HeatIsland"),
            ],
            path: "Benchmarks/Zonal",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Hotspots",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HeatIslandKernels", package: "HeatIsland"),
            ],
            path: "Benchmarks/Hotspots",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
