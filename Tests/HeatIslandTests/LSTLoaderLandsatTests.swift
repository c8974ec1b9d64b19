import Foundation
import HeatIsland
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Landsat decoding on hand-made 4 × 2 scenes whose every pixel is worked out by hand:
/// kelvin = DN × 0.00341802 + 149.0 (USGS C2 L2 guide), °C = K − 273.15.
struct LSTLoaderLandsatTests {
    static let name = "LC09_L2SP_190028_20240715_20240716_02_T1"
    // QA_PIXEL words: 21824 = clear (bits 6, 8, 10, 12, 14); 21952 = clear water (+ bit 7);
    // 22280 = cloud (bit 3, high confidence); 23888 = cloud shadow (bit 4); 1 = fill (bit 0).
    static let qa: [UInt16] = [21824, 1, 21824, 22280, 23888, 21824, 21952, 21824]
    // 43889 → 299.01348 K = 25.86348 °C; 14921 → 200.00028 K = −73.15 °C (implausible);
    // 46815 → 309.01461 K = 35.86461 °C.
    static let dn: [UInt16] = [43889, 43889, 0, 43889, 43889, 14921, 43889, 46815]

    func scene(in dir: TemporaryDirectory, qa: [UInt16]? = Self.qa, qaWidth: Int = 4) throws -> String {
        var st = HandMadeRaster(width: 4, height: 2, values: .uint16(Self.dn))
        st.nodata = "0"
        let path = try st.write(named: "\(Self.name)_ST_B10.vrt", in: dir)
        if let qa {
            try HandMadeRaster(width: qaWidth, height: qa.count / qaWidth, values: .uint16(qa))
                .write(named: "\(Self.name)_QA_PIXEL.vrt", in: dir)
        }
        return path
    }

    @Test func decodesAndMasksByCause() throws {
        let dir = try TemporaryDirectory()
        let scene = try LSTLoader.load(path: scene(in: dir))
        #expect(scene.product == .landsatC2L2)
        #expect(scene.calibration.source == .productDefault)
        #expect(scene.qualityPath == dir.file("\(Self.name)_QA_PIXEL.vrt"))
        let v = scene.raster.values
        #expect(abs(v[0] - 25.86348) < 1e-3)
        #expect(abs(v[6] - 25.86348) < 1e-3)
        #expect(abs(v[7] - 35.86461) < 1e-3)
        #expect([1, 2, 3, 4, 5].allSatisfy { v[$0].isNaN })
        let c = scene.maskCounts
        // Pixel 1: QA fill; pixel 2: ST fill; 3: cloud; 4: shadow; 5: −73 °C; water kept by default.
        #expect(c.valid == 3 && c.fill == 2 && c.cloud == 1 && c.cloudShadow == 1 && c.outOfRange == 1)
        #expect(c.water == 0 && c.total == 8)
    }

    @Test func optionalMasksAndRangeAreTheCallers() throws {
        let dir = try TemporaryDirectory()
        var options = LSTLoadOptions()
        options.qualityMask.insert(.water)
        options.plausibleCelsius = 30...80
        let c = try LSTLoader.load(path: scene(in: dir), options: options).maskCounts
        // Water now masks pixel 6; 25.86 °C (pixel 0) falls below 30 °C; only pixel 7 survives.
        #expect(c.water == 1 && c.valid == 1 && c.outOfRange == 2)
    }

    @Test func withoutQualityOnlyNodataAndRangeMask() throws {
        let dir = try TemporaryDirectory()
        var options = LSTLoadOptions()
        options.useQuality = false
        let scene = try LSTLoader.load(path: scene(in: dir), options: options)
        #expect(scene.qualityPath == nil)
        // Only the ST fill (pixel 2) and the −73 °C pixel are masked.
        #expect(scene.maskCounts.valid == 6 && scene.maskCounts.fill == 1 && scene.maskCounts.outOfRange == 1)
    }

    @Test func calibrationFromRasterMetadataWins() throws {
        let dir = try TemporaryDirectory()
        var st = HandMadeRaster(width: 2, height: 1, values: .uint16([0, 20000]))
        (st.nodata, st.scale, st.offset) = ("0", 0.01, 100)
        let path = try st.write(named: "\(Self.name)_ST_B10.vrt", in: dir)
        var options = LSTLoadOptions()
        options.useQuality = false
        let scene = try LSTLoader.load(path: path, options: options)
        #expect(scene.calibration.source == .rasterMetadata)
        // 20000 × 0.01 + 100 = 300 K = 26.85 °C.
        #expect(abs(scene.raster.values[1] - 26.85) < 1e-4)
    }

