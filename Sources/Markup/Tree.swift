import CCmark
import Escaping
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
        /// What stands before it: the start of a leaf block, a hard line break in its block, or only inlines.
        var startsBlock = true
        var afterLineBreak = false
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
        var lastRunBlock: OpaquePointer? = nil
        var sawLineBreak = false
        walk { node in
            let t = Tree.type(node)
            if t.rawValue < CMARK_NODE_FIRST_INLINE.rawValue { block = node }
            if t == CMARK_NODE_LINEBREAK { sawLineBreak = true }
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
                let startsBlock = lastRunBlock == nil || lastRunBlock != block
                runs.append(Run(first: node, text: text, line: line, startsBlock: startsBlock, afterLineBreak: !startsBlock && sawLineBreak))
                lastRunBlock = block
                sawLineBreak = false
            }
            return true
        }
        return runs
    }

    /// Every link and image node in document order, with cmark's start position.
    static func isRunPart(_ node: OpaquePointer) -> Bool {
        let t = type(node)
        return t == CMARK_NODE_TEXT || t == CMARK_NODE_SOFTBREAK
    }

    static func length(_ node: OpaquePointer) -> Int {
        type(node) == CMARK_NODE_TEXT ? (cmark_node_get_literal(node).map { strlen($0) } ?? 0) : 1
    }

    /// A new text node holding `count` bytes of `literal` from `from`; the caller inserts it into the tree.
    static func textNode(_ literal: UnsafePointer<CChar>, from: Int, count: Int) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_TEXT)!  // owned by the tree once inserted
        // NUL-terminated in a scratch buffer; set_literal copies it before the buffer goes.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer in
            buffer.baseAddress!.update(from: literal + from, count: count)
            buffer[count] = 0
            _ = cmark_node_set_literal(node, buffer.baseAddress!)
        }
        return node
    }

    /// Wraps the given byte ranges of a run in link nodes, in two forward passes, linear in the run and the links
    /// (a paragraph dense with references has thousands of both): first every link boundary becomes a node
    /// boundary, each text node cut at once into its pieces (each byte copied once); then each link takes the
    /// pieces of its range. Overlapping or empty ranges are skipped.
    func insertLinks(_ links: [InlineLink], into run: Run) {
        let sorted = links.filter { $0.range.lowerBound < $0.range.upperBound }.sorted { $0.range.lowerBound < $1.range.lowerBound }
        let boundaries = sorted.flatMap { [$0.range.lowerBound, $0.range.upperBound] }.sorted()
        // The run's nodes once cut, with the offset each starts at.
        var pieces: [(node: OpaquePointer, start: Int)] = []
        var offset = 0
        var b = 0
        var cursor: OpaquePointer? = run.first
        while let c = cursor, Tree.isRunPart(c) {
            let next = cmark_node_next(c)
            let count = Tree.length(c)
            while b < boundaries.count, boundaries[b] <= offset { b += 1 }
            if b < boundaries.count, boundaries[b] < offset + count, let literal = cmark_node_get_literal(c) {
                var from = 0
                var last = c
                while from < count {
                    var cut = count
                    if b < boundaries.count, boundaries[b] < offset + count { cut = boundaries[b] - offset; b += 1 }
                    guard cut > from else { continue }
                    let piece = Tree.textNode(literal, from: from, count: cut - from)
                    cmark_node_insert_after(last, piece)
                    last = piece
                    pieces.append((piece, offset + from))
                    from = cut
                }
                cmark_node_free(c)  // unlinks it first; its pieces replace it (the literal was copied before)
            } else {
                pieces.append((c, offset))
            }
            offset += count
            cursor = next
        }
        var p = 0
        for link in sorted {
            while p < pieces.count, pieces[p].start < link.range.lowerBound { p += 1 }
            guard p < pieces.count, pieces[p].start == link.range.lowerBound else { continue }
            let anchor = cmark_node_new(CMARK_NODE_LINK)!  // owned by the tree once inserted
            link.url.withCString { _ = cmark_node_set_url(anchor, $0) }
            link.title.withCString { _ = cmark_node_set_title(anchor, $0) }
            cmark_node_insert_before(pieces[p].node, anchor)
            while p < pieces.count, pieces[p].start < link.range.upperBound {
                cmark_node_append_child(anchor, pieces[p].node)  // unlinks it from its old place
                p += 1
            }
        }
    }

    /// Hands every link and image the author wrote to `rewrite`, in document order, and sets the addresses it
    /// returns. Each image becomes a custom inline node printing Bantin's own `<img>` (cmark's has no size and no
    /// lazy loading); since a custom node prints verbatim, what cmark's safe mode drops (`javascript:`, …) is
    /// dropped here the same way when `safe`, and the address and text are escaped here.
    /// Every link and image the author wrote, in document order, with its node. An image's alternative text is
    /// text only: an image written inside it goes with it.
    func destinations() -> [(OpaquePointer, Destination)] {
        var found: [OpaquePointer] = []
        walk { node in
            let t = Tree.type(node)
            if t == CMARK_NODE_LINK { found.append(node) }
            if t == CMARK_NODE_IMAGE { found.append(node); return false }
            return true
        }
        return found.map { node in
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            return (node, Destination(kind: Tree.type(node) == CMARK_NODE_IMAGE ? .image : .link, url: url, text: Tree.plainText(of: node),
                                      line: Int(cmark_node_get_start_line(node)), byteColumn: Int(cmark_node_get_start_column(node))))
        }
    }

    func rewriteDestinations(_ found: [(OpaquePointer, Destination)], safe: Bool, _ rewrite: (Destination) -> DestinationRewrite?) {
        for (node, destination) in found {
            let isImage = destination.kind == .image
            let url = destination.url, text = destination.text
            let asked = rewrite(destination)
            guard isImage else {
                if let new = asked?.url { new.withCString { _ = cmark_node_set_url(node, $0) } }
                continue
            }
            let address = asked?.url ?? url
            var html = "<img src=\"" + Escape.html(safe && Tree.isDangerous(address) ? "" : Tree.encodedURL(address))
            html += "\" alt=\"" + Escape.html(text) + "\""
            if let title = cmark_node_get_title(node), title.pointee != 0 { html += " title=\"" + Escape.html(String(cString: title)) + "\"" }
            if let w = asked?.width, let h = asked?.height, w > 0, h > 0 { html += " width=\"\(w)\" height=\"\(h)\"" }
            html += " loading=\"lazy\" decoding=\"async\">"
            let custom = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!  // owned by the tree once it replaces the image
            html.withCString { _ = cmark_node_set_on_enter(custom, $0) }
            "".withCString { _ = cmark_node_set_on_exit(custom, $0) }
            cmark_node_replace(node, custom)
            cmark_node_free(node)  // unlinked by replace; frees its alternative text with it
        }
    }

    /// An address percent-encoded for an attribute, as cmark encodes the ones it prints: the path, query and
    /// fragment each by `Escape.urlPath` (`%XX` already written is kept), their `?` and `#` kept.
    static func encodedURL(_ url: String) -> String {
        var out: [UInt8] = []
        var piece = ""
        for scalar in url.unicodeScalars {
            if scalar == "?" || scalar == "#" {
                Escape.urlPath(piece, into: &out)
                out.append(UInt8(scalar.value))
                piece = ""
            } else {
                piece.unicodeScalars.append(scalar)
            }
        }
        Escape.urlPath(piece, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// What cmark's safe mode refuses as an address: `javascript:`, `vbscript:`, `file:`, and `data:` except the
    /// PNG, GIF, JPEG and WebP images (`_scan_dangerous_url` in cmark's scanners).
    static func isDangerous(_ url: String) -> Bool {
        let head = String(url.utf8.prefix(16).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }.map { Character(Unicode.Scalar($0)) })
        if head.hasPrefix("javascript:") || head.hasPrefix("vbscript:") || head.hasPrefix("file:") { return true }
        guard head.hasPrefix("data:") else { return false }
        return !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { head.hasPrefix($0) }
    }

    /// Nested quotes (`Typography.nestQuotes`) in every paragraph and heading, across its emphasis and links.
    /// Text nodes are rewritten only where a quote changed; a block with fewer than two opening quotes has no
    /// pair inside a pair and is only read.
    func nestQuotes() {
        walk { node in
            let t = Tree.type(node)
            guard t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING else { return true }
            var nodes: [(OpaquePointer, Range<Int>)] = []
            var bytes: [UInt8] = []
            var opening = 0
            Tree(root: node).walk { n in
                guard Tree.type(n) == CMARK_NODE_TEXT, let c = cmark_node_get_literal(n) else { return true }
                let from = bytes.count
                let count = strlen(c)
                c.withMemoryRebound(to: UInt8.self, capacity: count) { p in
                    var k = 0
                    while k + 2 < count {
                        if p[k] == 0xE2, p[k + 1] == 0x80, p[k + 2] == 0x9C { opening += 1 }
                        k += 1
                    }
                    bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
                }
                nodes.append((n, from..<bytes.count))
                return true
            }
            guard opening >= 2 else { return false }
            let before = bytes
            Typography.nestQuotes(&bytes)
            guard bytes != before else { return false }
            for (n, r) in nodes where bytes[r] != before[r] {
                (Array(bytes[r]) + [0]).withUnsafeBufferPointer { p in
                    p.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_literal(n, $0.baseAddress!) }
                }
            }
            return false
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
            "<h\(level) id=\"\(Escape.html(id))\">".withCString { _ = cmark_node_set_on_enter(block, $0) }
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
