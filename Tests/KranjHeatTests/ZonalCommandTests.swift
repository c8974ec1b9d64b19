import Foundation
import HeatIslandTestSupport
import Testing

/// `kranj-heat zonal` output formats, checked against the zonal reference figures and GDAL's GeoJSON reader.
struct ZonalCommandTests {
    let raster = Fixtures.kranjLandsat("ST_B10.TIF")
    let zones = Fixtures.path("kranj/districts.gpkg")

    @Test func csvHasTheDocumentedColumnsAndOneRowPerZone() throws {
        let run = try CLIRunner.run(["zonal", "--raster", raster, "--zones", zones, "--percentiles", "90,95"])
        #expect(run.status == 0, "\(run.error)")
        let lines = run.output.split(separator: "\n")
        #expect(lines.first == "id,name,count,sum,mean,min,max,stddev,median,p90,p95,valid_fraction")
        #expect(lines.count == 27)
        // Besnica, first in the layer, against exactextract's mean (zonal_reference.json).
        let besnica = lines[1].split(separator: ",")
        let reference = try Self.exactextractBesnica()
        #expect(besnica[0] == "52601" && besnica[1] == "Besnica" && reference["name"] as? String == "Besnica")
        #expect(abs((Double(besnica[4]) ?? 0) - (reference["mean"] as? Double ?? .nan)) < 1e-4)
    }

    /// exactextract's figures for Besnica, the first district (`zonal_reference.py`).
    static func exactextractBesnica() throws -> [String: Any] {
        try #require((try Fixtures.referenceJSON("zonal_reference.json")["exact"] as? [[String: Any]])?.first)
    }

    /// A Shapefile without its .prj is refused with the way out; given its CRS (`--zones-crs`) it
    /// gives exactextract's figures. A CRS stated over a wrong label wins, and a geographic one
    /// stated over metres is refused as the caller's mistake.
    @Test func zonesWithoutACRSTakeTheOneStated() throws {
        let dir = try TemporaryDirectory()
        let shapefile = dir.file("districts.shp")
        #expect(try ExternalTool.run("ogr2ogr", ["-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", shapefile, zones]).status == 0)
        try FileManager.default.removeItem(atPath: dir.file("districts.prj"))
        let refused = try CLIRunner.run(["zonal", "--raster", raster, "--zones", shapefile])
        #expect(refused.status == 2 && refused.error.contains("\(shapefile): has no coordinate reference system; state the one its coordinates are in (--zones-crs EPSG:"), "\(refused.error)")
        // districts.gpkg is in EPSG:3794, Slovenia 1996 / Slovene National Grid.
        let stated = try CLIRunner.run(["zonal", "--raster", raster, "--zones", shapefile, "--zones-crs", "EPSG:3794"])
        #expect(stated.status == 0, "\(stated.error)")
        let lines = stated.output.split(separator: "\n")
        try #require(lines.count == 27)
        let besnica = lines[1].split(separator: ",")
        let reference = try Self.exactextractBesnica()
        #expect(besnica[1] == "Besnica" && abs((Double(besnica[4]) ?? 0) - (reference["mean"] as? Double ?? .nan)) < 1e-4)
        let degrees = try CLIRunner.run(["zonal", "--raster", raster, "--zones", shapefile, "--zones-crs", "EPSG:4326"])
        #expect(degrees.status == 2 && degrees.error.contains("are not longitudes and latitudes, yet the CRS stated for it is geographic (EPSG:4326)"), "\(degrees.error)")
        let mislabelled = dir.file("mislabelled.gpkg")
        #expect(try ExternalTool.run("ogr2ogr", ["-a_srs", "EPSG:4326", mislabelled, zones]).status == 0)
        let overridden = try CLIRunner.run(["zonal", "--raster", raster, "--zones", mislabelled, "--zones-crs", "EPSG:3794"])
        #expect(overridden.status == 0 && overridden.output == stated.output, "\(overridden.error)")
    }

    @Test func inMemoryGivesTheExactextractFiguresToo() throws {
        let run = try CLIRunner.run(["zonal", "--in-memory", "--raster", raster, "--zones", zones])
        #expect(run.status == 0, "\(run.error)")
        let besnica = run.output.split(separator: "\n")[1].split(separator: ",")
        let reference = try Self.exactextractBesnica()
        #expect(abs((Double(besnica[2]) ?? 0) - (reference["count"] as? Double ?? .nan)) < 1e-3)
        #expect(abs((Double(besnica[4]) ?? 0) - (reference["mean"] as? Double ?? .nan)) < 1e-4)
    }

