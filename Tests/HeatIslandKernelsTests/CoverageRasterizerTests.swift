import Foundation
import HeatIslandKernels
import Testing

/// Coverage on a 10 × 10 grid of 1 m cells with its top-left corner at (0, 10): cell (row r,
/// column c) is the square x ∈ [c, c+1], y ∈ [9 − r, 10 − r]. Every expected weight is worked out
/// by hand from the geometry.
struct CoverageRasterizerTests {
    static let grid = GeoTransform(originX: 0, pixelWidth: 1, rowRotation: 0, originY: 10, columnRotation: 0, pixelHeight: -1)

    func zone(_ rings: [[(Double, Double)]]) -> MultiPolygon {
        let r = rings.map { Ring($0.map { SIMD2($0.0, $0.1) }) }
        return MultiPolygon([Polygon(exterior: r[0], holes: Array(r.dropFirst()))])
    }

    func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> [(Double, Double)] {
        [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    }

    func spans(_ z: MultiPolygon, _ rule: CoverageRule = .exact, grid: GeoTransform = grid, window: PixelWindow? = nil) throws -> CoverageSpans {
        try CoverageRasterizer.spans(for: z, grid: grid, width: 10, height: 10, rule: rule, window: window)
    }

    @Test func squareOnCellLinesGivesFullRuns() throws {
        // x 2…5, y 2…5 → columns 2–4, rows 5–7: nine whole cells in three full runs.
        let s = try spans(zone([rect(2, 2, 5, 5)]))
        #expect(s.spans.count == 3 && s.spans.allSatisfy { $0.isFull && $0.start == 2 && $0.end == 5 })
        #expect(s.coveredCells == 9)
        #expect(s.bounds == PixelWindow(column: 2, row: 5, width: 3, height: 3))
    }

    @Test func halfCellOffsetGivesHalvesAndQuarters() throws {
        // x 2.5…5.5, y 2.5…5.5: rows 4–7, columns 2–5; corners ¼, edge cells ½, four inner cells 1.
        let s = try spans(zone([rect(2.5, 2.5, 5.5, 5.5)]))
        #expect(s.weight(row: 4, column: 2) == 0.25 && s.weight(row: 7, column: 5) == 0.25)
        #expect(s.weight(row: 4, column: 3) == 0.5 && s.weight(row: 5, column: 2) == 0.5)
        #expect(s.weight(row: 5, column: 3) == 1 && s.weight(row: 6, column: 4) == 1)
        #expect(abs(s.coveredCells - 9) < 1e-6)
    }

    @Test func triangleCutsCellsDiagonally() throws {
        // x + y ≤ 2 with legs of 2: row 9 (y 0…1) has column 0 whole and column 1 half;
        // row 8 (y 1…2) has column 0 half; total area 2.
        let s = try spans(zone([[(0, 0), (2, 0), (0, 2), (0, 0)]]))
        #expect(s.weight(row: 9, column: 0) == 1)
        #expect(abs(s.weight(row: 9, column: 1) - 0.5) < 1e-6)
        #expect(abs(s.weight(row: 8, column: 0) - 0.5) < 1e-6)
        #expect(s.weight(row: 8, column: 1) == 0)
        #expect(abs(s.coveredCells - 2) < 1e-9)
    }

    @Test func holesAreCutOut() throws {
        // 4 × 4 square minus a 2 × 2 hole = 12 cells; the hole's cells are absent.
        let s = try spans(zone([rect(1, 1, 5, 5), rect(2, 2, 4, 4)]))
        #expect(abs(s.coveredCells - 12) < 1e-9)
        #expect(s.weight(row: 6, column: 2) == 0 && s.weight(row: 6, column: 1) == 1)
    }

    @Test func zoneSmallerThanACell() throws {
        // 0.2 × 0.3 inside cell (row 6, column 3): weight 0.06, nothing else.
        let s = try spans(zone([rect(3.1, 3.1, 3.3, 3.4)]))
        #expect(s.spans.count == 1)
        #expect(abs(s.weight(row: 6, column: 3) - 0.06) < 1e-6)
    }

    @Test func zonesAcrossTheRasterEdgeCountOnlyTheInside() throws {
        // x −2…2, y 2…5: only columns 0–1 of rows 5–7 lie in the raster (6 cells).
        #expect(abs(try spans(zone([rect(-2, 2, 2, 5)])).coveredCells - 6) < 1e-9)
        // x 3…5, y 8.5…12: rows 0 (whole) and 1 (half) of columns 3–4 → 2 + 1 = 3.
        let top = try spans(zone([rect(3, 8.5, 5, 12)]))
        #expect(abs(top.coveredCells - 3) < 1e-9 && top.weight(row: 1, column: 4) == 0.5)
        // Entirely outside: no cells, no error.
        #expect(try spans(zone([rect(20, 20, 30, 30)])).isEmpty)
    }

    @Test func multipolygonPartsAddUp() throws {
        let parts = MultiPolygon([
            Polygon(exterior: Ring(rect(1, 1, 2, 2).map { SIMD2($0.0, $0.1) })),
            Polygon(exterior: Ring(rect(6, 6, 7.5, 7).map { SIMD2($0.0, $0.1) })),
        ])
        // 1 + 1.5 × 1 = 2.5 cells.
        #expect(abs(try spans(parts).coveredCells - 2.5) < 1e-9)
    }

    @Test func windingOrderDoesNotMatter() throws {
        let ccw = try spans(zone([rect(2.5, 2.5, 5.5, 5.5)]))
        let cw = try spans(zone([rect(2.5, 2.5, 5.5, 5.5).reversed()]))
        #expect(ccw == cw)
    }

    @Test func nonSquarePixels() throws {
        // 30 m × 20 m cells from (0, 100); the rectangle x 15…75, y 70…90 spans u 0.5…2.5, v 0.5…1.5:
        // rows 0 and 1 each get ¼, ½, ¼ → 2 cells = 1200 m² / 600 m².
        let grid = GeoTransform(originX: 0, pixelWidth: 30, rowRotation: 0, originY: 100, columnRotation: 0, pixelHeight: -20)
        let s = try spans(zone([rect(15, 70, 75, 90)]), grid: grid)
        #expect(s.weight(row: 0, column: 0) == 0.25 && s.weight(row: 1, column: 1) == 0.5)
        #expect(abs(s.coveredCells - 2) < 1e-9)
    }

    @Test func starPolygonAreaMatchesTheShoelaceFormula() throws {
        // A 14-point star around (5, 5), radii alternating 4.3 and 1.7, rotated off the grid lines.
        let points: [(Double, Double)] = (0..<14).map { k in
            let angle = Double(k) * .pi / 7 + 0.3, radius = k % 2 == 0 ? 4.3 : 1.7
            return (5 + radius * cos(angle), 5 + radius * sin(angle))
        }
        var twice = 0.0
        for k in 0..<14 {
            let (a, b) = (points[k], points[(k + 1) % 14])
            twice += a.0 * b.1 - b.0 * a.1
        }
        let s = try spans(zone([points + [points[0]]]))
        #expect(abs(s.coveredCells - abs(twice) / 2) < 1e-5)
        #expect(s.weights.allSatisfy { $0 > 0 && $0 < 1 })
    }

    @Test func windowsSplitAZoneExactly() throws {
        let z = zone([rect(2.5, 2.5, 5.5, 5.5)])
        let top = try spans(z, window: PixelWindow(column: 0, row: 0, width: 10, height: 6))
        let bottom = try spans(z, window: PixelWindow(column: 0, row: 6, width: 10, height: 4))
        let right = try spans(z, window: PixelWindow(column: 4, row: 0, width: 6, height: 10))
        // Rows 4–5 hold ¼ + ½ + ½ + ¼ + ½ + 1 + 1 + ½ = 4.5 cells; rows 6–7 the other 4.5.
        #expect(abs(top.coveredCells - 4.5) < 1e-9 && abs(bottom.coveredCells - 4.5) < 1e-9)
        // Columns 4–5: ½+1+1+¼ … = (½ + ¼) + (1 + ½) × 2 + (½ + ¼) = 4.5.
        #expect(abs(right.coveredCells - 4.5) < 1e-9)
        #expect(right.weight(row: 5, column: 4) == 1)
    }

    @Test func centerRuleOnADiamond() throws {
        // |x − 5| + |y − 5| < 2.2 holds for cell centres with |dx| + |dy| ∈ {1, 2}: 4 + 8 = 12 cells.
        let diamond = zone([[(5, 2.8), (7.2, 5), (5, 7.2), (2.8, 5), (5, 2.8)]])
        let s = try spans(diamond, .center)
        #expect(s.coveredCells == 12 && s.spans.allSatisfy(\.isFull))
        #expect(s.weight(row: 4, column: 4) == 1 && s.weight(row: 2, column: 4) == 0)
    }

    @Test func allTouchedContainsTheOtherRules() throws {
        let z = zone([[(2.2, 2.1), (7.7, 3.3), (5.1, 8.6), (2.2, 2.1)]])
        let exact = try spans(z), center = try spans(z, .center), touched = try spans(z, .allTouched)
        for r in 0..<10 {
            for c in 0..<10 {
                if exact.weight(row: r, column: c) > 0 || center.weight(row: r, column: c) > 0 {
                    #expect(touched.weight(row: r, column: c) == 1, "cell \(r), \(c)")
                }
            }
        }
        #expect(touched.coveredCells > exact.coveredCells)
    }

    @Test func badGeometriesAreTypedErrors() {
        #expect(throws: CoverageError.degenerateRing(vertices: 2)) { try spans(zone([[(1, 1), (2, 2), (1, 1)]])) }
        #expect(throws: CoverageError.nonFiniteCoordinate) { try spans(zone([[(1, 1), (.nan, 2), (3, 1)]])) }
        #expect(throws: CoverageError.emptyGeometry) { try spans(MultiPolygon([])) }
        // Three distinct collinear vertices: a polygon, but without area (it was "the geometry is empty").
        #expect(throws: CoverageError.noArea) { try spans(zone([[(1, 1), (2, 2), (3, 3), (1, 1)]])) }
        let rotated = GeoTransform(originX: 0, pixelWidth: 1, rowRotation: 0.1, originY: 10, columnRotation: 0, pixelHeight: -1)
        #expect(throws: CoverageError.rotatedGrid) { try spans(zone([rect(1, 1, 2, 2)]), grid: rotated) }
    }
}
