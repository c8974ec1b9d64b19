import CGDAL
import HeatIslandKernels

/// One band of an open ``RasterDataset`` (keeps the dataset open while it lives).
///
/// `read` returns Float32 values with the band's scale and offset applied and nodata turned into
/// NaN, which is what analysis code wants; `readRaw` returns stored values untouched, which is what
/// decoders of packed products (Landsat DNs, QA bit fields) want.
public struct RasterBand {
    /// The dataset this band belongs to.
    public let dataset: RasterDataset
    let handle: GDALRasterBandH
    /// Band number, 1-based.
    public let index: Int

    init(dataset: RasterDataset, handle: GDALRasterBandH, index: Int) {
        self.dataset = dataset
        self.handle = handle
        self.index = index
    }

    /// The stored pixel type.
    public var dataType: RasterDataType {
        let stored = RasterDataType(gdal: GDALGetRasterDataType(handle))
        // GDAL 3.6 has no Int8 type: a signed byte band is a Byte band with this mark, which GDAL
        // itself ignores when converting (−1 reads as 255).
        return stored == .uint8 && metadata(domain: "IMAGE_STRUCTURE")["PIXELTYPE"] == "SIGNEDBYTE" ? .int8 : stored
    }

    /// The nodata value, or `nil` when the band has none.
    public var nodata: Double? {
        var has: Int32 = 0
        let v = GDALGetRasterNoDataValue(handle, &has)
        return has != 0 ? v : nil
    }

    /// The scale applied to stored values (1 when unset). GDAL does not apply it when reading.
    public var scale: Double {
        var has: Int32 = 0
        let v = GDALGetRasterScale(handle, &has)
        return has != 0 ? v : 1
    }

    /// The offset added after scaling (0 when unset).
    public var offset: Double {
        var has: Int32 = 0
        let v = GDALGetRasterOffset(handle, &has)
        return has != 0 ? v : 0
    }

    /// `true` when the band carries a scale or offset other than the identity.
    public var hasScaleOrOffset: Bool { scale != 1 || offset != 0 }

    /// The unit of the (scaled) values as stored in the file, for example `"K"`; empty when unknown.
    public var unitType: String {
        GDALGetRasterUnitType(handle).map { String(cString: $0) } ?? ""
    }

    /// The band's description (often the subdataset or variable name).
    public var bandDescription: String {
        GDALGetDescription(handle).map { String(cString: $0) } ?? ""
    }

    /// The natural block size of the band's storage, `(width, height)` in pixels.
    public var blockSize: (width: Int, height: Int) {
        var w: Int32 = 0, h: Int32 = 0
        GDALGetBlockSize(handle, &w, &h)
        return (Int(max(w, 1)), Int(max(h, 1)))
    }

    /// Band metadata of a domain (the default domain when `nil`).
    /// - Parameter domain: A metadata domain, or `nil`.
    public func metadata(domain: String? = nil) -> [String: String] {
        ErrorCapture.quietly { parseMetadata(GDALGetMetadata(handle, domain)) }
    }

    /// Full-width windows, one per row of storage blocks (several rows of blocks when
    /// `blockRowsPerWindow` > 1): reading these touches each block once, the basis for streaming.
    /// - Parameter blockRowsPerWindow: How many rows of blocks each window spans.
    /// - Returns: Windows that tile the band from top to bottom.
    public func blockRowWindows(blockRowsPerWindow: Int = 1) -> [PixelWindow] {
        let (w, h) = (dataset.width, dataset.height)
        // More rows of blocks than the band has (up to Int.max) make one window.
        let (rows, overflow) = max(blockSize.height, 1).multipliedReportingOverflow(by: max(blockRowsPerWindow, 1))
        let step = overflow ? max(h, 1) : rows
        return stride(from: 0, to: h, by: step).map {
            PixelWindow(column: 0, row: $0, width: w, height: min(step, h - $0))
        }
    }

