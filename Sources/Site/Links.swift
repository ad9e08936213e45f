import Escaping
import Foundation
import Markup

/// A link or image an article's body writes, placed in its file: 1-based line and column (Unicode scalars).
struct WrittenLink: Sendable {
    var url: String
    var isImage: Bool
    var line: Int
    var column: Int

    /// Places cmark's positions (lines of the body, byte columns) in the file: `bytes` is the whole file, its body
    /// starting on `bodyLine`. cmark can put an inline a few columns early on an indented continuation line, so the
    /// column is moved to the `[`, `![` or `<` that opens the link when one follows closely. One forward walk over
    /// the bytes for links in document order (a line or column behind the cursor restarts from its line).
    static func place(_ links: [Destination], in bytes: [UInt8], bodyLine: Int) -> [WrittenLink] {
        guard !links.isEmpty else { return [] }
        var out: [WrittenLink] = []
        out.reserveCapacity(links.count)
        var line = 1, lineStart = 0
        var lineEnd = bytes.firstIndex(of: 0x0A) ?? bytes.count
        // Within the current line: a byte offset and the scalar column it stands at.
        var at = 0, atColumn = 1
        for link in links {
            let target = link.line + bodyLine - 1
            if target < line {
                line = 1; lineStart = 0; at = 0; atColumn = 1
                lineEnd = bytes.firstIndex(of: 0x0A) ?? bytes.count
            }
            while line < target, lineEnd < bytes.count {
                lineStart = lineEnd + 1
                lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
                line += 1
                at = lineStart; atColumn = 1
            }
            var i = min(lineEnd, lineStart + max(0, link.byteColumn - 1))
            let isImage = link.kind == .image
            let opener: UInt8 = isImage ? 0x21 : 0x5B
            if i < lineEnd, bytes[i] != opener, !(bytes[i] == 0x3C && !isImage) {
                var j = i
                while j < min(lineEnd, i + 256), bytes[j] != opener { j += 1 }
                if j < lineEnd, bytes[j] == opener { i = j }
            }
            if i < at { at = lineStart; atColumn = 1 }
            while at < i {
                if bytes[at] & 0xC0 != 0x80 { atColumn += 1 }
                at += 1
            }
            out.append(WrittenLink(url: link.url, isImage: isImage, line: target, column: atColumn))
        }
        return out
    }
}

/// The links and ids of an HTML page, read the way a browser's tokenizer would see them, on the bytes, in one pass.
struct HTMLLinks {
    struct Found {
        /// The attribute's value, character references decoded.
        var value: String
        /// Byte offset of the value in the page.
        var offset: Int
        var isImage: Bool
    }
    var links: [Found] = []
    var ids: [String] = []

