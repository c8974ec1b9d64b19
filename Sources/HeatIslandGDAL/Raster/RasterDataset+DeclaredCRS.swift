import CGDAL

extension RasterDataset {
    /// The CRS of a GeoTIFF that declares it by an EPSG code and nothing more, made from PROJ's
    /// entry for the code; `nil` for every other raster, whose CRS GDAL reads.
    ///
    /// GDAL builds a GeoTIFF's CRS through libgeotiff, which asks PROJ's database for each part
    /// (projection, datum, ellipsoid, units): 10–16 ms a file on the development machine even with
    /// the database already open, the largest single cost of a short `kranj-heat zonal` run, where
    /// reading the entry for the code takes a tenth of a millisecond. Most files name one code and
    /// nothing more (USGS Landsat products, everything GDAL writes from an EPSG CRS), and the CRS
    /// is then the entry. The keys are taken as such a declaration only when each one agrees with
    /// the entry: the model type, the code (not one that PROJ replaces by another), units given as
    /// the entry's own, citations that repeat its names. Any other key (a user-defined or vertical
    /// CRS, projection parameters), ground control points, or a file beside the raster from which
    /// GDAL could read a CRS first (`.aux.xml`, `.tab`) leaves the CRS to GDAL.
    package var declaredEPSGReference: SpatialReference? {
        guard driverName == "GTiff", GDALGetGCPCount(handle) == 0, DatasetFiles.fileList(of: handle) == [path],
              let keys = GeoKeyDirectory(path: path)?.keys, let declaration = EPSGDeclaration(keys: keys),
              let entry = try? SpatialReferenceHandle(definition: "EPSG:\(declaration.code)"), declaration.agrees(with: entry)
        else { return nil }
        return try? SpatialReference(handle: entry, definition: path)
    }
}

/// What a GeoTIFF's keys say when they name one EPSG CRS: the code, and the units and citations
/// that must agree with PROJ's entry for it.
private struct EPSGDeclaration {
    let code: Int
    let projected: Bool
    /// ProjLinearUnitsGeoKey: an EPSG unit code.
    let linearUnit: UInt16?
    /// GeogAngularUnitsGeoKey: an EPSG unit code.
    let angularUnit: UInt16?
    /// GTCitationGeoKey and PCSCitationGeoKey (the CRS's name), GeogCitationGeoKey (its datum's).
    let names: [String], geographicNames: [String]
    /// GeogSemiMajorAxisGeoKey and GeogInvFlatteningGeoKey, which GDAL writes for a geographic CRS.
    let semiMajorAxis: Double?, inverseFlattening: Double?

    // GeoTIFF 1.1's key ids.
    private static let modelType: UInt16 = 1024, rasterType: UInt16 = 1025, citation: UInt16 = 1026
    private static let geographicType: UInt16 = 2048, geographicCitation: UInt16 = 2049, angularUnits: UInt16 = 2054
    private static let semiMajor: UInt16 = 2057, inverseFlattening: UInt16 = 2059
    private static let projectedType: UInt16 = 3072, projectedCitation: UInt16 = 3073, linearUnits: UInt16 = 3076

    /// `nil` unless the keys are a model type, an EPSG code, and only keys that restate them
    /// (the raster type is GDAL's business: it places the grid, not the CRS).
    init?(keys: [UInt16: GeoKeyDirectory.Value]) {
        switch keys[Self.modelType] {
        case .short(1): projected = true
        case .short(2): projected = false
        default: return nil
        }
        let texts: Set<UInt16> = [Self.citation, Self.geographicCitation, Self.projectedCitation]
        let doubles: Set<UInt16> = [Self.semiMajor, Self.inverseFlattening]
        let shorts: Set<UInt16> = projected
            ? [Self.modelType, Self.rasterType, Self.angularUnits, Self.projectedType, Self.linearUnits]
            : [Self.modelType, Self.rasterType, Self.angularUnits, Self.geographicType]
        for (key, value) in keys {
            switch value {
            case .short: guard shorts.contains(key) else { return nil }
            case .double: guard doubles.contains(key) else { return nil }
            case .text: guard texts.contains(key) else { return nil }
            case .other: return nil
            }
        }
        func short(_ key: UInt16) -> UInt16? { if case .short(let value)? = keys[key] { value } else { nil } }
        func double(_ key: UInt16) -> Double? { if case .double(let value)? = keys[key] { value } else { nil } }
        func text(_ key: UInt16) -> String? { if case .text(let value)? = keys[key] { value } else { nil } }
        // EPSG codes run from 1024 to 32766; 32767 means user-defined.
        guard let code = short(projected ? Self.projectedType : Self.geographicType), (1024...32766).contains(code) else { return nil }
        self.code = Int(code)
        linearUnit = short(Self.linearUnits)
        angularUnit = short(Self.angularUnits)
        names = [text(Self.citation), text(Self.projectedCitation)].compactMap { $0 }
        geographicNames = [text(Self.geographicCitation)].compactMap { $0 }
        semiMajorAxis = double(Self.semiMajor)
        inverseFlattening = double(Self.inverseFlattening)
    }

    /// Whether PROJ's entry for the code is what the keys declare.
    func agrees(with entry: SpatialReferenceHandle) -> Bool {
        let raw = entry.raw
        let (root, geographic) = projected ? ("PROJCS", "PROJCS|GEOGCS") : ("GEOGCS", "GEOGCS")
        let attribute = { (path: String) in OSRGetAttrValue(raw, path, 0).map { String(cString: $0) } }
        guard (OSRIsProjected(raw) != 0) == projected, entry.epsgCode == code,
              names.allSatisfy({ $0 == attribute(root) }), geographicNames.allSatisfy({ $0 == attribute(geographic) }) else { return false }
        var error = OGRERR_NONE
        if let semiMajorAxis, semiMajorAxis != OSRGetSemiMajor(raw, &error) { return false }
        if let inverseFlattening, inverseFlattening != OSRGetInvFlattening(raw, &error) { return false }
        if let linearUnit, OSRGetAuthorityCode(raw, "PROJCS|UNIT").map({ String(cString: $0) }) != String(linearUnit) { return false }
        // Files say 9102 (degree) where EPSG's entries say 9122 (degree, representation left to
        // the supplier): the same unit, so the angle is compared.
        if let angularUnit {
            guard angularUnit == 9102 else { return false }
            let radians = OSRGetAngularUnits(raw, nil)
            return abs(radians - .pi / 180) <= 1e-12 * radians
        }
        return true
    }
}
