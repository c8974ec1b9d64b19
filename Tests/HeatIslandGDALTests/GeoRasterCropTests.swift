import HeatIslandGDAL
import HeatIslandKernels
import Testing

/// Windows from map rectangles and crops, worked by hand on a 4 × 3 grid of 10 m cells at (1000, 2030).
struct GeoRasterCropTests {
    func grid() throws -> GeoRaster {
        try GeoRaster(width: 4, height: 3,
                      transform: GeoTransform(originX: 1000, pixelWidth: 10, rowRotation: 0, originY: 2030, columnRotation: 0, pixelHeight: -10),
                      spatialReference: SpatialReference(epsg: 32633), values: (0..<12).map(Float.init))
    }

    @Test func windowCoversPartCellsAndClipsToTheGrid() throws {
        let g = try grid()
        // x 1015…1025 touches columns 1 and 2; y 2005…2012 touches rows 1 and 2.
        #expect(g.window(coveringMinX: 1015, minY: 2005, maxX: 1025, maxY: 2012) == PixelWindow(column: 1, row: 1, width: 2, height: 2))
        #expect(g.window(coveringMinX: 900, minY: 1900, maxX: 5000, maxY: 3000) == .full(width: 4, height: 3))
        #expect(g.window(coveringMinX: 2000, minY: 1900, maxX: 2100, maxY: 2000) == nil)
    }

    @Test func cropKeepsValuesAndMovesTheOrigin() throws {
        let crop = try #require(try grid().cropped(to: PixelWindow(column: 1, row: 1, width: 2, height: 2)))
        #expect(crop.values == [5, 6, 9, 10])
        #expect(crop.transform.originX == 1010 && crop.transform.originY == 2020)
        #expect(try grid().cropped(to: PixelWindow(column: 3, row: 0, width: 2, height: 1)) == nil)
    }

    /// Outside the grid there is no data: NaN, and a value set there is dropped (it trapped).
    @Test func cellsOutsideTheGridAreMissing() throws {
        var g = try grid()
        #expect(g[3, 2] == 11 && g[4, 0].isNaN && g[0, -1].isNaN && g[Int.max, Int.max].isNaN)
        g[10, 10] = 99
        #expect(g.values == (0..<12).map(Float.init))
    }

    /// A size whose cell count overflows is refused with a message, not a trap while writing it.
    @Test func sizesThatDoNotAddUpAreRefused() throws {
        let transform = try grid().transform
        let crs = try SpatialReference(epsg: 32633)
        for (width, height, phrase) in [(Int.max, 2, "more than \(Int.max) values"), (0, 3, "positive width and height"), (4, 3, "needs 12 values, got 2")] {
            #expect {
                try GeoRaster(width: width, height: height, transform: transform, spatialReference: crs, values: [1, 2])
            } throws: {
                guard case .invalidArgument(let message) = $0 as? GDALError else { return false }
                return message.contains(phrase)
            }
        }
    }

    /// The size cannot drift from width × height: values change in place or through a check.
    @Test func valuesChangeInPlaceOrWithTheirCountChecked() throws {
        var g = try grid()
        g[2, 1] = 60
        g.withMutableValues { $0[0] = -1 }
        #expect(g.values == [-1, 1, 2, 3, 4, 5, 60, 7, 8, 9, 10, 11])
        #expect(try g.replacingValues((0..<12).map { Float($0) * 2 }).values[11] == 22)
        #expect(throws: GDALError.self) { try g.replacingValues([1, 2, 3]) }
    }

    /// A transform that is not a grid (NaN origin, zero-width cells) is refused when the raster is made.
    @Test(arguments: [GeoTransform(originX: .nan, pixelWidth: 10, rowRotation: 0, originY: 0, columnRotation: 0, pixelHeight: -10),
                      GeoTransform(originX: 0, pixelWidth: 0, rowRotation: 0, originY: 0, columnRotation: 0, pixelHeight: -10),
                      GeoTransform(originX: 0, pixelWidth: .infinity, rowRotation: 0, originY: 0, columnRotation: 0, pixelHeight: -10)])
    func degenerateTransformsAreRefused(_ transform: GeoTransform) throws {
        #expect(throws: GDALError.self) {
            try GeoRaster(width: 4, height: 3, transform: transform, spatialReference: SpatialReference(epsg: 32633), values: [Float](repeating: 0, count: 12))
        }
    }
}
