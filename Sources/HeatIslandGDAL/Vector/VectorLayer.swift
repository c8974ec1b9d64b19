import CGDAL

/// One layer of a ``VectorDataset`` (keeps the dataset open while it lives).
public struct VectorLayer {
    /// The dataset the layer belongs to.
    public let dataset: VectorDataset
    let handle: OGRLayerH

    /// The layer name.
    public var name: String { quietly { OGR_L_GetName(handle).map { String(cString: $0) } ?? "" } }

    /// The number of features.
    public var featureCount: Int { quietly { Int(OGR_L_GetFeatureCount(handle, 1)) } }

    /// Layer calls run under the error handler: some drivers parse the file only when the layer is
    /// first touched (the JML driver on a file that merely starts like one, found by fuzzing).
    private func quietly<T>(_ body: () -> T) -> T { ErrorCapture.quietly(body) }

    /// The attribute field names, in order.
    public var fieldNames: [String] {
        guard let defn = quietly({ OGR_L_GetLayerDefn(handle) }) else { return [] }
        return (0..<Int(OGR_FD_GetFieldCount(defn))).compactMap { i in
            OGR_FD_GetFieldDefn(defn, Int32(i)).flatMap { OGR_Fld_GetNameRef($0) }.map { String(cString: $0) }
        }
    }

    /// The layer's CRS.
    /// - Throws: ``GDALError/missingSpatialReference(path:)`` when the layer has none, and
    ///   ``GDALError/vectorFailed(path:message:)`` when it has no geometry at all (a table, such as
    ///   a CSV without coordinates), when it is geographic but declared with a CRS that PROJ could
    ///   not read, or when its coordinates are no longitudes and latitudes.
    public func spatialReference() throws(GDALError) -> SpatialReference {
        let (layerSRS, complaints) = ErrorCapture.run { capture in (OGR_L_GetSpatialRef(handle), capture.messages) }
        guard let h = SpatialReferenceHandle(cloning: layerSRS) else {
            // A table has no CRS because it has no geometry: that is what to say.
            if quietly({ OGR_L_GetGeomType(handle) }) == wkbNone {
                throw .vectorFailed(path: dataset.path, message: "has no geometry (a table without coordinates), so it holds no polygons")
            }
            throw .missingSpatialReference(path: dataset.path)
        }
        let srs = try SpatialReference(handle: h, definition: dataset.path)
        if srs.isGeographic {
            // GDAL falls back to WGS 84 for a GeoJSON whose crs member PROJ does not know
            // (EPSG:99999, a typo): coordinates in degrees would pass the extent check below and be
            // read in a CRS nobody declared.
            if let unread = (dataset.openComplaints + complaints).first(where: { $0.hasPrefix("PROJ:") }) {
                throw .vectorFailed(path: dataset.path, message: "declares a coordinate reference system that PROJ cannot read (\(unread)); "
                    + "GDAL would take it as WGS 84. Declare one PROJ knows (ogr2ogr -a_srs EPSG:…)")
            }
            try requireDegrees(srs)
        }
        return srs
    }

    /// GDAL reads a GeoJSON without a `crs` member as WGS 84 (RFC 7946's default), so districts in
    /// metres arrive labelled as degrees.
    /// - Parameter stated: The CRS is the caller's, not the file's: then that is the one to change.
    private func requireDegrees(_ srs: SpatialReference, stated: Bool = false) throws(GDALError) {
        var extent = OGREnvelope()
        guard quietly({ OGR_L_GetExtent(handle, &extent, 1) }) == OGRERR_NONE,
              let complaint = DegreeExtent.complaint(x: (extent.MinX, extent.MaxX), y: (extent.MinY, extent.MaxY), crs: srs,
                                                     whose: stated ? "the CRS stated for it" : "its CRS") else { return }
        guard !stated else { throw .vectorFailed(path: dataset.path, message: complaint + "; state the CRS they are in") }
        // The hint about GeoJSON's default fits GeoJSON alone: another format declared the CRS.
        let geoJSON = dataset.driver == "GeoJSON"
        throw .vectorFailed(path: dataset.path, message: complaint + (geoJSON ? "; GDAL reads a GeoJSON without a crs member as WGS 84" : "")
            + ". Declare the CRS the coordinates are in (ogr2ogr -a_srs EPSG:…)" + (geoJSON ? ", or use a GeoPackage" : ""))
    }

