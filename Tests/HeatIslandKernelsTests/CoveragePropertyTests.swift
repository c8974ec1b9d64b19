import Foundation
import HeatIslandKernels
import Testing

/// Properties every coverage result must have, checked on a few hundred pseudo-random polygons
/// (star-shaped, with and without a hole, half of them with vertices snapped to quarter cells so that
/// edges lie on grid lines and pass through grid corners). The expected totals come from the
/// shoelace formula, computed here independently of the kernel.
struct CoveragePropertyTests {
    static let grid = GeoTransform(originX: 100, pixelWidth: 2, originY: 300, pixelHeight: -1.5)
    static let size = (width: 40, height: 40)

    /// A fixed-seed generator so that a failure can be replayed.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
    }

    /// Twice the signed shoelace area.
    static func twiceArea(_ points: [SIMD2<Double>]) -> Double {
        var total = 0.0
        for k in points.indices {
            let a = points[k], b = points[(k + 1) % points.count]
            total += a.x * b.y - b.x * a.y
        }
        return total
    }

    /// A star around a centre inside the raster, in map coordinates, and its area in cells.
    static func randomZone(_ rng: inout SplitMix, trial: Int) -> (zone: MultiPolygon, cells: Double) {
        let cellArea = abs(grid.pixelWidth * grid.pixelHeight)
        // Centre and radius keep the star inside the 80 m × 60 m raster.
        let cx = 100 + 20 + rng.next() * 40, cy = 300 - 15 - rng.next() * 30
        // Snapped stars get few vertices and a radius of at least 4 m, so that moving a vertex by up
        // to a quarter cell (0.31 m) cannot change the angular order: the star stays simple and keeps
        // the hole inside.
        let snapped = trial % 2 == 0
        let radius = snapped ? 4 + rng.next() * 8 : 0.3 + rng.next() * 12
        let n = snapped ? 3 + Int(rng.next() * 8) : 3 + Int(rng.next() * 25)
        var points: [SIMD2<Double>] = []
        for k in 0..<n {
            let angle = Double(k) / Double(n) * 2 * .pi, r = radius * (0.35 + 0.65 * rng.next())
            var p = SIMD2(cx + r * cos(angle), cy + r * sin(angle))
            if snapped {
                // Quarter cells: x on multiples of 0.5 m, y on multiples of 0.375 m from the origin.
                p = SIMD2(100 + ((p.x - 100) / 0.5).rounded() * 0.5, 300 - ((300 - p.y) / 0.375).rounded() * 0.375)
            }
            if points.last != p { points.append(p) }
        }
        var area = abs(twiceArea(points)) / 2
        var holes: [Ring] = []
        if trial % 3 == 0 {
            // A small triangle around the centre, inside every star (the inner radius is ≥ 0.35 r).
            let h = 0.1 * radius
            let hole = [SIMD2(cx - h, cy - h), SIMD2(cx + h, cy - h), SIMD2(cx, cy + h)]
            holes.append(Ring(trial % 4 == 0 ? hole : hole.reversed()))
            area -= abs(twiceArea(hole)) / 2
        }
        return (MultiPolygon([Polygon(exterior: Ring(points), holes: holes)]), area / cellArea)
    }

    func spans(_ z: MultiPolygon, _ rule: CoverageRule, window: PixelWindow? = nil) throws -> CoverageSpans {
        try CoverageRasterizer.spans(
            for: z, grid: Self.grid, width: Self.size.width, height: Self.size.height, rule: rule, window: window)
    }

    func cells(_ s: CoverageSpans) -> Set<Int> {
        var out = Set<Int>()
        for span in s.spans {
            for c in Int(span.start)..<Int(span.end) { out.insert(Int(span.row) * 1000 + c) }
        }
        return out
    }

    @Test func randomStarsKeepTheirAreaAndRulesNest() throws {
        var rng = SplitMix(state: 2024)
        for trial in 0..<240 {
            let (z, expected) = Self.randomZone(&rng, trial: trial)
            let exact = try spans(z, .exact)
            // Σ weights is the area in cells (Float weights: relative error ≈ 1e-7).
            #expect(abs(exact.coveredCells - expected) < 1e-6 * max(1, expected), "trial \(trial)")
            #expect(exact.weights.allSatisfy { $0 > 0 && $0 <= 1 }, "trial \(trial)")
            // Spans are ordered, non-empty, and never overlap.
            var previous: (row: Int32, end: Int32) = (-1, 0)
            for span in exact.spans {
                #expect(span.start < span.end)
                #expect(span.row > previous.row || (span.row == previous.row && span.start >= previous.end))
                previous = (span.row, span.end)
            }
            // Winding does not matter.
            let reversed = MultiPolygon(z.polygons.map {
                Polygon(exterior: Ring($0.exterior.points.reversed()), holes: $0.holes)
            })
            #expect(abs(try spans(reversed, .exact).coveredCells - exact.coveredCells) < 1e-9)
            // Four windows share the zone out exactly.
            var total = 0.0
            for (r0, c0) in [(0, 0), (0, 17), (23, 0), (23, 17)] {
                let w = PixelWindow(column: c0, row: r0, width: c0 == 0 ? 17 : 23, height: r0 == 0 ? 23 : 17)
                total += try spans(z, .exact, window: w).coveredCells
            }
            #expect(abs(total - exact.coveredCells) < 1e-6 * max(1, expected), "trial \(trial)")
            // All-touched holds every cell of the other two rules.
            let touched = cells(try spans(z, .allTouched))
            #expect(cells(exact).isSubset(of: touched), "trial \(trial)")
            #expect(cells(try spans(z, .center)).isSubset(of: touched), "trial \(trial)")
        }
    }
}
