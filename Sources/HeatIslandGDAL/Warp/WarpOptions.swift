/// How to reproject a raster: the same choices as `gdalwarp`, under Swift names.
///
/// ```swift
/// var options = WarpOptions(target: try SpatialReference(epsg: 3794))
/// options.resampling = .bilinear
/// options.resolution = (30, 30)
/// options.targetAlignedPixels = true
/// ```
public struct WarpOptions: Sendable {
    /// Resampling kernels (gdalwarp `-r`).
    public enum Resampling: String, Sendable, CaseIterable, Codable {
        /// Nearest neighbour: keeps the original values.
        case nearest = "near"
        /// Bilinear interpolation over 2 × 2 source pixels.
        case bilinear
        /// Cubic convolution over 4 × 4 source pixels.
        case cubic
        /// Mean of all contributing source pixels (for downsampling).
        case average
    }

    /// The target CRS (gdalwarp `-t_srs`).
    public var target: SpatialReference
    /// Resampling kernel (gdalwarp `-r`); nearest by default, as gdalwarp.
    public var resampling: Resampling = .nearest
    /// Target pixel size in target units `(x, y)`, both positive (gdalwarp `-tr`); GDAL chooses when `nil`.
    public var resolution: (x: Double, y: Double)?
    /// Align the output extent to multiples of the resolution (gdalwarp `-tap`; needs `resolution`).
    public var targetAlignedPixels: Bool = false
    /// Warp with several threads (gdalwarp `-multi -wo NUM_THREADS=ALL_CPUS`).
    public var multithreaded: Bool = true
    /// The most memory an in-memory warp may take (8 bytes a target cell: GDAL's grid and the
    /// returned one); a larger grid is refused before anything is allocated. The memory usable by
    /// the process by default (``UsableMemory``). Warps written to a file are bounded by free disk
    /// space instead.
    public var memoryLimitBytes: Int = Self.usableMemory

    /// Read once: the limits behind it do not change while the process runs.
    private static let usableMemory = UsableMemory.bytes

    /// Creates options with a target CRS and gdalwarp's defaults for everything else.
    /// - Parameter target: The CRS to reproject to.
    public init(target: SpatialReference) {
        self.target = target
    }

    /// The equivalent `gdalwarp` arguments (without input, output and format), with the target as WKT.
    /// Tests run `gdalwarp` with these to check that results agree pixel for pixel.
    public var gdalwarpArguments: [String] {
        var args = ["-t_srs", target.wkt, "-r", resampling.rawValue, "-ot", "Float32", "-dstnodata", "nan"]
        if let resolution { args += ["-tr", "\(resolution.x)", "\(resolution.y)"] }
        if targetAlignedPixels { args.append("-tap") }
        if multithreaded { args += ["-multi", "-wo", "NUM_THREADS=ALL_CPUS"] }
        return args
    }
}
