import Vietnamese

/// Words for search: maximal runs of letters and digits, folded (no tones, no vowel marks, đ→d, lower case) for
/// matching, and kept as written (lower case, NFC) for ranking exact diacritics first. The search page's script
/// splits and folds queries the same way.
public enum SearchText {
    /// (folded, as written) for every word of `text`; NFD text is normalised first.
    public static func words(_ text: String, into out: inout [(String, String)]) {
        var folded = String.UnicodeScalarView()
        var exact = String.UnicodeScalarView()
        func flush() {
            if !folded.isEmpty, folded.count <= 40 { out.append((String(folded), String(exact))) }
            folded.removeAll(keepingCapacity: true)
            exact.removeAll(keepingCapacity: true)
        }
        for s in Normalization.nfc(text).unicodeScalars {
            let v = s.value
            let isWordChar: Bool
            if v < 0x80 {
                isWordChar = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
            } else {
                isWordChar = s.properties.isAlphabetic || s.properties.numericType != nil
            }
            guard isWordChar else { flush(); continue }
            let lower = s.properties.lowercaseMapping.unicodeScalars
            exact.append(contentsOf: lower)
            for l in lower {
                if let b = Folding.base(of: l) { folded.append(Unicode.Scalar(b | 0x20)) } else { folded.append(l) }
            }
        }
        flush()
    }

    /// FNV-1a over the UTF-8 of a folded word: the shard it lives in. The page's script computes the same.
    public static func bucket(_ folded: String, of count: Int) -> Int {
        var h: UInt32 = 2166136261
        for b in folded.utf8 { h = (h ^ UInt32(b)) &* 16777619 }
        return Int(h % UInt32(count))
    }
}

/// The inverted index of one group of articles: folded word → the articles that contain it and the spellings
/// they use. Built per load task and merged, so no article's word list is ever kept whole.
public struct SearchPostings: Sendable {
    public struct Entry: Sendable {
        /// Spellings seen for the word, lower case NFC ("tự", "tư"…), at most 8.
        public var forms: [String] = []
        /// (article, bit set of the forms that article uses).
        public var postings: [(UInt32, UInt8)] = []
    }
    public var terms: [String: Entry] = [:]

    public init() {}

    /// Adds an article's words.
    public mutating func add(article: UInt32, words: [(String, String)]) {
        var seen: [String: UInt8] = [:]
        for (folded, exact) in words {
            var entry = terms[folded] ?? Entry()
            var bit: UInt8 = 0
            if let f = entry.forms.firstIndex(of: exact) {
                bit = UInt8(1) << UInt8(f)
            } else if entry.forms.count < 8 {
                entry.forms.append(exact)
                bit = UInt8(1) << UInt8(entry.forms.count - 1)
            }
            seen[folded, default: 0] |= bit
            terms[folded] = entry
        }
        for (folded, mask) in seen { terms[folded]!.postings.append((article, mask)) }
    }

    /// Merges another group's postings, renumbering its forms and adding `offset` to its article numbers.
    public mutating func merge(_ other: SearchPostings, offset: UInt32) {
        for (term, theirs) in other.terms {
            var entry = terms[term] ?? Entry()
            var remap = [UInt8](repeating: 0, count: theirs.forms.count)
            for (i, f) in theirs.forms.enumerated() {
                if let k = entry.forms.firstIndex(of: f) { remap[i] = UInt8(1) << UInt8(k) } else if entry.forms.count < 8 {
                    entry.forms.append(f)
                    remap[i] = UInt8(1) << UInt8(entry.forms.count - 1)
                }
            }
            for (doc, mask) in theirs.postings {
                var m: UInt8 = 0
                for i in 0..<theirs.forms.count where mask & (1 << UInt8(i)) != 0 { m |= remap[i] }
                entry.postings.append((doc + offset, m))
            }
            terms[term] = entry
        }
    }
}
