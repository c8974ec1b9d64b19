import HeatIslandGDAL
import HeatIslandKernels

/// Reads a temperature band (and its QA band) one row of storage blocks at a time and decodes each
/// block straight into the output grid, so peak memory is the output plus one block row of input.
struct BlockDecoder {
    let band: RasterBand
    let quality: RasterBand?
    let mask: QAPixelFlags

    struct Output {
        var values: [Float]
        var counts: MaskCounts
        var readSeconds: Double
        var decodeSeconds: Double
    }

    /// Rows per read: whole blocks, and enough of them that striped files (one row per block) are
    /// not read a row at a time.
    private var windows: [PixelWindow] {
        let rowsPerBlock = band.blockSize.height
        return band.blockRowWindows(blockRowsPerWindow: max(1, 256 / rowsPerBlock))
    }

    func decode(parameters: LSTDecodeParameters, progress: ProgressHandler?) throws(HeatIslandError) -> Output {
        let width = band.dataset.width, height = band.dataset.height
        guard let total = PixelWindow.full(width: width, height: height).pixelCount else {
            throw .gdal(.invalidWindow(path: band.dataset.path, window: "\(width) × \(height)"))
        }
        let windows = self.windows
        let chunk = (windows.map { $0.pixelCount ?? 0 }.max() ?? 0)
        let integerInput = [.uint8, .uint16].contains(band.dataType)
        var raw = [UInt16](repeating: 0, count: integerInput ? chunk : 0)
        var floats = [Float](repeating: 0, count: integerInput ? 0 : chunk)
        var qa = [UInt16](repeating: 0, count: quality == nil ? 0 : chunk)
        var output = Output(values: [Float](repeating: .nan, count: total), counts: MaskCounts(), readSeconds: 0, decodeSeconds: 0)
        let clock = ContinuousClock()

        for (i, window) in windows.enumerated() {
            let n = window.pixelCount ?? 0
            let start = window.row * width
            let t0 = clock.now
            do throws(GDALError) {
                if integerInput {
                    try raw.withUnsafeMutableBufferPointer { (b) throws(GDALError) in try band.readRaw(window: window, into: b) }
                } else {
                    try floats.withUnsafeMutableBufferPointer { (b) throws(GDALError) in try band.readRaw(window: window, into: b) }
                }
                if let quality {
                    try qa.withUnsafeMutableBufferPointer { (b) throws(GDALError) in try quality.readRaw(window: window, into: b) }
                    quality.dropCachedBlocks()
                }
                band.dropCachedBlocks()
            } catch { throw .gdal(error) }
            let t1 = clock.now
            let counts: MaskCounts
            do throws(DecodeError) {
                counts = try output.values.withUnsafeMutableBufferPointer { (out) throws(DecodeError) -> MaskCounts in
                    let target = UnsafeMutableBufferPointer(rebasing: out[start..<(start + n)])
                    return try qa.withUnsafeBufferPointer { (qaAll) throws(DecodeError) -> MaskCounts in
                        let qaBlock = quality == nil ? nil : UnsafeBufferPointer(rebasing: qaAll[0..<n])
                        if integerInput {
                            return try raw.withUnsafeBufferPointer { (r) throws(DecodeError) in
                                try LSTDecoder.decode(
                                    raw: UnsafeBufferPointer(rebasing: r[0..<n]), qa: qaBlock, qaMask: mask,
                                    parameters: parameters, into: target)
                            }
                        }
                        return try floats.withUnsafeBufferPointer { (v) throws(DecodeError) in
                            try LSTDecoder.decode(
                                values: UnsafeBufferPointer(rebasing: v[0..<n]), qa: qaBlock, qaMask: mask,
                                parameters: parameters, into: target)
                        }
                    }
                }
            } catch {
                // Buffers are sized from the same windows, so a mismatch is a bug in this file.
                throw .invalidArgument("internal error decoding \(band.dataset.path): \(error)")
            }
            output.counts += counts
            output.readSeconds += (t1 - t0).seconds
            output.decodeSeconds += (clock.now - t1).seconds
            progress?(Double(i + 1) / Double(windows.count))
        }
        return output
    }
}
