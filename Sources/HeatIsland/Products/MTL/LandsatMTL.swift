import Foundation
import HeatIslandGDAL

/// The parts of a Landsat Collection 2 MTL metadata file that decoding surface temperature needs.
///
/// Real `ST_B10` GeoTIFFs carry no scale or offset: those live only in the MTL beside them, shipped
/// as `_MTL.txt`, `_MTL.xml` and `_MTL.json`, all three of which are read.
public struct LandsatMTL: Sendable, Hashable {
    /// The Collection 2 product id, for example `"LC09_L2SP_190028_20240715_20240716_02_T1"`.
    public var productID: String?
    /// The satellite, for example `"LANDSAT_8"`.
    public var spacecraft: String?
    /// The acquisition date, `YYYY-MM-DD`.
    public var acquisitionDate: String?
    /// The scene centre time (UTC), as written in the file.
    public var sceneCenterTime: String?
    /// Calibration of each surface-temperature band present, keyed `"ST_B10"` or `"ST_B6"`.
    public var surfaceTemperature: [String: ThermalBandCalibration]
    /// The product's file names keyed without the `FILE_NAME_` prefix (`"BAND_ST_B10"`, `"QUALITY_L1_PIXEL"`).
    public var fileNames: [String: String]
    /// Where the product lies on its UTM grid; `nil` for polar stereographic products or an MTL
    /// without its projection attributes.
    public var footprint: MTLFootprint?

    /// The calibration of a surface-temperature band.
    /// - Parameter band: `"ST_B10"` (Landsat 8/9) or `"ST_B6"` (Landsat 4–7).
    public func calibration(forBand band: String) -> ThermalBandCalibration? {
        surfaceTemperature[band]
    }

    /// Reads an MTL file in the encoding its extension names.
    /// - Parameter url: The `_MTL.txt`, `_MTL.xml` or `_MTL.json` file.
    /// - Throws: ``MTLError`` naming the file.
    public static func read(contentsOf url: URL) throws(MTLError) -> LandsatMTL {
        guard let format = MTLFormat(rawValue: url.pathExtension.lowercased()) else { throw .unknownFormat(path: url.path) }
        // Read through GDAL, so that an MTL inside an archive (/vsitar/…) is read where it lies.
        guard let data = VirtualFiles.contents(of: url.path) else {
            let listed = VirtualFiles.entries(in: url.deletingLastPathComponent().path) ?? []
            throw .unreadable(path: url.path, reason: listed.contains(url.lastPathComponent) ? "cannot be read" : "no such file")
        }
        return try parse(data, format: format, source: url.path)
    }

    /// Parses MTL content.
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - format: Its encoding.
    ///   - source: A name for error messages (usually the path).
    /// - Throws: ``MTLError/malformed(path:line:reason:)`` for content that is not an MTL.
    public static func parse(_ data: Data, format: MTLFormat, source: String) throws(MTLError) -> LandsatMTL {
        let groups = try MTLFields.parse(data, format: format, source: source)
        let fields = groups["LEVEL2_SURFACE_TEMPERATURE_PARAMETERS"] ?? [:]
        let image = groups["IMAGE_ATTRIBUTES"] ?? [:]
        var thermal: [String: ThermalBandCalibration] = [:]
        for band in ["ST_B10", "ST_B6"] {
            guard let multText = fields["TEMPERATURE_MULT_BAND_\(band)"], let addText = fields["TEMPERATURE_ADD_BAND_\(band)"] else { continue }
            guard let mult = Double(multText), let add = Double(addText), mult.isFinite, add.isFinite else {
                throw .malformed(path: source, line: nil, reason: "TEMPERATURE_MULT/ADD_BAND_\(band) are not numbers")
            }
            guard mult > 0 else {
                throw .malformed(path: source, line: nil, reason: "TEMPERATURE_MULT_BAND_\(band) is \(multText): a scale must be positive (0.00341802 for Collection 2)")
            }
            thermal[band] = ThermalBandCalibration(
                scale: mult, offset: add,
                minimumKelvin: fields["TEMPERATURE_MINIMUM_BAND_\(band)"].flatMap(Double.init),
                maximumKelvin: fields["TEMPERATURE_MAXIMUM_BAND_\(band)"].flatMap(Double.init))
        }
        var files: [String: String] = [:]
        for (key, value) in groups["PRODUCT_CONTENTS"] ?? [:] where key.hasPrefix("FILE_NAME_") { files[String(key.dropFirst("FILE_NAME_".count))] = value }
        return LandsatMTL(
            productID: groups["PRODUCT_CONTENTS"]?["LANDSAT_PRODUCT_ID"], spacecraft: image["SPACECRAFT_ID"], acquisitionDate: image["DATE_ACQUIRED"],
            sceneCenterTime: image["SCENE_CENTER_TIME"], surfaceTemperature: thermal, fileNames: files,
            footprint: groups["PROJECTION_ATTRIBUTES"].flatMap(MTLFootprint.init))
    }

