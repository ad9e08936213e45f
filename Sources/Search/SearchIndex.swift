import Vietnamese

/// Words for search: maximal runs of letters and digits, folded (no tones, no vowel marks, đ→d, lower case) for
/// matching, and kept as written (lower case, NFC) for ranking exact diacritics first. The search page's script
/// splits and folds queries the same way.
public enum SearchText {
    /// Lower case, folded letter and letter-ness of U+00C0…U+1EFF, computed once: the per-character Unicode
    /// property lookups this replaces made indexing slower than everything else in a build together.
    struct Letter { var lower: UInt32; var fold: UInt8; var isLetter: Bool }
    static let letters: [Letter] = (0xC0..<0x1F00).map { v in
        guard let s = Unicode.Scalar(v) else { return Letter(lower: UInt32(v), fold: 0, isLetter: false) }
        let isLetter = s.properties.isAlphabetic || s.properties.numericType != nil
        let lower = s.properties.lowercaseMapping.unicodeScalars
        let l = lower.count == 1 ? lower.first!.value : s.value
        let fold = Unicode.Scalar(l).flatMap { Folding.base(of: $0) }.map { $0 | 0x20 } ?? 0
        return Letter(lower: l, fold: fold, isLetter: isLetter)
    }

    /// A word of at most 40 UTF-8 bytes packed into integers: hashing and comparing it costs no allocation.
    public struct Packed: Hashable, Sendable {
        var w: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        var count: UInt8 = 0

        init() {}

        @inline(__always)
        mutating func set(_ i: Int, _ b: UInt8) {
            withUnsafeMutableBytes(of: &w) { $0[i] = b }
        }

        public init?(_ bytes: [UInt8]) {
            guard bytes.count <= 40 else { return nil }
            count = UInt8(bytes.count)
            withUnsafeMutableBytes(of: &w) { raw in
                for (i, b) in bytes.enumerated() { raw[i] = b }
            }
        }

        public var string: String {
            var copy = w
            return withUnsafeBytes(of: &copy) { raw in String(decoding: raw.prefix(Int(count)), as: UTF8.self) }
        }

        public static func == (a: Packed, b: Packed) -> Bool {
            a.count == b.count && a.w.0 == b.w.0 && a.w.1 == b.w.1 && a.w.2 == b.w.2 && a.w.3 == b.w.3 && a.w.4 == b.w.4
        }

        public func hash(into h: inout Hasher) {
            // Mixed into one word first (Hasher costs per value combined) with the process's keys, so words chosen to
            // collide in the mix cannot be computed in advance.
            h.combine(ChunkPostings.hash(self, keys: ChunkPostings.processKeys))
        }
    }

    /// Splits into words of at most 40 characters and 40 UTF-8 bytes, calling `emit` with each one folded and in
    /// lower case, packed. Works on the UTF-8 bytes: the words are built in place, with no array per word.
    @inline(__always)
    static func scan(_ text: String, emit: (Packed, Packed) -> Void) {
        scan(text) { folded, exact, _, _ in emit(folded, exact) }
    }

    @inline(__always)
    static func scan(_ text: String, emit: (Packed, Packed, Bool) -> Void) {
        scan(text) { folded, exact, joined, _ in emit(folded, exact, joined) }
    }

