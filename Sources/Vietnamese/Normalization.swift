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
        return fast ? text : text.precomposedStringWithCanonicalMapping
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
