import Foundation
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Edge cases of the coverage kernel: vertices and edges on grid lines, zones on the raster border,
/// windows, large map coordinates, ties of the centre rule and the reach of the all-touched rule.
///
/// Unless a test says otherwise the grid is 10 × 10 cells of 1 m with its top-left corner at (0, 10),
/// so cell (row r, column c) is the square x ∈ [c, c+1], y ∈ [9 − r, 10 − r]. Every expected value is
/// worked out by hand from the geometry; the arithmetic is in the comments.
struct CoverageEdgeCaseTests {
    static let unitGrid = GeoTransform(originX: 0, pixelWidth: 1, originY: 10, pixelHeight: -1)

    func polygon(_ exterior: [(Double, Double)], holes: [[(Double, Double)]] = []) -> Polygon {
        Polygon(exterior: ring(exterior), holes: holes.map(ring))
    }

    func ring(_ points: [(Double, Double)]) -> Ring { Ring(points.map { SIMD2($0.0, $0.1) }) }

    func zone(_ exterior: [(Double, Double)], holes: [[(Double, Double)]] = []) -> MultiPolygon {
        MultiPolygon([polygon(exterior, holes: holes)])
    }

    func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> [(Double, Double)] {
        [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    }

    /// The square x ∈ [2, 6], y ∈ [2, 6] drawn a rounding error outside its cell lines (3e-11 cells,
    /// as after a round trip through degrees): all-touched takes its 4 × 4 = 16 cells, not the rows
    /// and columns beyond its edges, and the exact rule covers the same 16 cells with weight 1.
    /// Sizes past what spans index (32-bit rows and columns) are refused rather than wrapped, and
    /// windows that reach past Int.max end at the raster's edge.
    @Test func gridsAndWindowsAtTheLimitsOfInt() throws {
        let square = MultiPolygon([polygon([(2, 2), (4, 2), (4, 4), (2, 4)])])
        #expect(throws: CoverageError.gridTooLarge(width: Int.max, height: 10)) {
            try CoverageRasterizer.spans(for: square, grid: Self.unitGrid, width: .max, height: 10, rule: .exact)
        }
        #expect(PixelWindow(column: 10, row: 0, width: .max, height: 5).clipped(width: 100, height: 100)
                == PixelWindow(column: 10, row: 0, width: 90, height: 5))
        #expect(PixelWindow(column: .max - 2, row: 0, width: 10, height: 10).clipped(width: 100, height: 100) == nil)
    }

    @Test func edgesARoundingErrorOffTheCellLinesAreOnThem() throws {
        let e = 3e-11
        let z = zone(rect(2 - e, 2 - e, 6 + e, 6 + e))
        let inside = Set((4..<8).flatMap { r in (2..<6).map { [r, $0] } })
        #expect(cells(try spans(z, .allTouched)) == inside)
        let exact = try spans(z, .exact)
        #expect(cells(exact) == inside && exact.spans.allSatisfy(\.isFull) && exact.coveredCells == 16)
    }

    func spans(
        _ z: MultiPolygon, _ rule: CoverageRule = .exact, grid: GeoTransform = unitGrid,
        width: Int = 10, height: Int = 10, window: PixelWindow? = nil
    ) throws -> CoverageSpans {
        try CoverageRasterizer.spans(for: z, grid: grid, width: width, height: height, rule: rule, window: window)
    }

    /// The covered cells as `row, column` pairs, for comparing whole cell sets.
    func cells(_ s: CoverageSpans) -> Set<[Int]> {
        var out = Set<[Int]>()
        for span in s.spans {
            for c in Int(span.start)..<Int(span.end) { out.insert([Int(span.row), c]) }
        }
        return out
    }

    // MARK: Exact rule

    @Test func diamondAroundAGridCornerGivesFourHalfCells() throws {
        // |x − 5| + |y − 5| ≤ 1: each quadrant is a right triangle with legs 1, area ½, in one cell:
        // (x 4…5, y 5…6) = row 4 col 4, (x 5…6, y 5…6) = row 4 col 5, and rows 5 likewise. Σ = 2.
        let s = try spans(zone([(5, 4), (6, 5), (5, 6), (4, 5)]))
        for (r, c) in [(4, 4), (4, 5), (5, 4), (5, 5)] {
            #expect(abs(s.weight(row: r, column: c) - 0.5) < 1e-6, "cell \(r), \(c)")
        }
        #expect(cells(s).count == 4)
        #expect(abs(s.coveredCells - 2) < 1e-9)
    }

    @Test func tinySquareOverAGridCornerSplitsIntoFour() throws {
        // x 4.9…5.1, y 4.9…5.1: a 0.1 × 0.1 = 0.01 piece in each of rows 4–5, columns 4–5.
        let s = try spans(zone(rect(4.9, 4.9, 5.1, 5.1)))
        #expect(cells(s) == [[4, 4], [4, 5], [5, 4], [5, 5]])
        for span in s.spans { #expect(!span.isFull) }
        #expect(s.weights.allSatisfy { abs($0 - 0.01) < 1e-7 })
        #expect(abs(s.coveredCells - 0.04) < 1e-8)
    }

    @Test func edgesAlongCellLinesGiveOnlyFullRuns() throws {
        // An L on grid lines: the bar x 1…4, y 1…2 (row 8, columns 1–3) and the upright x 1…2,
        // y 2…4 (rows 6–7, column 1): 3 + 2 = 5 whole cells. The extra vertex (3, 1) on an edge,
        // the repeated (4, 2) and the explicit closing vertex change nothing.
        let plain = try spans(zone([(1, 1), (4, 1), (4, 2), (2, 2), (2, 4), (1, 4)]))
        let noisy = try spans(zone([(1, 1), (3, 1), (4, 1), (4, 2), (4, 2), (2, 2), (2, 4), (1, 4), (1, 1)]))
        for s in [plain, noisy] {
            #expect(s.weights.isEmpty && s.spans.allSatisfy(\.isFull))
            #expect(cells(s) == [[8, 1], [8, 2], [8, 3], [7, 1], [6, 1]])
            #expect(s.coveredCells == 5)
        }
    }

    @Test func zonesOnTheRasterBorderKeepTheirEdgeCells() throws {
        // x 0…3, y 0…2 touches the left and bottom border: rows 8–9, columns 0–2 → 6 cells.
        let bottomLeft = try spans(zone(rect(0, 0, 3, 2)))
        #expect(cells(bottomLeft) == [[8, 0], [8, 1], [8, 2], [9, 0], [9, 1], [9, 2]])
        // x 7…10, y 8…10 touches the right and top border: rows 0–1, columns 7–9 → 6 cells.
        let topRight = try spans(zone(rect(7, 8, 10, 10)))
        #expect(cells(topRight) == [[0, 7], [0, 8], [0, 9], [1, 7], [1, 8], [1, 9]])
        #expect(topRight.coveredCells == 6 && bottomLeft.coveredCells == 6)
        #expect(topRight.bounds == PixelWindow(column: 7, row: 0, width: 3, height: 2))
    }

    @Test func aZoneCoveringTheWholeRasterFillsEveryWindow() throws {
        // x −5…15, y −5…15 holds the whole raster; the window rows 3–4, columns 2–5 is 2 × 4 = 8
        // whole cells, although every edge of the zone lies outside it (left edges count from afar).
        let s = try spans(zone(rect(-5, -5, 15, 15)), window: PixelWindow(column: 2, row: 3, width: 4, height: 2))
        #expect(s.spans.count == 2 && s.spans.allSatisfy(\.isFull))
        #expect(s.coveredCells == 8)
        #expect(s.bounds == PixelWindow(column: 2, row: 3, width: 4, height: 2))
        // The whole raster: 100 cells.
        #expect(try spans(zone(rect(-5, -5, 15, 15))).coveredCells == 100)
    }

    @Test func windowQuadrantsAddUpToTheWholeTriangle() throws {
        // Triangle (1, 1), (9, 1), (1, 9): legs 8, area 32 cells. Four windows split at row 5 and
        // column 5 must share it out without loss or double counting, cell by cell.
        let z = zone([(1, 1), (9, 1), (1, 9)])
        let whole = try spans(z)
        #expect(abs(whole.coveredCells - 32) < 1e-9)
        var total = 0.0
        for (r0, c0) in [(0, 0), (0, 5), (5, 0), (5, 5)] {
            let w = PixelWindow(column: c0, row: r0, width: 5, height: 5)
            let part = try spans(z, window: w)
            total += part.coveredCells
            for (r, c) in cells(part).map({ ($0[0], $0[1]) }) {
                #expect(r >= r0 && r < r0 + 5 && c >= c0 && c < c0 + 5)
                #expect(abs(part.weight(row: r, column: c) - whole.weight(row: r, column: c)) < 1e-6)
            }
        }
        #expect(abs(total - 32) < 1e-9)
        // The cell (row 5, column 3) is x 3…4, y 4…5, wholly below x + y = 10: weight 1.
        // The cell (row 1, column 1) is x 1…2, y 8…9: the part with x + y ≤ 10 is the triangle
        // (1, 8), (2, 8), (1, 9) of area ½.
        #expect(whole.weight(row: 5, column: 3) == 1)
        #expect(abs(whole.weight(row: 1, column: 1) - 0.5) < 1e-6)
    }

    @Test func holesWorkWhateverTheirWindingAndClosure() throws {
        // Outer x 1…5, y 1…5 (16 cells) minus the hole x 2…4, y 2…4 (4 cells) = 12, with the hole
        // given in either direction, closed or not.
        let outer = rect(1, 1, 5, 5), hole = rect(2, 2, 4, 4)
        for h in [hole, Array(hole.reversed()), hole + [hole[0]]] {
            let s = try spans(zone(outer, holes: [h]))
            #expect(s.coveredCells == 12)
            #expect(s.weight(row: 6, column: 2) == 0 && s.weight(row: 5, column: 1) == 1)
        }
    }

    @Test func largeMapCoordinatesKeepTheirFractions() throws {
        // A UTM-like grid: 30 m cells from (440 000, 5 130 000). The square x 440 045…440 135,
        // y 5 129 865…5 129 955 is u 1.5…4.5 (u = (x − 440 000) / 30) and v 1.5…4.5
        // (v = (5 130 000 − y) / 30): 3 × 3 = 9 cells, corners ¼, edge cells ½, centre cells whole.
        let grid = GeoTransform(originX: 440_000, pixelWidth: 30, originY: 5_130_000, pixelHeight: -30)
        let s = try spans(zone(rect(440_045, 5_129_865, 440_135, 5_129_955)), grid: grid)
        #expect(abs(s.weight(row: 1, column: 1) - 0.25) < 1e-6 && abs(s.weight(row: 4, column: 4) - 0.25) < 1e-6)
        #expect(abs(s.weight(row: 1, column: 2) - 0.5) < 1e-6 && abs(s.weight(row: 3, column: 4) - 0.5) < 1e-6)
        #expect(s.weight(row: 2, column: 2) == 1 && s.weight(row: 3, column: 3) == 1)
        #expect(abs(s.coveredCells - 9) < 1e-6)
    }

    @Test func thinSliverKeepsItsArea() throws {
        // A needle from (0.5, 5) to (9.5, 5.0001) and back along y = 5: base 9 m, height 1e-4 m,
        // area 4.5e-4 cells, spread over the ten cells of row 4 (y 5…6) it crosses, columns 0–9, all partial.
        let s = try spans(zone([(0.5, 5), (9.5, 5), (9.5, 5.0001)]))
        #expect(abs(s.coveredCells - 4.5e-4) < 1e-9)
        #expect(s.spans.allSatisfy { $0.row == 4 && !$0.isFull })
        #expect(cells(s).count == 10)
    }

    @Test func aSliverThinnerThanTheSnapDistanceOnACellLineKeepsItsArea() throws {
        // x ∈ [2, 4], y ∈ [5, 5 + 5e-9]: every vertex lies within 1e-8 of the line y = 5, so snapping
        // alone would flatten the ring. It keeps its area, 2 × 5e-9 = 1e-8 cells, in row 4 (y 5…6),
        // columns 2 and 3; all-touched takes those two cells.
        let z = zone(rect(2, 5, 4, 5 + 5e-9))
        let exact = try spans(z, .exact)
        #expect(abs(exact.coveredCells - 1e-8) < 1e-15)
        #expect(cells(exact) == [[4, 2], [4, 3]])
        #expect(cells(try spans(z, .allTouched)) == [[4, 2], [4, 3]])
    }

    @Test func outsideWindowsAndEmptyRastersGiveNoCells() throws {
        let z = zone(rect(2, 2, 5, 5))
        #expect(try spans(z, window: PixelWindow(column: 20, row: 0, width: 5, height: 5)).isEmpty)
        #expect(try spans(z, width: 0, height: 0).isEmpty)
        #expect(try spans(z, window: PixelWindow(column: 0, row: 0, width: 10, height: 5)).isEmpty)
        #expect(try spans(z).bounds == PixelWindow(column: 2, row: 5, width: 3, height: 3))
        #expect(CoverageSpans().bounds == nil)
    }

    // MARK: Centre rule

    @Test func centreRuleTiesFollowGDAL() throws {
        // Diamond with its vertices on cell centres: centre (5.5, 5.5), radius 2. In grid units
        // (u = x, v = 10 − y) the vertices are (5.5, 2.5) top, (7.5, 4.5), (5.5, 6.5), (3.5, 4.5).
        // Scan line v = 2.5 (row 2) meets only the top vertex: nothing. v = 3.5 (row 3) crosses at
        // u 4.5 and 6.5: centres in (4.5, 6.5] → columns 5, 6. v = 4.5 (row 4) crosses at 3.5 and
        // 7.5 (the side vertices count once): columns 4–7. v = 5.5 (row 5): columns 5, 6. v = 6.5
        // meets only the bottom vertex: nothing. 2 + 4 + 2 = 8 cells: the five interior centres and
        // the three on the east half of the boundary.
        let s = try spans(zone([(5.5, 7.5), (7.5, 5.5), (5.5, 3.5), (3.5, 5.5)]), .center)
        #expect(cells(s) == [[3, 5], [3, 6], [4, 4], [4, 5], [4, 6], [4, 7], [5, 5], [5, 6]])
        // A square through centres: x 2.5…5.5 → centres u ∈ (2.5, 5.5] → columns 3–5; y 2.5…5.5 is
        // v 4.5…7.5 → rows 4–6 from the crossings (the north edge includes, the south edge does
        // not), and row 7 from the south edge, which GDAL fills as an exterior ring's bottom edge:
        // 12 cells, in either winding.
        let expected = Set((4...7).flatMap { r in (3...5).map { [r, $0] } })
        #expect(cells(try spans(zone(rect(2.5, 2.5, 5.5, 5.5)), .center)) == expected)
        #expect(cells(try spans(zone(rect(2.5, 2.5, 5.5, 5.5).reversed()), .center)) == expected)
        // The same square as a hole of x 0.5…8.5, y 0.5…8.5 removes the centres the square alone
        // would not take at its west edge but would at its east edge: on rows 4–6 (v 4.5…6.5, where
        // the hole's sides cross) the crossings 0.5, 2.5, 5.5, 8.5 keep columns 1–2 and 6–8. Its
        // south edge (row 7) stays in the zone, so the hole removes rows 4–6 × columns 3–5.
        let holed = try spans(zone(rect(0.5, 0.5, 8.5, 8.5), holes: [rect(2.5, 2.5, 5.5, 5.5)]), .center)
        let outer = cells(try spans(zone(rect(0.5, 0.5, 8.5, 8.5)), .center))
        #expect(cells(holed) == outer.subtracting((4...6).flatMap { r in (3...5).map { [r, $0] } }))
    }

    @Test func centreRuleMatchesGDALRasterizeCellForCell() throws {
        // GDAL 3.6's burnt cells for polygons with every edge and vertex on cell centres, in both
        // windings, with holes, multipolygons and a zone across the grid's corner
        // (Fixtures/reference/centre_ties_reference.py).
        let reference = try Fixtures.referenceJSON("centre_ties_reference.json")
        let grid = try #require(reference["grid"] as? [String: Any])
        let g = try #require(grid["geotransform"] as? [Double])
        let (width, height) = (try #require(grid["width"] as? Int), try #require(grid["height"] as? Int))
        let transform = GeoTransform(originX: g[0], pixelWidth: g[1], rowRotation: g[2], originY: g[3], columnRotation: g[4], pixelHeight: g[5])
        let cases = try #require(reference["cases"] as? [[String: Any]])
        #expect(cases.count == 28)
        for c in cases {
            let name = try #require(c["name"] as? String)
            let parts = try #require(c["polygons"] as? [[[[Double]]]])
            let zone = MultiPolygon(parts.map { rings in
                let r = rings.map { Ring($0.map { SIMD2($0[0], $0[1]) }) }
                return Polygon(exterior: r[0], holes: Array(r.dropFirst()))
            })
            let expected = Set(try #require(c["cells"] as? [[Int]]))
            let ours = cells(try spans(zone, .center, grid: transform, width: width, height: height))
            #expect(ours == expected, "\(name): extra \(ours.subtracting(expected).sorted { $0.lexicographicallyPrecedes($1) }), missing \(expected.subtracting(ours).sorted { $0.lexicographicallyPrecedes($1) })")
        }
    }

    @Test func centreRuleTilesNeighboursWithoutGapsOrOverlaps() throws {
        // The square x 2.5…6.5, y 2.5…6.5 holds 5 × 5 centres; with GDAL's ties its own cells are
        // columns 3–6 (the west edge out) and rows 3–7 (the north edge in, and the south edge as an
        // exterior's bottom edge). Cut along its diagonal, which runs through five of those centres
        // and has no horizontal edge, the two halves claim each cell of the square exactly once.
        let lower = try spans(zone([(2.5, 2.5), (6.5, 2.5), (6.5, 6.5)]), .center)
        let upper = try spans(zone([(2.5, 2.5), (6.5, 6.5), (2.5, 6.5)]), .center)
        let whole = try spans(zone(rect(2.5, 2.5, 6.5, 6.5)), .center)
        #expect(cells(whole) == Set((3...7).flatMap { r in (3...6).map { [r, $0] } }))
        #expect(cells(lower).isDisjoint(with: cells(upper)))
        #expect(cells(lower).union(cells(upper)) == cells(whole))
    }

    // MARK: All-touched rule

    @Test func allTouchedAlongAnEdgeThroughGridCorners() throws {
        // Triangle (1.5, 9.5), (3.5, 3.5), (1.5, 3.5): x ≥ 1.5, y ≥ 3.5 and x ≤ 2 + (8 − y) / 3; the
        // slanted edge passes exactly through the grid corners (2, 8) and (3, 5). Cells whose
        // interior meets it, row by row (the slanted edge's x at the row's lower y in brackets):
        // row 0 (y 9…10, x ≤ 1.67): column 1; row 1 (y 8…9, x ≤ 2 at y = 8, so column 2 only
        // at its corner): column 1; rows 2–4 (x ≤ 2.33, 2.67, 3.0 — the last only at a corner):
        // columns 1–2; rows 5–6 (x ≤ 3.33, 3.5): columns 1–3. 1 + 1 + 2·3 + 3·2 = 14 cells.
        let expected: Set<[Int]> = [[0, 1], [1, 1], [2, 1], [2, 2], [3, 1], [3, 2], [4, 1], [4, 2],
                                    [5, 1], [5, 2], [5, 3], [6, 1], [6, 2], [6, 3]]
        let unit = try spans(zone([(1.5, 9.5), (3.5, 3.5), (1.5, 3.5)]), .allTouched)
        #expect(cells(unit) == expected)
        #expect(unit.weights.isEmpty)
        // The same triangle on a 30 m UTM-like grid (x = 440 000 + 30u, y = 5 130 000 − 30v), where
        // the grid coordinates come out of divisions and the slope 1/3 is inexact.
        let grid = GeoTransform(originX: 440_000, pixelWidth: 30, originY: 5_130_000, pixelHeight: -30)
        let utm = try spans(zone([(440_045, 5_129_985), (440_105, 5_129_805), (440_045, 5_129_805)]), .allTouched, grid: grid)
        #expect(cells(utm) == expected)
        // Exact: area ½ · 2 · 6 = 6 cells; row 4, column 2 (x 2…3, y 5…6) holds x from 2 to
        // 2 + (8 − y)/3, i.e. ∫₅⁶ (8 − y)/3 dy = 2.5/3.
        // (Weights are Float: the sum of the 14 partial cells is good to about 1e-7 here.)
        let exact = try spans(zone([(1.5, 9.5), (3.5, 3.5), (1.5, 3.5)]))
        #expect(abs(exact.coveredCells - 6) < 1e-6)
        #expect(abs(exact.weight(row: 4, column: 2) - 2.5 / 3) < 1e-6)
        #expect(cells(exact).isSubset(of: expected))
    }

    @Test func allTouchedIsASupersetOnAStar() throws {
        // Cells with a positive exact fraction or an included centre are always touched.
        let star: [(Double, Double)] = (0..<10).map { k in
            let angle = Double(k) * .pi / 5 + 0.2, radius = k % 2 == 0 ? 3.9 : 1.6
            return (5.1 + radius * cos(angle), 4.8 + radius * sin(angle))
        }
        let z = zone(star)
        let touched = cells(try spans(z, .allTouched))
        #expect(cells(try spans(z)).isSubset(of: touched))
        #expect(cells(try spans(z, .center)).isSubset(of: touched))
    }

    @Test func allTouchedIgnoresCellsMetOnlyAlongTheirBorder() throws {
        // A U on grid lines: x 1…5, y 1…4 minus the notch x 2…4, y 2…4 → 12 − 4 = 8 cells. The
        // notch's cells (rows 6–7, columns 2–3) meet the zone only along their borders, so no rule
        // takes them: all-touched gives the same 8 cells as exact and centre.
        let u = zone([(1, 1), (5, 1), (5, 4), (4, 4), (4, 2), (2, 2), (2, 4), (1, 4)])
        let expected: Set<[Int]> = [[6, 1], [7, 1], [8, 1], [8, 2], [8, 3], [8, 4], [7, 4], [6, 4]]
        #expect(cells(try spans(u)) == expected)
        #expect(cells(try spans(u, .center)) == expected)
        #expect(cells(try spans(u, .allTouched)) == expected)
        // A square on grid lines (x 2…5, y 2…5: rows 5–7, columns 2–4) gives its 9 cells, whether or
        // not a second part far away widens the zone's bounding box.
        let square = polygon(rect(2, 2, 5, 5)), far = polygon(rect(8, 8, 9, 9))
        #expect(try spans(MultiPolygon([square]), .allTouched).coveredCells == 9)
        // 9 + the far part's single cell (row 1, column 8).
        #expect(try spans(MultiPolygon([square, far]), .allTouched).coveredCells == 10)
    }

    @Test func allTouchedInABlockRowIgnoresEdgesOfOtherRows() throws {
        // A trapezoid narrow at the top: (4.2, 5.5), (4.8, 5.5), (8.5, 2.5), (1.5, 2.5). Streaming
        // hands the kernel block rows; in the block of rows 0–4 only row 4 (y 5…6) meets it, for
        // y 5…5.5. There the left side runs from x = 4.2 down to 4.2 − 2.7 · 0.5/3 = 3.75 and the
        // right side from 4.8 to 4.8 + 3.7 · 0.5/3 ≈ 5.42: cells x 3…4, 4…5, 5…6 = columns 3–5.
        // The long bottom edge (y = 2.5, row 7) is outside the block and must touch nothing in it.
        let z = zone([(4.2, 5.5), (4.8, 5.5), (8.5, 2.5), (1.5, 2.5)])
        let block = try spans(z, .allTouched, window: PixelWindow(column: 0, row: 0, width: 10, height: 5))
        #expect(cells(block) == [[4, 3], [4, 4], [4, 5]])
        // Exact, same block: the strip's width goes from 0.6 at y = 5.5 to 5.42 − 3.75 = 1.67 at
        // y = 5, so its area is ½ · (0.6 + 1.6667) · 0.5 = 0.5667 cells.
        let exact = try spans(z, window: PixelWindow(column: 0, row: 0, width: 10, height: 5))
        #expect(abs(exact.coveredCells - 0.5 * (0.6 + (4.8 + 3.7 / 6) - (4.2 - 2.7 / 6)) * 0.5) < 1e-6)
    }

    @Test func farAwayVerticesClipInsteadOfTrapping() throws {
        // x and y from −1e25 to 1e25 hold the whole raster under every rule: 100 cells. Row and
        // column numbers of such vertices are beyond `Int`, so they must be clamped, not converted.
        let huge = zone(rect(-1e25, -1e25, 1e25, 1e25))
        for rule in CoverageRule.allCases {
            #expect(try spans(huge, rule).coveredCells == 100, "\(rule)")
        }
        // Finite map coordinates that overflow in grid units are refused like NaN.
        #expect(throws: CoverageError.nonFiniteCoordinate) {
            try spans(zone(rect(-1e308, 0, 1e308, 1)), grid: GeoTransform(originX: 0, pixelWidth: 1e-10, originY: 10, pixelHeight: -1))
        }
    }

    // MARK: Errors

    @Test func unusableGeometriesThrowTypedErrors() {
        #expect(throws: CoverageError.nonFiniteCoordinate) { try spans(zone([(1, 1), (2, .infinity), (3, 1)])) }
        #expect(throws: CoverageError.degenerateRing(vertices: 2)) { try spans(zone([(1, 1), (2, 2), (2, 2), (1, 1)])) }
        // Three distinct but collinear vertices enclose nothing.
        #expect(throws: CoverageError.self) { try spans(zone([(1, 1), (2, 2), (3, 3)])) }
        let sheared = GeoTransform(originX: 0, pixelWidth: 1, originY: 10, columnRotation: 0.2, pixelHeight: -1)
        #expect(throws: CoverageError.rotatedGrid) { try spans(zone(rect(1, 1, 2, 2)), grid: sheared) }
    }
}
