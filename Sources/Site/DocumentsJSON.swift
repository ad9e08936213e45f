import Archive
import Documents
import Foundation
import Vietnamese

/// Output/data/documents.json: every document with its citing articles, for other tools.
enum DocumentsJSON {
    struct Entry: Encodable {
        var slug: String, label: String, title: String?, type: String, kind: String, level: String
        var number: Int, code: String, issuer: String, locality: String?, year: Int?, term: String?
        var url: String, articleCount: Int, mentionCount: Int, aliases: [String]
        var articles: [Item]
    }
    struct Item: Encodable { var title: String, url: String, date: String, mentions: Int }

    static func encode(_ index: SiteIndex, base: String) throws(SiteFailure) -> [UInt8] {
        let entries = index.documents.map { d in
            let k = d.key
            return Entry(slug: k.slug, label: k.label, title: d.title, type: k.type, kind: k.kind.rawValue, level: k.level.rawValue,
                         number: k.number, code: k.code, issuer: k.issuer, locality: k.locality, year: k.year,
                         term: k.term.map(Roman.format), url: base + "van-ban/\(k.slug)/", articleCount: d.articles.count,
                         mentionCount: d.mentions, aliases: d.aliasKeys.map(\.label),
                         articles: d.articles.map { i in
                             let r = index.articles[i]
                             return Item(title: r.meta.title, url: base + index.urls[i], date: VietnameseDate.iso(r.meta.date),
                                         mentions: r.citations.first { $0.key == k }?.count ?? 0)
                         })
        }.sorted { $0.slug < $1.slug }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do { return Array(try encoder.encode(entries)) } catch {
            throw SiteFailure.io("cannot encode documents.json: \(error)")
        }
    }
}