    /// The same, also telling whether the word follows the previous one in the same sentence: no line break (blocks
    /// are lines in the text the build indexes) and no sentence punctuation followed by a space ("diện. Biên" is
    /// not a pair, "TP.HCM" and "10:30" are) stand between them. Such neighbours are what `SearchPairs` indexes;
    /// the page's script draws the same line for phrases. The last argument is the UTF-8 offset where the word ends
    /// (in the text as normalized).
    @inline(__always)
    static func scan(_ text: String, emit: (Packed, Packed, Bool, Int) -> Void) {
        let letters = SearchText.letters
        var text = Normalization.nfc(text)
        text.withUTF8 { b in
            var folded = Packed(), exact = Packed()
            var foldedCount = 0, exactCount = 0, length = 0
            var tooLong = false
            // Between two words: whether the gap so far breaks the sentence, or will at a space.
            var broken = true, stop = false
            var end = 0
            @inline(__always) func put(_ v: UInt32, into p: inout Packed, at count: inout Int) {
                let n = v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
                guard count + n <= 40 else { tooLong = true; return }
                switch n {
                case 1: p.set(count, UInt8(v))
                case 2: p.set(count, UInt8(0xC0 | (v >> 6))); p.set(count + 1, UInt8(0x80 | (v & 0x3F)))
                case 3:
                    p.set(count, UInt8(0xE0 | (v >> 12))); p.set(count + 1, UInt8(0x80 | ((v >> 6) & 0x3F)))
                    p.set(count + 2, UInt8(0x80 | (v & 0x3F)))
                default:
                    p.set(count, UInt8(0xF0 | (v >> 18))); p.set(count + 1, UInt8(0x80 | ((v >> 12) & 0x3F)))
                    p.set(count + 2, UInt8(0x80 | ((v >> 6) & 0x3F))); p.set(count + 3, UInt8(0x80 | (v & 0x3F)))
                }
                count += n
            }
            @inline(__always) func flush() {
                if length > 0, length <= 40, !tooLong {
                    folded.count = UInt8(foldedCount)
                    exact.count = UInt8(exactCount)
                    emit(folded, exact, !broken, end)
                    broken = false
                } else if length > 0 {
                    broken = true  // a word too long to index: its neighbours are not next to each other
                }
                if length > 0 {
                    folded = Packed()
                    exact = Packed()
                    stop = false
                }
                foldedCount = 0; exactCount = 0; length = 0; tooLong = false
            }
            var i = 0
            let n = b.count
            while i < n {
                // Decode one scalar (the text is valid UTF-8).
                let c0 = UInt32(b[i])
                var v: UInt32
                if c0 < 0x80 { v = c0; i += 1 }
                else if c0 < 0xE0, i + 1 < n { v = (c0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F); i += 2 }
                else if c0 < 0xF0, i + 2 < n { v = (c0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F); i += 3 }
                else if i + 3 < n {
                    v = (c0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
                    i += 4
                } else { v = 0xFFFD; i = n }
                var lower = v, fold: UInt8 = 0, isWordChar = false
                if v < 0x80 {
                    if (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) { isWordChar = true; fold = UInt8(v) }
                    else if v >= 0x41 && v <= 0x5A { isWordChar = true; lower = v + 0x20; fold = UInt8(v + 0x20) }
                } else if v >= 0xC0 && v < 0x1F00 {
                    let l = letters[Int(v) - 0xC0]
                    isWordChar = l.isLetter
                    lower = l.lower
                    fold = l.fold
                } else if let s = Unicode.Scalar(v), s.properties.isAlphabetic || s.properties.numericType != nil {
                    isWordChar = true
                    let m = s.properties.lowercaseMapping.unicodeScalars
                    lower = m.count == 1 ? m.first!.value : v
                }
                guard isWordChar else {
                    flush()
                    switch v {
                    case 0x0A, 0x0D: broken = true
                    case 0x2E, 0x21, 0x3F, 0x3B, 0x3A, 0x2026: stop = true  // . ! ? ; : …
                    case 0x20, 0x09, 0xA0: if stop { broken = true }
                    default: break
                    }
                    continue
                }
                put(lower, into: &exact, at: &exactCount)
                if fold != 0 { put(UInt32(fold), into: &folded, at: &foldedCount) } else { put(lower, into: &folded, at: &foldedCount) }
                length += 1
                end = i
            }
            flush()
        }
    }

    /// FNV-1a over the UTF-8 of a folded word: the shard it lives in. The page's script computes the same.
    public static func bucket(_ folded: String, of count: Int) -> Int {
        var h: UInt32 = 2166136261
        for b in folded.utf8 { h = (h ^ UInt32(b)) &* 16777619 }
        return Int(h % UInt32(count))
    }
}

/// The inverted index of one group of articles: folded word → the articles that contain it and the spellings
/// they use; and folded pair of neighbouring words ("tu dien", key with one space) → the articles where the two
/// stand next to each other in that order, which is what ranks "tu dien bien" first where the words are together.
/// Pairs cost a second vocabulary but need no positions: a query downloads the pairs it asks for, each far
/// shorter than the postings of its words. Built per load task and merged, so no article's word list is ever kept
/// whole.
public struct SearchPostings: Sendable {
    /// The bit of a posting's mask that says the word (or pair) is in the article's title.
    public static let titleBit: UInt32 = 1 << 31

