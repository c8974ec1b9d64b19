import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// A caller's rural reference polygon: union of its parts, district cells left out, the floor, and
/// the Kranj fixture against `Fixtures/reference/uhi_reference.json` (GDAL rasterize + NumPy).
struct RuralReferenceTests {
    static func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Polygon {
        Polygon(exterior: Ring([SIMD2(x0, y0), SIMD2(x1, y0), SIMD2(x1, y1), SIMD2(x0, y1)]))
    }

    /// 6 × 6 cells of 10 m from (0, 60), value = 10 × column + row, and a district on cells (1…2, 1…2).
    static func smallScene() throws -> (GeoRaster, Zone, [ZoneStatistics]) {
        let values: [Float] = (0..<36).map { Float(10 * ($0 % 6) + $0 / 6) }
        let grid = GeoTransform(originX: 0, pixelWidth: 10, rowRotation: 0, originY: 60, columnRotation: 0, pixelHeight: -10)
        let raster = try GeoRaster(width: 6, height: 6, transform: grid, spatialReference: SpatialReference(epsg: 3794), values: values)
        let district = Zone(id: "1", name: "d", geometry: MultiPolygon([box(10, 30, 30, 50)]))
        return (raster, district, try ZonalStatisticsRunner.compute(raster: raster, zones: [district]))
    }

