/// The three encodings USGS ships the same Landsat metadata in.
public enum MTLFormat: String, Sendable, Hashable, CaseIterable {
    /// Object Description Language text (`GROUP = …` / `END_GROUP = …`), `_MTL.txt`.
    case text = "txt"
    /// XML, `_MTL.xml`.
    case xml
    /// JSON, `_MTL.json`.
    case json
}
