import Foundation

/// The files that loading a raster reads beside it: its Landsat `QA_PIXEL` band and MTL file,
/// given in the options or found by the USGS naming scheme.
///
/// A tool that writes results protects them like the raster itself: an output named like the QA
/// band found beside the scene would replace it, and every later run on the scene would fail.
public struct CompanionFiles: Sendable, Hashable {
    /// The `QA_PIXEL` file: the one given, else the one beside a Landsat thermal band, else `nil`.
    public var quality: String?
    /// The MTL file: the one given, else the one beside a Landsat file, else `nil`.
    public var metadata: String?

    /// Looks for the companions of `path` as ``LSTLoader`` would, whether or not the load uses them
    /// (a QA band ignored with `useQuality` off is still the scene's).
    /// - Parameters:
    ///   - path: The LST raster.
    ///   - options: The load options naming companions explicitly, if any.
    public init(of path: String, options: LSTLoadOptions = LSTLoadOptions()) {
        quality = Self.quality(of: path, given: options.qualityPath)
        metadata = Self.metadata(of: path, given: options.metadataPath)
    }

    /// The `QA_PIXEL` file the loader reads with `path`: `given`, else the one beside a Landsat
    /// thermal band by the USGS naming scheme.
    static func quality(of path: String, given: String?) -> String? {
        given ?? ProductDetection.landsatThermalBand(inFileName: path).flatMap {
            SiblingFile.find(besides: path, replacingSuffix: $0, with: "QA_PIXEL")
        }
    }

    /// The MTL file the loader reads with `path`: `given`, else the one beside a Landsat file.
    static func metadata(of path: String, given: String?) -> String? {
        given ?? LandsatMTL.locate(besides: URL(fileURLWithPath: path))?.path
    }
}
