import HeatIslandGDAL
import HeatIslandTestSupport
import Testing

/// Spatial references and point transformations; expected coordinates come from `gdaltransform`.
struct SpatialReferenceTests {
    /// UTM zones as the standard assigns them: 6° bands from 180° W, zone 32 widened over
    /// south-western Norway (Bergen) and zones 31, 33, 35, 37 over Svalbard (Longyearbyen), and a
    /// longitude past 180 taken a turn back.
    @Test(arguments: [(14.4, 46.1, 32633), (5.3, 60.4, 32632), (5.3, 55.9, 32631), (15.6, 78.2, 32633), (8.9, 78.0, 32631),
                      (181, 10, 32601), (-179, -16, 32701), (-354.7, 60.4, 32632), (179.9, -16.8, 32760), (-68.1, -16.5, 32719)])
    func utmZones(_ point: (Double, Double, Int)) {
        #expect(SpatialReference.utmZoneEPSG(longitude: point.0, latitude: point.1) == point.2)
    }

    /// A longitude PROJ could not give (NaN, ±∞) falls in zone 1 rather than trapping.
    @Test func aLongitudeThatIsNoNumberFallsInZoneOne() {
        #expect([Double.nan, .infinity, -.infinity].map { SpatialReference.utmZoneEPSG(longitude: $0, latitude: 46) } == [32601, 32601, 32601])
    }

    @Test func describesSloveniaD96TM() throws {
        let crs = try SpatialReference(epsg: 3794)
        #expect(crs.epsg == 3794)
        #expect(crs.name == "Slovenia 1996 / Slovene National Grid")
        #expect(crs.isProjected && !crs.isGeographic)
        #expect(crs.linearUnit.metres == 1)
        #expect(crs.description == "EPSG:3794")
    }

    /// Transverse Mercator parameters as the EPSG registry gives them: UTM 0.9996 and D96/TM 0.9999
    /// on the central meridian, both with a false easting of 500 000 m; Web Mercator and
    /// latitude–longitude are not transverse Mercator.
    @Test func readsTransverseMercatorParameters() throws {
        for (epsg, scale) in [(32633, 0.9996), (3794, 0.9999)] {
            let tm = try #require(try SpatialReference(epsg: epsg).transverseMercator)
            #expect(tm.scaleFactor == scale && tm.falseEasting == 500_000, "EPSG:\(epsg)")
        }
        #expect(try SpatialReference(epsg: 3857).transverseMercator == nil)
        #expect(try SpatialReference(epsg: 4326).transverseMercator == nil)
    }

    @Test func acceptsUserDefinitionsAndIdentifiesThem() throws {
        let wgs84 = try SpatialReference(definition: "EPSG:4326")
        #expect(wgs84.isGeographic && wgs84.epsg == 4326)
        let fromWKT = try SpatialReference(definition: try SpatialReference(epsg: 32633).wkt)
        #expect(fromWKT.epsg == 32633)
        #expect(fromWKT.isSame(as: try SpatialReference(epsg: 32633)))
        #expect(!fromWKT.isSame(as: wgs84))
        let proj = try SpatialReference(definition: "+proj=sinu +R=6371007.181 +units=m +no_defs")
        #expect(proj.epsg == nil && proj.isProjected)
    }

    @Test(arguments: ["EPSG:999999", "not a crs", "https://example.org/crs", ""])
    func rejectsUnknownDefinitions(_ definition: String) {
        #expect(throws: GDALError.self) { try SpatialReference(definition: definition) }
    }

    @Test func transformsLonLatToD96TMAsGdaltransform() throws {
        let t = try CoordinateTransform(from: SpatialReference(epsg: 4326), to: SpatialReference(epsg: 3794))
        // echo "14.3556 46.2389" | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:3794 -output_xy
        //   → 450302.931777368 122330.114807228 (lon/lat order: traditional GIS order is used).
        let p = try t.transform([(14.3556, 46.2389)])[0]
        #expect(abs(p.x - 450302.931777368) < 1e-6 && abs(p.y - 122330.114807228) < 1e-6)
        let back = try CoordinateTransform(from: SpatialReference(epsg: 3794), to: SpatialReference(epsg: 4326))
            .transform([p])[0]
        #expect(abs(back.x - 14.3556) < 1e-9 && abs(back.y - 46.2389) < 1e-9)
    }

    @Test func failsOnPointsOutsideTheProjection() throws {
        let t = try CoordinateTransform(from: SpatialReference(epsg: 4326), to: SpatialReference(epsg: 3794))
        #expect(throws: GDALError.self) { try t.transform([(14, 95)]) }
    }
}
