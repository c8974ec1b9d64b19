import Foundation
import HeatIsland

/// Several scenes at once: a folder given as `--raster`, and the district summary over them.
enum SceneFolder {
    /// The scene itself, or for a folder every Landsat ST band, MODIS LST file or GeoTIFF in it
    /// (the other files of a Landsat product excluded: QA bands, reflectance bands, ST_TRAD …, so
    /// that a USGS download folder can be given as it is), in name order.
    static func scenes(at path: String) throws(CLIError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
        let scenes = names.filter { name in
            let upper = name.uppercased()
            let isRaster = upper.hasSuffix(".TIF") || upper.hasSuffix(".TIFF") || upper.hasSuffix(".HDF")
            // QA bands also when renamed without the product id, as a scene's companion is found.
            let qualityBand = upper.contains("_QA_PIXEL") || upper.contains("_ST_QA")
            return isRaster && !qualityBand && !ProductDetection.isOtherLandsatBand(fileName: name) && !upper.hasPrefix(".")
        }
        guard !scenes.isEmpty else { throw .input(.invalidArgument("\(path): no LST scenes (.tif, .hdf) in the folder")) }
        return scenes.map { path + "/" + $0 }
    }

    /// A directory name per scene: the file name without extension, numbered when two scenes from
    /// different folders share one.
    static func uniqueNames(_ scenes: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return scenes.map { scene in
            let name = URL(fileURLWithPath: scene).deletingPathExtension().lastPathComponent
            let count = (seen[name] ?? 0) + 1
            seen[name] = count
            return count == 1 ? name : "\(name)-\(count)"
        }
    }
}
