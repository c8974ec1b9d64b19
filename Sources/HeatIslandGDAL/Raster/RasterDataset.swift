import CGDAL
import Foundation
import HeatIslandKernels

/// An open GDAL raster, read-only: the entry point for reading pixels and georeferencing.
///
/// The GDAL handle is closed when the last reference goes away, so keep the dataset in a local
/// scope. The type is deliberately not `Sendable`: GDAL 3.6 datasets must not be shared across
/// threads, so each task opens its own.
///
/// ```swift
/// let ds = try RasterDataset(path: "scene_ST_B10.TIF")
/// let band = try ds.band(1)
/// let values = try band.read()            // Float32, nodata → NaN, the band's own scale/offset applied
///                                         // (a Landsat ST_B10 declares none: DNs; LSTLoader applies the MTL's)
/// let crs = try ds.spatialReference()
/// ```
public final class RasterDataset {
    /// The path or GDAL connection string the dataset was opened from.
    public let path: String
    let handle: GDALDatasetH

    /// Opens a raster with any GDAL driver: a file path, a `/vsimem/`, `/vsizip/` … virtual path or a
    /// subdataset name such as `HDF4_EOS:EOS_GRID:"f.hdf":grid:field`.
    /// - Parameter path: What to open.
    /// - Throws: ``GDALError/fileNotFound(path:)`` or ``GDALError/openFailed(path:message:)``.
    public init(path: String) throws(GDALError) {
        try FilePath.requireNoNUL(path)
        if Self.looksLikePlainFile(path), !FileManager.default.fileExists(atPath: path) {
            throw .fileNotFound(path: path)
        }
        let opened: (GDALDatasetH?, String) = ErrorCapture.run { capture in
            let flags = UInt32(GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR)
            let h = GDALRuntime.open(path, flags: flags)
            return (h, capture.message(or: "not a raster format GDAL recognises"))
        }
        guard let h = opened.0 else { throw .openFailed(path: path, message: FilePath.openFailure(path, gdalMessage: opened.1)) }
        self.path = path
        handle = h
    }

    /// Wraps a handle this object now owns.
    init(owning handle: GDALDatasetH, path: String) {
        self.handle = handle
        self.path = path
    }

    deinit { GDALClose(handle) }

    private static func looksLikePlainFile(_ path: String) -> Bool {
        // Virtual file systems and driver prefixes ("HDF4_EOS:…", "NETCDF:…") are GDAL's to resolve.
        !path.hasPrefix("/vsi") && !path.contains(":")
    }

    /// Width in pixels.
    public var width: Int { Int(GDALGetRasterXSize(handle)) }
    /// Height in pixels.
    public var height: Int { Int(GDALGetRasterYSize(handle)) }
    /// Number of bands.
    public var bandCount: Int { Int(GDALGetRasterCount(handle)) }
    /// The GDAL driver's short name, for example "GTiff".
    public var driverName: String {
        GDALGetDatasetDriver(handle).flatMap { GDALGetDriverShortName($0) }.map { String(cString: $0) } ?? "unknown"
    }

    /// The geotransform, or `nil` when the raster has none (GDAL then reports the identity).
    public var geoTransformIfPresent: GeoTransform? {
        var c = [Double](repeating: 0, count: 6)
        guard ErrorCapture.quietly({ GDALGetGeoTransform(handle, &c) }) == CE_None else { return nil }
        return GeoTransform(gdalCoefficients: c)
    }

    /// The geotransform.
    /// - Throws: ``GDALError/invalidGeoTransform(path:message:)`` when there is none or it is degenerate,
    ///   and ``GDALError/readFailed(path:message:)`` when the file is cut short before its georeferencing.
    public func geoTransform() throws(GDALError) -> GeoTransform {
        guard let t = geoTransformIfPresent else {
            try requireIntact()
            throw .invalidGeoTransform(path: path, message: "the raster is not georeferenced")
        }
        guard t.isInvertible else {
            throw .invalidGeoTransform(path: path, message: "pixel size is zero or not finite")
        }
        return t
    }

    /// The coordinate reference system, or `nil` when the raster has none.
    public var spatialReferenceIfPresent: SpatialReference? {
        if let declared = declaredEPSGReference { return declared }
        return spatialReferenceAsGDALReadsIt
    }

    /// The CRS as GDAL's driver builds it, even where the file declares no more than an EPSG code.
    package var spatialReferenceAsGDALReadsIt: SpatialReference? {
        guard let handle = SpatialReferenceHandle(cloning: ErrorCapture.quietly({ GDALGetSpatialRef(handle) })) else { return nil }
        return try? SpatialReference(handle: handle, definition: path)
    }

