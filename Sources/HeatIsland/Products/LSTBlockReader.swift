import Dispatch
import HeatIslandGDAL
import HeatIslandKernels

/// An LST raster opened for decoding one row of storage blocks at a time: product, calibration and
/// quality band resolved once, scratch buffers reused for every block. Loading a whole scene and
/// streaming zonal statistics both read through it, so they decode identically.
struct LSTBlockReader {
    /// The range every product must mostly fall in; a raster outside it is in the wrong unit or scale.
    /// No land surface has been measured much above 70 °C (the Lut desert, by MODIS): most of a
    /// scene above 80 °C is a summer scene in °F or a wrong scale, not a hot day.
    static let physicalCelsius: ClosedRange<Float> = -90...80

    let dataset: RasterDataset
    let band: RasterBand
    let quality: QualityBand?
    let product: LSTProduct
    let calibration: Calibration
    let acquisitionDate: String?
    /// The Landsat MTL read, if any.
    let metadataPath: String?
    let transform: GeoTransform
    let spatialReference: SpatialReference
    private let plausible: ClosedRange<Float>
    private let mask: QAPixelFlags
    /// Decoding keeps the physical range first, so that a wrong unit can be told from a hot day.
    private let parameters: LSTDecodeParameters
    private let integerInput: Bool
    /// Signed bytes, which GDAL 3.6 hands over as 0…255.
    private let signedBytes: Bool
    /// The nodata of a Float64 band, matched before the values are rounded to Float: a valid 25.0
    /// and a nodata of 25.000000001 are one Float.
    private let doubleNodata: Double?
    private var doubles: [Double] = []
    private let memoryLimit: Int
    private var raw: [UInt16] = []
    private var qa: [UInt16] = []
    /// Counts against the physical range (for the plausibility check).
    private var physicalCounts = MaskCounts()
    /// Counts against the caller's range: what the scene reports.
    private(set) var counts = MaskCounts()
    private(set) var readSeconds = 0.0
    private(set) var decodeSeconds = 0.0

    init(path: String, options: LSTLoadOptions) throws(HeatIslandError) {
        guard options.plausibleCelsius.lowerBound.isFinite, options.plausibleCelsius.upperBound.isFinite else {
            throw .invalidArgument("the plausible temperature range must be finite")
        }
        // Else the refusal of every raster would read "does not fit in the -1 MiB allowed".
        guard options.memoryLimitBytes > 0 else {
            throw .invalidArgument("the memory limit must be a positive number of bytes, got \(options.memoryLimitBytes)")
        }
        try ProductDetection.requireTemperatureBand(path: path)
        dataset = try LSTSource.open(path)
        if options.band == nil, dataset.bandCount > 1 {
            throw .unsupportedProduct(path: dataset.path, detail: "it has \(dataset.bandCount) bands; choose the temperature band (--band N on the command line, LSTLoadOptions.band in Swift)")
        }
        do throws(GDALError) {
            band = try dataset.band(options.band ?? 1)
            transform = try dataset.geoTransform()
            spatialReference = try dataset.spatialReference()
        } catch { throw .gdal(error) }
        if let stated = options.product { product = stated } else { product = try ProductDetection.detect(path: dataset.path, band: band, withMTL: options.metadataPath != nil) }
        let resolved = try CalibrationResolution.resolve(product: product, path: dataset.path, band: band, options: options)
        calibration = resolved.calibration
        acquisitionDate = resolved.acquisitionDate ?? AcquisitionDate.fromFileName(dataset.path)
        metadataPath = resolved.metadataPath
        try Self.refuseOptionsThatDoNotApply(options, product: product, path: dataset.path)
        quality = try QualityBand.open(for: dataset, product: product, options: options)
        if product == .modis, options.qualityMask != .defaultMask {
            throw .unsupportedProduct(path: dataset.path, detail: "snow and water masks come from a Landsat QA_PIXEL band, and a MODIS grid has none (drop --mask-snow and --mask-water, or LSTLoadOptions.qualityMask)")
        }
        if quality == nil, options.qualityMask != .defaultMask {
            throw .unsupportedProduct(path: dataset.path, detail: "snow and water masks come from a QA_PIXEL band, and none is used for this \(product.displayName) (give one with --qa or LSTLoadOptions.qualityPath, or drop --mask-snow and --mask-water)")
        }
        plausible = options.plausibleCelsius
        mask = options.qualityMask
        memoryLimit = options.memoryLimitBytes
        let physical = Self.physicalCelsius
        let productFill = Self.productFill(of: band, product: product)
        // Compared in Double where Float32 would round: Float64 values, and 32-bit integers above
        // 2^24 (a UInt32 DN beside the nodata value would have been taken for it).
        doubleNodata = [.float64, .int32, .uint32].contains(band.dataType) ? band.nodata : nil
        parameters = LSTDecodeParameters(
            scale: calibration.scale, offset: calibration.offset, inputIsKelvin: calibration.isKelvin,
            fillValue: doubleNodata != nil ? nil : band.nodata ?? productFill, productFillValue: band.nodata == productFill ? nil : productFill,
            validRawRange: calibration.validRawRange,
            validCelsius: min(plausible.lowerBound, physical.lowerBound)...max(plausible.upperBound, physical.upperBound))
        integerInput = [.uint8, .uint16].contains(band.dataType)
        signedBytes = band.dataType == .int8
    }