    @Test func geojsonIsReadableByGDALInLonLat() throws {
        let dir = try TemporaryDirectory()
        let out = dir.file("districts.geojson")
        let run = try CLIRunner.run(["zonal", "--raster", raster, "--zones", zones, "--format", "geojson", "--output", out])
        #expect(run.status == 0, "\(run.error)")
        let info = try ExternalTool.run("ogrinfo", ["-ro", "-al", "-so", out])
        #expect(info.status == 0)
        #expect(info.output.contains("Feature Count: 26"))
        #expect(info.output.contains("mean: Real"))
        #expect(info.output.contains("ID[\"EPSG\",4326]"))
        // The districts' id field is an integer field, and stays a number, so that a join back to
        // the source layer matches (it had been written as the string "52601").
        #expect(info.output.contains("id: Integer"), "\(info.output)")
        // Ids that are text in the source stay text, leading zeros and all.
        let text = dir.file("text_ids.geojson")
        let converted = try ExternalTool.run("ogr2ogr", ["-f", "GeoJSON", text, zones, "-sql", "SELECT geom, '00' || CAST(id AS TEXT) AS id, name FROM districts"])
        #expect(converted.status == 0, "\(converted.error)")
        let textRun = try CLIRunner.run(["zonal", "--raster", raster, "--zones", text, "--format", "geojson"])
        let features = (try JSONSerialization.jsonObject(with: Data(textRun.output.utf8)) as? [String: Any])?["features"] as? [[String: Any]]
        #expect((features?.first?["properties"] as? [String: Any])?["id"] as? String == "0052601", "\(textRun.error)")
    }

    @Test func jsonRows() throws {
        let run = try CLIRunner.run(["zonal", "--raster", raster, "--zones", zones, "--format", "json", "--rule", "center"])
        #expect(run.status == 0, "\(run.error)")
        let rows = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]] ?? []
        #expect(rows.count == 26 && rows.first?["id"] as? String == "52601")
        // Cell counts and covered area against GDAL rasterize's cells (zonal_reference.json, "center"):
        // valid and missing cells, and 900 m² per covered 30 m cell.
        let reference = try Fixtures.referenceJSON("zonal_reference.json")["center"] as? [String: [String: Int]] ?? [:]
        for row in rows {
            let id = row["id"] as? String ?? "", gdal = try #require(reference[id])
            let cells = try #require(gdal["cells"]), valid = try #require(gdal["valid"])
            #expect(row["valid_cells"] as? Int == valid && row["missing_cells"] as? Int == cells - valid, "\(id)")
            #expect(abs((row["covered_area"] as? Double ?? 0) - Double(cells) * 900) < 1e-3, "\(id)")
        }
        #expect(rows.contains { ($0["missing_cells"] as? Int ?? 0) > 0 })
    }

    @Test func zonesPartlyOutsideTheSceneShowItInValidFraction() throws {
        // Podblica (52618, 11.74 km²) reaches west beyond the 20 × 20 km scene: only part has data.
        // Its share with data is exactextract's coverage-weighted count of valid 30 m cells over its
        // area in EPSG:32633 (zonal_reference.json: 2894.847 × 900 m² / 11 734 492 m² = 0.2220).
        let run = try CLIRunner.run(["zonal", "--raster", raster, "--zones", zones])
        #expect(run.status == 0, "\(run.error)")
        let reference = try Fixtures.referenceJSON("zonal_reference.json")
        let exact = try #require((reference["exact"] as? [[String: Any]])?.first { $0["name"] as? String == "Podblica" })
        let count = try #require(exact["count"] as? Double), area = try #require((reference["areas"] as? [String: Double])?["52618"])
        let podblica = try #require(run.output.split(separator: "\n").first { $0.hasPrefix("52618,") }?.split(separator: ","))
        let fraction = try #require(podblica.last.flatMap { Double($0) })
        #expect(abs(fraction - count * 900 / area) < 1e-4, "\(fraction)")
    }

    @Test func badZonesAreBadInput() throws {
        let dir = try TemporaryDirectory()
        let notes = dir.file("zones.geojson")
        try "not json".write(toFile: notes, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["zonal", "--raster", raster, "--zones", notes])
        #expect(run.status == 2)
        #expect(run.error.contains(notes))
        let field = try CLIRunner.run(["zonal", "--raster", raster, "--zones", zones, "--id-field", "nope"])
        #expect(field.status == 2 && field.error.contains("no field 'nope'"))
        // An empty item, hex and a negative number are mistakes, each refused by name.
        for text in ["90,,95", "90,", "0x10", "-1"] {
            let run = try CLIRunner.run(["zonal", "--raster", raster, "--zones", zones, "--percentiles", text])
            #expect(run.status == 2 && run.error.contains("percentiles must be numbers from 0 to 100") && run.error.contains(text), "\(text): \(run.error)")
        }
    }
}
