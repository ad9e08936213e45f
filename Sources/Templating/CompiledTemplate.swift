/// Bantin's Mustache renderer: templates parsed once into a tree, rendered into a byte buffer against typed
/// values, with no dynamic casts. It follows the Mustache spec (variables, sections, inverted sections,
/// comments, partials, standalone lines) and template inheritance (`{{<parent}}` with `{{$block}}`), which is
/// what the theme uses; a differential test checks it against swift-mustache on the whole default theme.
///
/// swift-mustache looks every name up through `as?` casts of `Any` and renders values with
/// `String(describing:)`; on a 10,000-article archive that was the largest single cost of a build.

/// A value a template can see.
public indirect enum TemplateValue: Sendable {
    case text(String)
    /// UTF-8 that is already HTML (an article body, a rendered partial): written as is by {{{…}}}.
    case bytes([UInt8])
    case flag(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// Converts the dictionaries, arrays, strings, numbers and booleans page code builds.
    public init(_ any: Any) {
        switch any {
        case let v as TemplateValue: self = v
        case let s as String: self = .text(s)
        // Lists and objects already converted (a page's list entries) are taken whole, not cast element by element.
        case let a as [TemplateValue]: self = .list(a)
        case let d as [String: TemplateValue]: self = .object(d)
        case let b as Bool: self = .flag(b)
        case let n as Int: self = .text(String(n))
        case let d as [String: Any]: self = .object(d.mapValues(TemplateValue.init))
        case let a as [Any]: self = .list(a.map(TemplateValue.init))
        case let s as Substring: self = .text(String(s))
        default: self = .text(String(describing: any))
        }
    }

    /// Mustache's truthiness: false and empty lists hide a section; everything else shows it.
    var isTruthy: Bool {
        switch self {
        case .flag(let b): return b
        case .list(let l): return !l.isEmpty
        case .text, .object, .bytes: return true
        }
    }

    func child(_ name: String) -> TemplateValue? {
        if case .object(let d) = self { return d[name] }
        return nil
    }
}

/// A syntax error in a template, with its 1-based position.
struct TemplateSyntaxError: Error {
    let line: Int
    let column: Int
    let message: String
}

/// One parsed template.
struct CompiledTemplate: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable([String], escaped: Bool)
        case section([String], [Node], inverted: Bool)
        case partial(String, indent: [UInt8])
        case parent(String, blocks: [String: [Node]], indent: [UInt8])
        case block(String, [Node])
    }

    let nodes: [Node]

    /// A `{{>partial}}` or `{{<parent}}` tag, with where it stands: what the theme checks before anything renders
    /// (the template exists, no template includes itself).
    struct Include: Sendable {
        var name: String
        var isParent: Bool
        var line: Int
        var column: Int
    }
    let includes: [Include]

    /// Sections and blocks inside one another: the parser and the renderer recurse once per level.
    static let maxDepth = 100

    // MARK: parsing

    private enum Kind { case text, variable, raw, section, inverted, close, comment, partial, parent, block, pragma }

    private struct Token {
        var kind: Kind
        var text: [UInt8]  // text, or the tag's name
        var line: Int
        var column: Int
        var indent: [UInt8] = []
    }

    init(_ source: String) throws(TemplateSyntaxError) {
        let tokens = try CompiledTemplate.tokenize(Array(source.utf8))
        var index = 0
        nodes = try CompiledTemplate.build(tokens, &index, closing: nil)
        includes = tokens.compactMap { t in
            guard t.kind == .partial || t.kind == .parent else { return nil }
            return Include(name: String(decoding: t.text, as: UTF8.self), isParent: t.kind == .parent, line: t.line, column: t.column)
        }
    }

    private static func isStandaloneKind(_ k: Kind) -> Bool {
        switch k {
        case .section, .inverted, .close, .comment, .partial, .parent, .block, .pragma: return true
        default: return false
        }
    }

    private static func tokenize(_ b: [UInt8]) throws(TemplateSyntaxError) -> [Token] {
        var tokens: [Token] = []
        var i = 0, line = 1, lineStart = 0
        var textStart = 0
        func flushText(_ end: Int) {
            if end > textStart { tokens.append(Token(kind: .text, text: Array(b[textStart..<end]), line: line, column: 1)) }
        }
        while i < b.count {
            if b[i] == 0x0A { line += 1; lineStart = i + 1; i += 1; continue }
            guard b[i] == 0x7B, i + 1 < b.count, b[i + 1] == 0x7B else { i += 1; continue }
            flushText(i)
            let column = i - lineStart + 1
            var j = i + 2
            var kind = Kind.variable
            var triple = false
            if j < b.count {
                switch b[j] {
                case 0x7B: kind = .raw; triple = true; j += 1
                case 0x26: kind = .raw; j += 1
                case 0x23: kind = .section; j += 1
                case 0x5E: kind = .inverted; j += 1
                case 0x2F: kind = .close; j += 1
                case 0x21: kind = .comment; j += 1
                case 0x3E: kind = .partial; j += 1
                case 0x3C: kind = .parent; j += 1
                case 0x24: kind = .block; j += 1
                case 0x25: kind = .pragma; j += 1
                case 0x3D: throw TemplateSyntaxError(line: line, column: column, message: "changing delimiters ({{= =}}) is not supported")
                default: break
                }
            }
            let close: [UInt8] = triple ? [0x7D, 0x7D, 0x7D] : [0x7D, 0x7D]
            var k = j
            var found = false
            while k + close.count <= b.count {
                if b[k] == 0x7D && b[k..<(k + close.count)].elementsEqual(close) { found = true; break }
                if b[k] == 0x0A && kind != .comment { break }
                k += 1
            }
            guard found else { throw TemplateSyntaxError(line: line, column: column, message: "the tag is not closed with \(triple ? "}}}" : "}}")") }
            var name = Array(b[j..<k])
            if kind != .comment && kind != .pragma {
                while let f = name.first, f == 0x20 || f == 0x09 { name.removeFirst() }
                while let l = name.last, l == 0x20 || l == 0x09 { name.removeLast() }
                if name.isEmpty { throw TemplateSyntaxError(line: line, column: column, message: "the tag has no name") }
            }
            // Comments may span lines.
            for c in b[i..<k] where c == 0x0A { line += 1 }
            if let lastNewline = b[i..<k].lastIndex(of: 0x0A) { lineStart = lastNewline + 1 }
            tokens.append(Token(kind: kind, text: name, line: line, column: column))
            i = k + close.count
            textStart = i
        }
        flushText(b.count)
        return markStandalone(tokens)
    }

    /// Removes the whitespace and line break around tags that stand alone on their line (the Mustache spec).
    /// Decisions are made on the original texts, then applied, so consecutive standalone lines all qualify.
    private static func markStandalone(_ input: [Token]) -> [Token] {
        var t = input
        var headCut = [Int](repeating: 0, count: t.count)
        var tailCut = [Int](repeating: 0, count: t.count)
        for i in t.indices where isStandaloneKind(t[i].kind) {
            var beforeOK = false
            var indent: [UInt8] = []
            if i == 0 {
                beforeOK = true
            } else if input[i - 1].kind == .text {
                let text = input[i - 1].text
                let lastNL = text.lastIndex(of: 0x0A)
                let tail = lastNL.map { Array(text[($0 + 1)...]) } ?? text
                if tail.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) && (lastNL != nil || i == 1) {
                    beforeOK = true
                    indent = tail
                }
            }
            var afterOK = false
            var afterCut = 0
            if i + 1 == t.count {
                afterOK = true
            } else if input[i + 1].kind == .text {
                let text = input[i + 1].text
                var k = 0
                while k < text.count, text[k] == 0x20 || text[k] == 0x09 || text[k] == 0x0D { k += 1 }
                if k < text.count, text[k] == 0x0A {
                    afterOK = true
                    afterCut = k + 1
                } else if k == text.count && i + 2 == t.count {
                    afterOK = true
                    afterCut = k
                }
            }
            if beforeOK && afterOK {
                if i > 0 { tailCut[i - 1] = indent.count }
                if i + 1 < t.count { headCut[i + 1] = afterCut }
                t[i].indent = indent
            }
        }
        for i in t.indices where t[i].kind == .text && (headCut[i] > 0 || tailCut[i] > 0) {
            let text = t[i].text
            let lo = min(headCut[i], text.count), hi = max(lo, text.count - tailCut[i])
            t[i].text = Array(text[lo..<hi])
        }
        return t.filter { !($0.kind == .text && $0.text.isEmpty) }
    }

    private static func path(_ name: [UInt8]) -> [String] {
        let s = String(decoding: name, as: UTF8.self)
        return s == "." ? ["."] : s.split(separator: ".").map(String.init)
    }

    private static func build(_ tokens: [Token], _ index: inout Int, closing: (String, Token)?, depth: Int = 0) throws(TemplateSyntaxError) -> [Node] {
        if depth > maxDepth, let (open, t) = closing {
            throw TemplateSyntaxError(line: t.line, column: t.column,
                                      message: "{{#\(open)}} is nested more than \(maxDepth) sections deep; flatten the template")
        }
        var nodes: [Node] = []
        while index < tokens.count {
            let t = tokens[index]
            index += 1
            let name = String(decoding: t.text, as: UTF8.self)
            switch t.kind {
            case .text: nodes.append(.text(t.text))
            case .variable: nodes.append(.variable(path(t.text), escaped: true))
            case .raw: nodes.append(.variable(path(t.text), escaped: false))
            case .comment, .pragma: break
            case .partial: nodes.append(.partial(name, indent: t.indent))
            case .section, .inverted:
                let inner = try build(tokens, &index, closing: (name, t), depth: depth + 1)
                nodes.append(.section(path(t.text), inner, inverted: t.kind == .inverted))
            case .block:
                nodes.append(.block(name, try build(tokens, &index, closing: (name, t), depth: depth + 1)))
            case .parent:
                let inner = try build(tokens, &index, closing: (name, t), depth: depth + 1)
                var blocks: [String: [Node]] = [:]
                for n in inner { if case .block(let b, let content) = n { blocks[b] = content } }
                nodes.append(.parent(name, blocks: blocks, indent: t.indent))
            case .close:
                guard let (open, openToken) = closing else {
                    throw TemplateSyntaxError(line: t.line, column: t.column, message: "{{/\(name)}} closes a section that was never opened")
                }
                guard open == name else {
                    throw TemplateSyntaxError(line: t.line, column: t.column,
                                              message: "{{/\(name)}} closes {{#\(open)}} opened on line \(openToken.line); close it with {{/\(open)}}")
                }
                return nodes
            }
        }
        if let (open, openToken) = closing {
            throw TemplateSyntaxError(line: openToken.line, column: openToken.column, message: "{{#\(open)}} is never closed; add {{/\(open)}}")
        }
        return nodes
    }
}

