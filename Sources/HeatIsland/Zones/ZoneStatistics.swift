import HeatIslandKernels

/// A percentile of a zone's values.
public struct Percentile: Sendable, Hashable {
    /// The percentage, 0–100 (90 for the 90th percentile).
    public var percent: Double
    /// The value, `nil` when the zone has no values.
    public var value: Double?

    /// A percentile and its value.
    /// - Parameters:
    ///   - percent: The percentage, 0–100.
    ///   - value: The value, `nil` when the zone has no values.
    public init(percent: Double, value: Double?) {
        self.percent = percent
        self.value = value
    }
}

/// The statistics of one zone, in the raster's unit (°C for LST), exactextract's conventions: sums,
/// means, variances and quantiles weighted by coverage; minimum and maximum unweighted.
public struct ZoneStatistics: Sendable, Hashable {
    /// The zone's id.
    public var id: String
    /// The zone's name.
    public var name: String
    /// Σ coverage over cells with values (a cell count for the centre and all-touched rules).
    public var count: Double
    /// Σ coverage × value.
    public var sum: Double
    /// Weighted mean, `nil` without values.
    public var mean: Double?
    /// Smallest covered value.
    public var minimum: Double?
    /// Largest covered value.
    public var maximum: Double?
    /// Weighted population variance.
    public var variance: Double?
    /// Weighted population standard deviation.
    public var standardDeviation: Double?
    /// Weighted median (the `WeightedQuantiles` definition of HeatIslandKernels), when quantiles were computed.
    public var median: Double?
    /// Requested percentiles, in the order asked.
    public var percentiles: [Percentile]
    /// Covered cells with a value.
    public var validCells: Int
    /// Covered cells without a value (NaN: clouds, fill …).
    public var missingCells: Int
    /// Covered area in m², valid or not. On a geographic raster each cell's ground area is taken at
    /// the zone's centroid latitude on the CRS's ellipsoid (within 0.1 % for zones under 5° tall);
    /// on a projection whose scale is more than 0.1 % from true at the raster's centre (Web
    /// Mercator) it is measured on the WGS 84 ellipsoid at the zone's centroid too; otherwise it is
    /// the grid's planar area.
    public var coveredArea: Double
    /// Share of the zone that has values: the share of its counted cells with a value (weighted by
    /// coverage under the exact rule), times the share of its area inside the raster, so that cells
    /// without data and parts of the zone off the raster both count as missing, under every rule.
    /// `nil` for a zone without area.
    public var validFraction: Double?

    /// `true` when the zone covers no cell of the raster.
    public var missesRaster: Bool { validCells == 0 && missingCells == 0 }

    /// Statistics computed elsewhere (another tool, a test), for the reports and indicators that
    /// take them: ``UHIReport``, ``ZonalTable``, ``DistrictReport``.
    /// - Parameters:
    ///   - id: The zone's id.
    ///   - name: The zone's name.
    ///   - count: Σ coverage over cells with values.
    ///   - sum: Σ coverage × value.
    ///   - mean: Weighted mean.
    ///   - minimum: Smallest covered value.
    ///   - maximum: Largest covered value.
    ///   - variance: Weighted population variance (its square root becomes the standard deviation).
    ///   - median: Weighted median.
    ///   - percentiles: Further percentiles.
    ///   - validCells: Covered cells with a value.
    ///   - missingCells: Covered cells without one.
    ///   - coveredArea: Covered area in m².
    ///   - validFraction: Share of the zone's area with values.
    public init(
        id: String, name: String, count: Double, sum: Double, mean: Double?, minimum: Double?, maximum: Double?,
        variance: Double?, median: Double? = nil, percentiles: [Percentile] = [], validCells: Int, missingCells: Int = 0,
        coveredArea: Double, validFraction: Double?
    ) {
        (self.id, self.name, self.count, self.sum, self.mean, self.minimum, self.maximum) = (id, name, count, sum, mean, minimum, maximum)
        (self.variance, self.standardDeviation, self.median, self.percentiles) = (variance, variance.map { $0.squareRoot() }, median, percentiles)
        (self.validCells, self.missingCells, self.coveredArea, self.validFraction) = (validCells, missingCells, coveredArea, validFraction)
    }

    /// - Parameters:
    ///   - q: The median then each percentile's value, or empty when quantiles were not computed.
    ///   - groundCellArea: A cell's area in m² where the zone lies.
    ///   - extent: The raster's corners in the CRS of the zone's geometry.
    init(zone: Zone, statistics s: ZonalAccumulator, quantiles q: [Double?], percentiles: [Double], groundCellArea: Double,
         extent: (lower: SIMD2<Double>, upper: SIMD2<Double>)) {
        id = zone.id
        name = zone.name
        count = s.weight
        sum = s.sum
        mean = s.mean
        minimum = s.validCells > 0 ? Double(s.minimum) : nil
        maximum = s.validCells > 0 ? Double(s.maximum) : nil
        variance = s.variance
        standardDeviation = s.standardDeviation
        median = q.first ?? nil
        self.percentiles = percentiles.enumerated().map {
            Percentile(percent: $0.element, value: q.count > $0.offset + 1 ? q[$0.offset + 1] : nil)
        }
        validCells = s.validCells
        missingCells = s.missingCells
        coveredArea = s.coveredWeight * groundCellArea
        let area = zone.geometry.area
        // Most zones lie wholly on the raster: only those crossing its edge are clipped.
        let bounds = zone.geometry.bounds
        let whollyInside = bounds.map { all($0.min .>= extent.lower) && all($0.max .<= extent.upper) } ?? false
        let inside = area > 0 ? (whollyInside ? 1 : min(1, zone.geometry.area(inside: extent.lower, extent.upper) / area)) : 0
        validFraction = area > 0 ? (s.validFraction ?? 0) * inside : nil
    }
}
