import HeatIslandKernels

/// A district or any other area to summarise, with its geometry in the raster's CRS.
public struct Zone: Sendable, Hashable {
    /// The zone's identifier, as text (from the id field).
    public var id: String
    /// A human-readable name (the id when the layer has no name field).
    public var name: String
    /// The outline, in the CRS of the raster it will be laid over.
    public var geometry: MultiPolygon
    /// `true` when the source geometry was invalid and repaired.
    public var wasRepaired: Bool
    /// `true` when the id is a number in the source (a numeric id field, or the feature id): GeoJSON
    /// outputs then write it as a number, so that a join back to the source layer matches.
    public var idIsNumber = false

    /// Creates a zone.
    /// - Parameters:
    ///   - id: Identifier.
    ///   - name: Display name.
    ///   - geometry: Outline in the raster's CRS.
    ///   - wasRepaired: Whether the geometry was repaired on reading.
    public init(id: String, name: String, geometry: MultiPolygon, wasRepaired: Bool = false) {
        self.id = id
        self.name = name
        self.geometry = geometry
        self.wasRepaired = wasRepaired
    }
}