    public struct Entry: Sendable {
        /// Spellings seen for the word, lower case NFC ("tự", "tư"…), at most 31 (a Vietnamese syllable has at most
        /// 18: three vowel forms times six tones; the mask's last bit is `titleBit`), in the order they were met;
        /// none for a pair. The index files order them
        /// canonically (see `SearchFiles.canonicalForms`), so the order of loading never shows.
        public var forms: [String] = []
        /// (article, bit set of the forms that article uses, plus `titleBit`) pairs, each number a LEB128 varint: about three bytes
        /// a posting instead of eight, which is tens of megabytes on a large archive.
        var stream: [UInt8] = []
        /// How many postings `stream` holds.
        public private(set) var count = 0

        public init() {}

        /// The postings, decoded, in the order they were added.
        public var postings: [(UInt32, UInt32)] {
            var out: [(UInt32, UInt32)] = []
            out.reserveCapacity(count)
            forEach { out.append(($0, $1)) }
            return out
        }

        public func forEach(_ body: (UInt32, UInt32) -> Void) {
            stream.withUnsafeBufferPointer { b in
                var i = 0
                @inline(__always) func next() -> UInt32 {
                    var v: UInt32 = 0, shift: UInt32 = 0
                    while true {
                        let c = b[i]
                        i += 1
                        v |= UInt32(c & 0x7F) << shift
                        if c < 0x80 { return v }
                        shift += 7
                    }
                }
                while i < b.count {
                    let article = next()
                    body(article, next())
                }
            }
        }

        public mutating func append(_ article: UInt32, _ mask: UInt32) {
            put(article)
            put(mask)
            count += 1
        }

        /// Appends postings through `body`, which calls `put` for each article and mask in turn and returns how
        /// many postings it added: one access to the stream for them all.
        mutating func appendEach(_ body: (_ put: (UInt32) -> Void) -> Int) {
            count += withUnsafeMutablePointer(to: &stream) { stream in
                body { LEB128.append(UInt64($0), to: &stream.pointee) }
            }
        }

        @inline(__always)
        mutating func put(_ value: UInt32) { LEB128.append(UInt64(value), to: &stream) }

        /// The bit of a spelling, adding it while there is room.
        mutating func bit(for form: String) -> UInt32 {
            if let f = forms.firstIndex(of: form) { return UInt32(1) << UInt32(f) }
            guard forms.count < 31 else { return 0 }
            forms.append(form)
            return UInt32(1) << UInt32(forms.count - 1)
        }

        /// A mask's spelling bits renumbered by `remap`; the title bit kept.
        @inline(__always)
        static func renumber(_ mask: UInt32, _ remap: [UInt32]) -> UInt32 {
            var m = mask & SearchPostings.titleBit
            var rest = mask & ~SearchPostings.titleBit
            while rest != 0 {
                m |= remap[rest.trailingZeroBitCount]
                rest &= rest - 1
            }
            return m
        }
    }
    public var terms: [String: Entry] = [:]

    public init() {}

    /// Drops the postings of articles that changed or went away; words no article uses any more go too.
    /// Returns the words whose postings changed.
    @discardableResult
    public mutating func remove(_ articles: Set<UInt32>) -> Set<String> {
        guard !articles.isEmpty else { return [] }
        var empty: [String] = []
        var changed = Set<String>()
        var kept: [(String, Entry)] = []
        for (key, entry) in terms {
            var rest = Entry()
            rest.forms = entry.forms
            entry.forEach { a, m in if !articles.contains(a) { rest.append(a, m) } }
            guard rest.count != entry.count else { continue }
            changed.insert(key)
            if rest.count == 0 { empty.append(key) } else { kept.append((key, rest)) }
        }
        for (key, rest) in kept { terms[key] = rest }
        for key in empty { terms.removeValue(forKey: key) }
        return changed
    }

