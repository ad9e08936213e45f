/// Every escaper Bantin writes output with, one per context, each written once (docs/architecture.md, convention 13).
///
/// - `html`: HTML text and double- or single-quoted attribute values (`& < > " '`); what `{{value}}` does in a template.
/// - `xml`: XML text and attribute values (Atom feeds, sitemaps): the five entities, and the characters XML 1.0
///   forbids (C0 controls but tab and line breaks, U+FFFE, U+FFFF) dropped.
/// - `jsonString`: a JSON string with its quotes (RFC 8259): `"` `\` and every C0 control escaped.
/// - `urlPath`, `urlQuery`: percent-encoding of a URL's path, or of one query name or value.
///
/// All work on UTF-8 bytes and copy the runs that need nothing whole. A `String` is valid UTF-8 by construction; bytes
/// are decoded first (invalid sequences become U+FFFD), so no escaper ever writes invalid UTF-8 or traps on it.
public enum Escape {
    // MARK: HTML

    /// Appends `text` escaped for HTML text or a quoted attribute value.
    public static func html(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { html($0, into: &out) }
    }

    /// `text` escaped for HTML text or a quoted attribute value.
    public static func html(_ text: String) -> String { string { html(text, into: &$0) } }

    /// Bytes escaped for HTML; invalid UTF-8 becomes U+FFFD.
    public static func html(bytes: some Collection<UInt8>, into out: inout [UInt8]) {
        html(String(decoding: bytes, as: UTF8.self), into: &out)
    }

