import CGDAL
import Foundation
import HeatIslandKernels

/// A coordinate reference system, held as WKT so that it can cross threads freely.
///
/// Each query builds a short-lived OSR object on the calling thread. Create one from an EPSG code,
/// WKT or any definition OSR accepts; invalid definitions throw.
///
/// ```swift
/// let d96 = try SpatialReference(epsg: 3794)
/// print(d96.isProjected)          // true
/// print(d96.linearUnit.metres)    // 1.0
/// ```
public struct SpatialReference: Sendable, Hashable, CustomStringConvertible {
    /// The definition as OGC WKT.
    public let wkt: String
    /// The EPSG code when the CRS has or matches one.
    public let epsg: Int?
    /// The CRS's name, for example "Slovenia 1996 / Slovene National Grid".
    public let name: String
    /// The PROJ string, when PROJ can express the system as one.
    ///
    /// Exported when asked, on a fresh OSR object: only descriptions of unnamed systems need it,
    /// and exporting it for every CRS read cost a few tenths of a millisecond each.
    public var proj4: String? { try? makeHandle().proj4 }
    /// `true` for a geographic (latitude/longitude) CRS.
    public let isGeographic: Bool
    /// `true` for a projected CRS.
    public let isProjected: Bool
    /// The unit of projected coordinates (for a geographic CRS: the angular unit in degrees-ish).
    public let linearUnit: LinearUnit

    /// The ellipsoid's semi-major axis in metres (6 378 137 for WGS 84 and GRS 80).
    public let semiMajorAxis: Double
    /// The ellipsoid's inverse flattening 1/f (298.257… for WGS 84; 0 for a sphere).
    public let inverseFlattening: Double

    /// For a transverse Mercator projection (UTM, most national grids): its parameters, from which
    /// its scale anywhere follows without asking PROJ; `nil` for any other CRS.
    public let transverseMercator: TransverseMercator?

    /// The parameters of a transverse Mercator projection that fix its scale.
    public struct TransverseMercator: Sendable, Hashable {
        /// The scale on the central meridian (0.9996 for UTM, 0.9999 for Slovenia's D96/TM).
        public let scaleFactor: Double
        /// The easting of the central meridian, in the CRS's linear unit.
        public let falseEasting: Double
    }

    /// A unit of length.
    public struct LinearUnit: Sendable, Hashable {
        /// The unit's name, for example "metre".
        public let name: String
        /// Length of one unit in metres.
        public let metres: Double
    }

    /// Creates a CRS from an EPSG code.
    /// - Parameter epsg: The EPSG code, for example 3794 (Slovenia D96/TM).
    /// - Throws: ``GDALError/invalidSpatialReference(definition:message:)`` when PROJ does not know the code.
    public init(epsg: Int) throws(GDALError) {
        try self.init(definition: "EPSG:\(epsg)")
    }

