import HeatIslandGDAL

/// Opens the raster that holds the temperatures, looking inside containers (HDF, netCDF) for the
/// daytime LST grid so that a MODIS granule can be passed as downloaded.
enum LSTSource {
    /// Subdataset names tried in order; daytime first because surface heat islands peak by day.
    static let preferredSubdatasets = ["LST_Day_1km", "LST_Day_6km", "LST_Night_1km", "LST"]

    static func open(_ path: String) throws(HeatIslandError) -> RasterDataset {
        let dataset: RasterDataset
        do { dataset = try RasterDataset(path: path) } catch { throw .gdal(error) }
        guard dataset.bandCount == 0 else { return dataset }
        let names = dataset.subdatasets.map(\.name)
        for wanted in preferredSubdatasets {
            if let name = names.first(where: { $0.hasSuffix(":\(wanted)") }) {
                do { return try RasterDataset(path: name) } catch { throw .gdal(error) }
            }
        }
        let listing = names.isEmpty ? "it has no raster bands" : "none of its \(names.count) subdatasets is an LST grid"
        throw .unsupportedProduct(path: path, detail: listing)
    }
}
