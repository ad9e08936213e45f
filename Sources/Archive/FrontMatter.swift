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
    /// What was changed while reading (control characters replaced), for the build to print.
    public var warnings: [SiteWarning] = []

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

        /// Replaces control characters in every text with spaces; returns how many there were.
        mutating func replaceControls() -> Int {
            switch self {
            case .scalar(let s, let quoted):
                guard s.unicodeScalars.contains(where: FrontMatter.isControl) else { return 0 }
                var count = 0
                var out = String.UnicodeScalarView()
                for u in s.unicodeScalars {
                    if FrontMatter.isControl(u) { out.append(" "); count += 1 } else { out.append(u) }
                }
                self = .scalar(String(out), quoted: quoted)
                return count
            case .sequence(var items):
                var count = 0
                for i in items.indices { count += items[i].replaceControls() }
                if count > 0 { self = .sequence(items) }
                return count
            case .mapping, .null:
                return 0
            }
        }

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
    public static func parse(_ bytes: [UInt8], path: String, fastPath: Bool = true) throws(SiteError) -> FrontMatter {
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
        var warnings: [SiteWarning] = []
        var cleaned: [UInt8]? = nil
        if let first = firstControl(bytes[yamlStart..<yamlEnd]) {
            let (cleanBytes, count) = replacingControls(bytes[yamlStart..<yamlEnd])
            cleaned = cleanBytes
            var l = 1, c = 1
            for b in bytes[..<first] {
                if b == 0x0A { l += 1; c = 1 } else if b & 0xC0 != 0x80 { c += 1 }
            }
            let what = count == 1 ? "a control character" : "\(count) control characters"
            warnings.append(SiteWarning(path: path, line: l, column: c,
                                        message: "the front matter has \(what) (the first here), which cannot go into a page; \(count == 1 ? "it was" : "they were") replaced by spaces: delete \(count == 1 ? "it" : "them")"))
        }
        let yamlBytes = cleaned.map { $0[...] } ?? bytes[yamlStart..<yamlEnd]
        if fastPath, let fields = try SimpleYAML.parse(yamlBytes, firstLine: 2, path: path) {
            return FrontMatter(fields: fields, bodyOffset: bodyOffset, bodyLine: line + 1, warnings: warnings)
        }
        let yaml = String(decoding: yamlBytes, as: UTF8.self)
        if let v = YAMLLimits.check(yaml, what: "the front matter", maxValues: YAMLLimits.smallFile) {
            throw SiteError(path: path, line: v.line + 1, column: v.column, message: v.message)
        }
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
        // Escapes ("\0", "\x01", "\u0085") make control characters the bytes did not have.
        for key in fields.keys.sorted() {
            var field = fields[key]!
            let count = field.value.replaceControls()
            guard count > 0 else { continue }
            fields[key] = field
            warnings.append(SiteWarning(path: path, line: field.line, column: field.column,
                                        message: "“\(key)” has \(count == 1 ? "a control character" : "\(count) control characters") (written as an escape), which cannot go into a page; \(count == 1 ? "it was" : "they were") replaced by spaces: delete \(count == 1 ? "it" : "them")"))
        }
        return FrontMatter(fields: fields, bodyOffset: bodyOffset, bodyLine: line + 1, warnings: warnings)
    }

    /// The offset of the first C0 control (tab and line breaks aside), DEL or C1 control (U+0080–U+009F): YAML does
    /// not allow them and a page must not carry them (a NUL in a title reached six pages).
    static func firstControl<C: RandomAccessCollection<UInt8>>(_ b: C) -> Int? where C.Index == Int {
        var i = b.startIndex
        while i < b.endIndex {
            let c = b[i]
            if (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) || c == 0x7F { return i }
            if c == 0xC2, i + 1 < b.endIndex, b[i + 1] >= 0x80, b[i + 1] <= 0x9F { return i }
            i += 1
        }
        return nil
    }

    /// The same bytes with every such control a space, and how many there were.
    static func replacingControls<C: RandomAccessCollection<UInt8>>(_ b: C) -> ([UInt8], Int) where C.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var count = 0
        var i = b.startIndex
        while i < b.endIndex {
            let c = b[i]
            if (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) || c == 0x7F {
                out.append(0x20); count += 1
            } else if c == 0xC2, i + 1 < b.endIndex, b[i + 1] >= 0x80, b[i + 1] <= 0x9F {
                out.append(0x20); count += 1; i += 1
            } else {
                out.append(c)
            }
            i += 1
        }
        return (out, count)
    }

    /// Whether a scalar is a control character a page must not carry: C0 but tab and line breaks, DEL, C1.
    static func isControl(_ v: Unicode.Scalar) -> Bool {
        (v.value < 0x20 && v != "\t" && v != "\n" && v != "\r") || (0x7F...0x9F).contains(v.value)
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

/// The front matter nearly every article has — `key: value` lines, quoted strings, `[a, b]` and `- item` lists —
/// read directly from bytes. Anything else (anchors, nested maps, block scalars, tabs…) returns nil and goes to
/// Yams, which also reports the errors; this only makes the common case cheap.
enum SimpleYAML {
    static func parse(_ bytes: ArraySlice<UInt8>, firstLine: Int, path: String) throws(SiteError) -> [String: FrontMatter.Field]? {
        var fields: [String: FrontMatter.Field] = [:]
        var lines: [(Int, ArraySlice<UInt8>)] = []
        var start = bytes.startIndex
        var number = firstLine
        for i in bytes.indices where bytes[i] == 0x0A {
            lines.append((number, bytes[start..<i]))
            start = i + 1
            number += 1
        }
        if start < bytes.endIndex { lines.append((number, bytes[start...])) }
        // The limit Yams' path has (`YAMLLimits`): a front matter has a few dozen values.
        var values = 0
        func count(_ n: Int, line: Int) throws(SiteError) {
            values += n
            if values > YAMLLimits.smallFile {
                throw SiteError(path: path, line: line, column: 1,
                                message: "the front matter holds more than \(YAMLLimits.smallFile) values; shorten it")
            }
        }
        var k = 0
        while k < lines.count {
            var (lineNo, line) = lines[k]
            k += 1
            if line.last == 0x0D { line = line.dropLast() }
            if line.contains(0x09) { return nil }
            guard let first = line.first else { continue }
            if first == 0x23 { continue }  // comment
            if first == 0x20 { return nil }  // indentation outside a list
            // key
            guard let colon = line.firstIndex(of: 0x3A) else { return nil }
            let keyBytes = line[line.startIndex..<colon]
            guard keyBytes.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D }),
                  !keyBytes.isEmpty else { return nil }
            let key = String(decoding: keyBytes, as: UTF8.self)
            var rest = line[(colon + 1)...]
            if let f = rest.first, f != 0x20 { return nil }  // "a:b" is not a key
            while rest.first == 0x20 { rest = rest.dropFirst() }
            while rest.last == 0x20 { rest = rest.dropLast() }
            let column = rest.startIndex - line.startIndex + 1
            if fields[key] != nil {
                throw SiteError(path: path, line: lineNo, column: 1, message: "“\(key)” is given twice; keep one")
            }
            let value: FrontMatter.Value
            var position = (lineNo, column)
            if rest.isEmpty {
                // Maybe a block list on the following lines; like Yams, it stands where its first "-" does.
                var items: [FrontMatter.Value] = []
                while k < lines.count {
                    var (itemLine, item) = lines[k]
                    if item.last == 0x0D { item = item.dropLast() }
                    var j = item.startIndex
                    while j < item.endIndex, item[j] == 0x20 { j += 1 }
                    guard j > item.startIndex, j + 1 < item.endIndex, item[j] == 0x2D, item[j + 1] == 0x20 else { break }
                    var text = item[(j + 2)...]
                    while text.last == 0x20 { text = text.dropLast() }
                    guard let v = scalar(text) else { return nil }
                    if items.isEmpty { position = (itemLine, j - item.startIndex + 1) }
                    items.append(v)
                    k += 1
                }
                value = items.isEmpty ? .null : .sequence(items)
            } else if rest.first == 0x5B {
                guard rest.last == 0x5D else { return nil }
                let inner = rest.dropFirst().dropLast()
                if inner.contains(0x5B) || inner.contains(0x7B) || inner.contains(0x22) || inner.contains(0x27) { return nil }
                var items: [FrontMatter.Value] = []
                for part in inner.split(separator: 0x2C, omittingEmptySubsequences: false) {
                    var t = part
                    while t.first == 0x20 { t = t.dropFirst() }
                    while t.last == 0x20 { t = t.dropLast() }
                    if t.isEmpty { if inner.allSatisfy({ $0 == 0x20 }) { continue } else { return nil } }
                    guard let v = scalar(t) else { return nil }
                    items.append(v)
                }
                value = .sequence(items)
            } else {
                guard let v = scalar(rest) else { return nil }
                value = v
            }
            if case .sequence(let items) = value { try count(items.count + 1, line: lineNo) } else { try count(1, line: lineNo) }
            fields[key] = FrontMatter.Field(value: value, line: position.0, column: position.1)
        }
        return fields
    }

    /// A plain or quoted scalar, or nil when it needs a real YAML parser.
    static func scalar(_ t: ArraySlice<UInt8>) -> FrontMatter.Value? {
        guard let first = t.first else { return .null }
        if first == 0x22 {  // "…"
            guard t.count >= 2, t.last == 0x22 else { return nil }
            let inner = t.dropFirst().dropLast()
            var out: [UInt8] = []
            var escape = false
            for c in inner {
                if escape {
                    switch c {
                    case 0x22, 0x5C, 0x2F: out.append(c)
                    case 0x6E: out.append(0x0A)
                    case 0x74: out.append(0x09)
                    default: return nil
                    }
                    escape = false
                } else if c == 0x5C {
                    escape = true
                } else if c == 0x22 {
                    return nil
                } else {
                    out.append(c)
                }
            }
            if escape { return nil }
            return .scalar(String(decoding: out, as: UTF8.self), quoted: true)
        }
        if first == 0x27 {  // '…' with '' for a quote
            guard t.count >= 2, t.last == 0x27 else { return nil }
            let inner = Array(t.dropFirst().dropLast())
            var out: [UInt8] = []
            var i = 0
            while i < inner.count {
                if inner[i] == 0x27 {
                    guard i + 1 < inner.count, inner[i + 1] == 0x27 else { return nil }
                    i += 1
                }
                out.append(inner[i])
                i += 1
            }
            return .scalar(String(decoding: out, as: UTF8.self), quoted: true)
        }
        // Plain: no indicator first, no ": " or " #" inside.
        if "[]{}&*!|>%@`#,?:-\"'".utf8.contains(first) && !(first == 0x2D && t.count > 1 && t[t.startIndex + 1] != 0x20) { return nil }
        var prev: UInt8 = 0
        for c in t {
            if prev == 0x3A && c == 0x20 { return nil }
            if prev == 0x20 && c == 0x23 { return nil }
            prev = c
        }
        if prev == 0x3A { return nil }
        let s = String(decoding: t, as: UTF8.self)
        if s == "~" || s == "null" || s == "Null" || s == "NULL" { return .null }
        return .scalar(s, quoted: false)
    }
}
