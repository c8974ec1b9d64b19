// swift-tools-version: 6.1
//
// Benchmarks live in their own package (as in swift-nio) so that `swift test` in the main package
// never builds package-benchmark. Run with `make bench` or `swift package benchmark` here.
import PackageDescription

/// One package-benchmark suite over the kernels, in `Benchmarks/<name>/`.
func suite(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            .product(name: "Benchmark", package: "benchmark"),
            .product(name: "HeatIslandKernels", package: "HeatIsland"),
            .product(name: "HeatIsland", package: "HeatIsland"),
            .product(name: "HeatIslandGDAL", package: "HeatIsland"),
        ],
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "HeatIslandBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named explicitly: a path dependency otherwise takes its identity from the checkout's folder name.
        .package(name: "HeatIsland", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: ["Decode", "Zonal", "Hotspots", "Pipeline"].map(suite)
)
