import HeatIslandGDAL
import HeatIslandKernels

/// A decoded land-surface-temperature grid in °C and what was learnt while decoding it.
public struct LSTScene: Sendable {
    /// The temperatures in °C, NaN where missing, on the source grid.
    public var raster: GeoRaster
    /// The product the raster was decoded as.
    public var product: LSTProduct
    /// The scale, offset and valid range used, with their source.
    public var calibration: Calibration
    /// Pixels per mask cause (each pixel counted once).
    public var maskCounts: MaskCounts
    /// The file (or subdataset) the temperatures came from.
    public var path: String
    /// The `QA_PIXEL` file used, if any.
    public var qualityPath: String?
    /// The Landsat MTL file read, if any (for the calibration, or only for the date and the check
    /// that it describes this scene).
    public var metadataPath: String?
    /// The acquisition date (`YYYY-MM-DD`) when the metadata gives one.
    public var acquisitionDate: String?
    /// Seconds spent reading pixels and decoding them.
    public var timings: LoadTimings

    /// Wall-clock seconds of the two stages of loading.
    public struct LoadTimings: Sendable, Hashable, Codable {
        /// Reading from GDAL.
        public var read: Double
        /// Decoding, masking and checking.
        public var decode: Double
    }
}
