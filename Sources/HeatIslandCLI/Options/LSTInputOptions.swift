import ArgumentParser
import Foundation
import HeatIsland
import HeatIslandKernels

/// One LST raster and how to decode it: what most commands read.
struct LSTInputOptions: ParsableArguments {
    @Option(help: "The LST raster: Landsat C2 L2 ST_B10/ST_B6, a MODIS LST granule or clip, or a float raster in K or °C.")
    var raster: String

    @OptionGroup var decoding: LSTDecodingOptions

    func validate() throws {
        // Read as its own quality band, a scene keeps only the pixels whose temperature bits look
        // like a clear-sky QA code: about 3 % of the Kranj scene, cloud tops among them.
        if let qa = decoding.qa, URL(fileURLWithPath: qa).resolvingSymlinksInPath() == URL(fileURLWithPath: raster).resolvingSymlinksInPath() {
            throw ValidationError("--qa \(qa) is the temperature raster itself; give the scene's QA_PIXEL file, or --no-qa")
        }
    }

    var loadOptions: LSTLoadOptions { decoding.loadOptions }
    var quiet: Bool { decoding.quiet }
    /// The files read, described for "would overwrite" messages.
    var files: [(path: String?, name: String)] { [(raster, "the input raster")] + decoding.companionFiles(of: raster) }
}

/// How LST rasters are decoded: the options every command that reads one shares.
struct LSTDecodingOptions: ParsableArguments {
    @Option(help: "The Landsat QA_PIXEL file, or the MODIS QC_Day file with --modis-quality (default: found beside the raster or in its HDF file).")
    var qa: String?

    @Flag(help: "Ignore the QA_PIXEL band even when one is found.")
    var noQa = false

    @Option(help: "Which MODIS temperatures to keep by their QC_Day word: all (every produced pixel; QC not read), good (good quality only), or 1K, 2K, 3K (good, or other quality with an average LST error of at most that; default: all).")
    var modisQuality: MODISQuality?

    @Option(help: "The Landsat MTL file (.txt, .xml or .json; default: found beside the raster).")
    var mtl: String?

    @Option(help: "The product, when detection from the name and metadata is wrong: landsat, modis, kelvin or celsius.")
    var product: LSTProduct?

    // `.unconditional`: `--band -1` is then refused as a band, not as a missing value.
    @Option(parsing: .unconditional, help: "The temperature band of a raster with several bands (1-based).")
    var band: Int?

    @Flag(help: "Also mask pixels the QA band flags as snow.")
    var maskSnow = false

    @Flag(help: "Also mask pixels the QA band flags as water.")
    var maskWater = false

    // `.unconditional`: a winter scene's `--min-celsius -30` must not read as an unknown flag.
    @Option(parsing: .unconditional, help: "Lowest plausible land-surface temperature in °C; colder pixels are dropped.")
    var minCelsius: Float = -40

    @Option(parsing: .unconditional, help: "Highest plausible land-surface temperature in °C; hotter pixels are dropped.")
    var maxCelsius: Float = 80

    @Flag(help: "No progress bar on standard error (it is drawn only on a terminal anyway).")
    var quiet = false

    func validate() throws {
        // In Float: 1e308 is already infinite, and NaN compares with nothing.
        for (value, name) in [(minCelsius, "--min-celsius"), (maxCelsius, "--max-celsius")] where !value.isFinite {
            throw ValidationError("\(name) must be a finite temperature in °C (\(value) was given, or a number beyond Float's range)")
        }
        guard minCelsius >= -273.15 else { throw ValidationError("--min-celsius \(minCelsius) is below absolute zero (−273.15 °C)") }
        guard minCelsius < maxCelsius else { throw ValidationError("--min-celsius must be below --max-celsius") }
        if let band, band < 1 { throw ValidationError("--band counts from 1") }
    }

    /// The QA band and MTL file that reading `raster` takes, given or found beside it, described
    /// for "would overwrite" messages.
    func companionFiles(of raster: String) -> [(path: String?, name: String)] {
        let found = CompanionFiles(of: raster, options: loadOptions)
        return [(found.quality, qa == nil ? "the QA band found beside \(raster)" : "the QA band"),
                (found.metadata, mtl == nil ? "the MTL file found beside \(raster)" : "the MTL file")]
    }

    var loadOptions: LSTLoadOptions {
        var options = LSTLoadOptions(product: product)
        options.qualityPath = qa
        options.useQuality = !noQa
        options.modisQuality = modisQuality ?? .allProduced
        options.metadataPath = mtl
        options.band = band
        if maskSnow { options.qualityMask.insert(.snow) }
        if maskWater { options.qualityMask.insert(.water) }
        options.plausibleCelsius = minCelsius...maxCelsius
        return options
    }
}

extension LSTProduct: ExpressibleByArgument {
    /// Accepts the short names a user types.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "landsat", "landsatc2l2", "landsat-c2l2": self = .landsatC2L2
        case "modis": self = .modis
        case "kelvin", "k": self = .kelvin
        case "celsius", "c": self = .celsius
        default: return nil
        }
    }

    /// The names help lists: the short ones, not the cases' raw values.
    public static var allValueStrings: [String] { ["landsat", "modis", "kelvin", "celsius"] }
}

extension MODISQuality: ExpressibleByArgument {
    /// Accepts the short names a user types.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "all": self = .allProduced
        case "good": self = .good
        case "1k": self = .errorAtMost1K
        case "2k": self = .errorAtMost2K
        case "3k": self = .errorAtMost3K
        default: return nil
        }
    }

    /// The names help lists: the short ones, not the cases' raw values.
    public static var allValueStrings: [String] { ["all", "good", "1K", "2K", "3K"] }
}
