import Foundation

/// Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
/// letters first, then tones (ngang, huyền, hỏi, ngã, sắc, nặng), then case.
public enum Collation {
    /// A sort key; comparing keys lexicographically orders the strings the Vietnamese way.
    public struct Key: Comparable, Hashable, Sendable {
        let weights: [UInt32]
        public static func < (a: Key, b: Key) -> Bool { a.weights.lexicographicallyPrecedes(b.weights) }
    }

    struct Weights { var primary: UInt32; var tone: UInt32; var upper: Bool }

    /// Letter and tone for U+00C0…U+1EFF, decomposed once.
    static let table: [Weights?] = {
        var t = [Weights?](repeating: nil, count: 0x1F00 - 0xC0)
        for v in 0xC0..<0x1F00 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let parts = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
            guard let first = parts.first, first.isASCII, first.properties.isAlphabetic else { continue }
            var modifier: UInt32 = 0
            var tone: UInt32 = 0
            for mark in parts.dropFirst() {
                switch mark.value {
                case 0x306: modifier = 1  // ă
                case 0x302: modifier = 2  // â ê ô
                case 0x31B: modifier = 3  // ơ ư
                case 0x300: tone = 1
                case 0x309: tone = 2
                case 0x303: tone = 3
                case 0x301: tone = 4
                case 0x323: tone = 5
                default: break
                }
            }
            t[v - 0xC0] = letter(UInt8(first.value), modifier: modifier, tone: tone)
        }
        t[0x110 - 0xC0] = Weights(primary: letterBase(UInt8(ascii: "d")) + 1, tone: 0, upper: true)
        t[0x111 - 0xC0] = Weights(primary: letterBase(UInt8(ascii: "d")) + 1, tone: 0, upper: false)
        return t
    }()

    static func letterBase(_ ascii: UInt8) -> UInt32 { 100 + UInt32((ascii | 0x20) - 0x61) * 4 }

    static func letter(_ ascii: UInt8, modifier: UInt32, tone: UInt32) -> Weights {
        Weights(primary: letterBase(ascii) + modifier, tone: tone, upper: ascii < 0x61)
    }

    static func weights(_ scalar: Unicode.Scalar) -> Weights {
        let v = scalar.value
        switch v {
        case 0x30...0x39: return Weights(primary: 10 + v - 0x30, tone: 0, upper: false)
        case 0x41...0x5A, 0x61...0x7A: return letter(UInt8(v), modifier: 0, tone: 0)
        case 0xC0..<0x1F00:
            if let w = table[Int(v) - 0xC0] { return w }
        default: break
        }
        if scalar.properties.isWhitespace || !scalar.properties.isAlphabetic { return Weights(primary: 1, tone: 0, upper: false) }
        // Letters of other scripts after the Latin alphabet, in code point order.
        return Weights(primary: 1000 + v, tone: 0, upper: false)
    }

    /// The sort key of a string (NFC or NFD alike).
    public static func key(_ text: String) -> Key {
        let scalars = Normalization.nfc(text).unicodeScalars
        var primary: [UInt32] = []
        var tones: [UInt32] = []
        var cases: [UInt32] = []
        primary.reserveCapacity(scalars.count * 3 + 3)
        for s in scalars {
            let w = weights(s)
            primary.append(w.primary)
            tones.append(w.tone)
            cases.append(w.upper ? 1 : 0)
        }
        primary.append(0)
        primary.append(contentsOf: tones)
        primary.append(0)
        primary.append(contentsOf: cases)
        primary.append(0)
        // Last resort, so distinct strings never tie and sorting stays deterministic.
        primary.append(contentsOf: scalars.map(\.value))
        return Key(weights: primary)
    }

    /// Orders two strings the Vietnamese way.
    public static func precedes(_ a: String, _ b: String) -> Bool { key(a) < key(b) }

    /// Sorts values by a string the Vietnamese way, computing each key once.
    public static func sorted<T>(_ items: [T], by text: (T) -> String) -> [T] {
        items.map { (key(text($0)), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
