import HeatIslandKernels

/// A percentile of a zone's values.
public struct Percentile: Sendable, Hashable {
    /// The percentage, 0–100 (90 for the 90th percentile).
    public var percent: Double
    /// The value, `nil` when the zone has no values.
    public var value: Double?
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
    /// Weighted median (``WeightedQuantiles`` definition), when quantiles were computed.
    public var median: Double?
    /// Requested percentiles, in the order asked.
    public var percentiles: [Percentile]
    /// Covered cells with a value.
    public var validCells: Int
    /// Covered cells without a value (NaN: clouds, fill …).
    public var missingCells: Int
    /// Covered area in m², valid or not. On a geographic raster each cell's ground area is taken at
    /// the zone's centroid latitude on the CRS's ellipsoid (within 0.1 % for zones under 5° tall).
    public var coveredArea: Double
    /// Share of the zone's area that has values: cells without data and parts of the zone outside
    /// the raster both count as missing. At most 1 (all-touched cells can exceed the polygon's area).
    public var validFraction: Double?

    /// `true` when the zone covers no cell of the raster.
    public var missesRaster: Bool { validCells == 0 && missingCells == 0 }

    /// - Parameters:
    ///   - q: The median then each percentile's value, or empty when quantiles were not computed.
    ///   - cellArea: A cell's area in the CRS's units, as the zone's geometry measures it.
    ///   - groundCellArea: A cell's area in m² where the zone lies.
    init(zone: Zone, statistics s: ZonalAccumulator, quantiles q: [Double?], percentiles: [Double], cellArea: Double, groundCellArea: Double) {
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
        let zoneCells = zone.geometry.area / cellArea
        validFraction = zoneCells > 0 ? min(1, s.weight / zoneCells) : nil
    }
}
