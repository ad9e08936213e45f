import Documents
import Escaping
import Markup
import Synchronization
import Vietnamese

/// One document an article cites, as the article alone can tell: how often, and the sentence of its first
/// mention. The archive-wide pass (`Unification`, run by `SiteIndex.build`) settles which page it is on.
struct Citation: Sendable {
    /// The document. Held through a shared box: a `DocumentKey` is over 100 bytes, an article cites several
    /// documents and an archive few distinct ones, so each key is stored once (0.8 KB less per article).
    private var box: DocumentKeyBox
    var key: DocumentKey {
        get { box.key }
        set { box = DocumentKeyBox.shared(newValue) }
    }
    var label: String { box.label }
    /// A title learned from quotes after a reference.
    var title: String? {
        get { rare?.title }
        set { rare = Rare.make(title: newValue, shortForm: shortForm) }
    }
    /// How many times the article mentions it. The fields below are 32-bit, and the title and short form, which
    /// few citations have, are boxed: a citation takes 48 bytes, and a large archive holds a few per article for
    /// the whole build.
    var count: Int {
        get { Int(_count) }
        set { _count = Int32(truncatingIfNeeded: newValue) }
    }
    private var _count: Int32
    /// The first mention's trailing issue date as yyyymmdd, 0 when none was written.
    var issued: Int32 = 0
    /// Where the first mention stands in the file (1-based), for warnings.
    var line: Int32 = 0
    var column: Int32 = 0
    /// Set when the article wrote only a short form ("Chỉ thị 05 của Bộ Chính trị") that it could not settle
    /// itself: `key` then holds its type and number, and the code, issuer, year or term the recogniser could
    /// derive from the words written with it.
    var shortForm: ShortForm? {
        get { rare?.shortForm }
        set { rare = Rare.make(title: title, shortForm: newValue) }
    }
    private var rare: Rare?
    /// HTML: the sentence of the first mention, the reference in <mark>; spilled with the body, since document
    /// pages read each once and holding them costs ~2 KB per article.
    var snippet: SpillLocation? {
        get { _snippet.file == Self.noSnippet.file ? nil : _snippet }
        set { _snippet = newValue ?? Self.noSnippet }
    }
    private var _snippet: SpillLocation
    /// No snippet, without an optional's extra byte (and its padding).
    private static var noSnippet: SpillLocation { SpillLocation(file: Int(UInt32.max), offset: 0, length: 0) }

    /// `title` and `shortForm`, when either is set; never changed once made (a write makes another).
    final class Rare: Sendable {
        let title: String?
        let shortForm: ShortForm?
        private init(title: String?, shortForm: ShortForm?) { self.title = title; self.shortForm = shortForm }
        static func make(title: String?, shortForm: ShortForm?) -> Rare? {
            title == nil && shortForm == nil ? nil : Rare(title: title, shortForm: shortForm)
        }
    }

    struct ShortForm: Sendable, Hashable {
        /// The mention as written, for the warning.
        var text: String
        /// The issuer in words ("Bộ Chính trị"), when written.
        var issuerName: String?
        var hasNumberWord: Bool
    }

    init(key: DocumentKey, count: Int, title: String?, snippet: SpillLocation? = nil) {
        self.init(box: DocumentKeyBox.shared(key), count: count, title: title, snippet: snippet)
    }

    init(box: DocumentKeyBox, count: Int, title: String?, snippet: SpillLocation? = nil) {
        self.box = box; _count = Int32(truncatingIfNeeded: count); rare = Rare.make(title: title, shortForm: nil)
        _snippet = snippet ?? Self.noSnippet
    }

    /// The first mention's issue date.
    var issuedDate: IssueDate? {
        issued == 0 ? nil : IssueDate(year: Int(issued / 10000), month: Int(issued / 100 % 100), day: Int(issued % 100))
    }

    static func pack(_ d: IssueDate?) -> Int32 { d.map { Int32($0.year * 10000 + $0.month * 100 + $0.day) } ?? 0 }
}

