import Archive
import Documents
import Foundation
import Templating
import Vietnamese

/// What each page is made of, as one fingerprint: when a page's fingerprint is the one it had when it was last
/// written, the page is the same and is not rendered again. Each case reads exactly what `page(_:)` and
/// `render(_:plan:)` read for that job; `IncrementalTests` check the result against full builds after many
/// kinds of edits, so a missing input shows up as a failing test, not a stale page.
extension PageRenderer {
    /// Fingerprints of the templates each page template renders through, by page template name.
    static func templateSignatures(_ theme: Theme) -> [String: UInt64] {
        var out: [String: UInt64] = [:]
        for name in theme.sources.keys {
            var f = Fingerprint()
            for dep in theme.dependencies(of: name).sorted() {
                f.add(dep)
                f.add(theme.sources[dep] ?? "")
            }
            out[name] = f.value
        }
        return out
    }

    /// What many pages share, fingerprinted once per rebuild.
    struct SharedSignatures: Sendable {
        /// Per document: what its mentions on other pages show (slug, label, title, count).
        var documents: [UInt64]
        /// The sitemaps' input: every page path and every article date.
        var sitemap: UInt64
        /// Per tag: its name and slug.
        var tags: [UInt64]
        /// Per document: what every one of its pages shows besides the slice of articles.
        var documentPages: [UInt64]
        /// Per document: what an article page shows of it (slug and title); unlike `documents`, not the count of
        /// citing articles, so a new citation does not touch every article citing the same document.
        var documentLinks: [UInt64]
    }

    func sharedSignatures(_ plan: Plan) -> SharedSignatures {
        let documents = index.documents.map { doc in
            var f = Fingerprint()
            f.add(doc.slug)
            f.add(doc.key.label)
            f.add(distinguishing(doc.key))
            f.add(doc.title)
            f.add(doc.articles.count)
            return f.value
        }
        var f = Fingerprint()
        f.add(plan.count)
        for (path, _) in plan where !path.hasPrefix("search/") { f.add(path) }
        for r in index.articles { f.add(r.meta.date.epochSeconds) }
        let tags = index.tags.map { t in
            var f = Fingerprint()
            f.add(t.name)
            f.add(t.slug)
            return f.value
        }
        let links = index.documents.map { doc in
            var f = Fingerprint()
            f.add(doc.slug)
            f.add(doc.key.label)
            f.add(doc.title)
            return f.value
        }
        let pages = index.documents.indices.map { d in
            let doc = index.documents[d]
            let k = doc.key
            var f = Fingerprint()
            f.add(documents[d])
            f.add(k.type); f.add(k.symbol); f.add(k.locality); f.add(k.term ?? -1); f.add(k.year ?? -1)
            f.add(doc.chart)
            // First and last dates.
            f.add(index.signatures[doc.articles.first!])
            f.add(index.signatures[doc.articles.last!])
            for a in doc.aliasKeys { f.add(a.label) }
            for (o, n) in doc.related { f.add(documents[o]); f.add(n) }
            return f.value
        }
        return SharedSignatures(documents: documents, sitemap: f.value, tags: tags, documentPages: pages, documentLinks: links)
    }

