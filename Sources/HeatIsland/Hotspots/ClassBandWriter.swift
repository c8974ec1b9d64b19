import HeatIslandGDAL
import HeatIslandKernels

/// Writes the class band (and the p band) of streamed cell hot spots window by window, and counts
/// the classes: the streamed path writes classes as each window is done, or, with the
/// false-discovery rate, in a last pass once every z is known.
struct ClassBandWriter {
    let writer: GeoTIFFBlockWriter
    /// Cells per class −3…3 (index `class + 3`).
    private(set) var classCounts = [Int](repeating: 0, count: 7)
    private var classes: [Int8]
    private var derived: [Float]

    init(writer: GeoTIFFBlockWriter, count: Int) {
        self.writer = writer
        classes = [Int8](repeating: 0, count: count)
        derived = [Float](repeating: .nan, count: count)
    }

    /// Classes of `z` by the |z| thresholds of classes 1, 2, 3 into band 2, NaN where z is not finite (no test).
    mutating func write(classesOf z: UnsafeBufferPointer<Float>, thresholds: (Float, Float, Float), window: PixelWindow) throws(GDALError) {
        let n = z.count
        classes.withUnsafeMutableBufferPointer { c in
            _ = Significance.confidenceClasses(z: z, criticalZ: thresholds, into: UnsafeMutableBufferPointer(rebasing: c[0..<n]))
        }
        for k in 0..<n {
            guard z[k].isFinite else { derived[k] = .nan; continue }
            derived[k] = Float(classes[k])
            classCounts[Int(classes[k]) + 3] += 1
        }
        try writeDerived(count: n, band: 2, window: window)
    }

    /// Two-sided p-values of `z` into band 3.
    mutating func writeP(of z: UnsafeBufferPointer<Float>, window: PixelWindow) throws(GDALError) {
        for k in z.indices { derived[k] = z[k].isFinite ? Float(Significance.pValue(z: Double(z[k]))) : .nan }
        try writeDerived(count: z.count, band: 3, window: window)
    }

    private func writeDerived(count n: Int, band: Int, window: PixelWindow) throws(GDALError) {
        try derived.withUnsafeBufferPointer { (d) throws(GDALError) in
            try writer.write(UnsafeBufferPointer(rebasing: d[0..<n]), band: band, window: window)
        }
    }
}
