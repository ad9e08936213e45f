import Archive
import Documents
import Markup
import Search
import Vietnamese

/// A compact binary form for the build cache: integers as LEB128 varints, strings as length and UTF-8. Written
/// by hand rather than with Codable because decoding ten thousand records through Codable's containers costs
/// more than the work the cache saves.
struct ByteWriter {
    var out: [UInt8] = []

    mutating func int(_ v: Int) { uint(UInt64(bitPattern: Int64(v)) << 1 ^ UInt64(bitPattern: Int64(v) >> 63)) }

    mutating func uint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    mutating func fixed(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    mutating func bool(_ b: Bool) { out.append(b ? 1 : 0) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { b in
            uint(UInt64(b.count))
            out.append(contentsOf: b)
        }
    }

    mutating func string(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }

    mutating func int(_ v: Int?) {
        bool(v != nil)
        if let v { int(v) }
    }

    mutating func bytes(_ b: [UInt8]) {
        uint(UInt64(b.count))
        out.append(contentsOf: b)
    }

    mutating func strings(_ list: [String]) {
        uint(UInt64(list.count))
        for s in list { string(s) }
    }
}

/// Reads what `ByteWriter` wrote; any inconsistency (a length past the end, an unknown tag) is `CacheCorrupt`.
struct ByteReader {
    struct Corrupt: Error {}
    let bytes: [UInt8]
    var at = 0
    /// Reading stops here (the end of the array unless told).
    let limit: Int

    init(_ bytes: [UInt8], at: Int = 0, limit: Int? = nil) { self.bytes = bytes; self.at = at; self.limit = limit ?? bytes.count }

    var isAtEnd: Bool { at >= limit }

    mutating func uint() throws(Corrupt) -> UInt64 {
        var v: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard at < limit, shift < 64 else { throw Corrupt() }
            let b = bytes[at]
            at += 1
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
    }

    mutating func int() throws(Corrupt) -> Int {
        let z = try uint()
        return Int(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))))
    }

    mutating func count() throws(Corrupt) -> Int {
        let n = try uint()
        guard n <= UInt64(limit - at) else { throw Corrupt() }
        return Int(n)
    }

    mutating func fixed() throws(Corrupt) -> UInt64 {
        guard at + 8 <= limit else { throw Corrupt() }
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
        at += 8
        return v
    }

    mutating func bool() throws(Corrupt) -> Bool {
        guard at < limit, bytes[at] <= 1 else { throw Corrupt() }
        at += 1
        return bytes[at - 1] == 1
    }

    mutating func string() throws(Corrupt) -> String {
        let n = try count()
        defer { at += n }
        return String(decoding: bytes[at..<at + n], as: UTF8.self)
    }

    mutating func optionalString() throws(Corrupt) -> String? { try bool() ? try string() : nil }
    mutating func optionalInt() throws(Corrupt) -> Int? { try bool() ? try int() : nil }

    mutating func byteArray() throws(Corrupt) -> [UInt8] {
        let n = try count()
        defer { at += n }
        return Array(bytes[at..<at + n])
    }

    mutating func strings() throws(Corrupt) -> [String] {
        let n = try count()
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }
}

extension ByteWriter {
    mutating func key(_ k: DocumentKey) {
        string(k.kind.rawValue); string(k.type); int(k.number); string(k.code); string(k.issuer)
        string(k.locality); int(k.year); int(k.term); bool(k.symbolHasYear)
    }

    mutating func article(_ a: Article) {
        string(a.path); string(a.title)
        let d = a.date
        for v in [d.year, d.month, d.day, d.hour, d.minute, d.second, d.offset] { int(v) }
        bool(d.hasTime)
        string(a.author); string(a.authorTitle); string(a.source); strings(a.tags); string(a.summary); string(a.slug)
        bool(a.draft); string(a.image); string(a.imageCaption); string(a.locality)
        string(a.imageAlt); int(a.imageWidth); int(a.imageHeight)
        for list in [a.documentsAdded, a.documentsExcluded] {
            uint(UInt64(list.count))
            for (t, line) in list { string(t); int(line) }
        }
        uint(UInt64(a.extra.count))
        for (k, v) in a.extra.sorted(by: { $0.key < $1.key }) {
            string(k)
            switch v {
            case .text(let s): out.append(0); string(s)
            case .list(let l): out.append(1); strings(l)
            case .flag(let b): out.append(2); bool(b)
            }
        }
        bool(a.undated); int(a.bodyOffset); int(a.bodyLine)
        uint(UInt64(a.warnings.count))
        for w in a.warnings { int(w.line); int(w.column); string(w.message) }
    }

