import CGDAL
import HeatIslandKernels

/// Bands to hand to GDAL: Float32 values or an integer band, all the same size.
public enum RasterBandData: Sendable {
    /// A Float32 band; NaN is its nodata.
    case float32([Float], nodata: Float? = .nan)
    /// A signed 16-bit band.
    case int16([Int16], nodata: Int16? = nil)
    /// An unsigned 8-bit band.
    case uint8([UInt8], nodata: UInt8? = nil)
    /// A signed 8-bit band (stored as Byte with `PIXELTYPE=SIGNEDBYTE` in GDAL 3.6).
    case int8([Int8], nodata: Int8? = nil)

    var count: Int {
        switch self {
        case .float32(let v, _): v.count
        case .int16(let v, _): v.count
        case .uint8(let v, _): v.count
        case .int8(let v, _): v.count
        }
    }

    var dataType: RasterDataType {
        switch self {
        case .float32: .float32
        case .int16: .int16
        case .uint8: .uint8
        case .int8: .int8
        }
    }

    var nodata: Double? {
        switch self {
        case .float32(_, let n): n.map(Double.init)
        case .int16(_, let n): n.map(Double.init)
        case .uint8(_, let n): n.map(Double.init)
        case .int8(_, let n): n.map(Double.init)
        }
    }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch self {
        case .float32(let v, _): v.withUnsafeBytes(body)
        case .int16(let v, _): v.withUnsafeBytes(body)
        case .uint8(let v, _): v.withUnsafeBytes(body)
        case .int8(let v, _): v.withUnsafeBytes(body)
        }
    }
}

/// Builds an in-memory GDAL dataset (MEM driver) holding copies of the given bands, for handing
/// our grids to GDAL's writers and warper.
func makeMemoryDataset(
    width: Int, height: Int, transform: GeoTransform, spatialReference: SpatialReference,
    bands: [RasterBandData], name: String
) throws(GDALError) -> RasterDataset {
    guard let w = Int32(exactly: width), let h = Int32(exactly: height), width > 0, height > 0,
          let n = PixelWindow.full(width: width, height: height).pixelCount,
          !bands.isEmpty, bands.allSatisfy({ $0.count == n }) else {
        throw .invalidArgument("\(name): bands must all hold \(width) × \(height) values")
    }
    GDALRuntime.ensureRegistered()
    guard let driver = GDALGetDriverByName("MEM"),
          let raw = GDALCreate(driver, "", w, h, 0, GDT_Float32, nil) else {
        throw .writeFailed(path: name, message: "GDAL's MEM driver is not available")
    }
    let dataset = RasterDataset(owning: raw, path: name)
    var coefficients = transform.gdalCoefficients
    GDALSetGeoTransform(raw, &coefficients)
    GDALSetProjection(raw, spatialReference.wkt)
    for (i, band) in bands.enumerated() {
        guard GDALAddBand(raw, band.dataType.gdal, nil) == CE_None,
              let bh = GDALGetRasterBand(raw, Int32(i + 1)) else {
            throw .writeFailed(path: name, message: "cannot add band \(i + 1)")
        }
        // GDAL 3.6 has no Int8 type: writers read this item to store a signed byte band.
        if band.dataType == .int8 { GDALSetMetadataItem(bh, "PIXELTYPE", "SIGNEDBYTE", "IMAGE_STRUCTURE") }
        if let nodata = band.nodata { GDALSetRasterNoDataValue(bh, nodata) }
        let failure: String? = band.withBytes { bytes in
            ErrorCapture.run { capture in
                let err = GDALRasterIO(bh, GF_Write, 0, 0, w, h, UnsafeMutableRawPointer(mutating: bytes.baseAddress),
                                       w, h, band.dataType.gdal, 0, 0)
                return err == CE_None ? nil : capture.message(or: "cannot fill band \(i + 1)")
            }
        }
        if let failure { throw .writeFailed(path: name, message: failure) }
    }
    return dataset
}