    /// Merges another group's postings, renumbering its forms and adding `offset` to its article numbers.
    public mutating func merge(_ other: SearchPostings, offset: UInt32) {
        for (term, theirs) in other.terms {
            if terms[term] == nil { terms[term] = Entry() }
            var remap = [UInt32](repeating: 0, count: theirs.forms.count)
            for (i, f) in theirs.forms.enumerated() { remap[i] = terms[term]!.bit(for: f) }
            theirs.forEach { doc, mask in terms[term]!.append(doc + offset, Entry.renumber(mask, remap)) }
        }
    }
}

/// The postings of one load task, keyed by packed words (see `SearchText.Packed`): no String is made per word
/// and article, only per word and task, when `SearchPostings.merge` takes them.
public struct ChunkPostings: Sendable {
    struct Entry: Sendable {
        var forms: [SearchText.Packed] = []
        /// The first posting inline, the others in `more`: most words and pairs of a load task are in one of its
        /// articles, and an array each cost a heap allocation per key.
        var first: (UInt32, UInt32) = (UInt32.max, 0)
        var more: [(UInt32, UInt32)] = []

        var postings: [(UInt32, UInt32)] { first.0 == UInt32.max ? [] : [first] + more }

        /// One spelling of the word in `article`: a posting for the article, or its mask widened. `extra` is
        /// `titleBit` for a word of the title; a pair has no spelling, only that bit or none.
        mutating func add(_ article: UInt32, _ spelling: SearchText.Packed?, _ extra: UInt32) {
            let b = (spelling.map { bit(for: $0) } ?? 0) | extra
            if first.0 == UInt32.max {
                first = (article, b)
            } else if more.isEmpty {
                if first.0 == article { first.1 |= b } else { more.append((article, b)) }
            } else if more[more.count - 1].0 == article {
                more[more.count - 1].1 |= b
            } else {
                more.append((article, b))
            }
        }

        mutating func bit(for form: SearchText.Packed) -> UInt32 {
            // Most words are written one way: the first spelling answers without a search.
            if let f0 = forms.first, f0 == form { return 1 }
            if let f = forms.firstIndex(of: form) { return UInt32(1) << UInt32(f) }
            guard forms.count < 31 else { return 0 }
            forms.append(form)
            return UInt32(1) << UInt32(forms.count - 1)
        }
    }
    /// The words met, in order (`table.keys`), and their entries (parallel arrays).
    private var table = PackedTable(slots: 1 << 10)
    var keys: [SearchText.Packed] { table.keys }
    private(set) var entries: [Entry] = []

    public init() {}

    /// Every word with its entry, in the order they were first met.
    var terms: Zip2Sequence<[SearchText.Packed], [Entry]> { zip(keys, entries) }

    /// Adds every word of an article's title and text, and the pairs of neighbouring words of the title and of the
    /// text's first `pairLimit` bytes, straight from the scanner: one lookup per word and pair as written, no list of
    /// the article's words in between. The title's words and pairs are marked (`titleBit`); no pair spans title and
    /// text. Articles must be added one after the other.
    public mutating func add(article: UInt32, title: String = "", text: String) {
        if text.utf8.count > Self.pairLimit { entries[index(of: Self.cutKey)].add(article, nil, 0) }
        for (part, extra) in [(title, SearchPostings.titleBit), (text, 0)] where !part.isEmpty {
            var previous: SearchText.Packed? = nil
            SearchText.scan(part) { folded, exact, joined, end in
                entries[index(of: folded)].add(article, exact, extra)
                // A pair whose second word ends beyond the limit is not indexed (the title has no limit).
                if joined, extra != 0 || end <= Self.pairLimit, let p = previous, Int(p.count) + 1 + Int(folded.count) <= 40 {
                    var pair = p
                    let second = folded.w
                    withUnsafeMutableBytes(of: &pair.w) { to in
                        withUnsafeBytes(of: second) { from in
                            to[Int(p.count)] = 0x20
                            for k in 0..<Int(folded.count) { to[Int(p.count) + 1 + k] = from[k] }
                        }
                    }
                    pair.count = p.count + 1 + folded.count
                    entries[index(of: pair)].add(article, nil, extra)
                }
                previous = folded
            }
        }
    }