    /// Drops this band's blocks from GDAL's block cache. A single pass over a scene gains nothing
    /// from the cache, and without this it would hold a copy of every block read (up to
    /// `GDAL_CACHEMAX`, 5 % of RAM by default).
    public func dropCachedBlocks() {
        GDALFlushRasterCache(handle)
    }

    /// Reads a window (the whole band when `nil`) as Float32 with scale/offset applied and
    /// nodata, NaN and infinities set to NaN.
    /// - Parameter window: The pixels to read; must lie inside the raster.
    /// - Returns: Row-major values, `window.width × window.height` of them.
    /// - Throws: ``GDALError/invalidWindow(path:window:)`` or ``GDALError/readFailed(path:message:)``.
    public func read(window: PixelWindow? = nil) throws(GDALError) -> [Float] {
        var values: [Float] = try readRaw(window: window)
        let nodata = self.nodata.map { Float($0) }
        let (scale, offset) = (Float(self.scale), Float(self.offset))
        let scaled = hasScaleOrOffset
        values.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices {
                var v = buffer[i]
                if v == nodata || !v.isFinite {
                    buffer[i] = .nan
                    continue
                }
                if scaled { v = v * scale + offset }
                buffer[i] = v
            }
        }
        return values
    }

    /// Reads a window (the whole band when `nil`) converting stored values to `T` without applying
    /// scale, offset or nodata.
    /// - Parameters:
    ///   - window: The pixels to read; must lie inside the raster.
    ///   - type: The element type, when the call site does not fix it.
    /// - Returns: Row-major values.
    /// - Throws: ``GDALError/invalidWindow(path:window:)`` or ``GDALError/readFailed(path:message:)``.
    public func readRaw<T: RasterScalar>(window: PixelWindow? = nil, as type: T.Type = T.self) throws(GDALError) -> [T] {
        let w = window ?? .full(width: dataset.width, height: dataset.height)
        guard w.fits(width: dataset.width, height: dataset.height), let count = w.pixelCount else {
            throw .invalidWindow(path: dataset.path, window: "\(w)")
        }
        var values = [T](repeating: .zero, count: count)
        try values.withUnsafeMutableBufferPointer { (buffer) throws(GDALError) in
            try readRaw(window: w, into: buffer)
        }
        return values
    }

    /// Reads a window into a caller-owned buffer, so that streaming code can reuse one buffer for
    /// every block instead of allocating per read.
    /// - Parameters:
    ///   - window: The pixels to read; must lie inside the raster.
    ///   - buffer: Receives `window.width × window.height` row-major values; may be longer.
    /// - Throws: ``GDALError/invalidWindow(path:window:)`` or ``GDALError/readFailed(path:message:)``.
    public func readRaw<T: RasterScalar>(window: PixelWindow, into buffer: UnsafeMutableBufferPointer<T>) throws(GDALError) {
        guard window.fits(width: dataset.width, height: dataset.height), let count = window.pixelCount, count <= buffer.count,
              let cols = Int32(exactly: window.width), let rows = Int32(exactly: window.height) else {
            throw .invalidWindow(path: dataset.path, window: "\(window)")
        }
        let failure: String? = ErrorCapture.run { capture in
            var extra = GDALRasterIOExtraArg()
            extra.nVersion = 1
            extra.eResampleAlg = GRIORA_NearestNeighbour
            let err = GDALRasterIOEx(
                handle, GF_Read, Int32(window.column), Int32(window.row), cols, rows,
                UnsafeMutableRawPointer(buffer.baseAddress), cols, rows, T.rasterDataType.gdal, 0, 0, &extra)
            return err == CE_None ? nil : capture.message(or: "GDAL could not read the pixels")
        }
        // On a local file GDAL fails here when a block is missing or does not decode: say so in
        // words, GDAL's own ("IReadBlock failed at X offset 0") follow for the expert.
        if let failure { throw .readFailed(path: dataset.path, message: "the file is damaged or cut short (\(failure))") }
    }
}
