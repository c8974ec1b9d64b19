import Foundation
import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Zonal statistics of the Kranj fixture against exactextract (exact rule) and GDAL's rasterizer
/// (centre rule), saved by `Fixtures/reference/zonal_reference.py`.
struct ZonalStatisticsTests {
    func kranj(_ options: ZonalOptions) throws -> ([Zone], [ZoneStatistics]) {
        let scene = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        let zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference)
        return (zones.zones, try ZonalStatisticsRunner.compute(raster: scene.raster, zones: zones.zones, options: options))
    }

    @Test func exactRuleMatchesExactextract() throws {
        var options = ZonalOptions()
        options.percentiles = [90, 95]
        try expectExactextract(try kranj(options).1)
    }

    @Test func streamingReadsTheRowsAnEdgeOnACellLineJustTouches() throws {
        // 21.3 × 37.9 m cells from (450 003.7, 110 011.1): the rectangle's top edge y = 97 390.4 lies
        // 6e-14 rows above the line between rows 332 and 333, its bottom edge 1e-13 rows below the line
        // between 1026 and 1027: both on the lines, written in decimals. The coverage kernel puts
        // them on the lines (GridPolygon.snapped), so all-touched takes rows 333…1026 (694 rows × 21
        // columns = 14 574 cells), as gdal_rasterize -at does; before, it took the rows beyond
        // them too, and a block cut to the zone's rows from the geotransform's inverse then left
        // those rows out when streaming.
        let dir = try TemporaryDirectory()
        var raster = HandMadeRaster(width: 130, height: 1100, values: .float32((0..<143_000).map { Float(290 + $0 / 130 % 20) }))
        (raster.unit, raster.srs, raster.geoTransform) = ("K", "EPSG:3794", "450003.7, 21.3, 0, 110011.1, 0, -37.9")
        let path = try raster.write(named: "edge.vrt", in: dir)
        let zones = dir.file("edge.geojson")
        try """
        {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3794"}},"features":[{"type":"Feature","properties":{"id":"e"},
         "geometry":{"type":"Polygon","coordinates":[[[452144.35000000003,71087.8],[452570.35000000003,71087.8],[452570.35000000003,97390.40000000001],[452144.35000000003,97390.40000000001],[452144.35000000003,71087.8]]]}}]}
        """.write(toFile: zones, atomically: true, encoding: .utf8)
        var options = ZonalOptions()
        options.rule = .allTouched
        let streamed = try ZonalStatisticsRunner.stream(path: path, loadOptions: LSTLoadOptions(product: .kelvin), zonesPath: zones, options: options, blockRows: 16, windowBytes: 0)
        #expect(streamed.statistics[0].count == 14_574)
        let scene = try LSTLoader.load(path: path, options: LSTLoadOptions(product: .kelvin))
        let loaded = try ZonalStatisticsRunner.compute(raster: scene.raster, zones: streamed.zones.zones, options: options)
        #expect(loaded == streamed.statistics)
    }

    /// A 4 × 4 °C raster of 1 m cells with its top-left cell missing, and a zone from (0.4, 0.4) to
    /// (3.6, 3.6): 10.24 m², touching all 16 cells and holding all 16 centres. 15 of the 16 counted
    /// cells have a value under both rules, so the valid fraction is 15/16, not 15 cells ÷ 10.24 m²
    /// capped at 1. Under the exact rule the missing cell is covered by 0.6 × 0.6: (10.24 − 0.36)/10.24.
    @Test func theValidFractionCountsMissingCellsUnderEveryRule() throws {
        let grid = GeoTransform(originX: 0, pixelWidth: 1, originY: 4, pixelHeight: -1)
        let raster = try GeoRaster(width: 4, height: 4, transform: grid, spatialReference: SpatialReference(epsg: 3794),
                                   values: (0..<16).map { $0 == 0 ? .nan : Float(20 + $0) })
        let square = Ring([SIMD2(0.4, 0.4), SIMD2(3.6, 0.4), SIMD2(3.6, 3.6), SIMD2(0.4, 3.6)])
        let zone = Zone(id: "z", name: "z", geometry: MultiPolygon([Polygon(exterior: square)]))
        for (rule, expected) in [(CoverageRule.allTouched, 15.0 / 16), (.center, 15.0 / 16), (.exact, 9.88 / 10.24)] {
            var options = ZonalOptions()
            options.rule = rule
            let row = try #require(try ZonalStatisticsRunner.compute(raster: raster, zones: [zone], options: options).first)
            // Coverage fractions are stored as Float: 1e-6 is their precision, far below 1/16.
            #expect(abs((row.validFraction ?? .nan) - expected) < 1e-6, "\(rule): \(String(describing: row.validFraction))")
        }
    }

    /// A raster whose west half is clouded. A zone there beside one in the east: streamed, as in
    /// memory, its row has no values and the run goes on. Alone, it is the same error both ways,
    /// instead of the streamed run calling the whole raster empty or answering with an empty row.
    @Test func zonesOverMaskedCellsOnlyAreRowsWithoutValues() throws {
        let dir = try TemporaryDirectory()
        var raster = HandMadeRaster(width: 20, height: 20, values: .float32((0..<400).map { $0 % 20 < 10 ? .nan : 25 }))
        (raster.unit, raster.srs, raster.geoTransform) = ("degC", "EPSG:3794", "450000, 30, 0, 100600, 0, -30")
        let path = try raster.write(named: "half.vrt", in: dir)
        let scene = try LSTLoader.load(path: path)
        func zones(_ squares: [(String, Double)]) throws -> String {
            let file = dir.file("zones-\(squares.count).geojson")
            let features = squares.map { id, x in
                "{\"type\":\"Feature\",\"properties\":{\"id\":\"\(id)\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[\(x),100030],[\(x + 210),100030],[\(x + 210),100570],[\(x),100570],[\(x),100030]]]}}"
            }
            try """
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3794"}},"features":[\(features.joined(separator: ","))]}
            """.write(toFile: file, atomically: true, encoding: .utf8)
            return file
        }
        let both = try zones([("w", 450030), ("e", 450330)])
        let streamed = try ZonalStatisticsRunner.stream(path: path, zonesPath: both)
        #expect(streamed.statistics.map(\.mean) == [nil, 25] && streamed.statistics[0].validFraction == 0)
        #expect(try ZonalStatisticsRunner.compute(raster: scene.raster, zones: streamed.zones.zones) == streamed.statistics)
        let west = try zones([("w", 450030)])
        let isNoValidPixels = { (error: any Error) in if case .noValidPixels = error as? HeatIslandError { true } else { false } }
        #expect(performing: { try ZonalStatisticsRunner.stream(path: path, zonesPath: west) }, throws: isNoValidPixels)
        let westZones = try ZoneSet.load(path: west, reprojectTo: scene.raster.spatialReference)
        #expect(performing: { try ZonalStatisticsRunner.compute(raster: scene.raster, zones: westZones.zones) }, throws: isNoValidPixels)
        // Zones without a file are "the zones"; from a file, the zones of that file.
        let inCode = #"the raster: no valid pixels: none of the 126 cells under the zones has a value (all masked or nodata)"#
        #expect(throws: HeatIslandError.noValidPixels(path: "the raster", detail: "none of the 126 cells under the zones has a value (all masked or nodata)")) {
            try ZonalStatisticsRunner.compute(raster: scene.raster, zones: westZones.zones)
        }
        #expect(HeatIslandError.noValidPixels(path: "the raster", detail: "none of the 126 cells under the zones has a value (all masked or nodata)").description == inCode)
        #expect(performing: { try ZonalStatisticsRunner.compute(scene: scene, zones: westZones) }, throws: {
            ($0 as? HeatIslandError)?.description.hasSuffix("under the zones of \(west) has a value (all masked or nodata)") == true
        })
    }

    /// Zones made in code are checked by no file reader: one without parts, with a NaN vertex or
    /// with a ring of two points lies "off the grid" by its bounds, and was reported as missing the
    /// raster (or, alone, as not overlapping it). Each is refused, named, as on the grid.
    @Test func unusableZonesMadeInCodeAreRefusedNotMissing() throws {
        let grid = GeoTransform(originX: 0, pixelWidth: 1, originY: 4, pixelHeight: -1)
        let raster = try GeoRaster(width: 4, height: 4, transform: grid, spatialReference: SpatialReference(epsg: 3794),
                                   values: (0..<16).map { Float(20 + $0) })
        let good = Zone(id: "g", name: "good", geometry: MultiPolygon([Polygon(exterior: Ring([SIMD2(0, 0), SIMD2(2, 0), SIMD2(2, 2)]))]))
        let bad: [(MultiPolygon, String)] = [
            (MultiPolygon([]), "the geometry is empty"),
            (MultiPolygon([Polygon(exterior: Ring([SIMD2(.nan, 0), SIMD2(1, 0), SIMD2(1, 1)]))]), "a polygon vertex is NaN or infinite"),
            (MultiPolygon([Polygon(exterior: Ring([SIMD2(0, 0), SIMD2(1, 0)]))]), "a polygon ring has only 2 distinct vertices"),
        ]
        for (geometry, detail) in bad {
            for zones in [[good, Zone(id: "b", name: "bad", geometry: geometry)], [Zone(id: "b", name: "bad", geometry: geometry)]] {
                #expect(throws: HeatIslandError.invalidZones(path: "zone b (bad)", detail: detail)) {
                    try ZonalStatisticsRunner.compute(raster: raster, zones: zones)
                }
            }
        }
    }

    /// A percentile outside 0–100 was clamped to the minimum or maximum and reported under the name
    /// asked; a NaN one also disturbed the others. Both forms refuse them.
    @Test(arguments: [150, -10, .nan, .infinity] as [Double])
    func percentilesOutsideZeroToHundredAreRefused(_ bad: Double) throws {
        var options = ZonalOptions()
        options.percentiles = [90, bad]
        let scene = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        let zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference)
        let refused: (any Error) -> Bool = { "\($0)".contains("ZonalOptions.percentiles: percentile \(bad) is not between 0 and 100") }
        #expect(performing: { try ZonalStatisticsRunner.compute(scene: scene, zones: zones, options: options) }, throws: refused)
        #expect(performing: {
            try ZonalStatisticsRunner.stream(path: scene.path, zonesPath: zones.path, options: options)
        }, throws: refused)
    }

    @Test func streamingBlockRowsGiveTheSameFigures() throws {
        var options = ZonalOptions()
        options.percentiles = [90, 95]
        // The fixture's 256-row tiles make three blocks; zones straddle block boundaries.
        let streamed = try ZonalStatisticsRunner.stream(
            path: Fixtures.kranjLandsat("ST_B10.TIF"), zonesPath: Fixtures.path("kranj/districts.gpkg"),
            options: options, blockRows: 1, windowBytes: 0)
        // Only the part of the 667 × 667 scene that the districts reach is read (lst_reference.json: 423 026 valid in all).
        #expect(streamed.maskCounts.valid > 0 && streamed.maskCounts.valid < 423026)
        try expectExactextract(streamed.statistics)
    }

    /// Issue 3 asks for results independent of the block size. Streamed block row by block row,
    /// 7 rows at a time, or whole, every district's figures are the in-memory ones to the last bit,
    /// under every rule: blocks split most districts, and a zone's SIMD lanes and its boundary
    /// cells' sums carry over from block to block instead of being folded at each block's end
    /// (which moved counts, sums and variances by about 2e-16 relative). Quantiles are selected from
    /// the cells in whatever order the blocks leave them, so their weight sums may round apart by a
    /// unit of the last place or so: they are compared to 1e-13 relative.
    @Test(arguments: [CoverageRule.exact, .center, .allTouched])
    func streamedFiguresAreTheInMemoryOnesWhateverTheBlockSize(_ rule: CoverageRule) throws {
        var options = ZonalOptions()
        (options.rule, options.percentiles) = (rule, [90])
        let path = Fixtures.kranjLandsat("ST_B10.TIF")
        let scene = try LSTLoader.load(path: path)
        let zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference)
        let loaded = try ZonalStatisticsRunner.compute(scene: scene, zones: zones, options: options)
        for blockRows in [1, 7, 1000] {
            let streamed = try ZonalStatisticsRunner.stream(path: path, zonesPath: zones.path, options: options, blockRows: blockRows, windowBytes: 0)
            for (var s, m) in zip(streamed.statistics, loaded) {
                for (x, y) in zip([s.median] + s.percentiles.map(\.value), [m.median] + m.percentiles.map(\.value)) {
                    let (a, b) = (try #require(x), try #require(y))
                    #expect(abs(a - b) <= 1e-13 * abs(b), "\(rule), \(blockRows) rows: \(s.name) quantile \(a) vs \(b)")
                }
                (s.median, s.percentiles) = (m.median, m.percentiles)
                #expect(s == m, "\(rule), \(blockRows) rows: \(s.name) count \(s.count - m.count), sum \(s.sum - m.sum), sd \((s.standardDeviation ?? 0) - (m.standardDeviation ?? 0))")
            }
        }
    }

    /// By the weighted-quantile definition p0 is the smallest value and p100 the largest. p100 came
    /// out of the interpolation a few units of the last place below the maximum, because the top
    /// Sₖ and q·(n − 1)·Σw are the same sum added up in two orders.
    @Test func percentilesZeroAndHundredAreTheExtremes() throws {
        var options = ZonalOptions()
        options.percentiles = [0, 100]
        let path = Fixtures.kranjLandsat("ST_B10.TIF")
        let scene = try LSTLoader.load(path: path)
        let zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference)
        let loaded = try ZonalStatisticsRunner.compute(scene: scene, zones: zones, options: options)
        let streamed = try ZonalStatisticsRunner.stream(path: path, zonesPath: zones.path, options: options, blockRows: 1, windowBytes: 0).statistics
        for row in loaded + streamed {
            #expect(row.percentiles.map(\.value) == [row.minimum, row.maximum], "\(row.name)")
        }
    }

    /// A south-up copy of the scene (rows stored bottom first, positive pixel height) holds the same
    /// cells with the same coverage, read in another order: its figures are exactextract's, as the
    /// north-up scene's are, and no figure may move beyond rounding. Medians and percentiles did, by
    /// up to 4.2e-3 °C, while ties were taken in reading order: a tie among cells of different
    /// coverage was ordered the other way round.
    @Test func aSouthUpCopyOfTheSceneGivesTheSameFigures() throws {
        var options = ZonalOptions()
        options.percentiles = [90, 95]
        let scene = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        let zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference)
        let northUp = scene.raster
        let t = northUp.transform
        let rows = (0..<northUp.height).reversed().map { row in northUp.values[(row * northUp.width)..<((row + 1) * northUp.width)] }
        let southUp = try GeoRaster(
            width: northUp.width, height: northUp.height,
            transform: GeoTransform(originX: t.originX, pixelWidth: t.pixelWidth,
                                    originY: t.originY + Double(northUp.height) * t.pixelHeight, pixelHeight: -t.pixelHeight),
            spatialReference: northUp.spatialReference, values: Array(rows.joined()))
        let a = try ZonalStatisticsRunner.compute(raster: northUp, zones: zones.zones, options: options)
        let b = try ZonalStatisticsRunner.compute(raster: southUp, zones: zones.zones, options: options)
        try expectExactextract(b)
        for (n, s) in zip(a, b) {
            #expect(abs(n.count - s.count) < 1e-9 && abs((n.mean ?? .nan) - (s.mean ?? .nan)) < 1e-9, "\(n.name)")
            let quantiles = { (z: ZoneStatistics) in [z.median] + z.percentiles.map(\.value) }
            for (x, y) in zip(quantiles(n), quantiles(s)) {
                #expect(abs((x ?? .nan) - (y ?? .nan)) < 1e-9, "\(n.name): \(String(describing: x)) north-up, \(String(describing: y)) south-up")
            }
        }
    }

    func expectExactextract(_ rows: [ZoneStatistics]) throws {
        let reference = try #require(try Fixtures.referenceJSON("zonal_reference.json")["exact"] as? [[String: Any]])
        #expect(rows.count == 26 && reference.count == 26)
        for (ours, ref) in zip(rows, reference) {
            #expect(ours.name == ref["name"] as? String)
            let d = { (key: String) in ref[key] as? Double }
            #expect(abs(ours.count - (d("count") ?? .nan)) < 1e-3, "\(ours.name) count")
            #expect(abs(ours.sum - (d("sum") ?? .nan)) / max(1, abs(d("sum") ?? 1)) < 1e-7, "\(ours.name) sum")
            #expect(abs((ours.mean ?? .nan) - (d("mean") ?? .nan)) < 1e-4, "\(ours.name) mean")
            #expect(ours.minimum.map(Float.init) == d("min").map(Float.init), "\(ours.name) min")
            #expect(ours.maximum.map(Float.init) == d("max").map(Float.init), "\(ours.name) max")
            #expect(abs((ours.standardDeviation ?? .nan) - (d("stdev") ?? .nan)) < 1e-4, "\(ours.name) stdev")
            // The weighted-quantile definition evaluated in float64 on exactextract's own cells…
            #expect(abs((ours.median ?? .nan) - (d("quantile64_50") ?? .nan)) < 1e-4, "\(ours.name) median")
            #expect(abs((ours.percentiles[0].value ?? .nan) - (d("quantile64_90") ?? .nan)) < 1e-4, "\(ours.name) p90")
            #expect(abs((ours.percentiles[1].value ?? .nan) - (d("quantile64_95") ?? .nan)) < 1e-4, "\(ours.name) p95")
            // …and exactextract's figures, which merge equal values (the scene's repeat, from integer
            // DNs) into one with their summed weight, and so lie up to ~5e-3 °C away on these zones.
            #expect(abs((ours.median ?? .nan) - (d("median") ?? .nan)) < 5e-3, "\(ours.name) median vs exactextract")
        }
    }

    /// All-touched: the valid cells with any part of their area in the district, as exactextract's
    /// coverage fractions say (the rule adds only cells the boundary touches without covering area,
    /// which the reprojected districts do not produce).
    @Test func allTouchedCellsAreThoseExactextractCovers() throws {
        var options = ZonalOptions()
        options.rule = .allTouched
        let (_, rows) = try kranj(options)
        let reference = try #require(try Fixtures.referenceJSON("zonal_reference.json")["exact"] as? [[String: Any]])
        #expect(rows.count == reference.count)
        for (row, theirs) in zip(rows, reference) {
            #expect(row.name == theirs["name"] as? String)
            #expect(row.validCells == theirs["touchedValid"] as? Int, "\(row.name)")
            #expect(row.count == Double(row.validCells))
            // Their statistics in float64 with NumPy (mean, population σ, type-7 median).
            let (mean, sigma, median) = (try #require(row.mean), try #require(row.standardDeviation), try #require(row.median))
            #expect(abs(mean - (try #require(theirs["touchedMean"] as? Double))) < 1e-6, "\(row.name)")
            #expect(abs(sigma - (try #require(theirs["touchedStdev"] as? Double))) < 1e-6, "\(row.name)")
            #expect(abs(median - (try #require(theirs["touchedMedian"] as? Double))) < 1e-6, "\(row.name)")
        }
    }

    @Test func centerRuleCountsEqualGDALRasterize() throws {
        var options = ZonalOptions()
        options.rule = .center
        options.percentiles = [90]
        let (_, rows) = try kranj(options)
        let json = try Fixtures.referenceJSON("zonal_reference.json")
        let reference = try #require(json["center"] as? [String: [String: Int]])
        let statistics = try #require(json["centerStatistics"] as? [String: [String: Double]])
        for row in rows {
            #expect(row.validCells == reference[row.id]?["valid"], "\(row.name)")
            #expect(row.count == Double(row.validCells))
            // NumPy over the same cells in float64: the statistics, not only which cells count.
            let numpy = try #require(statistics[row.id], "\(row.name)")
            let ours = [row.mean, row.minimum, row.maximum, row.standardDeviation, row.median, row.percentiles[0].value]
            for (name, (value, expected)) in zip(["mean", "min", "max", "stdev", "median", "p90"], zip(ours, ["mean", "min", "max", "stdev", "median", "p90"].map { numpy[$0] })) {
                #expect(abs((value ?? .nan) - (expected ?? .nan)) < 1e-9, "\(row.name) \(name): \(String(describing: value)) vs \(String(describing: expected))")
            }
        }
    }

    @Test func zonesOutsideTheRasterAndDuplicateIDsAreReported() throws {
        let dir = try TemporaryDirectory()
        // Zones in EPSG:32633 around the fixture: one inside, one far away, and a repeated id.
        let json = """
        {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32633"}},"features":[
         {"type":"Feature","properties":{"id":"a","name":"inside"},"geometry":{"type":"Polygon","coordinates":[[[447000,5118000],[448000,5118000],[448000,5119000],[447000,5119000],[447000,5118000]]]}},
         {"type":"Feature","properties":{"id":"a","name":"far away"},"geometry":{"type":"Polygon","coordinates":[[[600000,5118000],[601000,5118000],[601000,5119000],[600000,5119000],[600000,5118000]]]}}
        ]}
        """
        let path = dir.file("zones.geojson")
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        let scene = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        let zones = try ZoneSet.load(path: path, reprojectTo: scene.raster.spatialReference)
        #expect(zones.duplicateIDs == ["a"])
        let rows = try ZonalStatisticsRunner.compute(raster: scene.raster, zones: zones.zones)
        #expect(!rows[0].missesRaster && rows[1].missesRaster)
        // 1 km² = 1111.1 cells of 900 m²; the edges fall on the 30 m grid only partly.
        #expect(abs(rows[0].coveredArea - 1_000_000) < 1e-3)
        #expect(rows[1].mean == nil && rows[1].validFraction == 0)
    }

    @Test func missingFieldsAndFilesAreNamed() throws {
        #expect {
            var options = ZoneSet.Options()
            options.idField = "ODO_ID"
            _ = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), options: options)
        } throws: { error in
            guard case .gdal(.vectorFailed(let path, let message)) = error as? HeatIslandError else { return false }
            return path == Fixtures.path("kranj/districts.gpkg") && message.hasPrefix("no field 'ODO_ID'")
        }
        #expect(throws: HeatIslandError.gdal(.fileNotFound(path: "/nonexistent/zones.gpkg"))) {
            try ZoneSet.load(path: "/nonexistent/zones.gpkg")
        }
    }

    /// Feature 1 has no id: taking its feature id (1) would collide with feature 0's id "1". An
    /// empty or blank id is no id either (it would be a row no one can name).
    @Test(arguments: ["null", "\"\"", "\"  \""])
    func aZoneWithoutAnIdIsNamed(_ id: String) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("ids.geojson")
        let square = "[[[447000,5118000],[448000,5118000],[448000,5119000],[447000,5119000],[447000,5118000]]]"
        try """
        {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32633"}},"features":[
         {"type":"Feature","properties":{"id":"1"},"geometry":{"type":"Polygon","coordinates":\(square)}},
         {"type":"Feature","properties":{"id":\(id)},"geometry":{"type":"Polygon","coordinates":\(square)}}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: HeatIslandError.invalidZones(path: path, detail: "feature 1 has no value in the id field 'id'; give every zone an id or choose another id field")) {
            try ZoneSet.load(path: path)
        }
    }

    /// A 10 m square inside a 30 m cell holds no cell centre: under the centre rule that is said,
    /// not "no zone overlaps"; the exact rule counts its ninth of a cell.
    @Test func aZoneWithoutACellCentreIsSaidSo() throws {
        let scene = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        let t = scene.raster.transform
        let (x, y) = (t.originX + 100 * t.pixelWidth + 3, t.originY + 100 * t.pixelHeight + 3)
        let ring = Ring([SIMD2(x, y), SIMD2(x + 10, y), SIMD2(x + 10, y + 10), SIMD2(x, y + 10)])
        let zone = Zone(id: "s", name: "small", geometry: MultiPolygon([Polygon(exterior: ring)]))
        var options = ZonalOptions()
        options.rule = .center
        #expect {
            try ZonalStatisticsRunner.compute(raster: scene.raster, zones: [zone], options: options)
        } throws: { "\($0)".contains("no zone holds a cell centre") }
        let exact = try ZonalStatisticsRunner.compute(raster: scene.raster, zones: [zone])
        #expect(abs(exact[0].count - 1.0 / 9) < 1e-6)
    }

    /// A zone beyond the CRS's domain cannot be written as GeoJSON: the error names the zone.
    @Test func aZoneThatHasNoLonLatIsNamed() throws {
        let ring = Ring([SIMD2(1e9, 1e9), SIMD2(1e9 + 10, 1e9), SIMD2(1e9 + 10, 1e9 + 10), SIMD2(1e9, 1e9 + 10)])
        let zone = Zone(id: "far", name: "far", geometry: MultiPolygon([Polygon(exterior: ring)]))
        let row = ZoneStatistics(id: "far", name: "far", count: 0, sum: 0, mean: nil, minimum: nil, maximum: nil, variance: nil,
                                 median: nil, percentiles: [], validCells: 0, coveredArea: 0, validFraction: 0)
        #expect {
            try ZonalTable.geojson([row], zones: [zone], crs: SpatialReference(epsg: 3794), percentiles: [])
        } throws: { "\($0)".hasPrefix("zone \"far\": cannot be given in longitude and latitude") }
    }
}

/// The tables name their percentile columns from the request and fill them by percentage.
struct ZonalTableTests {
    /// A 2 km square on Taveuni (Fiji) across 180°, in UTM 60 S: RFC 7946 GeoJSON cuts it at the
    /// antimeridian into a part ending at 180 and one starting at −180; it had been one polygon
    /// from −179.99 to 179.99, a band around the Earth.
    @Test func aZoneAcrossTheAntimeridianIsCutThere() throws {
        // 180° E at 16.8° S lies at x = 819 789 m (gdaltransform); the square runs 1 km either side.
        let ring = Ring([SIMD2(818_789, 8_139_000), SIMD2(820_789, 8_139_000), SIMD2(820_789, 8_141_000), SIMD2(818_789, 8_141_000)])
        let zone = Zone(id: "t", name: "Taveuni", geometry: MultiPolygon([Polygon(exterior: ring)]))
        let row = ZoneStatistics(id: "t", name: "Taveuni", count: 0, sum: 0, mean: nil, minimum: nil, maximum: nil, variance: nil,
                                 median: nil, percentiles: [], validCells: 0, coveredArea: 0, validFraction: 0)
        let text = try ZonalTable.geojson([row], zones: [zone], crs: SpatialReference(epsg: 32760), percentiles: [])
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let geometry = ((json?["features"] as? [[String: Any]])?.first?["geometry"] as? [String: Any])
        let polygons = try #require(geometry?["coordinates"] as? [[[[Double]]]])
        #expect(polygons.count == 2)
        let longitudes = polygons.map { $0[0].map { $0[0] } }
        // One part from about 179.99 to 180, the other from −180 to about −179.99.
        #expect(longitudes.contains { $0.max() == 180 && $0.min()! > 179.98 })
        #expect(longitudes.contains { $0.min() == -180 && $0.max()! < -179.98 })
    }

    /// Cut by hand: a 1° × 1° square from 179.5° to −179.5° gives two halves of 0.5 square degrees.
    @Test func aLonLatSquareAcrossTheAntimeridianSplitsInHalves() {
        let square = MultiPolygon([Polygon(exterior: Ring([SIMD2(179.5, -17), SIMD2(-179.5, -17), SIMD2(-179.5, -16), SIMD2(179.5, -16)]))])
        let parts = square.splitAtAntimeridian().polygons
        #expect(parts.count == 2)
        #expect(parts.map { abs($0.exterior.signedArea) } == [0.5, 0.5])
        #expect(parts.map { $0.exterior.points.map(\.x).min()! } == [179.5, -180])
        // A square that does not cross is kept as it is.
        let kranj = MultiPolygon([Polygon(exterior: Ring([SIMD2(14.3, 46.2), SIMD2(14.4, 46.2), SIMD2(14.4, 46.3), SIMD2(14.3, 46.3)]))])
        #expect(kranj.splitAtAntimeridian() == kranj)
    }

    @Test func percentileColumnsFollowTheHeaderNotEachRow() {
        // A row computed with p90 only, written under a header asking for p95 and p90: the p95 cell
        // stays empty and 31.5 lands under p90, instead of sliding one column to the left.
        let row = ZoneStatistics(id: "7", name: "Center", count: 4, sum: 120, mean: 30, minimum: 28, maximum: 32, variance: 2.25,
                                 median: 30, percentiles: [Percentile(percent: 90, value: 31.5)], validCells: 4, coveredArea: 3600, validFraction: 1)
        #expect(ZonalTable.csv([row], percentiles: [95, 90]) == """
            id,name,count,sum,mean,min,max,stddev,median,p95,p90,valid_fraction
            7,Center,4.0000,120.0000,30.0000,28.0000,32.0000,1.5000,30.0000,,31.5000,1.0000

            """)
    }

    @Test func aCountTooSmallForFourDecimalsKeepsItsDigits() {
        // A 5 cm square on 30 m cells covers 0.05² / 900 = 2.778e-6 of a cell: "0.0000" would read as no data.
        let row = ZoneStatistics(id: "t", name: "tiny", count: 2.7778e-6, sum: 7.754e-5, mean: 27.9155, minimum: 27.9155, maximum: 27.9155,
                                 variance: 0, validCells: 1, coveredArea: 0.0025, validFraction: 1)
        let line = ZonalTable.csv([row], percentiles: []).split(separator: "\n")[1]
        #expect(line == "t,tiny,2.778e-06,7.754e-05,27.9155,27.9155,27.9155,0.0000,,1.0000")
    }
}

/// Ranks and classes in the district reports.
struct DistrictReportTests {
    func row(_ id: String, mean: Double?) -> ZoneStatistics {
        ZoneStatistics(id: id, name: id, count: mean == nil ? 0 : 1, sum: mean ?? 0, mean: mean, minimum: mean, maximum: mean,
                       variance: mean.map { _ in 0 }, validCells: mean == nil ? 0 : 1, coveredArea: 900, validFraction: mean == nil ? 0 : 1)
    }

    @Test func equalMeansShareARankAndDistrictsWithoutDataHaveNone() {
        // Means 30, 32, 32, none, 29: the two 32s are both first, 30 is third (competition ranking).
        let ranks = DistrictReport.rankByMean([row("a", mean: 30), row("b", mean: 32), row("c", mean: 32), row("d", mean: nil), row("e", mean: 29)])
        #expect(ranks == [3, 1, 1, nil, 4])
    }

    /// A district with data on 30 % of its area is not ranked, however hot its few cells: it
    /// follows the ranked districts, and those without data close the list.
    @Test func aDistrictWithTooLittleDataIsNotRanked() {
        var sliver = row("s", mean: 40)
        sliver.validFraction = 0.3
        var half = row("h", mean: 31)
        half.validFraction = 0.5
        let rows = [row("a", mean: 30), sliver, row("d", mean: nil), half, row("e", mean: 29)]
        #expect(DistrictReport.rankByMean(rows) == [2, nil, nil, 1, 3])
        #expect(DistrictReport.hottestFirst(rows) == [3, 0, 4, 1, 2])
    }

    @Test func aDistrictWithoutAValueIsNotCalledNotSignificant() throws {
        // Four 1 m squares in a row (in metres, away from the origin, where coordinates within ±180
        // and ±90 would be taken for degrees); the third has no value, so it is not tested at all.
        let zones = (0..<4).map { (k: Int) -> Zone in
            let (x0, x1) = (450_000 + Double(k), 450_000 + Double(k + 1))
            let square = Ring([SIMD2(x0, 120_000), SIMD2(x1, 120_000), SIMD2(x1, 120_001), SIMD2(x0, 120_001)])
            return Zone(id: String(k), name: String(k), geometry: MultiPolygon([Polygon(exterior: square)]))
        }
        let results = try DistrictHotspots.compute(zones: zones, values: [20, 21, .nan, 25], weights: .rook())
        #expect(results[2].z.isNaN && results[2].testedClass == nil)
        #expect(results.indices.filter { $0 != 2 }.allSatisfy { results[$0].testedClass != nil })
    }
}