/// The link the load stage puts around the `n`th citation's mentions, replaced by the document's URL (or by
/// nothing) once the archive-wide pass has settled which page it is (`BodyLinks.resolve`).
///
/// The placeholder carries the article's fingerprint (`nonce`), which its own text cannot contain: a link an
/// author writes by hand is never taken for one.
enum BodyLinks {
    static func placeholder(_ n: Int, nonce: UInt64) -> String { "bantin:doc:\(String(nonce, radix: 16)):\(n)" }

    /// The body with every placeholder link made a link to `target(n)` — (URL, title) already escaped for HTML
    /// attributes — or, when it is nil, with the link removed and its text kept. One pass over the bytes.
    static func resolve(_ body: [UInt8], nonce: UInt64, target: (Int) -> (url: String, title: String)?) -> [UInt8] {
        let prefix = Array("<a href=\"bantin:doc:\(String(nonce, radix: 16)):".utf8)
        guard let first = find(prefix, in: body, from: 0) else { return body }
        var out: [UInt8] = []
        out.reserveCapacity(body.count + 256)
        var i = 0
        var at: Int? = first
        while let p = at {
            out.append(contentsOf: body[i..<p])
            var j = p + prefix.count
            var n = 0, digits = 0
            while j < body.count, body[j] >= 0x30, body[j] <= 0x39, digits < 9 { n = n * 10 + Int(body[j] - 0x30); j += 1; digits += 1 }
            // cmark writes `<a href="…">` or `<a href="…" title="…">`: skip to the tag's end.
            guard digits > 0, j < body.count, body[j] == 0x22, let close = body[j...].firstIndex(of: 0x3E) else {
                out.append(contentsOf: body[p..<(p + prefix.count)])
                i = p + prefix.count
                at = find(prefix, in: body, from: i)
                continue
            }
            let end = find(Array("</a>".utf8), in: body, from: close + 1) ?? body.count
            if let t = target(n) {
                out.append(contentsOf: Array("<a href=\"".utf8)); out.append(contentsOf: t.url.utf8)
                out.append(contentsOf: Array("\" title=\"".utf8)); out.append(contentsOf: t.title.utf8)
                out.append(contentsOf: Array("\">".utf8))
                out.append(contentsOf: body[(close + 1)..<end])
                if end < body.count { out.append(contentsOf: Array("</a>".utf8)) }
            } else {
                out.append(contentsOf: body[(close + 1)..<end])
            }
            i = min(body.count, end + 4)
            at = find(prefix, in: body, from: i)
        }
        out.append(contentsOf: body[i...])
        return out
    }

    /// The first place of `needle` in `hay` at or after `from`, over raw buffers (every article body is searched
    /// once per render: no bounds check per byte).
    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= hay.count, from >= 0, from <= hay.count - needle.count else { return nil }
        return hay.withUnsafeBufferPointer { h -> Int? in
            needle.withUnsafeBufferPointer { n -> Int? in
                let first = n[0], last = h.count - n.count
                var i = from
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < n.count, h[i + k] == n[k] { k += 1 }
                        if k == n.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }
}

/// An immutable document key in a box, one per distinct key for the whole process (keys are few; the table
/// lives as long as the process, like a string interner).
final class DocumentKeyBox: Sendable {
    let key: DocumentKey
    /// `key.slug` and `key.label`, made once per document for the whole build instead of once per citing article.
    let slug: String
    let label: String
    private init(_ key: DocumentKey) { self.key = key; slug = key.slug; label = key.label }

    private static let table = Mutex<[DocumentKey: DocumentKeyBox]>([:])

    static func shared(_ key: DocumentKey) -> DocumentKeyBox {
        table.withLock { t in
            if let box = t[key] {
                // Equal keys may still be spelled with different bytes (strings compare canonically); which one
                // came first depends on load order, so only a byte-identical key is shared.
                return sameBytes(box.key, key) ? box : DocumentKeyBox(key)
            }
            let box = DocumentKeyBox(key)
            t[key] = box
            return box
        }
    }