    /// The fingerprints of the jobs whose path passes `include`, computed in parallel: (position in plan, value).
    func signatures(_ plan: Plan, where include: @escaping @Sendable (String) -> Bool) async -> [(Int, UInt64)] {
        let shared = sharedSignatures(plan)
        let width = ProcessInfo.processInfo.activeProcessorCount
        let size = max(256, plan.count / (width * 4) + 1)
        return await withTaskGroup(of: (Int, [(Int, UInt64)]).self) { group in
            for start in stride(from: 0, to: plan.count, by: size) {
                group.addTask {
                    var out: [(Int, UInt64)] = []
                    for k in start..<min(plan.count, start + size) where include(plan[k].0) {
                        out.append((k, signature(plan[k].1, shared: shared)))
                    }
                    return (start, out)
                }
            }
            var parts: [(Int, [(Int, UInt64)])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    func signature(_ job: PageJob, shared: SharedSignatures) -> UInt64 {
        var f = Fingerprint()
        f.add(salt)
        func template(_ name: String) { f.add(templateSignatures[name] ?? 0) }
        func article(_ i: Int) { f.add(index.signatures[i]) }
        func list<C: RandomAccessCollection<Int>>(_ articles: C, page: Int) where C.Index == Int {
            let size = config.pageSize
            f.add(articles.count)
            f.add(page)
            template("list")
            template("article-item")
            let lo = articles.startIndex + min(articles.count, (page - 1) * size), hi = articles.startIndex + min(articles.count, page * size)
            for i in articles[lo..<hi] { article(i) }
        }
        func document(_ d: Int) { f.add(shared.documents[d]) }
        switch job {
        case .article(let i):
            template("article")
            article(i)
            f.add(i > 0 ? index.signatures[i - 1] : 0)
            f.add(i + 1 < index.articles.count ? index.signatures[i + 1] : 0)
            for t in index.articleTags[i] { f.add(shared.tags[t]) }
            for d in index.articleDocuments[i] { f.add(d >= 0 ? shared.documentLinks[d] : 0) }
        case .home(let p):
            f.add("home")
            list(index.articles.indices, page: p)
        case .year(let y, let p):
            f.add(index.years[y].year)
            // The neighbouring years it links to.
            f.add(y > 0 ? index.years[y - 1].year : 0)
            f.add(y + 1 < index.years.count ? index.years[y + 1].year : 0)
            list(index.years[y].articles, page: p)
        case .month(let y, let m, let p):
            f.add(index.years[y].year)
            f.add(index.years[y].months[m].month)
            // The neighbouring months it links to.
            for newer in [true, false] {
                if let (ny, nm) = index.neighbourMonth(y, m, newer: newer) { f.add(index.years[ny].year * 100 + index.years[ny].months[nm].month) } else { f.add(0) }
            }
            list(index.years[y].months[m].articles, page: p)
        case .tag(let t, let p):
            f.add(index.tags[t].name)
            f.add(index.tags[t].slug)
            list(index.tags[t].articles, page: p)
        case .tags:
            template("tags")
            for t in index.tags { f.add(t.name); f.add(t.slug); f.add(t.articles.count) }
        case .archives:
            template("archives")
            f.add(index.articles.count)
            for y in index.years {
                f.add(y.year)
                f.add(y.articles.count)
                for m in y.months { f.add(m.month); f.add(m.articles.count) }
            }
        case .document(let d, let p):
            template("document")
            template("article-item")
            f.add(shared.documentPages[d])
            f.add(p)
            let size = config.pageSize, count = index.documents[d].articles.count
            for k in min(count, (p - 1) * size)..<min(count, p * size) {
                // The snippet is the article's text read with the registry: the article's fingerprint and the salt.
                article(index.documents[d].articles[k])
            }
        case .documents:
            template("documents")
            for d in index.documents.indices { document(d) }
        case .redirect(let slug, let d):
            template("redirect")
            f.add(slug)
            document(d)
        case .notFound: template("404")
        case .searchPage: template("search")
        case .feed(let kind):
            f.add("feed")
            let articles: [Int]
            switch kind {
            case .site: articles = Array(index.articles.indices)
            case .tag(let t): f.add(index.tags[t].name); f.add(index.tags[t].slug); articles = index.tags[t].articles
            case .document(let d): document(d); articles = index.documents[d].articles
            }
            for i in articles.prefix(Feeds.size) { article(i) }
            if let last = articles.last { article(last) }
        case .sitemapIndex(let files):
            f.add("sitemap-index")
            f.add(files)
        case .sitemap(let n):
            // Lists every page with its date: cheaper to write again than to fingerprint the whole plan.
            f.add("sitemap")
            f.add(n)
            f.add(shared.sitemap)
        case .robots: f.add("robots")
        case .searchMeta:
            f.add("search-meta")
            f.add(searchShards.count)
            f.add(index.articles.count)
            for y in index.years { f.add(y.year); f.add(y.articles.count) }
            for d in index.documents.indices { document(d) }
        case .searchShard(let n): f.add("shard"); f.add(searchShards[n])
        case .searchWord(let n): f.add("word"); f.add(searchWords[n])
        case .searchYear(let y): f.add("y"); for i in index.years[y].articles { f.add(i) }
        case .searchDocument(let d): f.add("d"); for i in index.documents[d].articles { f.add(i) }
        case .searchFragment(let i): f.add("fragment"); article(i)
        case .documentsData:
            f.add("documents.json")
            for d in index.documents.indices {
                document(d)
                let k = index.documents[d].key
                f.add(k.type); f.add(k.symbol); f.add(k.locality); f.add(k.term ?? -1); f.add(k.year ?? -1)
                f.add(k.number); f.add(k.code); f.add(k.issuer); f.add(k.kind.rawValue)
                f.add(index.documents[d].mentions)
                for a in index.documents[d].aliasKeys { f.add(a.label) }
                // What the file shows of each citing article, not its text: a body edit leaves the file as it was.
                for a in index.documents[d].articles {
                    let n = index.mentions(of: d, in: a).count
                    f.add(index.articles[a].meta.title)
                    f.add(index.urls[a])
                    f.add(index.articles[a].meta.date.epochSeconds)
                    f.add(index.articles[a].meta.date.offset)
                    f.add(n)
                }
            }
        }
        return f.value
    }
}
