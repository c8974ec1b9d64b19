import Foundation
import HeatIslandGDAL
import Testing

/// Bytes in memory open like files, and the file is gone once released.
struct MemoryFileTests {
    @Test func aGeoJSONInMemoryOpensAndIsUnlinkedAfterwards() throws {
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,1],[0,1],[0,0]]]}}]}"#
        var path = ""
        do {
            let file = try MemoryFile(bytes: Array(text.utf8), name: "zones.geojson")
            path = file.path
            #expect(path.hasPrefix("/vsimem/") && path.hasSuffix("/zones.geojson"))
            let layer = try VectorDataset(path: file.path).layer()
            let features = try layer.polygonFeatures()
            #expect(features.count == 1)
            // The unit square pair: area 2, from the bytes alone.
            #expect(features.first?.geometry.area == 2)
        }
        #expect(throws: GDALError.self) { _ = try VectorDataset(path: path) }
    }
}
