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

/// Runs `body` with an in-memory GDAL dataset (MEM driver) whose bands point at the given arrays
/// instead of copying them, for handing our grids to GDAL's writers and warper without doubling
/// their memory. The dataset must not outlive `body`: it reads the arrays' storage directly.
func withMemoryDataset<T>(
    width: Int, height: Int, transform: GeoTransform, spatialReference: SpatialReference,
    bands: [RasterBandData], units: [String] = [], descriptions: [String] = [], name: String,
    _ body: (RasterDataset) throws(GDALError) -> T
) throws(GDALError) -> T {
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
    return try attach(bands[...], to: dataset) { () throws(GDALError) in
        // GDAL's CreateCopy and gdalwarp both carry a band's unit and description into the file they write.
        for (i, unit) in units.prefix(bands.count).enumerated() { GDALSetRasterUnitType(GDALGetRasterBand(raw, Int32(i + 1)), unit) }
        for (i, text) in descriptions.prefix(bands.count).enumerated() { GDALSetDescription(GDALGetRasterBand(raw, Int32(i + 1)), text) }
        return try body(dataset)
    }
}

/// Adds each band as a MEM band over the array's own storage, nesting so that every array stays
/// pinned until `body` returns.
private func attach<T>(
    _ bands: ArraySlice<RasterBandData>, to dataset: RasterDataset, _ body: () throws(GDALError) -> T
) throws(GDALError) -> T {
    guard let band = bands.first else { return try body() }
    let index = Int32(dataset.bandCount + 1)
    let result: Result<T, GDALError> = band.withBytes { bytes in
        var options = ["DATAPOINTER=0x" + String(UInt(bitPattern: bytes.baseAddress), radix: 16)]
        let added = withCStringList(&options) { GDALAddBand(dataset.handle, band.dataType.gdal, $0) }
        guard added == CE_None, let bh = GDALGetRasterBand(dataset.handle, index) else {
            return .failure(.writeFailed(path: dataset.path, message: "cannot add band \(index)"))
        }
        // GDAL 3.6 has no Int8 type: writers read this item to store a signed byte band.
        if band.dataType == .int8 { GDALSetMetadataItem(bh, "PIXELTYPE", "SIGNEDBYTE", "IMAGE_STRUCTURE") }
        if let nodata = band.nodata { GDALSetRasterNoDataValue(bh, nodata) }
        do throws(GDALError) { return .success(try attach(bands.dropFirst(), to: dataset, body)) } catch { return .failure(error) }
    }
    return try result.get()
}
