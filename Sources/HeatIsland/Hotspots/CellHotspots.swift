import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// Gi* of every cell of a raster: z, p and confidence classes on the raster's own grid.
public struct CellHotspots: Sendable {
    /// Gi* z-scores (NaN where the input is missing, and for cells whose neighbourhood holds every
    /// valid cell, which have no z).
    public var z: GeoRaster
    /// −3…3 per cell (0 where missing or not significant).
    public var classes: [Int8]
    /// The neighbourhood used.
    public var neighbourhood: FocalNeighbourhood
    /// n, X̄ and S of the valid cells.
    public var moments: GlobalMoments
    /// The critical p-values of classes 1, 2, 3 (lowered when FDR is on).
    public var criticalPValues: [Double]
    /// Valid cells without a z: their neighbourhood holds every valid cell (a radius nearly as large
    /// as the valid area). Reports should say so, since such cells are neither hot nor cold.
    public var undefinedCells: Int

    /// Computes cell hotspots.
    /// - Parameters:
    ///   - raster: Values (°C), NaN where missing.
    ///   - radius: Neighbourhood radius in metres or cells.
    ///   - shape: Circle (default) or square.
    ///   - fdr: Control the false-discovery rate when classing.
    ///   - progress: Called with the fraction done, mostly as the z-scores' rows are computed.
    /// - Throws: ``HeatIslandError/invalidArgument(_:)`` for a radius in metres on a geographic CRS
    ///   or a rotated grid, a neighbourhood covering the whole raster, or one reaching every valid
    ///   cell from each of them (no cell has a z).
    public static func compute(
        raster: GeoRaster, radius: HotspotRadius, shape: FocalNeighbourhood.Shape = .circle, fdr: Bool = false, progress: ProgressHandler? = nil
    ) throws(HeatIslandError) -> CellHotspots {
        try compute(raster: raster, radius: radius, shape: shape, fdr: fdr, checkpoint: Checkpoint("cell hot spots", progress: progress))
    }

    /// The z-scores take nine tenths of the progress; the classes, with the FDR search over every
    /// z-score, the rest.
    static func compute(
        raster: GeoRaster, radius: HotspotRadius, shape: FocalNeighbourhood.Shape, fdr: Bool, checkpoint: Checkpoint
    ) throws(HeatIslandError) -> CellHotspots {
        let neighbourhood = try radius.neighbourhood(
            shape: shape, transform: raster.transform, spatialReference: raster.spatialReference, width: raster.width, height: raster.height)
        try requireLocal(neighbourhood, radius: radius, width: raster.width, height: raster.height)
        let moments = raster.values.withUnsafeBufferPointer { GlobalMoments($0) }
        // Handed over uninitialised: the kernel writes every cell.
        let z = [Float](unsafeUninitializedCapacity: raster.values.count) { out, initialized in
            raster.values.withUnsafeBufferPointer { v in
                RasterGiStar.compute(v, width: raster.width, height: raster.height, rows: 0..<raster.height,
                                     neighbourhood: neighbourhood, moments: moments, into: out,
                                     progress: { checkpoint.goOn(at: 0.9 * $0) })
            }
            initialized = out.count
        }
        // Stopped part way, the kernel left cells unwritten: they are never read.
        try checkpoint.reached(0.9)
        try requireSpread(moments)
        let critical = z.withUnsafeBufferPointer { Significance.criticalValues(z: $0, fdr: fdr) }
        let (classes, defined) = Self.classify(z, thresholds: zThresholds(critical))
        try requireSomeZ(defined > 0, radius: radius)
        var grid = raster
        grid.values = z
        try checkpoint.reached(1)
        return CellHotspots(
            z: grid, classes: classes, neighbourhood: neighbourhood, moments: moments, criticalPValues: critical,
            undefinedCells: moments.count - defined)
    }

    /// Gi* compares a neighbourhood with the whole raster: when every neighbourhood is the whole
    /// raster, it is 0/0 everywhere.
    static func requireLocal(_ neighbourhood: FocalNeighbourhood, radius: HotspotRadius, width: Int, height: Int) throws(HeatIslandError) {
        guard !neighbourhood.reachesEveryCell(width: width, height: height) else {
            throw .invalidArgument("the radius \(radius) reaches every cell of the \(width) × \(height) raster from every cell, so Gi* is undefined; use a smaller radius")
        }
    }

    /// Valid cells whose neighbourhood holds every valid cell have no z (0/0 again); when that is all
    /// of them, the map would be empty while reading as "nothing significant".
    static func requireSomeZ(_ anyDefined: Bool, radius: HotspotRadius, path: String? = nil) throws(HeatIslandError) {
        guard anyDefined else {
            throw .invalidArgument("\(path.map { $0 + ": " } ?? "")the radius \(radius) reaches every valid cell from each of them, so no cell has a Gi* z; use a smaller radius")
        }
    }

    /// Gi* is undefined when fewer than two values or no spread.
    /// - Parameters:
    ///   - moments: n, X̄ and S of the valid cells.
    ///   - path: The raster, named in the error when known.
    static func requireSpread(_ moments: GlobalMoments, path: String? = nil) throws(HeatIslandError) {
        guard moments.count > 1, moments.standardDeviation > 0 else {
            throw .invalidArgument("\(path.map { $0 + ": " } ?? "")Gi* needs at least two different valid values (\(moments.count) valid cells)")
        }
    }

    /// |z| thresholds of classes 1, 2, 3 for the critical p-values: a cell passes exactly when its
    /// p-value is at or below the critical one, also the cell whose p-value set it under FDR.
    static func zThresholds(_ critical: [Double]) -> (Float, Float, Float) {
        let zc = critical.map(Significance.criticalMagnitude(forP:))
        return (zc[0], zc[1], zc[2])
    }

