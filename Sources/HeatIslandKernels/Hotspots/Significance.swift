import Foundation

/// Two-sided p-values of z-scores and the ±1/±2/±3 confidence classes of hot-spot maps
/// (90, 95 and 99 % confidence), with optional Benjamini–Hochberg false-discovery-rate control.
///
/// As in ArcGIS Hot Spot Analysis, z and p are never adjusted: the false-discovery rate only lowers
/// the critical p-value that each confidence class uses.
public enum Significance {
    /// The significance levels of classes 1, 2 and 3.
    public static let levels: [Double] = [0.10, 0.05, 0.01]

    /// Two-sided p-value of a standard-normal z: erfc(|z|/√2). NaN stays NaN.
    @inlinable
    public static func pValue(z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }

    /// Benjamini–Hochberg critical p-values for each level: the largest p₍ₖ₎ with p₍ₖ₎ ≤ k·α/m,
    /// or 0 when no test passes.
    /// - Parameters:
    ///   - smallPValues: The p-values that can matter (at most the largest level), any order.
    ///   - testCount: m, the number of tests: every unit with a z, not only those passed in (a valid
    ///     unit without a z, whose neighbourhood holds every value, is not a test).
    ///   - levels: α for each class.
    public static func fdrCriticalValues(smallPValues: [Double], testCount: Int, levels: [Double] = levels) -> [Double] {
        let sorted = smallPValues.filter { $0.isFinite }.sorted()
        return levels.map { alpha in
            var critical = 0.0
            for (i, p) in sorted.enumerated() where p <= Double(i + 1) * alpha / Double(testCount) { critical = p }
            return critical
        }
    }

    /// The class of a unit: ±3, ±2, ±1 when p is at or below the critical value of 99, 95 or 90 %,
    /// signed like z (hot +, cold −); 0 when not significant, and when `critical` does not hold
    /// exactly those three values (90, 95, 99 % in that order, as ``levels``).
    @inlinable
    public static func confidenceClass(z: Double, p: Double, critical: [Double]) -> Int8 {
        guard z.isFinite, p.isFinite, critical.count == 3 else { return 0 }
        let level: Int8 = p <= critical[2] ? 3 : p <= critical[1] ? 2 : p <= critical[0] ? 1 : 0
        return z < 0 ? -level : level
    }

    /// The |z| at which the two-sided p-value equals `p` (bisection on erfc to machine precision),
    /// so that whole rasters can be classed by comparing z instead of computing a p-value per cell.
    /// - Parameter p: A p-value in (0, 1]; 0 gives +∞ (nothing passes).
    public static func criticalZ(forP p: Double) -> Double {
        guard p > 0 else { return .infinity }
        guard p < 1 else { return 0 }
        var lo = 0.0, hi = 40.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if pValue(z: mid) > p { lo = mid } else { hi = mid }
            if hi - lo <= hi * 1e-15 { break }
        }
        return hi
    }

    /// The smallest Float |z| whose two-sided p-value, ``pValue(z:)`` of it as a Double, is at most
    /// `p`: the threshold that classes Float z-scores exactly as comparing their p-values with `p`
    /// would. The Benjamini–Hochberg critical value is the p-value of one cell's own Float z, so a
    /// threshold a rounding step above it would drop that cell (and any tied with it) a class.
    /// - Parameter p: A critical p-value; 0 gives +∞ (nothing passes).
    public static func criticalMagnitude(forP p: Double) -> Float {
        guard p > 0 else { return .infinity }
        var t = Float(criticalZ(forP: p))
        // criticalZ is within an ulp or two of the crossing; step to the exact Float boundary.
        while t < .greatestFiniteMagnitude, pValue(z: Double(t)) > p { t = t.nextUp }
        while t > 0, pValue(z: Double(t.nextDown)) <= p { t = t.nextDown }
        return t
    }

    /// The class from |z| thresholds (``criticalMagnitude(forP:)`` of the critical p-values), the
    /// same answer as ``confidenceClass(z:p:critical:)`` without evaluating erfc per unit.
    @inlinable
    public static func confidenceClass(z: Float, criticalZ: (Float, Float, Float)) -> Int8 {
        let a = abs(z)
        // NaN fails the first test; ±∞ (not a test, as in the p-value form) the second.
        guard a >= criticalZ.0, a < .infinity else { return 0 }
        let level: Int8 = a >= criticalZ.2 ? 3 : a >= criticalZ.1 ? 2 : 1
        return z < 0 ? -level : level
    }

    /// ``confidenceClass(z:criticalZ:)`` of many z-scores, sixteen at a time without branches
    /// (a scene's classes took a fifth of its Gi* time when each cell branched on its own z).
    /// - Parameters:
    ///   - z: The z-scores.
    ///   - criticalZ: The |z| thresholds of classes 1, 2 and 3.
    ///   - classes: Receives the class of each z (0 where z is not finite, as for one z); when the
    ///     lengths differ, only the first `min(z.count, classes.count)` are classed.
    /// - Returns: How many of the z-scores classed are finite.
    public static func confidenceClasses(
        z: UnsafeBufferPointer<Float>, criticalZ: (Float, Float, Float), into classes: UnsafeMutableBufferPointer<Int8>
    ) -> Int {
        guard let zs = z.baseAddress, let out = classes.baseAddress else { return 0 }
        let count = min(z.count, classes.count)
        let (t1, t2, t3) = (SIMD16<Float>(repeating: criticalZ.0), SIMD16<Float>(repeating: criticalZ.1), SIMD16<Float>(repeating: criticalZ.2))
        var finite = SIMD16<Int32>()
        var i = 0
        while i + 16 <= count {
            let v = UnsafeRawPointer(zs + i).loadUnaligned(as: SIMD16<Float>.self)
            let negative = v .< 0
            let a = v.replacing(with: -v, where: negative)   // NaN compares false below
            let finiteZ = a .< .infinity
            let first = (a .>= t1) .& finiteZ
            var level = SIMD16<Int32>()
            level.replace(with: 1, where: first)
            level.replace(with: 2, where: first .& (a .>= t2))
            level.replace(with: 3, where: first .& (a .>= t3))
            level.replace(with: 0 &- level, where: negative)
            finite.replace(with: finite &+ 1, where: finiteZ)
            UnsafeMutableRawPointer(out + i).storeBytes(of: SIMD16<Int8>(truncatingIfNeeded: level), as: SIMD16<Int8>.self)
            i &+= 16
        }
        var finiteCount = Int(finite.wrappedSum())
        while i < count {
            out[i] = confidenceClass(z: zs[i], criticalZ: criticalZ)
            if zs[i].isFinite { finiteCount += 1 }
            i &+= 1
        }
        return finiteCount
    }

    /// Critical values for a set of z-scores: the plain levels, or their Benjamini–Hochberg
    /// versions when `fdr` is on (``FalseDiscoveryRate``, whose memory does not grow with the
    /// number of z-scores, in as many passes over them as it needs).
    /// - Parameters:
    ///   - z: The z-scores; NaN entries are not tests.
    ///   - fdr: Whether to control the false-discovery rate.
    public static func criticalValues(z: UnsafeBufferPointer<Float>, fdr: Bool) -> [Double] {
        guard fdr else { return levels }
        var search = FalseDiscoveryRate(levels: levels)
        repeat {
            search.add(z)
            search.endPass()
        } while search.needsAnotherPass
        return search.criticalPValues
    }
}
