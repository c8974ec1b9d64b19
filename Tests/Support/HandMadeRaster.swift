import Foundation

/// Small rasters written byte by byte as a raw file plus a hand-written VRT, so that what a test
/// expects follows from the bytes alone and not from any of our own writing code.
public struct HandMadeRaster {
    /// Stored pixel values, row-major.
    public enum Values {
        /// UInt8 values (MODIS QC bytes).
        case uint8([UInt8])
        /// UInt16 values (Landsat and MODIS digital numbers, QA bit fields).
        case uint16([UInt16])
        /// Int16 values (QA bit fields as some tools store them).
        case int16([Int16])
        /// UInt32 values.
        case uint32([UInt32])
        /// Float32 values.
        case float32([Float])
        /// Float64 values.
        case float64([Double])
    }

    public var width: Int
    public var height: Int
    public var values: Values
    public var nodata: String?
    public var scale: Double?
    public var offset: Double?
    public var unit: String?
    public var srs: String? = "EPSG:32633"
    public var geoTransform = "450000, 30, 0, 5125000, 0, -30"
    public var metadata: [String: String] = [:]

    /// Describes a raster; set the optional fields before writing.
    public init(width: Int, height: Int, values: Values) {
        self.width = width
        self.height = height
        self.values = values
    }

    /// Writes `<name>.raw` and `<name>` (the VRT) into `directory` and returns the VRT's path.
    @discardableResult
    public func write(named name: String, in directory: TemporaryDirectory) throws -> String {
        let (bytes, type, size): ([UInt8], String, Int) = switch values {
        case .uint8(let v): (v, "Byte", 1)
        case .uint16(let v): (v.flatMap { [UInt8($0 & 0xff), UInt8($0 >> 8)] }, "UInt16", 2)
        case .int16(let v): (v.flatMap { [UInt8(UInt16(bitPattern: $0) & 0xff), UInt8(UInt16(bitPattern: $0) >> 8)] }, "Int16", 2)
        case .uint32(let v): (v.flatMap { withUnsafeBytes(of: $0.littleEndian) { Array($0) } }, "UInt32", 4)
        case .float32(let v): (v.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian) { Array($0) } }, "Float32", 4)
        case .float64(let v): (v.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian) { Array($0) } }, "Float64", 8)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: directory.file(name + ".raw")))
        var band = ""
        if let nodata { band += "<NoDataValue>\(nodata)</NoDataValue>" }
        if let scale { band += "<Scale>\(scale)</Scale>" }
        if let offset { band += "<Offset>\(offset)</Offset>" }
        if let unit { band += "<UnitType>\(unit)</UnitType>" }
        if !metadata.isEmpty {
            band += "<Metadata>" + metadata.map { "<MDI key=\"\($0.key)\">\($0.value)</MDI>" }.joined() + "</Metadata>"
        }
        let vrt = """
        <VRTDataset rasterXSize="\(width)" rasterYSize="\(height)">
          \(srs.map { "<SRS>\($0)</SRS>" } ?? "")
          <GeoTransform>\(geoTransform)</GeoTransform>
          <VRTRasterBand dataType="\(type)" band="1" subClass="VRTRawRasterBand">
            <SourceFilename relativeToVRT="1">\(name).raw</SourceFilename>
            <ImageOffset>0</ImageOffset><PixelOffset>\(size)</PixelOffset><LineOffset>\(size * width)</LineOffset>
            <ByteOrder>LSB</ByteOrder>
            \(band)
          </VRTRasterBand>
        </VRTDataset>
        """
        let path = directory.file(name)
        try vrt.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
