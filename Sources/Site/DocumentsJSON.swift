import Archive
import Documents
import Search
import Vietnamese

/// Output/data/documents.json: every document with its citing articles, for other tools.
///
/// Written by hand in a fixed key order: deterministic, and far cheaper than JSONEncoder on tens of thousands of
/// entries.
enum DocumentsJSON {
    static func encode(_ index: SiteIndex, base: String) -> [UInt8] {
        var out: [UInt8] = []
        encode(index, base: base) { out.append(contentsOf: $0) }
        return out
    }

    /// The same, handed to `emit` a document at a time (tens of megabytes on a large archive, never whole).
    static func encode(_ index: SiteIndex, base: String, emit: ([UInt8]) -> Void) {
        var w = JSONWriter()
        w.raw("[")
        let order = index.documents.indices.sorted { index.documents[$0].slug < index.documents[$1].slug }
        for (n, d) in order.enumerated() {
            let doc = index.documents[d]
            let k = doc.key
            w.raw(n == 0 ? "\n{" : ",\n{")
            w.field("slug", doc.slug, first: true)
            w.field("label", k.label)
            w.field("title", doc.title)
            w.field("type", k.type)
            w.field("kind", k.kind.rawValue)
            w.field("level", k.level.rawValue)
            w.field("number", k.number)
            w.field("code", k.code)
            w.field("issuer", k.issuer)
            w.field("locality", k.locality)
            w.field("year", k.year)
            w.field("term", k.term.map(Roman.format))
            w.field("url", base + SitePaths.document(doc.slug))
            w.field("articleCount", doc.articles.count)
            w.field("mentionCount", doc.mentions)
            w.raw(",\"aliases\":[")
            for (i, a) in doc.aliasKeys.enumerated() {
                if i > 0 { w.raw(",") }
                w.string(a.label)
            }
            w.raw("],\"articles\":[")
            for (i, a) in doc.articles.enumerated() {
                w.raw(i == 0 ? "{" : ",{")
                // Written again under each document that cites the article: keeping each article's entry to copy
                // cost more memory (0.8 KB per article) than writing it costs time.
                w.field("title", index.articles[a].meta.title, first: true)
                w.field("url", base + index.urls[a])
                w.field("date", VietnameseDate.iso(index.articles[a].meta.date))
                w.field("mentions", index.mentions(of: d, in: a).count)
                w.raw("}")
            }
            w.raw("]}")
            if w.out.count >= 1 << 20 {
                emit(w.out)
                w.out.removeAll(keepingCapacity: true)
            }
        }
        w.raw("\n]\n")
        emit(w.out)
    }
}

