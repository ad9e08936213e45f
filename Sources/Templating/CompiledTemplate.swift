/// Bantin's Mustache renderer: templates parsed once into a tree, rendered into a byte buffer against typed
/// values, with no dynamic casts. It follows the Mustache spec (variables, sections, inverted sections,
/// comments, partials, set delimiters, standalone lines and indentation) and template inheritance (`{{<parent}}`
/// with `{{$block}}`, blocks reindented), which is what the theme uses: `MustacheSpecTests` runs the spec's own
/// tests over it, and a differential test checks it against swift-mustache on the whole default theme.
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
        /// `symbols`: the tag stands in HTML text (not in a tag, `<title>`, `<script>`, `<style>` or `<textarea>`), so
        /// an escaped value keeps its document symbols on one line (`Escape.htmlKeepingSymbols`).
        case variable([String], escaped: Bool, symbols: Bool)
        case section([String], [Node], inverted: Bool)
        /// `standalone`: the tag had its line to itself, so what it renders starts a line (and gets `indent`).
        case partial(String, indent: [UInt8], standalone: Bool)
        /// `{{>*name}}`: the partial named by the value at `name` (the spec's dynamic names).
        case dynamicPartial([String], indent: [UInt8], standalone: Bool)
        case parent(String, blocks: [String: [Node]], indent: [UInt8], standalone: Bool)
        /// A place a parent's caller can fill: the default nodes render as written; an argument renders with
        /// `indent`, the indentation of this place (see `reindentBlockArguments`).
        case block(String, [Node], indent: [UInt8], standalone: Bool)
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
    /// Whether it has `{{>*name}}`, which may render any template.
    let includesDynamically: Bool
    /// The first part of every name its variables and sections look up (`article` for `{{article.title}}`): what
    /// a context must hold for this template, whatever else it holds.
    let names: Set<String>

    /// Sections and blocks inside one another: the parser and the renderer recurse once per level.
    static let maxDepth = 100

    // MARK: parsing

    private enum Kind { case text, variable, raw, section, inverted, close, comment, partial, parent, block, pragma, delimiters }

    private struct Token {
        var kind: Kind
        var text: [UInt8]  // text, or the tag's name
        var line: Int
        var column: Int
        /// The whitespace before a tag that stands alone on its line (cut from the text before it); for a block
        /// that does not stand alone, the whitespace between the start of its line and the tag (left in the text).
        var indent: [UInt8] = []
        /// A tag alone on its line (its line removed); a text that starts at the beginning of a line.
        var standalone = false
        /// A variable in HTML text (see `markTextContext`).
        var inText = false
    }

    init(_ source: String) throws(TemplateSyntaxError) {
        var tokens = try CompiledTemplate.tokenize(Array(source.utf8))
        CompiledTemplate.reindentBlockArguments(&tokens)
        CompiledTemplate.markTextContext(&tokens)
        var index = 0
        nodes = try CompiledTemplate.build(tokens, &index, closing: nil)
        includesDynamically = tokens.contains { $0.kind == .partial && $0.text.first == 0x2A }
        names = Set(tokens.compactMap { t -> String? in
            switch t.kind {
            case .variable, .raw, .section, .inverted: return CompiledTemplate.path(t.text).first
            default: return nil
            }
        })
        includes = tokens.compactMap { t in
            guard t.kind == .partial && t.text.first != 0x2A || t.kind == .parent else { return nil }
            return Include(name: String(decoding: t.text, as: UTF8.self), isParent: t.kind == .parent, line: t.line, column: t.column)
        }
    }

    /// Marks the variables that stand in HTML text, reading the template's own text in order: not inside a tag
    /// (`<a href="{{url}}">`), nor in `<title>`, `<script>`, `<style>`, `<textarea>` or `<option>` (text only). Each
    /// template is read on its own, as if it started in text: a partial meant for inside a tag would be misread (the
    /// theme has none).
    private static func markTextContext(_ tokens: inout [Token]) {
        let raw: [[UInt8]] = ["title", "script", "style", "textarea", "option"].map { Array($0.utf8) }
        var inTag = false
        var rawName: [UInt8]? = nil, pending: [UInt8]? = nil
        for k in tokens.indices {
            switch tokens[k].kind {
            case .variable: tokens[k].inText = !inTag && rawName == nil
            case .text:
                let b = tokens[k].text
                var i = 0
                while i < b.count {
                    let c = b[i]
                    if let name = rawName {
                        if c == 0x3C, i + 1 < b.count, b[i + 1] == 0x2F, b.count >= i + 2 + name.count,
                           Array(b[(i + 2)..<(i + 2 + name.count)]) == name {
                            rawName = nil
                            inTag = true
                        }
                    } else if !inTag, c == 0x3C {
                        inTag = true
                        pending = raw.first { n in b.count >= i + 1 + n.count && Array(b[(i + 1)..<(i + 1 + n.count)]) == n }
                    } else if inTag, c == 0x3E {
                        inTag = false
                        rawName = pending
                        pending = nil
                    }
                    i += 1
                }
            default: break
            }
        }
    }

    private static func isStandaloneKind(_ k: Kind) -> Bool {
        switch k {
        case .section, .inverted, .close, .comment, .partial, .parent, .block, .pragma, .delimiters: return true
        default: return false
        }
    }

    private static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    /// Splits the template into texts and tags. Tags open with `{{` and close with `}}` until a Set Delimiter tag
    /// (`{{=<% %>=}}`) changes them for the rest of the template (not for its partials).
    private static func tokenize(_ b: [UInt8]) throws(TemplateSyntaxError) -> [Token] {
        var tokens: [Token] = []
        var i = 0, line = 1, lineStart = 0
        var textStart = 0
        var open: [UInt8] = [0x7B, 0x7B], close: [UInt8] = [0x7D, 0x7D]
        func flushText(_ end: Int) {
            if end > textStart {
                tokens.append(Token(kind: .text, text: Array(b[textStart..<end]), line: line, column: 1,
                                    standalone: textStart == 0 || b[textStart - 1] == 0x0A))
            }
        }
        func shown(_ d: [UInt8]) -> String { String(decoding: d, as: UTF8.self) }
        while i < b.count {
            if b[i] == 0x0A { line += 1; lineStart = i + 1; i += 1; continue }
            guard b[i] == open[0], i + open.count <= b.count, b[i..<(i + open.count)].elementsEqual(open) else { i += 1; continue }
            flushText(i)
            let column = i - lineStart + 1
            var j = i + open.count
            var kind = Kind.variable
            var closing = close
            if j < b.count {
                switch b[j] {
                case 0x7B: kind = .raw; closing = [0x7D] + close; j += 1
                case 0x26: kind = .raw; j += 1
                case 0x23: kind = .section; j += 1
                case 0x5E: kind = .inverted; j += 1
                case 0x2F: kind = .close; j += 1
                case 0x21: kind = .comment; j += 1
                case 0x3E: kind = .partial; j += 1
                case 0x3C: kind = .parent; j += 1
                case 0x24: kind = .block; j += 1
                case 0x25: kind = .pragma; j += 1
                case 0x3D: kind = .delimiters; closing = [0x3D] + close; j += 1
                default: break
                }
            }
            var k = j
            var found = false
            while k + closing.count <= b.count {
                if b[k] == closing[0] && b[k..<(k + closing.count)].elementsEqual(closing) { found = true; break }
                if b[k] == 0x0A && kind != .comment { break }
                k += 1
            }
            guard found else { throw TemplateSyntaxError(line: line, column: column, message: "the tag is not closed with \(shown(closing))") }
            var name = Array(b[j..<k])
            if kind == .delimiters {
                // Two delimiters separated by whitespace, neither containing whitespace or "=".
                let parts = name.split(whereSeparator: isWhitespace).map(Array.init)
                guard parts.count == 2, !parts.contains(where: { $0.contains(0x3D) }) else {
                    throw TemplateSyntaxError(line: line, column: column,
                                              message: "\(shown(open))=\(shown(name))=\(shown(close)) does not set delimiters: write the opening and the closing delimiter separated by a space, as in {{=<% %>=}}")
                }
                open = parts[0]
                close = parts[1]
                name = []
            } else if kind != .comment && kind != .pragma {
                while let f = name.first, isWhitespace(f) { name.removeFirst() }
                while let l = name.last, isWhitespace(l) { name.removeLast() }
                if name.isEmpty { throw TemplateSyntaxError(line: line, column: column, message: "the tag has no name") }
            }
            // Comments may span lines.
            for c in b[i..<k] where c == 0x0A { line += 1 }
            if let lastNewline = b[i..<k].lastIndex(of: 0x0A) { lineStart = lastNewline + 1 }
            tokens.append(Token(kind: kind, text: name, line: line, column: column))
            i = k + closing.count
            textStart = i
        }
        flushText(b.count)
        return markStandalone(tokens)
    }

    /// Removes the whitespace and line break around tags that stand alone on their line (the Mustache spec).
    /// Decisions are made on the original texts, then applied, so consecutive standalone lines all qualify.
    ///
    /// A parent counts from its opening tag to its closing tag (`  {{<parent}}{{/parent}}` stands alone). The text
    /// directly inside a parent is ignored, so a block argument's opening tag stands alone when the rest of its line
    /// is blank, whatever comes before it, and its closing tag when its line is blank before it.
    private static func markStandalone(_ input: [Token]) -> [Token] {
        var t = input
        var headCut = [Int](repeating: 0, count: t.count)
        var tailCut = [Int](repeating: 0, count: t.count)
        /// Whether only blanks stand between the start of the line and tag `i`, and those blanks.
        func before(_ i: Int) -> (ok: Bool, indent: [UInt8]) {
            if i == 0 { return (true, []) }
            guard input[i - 1].kind == .text else { return (false, []) }
            let text = input[i - 1].text
            let lastNL = text.lastIndex(of: 0x0A)
            let tail = lastNL.map { Array(text[($0 + 1)...]) } ?? text
            guard tail.allSatisfy(isWhitespace), lastNL != nil || i == 1 else { return (false, []) }
            return (true, tail)
        }
        /// Whether only blanks stand between tag `i` and the end of its line, and how much of the next text to cut.
        func after(_ i: Int) -> (ok: Bool, cut: Int) {
            if i + 1 == t.count { return (true, 0) }
            guard input[i + 1].kind == .text else { return (false, 0) }
            let text = input[i + 1].text
            var k = 0
            while k < text.count, text[k] == 0x20 || text[k] == 0x09 || text[k] == 0x0D { k += 1 }
            if k < text.count, text[k] == 0x0A { return (true, k + 1) }
            if k == text.count && i + 2 == t.count { return (true, k) }
            return (false, 0)
        }
        func cut(_ i: Int, indent: [UInt8], after cutAfter: Int) {
            if i > 0, input[i - 1].kind == .text { tailCut[i - 1] = indent.count }
            if i + 1 < t.count, input[i + 1].kind == .text { headCut[i + 1] = cutAfter }
        }
        // The innermost open section, block or parent, with its token.
        var open: [(kind: Kind, index: Int)] = []
        for i in t.indices where isStandaloneKind(t[i].kind) {
            let kind = t[i].kind
            var opened: (kind: Kind, index: Int)? = nil
            if kind == .close { opened = open.popLast() }
            let inParent = open.last?.kind == .parent
            switch kind {
            case .section, .inverted, .block, .parent: open.append((kind, i))
            default: break
            }
            if kind == .parent { continue }  // decided at its closing tag
            if kind == .close, let o = opened?.index, opened?.kind == .parent {
                let (bOK, indent) = before(o), (aOK, aCut) = after(i)
                if bOK && aOK {
                    if o > 0, input[o - 1].kind == .text { tailCut[o - 1] = indent.count }
                    if i + 1 < t.count, input[i + 1].kind == .text { headCut[i + 1] = aCut }
                    t[o].indent = indent
                    t[o].standalone = true
                }
                continue
            }
            if inParent && kind == .block {
                let (aOK, aCut) = after(i)
                if aOK {
                    if i + 1 < t.count, input[i + 1].kind == .text { headCut[i + 1] = aCut }
                    t[i].standalone = true
                }
                continue
            }
            if inParent && kind == .close, opened?.kind == .block {
                let (bOK, indent) = before(i)
                if bOK {
                    if i > 0, input[i - 1].kind == .text { tailCut[i - 1] = indent.count }
                    t[i].standalone = true
                }
                continue
            }
            let (bOK, indent) = before(i), (aOK, aCut) = after(i)
            if bOK && aOK {
                cut(i, indent: indent, after: aCut)
                t[i].indent = indent
                t[i].standalone = true
            } else if kind == .block && bOK {
                // An inline block at the start of its line: an argument's later lines get the same indentation.
                t[i].indent = indent
            }
        }
        for i in t.indices where t[i].kind == .text && (headCut[i] > 0 || tailCut[i] > 0) {
            let text = t[i].text
            let lo = min(headCut[i], text.count), hi = max(lo, text.count - tailCut[i])
            t[i].text = Array(text[lo..<hi])
            if headCut[i] > 0 { t[i].standalone = true }  // the cut ended with a line break
        }
        return t.filter { !($0.kind == .text && $0.text.isEmpty) }
    }

    /// A block argument (`{{$name}}` inside `{{<parent}}`) whose opening tag stands alone is indented like its first
    /// line: that indentation is removed from each of its lines here and the indentation of the place it fills is
    /// added when it renders (the spec's block reindentation). Arguments inside arguments are then relative to theirs.
    private static func reindentBlockArguments(_ t: inout [Token]) {
        var open: [Kind] = []
        var i = 0
        while i < t.count {
            let kind = t[i].kind
            if kind == .close { _ = open.popLast() }
            let inParent = open.last == .parent
            switch kind {
            case .section, .inverted, .block, .parent: open.append(kind)
            default: break
            }
            // Nested past the limit: `build` refuses the template; stopping here keeps this pass linear.
            if open.count > maxDepth { return }
            defer { i += 1 }
            guard kind == .block, inParent, t[i].standalone, i + 1 < t.count, t[i + 1].kind == .text, t[i + 1].standalone else { continue }
            let prefix = Array(t[i + 1].text.prefix(while: isWhitespace))
            guard !prefix.isEmpty else { continue }
            // The argument's tokens, to its closing tag.
            var depth = 0, end = i + 1
            while end < t.count {
                switch t[end].kind {
                case .section, .inverted, .block, .parent: depth += 1
                case .close: depth -= 1
                default: break
                }
                if depth < 0 { break }
                end += 1
            }
            for j in (i + 1)..<end {
                if t[j].kind == .text {
                    t[j].text = stripIndent(t[j].text, prefix, atLineStart: t[j].standalone)
                } else if !t[j].indent.isEmpty {
                    var n = 0
                    while n < t[j].indent.count, n < prefix.count, t[j].indent[n] == prefix[n] { n += 1 }
                    t[j].indent.removeFirst(n)
                }
            }
        }
    }

    /// `text` with up to `prefix` removed from the start of each of its lines.
    private static func stripIndent(_ text: [UInt8], _ prefix: [UInt8], atLineStart: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var lineStart = atLineStart, matched = 0
        for c in text {
            if lineStart && matched < prefix.count && c == prefix[matched] { matched += 1; continue }
            lineStart = false
            out.append(c)
            if c == 0x0A { lineStart = true; matched = 0 }
        }
        return out
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
            case .variable: nodes.append(.variable(path(t.text), escaped: true, symbols: t.inText))
            case .raw: nodes.append(.variable(path(t.text), escaped: false, symbols: false))
            case .comment, .pragma, .delimiters: break
            case .partial where t.text.first == 0x2A:
                var name = t.text.dropFirst()
                while let f = name.first, isWhitespace(f) { name.removeFirst() }
                nodes.append(.dynamicPartial(path(Array(name)), indent: t.indent, standalone: t.standalone))
            case .partial: nodes.append(.partial(name, indent: t.indent, standalone: t.standalone))
            case .section, .inverted:
                let inner = try build(tokens, &index, closing: (name, t), depth: depth + 1)
                nodes.append(.section(path(t.text), inner, inverted: t.kind == .inverted))
            case .block:
                let inner = try build(tokens, &index, closing: (name, t), depth: depth + 1)
                // Where the block stands alone, its arguments are indented like its default content's first line
                // (or like the tag, without one); inline, like the tag's line.
                var indent = t.indent
                if t.standalone, let first = inner.first {
                    if case .text(let text) = first { indent = Array(text.prefix(while: isWhitespace)) } else { indent = [] }
                }
                nodes.append(.block(name, inner, indent: indent, standalone: t.standalone))
            case .parent:
                let inner = try build(tokens, &index, closing: (name, t), depth: depth + 1)
                var blocks: [String: [Node]] = [:]
                for n in inner { if case .block(let b, let content, _, _) = n { blocks[b] = content } }
                nodes.append(.parent(name, blocks: blocks, indent: t.indent, standalone: t.standalone))
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

    /// Inside an indented partial, parent or block argument: the next line of template starts and has not had its
    /// indentation written yet (written before its first byte, so an empty last line gets none).
    var lineStartPending = false

    /// Partials and parents being rendered inside one another, and rendered so far in this render: a template may
    /// include itself (the spec lets data end the recursion), so both are bounded; past them an include renders
    /// nothing (the theme warned when it loaded).
    var includeDepth = 0, includeExpansions = 0
    static let maxIncludeExpansions = 1_000_000

    /// Whether one more include may render; counts it.
    mutating func enterInclude() -> Bool {
        guard includeDepth < CompiledTemplate.maxDepth, includeExpansions < Self.maxIncludeExpansions else { return false }
        includeDepth += 1
        includeExpansions += 1
        return true
    }

    mutating func append(_ bytes: [UInt8], indent: [UInt8]) {
        guard !indent.isEmpty else { out.append(contentsOf: bytes); return }
        // Every line of the template's own text gets the indentation; what variables insert does not.
        for c in bytes {
            if lineStartPending { out.append(contentsOf: indent); lineStartPending = false }
            out.append(c)
            if c == 0x0A { lineStartPending = true }
        }
    }

    /// Sections and includes open inside one another right now: each is a frame of `render`, and a render runs on a
    /// worker thread's small stack, so past `maxNesting` what is nested deeper renders nothing.
    var nesting = 0
    static let maxNesting = 400

    mutating func render(_ nodes: [CompiledTemplate.Node], _ stack: inout [TemplateValue], blocks: [String: [CompiledTemplate.Node]],
                         indent: [UInt8]) {
        guard nesting < Self.maxNesting else { return }
        nesting += 1
        defer { nesting -= 1 }
        for node in nodes {
            switch node {
            case .text(let bytes):
                append(bytes, indent: indent)
            case .variable(let path, let escaped, let symbols):
                if lineStartPending && !indent.isEmpty { out.append(contentsOf: indent); lineStartPending = false }
                guard let v = lookup(path, stack) else { continue }
                let text: String
                switch v {
                case .text(let s): text = s
                case .flag(let b): text = b ? "true" : "false"
                case .bytes(let b):
                    if escaped { escape(String(decoding: b, as: UTF8.self), symbols: symbols) } else { out.append(contentsOf: b) }
                    continue
                case .list, .object: continue
                }
                if escaped { escape(text, symbols: symbols) } else { out.append(contentsOf: text.utf8) }
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
            case .partial(let name, let partialIndent, let standalone):
                if let t = templates[name], enterInclude() {
                    if standalone { lineStartPending = true }
                    render(t.nodes, &stack, blocks: blocks, indent: partialIndent.isEmpty ? indent : indent + partialIndent)
                    includeDepth -= 1
                }
            case .dynamicPartial(let path, let partialIndent, let standalone):
                // A name the data gives cannot be checked when the theme loads: one that names no template renders
                // nothing, as the spec says; includes that go on (a partial naming itself) stop at the limits.
                guard case .text(let name)? = lookup(path, stack), let t = templates[name], enterInclude() else { continue }
                if standalone { lineStartPending = true }
                render(t.nodes, &stack, blocks: blocks, indent: partialIndent.isEmpty ? indent : indent + partialIndent)
                includeDepth -= 1
            case .parent(let name, let overrides, let parentIndent, let standalone):
                // The child's blocks win over the parent's defaults; blocks already overridden further out win too.
                if let t = templates[name], enterInclude() {
                    if standalone { lineStartPending = true }
                    render(t.nodes, &stack, blocks: overrides.merging(blocks) { _, outer in outer },
                           indent: parentIndent.isEmpty ? indent : indent + parentIndent)
                    includeDepth -= 1
                }
            case .block(let name, let defaultNodes, let blockIndent, let standalone):
                if let argument = blocks[name] {
                    lineStartPending = standalone
                    render(argument, &stack, blocks: blocks, indent: blockIndent.isEmpty ? indent : indent + blockIndent)
                } else {
                    render(defaultNodes, &stack, blocks: blocks, indent: indent)
                }
            }
        }
    }

    mutating func escape(_ text: String, symbols: Bool) {
        if symbols { HTMLText.append(escapingKeepingSymbols: text, to: &out) } else { HTMLText.append(escaping: text, to: &out) }
    }
}

/// Literals, so page code writes typed contexts as it would write dictionaries: `["nav": ["tags": true]]`.
extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// A number, shown as written in decimal (as page contexts converted from `Any` showed it).
    public static func number(_ n: Int) -> TemplateValue { .text(String(n)) }
}