    /// Reads every feature as a polygon feature, in layer order.
    /// - Parameters:
    ///   - invalid: What to do with invalid geometries.
    ///   - target: Reproject the geometries to this CRS (for example the raster's), or keep the layer's.
    /// - Returns: The features.
    /// - Throws: ``GDALError/vectorFailed(path:message:)`` naming the feature for a missing, empty,
    ///   non-polygon or (with `.reject`) invalid geometry; transformation errors.
    public func polygonFeatures(invalid: InvalidGeometryPolicy = .reject, reprojectTo target: SpatialReference? = nil) throws(GDALError) -> [PolygonFeature] {
        try readPolygons(invalid: invalid, skipUnusable: false, reprojectTo: target).features
    }

    /// Reads every feature as a polygon feature, in layer order, optionally leaving out (and
    /// reporting) the ones that cannot be used, so that the good features of a mixed file still count.
    /// - Parameters:
    ///   - invalid: What to do with invalid geometries (repaired ones are kept either way).
    ///   - skipUnusable: Leave out features whose geometry is missing, empty, not a polygon, invalid
    ///     (unless repaired) or cannot be reprojected, instead of throwing.
    ///   - target: Reproject the geometries to this CRS, or keep the layer's.
    ///   - source: The CRS the coordinates are in, instead of the one the layer declares (which
    ///     may be none, or wrong), as `ogr2ogr -s_srs` takes it; a geographic one must still meet
    ///     coordinates that can be degrees.
    /// - Returns: The features, and the errors naming each feature left out.
    /// - Throws: ``GDALError`` for a layer that cannot be read at all, or (without `skipUnusable`) the
    ///   first unusable feature.
    public func readPolygons(
        invalid: InvalidGeometryPolicy = .reject, skipUnusable: Bool, reprojectTo target: SpatialReference? = nil,
        assuming source: SpatialReference? = nil
    ) throws(GDALError) -> (features: [PolygonFeature], skipped: [GDALError]) {
        if let source, source.isGeographic { try requireDegrees(source, stated: true) }
        let transform: CoordinateTransform?
        if let target {
            let source = if let source { source } else { try spatialReference() }
            transform = source.isSame(as: target) ? nil : try CoordinateTransform(from: source, to: target)
        } else {
            transform = nil
        }
        let fields = fieldNames
        var result: [PolygonFeature] = []
        var skipped: [GDALError] = []
        if dataset.driver == "GeoJSON", let entry = GeoJSONEntries.firstNonObject(in: dataset.path) {
            let error = GDALError.vectorFailed(path: dataset.path, message: "features[\(entry.index)] is \(entry.kind), not a feature; "
                + "GDAL would pass over it and leave its zone out. Remove the entry or make it a Feature")
            guard skipUnusable else { throw error }
            skipped.append(error)
        }
        quietly { OGR_L_ResetReading(handle) }
        // Drivers warn while parsing features (an unclosed ring they close); captured, not printed.
        // A driver that fails mid-layer (a corrupt GeoPackage page, a truncated .dbf) reports it
        // and then ends the layer as if it were complete: that end is an error, not the last zone.
        var readFailure: String?
        // GeoJSON drops a ring or part whose positions it cannot parse and says so only in a debug
        // message: the zone would be counted without its hole.
        var droppedParts: [String] = []
        let debug = dataset.driver == "GeoJSON" ? "GeoJSON" : nil
        let nextFeature: () -> OGRFeatureH? = { [handle] in
            ErrorCapture.run(debug: debug) { capture in
                let feature = OGR_L_GetNextFeature(handle)
                if feature == nil, !capture.messages.isEmpty { readFailure = capture.cause(or: "") }
                droppedParts = capture.debugMessages.filter { $0.contains("failure") || $0.contains("Invalid") }
                return feature
            }
        }
        while let feature = nextFeature() {
            defer { OGR_F_Destroy(feature) }
            let fid = Int(OGR_F_GetFID(feature))
            var attributes: [String: FieldValue] = [:]
            var undecodable: [String] = []
            for (i, name) in fields.enumerated() {
                let (value, isUTF8) = Self.value(of: feature, field: Int32(i))
                attributes[name] = value
                if !isUTF8 { undecodable.append(name) }
            }
            do throws(GDALError) {
                if !droppedParts.isEmpty {
                    throw .vectorFailed(path: dataset.path, message: "feature \(fid)\(Self.label(attributes)): GDAL left out part of its geometry, "
                        + "which it could not parse (\(droppedParts.joined(separator: "; ")))")
                }
                var (geometry, repaired) = try OGRPolygonReader.read(
                    OGR_F_GetGeometryRef(feature), invalid: invalid, path: dataset.path, feature: "feature \(fid)\(Self.label(attributes))")
                if let transform {
                    let feature = "feature \(fid)\(Self.label(attributes))"
                    do { geometry = try transform.transform(geometry) } catch {
                        throw .vectorFailed(path: dataset.path, message: "\(feature): cannot be transformed to \(transform.target): \(error)")
                    }
                    // A polygon reaching far beyond where the target CRS is usable (a whole-world
                    // box into UTM) can come out with its corners on one point: flat, and missing
                    // every raster, which would be told as "no zone overlaps" or a broken ring.
                    if geometry.polygons.contains(where: { $0.exterior.signedArea == 0 }) {
                        throw .vectorFailed(path: dataset.path, message: "\(feature): collapses to no area when reprojected to \(transform.target), "
                            + "which it reaches far beyond; clip it to the area of the raster first")
                    }
                }
                result.append(PolygonFeature(fid: fid, attributes: attributes, geometry: geometry, wasRepaired: repaired, undecodableFields: undecodable))
            } catch {
                guard skipUnusable else { throw error }
                skipped.append(error)
            }
        }
        let read = result.count + skipped.count
        if let readFailure {
            throw .vectorFailed(path: dataset.path, message: "reading stopped after \(read) features: \(readFailure)")
        }
        // Some damage ends the layer early without any complaint (a .dbf whose header counts too
        // few records); the layer's own count still tells, once the records it counts that are
        // no features are taken out.
        let declared = featureCount
        if read < declared, case let features = declared - deletedRecords(amongFirst: declared), read < features {
            throw .vectorFailed(path: dataset.path, message: "the layer holds \(features) features but only \(read) could be read; the file is damaged")
        }
        return (result, skipped)
    }

