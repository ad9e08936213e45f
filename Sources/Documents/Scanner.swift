/// A cursor over UTF-8 bytes with the few case-insensitive matches the recogniser needs.
///
/// Works on bytes and scalars only (no `Character`, no regular expressions): the hot path of the recogniser.
struct ByteScanner {
    let b: UnsafeBufferPointer<UInt8>
    var count: Int { b.count }

    /// Decodes the scalar starting at `i` (assumed valid UTF-8, as cmark and Swift strings guarantee).
    @inline(__always)
    func scalar(at i: Int) -> (value: UInt32, length: Int) {
        let c0 = b[i]
        if c0 < 0x80 { return (UInt32(c0), 1) }
        if c0 < 0xE0, i + 1 < count { return ((UInt32(c0 & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F), 2) }
        if c0 < 0xF0, i + 2 < count {
            return ((UInt32(c0 & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F), 3)
        }
        if i + 3 < count {
            return ((UInt32(c0 & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12) | (UInt32(b[i + 2] & 0x3F) << 6)
                    | UInt32(b[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    /// The scalar ending just before `i`, if any.
    func scalar(before i: Int) -> UInt32? {
        guard i > 0 else { return nil }
        var j = i - 1
        while j > 0 && j > i - 4 && (b[j] & 0xC0) == 0x80 { j -= 1 }
        return scalar(at: j).value
    }

    /// Start of the scalar ending just before `i`.
    func start(before i: Int) -> Int {
        var j = i - 1
        while j > 0 && j > i - 4 && (b[j] & 0xC0) == 0x80 { j -= 1 }
        return j
    }

    @inline(__always)
    static func lower(_ v: UInt32) -> UInt32 {
        switch v {
        case 0x41...0x5A: return v + 0x20
        case 0xC0...0xDE where v != 0xD7: return v + 0x20
        case 0x100...0x137, 0x14A...0x177: return v | 1
        case 0x1A0, 0x1AF: return v + 1
        case 0x1EA0...0x1EF9: return v | 1
        default: return v
        }
    }

    @inline(__always)
    static func isUpper(_ v: UInt32) -> Bool { lower(v) != v }

    @inline(__always)
    static func isLetter(_ v: UInt32) -> Bool {
        switch v {
        case 0x41...0x5A, 0x61...0x7A: return true
        case 0..<0xC0: return false
        // Latin-1 letters, Latin Extended-A/B, combining marks (they continue a word), Latin Extended Additional:
        // every Vietnamese letter, decided without a Unicode property lookup.
        case 0xD7, 0xF7: return false
        case 0xC0...0x24F, 0x300...0x36F, 0x1E00...0x1EFF: return true
        case 0x2000...0x206F, 0x3000...0x303F: return false  // punctuation: quotes, dashes, spaces
        default: return Unicode.Scalar(v)?.properties.isAlphabetic ?? false
        }
    }

    @inline(__always)
    static func isDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

    @inline(__always)
    static func isWordChar(_ v: UInt32) -> Bool { isLetter(v) || isDigit(v) }

    /// Skips spaces, tabs, line breaks and no-break spaces; returns the new position.
    @inline(__always)
    func skipSpace(_ i: Int) -> Int {
        var i = i
        while i < count {
            let c = b[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1; continue }
            if c == 0xC2, i + 1 < count, b[i + 1] == 0xA0 { i += 2; continue }
            break
        }
        return i
    }

    func isSpace(at i: Int) -> Bool { i < count && skipSpace(i) != i }

    /// True when no letter or digit continues at `i`.
    @inline(__always)
    func atWordEnd(_ i: Int) -> Bool {
        i >= count || !ByteScanner.isWordChar(scalar(at: i).value)
    }

    /// Matches one lower-case word case-insensitively at `i`, ending at a word boundary.
    @inline(__always)
    func word(_ w: [UInt32], at i: Int) -> Int? {
        var j = i
        for expected in w {
            guard j < count else { return nil }
            let (v, n) = scalar(at: j)
            guard ByteScanner.lower(v) == expected else { return nil }
            j += n
        }
        return atWordEnd(j) ? j : nil
    }

    /// Matches a lower-case UTF-8 pattern case-insensitively at `i`; a space in the pattern matches any run
    /// of spaces and line breaks. The match must end at a word boundary. No allocation, no reference counting.
    @inline(__always)
    func lowerPattern(_ pat: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, at i: Int) -> Int? {
        var j = i
        var k = range.lowerBound
        let end = range.upperBound
        while k < end {
            let pc = pat[k]
            if pc == 0x20 {
                let next = skipSpace(j)
                guard next > j else { return nil }
                j = next
                k += 1
                continue
            }
            guard j < count else { return nil }
            let tc = b[j]
            if pc < 0x80 {
                if tc == pc || (tc >= 0x41 && tc <= 0x5A && tc | 0x20 == pc) { j += 1; k += 1; continue }
                return nil
            }
            // A multi-byte letter: compare whole scalars, lower-casing the text's.
            let (tv, tn) = scalar(at: j)
            let (pv, pn) = ByteScanner(b: pat).scalar(at: k)
            guard ByteScanner.lower(tv) == pv else { return nil }
            j += tn
            k += pn
        }
        // "Nghị định116": a type word run into its number still counts.
        return atWordEnd(j) || (j < count && b[j] >= 0x30 && b[j] <= 0x39) ? j : nil
    }

    /// Matches a phrase (words separated by any run of spaces, line breaks included) at `i`.
    func phrase(_ p: Phrase, at i: Int) -> Int? {
        var j = i
        for (k, w) in p.words.enumerated() {
            if k > 0 {
                let s = skipSpace(j)
                guard s > j else { return nil }
                j = s
            }
            guard let e = word(w, at: j) else { return nil }
            j = e
        }
        return j
    }

    /// The first of several phrases that matches at `i`.
    func anyPhrase(_ ps: [Phrase], at i: Int) -> (Int, Int)? {
        for (k, p) in ps.enumerated() { if let e = phrase(p, at: i) { return (k, e) } }
        return nil
    }

    /// Digits at `i`: value and end. At most `maxDigits`.
    func number(at i: Int, maxDigits: Int = 6) -> (Int, Int)? {
        var j = i, n = 0
        while j < count, j - i < maxDigits, b[j] >= 0x30, b[j] <= 0x39 {
            n = n * 10 + Int(b[j] - 0x30)
            j += 1
        }
        guard j > i else { return nil }
        if j < count, b[j] >= 0x30, b[j] <= 0x39 { return nil }  // longer than allowed
        return (n, j)
    }

    /// A hyphen, en dash or em dash at `i`, with spaces on either side: returns the end.
    func dash(at i: Int) -> Int? {
        let s = skipSpace(i)
        guard s < count else { return nil }
        var e: Int? = nil
        if b[s] == 0x2D { e = s + 1 }
        else if b[s] == 0xE2, s + 2 < count, b[s + 1] == 0x80, b[s + 2] == 0x93 || b[s + 2] == 0x94 { e = s + 3 }
        guard let end = e else { return nil }
        return skipSpace(end)
    }

    /// A slash at `i`, with optional spaces around.
    func slash(at i: Int) -> Int? {
        let s = skipSpace(i)
        guard s < count, b[s] == 0x2F else { return nil }
        return skipSpace(s + 1)
    }

    /// A run of letters and digits starting with a letter (a type or issuer code such as "QĐ", "NĐ", "QH13",
    /// "BCĐCCTPTW"), allowing the dotted "T.Ư"/"T.W". Returns the code as written (dots dropped) and its end.
    ///
    /// A code has a capital unless `lowercase` allows none ("nq/tw"). A word run into the code without a space
    /// ("NĐ-CPngày", "BTCvừa": two or more small letters after two or more capitals) is not part of it.
    func code(at i: Int, allowDigits: Bool = true, lowercase: Bool = false) -> (String, Int)? {
        var j = i
        var capitals = 0
        var hasDot = false
        // The current run of small letters: where it began and how many capitals came before it.
        var lowerStart = -1, lowerLength = 0, capitalsBeforeLower = 0
        while j < count {
            let c = b[j]
            var upper = false, lower = false
            let n: Int
            if c < 0x80 {
                if c >= 0x41 && c <= 0x5A { upper = true; n = 1 }
                else if c >= 0x61 && c <= 0x7A { lower = true; n = 1 }
                else if allowDigits, c >= 0x30, c <= 0x39, j > i { n = 1 }
                // "T.Ư", "T.W": a dot right after a lone T, before a letter.
                else if c == 0x2E, j == i + 1, b[i] == 0x54 || b[i] == 0x74, j + 1 < count,
                        ByteScanner.isLetter(scalar(at: j + 1).value) {
                    hasDot = true
                    j += 1
                    continue
                } else { break }
            } else {
                let (v, len) = scalar(at: j)
                guard ByteScanner.isLetter(v) else { break }
                if ByteScanner.isUpper(v) { upper = true } else { lower = true }
                n = len
            }
            if upper { capitals += 1 }
            if lower {
                if lowerLength == 0 { lowerStart = j; capitalsBeforeLower = capitals }
                lowerLength += 1
            } else {
                lowerLength = 0
            }
            j += n
        }
        guard j > i else { return nil }
        if lowerLength >= 2, capitalsBeforeLower >= 2 { j = lowerStart }
        // A code has at least one capital; "và" or "năm" are words, not codes.
        guard capitals > 0 || lowercase else { return nil }
        var text = string(i..<j)
        if hasDot { text.removeAll { $0 == "." } }
        return (text, j)
    }

    /// True when a code as written has a capital letter.
    static func hasCapital(_ code: String) -> Bool { code.unicodeScalars.contains { isUpper($0.value) } }

    func string(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self) }
}

/// A phrase of lower-case words for `ByteScanner.phrase`.
struct Phrase: Sendable {
    let words: [[UInt32]]
    init(_ text: String) {
        words = text.split(separator: " ").map { $0.unicodeScalars.map { ByteScanner.lower($0.value) } }
    }
}
