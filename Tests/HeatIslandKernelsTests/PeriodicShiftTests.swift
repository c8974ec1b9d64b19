import HeatIslandKernels
import Testing

/// Parts moved by a full turn to meet a grid's longitudes, by hand.
struct PeriodicShiftTests {
    static func box(_ west: Double, _ east: Double) -> Polygon {
        Polygon(exterior: Ring([SIMD2(west, 0), SIMD2(east, 0), SIMD2(east, 1), SIMD2(west, 1), SIMD2(west, 0)]))
    }

    static func wests(_ m: MultiPolygon) -> [Double] { m.polygons.map { $0.exterior.points[0].x } }

    /// On a grid of 170…190°: −175° moves to 185°, 175° stays (it meets the grid), 0° stays (no
    /// copy meets it). On −190…−170°: 175° moves to −185°. A part cut at the antimeridian comes
    /// together: 179…180° stays, −180…−179° becomes 180…181°.
    @Test func partsMoveByATurnOnlyToMeetTheRange() {
        let parts = MultiPolygon([Self.box(-175, -170), Self.box(175, 178), Self.box(0, 5)])
        #expect(Self.wests(parts.shiftingParts(by: 360, toMeet: 170...190)) == [185, 175, 0])
        #expect(Self.wests(MultiPolygon([Self.box(175, 178)]).shiftingParts(by: 360, toMeet: -190 ... -170)) == [-185])
        let cut = MultiPolygon([Self.box(179, 180), Self.box(-180, -179)])
        #expect(Self.wests(cut.shiftingParts(by: 360, toMeet: 170...190)) == [179, 180])
    }
}
