import ArgumentParser
import HeatIsland
import HeatIslandGDAL

/// Reprojection options under gdalwarp's meanings.
struct WarpArguments: ParsableArguments {
    @Option(help: "Target CRS: EPSG:code, WKT or PROJ string (EPSG:3794 is Slovenia's D96/TM).")
    var to = "EPSG:3794"

    // `.unconditional`: `--resolution -30` is then refused as a size, not as a missing value.
    @Option(parsing: .unconditional, help: "Target pixel size in target units (gdalwarp -tr M M; default: GDAL's choice, near the source's cell size).")
    var resolution: Double?

    @Option(help: "Resampling: near, bilinear, cubic or average.")
    var resampling: WarpOptions.Resampling = .bilinear

    @Flag(help: "Align the output grid to multiples of the resolution (gdalwarp -tap).")
    var tap = false

    @Flag(help: "Warp with one thread instead of all cores.")
    var singleThread = false

    func validate() throws {
        if let resolution, !(resolution > 0 && resolution.isFinite) {
            throw ValidationError("--resolution must be a positive number of target units")
        }
        if tap && resolution == nil { throw ValidationError("--tap needs --resolution") }
    }

    func options() throws(CLIError) -> WarpOptions {
        let target: SpatialReference
        target = try SpatialReference.commandLine(to, option: "--to")
        var options = WarpOptions(target: target)
        options.resampling = resampling
        options.resolution = resolution.map { ($0, $0) }
        options.targetAlignedPixels = tap
        options.multithreaded = !singleThread
        return options
    }
}

extension WarpOptions.Resampling: ExpressibleByArgument {}

extension SpatialReference {
    /// The CRS an option names. A bare code (`3794`) is the commonest slip, and GDAL's "not
    /// recognised" does not say what would be.
    static func commandLine(_ text: String, option: String) throws(CLIError) -> SpatialReference {
        if !text.isEmpty, text.allSatisfy(\.isNumber) {
            throw .input(.invalidArgument("\(option) \(text): write an EPSG code as EPSG:\(text)"))
        }
        do { return try SpatialReference(definition: text) } catch { throw .input(.gdal(error)) }
    }
}

/// `150m` or `5px` on the command line.
extension HotspotRadius {
    /// The radius `text` gives, or a usage error that says what a radius looks like (ArgumentParser
    /// alone would only call the value invalid).
    static func parsing(_ text: String) throws(ValidationError) -> HotspotRadius {
        guard let radius = HotspotRadius(text) else {
            throw ValidationError("a radius is a number that is not negative, in metres (150m) or cells (5px)")
        }
        return radius
    }
}