    mutating func location(_ l: SpillLocation) { int(l.file); int(l.offset); int(l.length) }

    mutating func record(_ r: ArticleRecord) {
        article(r.meta)
        location(r.headings); location(r.summary); int(r.words)
        uint(UInt64(r.citations.count))
        for c in r.citations {
            key(c.key); int(c.count); string(c.title); bool(c.snippet != nil); if let s = c.snippet { location(s) }
            int(Int(c.issued)); int(Int(c.line)); int(Int(c.column))
            bool(c.shortForm != nil)
            if let f = c.shortForm { string(f.text); string(f.issuerName); bool(f.hasNumberWord) }
        }
        location(r.body)
        location(r.itemHTML)
        bool(r.searchText != nil)
        if let s = r.searchText { location(s) }
        fixed(r.signature); string(r.urlPattern)
        strings(r.files); fixed(r.filesState)
    }

    mutating func postings(_ p: SearchPostings) {
        uint(UInt64(p.terms.count))
        for (term, e) in p.terms.sorted(by: { $0.key < $1.key }) {
            string(term)
            strings(e.forms)
            uint(UInt64(e.count))
            e.forEach { a, m in uint(UInt64(a)); uint(UInt64(m)) }
        }
    }
}

extension ByteReader {
    mutating func key() throws(Corrupt) -> DocumentKey {
        guard let kind = DocumentKind(rawValue: try string()) else { throw Corrupt() }
        var k = DocumentKey(kind: kind, type: try string(), number: try int(), code: try string(), issuer: try string(),
                            locality: try optionalString(), year: try optionalInt(), term: try optionalInt())
        k.symbolHasYear = try bool()
        return k
    }

    mutating func article() throws(Corrupt) -> Article {
        let path = try string(), title = try string()
        var date = LocalDateTime(year: try int(), month: try int(), day: try int(), hour: try int(), minute: try int(),
                                 second: try int(), offset: try int())
        date.hasTime = try bool()
        let author = try optionalString(), authorTitle = try optionalString(), source = try optionalString()
        let tags = try strings(), summary = try optionalString(), slug = try string()
        var a = Article(path: path, title: title, date: date, slug: slug)
        a.author = author; a.authorTitle = authorTitle; a.source = source; a.tags = tags; a.summary = summary
        a.draft = try bool(); a.image = try optionalString(); a.imageCaption = try optionalString(); a.locality = try optionalString()
        a.imageAlt = try optionalString(); a.imageWidth = try optionalInt(); a.imageHeight = try optionalInt()
        var lists: [[(text: String, line: Int)]] = []
        for _ in 0..<2 {
            let n = try count()
            var list: [(text: String, line: Int)] = []
            for _ in 0..<n { list.append((try string(), try int())) }
            lists.append(list)
        }
        a.documentsAdded = lists[0]
        a.documentsExcluded = lists[1]
        let n = try count()
        for _ in 0..<n {
            let k = try string()
            guard at < limit else { throw Corrupt() }
            let tag = bytes[at]
            at += 1
            switch tag {
            case 0: a.extra[k] = .text(try string())
            case 1: a.extra[k] = .list(try strings())
            case 2: a.extra[k] = .flag(try bool())
            default: throw Corrupt()
            }
        }
        a.undated = try bool(); a.bodyOffset = try int(); a.bodyLine = try int()
        for _ in 0..<(try count()) { a.warnings.append(SiteWarning(path: path, line: try int(), column: try int(), message: try string())) }
        return a
    }

    mutating func location() throws(Corrupt) -> SpillLocation { SpillLocation(file: try int(), offset: try int(), length: try int()) }

    /// Moves past a key (`key()`'s layout) without building it.
    mutating func skipKey() throws(Corrupt) {
        for _ in 0..<2 { at += try count() }
        _ = try uint()
        for _ in 0..<2 { at += try count() }
        if try bool() { at += try count() }
        for _ in 0..<2 { if try bool() { _ = try uint() } }
        _ = try bool()
    }

