import CGDAL

/// The GeoKeys of a GeoTIFF's first image, read from the file's own bytes rather than through
/// libgeotiff, so that reading them asks nothing of PROJ.
///
/// Only what ``RasterDataset`` needs to recognise a CRS declared by EPSG code alone is kept: keys
/// with one short, one double or text. Any other value is kept as ``Value/other``, which is enough
/// to know that the file says more than a code.
package struct GeoKeyDirectory: Equatable {
    /// A key's value.
    package enum Value: Equatable {
        /// A value stored in the directory itself (codes such as ProjectedCSTypeGeoKey).
        case short(UInt16)
        /// One value from the GeoDoubleParams tag (an ellipsoid's axis, a projection parameter).
        case double(Double)
        /// Text from the GeoAsciiParams tag, without GeoTIFF's closing `|`.
        case text(String)
        /// Anything else: several doubles, or a value in another tag.
        case other
    }

    /// The keys, by key id.
    package let keys: [UInt16: Value]

    /// The TIFF tags that hold the directory and its text.
    private static let directoryTag: UInt16 = 34735, doubleTag: UInt16 = 34736, asciiTag: UInt16 = 34737

    /// Reads the keys of the first image of a TIFF through GDAL's virtual file layer; `nil` when
    /// the file has none, or is no TIFF, or its directory does not parse. The caller then asks
    /// GDAL, which reports what is wrong.
    /// - Parameter path: A plain or GDAL virtual path.
    package init?(path: String) {
        guard let parsed = VirtualFiles.readingRanges(of: path, { GeoKeyDirectory(reading: $0) }) ?? nil else { return nil }
        self = parsed
    }

    /// Parses the keys from a TIFF, classic or BigTIFF, either byte order.
    /// - Parameter read: Returns `count` bytes from `offset`, or `nil` past the end.
    package init?(reading read: (_ offset: Int, _ count: Int) -> [UInt8]?) {
        guard let header = read(0, 16) ?? read(0, 8), header.count >= 8 else { return nil }
        let order: TIFFBytes.Order
        switch (header[0], header[1]) {
        case (0x49, 0x49): order = .little
        case (0x4D, 0x4D): order = .big
        default: return nil
        }
        let head = TIFFBytes(bytes: header, order: order)
        // Classic TIFF (42) has 32-bit offsets and 12-byte entries; BigTIFF (43) 64-bit and 20.
        let big: Bool
        switch head.unsigned(at: 2, size: 2) {
        case 42: big = false
        case 43 where header.count == 16 && head.unsigned(at: 4, size: 2) == 8: big = true
        default: return nil
        }
        let offsetSize = big ? 8 : 4, countSize = big ? 8 : 2, entrySize = big ? 20 : 12
        let ifd = head.unsigned(at: big ? 8 : 4, size: offsetSize)
        guard let countBytes = read(ifd, countSize) else { return nil }
        let entryCount = TIFFBytes(bytes: countBytes, order: order).unsigned(at: 0, size: countSize)
        // A first image has a few dozen tags; thousands mean the offset points at no directory.
        guard (1...4096).contains(entryCount), let entries = read(ifd + countSize, entryCount * entrySize) else { return nil }
        let table = TIFFBytes(bytes: entries, order: order)

        // The bytes of a tag of the expected TIFF type, wherever they are stored; `[]` when the
        // tag is absent, `nil` when it is there but unreadable.
        func contents(of tag: UInt16, type: Int, elementSize: Int, limit: Int) -> [UInt8]? {
            guard let start = stride(from: 0, to: entries.count, by: entrySize).first(where: { table.unsigned(at: $0, size: 2) == Int(tag) }) else {
                return []
            }
            let count = table.unsigned(at: start + 4, size: big ? 8 : 4)
            guard table.unsigned(at: start + 2, size: 2) == type, count <= limit else { return nil }
            let size = count * elementSize, value = start + 4 + (big ? 8 : 4)
            return size <= offsetSize ? Array(entries[value..<(value + size)]) : read(table.unsigned(at: value, size: offsetSize), size)
        }
        // SHORT is TIFF type 3, DOUBLE 12, ASCII 2.
        guard let directoryBytes = contents(of: Self.directoryTag, type: 3, elementSize: 2, limit: 4 + 4 * 1024),
              let doubleBytes = contents(of: Self.doubleTag, type: 12, elementSize: 8, limit: 1024),
              let text = contents(of: Self.asciiTag, type: 2, elementSize: 1, limit: 1 << 16), directoryBytes.count >= 8 else { return nil }
        let doubles = TIFFBytes(bytes: doubleBytes, order: order)
        let directory = TIFFBytes(bytes: directoryBytes, order: order)
        let short = { (i: Int) in directory.unsigned(at: 2 * i, size: 2) }
        // Header: directory version 1, key revision 1 (minor 0 for GeoTIFF 1.0, 1 for 1.1), key count.
        let keyCount = short(3)
        guard short(0) == 1, short(1) == 1, short(2) <= 1, directoryBytes.count >= 8 * (keyCount + 1) else { return nil }
        var keys: [UInt16: Value] = [:]
        for k in stride(from: 4, through: 4 * keyCount, by: 4) {
            let (id, location, count, value) = (UInt16(short(k)), short(k + 1), short(k + 2), short(k + 3))
            let entry: Value
            switch location {
            case 0 where count == 1: entry = .short(UInt16(value))
            case Int(Self.doubleTag) where count == 1 && 8 * (value + 1) <= doubleBytes.count:
                entry = .double(Double(bitPattern: doubles.word(at: 8 * value, size: 8)))
            case Int(Self.asciiTag) where value + count <= text.count:
                var characters = text[value..<(value + count)]
                if characters.last == UInt8(ascii: "|") || characters.last == 0 { characters = characters.dropLast() }
                entry = .text(String(decoding: characters, as: UTF8.self))
            default: entry = .other
            }
            // A key given twice has no single meaning.
            guard keys.updateValue(entry, forKey: id) == nil else { return nil }
        }
        self.keys = keys
    }
}

/// Unsigned integers of a TIFF's byte order out of a byte array.
private struct TIFFBytes {
    enum Order { case little, big }
    let bytes: [UInt8]
    let order: Order

    /// The `size`-byte integer at `offset`; 0 past the end, which no caller takes for valid.
    func word(at offset: Int, size: Int) -> UInt64 {
        guard offset >= 0, offset + size <= bytes.count else { return 0 }
        let slice = bytes[offset..<(offset + size)]
        return (order == .little ? Array(slice.reversed()) : Array(slice)).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The same as an `Int`, at most 2⁴⁸: an offset past any file, which sums of offsets and
    /// sizes cannot take past `Int.max`.
    func unsigned(at offset: Int, size: Int) -> Int {
        Int(min(word(at: offset, size: size), 1 << 48))
    }
}