/// Renders compiled templates; partials and parents are looked up by name.
struct TemplateRenderer {
    let templates: [String: CompiledTemplate]
    var out: [UInt8] = []

    init(templates: [String: CompiledTemplate]) {
        self.templates = templates
        out.reserveCapacity(16 * 1024)
    }

    /// Renders into `out`.
    mutating func render(_ name: String, _ context: TemplateValue) {
        guard let t = templates[name] else { return }
        var stack = [context]
        render(t.nodes, &stack, blocks: [:], indent: [])
    }

    func lookup(_ path: [String], _ stack: [TemplateValue]) -> TemplateValue? {
        if path.first == "." { return stack.last }
        guard let first = path.first else { return nil }
        var found: TemplateValue? = nil
        for v in stack.reversed() {
            if let c = v.child(first) { found = c; break }
        }
        for name in path.dropFirst() {
            guard let f = found else { return nil }
            found = f.child(name)
        }
        return found
    }

    mutating func append(_ bytes: [UInt8], indent: [UInt8]) {
        guard !indent.isEmpty else { out.append(contentsOf: bytes); return }
        // Indented partials: every line but an empty last one gets the indentation.
        var atLineStart = out.isEmpty || out.last == 0x0A
        for c in bytes {
            if atLineStart { out.append(contentsOf: indent); atLineStart = false }
            out.append(c)
            if c == 0x0A { atLineStart = true }
        }
    }