    static func html(_ b: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var start = 0
        for i in 0..<b.count {
            let c = b[i]
            // Only ASCII needs anything: & " ' < > are 0x26 0x22 0x27 0x3C 0x3E.
            guard c <= 0x3E, c == 0x26 || c == 0x3C || c == 0x3E || c == 0x22 || c == 0x27 else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
            start = i + 1
            switch c {
            case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
            case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
            case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
            case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
            default: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start...]))
    }

    // MARK: HTML text with document symbols kept together

    /// Appends `text` escaped for HTML text, with every document symbol ("55-NQ/TW", "126/BC-UBND", "94/2015/QH13",
    /// "QĐ-TTg") in `<span class="so-hieu">`, which the theme keeps on one line (`white-space: nowrap`): browsers
    /// break lines after "-" and "/", and "55-" at a line's end with "NQ/TW" on the next reads as two things. The
    /// text itself is unchanged, so copying and searching it give the symbol as written (a non-breaking hyphen would
    /// not). A symbol: letters, digits, dots, "-" and "/" with a separator inside, at most 40 bytes, and two capitals
    /// or a capital and a digit; dates ("3/6/2017") and lower-case compounds ("kinh tế-xã hội", "và/hoặc") stay
    /// breakable. Only for text content: never an attribute value or `<title>`.
    public static func htmlKeepingSymbols(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { b in
            guard b.contains(where: { $0 == 0x2D || $0 == 0x2F }) else { return html(b, into: &out) }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(b.count + 16)
            html(b, into: &escaped)
            escaped.withUnsafeBufferPointer { e in
                var copied = 0
                var wrapped: [UInt8] = []
                wrapSymbols(e, 0, e.count, copied: &copied, into: &wrapped)
                if copied == 0 { out.append(contentsOf: e); return }
                out.append(contentsOf: wrapped)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: e[copied...]))
            }
        }
    }

    public static let symbolOpen = Array("<span class=\"so-hieu\">".utf8), symbolClose = Array("</span>".utf8)

    /// A byte of a symbol: an ASCII letter or digit, ".", "-", "/", or part of a non-ASCII letter. Non-ASCII
    /// characters led by C2 (no-break space, « »), E2 (dashes, curly quotes, ellipsis), E3, EF or F0 are not.
    @inline(__always)
    static func isSymbolByte(_ c: UInt8, lead: UInt8) -> Bool {
        if c < 0x80 {
            return (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x2D || c == 0x2F || c == 0x2E
        }
        return lead != 0xC2 && lead != 0xE2 && lead != 0xE3 && lead != 0xEF && lead < 0xF0
    }

    /// The lead byte of the character that byte `k` is part of.
    @inline(__always)
    static func lead(_ b: UnsafeBufferPointer<UInt8>, _ k: Int, lowest: Int) -> UInt8 {
        var s = k
        while s > lowest, b[s] & 0xC0 == 0x80 { s -= 1 }
        return b[s]
    }

    /// Wraps the symbols of text `b[start..<end]`: `out` gets everything from `copied` up to each symbol, the
    /// symbol in its span, and `copied` moves past it. Nothing is copied where there is no symbol.
    public static func wrapSymbols(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, copied: inout Int, into out: inout [UInt8]) {
        var i = start
        while i < end {
            let c = b[i]
            guard c == 0x2D || c == 0x2F else { i += 1; continue }
            // The run of symbol bytes around the separator.
            var s = i
            while s > start, isSymbolByte(b[s - 1], lead: lead(b, s - 1, lowest: start)) { s -= 1 }
            var e = i + 1
            while e < end {
                let l = b[e] < 0x80 ? b[e] : lead(b, e, lowest: start)
                guard isSymbolByte(b[e], lead: l) else { break }
                e += 1
            }
            // An incomplete character at either end (a separator byte never is one) cannot happen: runs stop at
            // ASCII bytes or at whole non-symbol characters. Trim separators and dots off both ends.
            var ts = s, te = e
            while ts < te, b[ts] == 0x2D || b[ts] == 0x2F || b[ts] == 0x2E { ts += 1 }
            while te > ts, b[te - 1] == 0x2D || b[te - 1] == 0x2F || b[te - 1] == 0x2E { te -= 1 }
            var capitals = 0, digits = 0, separators = 0
            var k = ts
            while k < te {
                let x = b[k]
                if x >= 0x41 && x <= 0x5A { capitals += 1 } else if x >= 0x30 && x <= 0x39 { digits += 1 }
                else if x == 0x2D || x == 0x2F { separators += 1 }
                else if x == 0xC4, k + 1 < te, b[k + 1] == 0x90 { capitals += 1 }  // Đ
                k += 1
            }
            if separators > 0, te - ts <= 40, capitals >= 2 || (capitals >= 1 && digits >= 1) {
                if out.isEmpty { out.reserveCapacity(b.count + 512) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<ts]))
                out.append(contentsOf: symbolOpen)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[ts..<te]))
                out.append(contentsOf: symbolClose)
                copied = te
            }
            i = max(e, i + 1)
        }
    }

    // MARK: XML

    /// Appends `text` escaped for XML text or a quoted attribute value, dropping the characters XML 1.0 forbids.
    public static func xml(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { b in
            var start = 0
            var i = 0
            while i < b.count {
                let c = b[i]
                let skip: Int
                let entity: [UInt8]?
                switch c {
                case 0x26: (skip, entity) = (1, [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
                case 0x3C: (skip, entity) = (1, [0x26, 0x6C, 0x74, 0x3B])  // &lt;
                case 0x3E: (skip, entity) = (1, [0x26, 0x67, 0x74, 0x3B])  // &gt;
                case 0x22: (skip, entity) = (1, [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
                case 0x27: (skip, entity) = (1, [0x26, 0x61, 0x70, 0x6F, 0x73, 0x3B])  // &apos;
                case 0x09, 0x0A, 0x0D: i += 1; continue
                case 0..<0x20: (skip, entity) = (1, nil)  // forbidden in XML 1.0
                case 0xEF where i + 2 < b.count && b[i + 1] == 0xBF && (b[i + 2] == 0xBE || b[i + 2] == 0xBF):
                    (skip, entity) = (3, nil)  // U+FFFE, U+FFFF: not characters in XML
                default: i += 1; continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                if let entity { out.append(contentsOf: entity) }
                i += skip
                start = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start...]))
        }
    }

    /// `text` escaped for XML.
    public static func xml(_ text: String) -> String { string { xml(text, into: &$0) } }

    // MARK: JSON

    /// Appends `text` as a JSON string, quotes included.
    public static func jsonString(_ text: String, into out: inout [UInt8]) {
        out.append(0x22)
        var text = text
        text.withUTF8 { b in
            var start = 0
            for i in 0..<b.count {
                let c = b[i]
                guard c == 0x22 || c == 0x5C || c < 0x20 else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                start = i + 1
                switch c {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                default: out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexLower(c >> 4), hexLower(c & 15)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start...]))
        }
        out.append(0x22)
    }

    /// `text` as a JSON string, quotes included.
    public static func jsonString(_ text: String) -> String { string { jsonString(text, into: &$0) } }

    // MARK: URLs

    /// Appends `text` percent-encoded for a URL's path: everything but letters, digits, `-._~`, the sub-delimiters
    /// `!$&'()*+,;=`, `:`, `@` and `/` is encoded, UTF-8 byte by byte; a `%` already followed by two hex digits is
    /// kept, so an address written encoded is not encoded twice. `"`, `<`, `>`, `'`, spaces and controls never stay.
    ///
    /// `'` is encoded too (although a sub-delimiter) so that a path is safe in any quoted attribute.
    public static func urlPath(_ text: String, into out: inout [UInt8]) {
        percentEncode(text, into: &out, keep: pathKept, keepEncoded: true)
    }

    /// `text` percent-encoded for a URL's path.
    public static func urlPath(_ text: String) -> String { string { urlPath(text, into: &$0) } }

    /// Appends `text` percent-encoded as one query name or value: everything but letters, digits and `-._~` is
    /// encoded (a space as `%20`), `%` included.
    public static func urlQuery(_ text: String, into out: inout [UInt8]) {
        percentEncode(text, into: &out, keep: unreserved, keepEncoded: false)
    }

    /// `text` percent-encoded as one query name or value.
    public static func urlQuery(_ text: String) -> String { string { urlQuery(text, into: &$0) } }

    /// The bytes with every `%XX` (two hex digits) decoded; a `%` not followed by two hex digits stays as written.
    /// The result may be any bytes: the caller decides what UTF-8 or NUL in it means.
    public static func percentDecoded<C: Collection<UInt8>>(_ bytes: C) -> [UInt8] {
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x41...0x46: return c - 0x37
            case 0x61...0x66: return c - 0x57
            default: return nil
            }
        }
        let b = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == 0x25, i + 2 < b.count, let h = hex(b[i + 1]), let l = hex(b[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }

    // MARK: -

    /// Bits 0…127: which ASCII bytes stay as they are.
    struct ASCIISet {
        let low: UInt64, high: UInt64
        init(_ chars: String) {
            var low: UInt64 = 0, high: UInt64 = 0
            for c in chars.utf8 { if c < 64 { low |= 1 << c } else { high |= 1 << (c - 64) } }
            self.low = low
            self.high = high
        }
        @inline(__always) func contains(_ c: UInt8) -> Bool {
            c < 64 ? low & (1 << c) != 0 : c < 128 && high & (1 << (c - 64)) != 0
        }
    }

    static let unreserved = ASCIISet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    static let pathKept = ASCIISet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&()*+,;=:@/")

    static func percentEncode(_ text: String, into out: inout [UInt8], keep: ASCIISet, keepEncoded: Bool) {
        var text = text
        text.withUTF8 { b in
            var start = 0
            for i in 0..<b.count {
                let c = b[i]
                if keep.contains(c) { continue }
                if keepEncoded, c == 0x25, i + 2 < b.count, isHex(b[i + 1]), isHex(b[i + 2]) { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                start = i + 1
                out.append(contentsOf: [0x25, hexUpper(c >> 4), hexUpper(c & 15)])
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start...]))
        }
    }

    @inline(__always) static func isHex(_ c: UInt8) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x46).contains(c) || (0x61...0x66).contains(c)
    }

    @inline(__always) static func hexLower(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }
    @inline(__always) static func hexUpper(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x37 + v }

    static func string(_ body: (inout [UInt8]) -> Void) -> String {
        var out: [UInt8] = []
        body(&out)
        return String(decoding: out, as: UTF8.self)
    }
}
