import Foundation
import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// District Gi* against PySAL esda (`Fixtures/reference/hotspot_reference.py`), cell hotspots and
/// UHI indicators on hand-made rasters.
struct DistrictHotspotTests {
    @Test(arguments: ["queen", "rook", "distance2500"])
    func giStarEqualsEsda(_ key: String) throws {
        let reference = try Fixtures.referenceJSON("hotspot_reference.json")
        let values = try #require(reference["values"] as? [Double])
        let expected = try #require((reference[key] as? [String: Any])?["z"] as? [Double])
        let neighbours = try #require((reference[key] as? [String: Any])?["neighbours"] as? [[Int]])
        let zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg")).zones
        let weights: DistrictWeights = key == "queen" ? .queen() : key == "rook" ? .rook() : .distance(2500)
        #expect(weights.weights(for: zones).neighbours == neighbours)
        let result = try DistrictHotspots.compute(zones: zones, values: values, weights: weights)
        #expect(result.count == 26 && expected.count == 26)
        for (ours, theirs) in zip(result, expected) {
            #expect(abs(ours.z - theirs) < 1e-9, "\(ours.name): \(ours.z) vs \(theirs)")
        }
    }

    /// Classes under the false-discovery rate: esda's Benjamini–Hochberg cut-offs over all 26
    /// districts (under queen weights they leave 5 of the 11 districts significant at 90 % without it).
    @Test(arguments: ["queen", "rook", "distance2500"])
    func fdrClassesEqualEsdas(_ key: String) throws {
        let reference = try Fixtures.referenceJSON("hotspot_reference.json")
        let values = try #require(reference["values"] as? [Double])
        let expected = try #require((reference[key] as? [String: Any])?["fdrClass"] as? [Int])
        let zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg")).zones
        let weights: DistrictWeights = key == "queen" ? .queen() : key == "rook" ? .rook() : .distance(2500)
        let result = try DistrictHotspots.compute(zones: zones, values: values, weights: weights, fdr: true)
        #expect(result.map { Int($0.confidenceClass) } == expected)
    }

    /// The form that takes the districts as read and their statistics: statistics of other zones or
    /// in another order would give each district another's value, so they are refused, naming the file.
    @Test func statisticsOutOfOrderAreRefused() throws {
        let scene = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        let path = Fixtures.path("kranj/districts.gpkg")
        let districts = try ZoneSet.load(path: path, reprojectTo: scene.raster.spatialReference)
        let stats = try ZonalStatisticsRunner.compute(scene: scene, zones: districts)
        #expect(throws: HeatIslandError.invalidArgument("the 26 statistics are not those of the 26 districts of \(path), in the same order")) {
            try DistrictHotspots.compute(districts: districts, statistics: stats.reversed(), weights: .queen())
        }
        #expect(throws: HeatIslandError.invalidArgument("the 25 statistics are not those of the 26 districts of \(path), in the same order")) {
            try UHIReport.compute(scene: scene, zones: districts, statistics: Array(stats.dropLast()))
        }
    }

    @Test func centroidsMatchGeopandas() throws {
        let reference = try Fixtures.referenceJSON("hotspot_reference.json")
        let centroids = try #require(reference["centroids"] as? [[Double]])
        let zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg")).zones
        #expect(zones.count == 26 && centroids.count == 26)
        for (zone, c) in zip(zones, centroids) {
            let ours = try #require(zone.geometry.centroid)
            #expect(abs(ours.x - c[0]) < 1e-6 && abs(ours.y - c[1]) < 1e-6)
        }
    }

    @Test func weightSpecifications() {
        #expect(DistrictWeights("queen") == .queen() && DistrictWeights("knn:6") == .nearest(6))
        #expect(DistrictWeights("distance:1500") == .distance(1500))
        #expect(DistrictWeights("distance:-1") == nil && DistrictWeights("hexagon") == nil)
        #expect(DistrictWeights("Rook") == .rook() && DistrictWeights("idw:3000") == .inverseDistance(3000))
        #expect(DistrictWeights("idw:0") == nil && DistrictWeights("knn:0") == nil && DistrictWeights("knn:2.5") == nil && DistrictWeights("queen:1") == nil)
        // A tolerance other than the default shows in errors about the weights.
        #expect(DistrictWeights.queen(tolerance: -1).description == "queen (tolerance -1.0 m)" && DistrictWeights.rook().description == "rook")
        #expect([DistrictWeights.queen(), .rook(), .distance(1500), .nearest(6), .inverseDistance(3000)].map(\.description)
                == ["queen", "rook", "distance:1500.0", "knn:6", "idw:3000.0"])
    }
}

