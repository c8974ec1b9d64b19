// swift-tools-version: 6.1
//
// Layers, lowest first: CGDAL (C bridge) → HeatIslandGDAL (Swift face of GDAL/OGR/OSR) and
// HeatIslandKernels (pure-Swift buffer kernels, no GDAL) → HeatIsland (LST products, districts,
// pipeline) → HeatIslandMaps (maps drawn with Cairo, CCairo) → HeatIslandCLI (argument parsing)
// → kranj-heat (the executable).
// No unsafeFlags here: other packages must be able to depend on this one by version.
// Benchmarks live in their own package under Benchmarks/ so that `swift test` never builds them.
import PackageDescription

let package = Package(
    name: "HeatIsland",
    // Synchronization's Atomic and Mutex (cancellation flags, progress from several cores) need macOS 15.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "HeatIsland", targets: ["HeatIsland"]),
        .library(name: "HeatIslandGDAL", targets: ["HeatIslandGDAL"]),
        .library(name: "HeatIslandKernels", targets: ["HeatIslandKernels"]),
        .library(name: "HeatIslandMaps", targets: ["HeatIslandMaps"]),
        .executable(name: "kranj-heat", targets: ["kranj-heat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGDAL",
            pkgConfig: "gdal",
            providers: [.apt(["libgdal-dev"])]
        ),
        // Cairo's headers only (libcairo2-dev, in /usr/include): the maps open the library itself
        // with dlopen when they draw (Sources/CCairo/shim.h says why), so nothing links it.
        .systemLibrary(name: "CCairo"),
        .target(name: "HeatIslandKernels"),
        .target(name: "HeatIslandGDAL", dependencies: ["CGDAL", "HeatIslandKernels"]),
        .target(name: "HeatIsland", dependencies: ["HeatIslandGDAL", "HeatIslandKernels"]),
        // Maps are drawn with Cairo in their own target, so that users of the analysis need no Cairo.
        .target(name: "HeatIslandMaps", dependencies: ["CCairo", "HeatIsland", "HeatIslandGDAL", "HeatIslandKernels"]),
        .target(
            name: "HeatIslandCLI",
            dependencies: [
                "HeatIsland",
                "HeatIslandMaps",
                "HeatIslandGDAL",
                "HeatIslandKernels",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "kranj-heat", dependencies: ["HeatIslandCLI"]),
        // Fixture paths, temporary directories and external reference tools (gdalwarp …) for tests.
        .target(name: "HeatIslandTestSupport", path: "Tests/Support"),
        .testTarget(name: "HeatIslandKernelsTests", dependencies: ["HeatIslandKernels", "HeatIslandTestSupport"]),
        .testTarget(name: "HeatIslandGDALTests", dependencies: ["HeatIslandGDAL", "HeatIslandTestSupport"]),
        .testTarget(name: "HeatIslandTests", dependencies: ["HeatIsland", "HeatIslandTestSupport"]),
        .testTarget(name: "HeatIslandMapsTests", dependencies: ["HeatIslandMaps", "HeatIsland", "HeatIslandGDAL", "HeatIslandKernels", "HeatIslandTestSupport"]),
        .testTarget(name: "KranjHeatTests", dependencies: ["HeatIslandCLI", "HeatIsland", "HeatIslandGDAL", "HeatIslandKernels", "kranj-heat", "HeatIslandTestSupport"]),
    ]
)
