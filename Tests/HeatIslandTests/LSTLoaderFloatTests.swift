import Foundation
import HeatIsland
import HeatIslandTestSupport
import Testing

/// Float rasters in kelvin or °C: the unit comes from metadata or the caller, and a wrong unit is
/// caught rather than turned into nonsense temperatures.
struct LSTLoaderFloatTests {
    func raster(_ values: [Float], unit: String?, in dir: TemporaryDirectory, nodata: String? = nil) throws -> String {
        var r = HandMadeRaster(width: values.count, height: 1, values: .float32(values))
        r.unit = unit
        r.nodata = nodata
        return try r.write(named: "lst.vrt", in: dir)
    }

    @Test(arguments: ["K", "kelvin", "Kelvin"])
    func kelvinFromUnitMetadata(_ unit: String) throws {
        let dir = try TemporaryDirectory()
        let scene = try LSTLoader.load(path: raster([300, 310.5, -9999], unit: unit, in: dir, nodata: "-9999"))
        #expect(scene.product == .kelvin)
        // 300 − 273.15 = 26.85; 310.5 − 273.15 = 37.35; −9999 is nodata.
        #expect(abs(scene.raster.values[0] - 26.85) < 1e-4 && abs(scene.raster.values[1] - 37.35) < 1e-4)
        #expect(scene.raster.values[2].isNaN && scene.maskCounts.fill == 1)
    }

    @Test(arguments: ["degC", "°C", "Celsius", "deg_C"])
    func celsiusFromUnitMetadata(_ unit: String) throws {
        let dir = try TemporaryDirectory()
        let scene = try LSTLoader.load(path: raster([21.5, .nan, 35], unit: unit, in: dir))
        #expect(scene.product == .celsius)
        #expect(scene.raster.values[0] == 21.5 && scene.raster.values[2] == 35)
        #expect(scene.maskCounts.valid == 2 && scene.maskCounts.fill == 1)
    }

    @Test func unknownUnitMustBeStated() throws {
        let dir = try TemporaryDirectory()
        let path = try raster([21.5, 22], unit: nil, in: dir)
        #expect(throws: HeatIslandError.unknownUnit(path: path, unit: "")) { try LSTLoader.load(path: path) }
        let stated = try LSTLoader.load(path: path, options: LSTLoadOptions(product: .celsius))
        #expect(stated.raster.values == [21.5, 22])
    }

    @Test func kelvinClaimedAsCelsiusIsImplausible() throws {
        let dir = try TemporaryDirectory()
        let path = try raster([295, 300, 305, 310], unit: "degC", in: dir)
        do {
            _ = try LSTLoader.load(path: path)
            Issue.record("300 °C land surfaces were accepted")
        } catch {
            guard case .implausibleValues(let p, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(p == path)
        }
        // Widening the plausible range to 400 °C keeps such pixels, but must not hide the wrong unit.
        var wide = LSTLoadOptions()
        wide.plausibleCelsius = -40...400
        #expect { try LSTLoader.load(path: path, options: wide) } throws: {
            if case .implausibleValues = $0 as? HeatIslandError { return true } else { return false }
        }
        // Stating the right unit fixes it: 295 K = 21.85 °C.
        let fixed = try LSTLoader.load(path: path, options: LSTLoadOptions(product: .kelvin))
        #expect(abs(fixed.raster.values[0] - 21.85) < 1e-4)
    }

    @Test func aWidenedRangeKeepsAFewGenuinelyHotPixels() throws {
        // One fire pixel at 150 °C among three ordinary ones: kept with the range widened to 400 °C
        // (a quarter of the pixels beyond 90 °C is no sign of a wrong unit), dropped without it.
        let dir = try TemporaryDirectory()
        let path = try raster([25, 30, 150, 35], unit: "degC", in: dir)
        var wide = LSTLoadOptions()
        wide.plausibleCelsius = -40...400
        #expect(try LSTLoader.load(path: path, options: wide).raster.values == [25, 30, 150, 35])
        #expect(try LSTLoader.load(path: path).raster.values[2].isNaN)
    }

    @Test func infinitiesNeverBecomeTemperatures() throws {
        let dir = try TemporaryDirectory()
        let scene = try LSTLoader.load(path: raster([20, .infinity, -.infinity, 25], unit: "C", in: dir))
        #expect(scene.raster.values[1].isNaN && scene.raster.values[2].isNaN)
        #expect(scene.maskCounts.valid == 2)
    }
}
