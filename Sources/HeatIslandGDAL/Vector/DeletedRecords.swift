import CGDAL

/// Records of a Shapefile's attribute table (`.dbf`) that are marked deleted.
///
/// Editors delete a feature by marking its record (`*` in the record's first byte, dBASE's
/// convention) and leave it in the file until the file is packed. OGR skips such a record when it
/// reads the layer, yet still counts it in the layer's feature count, and that count is what tells
/// a damaged file from a whole one.
enum DeletedRecords {
    /// How many of the first `records` records of the dBASE table at `path` are marked deleted; 0
    /// when the table counts fewer records than that (the layer is then short for another reason)
    /// or cannot be read.
    /// - Parameters:
    ///   - path: The `.dbf`, a plain or GDAL virtual path.
    ///   - records: The records the layer declares (the `.shx`'s count).
    static func count(inTable path: String, amongFirst records: Int) -> Int {
        VirtualFiles.readingRanges(of: path) { bytes in
            // The header: record count (UInt32) at byte 4, header and record lengths (UInt16) at
            // bytes 8 and 10, all little-endian.
            guard let header = bytes(0, 12) else { return 0 }
            let declared = header[4..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
            let start = Int(header[8]) | Int(header[9]) << 8, length = Int(header[10]) | Int(header[11]) << 8
            guard declared >= records, start >= 32, length > 0 else { return 0 }
            var deleted = 0
            for record in 0..<records {
                guard let flag = bytes(start + record * length, 1) else { break }
                if flag[0] == UInt8(ascii: "*") { deleted += 1 }
            }
            return deleted
        } ?? 0
    }
}
