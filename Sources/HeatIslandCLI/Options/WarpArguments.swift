import ArgumentParser
import HeatIsland
import HeatIslandGDAL

/// Reprojection options under gdalwarp's meanings.
struct WarpArguments: ParsableArguments {
    @Option(help: "Target CRS: EPSG:code, WKT or PROJ string (default: Slovenia D96/TM).")
    var to = "EPSG:3794"

    @Option(help: "Target pixel size in target units (gdalwarp -tr M M).")
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
        do { target = try SpatialReference(definition: to) } catch { throw .input(.gdal(error)) }
        var options = WarpOptions(target: target)
        options.resampling = resampling
        options.resolution = resolution.map { ($0, $0) }
        options.targetAlignedPixels = tap
        options.multithreaded = !singleThread
        return options
    }
}

extension WarpOptions.Resampling: ExpressibleByArgument {}

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