    /// `href`, `src` and `action` values (with `<img src>` marked), and `id` values (and `<a name>`). Comments,
    /// `<script>` and `<style>` contents are skipped.
    static func scan(_ page: [UInt8]) -> HTMLLinks {
        var found = HTMLLinks()
        page.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c + 32 : c }
            func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C }
            func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
            // Tag and attribute names are compared in place: a page has thousands of them.
            func named(_ from: Int, _ to: Int, _ word: StaticString) -> Bool {
                guard to - from == word.utf8CodeUnitCount else { return false }
                let w = word.utf8Start
                for k in 0..<(to - from) where lower(b[from + k]) != w[k] { return false }
                return true
            }
            func skip(past needle: [UInt8], from: Int, caseless: Bool = false) -> Int {
                var k = from
                while k + needle.count <= n {
                    var m = 0
                    while m < needle.count, (caseless ? lower(b[k + m]) : b[k + m]) == needle[m] { m += 1 }
                    if m == needle.count { return k + needle.count }
                    k += 1
                }
                return n
            }
            while i < n {
                guard b[i] == 0x3C, i + 1 < n else { i += 1; continue }
                let c = b[i + 1]
                if c == 0x21 {
                    i = i + 3 < n && b[i + 2] == 0x2D && b[i + 3] == 0x2D ? skip(past: Array("-->".utf8), from: i + 4) : skip(past: [0x3E], from: i + 2)
                    continue
                }
                if c == 0x2F || c == 0x3F { i = skip(past: [0x3E], from: i + 2); continue }
                guard isLetter(c) else { i += 1; continue }
                var j = i + 1
                while j < n, !isSpace(b[j]), b[j] != 0x3E, b[j] != 0x2F { j += 1 }
                let nameStart = i + 1, nameEnd = j
                let isImg = named(nameStart, nameEnd, "img")
                let isA = named(nameStart, nameEnd, "a")
                // Attributes, up to the tag's end.
                while j < n {
                    while j < n, isSpace(b[j]) || b[j] == 0x2F { j += 1 }
                    guard j < n, b[j] != 0x3E else { break }
                    let attrStart = j
                    while j < n, !isSpace(b[j]), b[j] != 0x3E, b[j] != 0x3D, b[j] != 0x2F || j == attrStart { j += 1 }
                    let attrEnd = j
                    while j < n, isSpace(b[j]) { j += 1 }
                    guard j < n, b[j] == 0x3D else { continue }
                    j += 1
                    while j < n, isSpace(b[j]) { j += 1 }
                    guard j < n else { break }
                    var start = j, end = j
                    if b[j] == 0x22 || b[j] == 0x27 {
                        let q = b[j]
                        start = j + 1
                        end = start
                        while end < n, b[end] != q { end += 1 }
                        j = min(n, end + 1)
                    } else {
                        while end < n, !isSpace(b[end]), b[end] != 0x3E { end += 1 }
                        j = end
                    }
                    let isSrc = named(attrStart, attrEnd, "src")
                    if isSrc || named(attrStart, attrEnd, "href") || named(attrStart, attrEnd, "action") {
                        found.links.append(Found(value: decode(UnsafeBufferPointer(rebasing: b[start..<end])), offset: start,
                                                 isImage: isImg && isSrc))
                    } else if named(attrStart, attrEnd, "id") || (isA && named(attrStart, attrEnd, "name")) {
                        found.ids.append(decode(UnsafeBufferPointer(rebasing: b[start..<end])))
                    }
                }
                i = min(n, j + 1)
                if named(nameStart, nameEnd, "script") { i = skip(past: Array("</script".utf8), from: i, caseless: true) }
                if named(nameStart, nameEnd, "style") { i = skip(past: Array("</style".utf8), from: i, caseless: true) }
            }
        }
        return found
    }

    /// An attribute value with its character references decoded (the named ones templates and cmark write, and
    /// numeric ones).
    static func decode(_ v: UnsafeBufferPointer<UInt8>) -> String {
        guard v.contains(0x26) else { return String(decoding: v, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(v.count)
        var i = 0
        while i < v.count {
            guard v[i] == 0x26, let semi = v[i..<min(v.count, i + 12)].firstIndex(of: 0x3B) else { out.append(v[i]); i += 1; continue }
            let ref = String(decoding: UnsafeBufferPointer(rebasing: v[(i + 1)..<semi]), as: UTF8.self)
            var scalar: Unicode.Scalar? = nil
            switch ref {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if ref.hasPrefix("#x") || ref.hasPrefix("#X") { scalar = UInt32(ref.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                else if ref.hasPrefix("#") { scalar = UInt32(ref.dropFirst()).flatMap(Unicode.Scalar.init) }
            }
            guard let scalar else { out.append(v[i]); i += 1; continue }
            out.append(contentsOf: Array(String(scalar).utf8))
            i = semi + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// (line, column) of a byte offset, 1-based, the column in Unicode scalars.
    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1
        for b in bytes[..<min(offset, bytes.count)] {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}

/// Resolves a link as a browser would on a page of the site served under its base URL, and says where it lands.
struct LinkResolver: Sendable {
    /// "/" or "/luu-tru/".
    let basePath: String
    /// "https://example.vn/luu-tru/", when site.yml names the host.
    let absoluteBase: String?

    enum Target: Equatable {
        /// Another site, or a scheme that is not a page (mailto:, tel:, data:…): not checked.
        case external
        /// A path of the host outside the base path: not Bantin's to check, unless the output has it (see `check`).
        case outside(path: String)
        /// A path inside the output (relative to it, percent-decoded, as the output folder names files; "" is the
        /// site's root), with the fragment if any.
        case inside(path: String, fragment: String?)
        /// This very page ("", "#muc"), with the fragment if any.
        case samePage(fragment: String?)
    }

    /// The URL path a page is served at: "2017/12/x/index.html" → "/base/2017/12/x/", "404.html" → "/base/404.html".
    func url(ofPage relative: String) -> String {
        if relative == "index.html" { return basePath }
        if relative.hasSuffix("/index.html") { return basePath + relative.dropLast("index.html".count) }
        return basePath + relative
    }

    /// Where `raw` (an attribute value, decoded) leads from the page at URL path `page`.
    func resolve(_ raw: String, from page: String) -> Target {
        // Browsers strip leading and trailing spaces and controls; most links have none.
        var s = Substring(raw)
        if let f = s.utf8.first, let l = s.utf8.last, f <= 0x20 || l <= 0x20 { s = Substring(raw.trimmingCharacters(in: .whitespacesAndNewlines)) }
        if s.isEmpty { return .samePage(fragment: nil) }
        if s.first == "#" { return .samePage(fragment: Self.percentDecoded(s.dropFirst())) }
        if let scheme = Self.scheme(of: s) {
            guard scheme == "http" || scheme == "https", let absoluteBase, let host = Self.origin(of: absoluteBase) else { return .external }
            guard let origin = Self.origin(of: String(s)), origin.lowercased() == host.lowercased() else { return .external }
            s = s.dropFirst(origin.count)
            if s.isEmpty { s = "/" }
        } else if s.hasPrefix("//") {
            guard let absoluteBase, let host = Self.origin(of: absoluteBase), let slashes = host.range(of: "//") else { return .external }
            let authority = host[slashes.lowerBound...]
            guard s.lowercased().hasPrefix(authority.lowercased()) else { return .external }
            s = s.dropFirst(authority.count)
            if s.isEmpty { s = "/" }
        }
        var fragment: String? = nil
        if let hash = s.firstIndex(of: "#") {
            fragment = Self.percentDecoded(s[s.index(after: hash)...])
            s = s[..<hash]
        }
        if let q = s.firstIndex(of: "?") { s = s[..<q] }
        var path: String
        if s.first == "/" {
            path = String(s)
        } else if s.isEmpty {
            path = page
        } else {
            let dir = page[...(page.lastIndex(of: "/") ?? page.startIndex)]
            path = String(dir) + s
        }
        path = Self.percentDecoded(Substring(Self.removingDotSegments(path)))
        if path + "/" == basePath { path = basePath }
        guard path.hasPrefix(basePath) else { return .outside(path: path) }
        return .inside(path: String(path.dropFirst(basePath.count)), fragment: fragment)
    }

    /// The scheme of an absolute URL ("https", "mailto"), lowercased; nil for a relative reference.
    static func scheme(of s: Substring) -> String? {
        guard let first = s.utf8.first, (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A else { return nil }
        for (k, c) in s.utf8.enumerated() {
            if c == 0x3A { return String(s.prefix(k)).lowercased() }
            let ok = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) || c == 0x2B || c == 0x2D || c == 0x2E
            if !ok { return nil }
        }
        return nil
    }

    /// "https://example.vn" of "https://example.vn/luu-tru/".
    static func origin(of url: String) -> String? {
        guard let r = url.range(of: "://") else { return nil }
        let rest = url[r.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        return String(url[..<end])
    }

    /// RFC 3986, 5.2.4.
    static func removingDotSegments(_ path: String) -> String {
        guard path.contains("/.") else { return path.hasPrefix("/") ? path : "/" + path }
        var out: [Substring] = []
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for (k, part) in parts.enumerated() {
            let last = k == parts.count - 1
            if part == "." {
                if last { out.append("") }
            } else if part == ".." {
                if out.count > 1 { out.removeLast() }
                if last { out.append("") }
            } else {
                out.append(part)
            }
        }
        var joined = out.joined(separator: "/")
        if !joined.hasPrefix("/") { joined = "/" + joined }
        return joined
    }

    /// `%XX` decoded where it makes UTF-8; anything else kept as written.
    static func percentDecoded(_ s: Substring) -> String {
        guard s.utf8.contains(0x25) else { return String(s) }
        return String(validating: Escape.percentDecoded(s.utf8), as: UTF8.self) ?? String(s)
    }
}