    /// Pairs are indexed in the title and this much of the text: the lead, where a news article states what it is
    /// about. Beyond it words still find the article, and a phrase is checked in the stored text (the page's text
    /// past it). On the 35,373 real articles, pairs over the first 4,000 bytes (what a snippet can show) made the
    /// index 3.2× as large and the build's CPU time 2.4× what it was without pairs; over the first 1,000, 2.1× and
    /// 1.5× (BENCHMARKS.md, "Search pairs on real text").
    public static let pairLimit = 1000

    /// The key "~" (no word has it) lists the articles whose text goes on beyond `pairLimit`: only in those can a
    /// phrase stand without its pairs in the index, so the page checks only those for a phrase they lack the
    /// pairs of.
    static let cutKey = SearchText.Packed([0x7E])!

    /// Random keys, drawn once per process: the table's slots depend on them, its contents and order never do.
    /// With fixed constants, 40-byte words whose last lanes cancel out (the mix XORed them) all fell in one slot,
    /// and a megabyte of them took a second, 4 MB 17 s (a hash flood; see BENCHMARKS.md, "Hostile input").
    static let processKeys = (UInt64.random(in: .min ... .max), UInt64.random(in: .min ... .max), UInt64.random(in: .min ... .max))

    /// The high and low halves of a full 64 × 64-bit product, XORed: every bit of both inputs reaches the result.
    @inline(__always)
    static func mum(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let r = a.multipliedFullWidth(by: b)
        return r.high ^ r.low
    }

    /// Every lane of the word goes through a keyed multiplication of its own (after the wyhash design).
    @inline(__always)
    static func hash(_ p: SearchText.Packed, keys k: (UInt64, UInt64, UInt64)) -> UInt64 {
        let a = mum(p.w.0 ^ k.0, p.w.1 ^ k.1)
        let b = mum(p.w.2 ^ k.2, p.w.3 ^ k.0 ^ UInt64(p.count))
        let c = mum(p.w.4 ^ k.1, k.2 ^ 0x9E37_79B9_7F4A_7C15)
        return mum(a ^ c ^ k.2, b ^ k.1)
    }

    /// The position of `word` in `keys`, added when new.
    @inline(__always)
    mutating func index(of word: SearchText.Packed) -> Int {
        let (k, added) = table.index(of: word)
        if added { entries.append(Entry()) }
        return k
    }
}

/// An open-addressing table of packed words, numbered in the order they were added: each slot holds a word's
/// number plus one, 0 when free, and the table doubles at half full. A word is looked up once per occurrence, tens
/// of millions of times on a large archive; Dictionary's seeded hashing cost more than the rest of the lookup. The
/// hash is keyed per process (`ChunkPostings.processKeys`), so words chosen to collide cannot be computed ahead.
struct PackedTable: Sendable {
    private(set) var keys: [SearchText.Packed] = []
    private var slots: [Int32]
    private var shift: Int

    /// `slots` a power of two.
    init(slots count: Int) {
        slots = [Int32](repeating: 0, count: count)
        shift = 64 - count.trailingZeroBitCount
    }

    /// The number of `word`, and whether it was added now.
    @inline(__always)
    mutating func index(of word: SearchText.Packed) -> (Int, Bool) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: ChunkPostings.hash(word, keys: ChunkPostings.processKeys) >> UInt64(shift))
        while true {
            let s = Int(slots[i])
            if s == 0 { break }
            if keys[s - 1] == word { return (s - 1, false) }
            i = (i + 1) & mask
        }
        keys.append(word)
        slots[i] = Int32(keys.count)
        if keys.count * 2 > slots.count { grow() }
        return (keys.count - 1, true)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for (k, word) in keys.enumerated() {
            var i = Int(truncatingIfNeeded: ChunkPostings.hash(word, keys: ChunkPostings.processKeys) >> UInt64(shift))
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(k + 1)
        }
    }
}

/// Unsigned LEB128, as postings and the search work files store integers: seven bits a byte, low bits first, the
/// high bit set on every byte but the last.
enum LEB128 {
    @inline(__always)
    static func append(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }
}
