import Foundation

/// Unicode normalisation with a cheap byte test first: most input is already NFC and never pays for Foundation.
public enum Normalization {
    /// True when the UTF-8 bytes contain no combining diacritical mark (U+0300…U+036F, lead bytes CC/CD),
    /// the only decomposed form Vietnamese text takes in practice.
    public static func isLikelyNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes where b == 0xCC || b == 0xCD { return false }
        return true
    }

    public static func isLikelyNFC(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isLikelyNFC($0) }
    }

    /// The text in NFC; returns the input untouched when the byte test says it already is.
    public static func nfc(_ text: String) -> String {
        var text = text
        let fast = text.withUTF8 { isLikelyNFC($0) }
        return fast ? text : text.withUTF8 { nfcInPieces($0) }
    }

    /// Foundation normalises in time that grows faster than the text (NFD Vietnamese: 2.4 s for 1 MB, 18 s for 4 MB),
    /// so long texts go through it in pieces of about `piece` bytes. A piece ends before a character that has
    /// combining class 0 and composes with nothing before it — ASCII, Latin letters U+00C0–U+027F and U+1E00–U+1EFF —
    /// so the pieces' NFC, joined, is the NFC of the whole.
    static func nfcInPieces(_ b: UnsafeBufferPointer<UInt8>, piece: Int = 16 * 1024) -> String {
        func normalized(_ r: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self).precomposedStringWithCanonicalMapping
        }
        guard b.count > 2 * piece else { return normalized(0..<b.count) }
        @inline(__always) func startsSafe(_ i: Int) -> Bool {
            let c = b[i]
            if c < 0x80 { return true }
            if c >= 0xC3 && c <= 0xC9 { return true }
            return c == 0xE1 && i + 1 < b.count && b[i + 1] >= 0xB8 && b[i + 1] <= 0xBB
        }
        var out = ""
        out.reserveCapacity(b.count)
        var start = 0
        while start < b.count {
            var end = min(start + piece, b.count)
            while end < b.count, !startsSafe(end) { end += 1 }
            out += normalized(start..<end)
            start = end
        }
        return out
    }

    /// The offset of the first byte that is not valid UTF-8, or nil when the whole input is valid.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        // The common case, valid text, is decided by the standard library's fast validator.
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if c < 0x80 { i += 1; continue }
            let len: Int
            if c >= 0xC2 && c <= 0xDF { len = 2 } else if c >= 0xE0 && c <= 0xEF { len = 3 } else if c >= 0xF0 && c <= 0xF4 { len = 4 } else { return i }
            guard i + len <= n else { return i }
            for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return i }
            // No overlong forms, surrogates or code points past U+10FFFF.
            let second = bytes[i + 1]
            if (c == 0xE0 && second < 0xA0) || (c == 0xED && second > 0x9F) || (c == 0xF0 && second < 0x90) || (c == 0xF4 && second > 0x8F) {
                return i
            }
            i += len
        }
        return nil
    }
}
