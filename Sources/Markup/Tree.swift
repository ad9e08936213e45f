import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A borrowed view of one cmark tree, valid only during `Markdown.render`; it never frees the root.
struct Tree {
    let root: OpaquePointer

    /// A maximal sequence of sibling text and soft-break nodes.
    struct Run {
        var first: OpaquePointer
        var text: String
        var line: Int
    }

    static func type(_ node: OpaquePointer) -> cmark_node_type { cmark_node_get_type(node) }

    static func literal(_ node: OpaquePointer) -> String {
        guard let c = cmark_node_get_literal(node) else { return "" }
        return String(cString: c)
    }

    /// Walks the tree in document order; `visit` returns false to skip a node's children.
    func walk(_ visit: (OpaquePointer) -> Bool) {
        var node: OpaquePointer? = root
        var descend = true
        while let current = node {
            if descend, visit(current), let child = cmark_node_first_child(current) {
                node = child
                continue
            }
            descend = true
            if current == root { break }
            if let next = cmark_node_next(current) {
                node = next
            } else {
                // climb until a parent has a next sibling
                var up = cmark_node_parent(current)
                node = nil
                while let p = up, p != root {
                    if let next = cmark_node_next(p) { node = next; break }
                    up = cmark_node_parent(p)
                }
            }
        }
    }

    /// The runs of text that references may be found in: never code, raw HTML, or the text of a link or image.
    func collectRuns() -> [Run] {
        var runs: [Run] = []
        // The leaf block the walk is in: inlines come right after their block in document order, so the last block
        // visited encloses them. Climbing parents from each text node instead cost the depth of the nesting per
        // run, quadratic on deeply nested emphasis.
        var block: OpaquePointer? = nil
        walk { node in
            let t = Tree.type(node)
            if t.rawValue < CMARK_NODE_FIRST_INLINE.rawValue { block = node }
            if t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE || t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK {
                return false
            }
            if t == CMARK_NODE_TEXT {
                // Only start a run at the first text node of a sequence.
                if let prev = cmark_node_previous(node), Tree.isRunPart(prev) { return false }
                var text = ""
                var cursor: OpaquePointer? = node
                while let c = cursor, Tree.isRunPart(c) {
                    text += Tree.type(c) == CMARK_NODE_TEXT ? Tree.literal(c) : " "
                    cursor = cmark_node_next(c)
                }
                let line = block.map { Int(cmark_node_get_start_line($0)) } ?? 1
                runs.append(Run(first: node, text: text, line: line))
            }
            return true
        }
        return runs
    }

    static func isRunPart(_ node: OpaquePointer) -> Bool {
        let t = type(node)
        return t == CMARK_NODE_TEXT || t == CMARK_NODE_SOFTBREAK
    }

    static func length(_ node: OpaquePointer) -> Int {
        type(node) == CMARK_NODE_TEXT ? (cmark_node_get_literal(node).map { strlen($0) } ?? 0) : 1
    }