struct CellHotspotTests {
    /// A 40 × 30 grid of 30 m cells in EPSG:32633 with a hot 6 × 6 block on a 25 °C field with a ripple.
    func raster(crs: Int = 32633) throws -> GeoRaster {
        let values: [Float] = (0..<1200).map { i in
            let (x, y) = (i % 40, i / 40)
            return (20..<26).contains(x) && (10..<16).contains(y) ? 40 : 25 + Float((x * 7 + y * 3) % 5) * 0.2
        }
        return try GeoRaster(
            width: 40, height: 30,
            transform: GeoTransform(originX: 450000, pixelWidth: 30, rowRotation: 0, originY: 5120000, columnRotation: 0, pixelHeight: -30),
            spatialReference: SpatialReference(epsg: crs), values: values)
    }

    @Test func hotBlockIsAHotSpotAtNinetyNinePercent() throws {
        let map = try CellHotspots.compute(raster: try raster(), radius: .metres(90))
        // 90 m over 30 m cells = radius 3 cells, a 29-cell circle.
        #expect(map.neighbourhood.cellCount == 29)
        #expect(map.classes[12 * 40 + 22] == 3)   // inside the block
        #expect(map.classes[2 * 40 + 2] <= 0)      // far corner
        // Benjamini–Hochberg from its definition over the plain map's z-scores: at each level α,
        // the largest p₍ₖ₎ ≤ k·α/m over the m cells with a z, and the classes it gives.
        let fdr = try CellHotspots.compute(raster: try raster(), radius: .metres(90), fdr: true)
        let p = map.z.values.filter(\.isFinite).map { erfc(abs(Double($0)) / 2.0.squareRoot()) }.sorted()
        let critical = [0.10, 0.05, 0.01].map { alpha in
            p.indices.last { p[$0] <= Double($0 + 1) * alpha / Double(p.count) }.map { p[$0] } ?? 0
        }
        #expect(fdr.criticalPValues == critical)
        let classes = map.z.values.map { z -> Int8 in
            guard z.isFinite else { return 0 }
            let pz = erfc(abs(Double(z)) / 2.0.squareRoot())
            let level: Int8 = pz <= critical[2] ? 3 : pz <= critical[1] ? 2 : pz <= critical[0] ? 1 : 0
            return z < 0 ? -level : level
        }
        #expect(fdr.classes == classes)
        #expect(classes != map.classes && critical.allSatisfy { $0 > 0 }, "the case should change some classes, not all")
    }

    /// The Kranj scene's map at a few cells (centre, near a corner, beside clouds) against Gi*
    /// summed here from the formula over the decoded grid: 150 m on 30 m cells is the 5-cell
    /// radius, 81 cells; missing cells count in neither the sums nor n, X̄ and S.
    @Test func kranjMapEqualsTheFormulaAtNamedCells() throws {
        let scene = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        let map = try CellHotspots.compute(raster: scene.raster, radius: .metres(150))
        let (w, h, x) = (scene.raster.width, scene.raster.height, scene.raster.values)
        let valid = x.filter { !$0.isNaN }.map(Double.init)
        let n = Double(valid.count), mean = valid.reduce(0, +) / n
        let s = (valid.reduce(0) { $0 + $1 * $1 } / n - mean * mean).squareRoot()
        let cloudy = try #require(x.indices.first { x[$0].isNaN && $0 / w > 20 && $0 % w > 20 && $0 % w < w - 20 })
        for (r, c) in [(h / 2, w / 2), (3, 4), (h - 2, w - 6), (cloudy / w, cloudy % w + 2), (cloudy / w + 1, cloudy % w)] {
            var (sum, weight) = (0.0, 0.0)
            for dy in -5...5 {
                for dx in -5...5 where dx * dx + dy * dy <= 25 {
                    let (rr, cc) = (r + dy, c + dx)
                    guard (0..<h).contains(rr), (0..<w).contains(cc), !x[rr * w + cc].isNaN else { continue }
                    (sum, weight) = (sum + Double(x[rr * w + cc]), weight + 1)
                }
            }
            let expected = x[r * w + c].isNaN ? Double.nan : (sum - mean * weight) / (s * ((n * weight - weight * weight) / (n - 1)).squareRoot())
            let ours = Double(map.z.values[r * w + c])
            #expect(ours.isNaN == expected.isNaN && (ours.isNaN || abs(ours - expected) < 1e-4), "cell (\(r), \(c)): \(ours) vs \(expected)")
        }
    }