    /// The records of a Shapefile layer's .dbf marked deleted, which OGR counts but skips.
    private func deletedRecords(amongFirst records: Int) -> Int {
        guard dataset.driver == "ESRI Shapefile" else { return 0 }
        let table = name.lowercased() + ".dbf"
        guard let path = DatasetFiles.fileList(of: dataset.handle).first(where: {
            $0.split(separator: "/").last.map { $0.lowercased() == table } ?? false
        }) else { return 0 }
        return DeletedRecords.count(inTable: path, amongFirst: records)
    }

    private static func label(_ attributes: [String: FieldValue]) -> String {
        guard let name = attributes["name"] ?? attributes["NAME"] else { return "" }
        return " (\(name))"
    }

    /// A field's value, and whether its text was valid UTF-8. OGR hands a Shapefile's text over as
    /// the bytes it found when the file declares no encoding (or a wrong one); decoded as UTF-8,
    /// every č, š and ž of a CP1250 name became the same replacement character.
    private static func value(of feature: OGRFeatureH, field i: Int32) -> (FieldValue, isUTF8: Bool) {
        guard OGR_F_IsFieldSetAndNotNull(feature, i) != 0, let defn = OGR_F_GetFieldDefnRef(feature, i) else { return (.null, true) }
        switch OGR_Fld_GetType(defn) {
        case OFTInteger, OFTInteger64: return (.integer(Int(OGR_F_GetFieldAsInteger64(feature, i))), true)
        case OFTReal: return (.real(OGR_F_GetFieldAsDouble(feature, i)), true)
        default:
            guard let text = OGR_F_GetFieldAsString(feature, i) else { return (.string(""), true) }
            if let valid = String(validatingCString: text) { return (.string(valid), true) }
            return (.string(String(cString: text)), false)
        }
    }
}
