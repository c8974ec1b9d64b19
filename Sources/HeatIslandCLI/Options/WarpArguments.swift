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
extension HotspotRadius: ExpressibleByArgument {
    /// Parses a radius; an unreadable one is a usage error.
    public init?(argument: String) { self.init(argument) }
}