    /// QA words stored as Int16 (as some tools write them) are taken bit for bit: 0xC008 is cloud
    /// (bit 3) with high cirrus confidence (bits 14–15), −16 376 as Int16. GDAL's conversion to
    /// UInt16 had made it 0, clear, and the cloud a land temperature.
    @Test func qualityWordsStoredAsInt16KeepTheirBits() throws {
        let dir = try TemporaryDirectory()
        let path = try scene(in: dir, qa: nil)
        let words = Self.qa.enumerated().map { $0.offset == 3 ? UInt16(0xC008) : $0.element }
        try HandMadeRaster(width: 4, height: 2, values: .int16(words.map { Int16(bitPattern: $0) }))
            .write(named: "\(Self.name)_QA_PIXEL.vrt", in: dir)
        let scene = try LSTLoader.load(path: path)
        #expect(scene.raster.values[3].isNaN && scene.maskCounts.cloud == 1, "\(scene.maskCounts)")
    }

    /// The ST_QA band (Int16 uncertainties in hundredths of a kelvin, on the same grid) given as
    /// the QA band is refused by name: its values had been read as flags.
    @Test func theTemperatureUncertaintyBandIsNoQualityBand() throws {
        let dir = try TemporaryDirectory()
        let path = try scene(in: dir, qa: nil)
        let stqa = try HandMadeRaster(width: 4, height: 2, values: .int16([120, 130, -9999, 200, 310, 95, 150, 180]))
            .write(named: "\(Self.name)_ST_QA.vrt", in: dir)
        var options = LSTLoadOptions()
        options.qualityPath = stqa
        #expect(performing: { try LSTLoader.load(path: path, options: options) }, throws: { error in
            guard case .qualityGridMismatch(_, _, let detail) = error as? HeatIslandError else { return false }
            return detail.hasPrefix("it is the surface-temperature uncertainty band (ST_QA)")
        })
    }

    /// A band under its USGS name converted to kelvin and read as `kelvin`: the QA band beside it
    /// still masks the clouds (it had been passed over, and the cloud counted as land).
    @Test func aLandsatNamedBandReadAsKelvinKeepsItsQualityBand() throws {
        let dir = try TemporaryDirectory()
        let kelvin = Self.dn.map { $0 == 0 ? Float.nan : Float(Double($0) * 0.00341802 + 149.0) }
        var st = HandMadeRaster(width: 4, height: 2, values: .float32(kelvin))
        st.unit = "K"
        let path = try st.write(named: "\(Self.name)_ST_B10.vrt", in: dir)
        try HandMadeRaster(width: 4, height: 2, values: .uint16(Self.qa)).write(named: "\(Self.name)_QA_PIXEL.vrt", in: dir)
        var options = LSTLoadOptions()
        options.product = .kelvin
        let scene = try LSTLoader.load(path: path, options: options)
        #expect(scene.qualityPath == dir.file("\(Self.name)_QA_PIXEL.vrt"))
        #expect([1, 3, 4].allSatisfy { scene.raster.values[$0].isNaN } && scene.maskCounts.cloud == 1 && scene.maskCounts.cloudShadow == 1)
        #expect(abs(scene.raster.values[0] - 25.86348) < 1e-3)
    }

    @Test func qualityBandOnAnotherGridIsAnError() throws {
        let dir = try TemporaryDirectory()
        let path = try scene(in: dir, qa: [21824, 21824, 21824, 21824, 21824, 21824], qaWidth: 3)
        #expect(throws: HeatIslandError.self) { try LSTLoader.load(path: path) }
        do { _ = try LSTLoader.load(path: path) } catch {
            guard case .qualityGridMismatch = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.description.contains("QA_PIXEL"))
        }
    }

    /// The temperature raster given as its own QA band passes the grid and type checks, and its
    /// values then mask nearly every pixel as flags (423 026 valid pixels became 13 804).
    @Test func theRasterItselfIsNoQualityBand() throws {
        var options = LSTLoadOptions()
        options.qualityPath = Fixtures.kranjLandsat("ST_B10.TIF")
        #expect(performing: { try LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"), options: options) }, throws: { error in
            guard case .qualityGridMismatch(_, _, let detail) = error as? HeatIslandError else { return false }
            return detail == "the QA band is the temperature raster itself"
        })
    }

    @Test func everythingMaskedIsAnError() throws {
        let dir = try TemporaryDirectory()
        let path = try scene(in: dir, qa: [UInt16](repeating: 1, count: 8))
        #expect { try LSTLoader.load(path: path) } throws: { error in
            guard case .noValidPixels(let p, _) = error as? HeatIslandError else { return false }
            return p == path
        }
    }

    @Test func explicitQualityPathIsUsed() throws {
        let dir = try TemporaryDirectory()
        let path = try scene(in: dir, qa: nil)
        let qa = try HandMadeRaster(width: 4, height: 2, values: .uint16(Self.qa)).write(named: "clouds.vrt", in: dir)
        var options = LSTLoadOptions()
        options.qualityPath = qa
        let scene = try LSTLoader.load(path: path, options: options)
        #expect(scene.qualityPath == qa && scene.maskCounts.cloud == 1)
    }
}

