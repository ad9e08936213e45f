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
}
