import Foundation
import Archive
import Documents
import Vietnamese

/// The whole site as lists and links, computed once from the metadata of every article before any page renders.
struct SiteIndex: Sendable {
    struct Tag: Sendable {
        var name: String
        var slug: String
        var articles: [Int]
    }
    struct Month: Sendable {
        var month: Int
        var articles: [Int]
    }
    struct Year: Sendable {
        var year: Int
        var months: [Month]
        var articles: [Int]
    }
    struct Document: Sendable {
        var key: DocumentKey
        /// `key.slug`, computed once.
        var slug: String
        var title: String?
        var registry: Registry.Document?
        /// Citing articles, newest first.
        var articles: [Int]
        var mentions: Int
        /// Documents cited in the same articles: (document index, shared articles), most shared first.
        var related: [(Int, Int)]
        var aliasKeys: [DocumentKey]
        /// The per-year bar chart, drawn once for all the document's pages.
        var chart: String = ""
    }

    /// Newest first.
    var articles: [ArticleRecord]
    /// Site-relative URL of each article ("2017/12/slug/"), made when asked.
    var urls: URLs { URLs(articles: articles, moved: moved) }
    /// Articles published under another URL than their own (position → that URL), because an earlier one has it.
    var moved: [Int: String] = [:]

    /// `index.urls[i]`: the URL article `i` is published at.
    struct URLs {
        let articles: [ArticleRecord]
        let moved: [Int: String]
        subscript(i: Int) -> String { moved.isEmpty ? articles[i].url : moved[i] ?? articles[i].url }
    }
    var tags: [Tag]
    var tagIndexBySlug: [String: Int]
    var years: [Year]
    var documents: [Document]
    var documentIndex: [DocumentKey: Int]
    /// Old slugs that now redirect: (slug, target document index).
    var redirects: [(String, Int)]
    /// For each article in load order, its position in `articles`.
    var rank: [Int]
    /// For each article, its tags as positions in `tags` (in the order its front matter gives them).
    var articleTags: PackedLists
    /// For each article, the position in `documents` of each of its citations, in order (parallel to
    /// `citations`; -1 for a short form no document fits). Two citations may land on one document.
    var articleDocuments: PackedLists
    /// Each article's `signature`, packed together: page fingerprints read them by the hundred thousand, and
    /// fetching them from the records costs a cache miss each.
    var signatures: [UInt64]
    /// References the archive-wide pass could not settle, for warnings.
    var unresolved: [Unresolved] = []
    /// Articles published under another URL than their own, because an earlier one has it.
    var urlWarnings: [SiteWarning] = []
    /// Those articles (position → the URL they asked for): their list entry, rendered at load, names the old one.
    var renamed: [Int: String] = [:]