    mutating func render(_ nodes: [CompiledTemplate.Node], _ stack: inout [TemplateValue], blocks: [String: [CompiledTemplate.Node]],
                         indent: [UInt8]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                append(bytes, indent: indent)
            case .variable(let path, let escaped):
                guard let v = lookup(path, stack) else { continue }
                let text: String
                switch v {
                case .text(let s): text = s
                case .flag(let b): text = b ? "true" : "false"
                case .bytes(let b):
                    if escaped { escape(String(decoding: b, as: UTF8.self)) } else { out.append(contentsOf: b) }
                    continue
                case .list, .object: continue
                }
                if escaped { escape(text) } else { out.append(contentsOf: text.utf8) }
            case .section(let path, let inner, let inverted):
                let v = lookup(path, stack)
                let truthy = v?.isTruthy ?? false
                if inverted {
                    if !truthy { render(inner, &stack, blocks: blocks, indent: indent) }
                    continue
                }
                guard truthy, let v else { continue }
                switch v {
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(inner, &stack, blocks: blocks, indent: indent)
                        stack.removeLast()
                    }
                case .flag:
                    render(inner, &stack, blocks: blocks, indent: indent)
                case .text, .object, .bytes:
                    stack.append(v)
                    render(inner, &stack, blocks: blocks, indent: indent)
                    stack.removeLast()
                }
            case .partial(let name, let partialIndent):
                if let t = templates[name] { render(t.nodes, &stack, blocks: blocks, indent: indent + partialIndent) }
            case .parent(let name, let overrides, let parentIndent):
                // The child's blocks win over the parent's defaults; blocks already overridden further out win too.
                if let t = templates[name] {
                    render(t.nodes, &stack, blocks: overrides.merging(blocks) { _, outer in outer }, indent: indent + parentIndent)
                }
            case .block(let name, let defaultNodes):
                render(blocks[name] ?? defaultNodes, &stack, blocks: blocks, indent: indent)
            }
        }
    }

    mutating func escape(_ text: String) { HTMLText.append(escaping: text, to: &out) }
}
