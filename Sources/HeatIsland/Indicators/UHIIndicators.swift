import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// Where the rural reference temperature for surface UHI intensity comes from.
public enum RuralReference: Sendable, Hashable {
    /// A ring of this many metres around the union of the districts (outside them).
    case ring(metres: Double)
    /// Polygons given by the caller, in the raster's CRS (for example the neighbouring
    /// municipalities): the cells whose centres lie in any of them (their union, even where they
    /// overlap), except cells whose centres lie in a district. From a file:
    /// `.polygon(try ZoneSet.load(path: "neighbours.gpkg", reprojectTo: scene.raster.spatialReference).polygons)`.
    case polygon(MultiPolygon)
}

/// Choices for the UHI indicators.
public struct UHIOptions: Sendable, Hashable {
    /// The rural reference (default: a 2 km ring around the districts).
    public var reference: RuralReference = .ring(metres: 2000)
    /// Leave reference cells colder than this out (water and its banks would cool the reference).
    public var excludeReferenceBelowCelsius: Double?
    /// What to call a ``RuralReference/polygon(_:)`` reference in reports (its file, say).
    public var referenceName = "the reference polygon"
    /// Hot area: above the city mean plus this many standard deviations.
    public var hotSigma: Double = 1
    /// Hot area: above this absolute temperature (°C).
    public var hotCelsius: Double = 35

    /// Default options.
    public init() {}

    /// The reference in words, for reports: "a 2 km ring around the districts",
    /// "neighbours.gpkg, district cells excluded", with any temperature floor.
    public var referenceDescription: String {
        func plain(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
        var text: String
        switch reference {
        case .ring(let metres):
            let width = metres >= 1000 && metres.truncatingRemainder(dividingBy: 100) == 0 ? "\(plain(metres / 1000)) km" : "\(plain(metres)) m"
            text = "a \(width) ring around the districts"
        case .polygon: text = "\(referenceName), district cells excluded"
        }
        if let floor = excludeReferenceBelowCelsius { text += ", cells below \(plain(floor)) °C left out" }
        return text
    }
}

/// The UHI indicators of one district.
public struct DistrictUHI: Sendable, Hashable {
    /// District id.
    public var id: String
    /// District name.
    public var name: String
    /// Coverage-weighted mean LST (°C).
    public var meanCelsius: Double?
    /// Surface UHI intensity: the district's mean minus the rural reference mean (K).
    public var intensity: Double?
    /// Share of the district's valid area hotter than city mean + k·σ.
    public var hotShareRelative: Double?
    /// Share of the district's valid area hotter than the absolute threshold.
    public var hotShareAbsolute: Double?
    /// Urban thermal field variance index of the district mean, (T − T_city)/T with T in kelvin.
    public var utfvi: Double?
    /// The UTFVI ecological-evaluation class.
    public var utfviClass: UTFVIClass?
}

/// The six-class ecological evaluation of the urban thermal field variance index (Zhang et al.
/// 2006; Liu & Zhang 2011): UHI phenomenon none … strongest.
public enum UTFVIClass: String, Sendable, Hashable, CaseIterable {
    /// UTFVI < 0: no UHI, excellent.
    case excellent
    /// 0 – 0.005: weak UHI, good.
    case good
    /// 0.005 – 0.010: middle UHI, normal.
    case normal
    /// 0.010 – 0.015: strong UHI, bad.
    case bad
    /// 0.015 – 0.020: stronger UHI, worse.
    case worse
    /// ≥ 0.020: strongest UHI, worst.
    case worst