/// What must go with a Landsat band: its own QA band on its grid, and its own MTL.
struct LandsatCompanionFileTests {
    /// The Kranj fixture's ST_B10 and QA_PIXEL copied into `dir`, with `mtl` (the fixture's MTL
    /// after `edit`) beside them; returns the ST_B10 path.
    func kranj(in dir: TemporaryDirectory, mtl edit: ((String) -> String)? = nil) throws -> String {
        let name = "LC09_L2SP_190028_20240715_20240716_02_T1"
        for suffix in ["ST_B10.TIF", "QA_PIXEL.TIF"] {
            try FileManager.default.copyItem(atPath: Fixtures.kranjLandsat(suffix), toPath: dir.file("\(name)_\(suffix)"))
        }
        if let edit {
            try edit(try String(contentsOfFile: Fixtures.kranjLandsat("MTL.txt"), encoding: .utf8))
                .write(toFile: dir.file("\(name)_MTL.txt"), atomically: true, encoding: .utf8)
        }
        return dir.file("\(name)_ST_B10.TIF")
    }

    @Test func aLandsatBandWithoutItsQualityBandIsRefused() throws {
        // Without QA_PIXEL the cold cloud tops would pass for land: 436 964 "valid" pixels down to
        // 2 °C instead of 423 026 from 20.6 °C (lst_reference.json, counts with and without QA).
        let dir = try TemporaryDirectory()
        let path = try kranj(in: dir, mtl: { $0 })
        try FileManager.default.removeItem(atPath: dir.file("LC09_L2SP_190028_20240715_20240716_02_T1_QA_PIXEL.TIF"))
        #expect(throws: HeatIslandError.missingQualityBand(path: path)) { try LSTLoader.load(path: path) }
        var unmasked = LSTLoadOptions()
        unmasked.useQuality = false
        let reference = try #require(try Fixtures.referenceJSON("lst_reference.json")["kranjLandsat"] as? [String: Any])
        let withoutQA = try #require((reference["countsWithoutQA"] as? [String: Int])?["valid"])
        #expect(try LSTLoader.load(path: path, options: unmasked).maskCounts.valid == withoutQA)
    }

    @Test func aQualityBandInAnotherCRSIsRefused() throws {
        // Same size and geotransform, but EPSG:32634 against the band's EPSG:32633.
        let dir = try TemporaryDirectory()
        var st = HandMadeRaster(width: 4, height: 2, values: .uint16(LSTLoaderLandsatTests.dn))
        st.nodata = "0"
        let path = try st.write(named: "\(LSTLoaderLandsatTests.name)_ST_B10.vrt", in: dir)
        var qa = HandMadeRaster(width: 4, height: 2, values: .uint16(LSTLoaderLandsatTests.qa))
        qa.srs = "EPSG:32634"
        try qa.write(named: "\(LSTLoaderLandsatTests.name)_QA_PIXEL.vrt", in: dir)
        #expect { try LSTLoader.load(path: path) } throws: { "\($0)".contains("coordinate reference systems differ") }
    }