    @Test func partsAreUnitedAndDistrictCellsLeftOut() throws {
        // Reference: two overlapping rectangles, columns 0…3 and 2…5 of rows 1…2, whose overlap
        // (columns 2…3) must count once, not cancel out; the four district cells are left out. Rural
        // cells: row 1 and row 2 at columns 0, 3, 4, 5: values 1, 31, 41, 51 and 2, 32, 42, 52 → mean 31.5.
        let (raster, district, stats) = try Self.smallScene()
        let box = Self.box
        var options = UHIOptions()
        options.reference = .polygon(MultiPolygon([box(0, 30, 40, 50), box(20, 30, 60, 50)]))
        options.referenceName = "two boxes"
        var report = try UHIReport.compute(raster: raster, zones: [district], statistics: stats, options: options)
        #expect(report.referenceCells == 8 && report.referenceMeanCelsius == 31.5)
        #expect(report.referenceDescription == "two boxes, district cells excluded")
        // District mean (11 + 12 + 21 + 22)/4 = 16.5 → intensity 16.5 − 31.5 = −15.
        #expect(report.districts[0].intensity == -15)
        // A floor of 30 °C leaves out the two cells of column 0: (31 + 41 + 51 + 32 + 42 + 52)/6 = 41.5.
        options.excludeReferenceBelowCelsius = 30
        report = try UHIReport.compute(raster: raster, zones: [district], statistics: stats, options: options)
        #expect(report.referenceCells == 6 && report.referenceMeanCelsius == 41.5)
        #expect(report.referenceDescription == "two boxes, district cells excluded, cells below 30 °C left out")
        // A reference beside the raster has no cell: an error that names it, not a NaN intensity.
        options.reference = .polygon(MultiPolygon([box(100, 100, 200, 200)]))
        #expect {
            try UHIReport.compute(raster: raster, zones: [district], statistics: stats, options: options)
        } throws: { "\($0)".contains("two boxes") && "\($0)".contains("holds no cell centre") }
        // A floor above every reference cell, and a reference whose cells are all missing, say so.
        options.reference = .polygon(MultiPolygon([box(0, 30, 40, 50), box(20, 30, 60, 50)]))
        options.excludeReferenceBelowCelsius = 60
        #expect {
            try UHIReport.compute(raster: raster, zones: [district], statistics: stats, options: options)
        } throws: { "\($0)".contains("8 valid cells, all colder than the temperature floor") }
        var clouded = raster
        for r in 1...4 { for c in [0, 3, 4, 5] { clouded.values[r * 6 + c] = .nan } }
        options.excludeReferenceBelowCelsius = nil
        #expect {
            try UHIReport.compute(raster: clouded, zones: [district], statistics: stats, options: options)
        } throws: { "\($0)".contains("no valid temperature in any of its 8 cells") }
    }

    /// The share of a reference's area on the raster is that of the union of its parts, as its cells
    /// are. A (x −30…30) and B (x 10…40), both y 30…50, overlap on x 10…30; their union (x −30…40,
    /// 1400 m²) has 800 m² on the raster (x 0…60): 4/7. Summed part by part it was
    /// (600 + 600)/(1200 + 600) = 2/3, and overlaps could lift a reference over the 90 % below which
    /// a run warns.
    @Test func theReferencesShareOnTheRasterCountsOverlapsOnce() throws {
        let (raster, district, stats) = try Self.smallScene()
        var options = UHIOptions()
        options.reference = .polygon(MultiPolygon([Self.box(-30, 30, 30, 50), Self.box(10, 30, 40, 50)]))
        let report = try UHIReport.compute(raster: raster, zones: [district], statistics: stats, options: options)
        #expect(abs((report.referenceCoverage.shareOnRaster ?? .nan) - 4.0 / 7) < 1e-12)
    }

    /// The ring's share on the raster counts the part beyond its edges. A district on the top-left
    /// cell of a 6 × 6 grid of 10 m cells with a 10 m ring: the ring is the four cells whose centres
    /// are 10 m from the district's (its left and upper ones off the raster), so half of it lies on
    /// the raster; with the cell to its right missing, one of those two is masked.
    @Test func theRingsShareOnTheRasterCountsWhatLiesBeyondIt() throws {
        var values: [Float] = (0..<36).map { Float($0) }
        let grid = GeoTransform(originX: 0, pixelWidth: 10, rowRotation: 0, originY: 60, columnRotation: 0, pixelHeight: -10)
        let corner = Zone(id: "1", name: "corner", geometry: MultiPolygon([Polygon(exterior: Ring([SIMD2(0, 50), SIMD2(10, 50), SIMD2(10, 60), SIMD2(0, 60)]))]))
        var options = UHIOptions()
        options.reference = .ring(metres: 10)
        var raster = try GeoRaster(width: 6, height: 6, transform: grid, spatialReference: SpatialReference(epsg: 3794), values: values)
        var report = try UHIReport.compute(raster: raster, zones: [corner], statistics: ZonalStatisticsRunner.compute(raster: raster, zones: [corner]), options: options)
        #expect(report.referenceCoverage == ReferenceCoverage(cellsOnRaster: 2, maskedCells: 0, belowFloorCells: 0, shareOnRaster: 0.5))
        // Cells 1 (right) and 6 (below): mean 3.5; the city is cell 0.
        #expect(report.referenceMeanCelsius == 3.5 && report.cityCells == 1)
        values[1] = .nan
        raster = try GeoRaster(width: 6, height: 6, transform: grid, spatialReference: SpatialReference(epsg: 3794), values: values)
        report = try UHIReport.compute(raster: raster, zones: [corner], statistics: ZonalStatisticsRunner.compute(raster: raster, zones: [corner]), options: options)
        #expect(report.referenceCoverage == ReferenceCoverage(cellsOnRaster: 2, maskedCells: 1, belowFloorCells: 0, shareOnRaster: 0.5))
        #expect(report.referenceMeanCelsius == 6 && report.referenceCells == 1)
    }

    @Test func kranjNeighboursMatchGDALRasterize() throws {
        let reference = try Fixtures.referenceJSON("uhi_reference.json")
        let scene = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        let crs = scene.raster.spatialReference
        let districts = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: crs).zones
        let neighbours = try ZoneSet.load(path: Fixtures.path("kranj/rural_reference.geojson"), reprojectTo: crs)
        let stats = try ZonalStatisticsRunner.compute(raster: scene.raster, zones: districts)
        var options = UHIOptions()
        options.reference = .polygon(neighbours.polygons)
        var report = try UHIReport.compute(raster: scene.raster, zones: districts, statistics: stats, options: options)
        #expect(report.referenceCells == reference["referenceCells"] as? Int)
        #expect(abs(report.referenceMeanCelsius - (reference["referenceMeanCelsius"] as? Double ?? 0)) < 1e-9)
        #expect(abs(report.cityMeanCelsius - (reference["cityMeanCelsius"] as? Double ?? 0)) < 1e-9)
        #expect(report.cityCells == reference["cityCells"] as? Int)
        // 19 % of the neighbouring municipalities' area lies on the scene: a share the warning reports.
        let share = try #require(reference["referenceAreaShareOnScene"] as? Double)
        #expect(abs((report.referenceCoverage.shareOnRaster ?? .nan) - share) < 1e-6, "\(String(describing: report.referenceCoverage.shareOnRaster)) vs \(share)")
        options.excludeReferenceBelowCelsius = reference["floorCelsius"] as? Double
        report = try UHIReport.compute(raster: scene.raster, zones: districts, statistics: stats, options: options)
        #expect(report.referenceCells == reference["flooredReferenceCells"] as? Int)
        #expect(abs(report.referenceMeanCelsius - (reference["flooredReferenceMeanCelsius"] as? Double ?? 0)) < 1e-9)
    }

    /// The default 2 km ring, the city's spread, the hot-area shares and UTFVI of every district
    /// against GDAL's proximity tool and exactextract (`uhi_reference.py`): the ring's cells on the
    /// scene and as a whole (the districts reach beyond the scene), its mean, and per district
    /// both hot shares and the UTFVI class.
    @Test func kranjRingHotSharesAndUTFVIMatchGDALAndExactextract() throws {
        let reference = try Fixtures.referenceJSON("uhi_reference.json")
        let scene = try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        let districts = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference).zones
        let stats = try ZonalStatisticsRunner.compute(raster: scene.raster, zones: districts)
        let report = try UHIReport.compute(raster: scene.raster, zones: districts, statistics: stats)
        let number = { (key: String) in reference[key] as? Double ?? .nan }
        let onScene = try #require(reference["ringCellsOnScene"] as? Int), whole = try #require(reference["ringCellsWhole"] as? Int)
        #expect(report.referenceCoverage.cellsOnRaster == onScene)
        #expect(report.referenceCells == reference["ringValidCells"] as? Int)
        #expect(report.referenceCoverage.shareOnRaster == Double(onScene) / Double(whole))
        #expect(abs(report.referenceMeanCelsius - number("ringMeanCelsius")) < 1e-9)
        #expect(abs(report.cityStandardDeviation - number("cityStandardDeviation")) < 1e-9)
        let expected = try #require(reference["districts"] as? [[String: Any]])
        #expect(expected.count == report.districts.count)
        for d in report.districts {
            let e = try #require(expected.first { $0["name"] as? String == d.name }, "\(d.name)")
            let shares = e["hotShares"] as? [Double] ?? []
            #expect(abs((d.hotShareRelative ?? .nan) - shares[0]) < 1e-6 && abs((d.hotShareAbsolute ?? .nan) - shares[1]) < 1e-6, "\(d.name)")
            #expect(abs((d.utfvi ?? .nan) - (e["utfvi"] as? Double ?? 0)) < 1e-8, "\(d.name)")
            #expect(d.utfviClass?.rawValue == e["utfviClass"] as? String, "\(d.name)")
        }
    }
}
