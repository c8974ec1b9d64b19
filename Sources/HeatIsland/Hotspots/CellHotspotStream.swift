import HeatIslandGDAL
import HeatIslandKernels

/// What a streamed cell-hotspot run found; the z-scores and classes themselves are in its GeoTIFF.
public struct CellHotspotSummary: Sendable, Hashable {
    /// The neighbourhood used.
    public var neighbourhood: FocalNeighbourhood
    /// n, X̄ and S of the valid cells.
    public var moments: GlobalMoments
    /// The critical p-values of classes 1, 2, 3.
    public var criticalPValues: [Double]
    /// Number of cells in each class −3…3 (index `class + 3`); missing cells are not counted.
    public var classCounts: [Int]
    /// Masked pixels by cause.
    public var maskCounts: MaskCounts
    /// The quality band read with the raster, if any (as ``LSTScene/qualityPath``).
    public var qualityPath: String?
    /// The Landsat MTL read with the raster, if any (as ``LSTScene/metadataPath``).
    public var metadataPath: String?

    /// Valid cells without a z: their neighbourhood holds every valid cell.
    public var undefinedCells: Int { moments.count - classCounts.reduce(0, +) }
    /// Cells classed hot (1…3).
    public var hotCells: Int { classCounts[4...].reduce(0, +) }
    /// Cells classed cold (−3…−1).
    public var coldCells: Int { classCounts[..<3].reduce(0, +) }
}

extension CellHotspots {
    /// Computes cell hotspots of an LST raster streamed from disk, for rasters larger than memory,
    /// and writes them as a tiled Float32 GeoTIFF with the bands of ``write(to:includeP:layout:)``.
    ///
    /// Two passes: the first decodes every block row for n, X̄ and S; the second decodes each block
    /// row with the rows above and below that its neighbourhoods reach and writes its z-scores and
    /// classes. Memory stays at a few block rows plus the halo, whatever the raster's size.
    ///
    /// With the false-discovery rate, the classes wait for every z-score: the second pass also
    /// counts them for `FalseDiscoveryRate` (HeatIslandKernels), which usually reads the z-scores back from the output
    /// once more to rank its crowded |z| exactly, and a last pass reads them back to write the
    /// classes. The critical values equal the in-memory path's, and memory stays as bounded.
    ///
    /// n, X̄ and S equal those of `compute(raster:radius:shape:fdr:progress:)` bit for bit (`GlobalMoments.Sums`
    /// does not depend on how the raster is split into blocks). So do the z-scores of circles with a
    /// radius under 16 cells, whose neighbourhood sums come from prefix sums along each row. Squares,
    /// and circles of 16 cells and more, carry column sums down from the first row of each chunk of
    /// rows a core computes, and the chunks start at different rows in the two paths: where those
    /// Double sums round differently, a z-score can differ by one Float32 ulp (by a few more only
    /// when it is so close to 0 that the sums' rounding is no longer small beside it). They are exact, and
    /// the z-scores identical, whenever the sums of the values need no more than Double's 53 bits
    /// (as on the Kranj Landsat scene for every radius tried, 3 to 40 cells).
    /// - Parameters:
    ///   - path: The LST raster (decoded exactly as ``LSTLoader``'s synchronous `load(path:options:progress:)` would).
    ///   - loadOptions: Product, quality band, plausible range.
    ///   - radius: Neighbourhood radius in metres or cells.
    ///   - shape: Circle (default) or square.
    ///   - output: The GeoTIFF to write.
    ///   - includeP: Add the p-value band.
    ///   - fdr: Lower the critical p-values by Benjamini–Hochberg over all cells.
    ///   - blockRows: Output rows per step (rounded to whole storage blocks).
    ///   - progress: Called with the fraction of all passes done.
    /// - Returns: The moments, thresholds and class counts.
    /// - Throws: ``HeatIslandError`` for unreadable inputs, an unusable radius, too few valid values
    ///   or an unwritable output (nothing is left at `output` then).
    public static func stream(
        path: String, loadOptions: LSTLoadOptions = LSTLoadOptions(), radius: HotspotRadius,
        shape: FocalNeighbourhood.Shape = .circle, output: String, includeP: Bool = false, fdr: Bool = false,
        blockRows: Int = 256, progress: ProgressHandler? = nil
    ) throws(HeatIslandError) -> CellHotspotSummary {
        try stream(path: path, loadOptions: loadOptions, radius: radius, shape: shape, output: output, includeP: includeP,
                   fdr: fdr, blockRows: blockRows, checkpoint: Checkpoint(path, progress: progress))
    }