    /// Creates a CRS from any definition OSR accepts: `EPSG:n`, WKT, PROJJSON or a PROJ string.
    /// - Parameter definition: The definition; file names and URLs are refused.
    /// - Throws: ``GDALError/invalidSpatialReference(definition:message:)``.
    public init(definition: String) throws(GDALError) {
        let trimmed = definition.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw .invalidSpatialReference(definition: definition, message: "empty definition")
        }
        try self.init(handle: SpatialReferenceHandle(definition: trimmed), definition: trimmed)
    }

    init(handle: SpatialReferenceHandle, definition: String) throws(GDALError) {
        guard let wkt = handle.wkt else {
            throw .invalidSpatialReference(definition: definition, message: "cannot be written as WKT")
        }
        self.wkt = wkt
        epsg = handle.epsgCode
        name = OSRGetName(handle.raw).map { String(cString: $0) } ?? "unnamed"
        isGeographic = OSRIsGeographic(handle.raw) != 0
        isProjected = OSRIsProjected(handle.raw) != 0
        var unitName: UnsafeMutablePointer<CChar>?
        let metres = isGeographic ? OSRGetAngularUnits(handle.raw, &unitName) : OSRGetLinearUnits(handle.raw, &unitName)
        linearUnit = LinearUnit(name: unitName.map { String(cString: $0) } ?? "unknown", metres: metres)
        // A local (engineering) CRS has no ellipsoid: PROJ says so through CPL, which must not
        // reach the terminal.
        var error = OGRERR_NONE
        semiMajorAxis = ErrorCapture.quietly { OSRGetSemiMajor(handle.raw, &error) }
        inverseFlattening = ErrorCapture.quietly { OSRGetInvFlattening(handle.raw, &error) }
        if isProjected, OSRGetAttrValue(handle.raw, "PROJECTION", 0).map({ String(cString: $0) }) == "Transverse_Mercator" {
            transverseMercator = TransverseMercator(
                scaleFactor: OSRGetProjParm(handle.raw, "scale_factor", 1, &error),
                falseEasting: OSRGetProjParm(handle.raw, "false_easting", 0, &error))
        } else {
            transverseMercator = nil
        }
    }

    /// Builds a fresh OSR handle for this CRS on the calling thread.
    func makeHandle() throws(GDALError) -> SpatialReferenceHandle {
        try SpatialReferenceHandle(definition: wkt)
    }

    /// `true` when both describe the same CRS, ignoring naming differences (OSR's `IsSame`).
    /// - Parameter other: The CRS to compare with.
    public func isSame(as other: SpatialReference) -> Bool {
        if wkt == other.wkt { return true }
        guard let a = try? makeHandle(), let b = try? other.makeHandle() else { return false }
        return OSRIsSame(a.raw, b.raw) != 0
    }

    /// The EPSG code of the WGS 84 UTM zone holding a point: 326zz north of the equator, 327zz
    /// south, with the zones widened for south-western Norway and Svalbard.
    /// - Parameters:
    ///   - longitude: Degrees east, any value (181 is −179).
    ///   - latitude: Degrees north.
    package static func utmZoneEPSG(longitude: Double, latitude: Double) -> Int {
        // Degrees east of 180° W, 0…360, whatever turn the longitude was given in.
        let fromWest = ((longitude + 180).truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360)
        // (A longitude PROJ could not give, NaN, falls in zone 1 rather than trapping.)
        var zone = GridIndex.clamped(fromWest / 6, .down, to: 0...59) + 1
        let east = fromWest - 180
        if (56..<64).contains(latitude), (3..<12).contains(east) { zone = 32 }
        if (72..<84).contains(latitude), (0..<42).contains(east) {
            zone = east < 9 ? 31 : east < 21 ? 33 : east < 33 ? 35 : 37
        }
        return (latitude < 0 ? 32700 : 32600) + zone
    }

    /// Where the CRS is meant to be used, in degrees of longitude and latitude, as PROJ's database
    /// records it (for EPSG:3794, Slovenia); `nil` when it records none.
    public var areaOfUse: AreaOfUse? {
        // The WKT kept here is WKT1, which has no area: the EPSG code, when there is one, has.
        guard let handle = try? SpatialReferenceHandle(definition: epsg.map { "EPSG:\($0)" } ?? wkt) else { return nil }
        var (west, south, east, north) = (0.0, 0.0, 0.0, 0.0)
        var name: UnsafePointer<CChar>?
        guard ErrorCapture.quietly({ OSRGetAreaOfUse(handle.raw, &west, &south, &east, &north, &name) }) != 0, west > -1000 else { return nil }
        // EPSG's names end in a full stop ("Slovenia - onshore and offshore."), which reads badly inside a sentence.
        let text = name.map { String(cString: $0) } ?? ""
        return AreaOfUse(west: west, south: south, east: east, north: north, name: text.hasSuffix(".") ? String(text.dropLast()) : text)
    }

    /// A CRS's area of use: a box in longitude and latitude (`west` > `east` when it crosses the
    /// antimeridian) and its name.
    public struct AreaOfUse: Sendable, Hashable {
        /// Western edge, degrees east.
        public let west: Double
        /// Southern edge, degrees north.
        public let south: Double
        /// Eastern edge, degrees east.
        public let east: Double
        /// Northern edge, degrees north.
        public let north: Double
        /// The area's name in the EPSG database, for example "Slovenia - onshore and offshore".
        public let name: String

        /// Whether the box of longitudes `west…east` and latitudes `south…north` (degrees) meets this area.
        /// - Parameters:
        ///   - longitudes: West and east edge of the other box, `west ≤ east`; a box across the
        ///     antimeridian runs past 180 (179…181).
        ///   - latitudes: South and north edge of the other box.
        public func meets(longitudes: ClosedRange<Double>, latitudes: ClosedRange<Double>) -> Bool {
            guard latitudes.overlaps(south...north) else { return false }
            // An area across the antimeridian is two boxes of longitude; a box given past ±180 is
            // compared a turn east and west as well.
            let parts = west <= east ? [west...east] : [west...180, -180...east]
            let turns = [0.0, -360, 360].map { (longitudes.lowerBound + $0)...(longitudes.upperBound + $0) }
            return parts.contains { part in turns.contains { part.overlaps($0) } }
        }
    }

    /// `EPSG:n` when there is a code, otherwise the name, or the PROJ string for unnamed systems.
    public var description: String {
        if let epsg { return "EPSG:\(epsg)" }
        if name.lowercased() != "unknown" && name != "unnamed" { return name }
        return proj4 ?? name
    }
}