    /// An option meant for another product would otherwise be ignored without a word (an MTL on a
    /// MODIS tile) or, worse, misread: MODIS `QC_Day` bits read as Landsat `QA_PIXEL` flags mark
    /// "other quality" pixels as fill and its cloud code as dilated cloud.
    private static func refuseOptionsThatDoNotApply(_ options: LSTLoadOptions, product: LSTProduct, path: String) throws(HeatIslandError) {
        if options.metadataPath != nil, product != .landsatC2L2 {
            throw .unsupportedProduct(path: path, detail: "an MTL file calibrates Landsat Collection 2 bands only, and this raster is read as a \(product.displayName) (drop --mtl or LSTLoadOptions.metadataPath, or state the product)")
        }
        if options.modisQuality != .allProduced, product != .modis {
            throw .unsupportedProduct(path: path, detail: "keeping pixels by MODIS quality applies to MODIS grids, and this raster is read as a \(product.displayName) (drop --modis-quality or LSTLoadOptions.modisQuality)")
        }
        if options.modisQuality != .allProduced, !options.useQuality {
            throw .unsupportedProduct(path: path, detail: "keeping pixels by MODIS quality reads the QC_Day band, which --no-qa (LSTLoadOptions.useQuality = false) turns off")
        }
        if options.useQuality, options.qualityPath != nil, product == .modis, options.modisQuality == .allProduced {
            throw .unsupportedProduct(path: path, detail: "a MODIS QC_Day band is read only to keep pixels by quality, and every produced pixel is kept; choose which (--modis-quality good, 1K, 2K or 3K; LSTLoadOptions.modisQuality) or drop --qa (LSTLoadOptions.qualityPath)")
        }
    }

    /// The raw value the product itself uses for no data: 0 for Landsat, MODIS's `_FillValue` (0
    /// unless the file says otherwise). A nodata tag naming another value does not make those
    /// pixels temperatures out of range, which would count against the plausibility check.
    private static func productFill(of band: RasterBand, product: LSTProduct) -> Double? {
        switch product {
        case .landsatC2L2: return 0
        case .modis:
            let declared = band.metadata()["_FillValue"] ?? band.dataset.metadata()["_FillValue"]
            return declared.flatMap { Double($0.filter { !$0.isWhitespace }) } ?? 0
        case .kelvin, .celsius: return nil
        }
    }

    /// Full-width windows of whole storage blocks, at least 256 rows tall so that striped files
    /// (one row per block) are not read a row at a time.
    func windows(minimumRows: Int = 256) -> [PixelWindow] {
        band.blockRowWindows(blockRowsPerWindow: max(1, minimumRows / band.blockSize.height))
    }

