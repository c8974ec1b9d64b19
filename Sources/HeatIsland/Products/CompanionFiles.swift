import Foundation

/// The files that loading a raster reads beside it: its quality band (Landsat `QA_PIXEL` or MODIS
/// `QC_Day`) and MTL file, given in the options or found by the naming schemes of USGS and LP DAAC.
///
/// A tool that writes results protects them like the raster itself: an output named like the QA
/// band found beside the scene would replace it, and every later run on the scene would fail.
public struct CompanionFiles: Sendable, Hashable {
    /// The quality file: the one given, else the `QA_PIXEL` file beside a Landsat thermal band or
    /// the `QC_Day`/`QC_Night` file beside a MODIS LST clip, else `nil`.
    public var quality: String?
    /// The MTL file: the one given, else the one beside a Landsat file, else `nil`.
    public var metadata: String?

    /// Looks for the companions of `path` as ``LSTLoader`` would, whether or not the load uses them
    /// (a QA band ignored with `useQuality` off is still the scene's).
    /// - Parameters:
    ///   - path: The LST raster.
    ///   - options: The load options naming companions explicitly, if any.
    public init(of path: String, options: LSTLoadOptions = LSTLoadOptions()) {
        quality = Self.quality(of: path, given: options.qualityPath) ?? Self.modisQuality(of: path)
        metadata = Self.metadata(of: path, given: options.metadataPath)
    }

    /// The `QA_PIXEL` file the loader reads with `path`: `given`, else the one beside a Landsat
    /// thermal band by the USGS naming scheme.
    static func quality(of path: String, given: String?) -> String? {
        given ?? ProductDetection.landsatThermalBand(inFileName: path).flatMap {
            SiblingFile.find(besides: path, replacingSuffix: $0, with: "QA_PIXEL")
        }
    }

    /// The `QC_Day` or `QC_Night` band of a MODIS LST grid: the subdataset beside it in its HDF
    /// granule, or the file named alike beside a clip (`…LST_Day_1km…` → `…QC_Day…`, as LP DAAC's
    /// AppEEARS names them); `nil` for any other name.
    static func modisQuality(of path: String) -> String? {
        let pairs = [("LST_Day_1km", "QC_Day"), ("LST_Night_1km", "QC_Night"), ("LST_Day_6km", "QC_Day"), ("LST_Night_6km", "QC_Night")]
        // A subdataset name: `HDF4_EOS:EOS_GRID:"file.hdf":grid:field`.
        if path.contains("\":"), let colon = path.lastIndex(of: ":") {
            let field = path[path.index(after: colon)...]
            return pairs.first { $0.0 == field }.map { path[...colon] + $0.1 }
        }
        return pairs.lazy.compactMap { SiblingFile.find(besides: path, replacingSuffix: $0.0, with: $0.1) }.first
    }

    /// The MTL file the loader reads with `path`: `given`, else the one beside a Landsat file.
    static func metadata(of path: String, given: String?) -> String? {
        given ?? LandsatMTL.locate(besides: URL(fileURLWithPath: path))?.path
    }
}