    /// A citation's key, shared through `DocumentKeyBox`. `keys` remembers the box of each key's bytes: the same
    /// few documents are cited by thousands of records, and a key's bytes are cheaper to hash than the key.
    mutating func keyBox(_ keys: inout [ArraySlice<UInt8>: DocumentKeyBox]) throws(Corrupt) -> DocumentKeyBox {
        let start = at
        try skipKey()
        guard at <= limit else { throw Corrupt() }
        let raw = bytes[start..<at]
        if let box = keys[raw] { return box }
        var again = ByteReader(bytes, at: start, limit: at)
        let box = DocumentKeyBox.shared(try again.key())
        guard again.isAtEnd else { throw Corrupt() }
        keys[raw] = box
        return box
    }

    mutating func record() throws(Corrupt) -> ArticleRecord {
        var keys: [ArraySlice<UInt8>: DocumentKeyBox] = [:]
        return try record(keys: &keys)
    }

    mutating func record(keys: inout [ArraySlice<UInt8>: DocumentKeyBox]) throws(Corrupt) -> ArticleRecord {
        let meta = try article()
        let headings = try location(), summary = try location(), words = try int()
        var citations: [Citation] = []
        for _ in 0..<(try count()) {
            var c = Citation(box: try keyBox(&keys), count: try int(), title: try optionalString(), snippet: try bool() ? try location() : nil)
            c.issued = Int32(truncatingIfNeeded: try int()); c.line = Int32(truncatingIfNeeded: try int())
            c.column = Int32(truncatingIfNeeded: try int())
            if try bool() { c.shortForm = Citation.ShortForm(text: try string(), issuerName: try optionalString(), hasNumberWord: try bool()) }
            citations.append(c)
        }
        let body = try location(), item = try location()
        let search = try bool() ? try location() : nil
        return ArticleRecord(meta: meta, headings: headings, summary: summary, words: words, citations: citations,
                             body: body, itemHTML: item, searchText: search, signature: try fixed(), urlPattern: Interned.string(try string()),
                             files: try strings(), filesState: try fixed())
    }

    mutating func postings() throws(Corrupt) -> SearchPostings {
        var p = SearchPostings()
        let n = try count()
        p.terms.reserveCapacity(n)
        for _ in 0..<n {
            let term = try string()
            var e = SearchPostings.Entry()
            e.forms = try strings()
            let m = try count()
            for _ in 0..<m {
                let a = try uint(), m = try uint()
                guard a <= UInt64(UInt32.max), m <= UInt64(UInt32.max) else { throw Corrupt() }
                e.append(UInt32(a), UInt32(m))
            }
            p.terms[term] = e
        }
        return p
    }
}

/// The site index as the build cache keeps it (`index.bin`): what `SiteIndex.build` derives from all the records
/// together (order, moved URLs, tags, years, the archive-wide documents pass), with the articles named by path (their
/// records are the cache's), so a one-edit build patches it instead of indexing every record again. What `patch`
/// changes is left out and derived again from the records when read (each article's fingerprint, each document's
/// snippets, counts and mentions), so a patched index leaves the file as it was; what the registry gives a
/// document is looked up again.
struct SavedIndex {
    var paths: [String]
    var moved: [Int: String]
    var tags: [SiteIndex.Tag]
    var years: [SiteIndex.Year]
    /// Documents without their registry entry.
    var documents: [SiteIndex.Document]
    var documentIndex: [DocumentKey: Int]
    var redirects: [(String, Int)]
    var rank: [Int]
    var articleTags: PackedLists
    var articleDocuments: PackedLists
    var unresolved: [Unresolved]
    var urlWarnings: [SiteWarning]
    var renamed: [Int: String]
}

extension ByteWriter {
    mutating func ints(_ list: [Int]) {
        uint(UInt64(list.count))
        for v in list { int(v) }
    }

    mutating func unresolved(_ u: Unresolved) {
        string(u.path); int(u.line); int(u.column); string(u.text); string(u.reason.rawValue); strings(u.candidates); string(u.suggestion)
    }

    mutating func warning(_ w: SiteWarning) { string(w.path); int(w.line); int(w.column); string(w.message) }