    /// The Collection 2 product id in a file name (`LC08_L2SP_001070_20190114_20200830_02_T2` from
    /// `…_T2_ST_B10.TIF`), or `nil` when the name does not follow the USGS scheme.
    /// - Parameter name: A file name.
    public static func productID(ofFileName name: String) -> String? {
        // In any letter case, as the MTL beside it is looked for: a lower-cased download keeps its MTL.
        // The id has a fixed layout, checked position by position: a regular expression here was
        // compiled on every call, a millisecond of each command's start for the first one.
        let id = Array(name.uppercased().utf8.prefix(productIDLayout.count + 1))
        guard id.count == productIDLayout.count + 1, id.last == UInt8(ascii: "_") else { return nil }
        for (character, expected) in zip(id, productIDLayout) {
            let allowed: Bool
            switch expected {
            case UInt8(ascii: "#"): allowed = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(character)
            case UInt8(ascii: "?"): allowed = true
            default: allowed = character == expected
            }
            guard allowed else { return nil }
        }
        let text = String(decoding: id.dropLast(), as: UTF8.self)
        let (sensor, mission, level, tier) = (id[1], id[3], id[8], text.suffix(2))
        guard "COTE".utf8.contains(sensor), (UInt8(ascii: "4")...UInt8(ascii: "9")).contains(mission),
              "PR".utf8.contains(level), ["T1", "T2", "RT"].contains(tier) else { return nil }
        return text
    }

    /// `LXSS_L2SP_PPPRRR_YYYYMMDD_yyyymmdd_CC_TX`: `#` an ASCII digit, `?` a letter or digit
    /// `productID(ofFileName:)` checks on its own (sensor, mission, level, tier).
    private static let productIDLayout = Array("L?0?_L2S?_######_########_########_##_??".utf8)

    /// The MTL beside a Collection 2 file, trying `.txt`, `.xml` then `.json`, in any letter case.
    /// - Parameter rasterURL: A band file of the product.
    /// - Returns: The MTL's URL, or `nil` when there is none.
    public static func locate(besides rasterURL: URL) -> URL? {
        guard let id = productID(ofFileName: rasterURL.lastPathComponent) else { return nil }
        let directory = rasterURL.deletingLastPathComponent()
        let entries = VirtualFiles.entries(in: directory.path) ?? []
        for ext in ["txt", "xml", "json"] {
            let wanted = "\(id)_MTL.\(ext)"
            if let hit = entries.first(where: { $0 == wanted }) ?? entries.first(where: { $0.caseInsensitiveCompare(wanted) == .orderedSame }) {
                return directory.appendingPathComponent(hit)
            }
        }
        return nil
    }
}

/// Scale, offset and valid range of a Landsat surface-temperature band (kelvin = DN × scale + offset).
public struct ThermalBandCalibration: Sendable, Hashable {
    /// TEMPERATURE_MULT_BAND_*.
    public var scale: Double
    /// TEMPERATURE_ADD_BAND_*.
    public var offset: Double
    /// TEMPERATURE_MINIMUM_BAND_* (kelvin), when given.
    public var minimumKelvin: Double?
    /// TEMPERATURE_MAXIMUM_BAND_* (kelvin), when given.
    public var maximumKelvin: Double?
}