    /// Classes of every cell, chunks in parallel (a plain map is a noticeable share of a scene's
    /// time), and how many cells have a z, counted on the way.
    static func classify(_ z: [Float], thresholds: (Float, Float, Float)) -> (classes: [Int8], defined: Int) {
        let chunks = max(1, min(64, z.count / 1_000_000))
        var defined = [Int](repeating: 0, count: chunks)
        // Uninitialised: the chunks write every class, and touch the fresh pages on all cores.
        let classes = [Int8](unsafeUninitializedCapacity: z.count) { output, initialized in
            z.withUnsafeBufferPointer { input in
                defined.withUnsafeMutableBufferPointer { counts in
                    let shared = UnsafeSendable((input, output, counts))
                    DispatchQueue.concurrentPerform(iterations: chunks) { k in
                        let (input, output, counts) = shared.value
                        let part = (input.count * k / chunks)..<(input.count * (k + 1) / chunks)
                        counts[k] = Significance.confidenceClasses(
                            z: UnsafeBufferPointer(rebasing: input[part]), criticalZ: thresholds,
                            into: UnsafeMutableBufferPointer(rebasing: output[part]))
                    }
                }
            }
            initialized = z.count
        }
        return (classes, defined.reduce(0, +))
    }

    /// Two-sided p-values of every cell (NaN where missing).
    public var pValues: [Float] { z.values.map { $0.isFinite ? Float(Significance.pValue(z: Double($0))) : .nan } }

    /// Writes the classes alone as a signed 8-bit GeoTIFF (−3…3, −128 where there is no z) on
    /// the input's grid: the compact map for GIS styling, since a GeoTIFF cannot mix the Float32 z
    /// band and an 8-bit band in one file.
    /// - Parameters:
    ///   - path: The file to write.
    ///   - layout: Tiled GeoTIFF or COG.
    public func writeClasses(to path: String, layout: GeoTIFFWriter.Layout = .tiled) throws(HeatIslandError) {
        let missing = Int8.min
        let bands = zip(classes, z.values).map { $0.1.isFinite ? $0.0 : missing }
        do throws(GDALError) {
            try Self.writer(layout).write(
                bands: [.int8(bands, nodata: missing)], width: z.width, height: z.height, transform: z.transform,
                spatialReference: z.spatialReference, to: path, descriptions: ["gi_class"])
        } catch { throw .gdal(error) }
    }

    /// Writes a Float32 GeoTIFF on the input's grid with bands `gi_z`, `gi_class` (−3…3, NaN where
    /// missing) and, when asked, `gi_p`. GeoTIFF keeps one sample type per file, so the class band is
    /// Float32 too.
    /// - Parameters:
    ///   - path: The file to write.
    ///   - includeP: Add the p-value band.
    ///   - layout: Tiled GeoTIFF or COG.
    public func write(to path: String, includeP: Bool = false, layout: GeoTIFFWriter.Layout = .tiled) throws(HeatIslandError) {
        try Self.write(layers(includeP: includeP), to: path, layout: layout)
    }

    /// Writes the same bands warped to another grid — the city's CRS and pixel size, to lie on the
    /// reprojected temperatures — by nearest neighbour, whatever `options` says: every output cell
    /// then holds a z, class and p computed on the source grid, never an interpolated class. All
    /// bands are warped in one pass, straight into the file.
    /// - Parameters:
    ///   - path: The file to write.
    ///   - options: Target CRS, pixel size and alignment.
    ///   - includeP: Add the p-value band.
    ///   - layout: Tiled GeoTIFF or COG.
    public func write(to path: String, reprojectedWith options: WarpOptions, includeP: Bool = false, layout: GeoTIFFWriter.Layout = .tiled) throws(HeatIslandError) {
        var nearest = options
        nearest.resampling = .nearest
        let layers = layers(includeP: includeP)
        do throws(GDALError) {
            try Warper.reproject(bands: layers.map(\.grid), options: nearest, writingTo: path,
                                 writer: Self.writer(layout), descriptions: layers.map(\.name))
        } catch { throw .gdal(error) }
    }

    /// The output bands as grids on the input's grid.
    private func layers(includeP: Bool) -> [(name: String, grid: GeoRaster)] {
        var classGrid = z, pGrid = z
        classGrid.values = zip(classes, z.values).map { $0.1.isFinite ? Float($0.0) : .nan }
        var layers = [("gi_z", z), ("gi_class", classGrid)]
        if includeP {
            pGrid.values = pValues
            layers.append(("gi_p", pGrid))
        }
        return layers
    }

    /// Overviews by nearest neighbour: cubic ones blended the class band into values such as 2.7
    /// that no class has, in every zoomed-out view of a COG.
    private static func writer(_ layout: GeoTIFFWriter.Layout) -> GeoTIFFWriter {
        GeoTIFFWriter(layout: layout, overviewResampling: .nearest)
    }

    private static func write(_ layers: [(name: String, grid: GeoRaster)], to path: String, layout: GeoTIFFWriter.Layout) throws(HeatIslandError) {
        guard let grid = layers.first?.grid else { return }
        do throws(GDALError) {
            try writer(layout).write(
                bands: layers.map { .float32($0.grid.values) }, width: grid.width, height: grid.height, transform: grid.transform,
                spatialReference: grid.spatialReference, to: path, descriptions: layers.map(\.name))
        } catch { throw .gdal(error) }
    }
}
