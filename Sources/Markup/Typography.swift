#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Escaping

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

    /// `html` with every document symbol of its text in `<span class="so-hieu">` (`Escape.htmlKeepingSymbols` says
    /// why and which): what `Markdown.render` does to a body. Only text outside tags is touched, and nothing in
    /// `<head>`, `<script>`, `<style>`, `<pre>`, `<code>`, `<textarea>`, `<svg>` or `<option>`; text right after such
    /// a span is not wrapped again.
    public static func keepSymbolsTogether(_ html: [UInt8]) -> [UInt8] {
        // memchr jumps over text and tags; the HTML is copied only from the first symbol on.
        html.withUnsafeBufferPointer { b -> [UInt8] in
            let n = b.count
            guard let base = b.baseAddress, n > 0 else { return html }
            @inline(__always) func next(_ byte: UInt8, from: Int) -> Int {
                guard from < n, let p = memchr(base + from, Int32(byte), n - from) else { return n }
                return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            }
            var out: [UInt8] = []
            var copied = 0
            var i = find(bodyTag, in: b, from: 0) ?? 0
            var afterOwnSpan = false
            while i < n {
                if b[i] == 0x3C {  // <
                    let tagEnd = min(n, next(0x3E, from: i + 1) + 1)
                    if let name = skippedElement(b, at: i + 1), let end = find(closingPrefix + name, in: b, from: tagEnd) {
                        i = min(n, next(0x3E, from: end) + 1)
                        afterOwnSpan = false
                        continue
                    }
                    afterOwnSpan = tagEnd - i == spanOpen.count && b[i + 1] == 0x73 && b[i..<tagEnd].elementsEqual(spanOpen)
                    i = tagEnd
                    continue
                }
                let e = next(0x3C, from: i)
                if !afterOwnSpan { Escape.wrapSymbols(b, i, e, copied: &copied, into: &out) }
                i = e
            }
            if copied == 0 { return html }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<n]))
            return out
        }
    }

    static let bodyTag = Array("<body".utf8), closingPrefix = Array("</".utf8)
    static let spanOpen = Escape.symbolOpen

    /// Elements whose content is left alone, by the name after "<" (lower case, as the theme and cmark write it).
    static func skippedElement(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> [UInt8]? {
        guard i < b.count else { return nil }
        switch b[i] {
        case 0x73, 0x70, 0x63, 0x74, 0x6F, 0x68: break  // s p c t o h
        default: return nil
        }
        for name in skipped {
            let end = i + name.count
            guard end < b.count, b[i..<end].elementsEqual(name) else { continue }
            let c = b[end]
            if c == 0x3E || c == 0x20 || c == 0x0A || c == 0x09 || c == 0x2F { return name }
        }
        return nil
    }
    static let skipped: [[UInt8]] = ["script", "style", "pre", "code", "textarea", "svg", "option", "title", "head"].map { Array($0.utf8) }

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