    static func sameBytes(_ a: DocumentKey, _ b: DocumentKey) -> Bool {
        a.type.utf8.elementsEqual(b.type.utf8) && a.code.utf8.elementsEqual(b.code.utf8) && a.issuer.utf8.elementsEqual(b.issuer.utf8)
            && (a.locality ?? "").utf8.elementsEqual((b.locality ?? "").utf8)
    }
}

/// A reference that could not be settled without guessing, reported as a warning.
public struct Unresolved: Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable, CaseIterable {
        /// A short form ("Chỉ thị 05") no document of the archive or the registry fits.
        case noCandidate = "no document fits"
        /// A short form or a symbol without year that several documents fit.
        case severalCandidates = "several documents fit"
    }
    public var path: String
    public var line: Int
    public var column: Int
    public var text: String
    public var reason: Reason
    /// The documents that fit, by label, when there are several.
    public var candidates: [String] = []
    /// What to write instead: the official form of the kind written, with the issuer written.
    public var suggestion: String = ""

    public var description: String {
        switch reason {
        case .noCandidate:
            return "\(path):\(line):\(column): warning: “\(text)” does not say which document it is, and no document of the archive fits it; write it in full, e.g. “\(suggestion)”, or list it under documents: in the front matter"
        case .severalCandidates:
            return "\(path):\(line):\(column): warning: “\(text)” can be any of \(candidates.map { "“\($0)”" }.joined(separator: ", ")); write the year or the date of issue after it (e.g. “\(suggestion)”), or list the one meant under documents: in the front matter"
        }
    }
}

/// Finds and links the documents of one article: the glue between cmark's text runs and the recogniser.
/// Every mention's link is a placeholder naming its citation (`BodyLinks`): which page it leads to is known
/// only after the archive-wide pass.
struct CitationCollector {
    let recogniser: Recogniser
    let resolver: Resolver
    let context: ArticleContext
    let excluded: [DocumentKey]
    /// The article's title: its references count like the body's, but no link goes inside a headline.
    var headline: String = ""
    /// The article's fingerprint, in its placeholder links (see `BodyLinks`).
    var nonce: UInt64 = 0

    var citations: [Citation] = []
    /// Each citation's snippet (parallel to `citations`) until the load stage spills it.
    var snippets: [String?] = []
    /// The snippet came from a heading or another short run and may be replaced by a better one.
    var snippetFromShortRun: [Bool] = []
    /// Each citation's first mention: the line of its block (0 for the headline) and the text as written.
    var firstMention: [(line: Int, text: String)] = []

    struct TypeNumber: Hashable { let type: String, number: Int }

    /// How much a short form's key tells: an issuer, then a year or term.
    static func richness(_ k: DocumentKey) -> Int {
        (k.issuer.isEmpty ? 0 : 2) + (k.year != nil || k.term != nil ? 1 : 0)
    }

    func isExcluded(_ key: DocumentKey) -> Bool {
        excluded.contains { ex in ex == key || (ex.year == nil && ex.term == nil && ex.symbolKey == key.symbolKey) }
    }