    @Test func writesZClassAndPBands() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("hotspots.tif")
        try CellHotspots.compute(raster: try raster(), radius: .cells(3)).write(to: path, includeP: true)
        let info = try ExternalTool.run("gdalinfo", ["-json", path])
        let bands = (try JSONSerialization.jsonObject(with: Data(info.output.utf8)) as? [String: Any])?["bands"] as? [[String: Any]] ?? []
        #expect(bands.map { $0["description"] as? String } == ["gi_z", "gi_class", "gi_p"])
    }

    @Test func badRadiiAreTypedErrors() throws {
        #expect { try CellHotspots.compute(raster: try raster(crs: 4326), radius: .metres(150)) } throws: { error in
            guard case .invalidArgument(let message) = error as? HeatIslandError else { return false }
            return message.contains("a radius in metres needs a projected raster")
        }
        #expect { try CellHotspots.compute(raster: try raster(), radius: .metres(10)) } throws: { error in
            guard case .invalidArgument(let message) = error as? HeatIslandError else { return false }
            return message.contains("is smaller than one cell")
        }
        #expect(HotspotRadius("150m") == .metres(150) && HotspotRadius("5px") == .cells(5) && HotspotRadius("x") == nil)
        #expect(HotspotRadius("1.5e2m") == .metres(150) && HotspotRadius(" 2.5PX ") == .cells(2.5))
        // A number without its unit is a guess either way; hexadecimal and negative radii are typos.
        for bad in ["150", "0x10px", "-5px", "nanpx", "infm", "px", "5 px", "150mm", "1e400m"] { #expect(HotspotRadius(bad) == nil, "\(bad)") }
    }

    /// 30 m cells rotated by 30°: the geotransform's first coefficient is 25.98 m, not the cell's
    /// size, so a radius in metres cannot be turned into cells from it. Refused; cells still work.
    @Test func metresOnARotatedGridAreRefused() throws {
        let (c, s) = (30 * cos(Double.pi / 6), 30 * sin(Double.pi / 6))
        var rotated = try raster()
        rotated.transform = GeoTransform(originX: 450000, pixelWidth: c, rowRotation: -s, originY: 5120000, columnRotation: s, pixelHeight: -c)
        #expect { try CellHotspots.compute(raster: rotated, radius: .metres(150)) } throws: { error in
            guard case .invalidArgument(let message) = error as? HeatIslandError else { return false }
            return message.contains("the grid is rotated")
        }
        #expect(try CellHotspots.compute(raster: rotated, radius: .cells(3)).classes.count == 1200)
    }

    /// One row of 30 cells, ten valid (columns 0–9), radius 5 cells: cells 4 and 5 reach all ten
    /// valid cells (columns −1…9 and 0…10), so their Gi* is 0/0 and they have no z; the other eight
    /// do. With the valid cells all within reach of each other, no cell has a z: an error.
    @Test func cellsWhoseNeighbourhoodHoldsEveryValidCellHaveNoZ() throws {
        let grid = GeoTransform(originX: 450000, pixelWidth: 30, rowRotation: 0, originY: 5120000, columnRotation: 0, pixelHeight: -30)
        let values: [Float] = (0..<30).map { $0 < 10 ? 20 + Float($0 % 4) : .nan }
        let row = try GeoRaster(width: 30, height: 1, transform: grid, spatialReference: SpatialReference(epsg: 32633), values: values)
        let map = try CellHotspots.compute(raster: row, radius: .cells(5))
        #expect(map.undefinedCells == 2)
        #expect(map.z.values[4].isNaN && map.z.values[5].isNaN && map.z.values[3].isFinite && map.z.values[6].isFinite)
        #expect { try CellHotspots.compute(raster: row, radius: .cells(9)) } throws: { error in
            guard case .invalidArgument(let message) = error as? HeatIslandError else { return false }
            return message.contains("no cell has a Gi* z")
        }
    }
}