    /// The work of both forms, reporting (and, from a task, stopping) after each block row of every pass.
    static func stream(
        path: String, loadOptions: LSTLoadOptions, radius: HotspotRadius, shape: FocalNeighbourhood.Shape, output: String,
        includeP: Bool, fdr: Bool, blockRows: Int, checkpoint: Checkpoint
    ) throws(HeatIslandError) -> CellHotspotSummary {
        var reader = try LSTBlockReader(path: path, options: loadOptions)
        let neighbourhood: FocalNeighbourhood
        do throws(HeatIslandError) {
            neighbourhood = try radius.neighbourhood(
                shape: shape, transform: reader.transform, spatialReference: reader.spatialReference,
                width: reader.dataset.width, height: reader.dataset.height)
            try CellHotspots.requireLocal(neighbourhood, radius: radius, width: reader.dataset.width, height: reader.dataset.height)
        } catch {
            if case .invalidArgument(let message) = error { throw .invalidArgument("\(path): \(message)") }
            throw error
        }
        let (width, height) = (reader.dataset.width, reader.dataset.height)
        let windows = reader.windows(minimumRows: blockRows)
        let halo = neighbourhood.rowRadius
        let tallest = windows.map(\.height).max() ?? 0
        // The block with its halo, z, the classes and their scratch, and the reader's scratch (a
        // Float64 band is read as Doubles) and QA buffers.
        try reader.requireBlocks(width: width, height: min(height, tallest + 2 * halo), bytesPerCell: 24)
        var block = [Float](repeating: .nan, count: width * min(height, tallest + 2 * halo))
        // Progress counts block rows: two passes, and with the FDR one pass reading z back and
        // one classing (a rare further read-back reports no progress).
        let steps = Double((fdr ? 4 : 2) * windows.count)

        // Pass 1: the global moments.
        // Every block, all-NaN ones too: the sums' pieces sit at positions in the whole raster,
        // which makes the moments those of the raster in memory, bit for bit.
        var sums = GlobalMoments.Sums()
        for (i, window) in windows.enumerated() {
            try block.withUnsafeMutableBufferPointer { (buffer) throws(HeatIslandError) in
                let slice = UnsafeMutableBufferPointer(rebasing: buffer[0..<(window.pixelCount ?? 0)])
                try reader.decode(window, into: slice)
                sums.add(UnsafeBufferPointer(slice))
            }
            try checkpoint.reached(Double(i + 1) / steps)
        }
        let maskCounts = try reader.finish()
        let moments = sums.moments
        try requireSpread(moments, path: reader.dataset.path)

        // Pass 2: each window with its halo; z (and p) written as it is done, and the classes too
        // unless the FDR must see every z first.
        var second = try LSTBlockReader(path: path, options: loadOptions)
        let writer: GeoTIFFBlockWriter
        do throws(GDALError) {
            writer = try GeoTIFFBlockWriter(
                path: output, width: width, height: height, transform: reader.transform,
                spatialReference: reader.spatialReference, descriptions: includeP ? ["gi_z", "gi_class", "gi_p"] : ["gi_z", "gi_class"])
        } catch { throw .gdal(error) }
        var z = [Float](repeating: .nan, count: width * tallest)
        var classing = ClassBandWriter(writer: writer, count: z.count)
        var search = FalseDiscoveryRate()
        let thresholds = zThresholds(Significance.levels)
        for (i, window) in windows.enumerated() {
            let top = max(0, window.row - halo), bottom = min(height, window.row + window.height + halo)
            let read = PixelWindow(column: 0, row: top, width: width, height: bottom - top)
            let n = window.pixelCount ?? 0
            try block.withUnsafeMutableBufferPointer { (buffer) throws(HeatIslandError) in
                let values = UnsafeMutableBufferPointer(rebasing: buffer[0..<(read.pixelCount ?? 0)])
                try second.decode(read, into: values)
                z.withUnsafeMutableBufferPointer { out in
                    RasterGiStar.compute(
                        UnsafeBufferPointer(values), width: width, height: read.height,
                        rows: (window.row - top)..<(window.row - top + window.height),
                        neighbourhood: neighbourhood, moments: moments, into: UnsafeMutableBufferPointer(rebasing: out[0..<n]))
                }
            }
            try z.withUnsafeBufferPointer { (all) throws(HeatIslandError) in
                let zs = UnsafeBufferPointer(rebasing: all[0..<n])
                do throws(GDALError) {
                    try writer.write(zs, band: 1, window: window)
                    if fdr { search.add(zs) } else { try classing.write(classesOf: zs, thresholds: thresholds, window: window) }
                    if includeP { try classing.writeP(of: zs, window: window) }
                } catch { throw .gdal(error) }
            }
            try checkpoint.reached(Double(windows.count + i + 1) / steps)
        }

        // With the FDR: z read back for as many passes as the search needs, then classed.
        if fdr {
            /// Reads z back window by window; `step` is the pass's place in the progress, nil for
            /// a further read-back that reports no progress.
            func eachWrittenWindow(step: Int?, _ body: (PixelWindow, UnsafeBufferPointer<Float>) throws(GDALError) -> Void) throws(HeatIslandError) {
                for (i, window) in windows.enumerated() {
                    let n = window.pixelCount ?? 0
                    do throws(GDALError) {
                        try z.withUnsafeMutableBufferPointer { (all) throws(GDALError) in
                            let zs = UnsafeMutableBufferPointer(rebasing: all[0..<n])
                            try writer.read(into: zs, band: 1, window: window)
                            try body(window, UnsafeBufferPointer(zs))
                        }
                    } catch { throw .gdal(error) }
                    try checkpoint.reached(Double(step.map { $0 * windows.count + i + 1 } ?? 3 * windows.count) / steps)
                }
            }
            search.endPass()
            var readBacks = 0
            while search.needsAnotherPass {
                try eachWrittenWindow(step: readBacks == 0 ? 2 : nil) { (_, zs) in search.add(zs) }
                search.endPass()
                readBacks += 1
            }
            let thresholds = zThresholds(search.criticalPValues)
            try eachWrittenWindow(step: 3) { (window, zs) throws(GDALError) in try classing.write(classesOf: zs, thresholds: thresholds, window: window) }
        }
        let critical = fdr ? search.criticalPValues : Significance.levels
        let classCounts = classing.classCounts
        // Before the file is moved into place: an empty map must not replace a previous result.
        try requireSomeZ(classCounts.reduce(0, +) > 0, radius: radius, path: path)
        do throws(GDALError) { try writer.finish() } catch { throw .gdal(error) }
        return CellHotspotSummary(neighbourhood: neighbourhood, moments: moments, criticalPValues: critical,
                                  classCounts: classCounts, maskCounts: maskCounts, qualityPath: reader.quality?.path, metadataPath: reader.metadataPath)
    }
}