    /// The class of a UTFVI value; `nil` for NaN (a district or city without a temperature).
    public init?(_ utfvi: Double) {
        guard !utfvi.isNaN else { return nil }
        switch utfvi {
        case ..<0: self = .excellent
        case ..<0.005: self = .good
        case ..<0.010: self = .normal
        case ..<0.015: self = .bad
        case ..<0.020: self = .worse
        default: self = .worst
        }
    }
}

/// City-wide and per-district urban-heat-island indicators.
public struct UHIReport: Sendable, Hashable {
    /// Mean LST of the rural reference cells (°C).
    public var referenceMeanCelsius: Double
    /// Number of valid reference cells (at or above the floor), the reference mean's cells.
    public var referenceCells: Int { referenceCoverage.usedCells }
    /// How much of the reference the raster holds and how much of that had a value.
    public var referenceCoverage: ReferenceCoverage
    /// Number of valid cells whose centre lies in a district (the city mean's cells).
    public var cityCells: Int
    /// Mean LST over the districts' cells (°C).
    public var cityMeanCelsius: Double
    /// Standard deviation over the districts' cells (K).
    public var cityStandardDeviation: Double
    /// City mean minus reference mean (K).
    public var cityIntensity: Double
    /// Per district, in zone order.
    public var districts: [DistrictUHI]
    /// The reference in words, for reports: "a 2 km ring around the districts", "Neighbours.gpkg
    /// (district cells excluded)", with any temperature floor.
    public var referenceDescription: String
    /// The absolute hot-area threshold used (°C), ``UHIOptions/hotCelsius``.
    public var hotCelsius: Double
    /// The relative hot-area threshold used, in city standard deviations, ``UHIOptions/hotSigma``.
    public var hotSigma: Double
    /// The relative hot-area threshold in °C: the city mean plus ``hotSigma`` standard deviations.
    public var hotRelativeCelsius: Double

    /// Computes the indicators for a decoded scene and districts read from a file, whose errors
    /// name both files.
    /// - Parameters:
    ///   - scene: The decoded scene.
    ///   - zones: The districts, in the scene's CRS.
    ///   - statistics: Their zonal statistics (for the means), in the same order.
    ///   - options: Reference and thresholds.
    /// - Throws: As ``compute(raster:zones:statistics:options:)-9y9db``, naming `scene.path` and `zones.path`.
    public static func compute(scene: LSTScene, zones: ZoneSet, statistics: [ZoneStatistics], options: UHIOptions = UHIOptions()) throws(HeatIslandError) -> UHIReport {
        try compute(raster: scene.raster, zones: zones.zones, statistics: statistics, options: options, names: (scene.path, zones.path))
    }

    /// Computes the indicators.
    /// - Parameters:
    ///   - raster: LST in °C.
    ///   - zones: Districts in the raster's CRS.
    ///   - statistics: Their zonal statistics (for the means), in the same order.
    ///   - options: Reference and thresholds.
    /// - Throws: ``HeatIslandError/noValidPixels(path:detail:)`` when no cell centre in the
    ///   districts has a value; ``HeatIslandError/invalidArgument(_:)`` when the reference has no
    ///   valid cell, saying why (no cell, all masked, all below the floor), when `statistics` are
    ///   not the districts' in their order, or when a threshold is not a finite number.
    public static func compute(raster: GeoRaster, zones: [Zone], statistics: [ZoneStatistics], options: UHIOptions = UHIOptions()) throws(HeatIslandError) -> UHIReport {
        try compute(raster: raster, zones: zones, statistics: statistics, options: options, names: ("the raster", nil))
    }