struct UHIIndicatorTests {
    @Test func intensityAgainstARingByHand() throws {
        // 10 × 10 cells of 10 m: a 4 × 4 district at 30 °C (cells 3–6) inside a 20 °C field, with
        // one 40 °C cell in the district. A 10 m ring reaches the 16 cells beside the district's edges
        // (corner cells are √2 cells away, beyond a 1-cell circle), all 20 °C.
        var values = [Float](repeating: 20, count: 100)
        for y in 3...6 { for x in 3...6 { values[y * 10 + x] = 30 } }
        values[4 * 10 + 4] = 40
        let grid = GeoTransform(originX: 0, pixelWidth: 10, rowRotation: 0, originY: 100, columnRotation: 0, pixelHeight: -10)
        let raster = try GeoRaster(width: 10, height: 10, transform: grid, spatialReference: SpatialReference(epsg: 3794), values: values)
        let square = MultiPolygon([Polygon(exterior: Ring([SIMD2(30, 30), SIMD2(70, 30), SIMD2(70, 70), SIMD2(30, 70)]))])
        let zone = Zone(id: "1", name: "centre", geometry: square)
        let stats = try ZonalStatisticsRunner.compute(raster: raster, zones: [zone])
        var options = UHIOptions()
        options.reference = .ring(metres: 10)
        options.hotCelsius = 35
        let report = try UHIReport.compute(raster: raster, zones: [zone], statistics: stats, options: options)
        // District mean (15·30 + 40)/16 = 30.625; ring of 16 cells at 20 °C → intensity 10.625.
        #expect(report.referenceCells == 16 && report.referenceMeanCelsius == 20)
        #expect(abs((report.districts[0].intensity ?? 0) - 10.625) < 1e-9)
        // One cell of 16 is above 35 °C.
        #expect(report.districts[0].hotShareAbsolute == 1.0 / 16)
        // City = the district: UTFVI of its own mean is 0 → "good" (0 ≤ UTFVI < 0.005).
        #expect(report.districts[0].utfviClass == .good)
        // Statistics of other zones (or none), and thresholds that are not numbers, are refused.
        let other = try ZonalStatisticsRunner.compute(raster: raster, zones: [Zone(id: "2", name: "other", geometry: square)])
        for wrong in [other, [], stats + stats] {
            #expect(throws: HeatIslandError.self) { try UHIReport.compute(raster: raster, zones: [zone], statistics: wrong, options: options) }
        }
        for change in [{ (o: inout UHIOptions) in o.hotSigma = .nan }, { $0.hotCelsius = .infinity }, { $0.excludeReferenceBelowCelsius = .nan }] {
            var bad = options
            change(&bad)
            #expect(performing: { try UHIReport.compute(raster: raster, zones: [zone], statistics: stats, options: bad) },
                    throws: { "\($0)".contains("must be a finite number") })
        }
    }

    @Test func utfviClasses() {
        #expect(UTFVIClass(-0.001) == .excellent && UTFVIClass(0.004) == .good && UTFVIClass(0.012) == .bad && UTFVIClass(0.03) == .worst)
        // Each bound of the six-class scale belongs to the class above it: 0, 0.005 … 0.020.
        #expect([0, 0.005, 0.010, 0.015, 0.020].map { UTFVIClass($0) } == [.good, .normal, .bad, .worse, .worst])
        #expect([0.0049, 0.0099, 0.0149, 0.0199].map { UTFVIClass($0) } == [.good, .normal, .bad, .worse])
        #expect(UTFVIClass(.nan) == nil)
    }

    /// The 10 × 10 field of 10 m cells above, 20 °C, with the given district square.
    static func field(_ values: [Float]) throws -> GeoRaster {
        let grid = GeoTransform(originX: 0, pixelWidth: 10, rowRotation: 0, originY: 100, columnRotation: 0, pixelHeight: -10)
        return try GeoRaster(width: 10, height: 10, transform: grid, spatialReference: SpatialReference(epsg: 3794), values: values)
    }

    static func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Zone {
        Zone(id: "1", name: "d", geometry: MultiPolygon([Polygon(exterior: Ring([SIMD2(x0, y0), SIMD2(x1, y0), SIMD2(x1, y1), SIMD2(x0, y1)]))]))
    }

    /// A district of 6 m × 6 m around a cell corner covers parts of four cells and no cell centre: it
    /// has a mean, but the city (cells whose centres lie in a district) has no cell, so its mean,
    /// spread and UTFVI are undefined. That is an error, not "nan" and a UTFVI class of "worst".
    @Test func aCityWithoutCellsIsAnError() throws {
        let raster = try Self.field([Float](repeating: 20, count: 100))
        let zone = Self.square(47, 47, 53, 53)
        let stats = try ZonalStatisticsRunner.compute(raster: raster, zones: [zone])
        #expect(stats[0].mean == 20)
        var options = UHIOptions()
        options.reference = .ring(metres: 10)
        #expect {
            try UHIReport.compute(raster: raster, zones: [zone], statistics: stats, options: options)
        } throws: { error in
            guard case .noValidPixels(_, let detail) = error as? HeatIslandError else { return false }
            return detail.contains("no cell whose centre lies in a district")
        }
    }

    /// A floor between two Float values: 24.991875 °C is stored as the Float just below the Double
    /// floor given, so the cell is colder than the floor and must be left out; compared in Float the
    /// floor rounded down onto the cell's value and kept it.
    @Test func theReferenceFloorIsComparedInDouble() throws {
        let cold = Float(24.991875)
        let floor = Double(cold).nextUp
        #expect(Double(Float(floor)) == Double(cold))  // the case: in Float the floor equals the cell
        var values = [Float](repeating: 30, count: 100)
        values[0] = cold
        let raster = try Self.field(values)
        let zone = Self.square(30, 30, 70, 70)
        let stats = try ZonalStatisticsRunner.compute(raster: raster, zones: [zone])
        var options = UHIOptions()
        options.reference = .polygon(MultiPolygon([Self.square(0, 0, 100, 100).geometry.polygons[0]]))
        options.excludeReferenceBelowCelsius = floor
        let report = try UHIReport.compute(raster: raster, zones: [zone], statistics: stats, options: options)
        // 100 cells, 16 in the district, 1 below the floor: 83 reference cells, all at 30 °C.
        #expect(report.referenceCells == 83 && report.referenceMeanCelsius == 30)
    }
}

