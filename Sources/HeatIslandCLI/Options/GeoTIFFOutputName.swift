import Foundation

/// The rule that a raster output is named as the GeoTIFF it will be.
enum GeoTIFFOutputName {
    /// Throws unless every path given ends in `.tif` or `.tiff` (any letter case). The commands write
    /// GeoTIFF alone: `--output map.png` had been a GeoTIFF under a name that image viewers then refuse.
    /// Checked after ``TextOutput/requireWritable(_:allowingSpecialFiles:)``, whose reasons (a
    /// directory, a pipe) come first.
    /// - Parameter outputs: Each path with the option that named it; `nil` paths are skipped.
    static func require(_ outputs: [(path: String?, option: String)]) throws(CLIError) {
        for case let (path?, option) in outputs where !["tif", "tiff"].contains(URL(fileURLWithPath: path).pathExtension.lowercased()) {
            throw .unwritableOutput(path: path, reason: "\(option) is written as a GeoTIFF; end its name in .tif or .tiff")
        }
    }
}
