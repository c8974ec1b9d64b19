import ArgumentParser
import HeatIsland

/// The UHI indicators' choices: where the rural reference comes from and what counts as hot.
struct UHIArguments: ParsableArguments {
    @Option(name: .customLong("reference"), help: ArgumentHelp(
        "Polygons of the rural reference (GeoJSON, GeoPackage, Shapefile), such as the neighbouring municipalities; cells in a district are left out (default: a ring around the districts).",
        valueName: "reference"))
    var path: String?

    // `.unconditional`: `--ring-width -500` is then refused as a width, not as a missing value.
    @Option(parsing: .unconditional, help: "Width in metres of the default rural ring around the districts, 2000 or 2000m.", transform: Metres.parse)
    var ringWidth = 2000.0

    @Option(parsing: .unconditional, help: "Leave rural reference cells colder than this many °C out (rivers and lakes).")
    var excludeReferenceBelow: Double?

    @Option(parsing: .unconditional, help: "Hot area: hotter than the city mean plus this many standard deviations.")
    var hotSigma = 1.0

    @Option(parsing: .unconditional, help: "Hot area: hotter than this many °C.")
    var hotCelsius = 35.0

    /// The library's options (a ring of `--ring-width`; `--reference` polygons are read per scene).
    var options: UHIOptions {
        var options = UHIOptions()
        options.reference = .ring(metres: ringWidth)
        options.excludeReferenceBelowCelsius = excludeReferenceBelow
        (options.hotSigma, options.hotCelsius) = (hotSigma, hotCelsius)
        return options
    }

    func validate() throws {
        guard ringWidth > 0, ringWidth.isFinite else { throw ValidationError("--ring-width must be a positive number of metres") }
        if let floor = excludeReferenceBelow, !floor.isFinite { throw ValidationError("--exclude-reference-below must be a temperature in °C") }
        guard hotSigma.isFinite, hotCelsius.isFinite else { throw ValidationError("--hot-sigma and --hot-celsius must be numbers") }
    }
}