    mutating func index(_ x: SiteIndex) {
        uint(UInt64(x.articles.count))
        for r in x.articles { string(r.meta.path) }
        uint(UInt64(x.moved.count))
        for (k, url) in x.moved.sorted(by: { $0.key < $1.key }) { int(k); string(url) }
        uint(UInt64(x.tags.count))
        for t in x.tags { string(t.name); string(t.slug); ints(t.articles) }
        uint(UInt64(x.years.count))
        for y in x.years {
            int(y.year); ints(y.articles)
            uint(UInt64(y.months.count))
            for m in y.months { int(m.month); ints(m.articles) }
        }
        uint(UInt64(x.documents.count))
        for d in x.documents {
            key(d.key); string(d.slug); string(d.title); ints(d.articles)
            uint(UInt64(d.related.count))
            for (o, n) in d.related { int(o); int(n) }
            uint(UInt64(d.aliasKeys.count))
            for k in d.aliasKeys { key(k) }
            string(d.chart)
        }
        uint(UInt64(x.documentIndex.count))
        for (k, d) in x.documentIndex { key(k); int(d) }
        uint(UInt64(x.redirects.count))
        for (slug, d) in x.redirects { string(slug); int(d) }
        ints(x.rank)
        uint(UInt64(x.articleTags.count))
        for i in x.articleTags.indices { ints(Array(x.articleTags[i])) }
        uint(UInt64(x.articleDocuments.count))
        for i in x.articleDocuments.indices { ints(Array(x.articleDocuments[i])) }
        uint(UInt64(x.unresolved.count))
        for u in x.unresolved { unresolved(u) }
        uint(UInt64(x.urlWarnings.count))
        for w in x.urlWarnings { warning(w) }
        uint(UInt64(x.renamed.count))
        for (k, url) in x.renamed.sorted(by: { $0.key < $1.key }) { int(k); string(url) }
    }
}

extension ByteReader {
    mutating func ints() throws(Corrupt) -> [Int] {
        let n = try count()
        var out: [Int] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try int()) }
        return out
    }

    mutating func unresolved() throws(Corrupt) -> Unresolved {
        let path = try string(), line = try int(), column = try int(), text = try string()
        guard let reason = Unresolved.Reason(rawValue: try string()) else { throw Corrupt() }
        return Unresolved(path: path, line: line, column: column, text: text, reason: reason, candidates: try strings(), suggestion: try string())
    }

    mutating func warning() throws(Corrupt) -> SiteWarning {
        SiteWarning(path: try string(), line: try int(), column: try int(), message: try string())
    }

    mutating func savedIndex() throws(Corrupt) -> SavedIndex {
        let paths = try strings()
        var moved: [Int: String] = [:]
        for _ in 0..<(try count()) { moved[try int()] = try string() }
        var tags: [SiteIndex.Tag] = []
        for _ in 0..<(try count()) { tags.append(SiteIndex.Tag(name: try string(), slug: try string(), articles: try ints())) }
        var years: [SiteIndex.Year] = []
        for _ in 0..<(try count()) {
            var y = SiteIndex.Year(year: try int(), months: [], articles: try ints())
            for _ in 0..<(try count()) { y.months.append(SiteIndex.Month(month: try int(), articles: try ints())) }
            years.append(y)
        }
        var documents: [SiteIndex.Document] = []
        for _ in 0..<(try count()) {
            let key = try key(), slug = try string(), title = try optionalString(), articles = try ints()
            var related: [(Int, Int)] = []
            for _ in 0..<(try count()) { related.append((try int(), try int())) }
            var aliases: [DocumentKey] = []
            for _ in 0..<(try count()) { aliases.append(try self.key()) }
            documents.append(SiteIndex.Document(key: key, slug: slug, title: title, registry: nil, articles: articles, mentions: 0,
                                                related: related, aliasKeys: aliases, chart: try string()))
        }
        var documentIndex: [DocumentKey: Int] = [:]
        for _ in 0..<(try count()) { documentIndex[try key()] = try int() }
        var redirects: [(String, Int)] = []
        for _ in 0..<(try count()) { redirects.append((try string(), try int())) }
        let rank = try ints()
        var articleTags = PackedLists()
        for _ in 0..<(try count()) { articleTags.append(try ints()) }
        var articleDocuments = PackedLists()
        for _ in 0..<(try count()) { articleDocuments.append(try ints()) }
        var unresolved: [Unresolved] = []
        for _ in 0..<(try count()) { unresolved.append(try self.unresolved()) }
        var urlWarnings: [SiteWarning] = []
        for _ in 0..<(try count()) { urlWarnings.append(try warning()) }
        var renamed: [Int: String] = [:]
        for _ in 0..<(try count()) { renamed[try int()] = try string() }
        return SavedIndex(paths: paths, moved: moved, tags: tags, years: years, documents: documents, documentIndex: documentIndex,
                          redirects: redirects, rank: rank, articleTags: articleTags, articleDocuments: articleDocuments,
                          unresolved: unresolved, urlWarnings: urlWarnings, renamed: renamed)
    }
}
