import Documents
import Markup
import Synchronization
import Templating
import Vietnamese

/// One document an article cites: how often, and the sentence of its first mention.
struct Citation: Sendable {
    /// The document. Held through a shared box: a `DocumentKey` is over 100 bytes, an article cites several
    /// documents and an archive few distinct ones, so each key is stored once (0.8 KB less per article).
    private var box: DocumentKeyBox
    var key: DocumentKey {
        get { box.key }
        set { box = DocumentKeyBox.shared(newValue) }
    }
    var label: String { box.label }
    var count: Int
    /// A title learned from quotes after a reference.
    var title: String?
    /// HTML: the sentence of the first mention, the reference in <mark>; spilled with the body, since document
    /// pages read each once and holding them costs ~2 KB per article.
    var snippet: SpillLocation?

    init(key: DocumentKey, count: Int, title: String?, snippet: SpillLocation? = nil) {
        self.init(box: DocumentKeyBox.shared(key), count: count, title: title, snippet: snippet)
    }

    init(box: DocumentKeyBox, count: Int, title: String?, snippet: SpillLocation? = nil) {
        self.box = box; self.count = count; self.title = title; self.snippet = snippet
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
    public var path: String
    public var line: Int
    public var text: String
    public var description: String {
        "\(path):\(line):1: warning: “\(text)” does not say which document it is (no symbol, and no single full reference in this article to take it from); write it in full, e.g. “Chỉ thị số 05-CT/TW”, or list it under documents: in the front matter"
    }
}

/// Finds and links the documents of one article: the glue between cmark's text runs and the recogniser.
struct CitationCollector {
    let recogniser: Recogniser
    let resolver: Resolver
    let context: ArticleContext
    let excluded: [DocumentKey]
    let linkBase: String

    var citations: [Citation] = []
    /// Each citation's snippet (parallel to `citations`) until the load stage spills it.
    var snippets: [String?] = []
    /// The snippet came from a heading or another short run and may be replaced by a better one.
    var snippetFromShortRun: [Bool] = []
    var unresolved: [(line: Int, text: String)] = []
    /// Each citation's document page URL (parallel to `citations`), for its links.
    var urls: [String] = []

    func isExcluded(_ key: DocumentKey) -> Bool {
        excluded.contains { ex in ex == key || (ex.year == nil && ex.term == nil && ex.symbolKey == key.symbolKey) }
    }

    /// The annotate callback for `Markdown.render`.
    mutating func annotate(_ runs: [TextRun]) -> [[InlineLink]] {
        var found: [(run: Int, mention: Mention)] = []
        var places: [String] = []
        for (i, run) in runs.enumerated() {
            let r = recogniser.scan(run.text)
            for m in r.mentions { found.append((i, m)) }
            places += r.localities
        }
        var links = [[InlineLink]](repeating: [], count: runs.count)
        guard !found.isEmpty else { return links }
        let resolved = resolver.resolve(found, localities: places, context: context)
        var index: [DocumentKey: Int] = [:]
        for r in resolved {
            let run = runs[r.run]
            guard let key = r.key else {
                let bytes = Array(run.text.utf8)
                unresolved.append((run.line, String(decoding: bytes[r.mention.range], as: UTF8.self)))
                continue
            }
            if isExcluded(key) { continue }
            if let i = index[key] {
                links[r.run].append(InlineLink(range: r.mention.range, url: urls[i], title: citations[i].label))
                citations[i].count += 1
                if citations[i].title == nil { citations[i].title = r.mention.title }
                // A heading makes a poor quotation: prefer the first mention in running text.
                if snippetFromShortRun[i], run.text.utf8.count >= 80 {
                    snippets[i] = Snippet.html(run.text, highlight: r.mention.range)
                    snippetFromShortRun[i] = false
                }
            } else {
                index[key] = citations.count
                let box = DocumentKeyBox.shared(key)
                urls.append(linkBase + "van-ban/" + box.slug + "/")
                links[r.run].append(InlineLink(range: r.mention.range, url: urls[urls.count - 1], title: box.label))
                citations.append(Citation(box: box, count: 1, title: r.mention.title))
                snippets.append(Snippet.html(run.text, highlight: r.mention.range))
                snippetFromShortRun.append(run.text.utf8.count < 80)
            }
        }
        return links
    }
}

/// The sentence around a mention, as HTML with the mention marked.
enum Snippet {
    static let limit = 360

    static func html(_ text: String, highlight: Range<Int>) -> String {
        let b = Array(text.utf8)
        var start = highlight.lowerBound
        while start > 0 {
            let c = b[start - 1]
            if start >= 2, c == 0x20, [0x2E, 0x21, 0x3F].contains(b[start - 2]) { break }
            start -= 1
        }
        var end = highlight.upperBound
        while end < b.count {
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
        func piece(_ r: Range<Int>) -> String { HTMLText.escape(String(decoding: b[r], as: UTF8.self)) }
        return prefix + piece(start..<highlight.lowerBound) + "<mark>" + piece(highlight) + "</mark>"
            + piece(highlight.upperBound..<end) + suffix
    }
}

