import CGDAL

/// Virtual (VRT) views of a dataset, which cost no pixel copies.
enum BandView {
    /// A one-band view of `dataset` (gdal_translate -b N -of VRT), keeping georeferencing and nodata.
    static func single(band: Int, of dataset: RasterDataset) throws(GDALError) -> RasterDataset {
        var args = ["-of", "VRT", "-b", "\(band)"]
        let outcome: Result<RasterDataset, GDALError> = ErrorCapture.run { capture in
            let options = withCStringList(&args) { GDALTranslateOptionsNew($0, nil) }
            guard let options else {
                return .failure(.invalidArgument("cannot select band \(band) of \(dataset.path)"))
            }
            defer { GDALTranslateOptionsFree(options) }
            var usageError: Int32 = 0
            guard let view = GDALTranslate("", dataset.handle, options, &usageError) else {
                return .failure(.readFailed(path: dataset.path, message: capture.message(or: "cannot select band \(band)")))
            }
            return .success(RasterDataset(owning: view, path: dataset.path))
        }
        return try outcome.get()
    }
}