    static func compute(
        raster: GeoRaster, zones: [Zone], statistics: [ZoneStatistics], options: UHIOptions, names: (raster: String, zones: String?)
    ) throws(HeatIslandError) -> UHIReport {
        try ZoneStatistics.requirePaired(statistics, with: zones, file: names.zones)
        for (name, value) in [("hotSigma", options.hotSigma), ("hotCelsius", options.hotCelsius), ("excludeReferenceBelowCelsius", options.excludeReferenceBelowCelsius ?? 0)]
        where !value.isFinite {
            throw .invalidArgument("UHI option \(name) is \(value); it must be a finite number")
        }
        // A negative width measured a ring inside the districts' outline (described as "a -2000 m
        // ring"), an infinite one the whole raster.
        if case .ring(let width) = options.reference, !(width.isFinite && width > 0) {
            throw .invalidArgument("UHI option reference is a ring \(width) m wide; the width must be a positive, finite number of metres")
        }
        let (w, h) = (raster.width, raster.height)
        let masks = try ReferenceMask(raster: raster, zones: zones, reference: options.reference)
        // Compared in Double: a floor between two Float values must not take the colder one in.
        let floor = options.excludeReferenceBelowCelsius ?? -.infinity
        var refValues: [Float] = [], cityValues: [Float] = []
        var (onRaster, masked, belowFloor) = (0, 0, 0)
        for i in 0..<(w * h) {
            let v = raster.values[i]
            if masks.reference[i] {
                onRaster += 1
                if !v.isFinite { masked += 1 } else if Double(v) < floor { belowFloor += 1 } else { refValues.append(v) }
            }
            if masks.city[i] && v.isFinite { cityValues.append(v) }
        }
        let coverage = ReferenceCoverage(cellsOnRaster: onRaster, maskedCells: masked, belowFloorCells: belowFloor, shareOnRaster: masks.shareOnRaster(cellsOnRaster: onRaster))
        // District means weigh partly covered cells, so districts can have means while no cell
        // centre in them has a value; the city figures (and an empty default ring) come first.
        guard !cityValues.isEmpty else {
            throw .noValidPixels(path: names.raster, detail: "no cell whose centre lies in a district\(names.zones.map { " of \($0)" } ?? "") has a valid temperature (districts smaller than a cell, or clouded), so the city mean, its spread and UTFVI are undefined")
        }
        let ref = ValueSummary(refValues)
        guard let refMean = ref.mean else {
            let reason: String
            if onRaster == 0 {
                switch options.reference {
                case .ring: reason = "holds no cell of the raster outside the districts (a ring narrower than a cell, or districts covering the raster): widen the ring, or give reference polygons"
                case .polygon: reason = "holds no cell centre of the raster outside the districts: check that the polygons overlap the raster beside the districts, or use the default ring"
                }
            } else if masked == onRaster {
                reason = "has no valid temperature in any of its \(onRaster) cells on the raster (clouds, fill or out of range)"
            } else {
                reason = "has \(onRaster - masked) valid cells, all colder than the temperature floor: lower the floor"
            }
            throw .invalidArgument("\(names.raster): the rural reference (\(options.referenceDescription)) \(reason)")
        }
        let cityMoments = cityValues.withUnsafeBufferPointer { GlobalMoments($0) }
        let hotRelative = cityMoments.mean + options.hotSigma * cityMoments.standardDeviation
        var districts: [DistrictUHI] = []
        for (zone, stats) in zip(zones, statistics) {
            let shares = try hotShares(zone, raster: raster, thresholds: [hotRelative, options.hotCelsius])
            let utfvi = stats.mean.map { ($0 - cityMoments.mean) / ($0 + 273.15) }
            districts.append(DistrictUHI(
                id: stats.id, name: stats.name, meanCelsius: stats.mean, intensity: stats.mean.map { $0 - refMean },
                hotShareRelative: shares?[0], hotShareAbsolute: shares?[1], utfvi: utfvi, utfviClass: utfvi.flatMap(UTFVIClass.init)))
        }
        return UHIReport(
            referenceMeanCelsius: refMean, referenceCoverage: coverage, cityCells: cityValues.count,
            cityMeanCelsius: cityMoments.mean,
            cityStandardDeviation: cityMoments.standardDeviation, cityIntensity: cityMoments.mean - refMean, districts: districts,
            referenceDescription: options.referenceDescription, hotCelsius: options.hotCelsius, hotSigma: options.hotSigma,
            hotRelativeCelsius: hotRelative)
    }

    /// Coverage-weighted shares of a zone's valid area above each threshold (`nil` without valid cells).
    static func hotShares(_ zone: Zone, raster: GeoRaster, thresholds: [Double]) throws(HeatIslandError) -> [Double]? {
        let spans: CoverageSpans
        do {
            spans = try CoverageRasterizer.spans(
                for: zone.geometry, grid: raster.transform, width: raster.width, height: raster.height, rule: .exact)
        } catch { throw .invalidZones(path: "zone \(zone.id) (\(zone.name))", detail: error.description) }
        var valid = 0.0
        var above = [Double](repeating: 0, count: thresholds.count)
        for span in spans.spans {
            for (k, c) in (Int(span.start)..<Int(span.end)).enumerated() {
                let v = raster.values[Int(span.row) * raster.width + c]
                guard v.isFinite else { continue }
                let weight = span.isFull ? 1.0 : Double(spans.weights[Int(span.weightOffset) + k])
                valid += weight
                for (t, threshold) in thresholds.enumerated() where Double(v) > threshold { above[t] += weight }
            }
        }
        return valid > 0 ? above.map { $0 / valid } : nil
    }
}