    /// The annotate callback for `Markdown.render`.
    mutating func annotate(_ runs: [TextRun]) -> [[InlineLink]] {
        var found: [(run: Int, mention: Mention)] = []
        var places: [String] = []
        var texts = runs.map(\.text)
        if !headline.isEmpty { texts.append(headline) }
        for (i, text) in texts.enumerated() {
            let r = recogniser.scan(text)
            for m in r.mentions { found.append((i, m)) }
            places += r.localities
        }
        var links = [[InlineLink]](repeating: [], count: runs.count)
        guard !found.isEmpty else { return links }
        let resolved = resolver.resolve(found, localities: places, context: context)
        var index: [DocumentKey: Int] = [:]
        var shortIndex: [TypeNumber: Int] = [:]
        // Each run's bytes made once: a paragraph dense with references must not be copied per mention.
        var bytesOfRun: [Int: [UInt8]] = [:]
        for r in resolved {
            let text = texts[r.run]
            let inHeadline = r.run >= runs.count
            if bytesOfRun[r.run] == nil { bytesOfRun = [r.run: Array(text.utf8)] }
            let bytes = bytesOfRun[r.run]!
            let written = String(decoding: bytes[r.mention.range], as: UTF8.self)
            let n: Int
            if let key = r.key {
                if isExcluded(key) { continue }
                if let i = index[key] { n = i } else {
                    n = citations.count
                    index[key] = n
                    citations.append(Citation(box: DocumentKeyBox.shared(key), count: 0, title: nil))
                    citations[n].issued = Citation.pack(r.mention.issued)
                    snippets.append(nil); snippetFromShortRun.append(true)
                    firstMention.append((inHeadline ? 0 : runs[r.run].line, written))
                }
            } else {
                // One citation per type and number in an article, however its short forms are written: the
                // richest key the recogniser derived (issuer, year or term written with it) stands for them all.
                let m = r.mention
                let lookup = TypeNumber(type: m.key.type, number: m.key.number)
                if let i = shortIndex[lookup] {
                    n = i
                    if Self.richness(m.key) > Self.richness(citations[n].key) { citations[n].key = m.key }
                    if citations[n].shortForm?.issuerName == nil { citations[n].shortForm?.issuerName = m.issuerName }
                    if m.hasNumberWord { citations[n].shortForm?.hasNumberWord = true }
                } else {
                    n = citations.count
                    shortIndex[lookup] = n
                    var c = Citation(box: DocumentKeyBox.shared(m.key), count: 0, title: nil)
                    c.shortForm = Citation.ShortForm(text: written, issuerName: m.issuerName, hasNumberWord: m.hasNumberWord)
                    citations.append(c)
                    snippets.append(nil); snippetFromShortRun.append(true)
                    firstMention.append((inHeadline ? 0 : runs[r.run].line, written))
                }
            }
            citations[n].count += 1
            if citations[n].title == nil { citations[n].title = r.mention.title }
            if citations[n].issued == 0 { citations[n].issued = Citation.pack(r.mention.issued) }
            // A heading makes a poor quotation: prefer the first mention in running text.
            if snippets[n] == nil || (snippetFromShortRun[n] && bytes.count >= 80) {
                snippets[n] = Snippet.html(bytes, highlight: r.mention.range)
                snippetFromShortRun[n] = bytes.count < 80
            }
            if !inHeadline { links[r.run].append(InlineLink(range: r.mention.range, url: BodyLinks.placeholder(n, nonce: nonce))) }
        }
        return links
    }
}

/// The sentence around a mention, as HTML with the mention marked.
enum Snippet {
    static let limit = 360

    static func html(_ text: String, highlight: Range<Int>) -> String { html(Array(text.utf8), highlight: highlight) }

    static func html(_ b: [UInt8], highlight: Range<Int>) -> String {
        // The sentence's ends are looked for only as far as the window shows (a long paragraph without a full
        // stop must not cost a scan per citation).
        var start = highlight.lowerBound
        while start > 0, highlight.lowerBound - start <= limit {
            let c = b[start - 1]
            if start >= 2, c == 0x20, [0x2E, 0x21, 0x3F].contains(b[start - 2]) { break }
            start -= 1
        }
        var end = highlight.upperBound
        while end < b.count, end - highlight.upperBound <= limit {
            let c = b[end]
            end += 1
            if [0x2E, 0x21, 0x3F].contains(c), end == b.count || b[end] == 0x20 { break }
        }
        // Long sentences: keep a window around the mention, cut at spaces.
        var prefix = "", suffix = ""
        if highlight.lowerBound - start > limit / 2 {
            var s = highlight.lowerBound - limit / 2
            while s < highlight.lowerBound, b[s] != 0x20 { s += 1 }
            start = min(s + 1, highlight.lowerBound)
            prefix = "… "
        }
        if end - highlight.upperBound > limit / 2 {
            var e = highlight.upperBound + limit / 2
            while e > highlight.upperBound, b[e] != 0x20 { e -= 1 }
            end = e
            suffix = " …"
        }
        func piece(_ r: Range<Int>) -> String {
            var out: [UInt8] = []
            Escape.htmlKeepingSymbols(String(decoding: b[r], as: UTF8.self), into: &out)
            return String(decoding: out, as: UTF8.self)
        }
        return prefix + piece(start..<highlight.lowerBound) + "<mark>" + piece(highlight) + "</mark>"
            + piece(highlight.upperBound..<end) + suffix
    }
}