    /// Splits a text node at a byte offset: the node keeps the prefix, a new node after it takes the rest.
    static func split(_ node: OpaquePointer, at offset: Int) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let count = strlen(literal)
        guard offset > 0 && offset < count else { return }
        let tail = cmark_node_new(CMARK_NODE_TEXT)!  // owned by the tree once inserted below
        _ = cmark_node_set_literal(tail, literal + offset)  // cmark copies the string
        // The prefix, NUL-terminated, in a scratch buffer; set_literal copies it before the buffer goes.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: offset + 1) { buffer in
            buffer.baseAddress!.update(from: literal, count: offset)
            buffer[offset] = 0
            _ = cmark_node_set_literal(node, buffer.baseAddress!)
        }
        cmark_node_insert_after(node, tail)
    }

    /// Wraps the given byte ranges of a run in link nodes. Works from the last link back, so the nodes and
    /// offsets before each range are untouched when it is handled.
    func insertLinks(_ links: [InlineLink], into run: Run) {
        for link in links.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            let start = link.range.lowerBound, end = link.range.upperBound
            guard start < end else { continue }
            // Find the node holding `start`.
            var offset = 0
            var cursor: OpaquePointer? = run.first
            while let c = cursor, Tree.isRunPart(c), offset + Tree.length(c) <= start {
                offset += Tree.length(c)
                cursor = cmark_node_next(c)
            }
            guard var first = cursor, Tree.isRunPart(first) else { continue }
            if start > offset {
                Tree.split(first, at: start - offset)
                guard let next = cmark_node_next(first) else { continue }
                first = next
                offset = start
            }
            // Walk to the node holding `end - 1`, splitting it at `end`.
            var last = first
            var lastStart = offset
            while lastStart + Tree.length(last) < end, let next = cmark_node_next(last), Tree.isRunPart(next) {
                lastStart += Tree.length(last)
                last = next
            }
            if end - lastStart < Tree.length(last) { Tree.split(last, at: end - lastStart) }

            let anchor = cmark_node_new(CMARK_NODE_LINK)!  // owned by the tree once inserted
            link.url.withCString { _ = cmark_node_set_url(anchor, $0) }
            link.title.withCString { _ = cmark_node_set_title(anchor, $0) }
            cmark_node_insert_before(first, anchor)
            var move: OpaquePointer? = first
            while let m = move {
                let next = cmark_node_next(m)
                cmark_node_append_child(anchor, m)  // unlinks m from its old place
                if m == last { break }
                move = next
            }
        }
    }

    /// Replaces every heading by a custom block that prints `<hN id="…">`, so anchors need no raw HTML.
    func anchorHeadings(makeID: (String) -> String) -> [Heading] {
        var found: [OpaquePointer] = []
        walk { node in
            if Tree.type(node) == CMARK_NODE_HEADING { found.append(node); return false }
            return true
        }
        var used: [String: Int] = [:]
        var headings: [Heading] = []
        for node in found {
            let level = Int(cmark_node_get_heading_level(node))
            let text = Tree.plainText(of: node)
            var id = makeID(text)
            if id.isEmpty { id = "muc" }
            if let n = used[id] {
                used[id] = n + 1
                id += "-\(n + 1)"
            } else {
                used[id] = 1
            }
            headings.append(Heading(level: level, text: text, id: id))
            let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!  // owned by the tree once it replaces the heading
            // Printed verbatim even in safe mode: the id is escaped here.
            "<h\(level) id=\"\(escapeAttribute(id))\">".withCString { _ = cmark_node_set_on_enter(block, $0) }
            "</h\(level)>".withCString { _ = cmark_node_set_on_exit(block, $0) }
            cmark_node_replace(node, block)
            while let child = cmark_node_first_child(node) {
                cmark_node_append_child(block, child)
            }
            cmark_node_free(node)  // unlinked by replace; nothing else refers to it
        }
        return headings
    }

    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        Tree(root: node).walk { n in
            switch Tree.type(n) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += Tree.literal(n)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
            return true
        }
        return text
    }

    /// Plain text of the first paragraph that has any.
    func firstParagraph() -> String {
        var node = cmark_node_first_child(root)
        while let n = node {
            if Tree.type(n) == CMARK_NODE_PARAGRAPH {
                let p = Tree.plainText(of: n)
                if !p.isEmpty { return p }
            }
            node = cmark_node_next(n)
        }
        return ""
    }

    /// Plain text of all blocks, the first paragraph, and the links as written.
    func collectText() -> (String, String, [Link]) {
        var text = ""
        var first: String? = nil
        var links: [Link] = []
        walk { node in
            switch Tree.type(node) {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_CUSTOM_BLOCK:
                let p = Tree.plainText(of: node)
                if first == nil, Tree.type(node) == CMARK_NODE_PARAGRAPH, !p.isEmpty { first = p }
                if !text.isEmpty { text += "\n" }
                text += p
                Tree(root: node).walk { n in
                    if Tree.type(n) == CMARK_NODE_LINK {
                        let url = cmark_node_get_url(n).map { String(cString: $0) } ?? ""
                        links.append(Link(url: url, text: Tree.plainText(of: n)))
                    }
                    return true
                }
                return false
            case CMARK_NODE_CODE_BLOCK:
                if !text.isEmpty { text += "\n" }
                text += Tree.literal(node)
                return false
            default:
                return true
            }
        }
        return (text, first ?? "", links)
    }
}

/// Escapes text for an HTML attribute value in double quotes.
func escapeAttribute(_ s: String) -> String {
    var out = ""
    for c in s.unicodeScalars {
        switch c {
        case "&": out += "&amp;"
        case "\"": out += "&quot;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        default: out.unicodeScalars.append(c)
        }
    }
    return out
}