    @Test func anMTLOfAnotherSceneOrWithoutTheBandsCalibrationIsRefused() throws {
        let other = try TemporaryDirectory()
        let path = try kranj(in: other) { $0.replacingOccurrences(of: "LC09_L2SP_190028_20240715_20240716_02_T1", with: "LC08_L2SP_190028_20190714_20200827_02_T1") }
        #expect { try LSTLoader.load(path: path) } throws: {
            "\($0)".contains("describes LC08_L2SP_190028_20190714_20200827_02_T1, the raster is LC09_L2SP_190028_20240715_20240716_02_T1")
        }
        // Renamed, the raster carries no product id: the MTL is checked by place. The same MTL with
        // its corners one path east (185 km) is another scene of the same zone.
        let renamed = try TemporaryDirectory()
        try FileManager.default.copyItem(atPath: Fixtures.kranjLandsat("ST_B10.TIF"), toPath: renamed.file("kranj_lst.tif"))
        // The MTL given names the product of a UInt16 raster that nothing else names.
        var options = LSTLoadOptions()
        options.qualityPath = Fixtures.kranjLandsat("QA_PIXEL.TIF")
        options.metadataPath = Fixtures.kranjLandsat("MTL.txt")
        #expect(try LSTLoader.load(path: renamed.file("kranj_lst.tif"), options: options).acquisitionDate == "2024-07-15")
        // The Kranj MTL with its corners' eastings replaced, written beside the renamed band.
        func mtl(named name: String, west: String, east: String) throws -> String {
            try String(contentsOfFile: Fixtures.kranjLandsat("MTL.txt"), encoding: .utf8)
                .replacingOccurrences(of: "CORNER_UL_PROJECTION_X_PRODUCT = 440310.000", with: "CORNER_UL_PROJECTION_X_PRODUCT = \(west)")
                .replacingOccurrences(of: "CORNER_LR_PROJECTION_X_PRODUCT = 460320.000", with: "CORNER_LR_PROJECTION_X_PRODUCT = \(east)")
                .write(toFile: renamed.file(name), atomically: true, encoding: .utf8)
            return renamed.file(name)
        }
        options.metadataPath = try mtl(named: "other_MTL.txt", west: "625310.000", east: "645320.000")
        #expect { try LSTLoader.load(path: renamed.file("kranj_lst.tif"), options: options) } throws: {
            "\($0)".hasSuffix("it describes a scene from x 625310 to 645320, y 5110800 to 5130810 m in UTM zone 33, and \(renamed.file("kranj_lst.tif")) lies at x 440310 to 460320, y 5110800 to 5130810, outside it")
        }
        // Corners at 1e19 m are finite, so the MTL is read; the refusal names them (it trapped
        // converting them to Int for the message).
        options.metadataPath = try mtl(named: "far_MTL.txt", west: "1e19", east: "2e19")
        #expect { try LSTLoader.load(path: renamed.file("kranj_lst.tif"), options: options) } throws: {
            "\($0)".contains("it describes a scene from x 10000000000000000000 to 20000000000000000000, y 5110800 to 5130810 m in UTM zone 33")
        }
        // Warped to D96/TM, the band can only be checked for meeting the scene on its UTM grid:
        // with its own MTL it passes, with the one a path east it is refused.
        for band in ["ST_B10", "QA_PIXEL"] {
            let warp = try ExternalTool.run("gdalwarp", ["-q", "-t_srs", "EPSG:3794", "-r", "near", Fixtures.kranjLandsat("\(band).TIF"), renamed.file("d96_\(band).tif")])
            #expect(warp.status == 0, "\(warp.error)")
        }
        var warped = LSTLoadOptions()
        (warped.qualityPath, warped.metadataPath) = (renamed.file("d96_QA_PIXEL.tif"), Fixtures.kranjLandsat("MTL.txt"))
        #expect(try LSTLoader.load(path: renamed.file("d96_ST_B10.tif"), options: warped).acquisitionDate == "2024-07-15")
        warped.metadataPath = renamed.file("other_MTL.txt")
        #expect { try LSTLoader.load(path: renamed.file("d96_ST_B10.tif"), options: warped) } throws: {
            "\($0)".contains("it describes a scene from x 625310 to 645320, y 5110800 to 5130810 m in UTM zone 33, and \(renamed.file("d96_ST_B10.tif")) lies at x 4403")
                && "\($0)".hasSuffix("(its outline taken to that zone), outside it")
        }
        // The real sample is the whole scene resampled to 512 × 512 cells: its edges lie half a 30 m
        // cell beyond the MTL's corner cell centres, and it passes under any name.
        let sample = try TemporaryDirectory()
        try FileManager.default.copyItem(atPath: Fixtures.landsatSample("ST_B10.TIF"), toPath: sample.file("bolivia.tif"))
        var own = LSTLoadOptions()
        (own.qualityPath, own.metadataPath) = (Fixtures.landsatSample("QA_PIXEL.TIF"), Fixtures.landsatSample("MTL.xml"))
        #expect(try LSTLoader.load(path: sample.file("bolivia.tif"), options: own).acquisitionDate == "2019-01-14")
        let bare = try TemporaryDirectory()
        let stripped = try kranj(in: bare) { $0.split(separator: "\n").filter { !$0.contains("TEMPERATURE_") }.joined(separator: "\n") }
        #expect { try LSTLoader.load(path: stripped) } throws: { "\($0)".contains("no TEMPERATURE_MULT_BAND_ST_B10") }
    }
}