/// Local Moran's I against esda's Moran_Local (row-standardised weights; analytical EI and VI).
struct LocalMoranTests {
    @Test(arguments: ["queen", "rook", "distance2500"])
    func matchesEsda(_ key: String) throws {
        let reference = try Fixtures.referenceJSON("hotspot_reference.json")
        let values = try #require(reference["values"] as? [Double])
        let ref = try #require(reference[key] as? [String: Any])
        let neighbours = try #require(ref["neighbours"] as? [[Int]])
        let moran = LocalMoran(values, weights: SpatialWeights(neighbours: neighbours))
        let (i, ei, vi) = (ref["moranI"] as? [Double] ?? [], ref["moranEI"] as? [Double] ?? [], ref["moranVI"] as? [Double] ?? [])
        let quadrant = ref["moranQuadrant"] as? [Int] ?? []
        // esda quadrants: 1 HH, 2 LH, 3 LL, 4 HL.
        let labels: [Int: LocalMoran.Label] = [1: .highHigh, 2: .lowHigh, 3: .lowLow, 4: .highLow]
        // Islands (no neighbour within the band) get NaN here; esda reports I = 0 for them.
        for u in values.indices where !neighbours[u].isEmpty {
            #expect(abs(moran.i[u] - i[u]) < 1e-9, "I of unit \(u)")
            #expect(abs(moran.expected[u] - ei[u]) < 1e-12, "E[I] of unit \(u)")
            #expect(abs(moran.variance[u] - vi[u]) < 1e-9, "Var[I] of unit \(u)")
            #expect(moran.labels[u] == labels[quadrant[u]], "label of unit \(u)")
            // The analytical z from esda's moments.
            #expect(abs(moran.z[u] - (i[u] - ei[u]) / vi[u].squareRoot()) < 1e-9, "z of unit \(u)")
        }
    }

