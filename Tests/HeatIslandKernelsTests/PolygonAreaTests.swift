import HeatIslandKernels
import Testing

/// Areas of rings far from the CRS's origin, against the shoelace formula evaluated in exact
/// rational arithmetic on the same Doubles (Python's `fractions.Fraction`).
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
}
