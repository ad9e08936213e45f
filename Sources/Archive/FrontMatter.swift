import Yams

/// A front matter value handed to templates as is (keys Bantin does not know).
public enum MetaValue: Sendable, Hashable {
    case text(String)
    case list([String])
    case flag(Bool)
}

/// The `---` … `---` block at the top of an article, split from the body and parsed with Yams.
public struct FrontMatter: Sendable {
    /// Top-level keys with their YAML nodes' values and positions.
    public var fields: [String: Field]
    /// Byte offset of the body in the file.
    public var bodyOffset: Int
    /// 1-based line the body starts on.
    public var bodyLine: Int

    public struct Field: Sendable {
        public var value: Value
        public var line: Int
        public var column: Int
    }

    public indirect enum Value: Sendable {
        case scalar(String, quoted: Bool)
        case sequence([Value])
        case mapping
        case null

        var kindName: String {
            switch self {
            case .scalar: return "text"
            case .sequence: return "a list"
            case .mapping: return "a mapping"
            case .null: return "empty"
            }
        }
    }

    /// Splits and parses. Errors carry the file's own line numbers.
    public static func parse(_ bytes: [UInt8], path: String) throws(SiteError) -> FrontMatter {
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        func lineEnd(_ from: Int) -> Int {
            var j = from
            while j < bytes.count, bytes[j] != 0x0A { j += 1 }
            return j
        }
        func isFence(_ from: Int, _ to: Int) -> Bool {
            var t = to
            while t > from, bytes[t - 1] == 0x0D || bytes[t - 1] == 0x20 || bytes[t - 1] == 0x09 { t -= 1 }
            let text = bytes[from..<t]
            return text.elementsEqual("---".utf8) || (from != i && text.elementsEqual("...".utf8))
        }
        let firstEnd = lineEnd(i)
        guard isFence(i, firstEnd) else {
            throw SiteError(path: path, line: 1, column: 1,
                            message: "the article has no front matter; start the file with a line “---”, then “title: …” and “date: 2017-12-13”, then a line “---”")
        }
        let yamlStart = min(firstEnd + 1, bytes.count)
        var j = yamlStart
        var line = 2
        var yamlEnd = -1
        while j < bytes.count {
            let e = lineEnd(j)
            if isFence(j, e) { yamlEnd = j; break }
            j = e + 1
            line += 1
        }
        guard yamlEnd >= 0 else {
            throw SiteError(path: path, line: 1, column: 1,
                            message: "the front matter is never closed; add a line “---” after its last key")
        }
        let closeEnd = lineEnd(yamlEnd)
        let bodyOffset = min(closeEnd + 1, bytes.count)
        let yaml = String(decoding: bytes[yamlStart..<yamlEnd], as: UTF8.self)
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, .default, .default, .utf8)
        } catch let error as YamlError {
            throw convert(error, path: path)
        } catch {
            throw SiteError(path: path, line: 2, column: 1, message: "the front matter is not valid YAML: \(error)")
        }
        var fields: [String: Field] = [:]
        if let node {
            guard case .mapping(let mapping) = node else {
                throw SiteError(path: path, line: 2, column: 1,
                                message: "the front matter must be a list of “key: value” lines")
            }
            for (k, v) in mapping {
                guard let key = k.scalar?.string else { continue }
                if fields[key] != nil {
                    throw SiteError(path: path, line: (k.mark?.line ?? 0) + 1, column: k.mark?.column ?? 1,
                                    message: "“\(key)” is given twice; keep one")
                }
                fields[key] = Field(value: value(v), line: (v.mark?.line ?? 0) + 1, column: v.mark?.column ?? 1)
            }
        }
        return FrontMatter(fields: fields, bodyOffset: bodyOffset, bodyLine: line + 1)
    }

    static func value(_ node: Node) -> Value {
        switch node {
        case .scalar(let s):
            if s.style == .plain && (s.string == "" || s.string == "~" || s.string == "null") { return .null }
            return .scalar(s.string, quoted: s.style != .plain)
        case .sequence(let seq): return .sequence(seq.map(value))
        case .mapping: return .mapping
        case .alias: return .null
        }
    }

    /// Yams marks count from 0 within the YAML text, which starts on the file's line 2.
    static func convert(_ error: YamlError, path: String) -> SiteError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml reports an unclosed quote at the end of the input; the context points at where it began.
            let at = context?.mark ?? mark
            let what = context.map { "\($0.text): \(problem)" } ?? problem
            return SiteError(path: path, line: at.line + 1, column: at.column,
                             message: "the front matter is not valid YAML (\(what)); check the quotes and the “key: value” form on this line")
        case .duplicatedKeysInMapping(let duplicates, _):
            return SiteError(path: path, line: 2, column: 1, message: "keys given twice: \(duplicates.joined(separator: ", ")); keep one of each")
        default:
            return SiteError(path: path, line: 2, column: 1, message: "the front matter is not valid YAML: \(error)")
        }
    }
}