    /// Also in units of 1e100 and 1e-300, where the fourth powers of the kurtosis term overflowed
    /// or underflowed.
    @Test(arguments: [1, 1e100, 1e-300])
    func lineByHand(unit: Double) {
        // Values 1, 2, 3, 4, 10 on a line. X̄ = 4, z = −3, −2, −1, 0, 6, m₂ = (9+4+1+0+36)/4 = 12.5.
        // Unit 4 (z = 6) has one neighbour (z = 0): I = 0. Unit 0 (z = −3) with unit 1 (z = −2):
        // I = −3/12.5 · −2 = 0.48, a low-low unit. Unit 2 (z = −1) with units 1 and 3:
        // lag = (−2 + 0)/2 = −1, I = −1/12.5 · −1 = 0.08.
        let m = LocalMoran([1, 2, 3, 4, 10].map { $0 * unit }, weights: SpatialWeights(neighbours: [[1], [0, 2], [1, 3], [2, 4], [3]]))
        #expect(abs(m.i[0] - 0.48) < 1e-12 && abs(m.i[2] - 0.08) < 1e-12 && abs(m.i[4]) < 1e-12)
        #expect(m.labels[0] == .lowLow && m.expected[0] == -0.25)
        // b₂ = (81+16+1+0+1296)/5 / (50/5)² = 2.788: Var[I₀] with w₀₍₂₎ = 1, w₀₍kh₎ = 0 is
        // (5 − 2.788)/4 − 1/16 = 0.49050 whatever the unit.
        #expect(abs(m.variance[0] - (0.553 - 0.0625)) < 1e-12)
    }
}

/// Districts without a value, equal values and neighbourhoods of everyone.
struct DistrictEdgeCaseTests {
    static func kranj() throws -> (zones: [Zone], values: [Double]) {
        let reference = try Fixtures.referenceJSON("hotspot_reference.json")
        return (try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg")).zones, try #require(reference["values"] as? [Double]))
    }

    /// No two of Kranj's district centroids are within 100 m of each other (the nearest pair of
    /// hotspot_reference.json's centroids, from geopandas, are 401 m apart), so at 100 m every
    /// district is an island; weights that give no neighbourhood at all are refused before
    /// anything is built.
    @Test(arguments: [DistrictWeights.distance(100), .distance(0), .distance(.nan), .inverseDistance(-1),
                      .nearest(0), .queen(tolerance: -1), .rook(tolerance: .nan), .queen(tolerance: .infinity)])
    func weightsWithoutAnyNeighbourhoodAreRefused(_ weights: DistrictWeights) throws {
        let (zones, values) = try Self.kranj()
        #expect(performing: { try DistrictHotspots.compute(zones: zones, values: values, weights: weights) }, throws: { error in
            let text = "\(error)"
            return text.contains("give no neighbourhood") || text.contains("no district has a neighbour")
        })
    }

    @Test(arguments: ["knn:4", "idw:3000", "queen", "distance:2500"])
    func aDistrictWithoutAValueChangesNothingForTheOthers(_ spec: String) throws {
        // A fully clouded square 150 m from Center's centroid: not a neighbour of anyone, so it can
        // neither take a k-nearest slot nor shrink the inverse-distance scale d₀.
        let (zones, values) = try Self.kranj()
        let weights = try #require(DistrictWeights(spec))
        let c = try #require(zones.first { $0.name == "Center" }?.geometry.centroid)
        let square = Ring([SIMD2(c.x + 120, c.y + 90), SIMD2(c.x + 180, c.y + 90), SIMD2(c.x + 180, c.y + 150), SIMD2(c.x + 120, c.y + 150)])
        let clouded = Zone(id: "x", name: "clouded", geometry: MultiPolygon([Polygon(exterior: square)]))
        let alone = try DistrictHotspots.compute(zones: zones, values: values, weights: weights)
        let withIt = try DistrictHotspots.compute(zones: zones + [clouded], values: values + [.nan], weights: weights)
        #expect(withIt.prefix(zones.count).map(\.z) == alone.map(\.z))
        #expect(withIt.last?.testedClass == nil)
        // A district without area, with a value: no centroid, so it is not placed at (0, 0) and
        // tested, but left out as the clouded one is.
        let empty = Zone(id: "e", name: "empty", geometry: MultiPolygon([]))
        let withEmpty = try DistrictHotspots.compute(zones: zones + [empty], values: values + [35], weights: weights)
        #expect(withEmpty.prefix(zones.count).map(\.z) == alone.map(\.z))
        #expect(withEmpty.last?.testedClass == nil)
    }

    /// Equal values have no spread (S = 0): no district has a z, which is an error rather than a
    /// table of blanks that reads like "nothing significant".
    @Test func equalValuesAreAnError() throws {
        let (zones, values) = try Self.kranj()
        var options = DistrictHotspotOptions()
        (options.moran, options.permutations) = (true, 99)
        #expect {
            try DistrictHotspots.compute(zones: zones, values: values.map { _ in 30.1 }, weights: .queen(), options: options)
        } throws: { "\($0)".contains("no district has a Gi* z") && "\($0)".contains("same value") }
    }

    /// Under a 9900 m band one Kranj district neighbours every other (its farthest centroid is
    /// 9547 m away, the next district's 10 207 m, by SQLite's ST_Centroid): its Gi* z, Moran z and both
    /// pseudo p-values are blank (every permutation would draw the same set), while its Iᵢ stays.
    @Test func aDistrictNeighbouringEveryOtherHasNoPseudoP() throws {
        let (zones, values) = try Self.kranj()
        var options = DistrictHotspotOptions()
        (options.moran, options.permutations) = (true, 99)
        let results = try DistrictHotspots.compute(zones: zones, values: values, weights: .distance(9900), options: options)
        let everyone = results.filter { $0.neighbourCount == zones.count - 1 }
        #expect(everyone.count == 1)
        #expect(everyone.allSatisfy { $0.z.isNaN && $0.pseudoP == nil && ($0.moran?.z.isNaN ?? false) && (($0.moran?.pseudoP ?? nil)?.isNaN ?? false) && ($0.moran?.i.isFinite ?? false) })
        #expect(results.filter { $0.neighbourCount! < zones.count - 1 }.allSatisfy { $0.z.isFinite && (($0.moran?.pseudoP ?? nil)?.isFinite ?? false) && ($0.moran?.p.isFinite ?? false) })
    }

    @Test func neighbourhoodsOfEveryoneAreRefused() throws {
        // 26 districts: the 25 nearest of each are all the others.
        let (zones, values) = try Self.kranj()
        #expect { try DistrictHotspots.compute(zones: zones, values: values, weights: .nearest(25)) } throws: { "\($0)".contains("every district is a neighbour") }
        #expect(try DistrictHotspots.compute(zones: zones, values: values, weights: .nearest(24)).contains { $0.z.isFinite })
    }
}