    /// Builds the index. Errors: two articles (or an article and a list page) with the same URL.
    /// `records` is consumed: a caller that passes its only reference lets the sort happen in place, without a
    /// second copy of every record (150 MB at 300,000 articles).
    static func build(_ records: consuming [ArticleRecord], config: SiteConfig, registry: Registry) throws(SiteFailure) -> SiteIndex {
        // Sort once: newest first; same minute by slug then path, so the order never depends on the file system.
        // Fields are read in place: binding a whole record copies it, and its dozens of references cost more than
        // the comparison.
        let epochs = records.map { $0.meta.date.epochSeconds }
        let order = records.indices.sorted { i, j in
            let ea = epochs[i], eb = epochs[j]
            if ea != eb { return ea > eb }
            if records[i].meta.slug != records[j].meta.slug { return records[i].meta.slug < records[j].meta.slug }
            return records[i].meta.path < records[j].meta.path
        }
        var rank = [Int](repeating: 0, count: records.count)
        for (k, i) in order.enumerated() { rank[i] = k }
        // sorted[k] = records[order[k]], one cycle of the permutation at a time.
        var sorted = consume records
        var placed = [Bool](repeating: false, count: sorted.count)
        for start in sorted.indices where !placed[start] {
            let first = sorted[start]
            var k = start
            while true {
                placed[k] = true
                let from = order[k]
                if from == start { sorted[k] = first; break }
                sorted[k] = sorted[from]
                k = from
            }
        }
        // URLs. Two articles with one URL (same-titled reports in one month are common in real archives): the earlier
        // (by date, then path) keeps it, each later one gets "-2", "-3"… and a warning naming both files.
        var urls = sorted.map(\.url)
        var moved: [Int: String] = [:]
        var owner: [String: Int] = [:]
        var errors: [SiteError] = []
        var urlWarnings: [SiteWarning] = []
        var renamed: [Int: String] = [:]
        let oldestFirst = sorted.indices.sorted { i, j in
            epochs[order[i]] != epochs[order[j]] ? epochs[order[i]] < epochs[order[j]] : sorted[i].meta.path < sorted[j].meta.path
        }
        for i in oldestFirst {
            let url = urls[i]
            if reservedPrefixes.contains(where: { url == $0 || url.hasPrefix($0) }) || !OutputWriter.isSafe(url + "index.html") {
                errors.append(SiteError(path: sorted[i].meta.path, line: 1, column: 1,
                                        message: "the URL /\(url) collides with a page Bantin makes; change the slug or article_url"))
                continue
            }
            guard let other = owner[url] else { owner[url] = i; continue }
            var n = 2
            var candidate = String(url.dropLast()) + "-\(n)/"
            while owner[candidate] != nil { n += 1; candidate = String(url.dropLast()) + "-\(n)/" }
            owner[candidate] = i
            urls[i] = candidate
            moved[i] = candidate
            renamed[i] = url
            urlWarnings.append(SiteWarning(path: sorted[i].meta.path, message: "this article has the same URL /\(url) as \(sorted[other].meta.path), so it is published at /\(candidate); give one of them another “slug:” in its front matter to choose its URL"))
        }
        if !errors.isEmpty { throw SiteFailure.content(errors) }
        urls = []
        owner = [:]
        urlWarnings.sort { $0.path < $1.path }

        // Tags: one per folded spelling; the name shown is the first spelling in the newest-first order.
        var tagBySlug: [String: Int] = [:]
        var tags: [Tag] = []
        var articleTags = PackedLists(reservingLists: sorted.count, values: 0)
        // Slugs made once per spelling, not kept per article.
        var slugOf: [String: String] = [:]
        var these: [Int] = []
        for i in sorted.indices {
            these.removeAll(keepingCapacity: true)
            defer { articleTags.append(these) }
            for name in sorted[i].meta.tags {
                let slug: String
                if let s = slugOf[name] { slug = s } else {
                    slug = Slug.make(name)
                    slugOf[name] = slug
                }
                guard !slug.isEmpty else { continue }
                if let t = tagBySlug[slug] {
                    if tags[t].articles.last != i { tags[t].articles.append(i) }
                    these.append(t)
                } else {
                    tagBySlug[slug] = tags.count
                    these.append(tags.count)
                    tags.append(Tag(name: name, slug: slug, articles: [i]))
                }
            }
        }
        // Vietnamese order; articles' tag numbers follow the tags to their sorted places.
        let tagOrder = Collation.sorted(Array(tags.indices), by: { tags[$0].name })
        var newPlace = [Int](repeating: 0, count: tags.count)
        for (k, t) in tagOrder.enumerated() { newPlace[t] = k }
        tags = tagOrder.map { tags[$0] }
        articleTags.remap { newPlace[$0] }
        var tagIndexBySlug: [String: Int] = [:]
        for (i, t) in tags.enumerated() { tagIndexBySlug[t.slug] = i }
        // Lists grown by appending keep up to twice their room: copied to their size (here and below).
        for t in tags.indices { tags[t].articles = compacted(tags[t].articles) }

        // Years and months, newest first.
        var years: [Year] = []
        for i in sorted.indices {
            let y = sorted[i].meta.date.year, m = sorted[i].meta.date.month
            if years.last?.year != y { years.append(Year(year: y, months: [], articles: [])) }
            years[years.count - 1].articles.append(i)
            if years[years.count - 1].months.last?.month != m { years[years.count - 1].months.append(Month(month: m, articles: [])) }
            let last = years[years.count - 1].months.count - 1
            years[years.count - 1].months[last].articles.append(i)
        }
        for y in years.indices {
            years[y].articles = compacted(years[y].articles)
            for m in years[y].months.indices { years[y].months[m].articles = compacted(years[y].months[m].articles) }
        }

        // The archive-wide pass: every article's citations, as each article could tell, made one identity per
        // document (partial keys join the one full key they fit; short forms find their document).
        var unification = Unification(registry: registry)
        for r in sorted {
            let date = IssueDate(year: r.meta.date.year, month: r.meta.date.month, day: r.meta.date.day)
            // Short forms count when the words written with them made a symbol ("Nghị quyết số 26 ngày 30-7-2013
            // của Bộ Chính trị" is 26-NQ/TW of 2013).
            for c in r.citations where c.shortForm == nil || !c.key.issuer.isEmpty {
                unification.add(c.key, issued: c.issuedDate, citedOn: date)
            }
        }
        let unified = unification.finish()

        // Documents with their citing articles, learned titles and co-citations.
        var documentIndex: [DocumentKey: Int] = [:]
        var documents: [Document] = []
        var learned: [[String: Int]] = []
        // How many articles cite each document.
        var citing: [Int] = []
        var articleDocuments = PackedLists(reservingLists: sorted.count, values: sorted.reduce(0) { $0 + $1.citations.count })
        var unresolved: [Unresolved] = []
        // Each key as written and the pages it ended on: a key that always ends on one other page redirects there.
        var movedTo: [DocumentKey: Set<Int>] = [:]
        var documentBySlug: [String: Int] = [:]
        var cited: [Int] = []
        for i in sorted.indices {
            cited.removeAll(keepingCapacity: true)
            defer { articleDocuments.append(cited) }
            let date = sorted[i].meta.date
            let day = IssueDate(year: date.year, month: date.month, day: date.day)
            for c in sorted[i].citations {
                let target: DocumentKey
                let settled = unified.settle(c.key, shortForm: c.shortForm.map { ($0.issuerName, $0.hasNumberWord) }, writtenOn: day)
                switch settled {
                case .document(let k, let others):
                    target = k
                    if !others.isEmpty {
                        unresolved.append(Unresolved(path: sorted[i].meta.path, line: Int(c.line), column: Int(c.column), text: c.label,
                                                     reason: .severalCandidates, candidates: others.map(Self.labelWithEra),
                                                     suggestion: Self.labelWithEra(others[0])))
                    }
                case .unresolved(let keys):
                    let text = c.shortForm?.text ?? c.label
                    if keys.isEmpty {
                        unresolved.append(Unresolved(path: sorted[i].meta.path, line: Int(c.line), column: Int(c.column), text: text,
                                                     reason: .noCandidate, suggestion: Self.example(for: c.key, issuer: c.shortForm?.issuerName)))
                    } else {
                        unresolved.append(Unresolved(path: sorted[i].meta.path, line: Int(c.line), column: Int(c.column), text: text,
                                                     reason: .severalCandidates, candidates: keys.map(Self.labelWithEra),
                                                     suggestion: Self.labelWithEra(keys[0])))
                    }
                    cited.append(-1)
                    continue
                case .prose:
                    cited.append(-1)
                    continue
                }
                let d: Int
                if let existing = documentIndex[target] { d = existing } else if let existing = documentBySlug[target.slug] {
                    // Two keys one page would show: one document (the pass makes this rare; a collision, never).
                    d = existing
                    documentIndex[target] = d
                } else {
                    d = documents.count
                    documentIndex[target] = d
                    documentBySlug[target.slug] = d
                    let reg = registry.document(for: target)
                    documents.append(Document(key: target, slug: target.slug, title: reg?.entry.title, registry: reg, articles: [], mentions: 0,
                                              related: [], aliasKeys: reg?.aliasKeys ?? []))
                    learned.append([:])
                    citing.append(0)
                }
                if c.shortForm == nil, documents[d].key != c.key { movedTo[c.key, default: []].insert(d) }
                if !cited.contains(d) { citing[d] += 1 }
                cited.append(d)
                if let t = c.title { learned[d][t, default: 0] += 1 }
            }
        }
        // Each document's citing articles, made at their size once they are counted (grown by appending, the lists
        // of a large archive's documents held up to twice their room at the build's peak).
        for d in documents.indices {
            documents[d].articles.reserveCapacity(citing[d])
        }
        for i in sorted.indices {
            let settled = articleDocuments[i]
            for (j, c) in sorted[i].citations.enumerated() {
                let d = settled[j]
                guard d >= 0 else { continue }
                // Two citations may have settled on one document: the article is listed once (`mentions(of:in:)`).
                if !settled[..<j].contains(d) { documents[d].articles.append(i) }
                documents[d].mentions += c.count
            }
        }
        for d in documents.indices where documents[d].title == nil {
            documents[d].title = learned[d].max { a, b in a.value != b.value ? a.value < b.value : Collation.precedes(b.key, a.key) }?.key
        }
        // A chart only says something across three years or more; below that a line says it (see `Pages.document`).
        for d in documents.indices {
            let years = documents[d].articles.map { sorted[$0].meta.date.year }
            if Set(years).count >= 3 { documents[d].chart = Chart.perYear(years) }
        }
        // Co-citations, one document at a time over a dense counter: no table of every pair.
        var shared = [Int](repeating: 0, count: documents.count)
        var touched: [Int] = []
        // Each article's documents once (two citations may have settled on one; -1 is a short form left unsettled):
        // `stamp[o]` says document o was counted for the current (document, article) pair, numbered by `pair`.
        var stamp = [Int](repeating: -1, count: documents.count)
        var pair = 0
        for d in documents.indices {
            for i in documents[d].articles {
                pair += 1
                for o in articleDocuments[i] where o >= 0 && o != d && stamp[o] != pair {
                    stamp[o] = pair
                    if shared[o] == 0 { touched.append(o) }
                    shared[o] += 1
                }
            }
            documents[d].related = touched.sorted { x, y in
                shared[x] != shared[y] ? shared[x] > shared[y] : documents[x].key < documents[y].key
            }.prefix(8).map { ($0, shared[$0]) }
            for o in touched { shared[o] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        // Aliases the registry merged, and keys as written that the archive-wide pass settled on another page:
        // their slugs redirect to the document's page, so no link published before breaks.
        var redirectTo: [String: Int] = [:]
        let pageSlugs = Set(documents.map(\.slug))
        for (alias, target) in registry.aliasMap.sorted(by: { $0.key < $1.key }) {
            if let d = documentIndex[target], !pageSlugs.contains(alias.slug), redirectTo[alias.slug] == nil { redirectTo[alias.slug] = d }
        }
        for (key, targets) in movedTo.sorted(by: { $0.key < $1.key }) where targets.count == 1 {
            let slug = key.slug
            if !pageSlugs.contains(slug), redirectTo[slug] == nil { redirectTo[slug] = targets.first! }
        }
        let redirects = redirectTo.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return SiteIndex(articles: sorted, moved: moved, tags: tags, tagIndexBySlug: tagIndexBySlug, years: years,
                         documents: documents, documentIndex: documentIndex, redirects: redirects, rank: rank,
                         articleTags: articleTags, articleDocuments: articleDocuments,
                         // A renamed article's URL is part of what its list entries show.
                         signatures: sorted.indices.map { i in
                             guard let old = renamed[i] else { return sorted[i].pageSignature }
                             var f = Fingerprint()
                             f.add(sorted[i].pageSignature); f.add(old); f.add(moved[i]!)
                             return f.value
                         },
                         unresolved: unresolved, urlWarnings: urlWarnings, renamed: renamed)
    }

    /// How many times article `i` mentions document `d` (two of its citations may have settled on it), and the
    /// sentence of its first mention. Read from the article's citations when a page needs them: kept per document,
    /// they cost 40 bytes per citation, about 300 MB at a million articles.
    func mentions(of d: Int, in i: Int) -> (count: Int, snippet: SpillLocation?) {
        let settled = articleDocuments[i]
        var count = 0
        var snippet: SpillLocation?
        var first = true
        for (j, c) in articles[i].citations.enumerated() where settled[j] == d {
            count += c.count
            if first { snippet = c.snippet; first = false }
        }
        return (count, snippet)
    }

    /// The month with articles just after (`newer`) or before month `m` of year `y` (both newest first).
    func neighbourMonth(_ y: Int, _ m: Int, newer: Bool) -> (Int, Int)? {
        if newer {
            if m > 0 { return (y, m - 1) }
            return y > 0 ? (y - 1, years[y - 1].months.count - 1) : nil
        }
        if m + 1 < years[y].months.count { return (y, m + 1) }
        return y + 1 < years.count ? (y + 1, 0) : nil
    }

    /// "Chỉ thị số 26/CT-TTg (2016)": a label that tells documents sharing a symbol apart.
    static func labelWithEra(_ k: DocumentKey) -> String {
        var parts: [String] = []
        if let l = k.locality { parts.append(l) }
        if k.kind == .party || (k.kind == .state && !k.symbolHasYear) {
            if let y = k.year { parts.append(String(y)) } else if let t = k.term { parts.append("khóa \(Roman.format(t))") }
        }
        return parts.isEmpty ? k.label : k.label + " (" + parts.joined(separator: ", ") + ")"
    }

    /// The official form of a short form's kind with the issuer written, for a warning's suggestion: what the
    /// article gives, and "yyyy" or "…" for what the editor must fill in (Bantin does not invent it).
    static func example(for k: DocumentKey, issuer: String?) -> String {
        if k.kind == .congress { return k.label.replacingOccurrences(of: " lần thứ", with: " … lần thứ") + "” (the place named) or “locality:" }
        let n = k.number < 10 ? "0\(k.number)" : "\(k.number)"
        let code = k.code.isEmpty ? DocumentCodes.code(for: k.type) : k.code
        let phrase = issuer.map(IssuerPhrase.read)
        let issuerCode = !k.issuer.isEmpty ? k.issuer : (phrase?.codes.first ?? phrase?.prefix)
        let normative = ["Nghị định", "Thông tư", "Thông tư liên tịch", "Luật"].contains(k.type)
        guard let issuerCode else {
            guard let code else { return "\(k.type) số \(n)/…" }
            if normative { return "\(k.type) số \(n)/yyyy/\(code)-…" }
            return "\(k.type) số \(n)-\(code)/TW” or “\(k.type) số \(n)/\(code)-…"
        }
        if ["TW", "TU", "HU", "QU", "ĐU"].contains(issuerCode) { return "\(k.type) số \(n)-\(code ?? "…")/\(issuerCode)" }
        let tail = code.map { "\($0)-\(issuerCode)" } ?? "\(issuerCode)-…"
        return normative ? "\(k.type) số \(n)/yyyy/\(tail)" : "\(k.type) số \(n)/\(tail)"
    }

    /// `list` in a buffer of its own size: a list grown by appending keeps up to twice the room it needs, for the
    /// whole build. (`Array(list[...])` would hand back the same buffer.)
    static func compacted<T>(_ list: [T]) -> [T] {
        guard list.capacity > list.count else { return list }
        var copy: [T] = []
        copy.reserveCapacity(list.count)
        copy.append(contentsOf: list)
        return copy
    }

    /// URL prefixes the list pages use; an article may not take them.
    static var reservedPrefixes: [String] { SitePaths.reserved }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// "2017/12/dang-bo-can-tho/" from the pattern; always relative, always ending in "/". On bytes: a plan asks for
    /// every article's URL each time it lists its pages.
    static func articleURL(_ a: Article, pattern: String) -> String {
        var pattern = pattern
        return pattern.withUTF8 { p in
            var out: [UInt8] = []
            out.reserveCapacity(p.count + a.slug.utf8.count + 8)
            func number(_ n: Int, two: Bool) {
                if two && n < 10 && n >= 0 { out.append(0x30) }
                out.append(contentsOf: String(n).utf8)
            }
            var i = 0
            while i < p.count {
                guard p[i] == UInt8(ascii: "{") else { out.append(p[i]); i += 1; continue }
                guard let close = p[i...].firstIndex(of: UInt8(ascii: "}")) else {
                    out.append(contentsOf: p[i...])
                    break
                }
                let name = p[(i + 1)..<close]
                if name.elementsEqual("year".utf8) { number(a.date.year, two: false) }
                else if name.elementsEqual("month".utf8) { number(a.date.month, two: true) }
                else if name.elementsEqual("day".utf8) { number(a.date.day, two: true) }
                else if name.elementsEqual("slug".utf8) { out.append(contentsOf: a.slug.utf8) }
                else { out.append(contentsOf: p[i...close]) }
                i = close + 1
            }
            let start = out.firstIndex { $0 != UInt8(ascii: "/") } ?? out.count
            if out.last != UInt8(ascii: "/") || start == out.count { out.append(UInt8(ascii: "/")) }
            return String(decoding: out[start...], as: UTF8.self)
        }
    }
}

