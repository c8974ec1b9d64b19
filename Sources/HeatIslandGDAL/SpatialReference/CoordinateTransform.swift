import CGDAL

/// Transforms coordinates between two reference systems through OSR/PROJ.
///
/// A `Sendable` value: the PROJ transformation object is created on the calling thread for each
/// call, because PROJ contexts must not be shared between threads. Coordinates are always in
/// traditional GIS order (x/easting/longitude first).
///
/// ```swift
/// let toD96 = try CoordinateTransform(from: SpatialReference(epsg: 4326), to: SpatialReference(epsg: 3794))
/// let points = try toD96.transform([(14.3556, 46.2389)])
/// ```
public struct CoordinateTransform: Sendable {
    /// The CRS of the input coordinates.
    public let source: SpatialReference
    /// The CRS of the output coordinates.
    public let target: SpatialReference

    /// Creates a transformation, checking that PROJ can build it.
    /// - Parameters:
    ///   - source: CRS of the input coordinates.
    ///   - target: CRS of the output coordinates.
    /// - Throws: ``GDALError/transformFailed(message:)`` when no transformation exists.
    public init(from source: SpatialReference, to target: SpatialReference) throws(GDALError) {
        self.source = source
        self.target = target
        _ = try withTransformation { _ in () }
    }

    /// Transforms points.
    /// - Parameter points: `(x, y)` pairs in the source CRS.
    /// - Returns: The points in the target CRS, in the same order.
    /// - Throws: ``GDALError/transformFailed(message:)`` when any point cannot be transformed
    ///   (for example it lies outside the target's area of use).
    public func transform(_ points: [(x: Double, y: Double)]) throws(GDALError) -> [(x: Double, y: Double)] {
        guard !points.isEmpty else { return [] }
        guard let count = Int32(exactly: points.count) else {
            throw .invalidArgument("too many points for one transformation (\(points.count))")
        }
        var xs = points.map(\.x), ys = points.map(\.y)
        var ok = [Int32](repeating: 0, count: points.count)
        try withTransformation { (ct) throws(GDALError) in
            let failure: String? = ErrorCapture.run { capture in
                OCTTransformEx(ct, count, &xs, &ys, nil, &ok) != 0 ? nil : capture.message(or: "PROJ failed")
            }
            if let failure { throw .transformFailed(message: failure) }
        }
        if let bad = ok.firstIndex(of: 0) {
            throw .transformFailed(message: "point \(bad) (\(points[bad].x), \(points[bad].y)) cannot be transformed from \(source) to \(target)")
        }
        return zip(xs, ys).map { ($0, $1) }
    }

    private func withTransformation<R>(_ body: (OGRCoordinateTransformationH) throws(GDALError) -> R) throws(GDALError) -> R {
        let s = try source.makeHandle(), t = try target.makeHandle()
        let made: (OGRCoordinateTransformationH?, String) = ErrorCapture.run { capture in
            (OCTNewCoordinateTransformation(s.raw, t.raw), capture.message(or: "no transformation from \(source) to \(target)"))
        }
        guard let ct = made.0 else { throw .transformFailed(message: made.1) }
        defer { OCTDestroyCoordinateTransformation(ct) }
        return try body(ct)
    }
}