/// Values the command line's parsers refuse but the library's cases let a caller build: each
/// silently gave another neighbourhood, reference or weighting before.
struct NonsenseArgumentTests {
    @Test(arguments: [HotspotRadius.metres(-150), .cells(-1), .cells(.nan), .metres(.infinity)])
    func aRadiusMustBePositiveAndFinite(radius: HotspotRadius) throws {
        let (raster, _, _) = try RuralReferenceTests.smallScene()
        let text = thrownText { _ = try CellHotspots.compute(raster: raster, radius: radius) }
        #expect(text.contains("must be a positive, finite length"), "\(text)")
    }

    @Test func aMemoryLimitMustBePositive() {
        var options = LSTLoadOptions()
        options.memoryLimitBytes = -1
        let text = thrownText { _ = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"), options: options) }
        #expect(text == "the memory limit must be a positive number of bytes, got -1", "\(text)")
    }

    @Test(arguments: [-2000.0, 0, .infinity])
    func aRingMustHaveAPositiveFiniteWidth(width: Double) throws {
        let (raster, district, stats) = try RuralReferenceTests.smallScene()
        var options = UHIOptions()
        options.reference = .ring(metres: width)
        let text = thrownText { _ = try UHIReport.compute(raster: raster, zones: [district], statistics: stats, options: options) }
        #expect(text.contains("the width must be a positive, finite number of metres"), "\(text)")
    }

    /// The Kranj districts as GeoJSON are in longitude and latitude; given to district Gi* without
    /// `inMetres()`, their 1 cm tolerance became 0.01°, and 7 of 26 districts changed class.
    @Test func districtsInDegreesAreRefused() throws {
        let zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.geojson"))
        #expect(zones.spatialReference.isGeographic)
        let values = zones.zones.indices.map { Double($0 % 5) }
        let text = thrownText { _ = try DistrictHotspots.compute(zones: zones.zones, values: values, weights: .queen()) }
        #expect(text.contains("look like longitudes and latitudes"), "\(text)")
        #expect(try DistrictHotspots.compute(zones: zones.inMetres().zones, values: values, weights: .queen()).count == 26)
    }
}
