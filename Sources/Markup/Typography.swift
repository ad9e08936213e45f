/// Vietnamese typography that cmark's smart punctuation does not do, on UTF-8 bytes.
public enum Typography {
    /// Quotes inside quotes as Vietnamese print writes them: “… ‘…’ …”. cmark's smart punctuation makes every
    /// straight double quote curly by its neighbours, so `"Học tập "tư tưởng" của Bác"` comes out as
    /// “Học tập “tư tưởng” của Bác”, and text that mixes straight outer quotes with curly inner ones as “…””.
    /// Pairs are matched in `bytes[from...]` (one block: a quotation spanning paragraphs opens each one anew);
    /// a pair inside one other pair becomes ‘…’, a third level “…” again. A closing quote with no opener is
    /// left as it is. Same length in and out, so byte offsets into the text stay valid.
    public static func nestQuotes(_ bytes: inout [UInt8], from start: Int = 0) {
        guard start < bytes.count else { return }
        bytes.withUnsafeMutableBufferPointer { b in
            var open: [Int] = []
            var nested: [(Int, Int)] = []
            var i = start
            let n = b.count
            while i + 2 < n {
                if b[i] == 0xE2, b[i + 1] == 0x80 {
                    if b[i + 2] == 0x9C {
                        open.append(i)
                    } else if b[i + 2] == 0x9D, let o = open.popLast() {
                        if open.count % 2 == 1 { nested.append((o, i)) }
                    }
                    i += 3
                } else {
                    i += 1
                }
            }
            for (o, c) in nested {
                b[o + 2] = 0x98  // ‘
                b[c + 2] = 0x99  // ’
            }
        }
    }

    /// Plain text (a title from front matter, which cmark never sees) with straight quotes made curly the way cmark's
    /// smart punctuation does, then nested (`nestQuotes`): `"Nhận diện “tự diễn biến”, “tự chuyển hóa”"` was shown
    /// as typed, ending in `hóa”"`. A quote opens at the start, after a space or an opening bracket, dash or quote,
    /// and closes anywhere else (an apostrophe inside a word is a closing single quote, as cmark makes it).
    public static func smartQuotes(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x22 || $0 == 0x27 || $0 == 0xE2 }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        for c in text.utf8 {
            guard c == 0x22 || c == 0x27 else { out.append(c); continue }
            var opens = out.isEmpty
            if let last = out.last {
                switch last {
                case 0x20, 0x09, 0x0A, 0x28, 0x5B, 0x7B, 0x2D, 0x2F: opens = true
                case 0xA0 where out.count >= 2 && out[out.count - 2] == 0xC2: opens = true  // no-break space
                case 0x9C, 0x98, 0x93, 0x94:
                    opens = out.count >= 3 && out[out.count - 3] == 0xE2 && out[out.count - 2] == 0x80  // “ ‘ – —
                default: break
                }
            }
            out += c == 0x22 ? (opens ? [0xE2, 0x80, 0x9C] : [0xE2, 0x80, 0x9D]) : (opens ? [0xE2, 0x80, 0x98] : [0xE2, 0x80, 0x99])
        }
        nestQuotes(&out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `html` with every document symbol in its text ("55-NQ/TW", "126/BC-UBND", "94/2015/QH13", "QĐ-TTg") inside
    /// `<span class="so-hieu">`, which the theme keeps on one line (`white-space: nowrap`): browsers break lines
    /// after "-" and "/", and "55-" at the end of a line with "NQ/TW" on the next reads as two things. The text
    /// itself is unchanged, so copying it and searching it give the symbol as written (a non-breaking hyphen would
    /// not). Only text outside tags is touched, and nothing in `<head>`, `<script>`, `<style>`, `<pre>`, `<code>`,
    /// `<textarea>`, `<svg>` or `<option>`; dates ("3/6/2017") and words joined by a hyphen or slash with at most one
    /// capital ("kinh tế-xã hội", "và/hoặc") are left breakable.
    public static func keepSymbolsTogether(_ html: [UInt8]) -> [UInt8] {
        // Nothing to do in most pages' text is the common case: look before copying.
        guard html.contains(0x2D) || html.contains(0x2F) else { return html }
        return html.withUnsafeBufferPointer { b -> [UInt8] in
            let n = b.count
            var out: [UInt8] = []
            out.reserveCapacity(n + 512)
            var i = find(Array("<body".utf8), in: b, from: 0) ?? 0
            out.append(contentsOf: b[0..<i])
            let open = Array("<span class=\"so-hieu\">".utf8), close = Array("</span>".utf8)
            var afterOwnSpan = false
            while i < n {
                if b[i] == 0x3C {  // <
                    var j = i + 1
                    while j < n, b[j] != 0x3E { j += 1 }
                    let tagEnd = min(n, j + 1)
                    if let name = skippedElement(b, at: i + 1), let end = find(Array("</".utf8) + name, in: b, from: tagEnd) {
                        var k = end
                        while k < n, b[k] != 0x3E { k += 1 }
                        let stop = min(n, k + 1)
                        out.append(contentsOf: b[i..<stop])
                        i = stop
                        afterOwnSpan = false
                        continue
                    }
                    afterOwnSpan = tagEnd - i == open.count && b[i..<tagEnd].elementsEqual(open)
                    out.append(contentsOf: b[i..<tagEnd])
                    i = tagEnd
                    continue
                }
                var e = i
                while e < n, b[e] != 0x3C { e += 1 }
                if afterOwnSpan {
                    out.append(contentsOf: b[i..<e])
                } else {
                    wrapSymbols(b, i, e, open: open, close: close, into: &out)
                }
                i = e
            }
            return out
        }
    }

    /// Elements whose content is left alone, by the name after "<" (lower case, as the theme and cmark write it).
    static func skippedElement(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> [UInt8]? {
        for name in skipped {
            let end = i + name.count
            guard end < b.count, b[i..<end].elementsEqual(name) else { continue }
            let c = b[end]
            if c == 0x3E || c == 0x20 || c == 0x0A || c == 0x09 || c == 0x2F { return name }
        }
        return nil
    }
    static let skipped: [[UInt8]] = ["script", "style", "pre", "code", "textarea", "svg", "option", "title", "head"].map { Array($0.utf8) }

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

    static func wrapSymbols(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, open: [UInt8], close: [UInt8], into out: inout [UInt8]) {
        var copied = start
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
                out.append(contentsOf: b[copied..<ts])
                out.append(contentsOf: open)
                out.append(contentsOf: b[ts..<te])
                out.append(contentsOf: close)
                copied = te
            }
            i = max(e, i + 1)
        }
        out.append(contentsOf: b[copied..<end])
    }

    static func find(_ needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        let first = needle[0], last = hay.count - needle.count
        var i = from
        while i <= last {
            if hay[i] == first {
                var k = 1
                while k < needle.count, hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
