import HeatIslandGDAL
import HeatIslandKernels

/// Choices for ``LSTLoader``; the defaults suit a Landsat or MODIS file opened as downloaded.
public struct LSTLoadOptions: Sendable {
    /// The product, or `nil` to detect it from the file name and metadata.
    public var product: LSTProduct?
    /// The quality band: the Landsat `QA_PIXEL` file, or the MODIS `QC_Day`/`QC_Night` file when
    /// ``modisQuality`` asks for one; `nil` to look for it beside the raster (by the USGS naming
    /// scheme, or `LST_Day_1km` → `QC_Day` in the name or HDF subdataset).
    public var qualityPath: String?
    /// Whether to use a quality band at all (found or given). With it on, a Landsat band whose
    /// QA band is neither given nor found beside it is refused (``HeatIslandError/missingQualityBand(path:)``).
    public var useQuality: Bool = true
    /// Which MODIS temperatures to keep by their QC word; every produced one by default, and then
    /// no QC band is read. Refused for other products.
    public var modisQuality: MODISQuality = .allProduced
    /// Which QA flags mask a pixel: fill, dilated cloud, cirrus, cloud and cloud shadow by default;
    /// add `.snow` or `.water` to drop those too.
    public var qualityMask: QAPixelFlags = .defaultMask
    /// The Landsat MTL file, or `nil` to look for it beside the raster.
    public var metadataPath: String?
    /// Overrides the detected scale and offset.
    public var calibration: Calibration?
    /// Temperatures outside this range are dropped as implausible (°C).
    public var plausibleCelsius: ClosedRange<Float> = -40...80
    /// The band to read (1-based), or `nil` for the raster's only band: a raster with several bands
    /// (emissivity beside temperature, a time series) is refused until one is chosen, rather than
    /// read from its first band without a word.
    public var band: Int?
    /// The most memory ``LSTLoader``'s `load(path:options:progress:)` may take for the decoded grid
    /// (4 bytes per pixel); a larger raster is refused before anything is allocated, since a
    /// damaged or hostile header can claim any size. Half the memory usable by the process by default
    /// (`UsableMemory`: the machine's, a container's or `ulimit -v`'s, whichever is least). The
    /// streaming paths hold only a few block rows, and check those against it.
    public var memoryLimitBytes: Int = Self.defaultMemoryLimit

    /// Read once: the limits behind it do not change while the process runs, and options are made
    /// for every call that takes the defaults.
    private static let defaultMemoryLimit = UsableMemory.bytes / 2

    /// Creates options with the defaults.
    /// - Parameter product: The product, or `nil` to detect it.
    public init(product: LSTProduct? = nil) {
        self.product = product
    }
}
