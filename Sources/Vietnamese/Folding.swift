import Foundation

/// Diacritic folding for Vietnamese: every vowel with every tone, ă/â/ê/ô/ơ/ư, and đ→d.
///
/// Unicode decomposition does not take đ to d, so the table adds it by hand.
public enum Folding {
    /// Folded base letter (ASCII, original case) for scalars U+00C0…U+1EFF; 0 when the scalar has no ASCII base.
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 0x1F00 - 0xC0)
        for v in 0xC0..<0x1F00 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
            if let first = decomposed.first, first.isASCII, first.properties.isAlphabetic {
                t[v - 0xC0] = UInt8(first.value)
            }
        }
        t[0x110 - 0xC0] = UInt8(ascii: "D")
        t[0x111 - 0xC0] = UInt8(ascii: "d")
        return t
    }()

    /// The ASCII letter a Vietnamese letter folds to, or nil when it is not a foldable Latin letter.
    @inline(__always)
    public static func base(of scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        if v < 0x80 { return UInt8(v) }
        if v >= 0xC0 && v < 0x1F00 {
            let b = table[Int(v) - 0xC0]
            return b == 0 ? nil : b
        }
        return nil
    }

    /// Removes tones and vowel marks, maps đ→d, keeps case; other characters pass unchanged.
    /// Input is normalised to NFC first so NFD text folds the same.
    public static func fold(_ text: String) -> String {
        let nfc = Normalization.nfc(text)
        var out = String.UnicodeScalarView()
        for scalar in nfc.unicodeScalars {
            if let b = base(of: scalar) {
                out.append(Unicode.Scalar(b))
            } else if isCombiningMark(scalar) {
                continue
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Folded and lower-cased: the form search and matching compare.
    public static func key(_ text: String) -> String {
        fold(text).lowercased()
    }

    @inline(__always)
    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        (0x300...0x36F).contains(scalar.value)
    }
}
