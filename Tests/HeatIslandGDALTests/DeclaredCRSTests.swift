import Foundation
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// A GeoTIFF's CRS taken from the EPSG entry its keys name: the reference is the CRS GDAL's
/// GeoTIFF driver builds from the same file, and the keys are checked on TIFFs laid out by hand.
struct DeclaredCRSTests {
    /// Everything ``SpatialReference`` holds, compared with GDAL's reading; the WKT text may
    /// differ in layout, so it is compared through OSR.
    func expectSame(_ ours: SpatialReference?, _ gdal: SpatialReference?, _ label: String) {
        guard let ours, let gdal else {
            #expect(ours == nil && gdal == nil, "\(label): one side has no CRS")
            return
        }
        #expect(ours.isSame(as: gdal), "\(label)")
        #expect(ours.epsg == gdal.epsg && ours.name == gdal.name, "\(label): \(ours.name) against \(gdal.name)")
        #expect(ours.isProjected == gdal.isProjected && ours.isGeographic == gdal.isGeographic, "\(label)")
        #expect(ours.linearUnit == gdal.linearUnit, "\(label): \(ours.linearUnit) against \(gdal.linearUnit)")
        // GDAL's GeoTIFF reader derives the flattening of a geographic CRS through the semi-minor
        // axis: 298.257222101004 for GRS 1980 where the file and the EPSG entry say 298.257222101.
        #expect(ours.semiMajorAxis == gdal.semiMajorAxis && abs(ours.inverseFlattening - gdal.inverseFlattening) <= 1e-12 * gdal.inverseFlattening,
                "\(label): \(ours.inverseFlattening) against \(gdal.inverseFlattening)")
        #expect(ours.transverseMercator == gdal.transverseMercator, "\(label)")
    }

    func writeGrid(epsg: Int, to path: String) throws {
        // Degrees for a geographic CRS, metres otherwise; the CRS is what matters here.
        let (x, y, size) = epsg == 4326 || epsg == 4258 ? (14.0, 46.5, 0.001) : (450_000.0, 5_120_000.0, 30.0)
        let transform = GeoTransform(originX: x, pixelWidth: size, rowRotation: 0, originY: y, columnRotation: 0, pixelHeight: -size)
        try GeoTIFFWriter().write(GeoRaster(width: 4, height: 3, transform: transform, spatialReference: SpatialReference(epsg: epsg),
                                            values: (0..<12).map(Float.init)), to: path)
    }

    /// Projected CRSs in metres and in US feet, transverse Mercator and others, and geographic
    /// ones, as GDAL writes them: the shortcut applies to each and gives GDAL's CRS.
    @Test(arguments: [3794, 32633, 32719, 3857, 2056, 27700, 3035, 2193, 2227, 4326, 4258])
    func filesGDALWroteFromAnEPSGCodeHaveGDALsCRS(_ epsg: Int) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("grid.tif")
        try writeGrid(epsg: epsg, to: path)
        let ds = try RasterDataset(path: path)
        let declared = try #require(ds.declaredEPSGReference, "EPSG:\(epsg) was not taken as declared")
        #expect(declared.epsg == epsg)
        expectSame(declared, ds.spatialReferenceAsGDALReadsIt, "EPSG:\(epsg)")
    }

    /// USGS's own Landsat files (the real samples) are read the same way.
    @Test func landsatProductsHaveGDALsCRS() throws {
        for path in [Fixtures.landsatSample("ST_B10.TIF"), Fixtures.landsatSample("QA_PIXEL.TIF"), Fixtures.kranjLandsat("ST_B10.TIF")] {
            let ds = try RasterDataset(path: path)
            #expect(ds.declaredEPSGReference != nil, "\(path)")
            expectSame(ds.spatialReferenceIfPresent, ds.spatialReferenceAsGDALReadsIt, path)
        }
    }

    /// MODIS's sinusoidal grid is user-defined: its keys hold projection parameters, and GDAL
    /// reads them.
    @Test func aUserDefinedCRSIsLeftToGDAL() throws {
        let ds = try RasterDataset(path: Fixtures.kranjMODIS)
        #expect(ds.declaredEPSGReference == nil)
        let crs = try #require(ds.spatialReferenceIfPresent)
        #expect(crs.epsg == nil && crs.proj4?.contains("+proj=sinu") == true)
    }

    /// GDAL reads a CRS from an `.aux.xml` beside the GeoTIFF before the file's own keys; so must we.
    @Test func aSidecarCRSWins() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("grid.tif")
        try writeGrid(epsg: 32633, to: path)
        let d96 = try SpatialReference(epsg: 3794).wkt.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        try "<PAMDataset><SRS>\(d96)</SRS></PAMDataset>".write(toFile: path + ".aux.xml", atomically: true, encoding: .utf8)
        let ds = try RasterDataset(path: path)
        #expect(ds.spatialReferenceAsGDALReadsIt?.epsg == 3794, "GDAL no longer prefers the sidecar: the premise changed")
        #expect(ds.declaredEPSGReference == nil)
        #expect(ds.spatialReferenceIfPresent?.epsg == 3794)
    }

    /// A file that names UTM zone 33N but gives its unit as the foot (key 3076 changed from 9001 to
    /// 9002 in the file's bytes) is a CRS in feet to GDAL, not the EPSG entry; it must stay so.
    @Test func unitsThatDifferFromTheEntryAreLeftToGDAL() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("grid.tif")
        try writeGrid(epsg: 32633, to: path)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        // GeoTIFF key entries are four shorts: id, location, count, value (little-endian here).
        let metre: [UInt8] = [0x04, 0x0C, 0, 0, 1, 0, 0x29, 0x23]   // 3076, 0, 1, 9001
        let at = try #require((0...(bytes.count - metre.count)).first { Array(bytes[$0..<($0 + metre.count)]) == metre })
        bytes[at + 6] = 0x2A                                             // 9002, the foot
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let ds = try RasterDataset(path: path)
        let gdal = try #require(ds.spatialReferenceAsGDALReadsIt)
        #expect(abs(gdal.linearUnit.metres - 0.3048) < 1e-12, "GDAL reads the file in metres: the premise changed")
        #expect(ds.declaredEPSGReference == nil)
        expectSame(ds.spatialReferenceIfPresent, gdal, "feet")
    }

    // MARK: The keys, from TIFFs laid out by hand

    /// A TIFF whose only tags are a GeoKey directory (`keys`: id, location, count, value) and its
    /// text, classic or BigTIFF, in either byte order.
    func handMadeTIFF(keys: [[UInt16]], text: String, bigEndian: Bool, bigTIFF: Bool, version: UInt16 = 1) -> [UInt8] {
        func bytes(_ value: Int, _ size: Int) -> [UInt8] {
            let little = (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
            return bigEndian ? little.reversed() : little
        }
        let shorts: [UInt16] = [version, 1, 0, UInt16(keys.count)] + keys.joined()
        let directory = shorts.flatMap { bytes(Int($0), 2) }
        let ascii = Array(text.utf8)
        let (offsetSize, countSize, entrySize, headerSize) = bigTIFF ? (8, 8, 20, 16) : (4, 2, 12, 8)
        let dataStart = headerSize + countSize + 2 * entrySize + offsetSize
        var file: [UInt8] = bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]
        file += bigTIFF ? bytes(43, 2) + bytes(8, 2) + bytes(0, 2) + bytes(16, 8) : bytes(42, 2) + bytes(8, 4)
        file += bytes(2, countSize)
        // Tag, type (3 SHORT, 2 ASCII), count, offset of the values.
        file += bytes(34735, 2) + bytes(3, 2) + bytes(shorts.count, offsetSize) + bytes(dataStart, offsetSize)
        file += bytes(34737, 2) + bytes(2, 2) + bytes(ascii.count, offsetSize) + bytes(dataStart + directory.count, offsetSize)
        file += bytes(0, offsetSize)
        return file + directory + ascii
    }

    func parse(_ file: [UInt8]) -> [UInt16: GeoKeyDirectory.Value]? {
        GeoKeyDirectory { offset, count in offset >= 0 && offset + count <= file.count ? Array(file[offset..<(offset + count)]) : nil }?.keys
    }

    let sampleKeys: [[UInt16]] = [[1024, 0, 1, 1], [1025, 0, 1, 1], [1026, 34737, 7, 0], [3072, 0, 1, 3794],
                                  [3076, 0, 1, 9001], [2049, 34737, 14, 7], [3082, 34736, 1, 0]]

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func readsTheKeysInEitherByteOrderOfClassicTIFFAndBigTIFF(_ layout: (bigEndian: Bool, bigTIFF: Bool)) {
        let file = handMadeTIFF(keys: sampleKeys, text: "D96/TM|Slovenia 1996|", bigEndian: layout.bigEndian, bigTIFF: layout.bigTIFF)
        #expect(parse(file) == [1024: .short(1), 1025: .short(1), 1026: .text("D96/TM"), 3072: .short(3794),
                                3076: .short(9001), 2049: .text("Slovenia 1996"), 3082: .other])
    }

    @Test func refusesWhatIsNoWholeDirectory() {
        let good = handMadeTIFF(keys: sampleKeys, text: "D96/TM|Slovenia 1996|", bigEndian: false, bigTIFF: false)
        #expect(parse(good) != nil)
        // Cut inside the text, a key given twice, a directory version GeoTIFF does not define, no TIFF at all.
        #expect(parse(Array(good.dropLast(3))) == nil)
        #expect(parse(handMadeTIFF(keys: sampleKeys + [[3072, 0, 1, 32633]], text: "D96/TM|Slovenia 1996|", bigEndian: false, bigTIFF: false)) == nil)
        #expect(parse(handMadeTIFF(keys: sampleKeys, text: "D96/TM|Slovenia 1996|", bigEndian: false, bigTIFF: false, version: 2)) == nil)
        #expect(parse(Array("PK\u{3}\u{4} not a TIFF at all".utf8)) == nil)
        // A BigTIFF whose first directory lies at the last possible offset.
        var far = handMadeTIFF(keys: sampleKeys, text: "D96/TM|", bigEndian: false, bigTIFF: true)
        far.replaceSubrange(8..<16, with: [UInt8](repeating: 0xFF, count: 8))
        #expect(parse(far) == nil)
    }
}
