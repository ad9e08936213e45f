/// What a search result shows of one article.
public struct SearchArticle: Sendable {
    public var title: String
    public var url: String
    /// "Thứ Tư, 13/12/2017".
    public var date: String
    public var source: String?

    public init(title: String, url: String, date: String, source: String?) {
        self.title = title; self.url = url; self.date = date; self.source = source
    }
}

/// The static search index, split so a query downloads only what it needs:
///
/// - `search/meta.json`: shard count, article count, years and documents for the filters;
/// - `search/i/N.json`: shard N, every word whose hash falls in it, with its spellings and postings, and every
///   pair of neighbouring words ("tu dien") that starts with such a word, with its postings (or, for a very common
///   word or pair, the number of its own file `search/i/wK.json`);
/// - `search/f/N.json`: article N's title, URL, date, source and text, fetched only for results shown;
/// - `search/y/YEAR.json`, `search/d/N.json`: the articles of a year or citing document N, fetched only when that
///   filter is used.
///
/// Articles are numbered newest first, so a lower number is a more recent article.
public enum SearchFiles {
    /// Shards are sized for about this many bytes each.
    static let targetShardBytes = 24 * 1024

    /// A word whose postings take more than this gets a file of its own, so queries that do not use it never
    /// download it with its shard.
    static let ownFileBytes = 4 * 1024

    /// The spellings of a word in a fixed order, whatever order articles were loaded in: the most used first (so
    /// the usual mask is 1), ties by code point; spellings no article uses any more are dropped. Returns them with
    /// the function that maps a stored mask to one over this order.
    static func canonicalForms(_ e: SearchPostings.Entry) -> ([String], (UInt32) -> UInt32) {
        var uses = [Int](repeating: 0, count: e.forms.count)
        e.forEach { _, mask in
            var m = mask & ~SearchPostings.titleBit
            while m != 0 {
                uses[m.trailingZeroBitCount] += 1
                m &= m - 1
            }
        }
        let order = e.forms.indices.filter { uses[$0] > 0 }.sorted { a, b in
            uses[a] != uses[b] ? uses[a] > uses[b] : Array(e.forms[a].unicodeScalars.map(\.value)).lexicographicallyPrecedes(e.forms[b].unicodeScalars.map(\.value))
        }
        var bit = [UInt32](repeating: 0, count: e.forms.count)
        for (k, f) in order.enumerated() { bit[f] = UInt32(1) << UInt32(k) }
        let forms = order.map { e.forms[$0] }
        if order == Array(e.forms.indices) { return (forms, { $0 }) }
        return (forms, { mask in
            var m = mask & ~SearchPostings.titleBit, out = mask & SearchPostings.titleBit
            while m != 0 {
                out |= bit[m.trailingZeroBitCount]
                m &= m - 1
            }
            return out
        })
    }

    /// The index files are the shards (`i/N.json`), then the files of words too common to share one (`i/wN.json`):
    /// see `shards(merged:rank:)` (a whole build) and `shards(_:rank:reusing:changed:)` (a session).
    /// One word's entry: its spellings, then its postings as one string, "delta" or "delta.mask" in base 36,
    /// comma-separated; the mask (which spellings the article uses) is left out when it is 1, the usual case; "!"
    /// after a posting when the word is in the article's title. A pair's entry is the string alone, without masks.
    static func encode(_ e: SearchPostings.Entry, rank: [Int]) -> [UInt8] {
        let (forms, remap) = canonicalForms(e)
        let isPair = e.forms.isEmpty
        var w = JSONWriter()
        if isPair {
            w.raw("\"")
        } else {
            w.raw("[[")
            for (k, f) in forms.enumerated() {
                if k > 0 { w.raw(",") }
                w.string(f)
            }
            w.raw("],\"")
        }
        var previous = 0
        // Ranks and masks packed in one integer each, so the sort moves eight bytes, not a tuple.
        var packed: [UInt64] = []
        packed.reserveCapacity(e.count)
        e.forEach { a, m in packed.append(UInt64(rank[Int(a)]) << 32 | UInt64(remap(m))) }
        packed.sort()
        w.out.reserveCapacity(w.out.count + packed.count * 3)
        for (k, p) in packed.enumerated() {
            if k > 0 { w.out.append(0x2C) }
            let r = Int(p >> 32), mask = Int(p & 0x7FFF_FFFF)
            w.base36(r - previous)
            if mask != 1 && !isPair {
                w.out.append(0x2E)
                w.base36(mask)
            }
            if p & UInt64(SearchPostings.titleBit) != 0 { w.out.append(0x21) }
            previous = r
        }
        w.raw(isPair ? "\"" : "\"]")
        return w.out
    }

    public static func meta(shards: Int, articles: Int, years: [(Int, Int)], documents: [(label: String, count: Int)]) -> [UInt8] {
        var w = JSONWriter()
        w.raw("{\"shards\":\(shards),\"articles\":\(articles),\"years\":[")
        for (i, y) in years.enumerated() { w.raw((i > 0 ? "," : "") + "[\(y.0),\(y.1)]") }
        w.raw("],\"documents\":[")
        for (i, d) in documents.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("[")
            w.string(d.label)
            w.raw(",\(d.count)]")
        }
        w.raw("]}\n")
        return w.out
    }

    /// One filter value's articles, ascending, as a string of base-36 deltas (like postings, without masks).
    public static func filter(_ ids: [Int]) -> [UInt8] {
        var w = JSONWriter()
        var previous = 0
        w.string(ids.map { id -> String in
            defer { previous = id }
            return String(id - previous, radix: 36)
        }.joined(separator: ","))
        w.raw("\n")
        return w.out
    }

    /// Texts longer than this are cut, to keep what a query downloads small; a word beyond the cut still finds
    /// the article (its snippet then shows the beginning), and a phrase is then checked on the article's page.
    public static let fragmentLimit = 4_000

    public static func fragment(_ a: SearchArticle, text: String) -> [UInt8] {
        var w = JSONWriter()
        w.raw("{")
        w.field("t", a.title, first: true)
        w.field("u", a.url)
        w.field("d", a.date)
        w.field("s", a.source)
        var body = text
        var cut = false
        if body.utf8.count > fragmentLimit {
            // Back to the start of the scalar the limit falls in.
            body = body.withUTF8 { b in
                var end = fragmentLimit
                while end > 0, b[end] & 0xC0 == 0x80 { end -= 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: b[..<end]), as: UTF8.self)
            }
            cut = true
        }
        w.field("x", body)
        // The page reads the article itself to check a phrase the cut text does not hold.
        if cut { w.raw(",\"c\":1") }
        w.raw("}\n")
        return w.out
    }
}