    /// Refuses, before anything is allocated, a streaming pass whose windows of `width` × `height`
    /// cells would take more than the memory allowed at `bytesPerCell` (the caller's buffers and
    /// this reader's scratch): a damaged or hostile header can claim a width of billions.
    func requireBlocks(width: Int, height: Int, bytesPerCell: Int) throws(HeatIslandError) {
        let (cells, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, cells <= memoryLimit / bytesPerCell else {
            throw .blockTooLargeForMemory(path: dataset.path, width: width, height: height, limitBytes: memoryLimit)
        }
    }

    /// Reads and decodes one window into `out` (°C, NaN where masked), counting masked pixels.
    ///
    /// Values that GDAL hands over as `Float` are read straight into `out` and decoded there: a
    /// scratch copy cost a window's worth of memory and page faults, and a pass over it.
    mutating func decode(_ window: PixelWindow, into out: UnsafeMutableBufferPointer<Float>) throws(HeatIslandError) {
        let n = window.pixelCount ?? 0
        let target = UnsafeMutableBufferPointer(rebasing: out[0..<n])
        if integerInput { grow(&raw, to: n) }
        if doubleNodata != nil { grow(&doubles, to: n) }
        if quality != nil { grow(&qa, to: n) }
        let clock = ContinuousClock()
        let t0 = clock.now
        do throws(GDALError) {
            if integerInput {
                try raw.withUnsafeMutableBufferPointer { (b) throws(GDALError) in try band.readRaw(window: window, into: b) }
            } else if let nodata = doubleNodata {
                try doubles.withUnsafeMutableBufferPointer { (b) throws(GDALError) in try band.readRaw(window: window, into: b) }
                // NaN is fill to the decoder.
                for i in 0..<n { target[i] = doubles[i] == nodata ? .nan : Float(doubles[i]) }
            } else {
                try band.readRaw(window: window, into: target)
                if signedBytes {
                    for i in 0..<n where target[i] >= 128 { target[i] -= 256 }
                }
            }
            if let quality {
                try qa.withUnsafeMutableBufferPointer { (b) throws(GDALError) in
                    if quality.isSigned {
                        try b.withMemoryRebound(to: Int16.self) { (words) throws(GDALError) in try quality.band.readRaw(window: window, into: words) }
                    } else {
                        try quality.band.readRaw(window: window, into: b)
                    }
                }
                quality.band.dropCachedBlocks()
            }
            band.dropCachedBlocks()
        } catch { throw .gdal(error) }
        let t1 = clock.now
        // Decoding is pixel by pixel, so parts of the window go to separate cores; counts add up exactly.
        let parts = max(1, min(16, n >> 18))
        var results = [Result<(physical: MaskCounts, counts: MaskCounts), DecodeError>?](repeating: nil, count: parts)
        let (mask, parameters, plausible, integerInput) = (mask, parameters, plausible, integerInput)
        let landsatFlags = quality?.meaning == .landsatFlags
        let modisQuality: MODISQuality? = if case .modis(let kept)? = quality?.meaning { kept } else { nil }
        let physicalRange = Self.physicalCelsius
        let widened = plausible.lowerBound < physicalRange.lowerBound || plausible.upperBound > physicalRange.upperBound
        raw.withUnsafeBufferPointer { raw in
            qa.withUnsafeBufferPointer { qa in
                results.withUnsafeMutableBufferPointer { results in
                    let shared = UnsafeSendable((raw, qa, target, results))
                    DispatchQueue.concurrentPerform(iterations: parts) { part in
                        let (raw, qa, target, results) = shared.value
                        let range = (part * n / parts)..<((part + 1) * n / parts)
                        let out = UnsafeMutableBufferPointer(rebasing: target[range])
                        let qaPart = landsatFlags ? UnsafeBufferPointer(rebasing: qa[range]) : nil
                        results[part] = Result { () throws(DecodeError) in
                            var physical = integerInput
                                ? try LSTDecoder.decode(raw: UnsafeBufferPointer(rebasing: raw[range]), qa: qaPart, qaMask: mask,
                                                        parameters: parameters, into: out)
                                : try LSTDecoder.decode(values: UnsafeBufferPointer(out), qa: qaPart, qaMask: mask,
                                                        parameters: parameters, into: out)
                            if let modisQuality {
                                let dropped = try modisQuality.mask(out, qc: UnsafeBufferPointer(rebasing: qa[range]))
                                physical.valid -= dropped
                                physical.lowQuality += dropped
                            }
                            var counts = physical
                            if widened { PlausibilityCheck.countOutside(out, physicalRange, counts: &physical) }
                            PlausibilityCheck.restrict(out, to: plausible, counts: &counts)
                            return (physical, counts)
                        }
                    }
                }
            }
        }
        for result in results {
            guard case .success(let part)? = result else {
                // Buffers are sized from the same window, so a mismatch is a bug here, not bad input.
                throw .invalidArgument("internal error decoding \(dataset.path): \(String(describing: result))")
            }
            physicalCounts += part.physical
            counts += part.counts
        }
        readSeconds += (t1 - t0).seconds
        decodeSeconds += (clock.now - t1).seconds
    }

    /// Checks the whole pass: implausible values are an error, and so is nothing valid unless the
    /// caller read only part of the raster (the blocks some zones reach) and judges the zones
    /// itself, as it would on a whole scene.
    func finish(requiringValidPixels: Bool = true) throws(HeatIslandError) -> MaskCounts {
        try PlausibilityCheck.require(physicalCounts, physical: Self.physicalCelsius, raw: calibration.validRawRange, path: dataset.path, product: product)
        guard counts.valid > 0 || !requiringValidPixels else { throw .noValidPixels(path: dataset.path, detail: PlausibilityCheck.summary(counts)) }
        return counts
    }

    private func grow<T: Numeric>(_ buffer: inout [T], to n: Int) {
        if buffer.count < n { buffer = [T](repeating: 0, count: n) }
    }
}
