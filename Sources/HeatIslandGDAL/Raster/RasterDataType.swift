import CGDAL

/// The pixel data types this package reads and writes, mirroring GDAL's `GDALDataType`.
public enum RasterDataType: String, Sendable, Hashable, CaseIterable, Codable {
    /// Unsigned 8-bit integers (GDAL's Byte).
    case uint8 = "Byte"
    /// Signed 8-bit integers (a Byte band marked signed, in GDAL 3.6).
    case int8 = "Int8"
    /// Unsigned 16-bit integers: Landsat `ST_B10` and `QA_PIXEL`, MODIS LST.
    case uint16 = "UInt16"
    /// Signed 16-bit integers.
    case int16 = "Int16"
    /// Unsigned 32-bit integers.
    case uint32 = "UInt32"
    /// Signed 32-bit integers.
    case int32 = "Int32"
    /// 32-bit floating point: the decoded °C grids.
    case float32 = "Float32"
    /// 64-bit floating point.
    case float64 = "Float64"
    /// Any type GDAL knows that this enum does not list (complex types, 64-bit integers).
    case other = "Other"

    init(gdal: GDALDataType) {
        switch gdal {
        case GDT_Byte: self = .uint8
        case GDT_UInt16: self = .uint16
        case GDT_Int16: self = .int16
        case GDT_UInt32: self = .uint32
        case GDT_Int32: self = .int32
        case GDT_Float32: self = .float32
        case GDT_Float64: self = .float64
        default: self = .other
        }
    }

    /// GDAL's enum value; `int8` maps to Byte (GDAL 3.6 has no Int8 and marks signed bytes with a creation option).
    var gdal: GDALDataType {
        switch self {
        case .uint8, .int8: GDT_Byte
        case .uint16: GDT_UInt16
        case .int16: GDT_Int16
        case .uint32: GDT_UInt32
        case .int32: GDT_Int32
        case .float32: GDT_Float32
        case .float64, .other: GDT_Float64
        }
    }

    /// `true` for integer types.
    public var isInteger: Bool { self != .float32 && self != .float64 && self != .other }
}

/// A Swift scalar type that GDAL can read pixels into directly.
public protocol RasterScalar: Sendable {
    /// The matching GDAL data type.
    static var rasterDataType: RasterDataType { get }
    /// Zero, to initialise buffers.
    static var zero: Self { get }
}

extension UInt8: RasterScalar { public static var rasterDataType: RasterDataType { .uint8 } }
extension UInt16: RasterScalar { public static var rasterDataType: RasterDataType { .uint16 } }
extension Int16: RasterScalar { public static var rasterDataType: RasterDataType { .int16 } }
extension UInt32: RasterScalar { public static var rasterDataType: RasterDataType { .uint32 } }
extension Int32: RasterScalar { public static var rasterDataType: RasterDataType { .int32 } }
extension Float: RasterScalar { public static var rasterDataType: RasterDataType { .float32 } }
extension Double: RasterScalar { public static var rasterDataType: RasterDataType { .float64 } }
