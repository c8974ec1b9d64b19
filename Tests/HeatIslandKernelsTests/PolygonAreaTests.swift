import HeatIslandKernels
import Testing

/// Areas of rings far from the CRS's origin, against the shoelace formula evaluated in exact
/// rational arithmetic on the same Doubles (Python's `fractions.Fraction`, in
/// Fixtures/reference/exact_area_reference.py).
struct PolygonAreaTests {
    /// A 0.12 m² sliver at Slovenian national-grid coordinates (a zone of the zonal fuzz test that
    /// crosses the raster's edge): its exact area is 0.12071733231240689 m². The shoelace products
    /// of raw coordinates are about 4.5e10 and round by 1e-5, which gave 0.12071990966796875 and a
    /// share of the zone on the raster off by 7e-5.
    @Test func aSmallRingFarFromTheOriginKeepsItsArea() {
        let ring = Ring([
            SIMD2(450105.009831827, 100070.02738784335),
            SIMD2(450013.2773553775, 100029.26535055347),
            SIMD2(450013.27791899635, 100029.2629690587),
        ])
        #expect(abs(ring.signedArea - 0.12071733231240689) < 1e-9 * 0.1207)
        // The same ring clockwise is the same area, negative.
        #expect(abs(Ring(ring.points.reversed()).signedArea + 0.12071733231240689) < 1e-9 * 0.1207)
    }

    /// The centroid of a 10 m square at (1000, 2000) with a 4 m square hole in its corner, worked
    /// by hand: (100 · (5, 5) − 16 · (2, 2)) / 84 from the corner, whichever way each ring winds.
    /// GeoJSON winds holes against their exterior, and such a hole had been added, not taken off.
    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func aHoleIsTakenOffTheCentroidWhateverTheWinding(exteriorClockwise: Bool, holeClockwise: Bool) throws {
        let polygon = Polygon(exterior: Self.square(1000, 2000, 10, clockwise: exteriorClockwise),
                              holes: [Self.square(1000, 2000, 4, clockwise: holeClockwise)])
        let centroid = try #require(MultiPolygon([polygon]).centroid)
        let expected = SIMD2<Double>(1000, 2000) + SIMD2(repeating: (100 * 5 - 16 * 2) / 84.0)
        #expect(abs(centroid.x - expected.x) < 1e-9 && abs(centroid.y - expected.y) < 1e-9, "\(centroid)")
    }

    /// Two parts wound against each other: a 2 m square at (0, 0) and a 2 m square at (10, 0)
    /// have their centroid midway, at (6, 1). Such parts had been subtracted from each other, which
    /// for equal parts gave no centroid and left the district out of the hot-spot test.
    @Test func partsWoundAgainstEachOtherBothCount() throws {
        let parts = MultiPolygon([Polygon(exterior: Self.square(0, 0, 2, clockwise: false)),
                                  Polygon(exterior: Self.square(10, 0, 2, clockwise: true))])
        #expect(parts.centroid == SIMD2(6, 1))
        #expect(parts.area == 8)
    }

    static func square(_ x: Double, _ y: Double, _ side: Double, clockwise: Bool) -> Ring {
        let corners = [SIMD2(x, y), SIMD2(x + side, y), SIMD2(x + side, y + side), SIMD2(x, y + side)]
        return Ring(clockwise ? corners.reversed() : corners)
    }
}
