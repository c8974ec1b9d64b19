import ArgumentParser

/// Where the rural reference of the surface UHI intensity comes from.
struct ReferenceOptions: ParsableArguments {
    @Option(name: .customLong("reference"), help: ArgumentHelp(
        "Polygons of the rural reference (GeoJSON, GeoPackage, Shapefile), such as the neighbouring municipalities; cells in a district are left out (default: a ring around the districts).",
        valueName: "reference"))
    var path: String?

    @Option(help: "Width in metres of the default rural ring around the districts.")
    var ringWidth = 2000.0

    @Option(help: "Leave rural reference cells colder than this many °C out (rivers and lakes).")
    var excludeReferenceBelow: Double?

    func validate() throws {
        guard ringWidth > 0, ringWidth.isFinite else { throw ValidationError("--ring-width must be a positive number of metres") }
        if let floor = excludeReferenceBelow, !floor.isFinite { throw ValidationError("--exclude-reference-below must be a temperature in °C") }
    }
}
