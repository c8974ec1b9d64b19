import Foundation

/// Flattens each MTL encoding into `group → key → value`, where the group is the one directly under
/// `LANDSAT_METADATA_FILE`: keys repeat across groups (the Level-1 record names its own QA file),
/// and JSON objects have no order to break the tie, so lookups name the group they mean.
typealias MTLGroups = [String: [String: String]]

enum MTLFields {
    static func parse(_ data: Data, format: MTLFormat, source: String) throws(MTLError) -> MTLGroups {
        guard let text = String(data: data, encoding: .utf8) else {
            throw .malformed(path: source, line: nil, reason: "not UTF-8 text")
        }
        switch format {
        case .text: return try odl(text, source: source)
        case .xml: return try xml(text, source: source)
        case .json: return try json(data, source: source)
        }
    }

    /// ODL text: every GROUP must be closed by a matching END_GROUP, so a truncated file is caught.
    static func odl(_ text: String, source: String) throws(MTLError) -> MTLGroups {
        var builder = Builder()
        // Any line ending: "\r\n" (an MTL saved on Windows) is one Character, never equal to "\n".
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
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
            case "GROUP": builder.open(value)
            case "END_GROUP": try builder.close(value, source: source, line: index + 1)
            default: builder.set(key, value)
            }
        }
        return try builder.finish(source: source)
    }

    /// XML: MTL documents are nested groups of leaf elements without attributes, so a scan of tags
    /// with a stack is enough and avoids a platform XML dependency.
    static func xml(_ text: String, source: String) throws(MTLError) -> MTLGroups {
        var builder = Builder()
        var pendingLeaf: (name: String, text: String)?
        for match in text.matches(of: /<(\/?)([A-Za-z0-9_]+)>([^<]*)/) {
            let (closing, name, following) = (!match.1.isEmpty, String(match.2), String(match.3))
            if closing {
                if let leaf = pendingLeaf, leaf.name == name {
                    builder.set(name, leaf.text.trimmingCharacters(in: .whitespacesAndNewlines))
                    pendingLeaf = nil
                } else {
                    try builder.close(name, source: source, line: nil)
                }
            } else {
                if let leaf = pendingLeaf { builder.open(leaf.name) }
                pendingLeaf = (name, following)
            }
        }
        if let leaf = pendingLeaf { builder.open(leaf.name) }
        return try builder.finish(source: source)
    }

    static func json(_ data: Data, source: String) throws(MTLError) -> MTLGroups {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw .malformed(path: source, line: nil, reason: "invalid JSON")
        }
        guard let root = (object as? [String: Any])?["LANDSAT_METADATA_FILE"] as? [String: Any] else {
            throw .malformed(path: source, line: nil, reason: "no LANDSAT_METADATA_FILE object")
        }
        var groups: MTLGroups = [:]
        func flatten(_ node: [String: Any], into fields: inout [String: String]) {
            for (key, value) in node {
                if let inner = value as? [String: Any] { flatten(inner, into: &fields) }
                else { fields[key] = value as? String ?? (value as? NSNumber)?.stringValue }
            }
        }
        for (group, value) in root {
            guard let node = value as? [String: Any] else { continue }
            flatten(node, into: &groups[group, default: [:]])
        }
        return groups
    }

    /// Tracks the open groups of ODL and XML and files each value under its top-level group.
    private struct Builder {
        var stack: [String] = []
        var groups: MTLGroups = [:]
        var sawRoot = false

        mutating func open(_ name: String) {
            if stack.isEmpty { sawRoot = sawRoot || name == "LANDSAT_METADATA_FILE" }
            stack.append(name)
        }

        mutating func close(_ name: String, source: String, line: Int?) throws(MTLError) {
            guard stack.last == name else {
                throw .malformed(path: source, line: line, reason: "\(name) closes \(stack.last ?? "nothing")")
            }
            stack.removeLast()
        }

        mutating func set(_ key: String, _ value: String) {
            guard stack.count >= 2 else { return }
            if groups[stack[1], default: [:]][key] == nil { groups[stack[1], default: [:]][key] = value }
        }

        func finish(source: String) throws(MTLError) -> MTLGroups {
            guard sawRoot else { throw .malformed(path: source, line: nil, reason: "no LANDSAT_METADATA_FILE group") }
            guard stack.isEmpty else {
                throw .malformed(path: source, line: nil, reason: "\(stack.joined(separator: "/")) is never closed (truncated file?)")
            }
            return groups
        }
    }
}
