import CGDAL
import Foundation

/// The files GDAL reads for a dataset: besides the path itself, a Shapefile's `.shx`, `.dbf` and
/// `.prj`, a VRT's sources, a raster's `.aux.xml` and overviews. A command checks its outputs
/// against all of them, since writing over any one changes what the input says the next time
/// it is read (ids from a replaced `.dbf`, values from a VRT's replaced source).
package enum DatasetFiles {
    /// The files of the raster or vector dataset at `path`, symbolic links resolved; just the path
    /// when GDAL cannot open it (the command reports that when it reads it).
    /// - Parameter path: A file path or GDAL connection string.
    package static func files(of path: String) -> [String] {
        let listed: [String] = ErrorCapture.quietly {
            let flags = UInt32(GDAL_OF_RASTER | GDAL_OF_VECTOR | GDAL_OF_READONLY)
            guard FileManager.default.fileExists(atPath: path), let handle = GDALRuntime.open(path, flags: flags) else { return [] }
            defer { _ = GDALRuntime.close(handle) }
            return fileList(of: handle)
        }
        let resolve = { (file: String) in URL(fileURLWithPath: file).resolvingSymlinksInPath().path }
        var seen = Set<String>()
        return ([path] + listed).map(resolve).filter { seen.insert($0).inserted }
    }

    /// The files GDAL lists for an open dataset, as it names them.
    static func fileList(of handle: GDALDatasetH) -> [String] {
        ErrorCapture.quietly {
            guard let list = GDALGetFileList(handle) else { return [] }
            defer { CSLDestroy(list) }
            return (0..<Int(CSLCount(list))).compactMap { list[$0].map { String(cString: $0) } }
        }
    }
}
