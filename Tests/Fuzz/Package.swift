// swift-tools-version: 6.1
//
// libFuzzer harnesses for what reads untrusted bytes: the zones reader (OGR, MakeValid, our
// coverage kernels) and raster opening and decoding (GDAL drivers, product detection, decoders).
// A package of its own so that the main package never carries fuzzer flags. Run `make fuzz` at
// the top level; the seed corpus is in Corpus/ (made by Corpus/make_seeds.py), and findings are
// kept there too (`found_*`) as regressions: `make test` replays the whole corpus in-process
// (Tests/HeatIslandTests/FuzzCorpusTests.swift) and through the CLI (HostileInputTests).
import PackageDescription

/// A harness: a `main.swift` handing its test function to libFuzzer's driver.
func harness(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzDriver", .product(name: "HeatIsland", package: "HeatIsland")],
        path: "Sources/\(name)"
    )
}

let package = Package(
    name: "HeatIslandFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named explicitly: a path dependency otherwise takes its identity from the checkout's folder name.
        .package(name: "HeatIsland", path: "../.."),
    ],
    targets: [.target(name: "FuzzDriver", path: "Sources/FuzzDriver")] + ["FuzzZones", "FuzzRaster"].map(harness)
)
