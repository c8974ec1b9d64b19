import Foundation

/// Flattens each MTL encoding into `KEY → value` (first occurrence wins), since the keys the
/// loader needs are unique across groups in all Collection 2 files.
enum MTLFields {
    static func parse(_ data: Data, format: MTLFormat, source: String) throws(MTLError) -> [String: String] {
        switch format {
        case .text: try text(data, source: source)
        case .xml: try xml(data, source: source)
        case .json: try json(data, source: source)
        }
    }

    private static func decodeUTF8(_ data: Data, source: String) throws(MTLError) -> String {
        guard let s = String(data: data, encoding: .utf8) else {
            throw .malformed(path: source, line: nil, reason: "not UTF-8 text")
        }
        return s
    }

    /// ODL text: every GROUP must be closed by a matching END_GROUP, so a truncated file is caught.
    static func text(_ data: Data, source: String) throws(MTLError) -> [String: String] {
        var fields: [String: String] = [:]
        var groups: [String] = []
        var sawRoot = false
        for (index, rawLine) in try decodeUTF8(data, source: source).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            if line == "END" { break }
            guard let eq = line.firstIndex(of: "=") else {
                throw .malformed(path: source, line: index + 1, reason: "expected KEY = value")
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            switch key {
            case "GROUP":
                if groups.isEmpty { sawRoot = value == "LANDSAT_METADATA_FILE" }
                groups.append(value)
            case "END_GROUP":
                guard groups.last == value else {
                    throw .malformed(path: source, line: index + 1, reason: "END_GROUP = \(value) closes \(groups.last ?? "nothing")")
                }
                groups.removeLast()
            default:
                if fields[key] == nil { fields[key] = value }
            }
        }
        guard sawRoot else { throw .malformed(path: source, line: nil, reason: "no GROUP = LANDSAT_METADATA_FILE") }
        guard groups.isEmpty else {
            throw .malformed(path: source, line: nil, reason: "GROUP \(groups.joined(separator: "/")) is never closed (truncated file?)")
        }
        return fields
    }

    /// XML: MTL documents are flat groups of leaf elements without attributes, so a leaf-element scan
    /// plus a check that the root closes is enough and avoids a platform XML dependency.
    static func xml(_ data: Data, source: String) throws(MTLError) -> [String: String] {
        let s = try decodeUTF8(data, source: source)
        guard s.contains("<LANDSAT_METADATA_FILE>") else {
            throw .malformed(path: source, line: nil, reason: "no <LANDSAT_METADATA_FILE> element")
        }
        guard s.contains("</LANDSAT_METADATA_FILE>") else {
            throw .malformed(path: source, line: nil, reason: "<LANDSAT_METADATA_FILE> is never closed (truncated file?)")
        }
        var fields: [String: String] = [:]
        for match in s.matches(of: /<([A-Za-z0-9_]+)>([^<]*)<\/\1>/) {
            let key = String(match.1)
            if fields[key] == nil { fields[key] = String(match.2).trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        return fields
    }

    static func json(_ data: Data, source: String) throws(MTLError) -> [String: String] {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw .malformed(path: source, line: nil, reason: "invalid JSON")
        }
        guard let root = (object as? [String: Any])?["LANDSAT_METADATA_FILE"] as? [String: Any] else {
            throw .malformed(path: source, line: nil, reason: "no LANDSAT_METADATA_FILE object")
        }
        var fields: [String: String] = [:]
        func visit(_ node: [String: Any]) {
            for (key, value) in node {
                if let group = value as? [String: Any] { visit(group) }
                else if fields[key] == nil { fields[key] = value as? String ?? (value as? NSNumber)?.stringValue }
            }
        }
        visit(root)
        return fields
    }
}