    /// Whether both rasters have the same CRS (OSR's `IsSame`): `nil` when neither has one, `false`
    /// when only one has.
    /// - Parameter other: Another raster, open on this thread.
    public func sharesSpatialReference(with other: RasterDataset) -> Bool? {
        if let a = declaredEPSGReference, let b = other.declaredEPSGReference { return a.epsg == b.epsg }
        let (a, b) = (ErrorCapture.quietly { GDALGetSpatialRef(handle) }, ErrorCapture.quietly { GDALGetSpatialRef(other.handle) })
        guard let a, let b else { return a == nil && b == nil ? nil : false }
        return ErrorCapture.quietly { OSRIsSame(a, b) } != 0
    }

    /// The coordinate reference system.
    /// - Throws: ``GDALError/missingSpatialReference(path:)`` when the raster has none,
    ///   ``GDALError/readFailed(path:message:)`` when the file is cut short before its CRS, and
    ///   ``GDALError/invalidGeoTransform(path:message:)`` when it is geographic but the grid's
    ///   corners are no longitudes and latitudes (a grid in metres tagged EPSG:4326).
    public func spatialReference() throws(GDALError) -> SpatialReference {
        guard let srs = spatialReferenceIfPresent else {
            try requireIntact()
            throw .missingSpatialReference(path: path)
        }
        if srs.isGeographic, let t = geoTransformIfPresent {
            let corners = [(0, 0), (width, 0), (0, height), (width, height)].map { t.mapPoint(column: Double($0.0), row: Double($0.1)) }
            let x = (corners.map(\.x).reduce(.infinity, min), corners.map(\.x).reduce(-.infinity, max))
            let y = (corners.map(\.y).reduce(.infinity, min), corners.map(\.y).reduce(-.infinity, max))
            if let complaint = DegreeExtent.complaint(x: x, y: y, crs: srs) {
                throw .invalidGeoTransform(path: path, message: complaint + "; assign the CRS the grid is in (gdal_edit.py -a_srs EPSG:…)")
            }
        }
        return srs
    }

    /// Throws when the last pixel of band 1 cannot be read. A GeoTIFF cut short inside its header
    /// still opens: the tags that did not arrive are dropped with a warning, so the file looks
    /// merely un-georeferenced. Its pixels lie after the header, so the last one is then missing
    /// too, and the error can say what is really wrong. Run only on the way to another error.
    private func requireIntact() throws(GDALError) {
        guard bandCount > 0, width > 0, height > 0 else { return }
        var pixel: Float = 0
        try withUnsafeMutablePointer(to: &pixel) { (p) throws(GDALError) in
            try band(1).readRaw(window: PixelWindow(column: width - 1, row: height - 1, width: 1, height: 1),
                                into: UnsafeMutableBufferPointer(start: p, count: 1))
        }
    }

    /// Metadata items of a domain (the default domain when `nil`) as a dictionary.
    /// - Parameter domain: A GDAL metadata domain such as `"SUBDATASETS"`, or `nil`.
    public func metadata(domain: String? = nil) -> [String: String] {
        ErrorCapture.quietly { parseMetadata(GDALGetMetadata(handle, domain)) }
    }

    /// Subdataset names and descriptions (HDF, netCDF containers); empty for plain rasters.
    public var subdatasets: [(name: String, description: String)] {
        let md = metadata(domain: "SUBDATASETS")
        return (1...max(1, md.count / 2)).compactMap { i in
            md["SUBDATASET_\(i)_NAME"].map { ($0, md["SUBDATASET_\(i)_DESC"] ?? "") }
        }
    }

    /// A band of this dataset (1-based, as in GDAL and rasterio).
    /// - Parameter index: Band number, `1...bandCount`.
    /// - Throws: ``GDALError/noSuchBand(path:band:bandCount:)``.
    public func band(_ index: Int) throws(GDALError) -> RasterBand {
        guard (1...max(bandCount, 1)).contains(index), index <= bandCount,
              let h = GDALGetRasterBand(handle, Int32(index)) else {
            throw .noSuchBand(path: path, band: index, bandCount: bandCount)
        }
        return RasterBand(dataset: self, handle: h, index: index)
    }
}

/// Turns a GDAL `KEY=VALUE` string list into a dictionary.
func parseMetadata(_ list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> [String: String] {
    var result: [String: String] = [:]
    for s in strings(of: list) {
        if let eq = s.firstIndex(of: "=") {
            result[String(s[..<eq])] = String(s[s.index(after: eq)...])
        }
    }
    return result
}
