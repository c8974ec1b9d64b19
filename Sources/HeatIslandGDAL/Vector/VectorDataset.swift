import CGDAL
import Foundation

/// An open OGR vector source (GeoJSON, GeoPackage, Shapefile …), read-only.
///
/// Like ``RasterDataset`` it owns its GDAL handle, closes it in `deinit` and is not `Sendable`.
public final class VectorDataset {
    /// The path the dataset was opened from.
    public let path: String
    let handle: GDALDatasetH
    /// What GDAL complained of while opening a file it could still open, such as a CRS that PROJ
    /// does not know (GeoJSON then falls back to WGS 84).
    let openComplaints: [String]
    /// The short name of the OGR driver that opened it (`GeoJSON`, `GPKG`, `ESRI Shapefile` …).
    let driver: String

    /// Opens a vector file with any OGR driver.
    /// - Parameters:
    ///   - path: A file or GDAL virtual path.
    ///   - encoding: The text encoding of a Shapefile's attribute table (`CP1250`, `ISO-8859-2` …)
    ///     when the file declares none (no `.cpg`) or a wrong one; `nil` trusts the file. Other
    ///     formats hold UTF-8 text and ignore it.
    /// - Throws: ``GDALError/fileNotFound(path:)`` or ``GDALError/openFailed(path:message:)``,
    ///   also for a Shapefile encoding GDAL cannot convert from.
    public init(path: String, encoding: String? = nil) throws(GDALError) {
        try FilePath.requireNoNUL(path)
        if !path.hasPrefix("/vsi"), !FileManager.default.fileExists(atPath: path) { throw .fileNotFound(path: path) }
        var h = try Self.open(path, options: [])
        driver = GDALGetDatasetDriver(h.handle).flatMap { GDALGetDriverShortName($0) }.map { String(cString: $0) } ?? ""
        // Only the Shapefile driver takes the option (another would warn that it does not), and
        // only a Shapefile's text can be in another encoding than UTF-8.
        if let encoding, driver == "ESRI Shapefile" {
            GDALClose(h.handle)
            try Self.requireConvertible(encoding, path: path)
            h = try Self.open(path, options: ["ENCODING=\(encoding)"])
        }
        if driver == "ESRI Shapefile", let missing = Self.missingAttributeTable(h.handle) {
            GDALClose(h.handle)
            throw .openFailed(path: path, message: "its attribute table \(missing) is missing, so no zone would keep its id or name")
        }
        self.path = path
        handle = h.handle
        openComplaints = h.complaints
    }

    private static func open(_ path: String, options: [String]) throws(GDALError) -> (handle: GDALDatasetH, complaints: [String]) {
        var options = options
        let opened: (GDALDatasetH?, String, [String]) = ErrorCapture.run { capture in
            let flags = UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR)
            let h = withCStringList(&options) { GDALRuntime.open(path, flags: flags, options: UnsafeRawPointer($0)?.assumingMemoryBound(to: UnsafePointer<CChar>?.self)) }
            return (h, capture.message(or: "not a vector format GDAL recognises"), capture.messages)
        }
        guard let h = opened.0 else {
            throw .openFailed(path: path, message: rasterInstead(path) ?? FilePath.openFailure(path, gdalMessage: opened.1))
        }
        return (h, opened.2)
    }

    /// A raster given where zones belong (the scene twice, say) is said to be one: GDAL's "not
    /// recognized as a supported file format" would suggest a damaged file.
    private static func rasterInstead(_ path: String) -> String? {
        let driver = ErrorCapture.quietly { GDALIdentifyDriverEx(path, UInt32(GDAL_OF_RASTER), nil, nil) }
        guard let driver, let name = GDALGetDriverShortName(driver) else { return nil }
        return "it is a raster (\(String(cString: name))), not a vector file of polygons"
    }

    /// GDAL converts with iconv and, for an encoding iconv does not know, warns and hands the bytes
    /// back unconverted, feature by feature: a misspelt name must fail here instead.
    private static func requireConvertible(_ encoding: String, path: String) throws(GDALError) {
        // A warning, which the capture does not record; GDAL's last-error state still holds it.
        let complaint: String? = ErrorCapture.quietly {
            VSIFree(CPLRecode("a", encoding, CPL_ENC_UTF8))
            return CPLGetLastErrorType() == CE_None ? nil : String(cString: CPLGetLastErrorMsg())
        }
        if let complaint { throw .openFailed(path: path, message: "GDAL cannot read text in the encoding '\(encoding)': \(complaint)") }
    }

    deinit { GDALClose(handle) }

    /// The `.dbf` a Shapefile names but lacks. GDAL opens a `.shp` without it and numbers the
    /// features 0, 1 …, so every id and name would be lost without a word.
    private static func missingAttributeTable(_ handle: GDALDatasetH) -> String? {
        let files = DatasetFiles.fileList(of: handle)
        let shapes = files.filter { $0.lowercased().hasSuffix(".shp") }
        let tables = Set(files.filter { $0.lowercased().hasSuffix(".dbf") }.map { $0.lowercased().dropLast(4) })
        return shapes.first { !tables.contains($0.lowercased().dropLast(4)) }.map { String($0.dropLast(4)) + ".dbf" }
    }

    /// The names of the layers, in order.
    public var layerNames: [String] {
        // Some drivers (GeoJSON) parse the file on first layer access and warn about what they
        // repair; the capture keeps those warnings off standard error.
        ErrorCapture.run { _ in
            (0..<Int(GDALDatasetGetLayerCount(handle))).compactMap { i in
                GDALDatasetGetLayer(handle, Int32(i)).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) }
            }
        }
    }

    /// A layer by name, or the only layer when `name` is `nil`.
    /// - Parameter name: The layer name; required when the file has several layers.
    /// - Throws: ``GDALError/vectorFailed(path:message:)`` when there is no such layer or the choice is ambiguous.
    public func layer(_ name: String? = nil) throws(GDALError) -> VectorLayer {
        let names = layerNames
        if let name {
            guard let h = ErrorCapture.run({ _ in GDALDatasetGetLayerByName(handle, name) }) else {
                throw .vectorFailed(path: path, message: "no layer '\(name)' (layers: \(names.joined(separator: ", ")))")
            }
            return VectorLayer(dataset: self, handle: h)
        }
        guard names.count == 1, let h = ErrorCapture.run({ _ in GDALDatasetGetLayer(handle, 0) }) else {
            throw .vectorFailed(path: path, message: names.isEmpty ? "has no layers" : "has \(names.count) layers (\(names.joined(separator: ", "))); name one")
        }
        return VectorLayer(dataset: self, handle: h)
    }
}
