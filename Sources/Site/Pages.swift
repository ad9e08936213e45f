import Archive
import Documents
import Escaping
import Foundation
import Markup
import Search
import Templating
import Vietnamese

/// One output file to render: the plan is made from the index, then rendered in parallel.
enum PageJob: Sendable {
    case article(Int)
    case home(page: Int)
    case year(Int, page: Int)
    case month(year: Int, month: Int, page: Int)
    case tag(Int, page: Int)
    case tags
    case archives
    case document(Int, page: Int)
    case documents
    case redirect(slug: String, document: Int)
    case notFound
    case feed(Feeds.Kind)
    case sitemapIndex(files: Int)
    case sitemap(Int)
    case robots
    case searchPage
    case searchMeta
    case searchShard(Int)
    case searchWord(Int)
    case searchYear(Int)
    case searchDocument(Int)
    case searchFragment(Int)
    /// data/documents.json
    case documentsData
}

/// Every output file of a build with the job that makes it, in order. An article's page and its search fragment
/// (two of every three entries) keep no path: it is made from the article's URL when asked, so a plan of a million
/// articles holds jobs, not two million strings.
struct Plan: RandomAccessCollection, Sendable {
    private(set) var jobs: [PageJob] = []
    /// Per entry, its path's place in `named`; -1: made from the job.
    private var slots: [Int32] = []
    private var named: [String] = []
    /// Where articles are published; nil while a session patches the index (see `unbound`).
    private var urls: SiteIndex.URLs?

    init() {}
    init(urls: SiteIndex.URLs) { self.urls = urls }

    var startIndex: Int { 0 }
    var endIndex: Int { jobs.count }

    subscript(k: Int) -> (String, PageJob) { (path(k), jobs[k]) }

    func path(_ k: Int) -> String {
        let slot = slots[k]
        if slot >= 0 { return named[Int(slot)] }
        switch jobs[k] {
        case .article(let i): return urls![i] + "index.html"
        case .searchFragment(let i): return "search/f/\(i).json"
        default: preconditionFailure("only articles and fragments have no path")
        }
    }

    mutating func append(_ entry: (String, PageJob)) {
        slots.append(Int32(named.count))
        named.append(entry.0)
        jobs.append(entry.1)
    }

    /// Article `i`'s page, at its URL.
    mutating func append(article i: Int) {
        slots.append(-1)
        jobs.append(.article(i))
    }

    /// Article `i`'s search fragment.
    mutating func append(fragment i: Int) {
        slots.append(-1)
        jobs.append(.searchFragment(i))
    }

    /// The same plan without its hold on the index's records, so a session can patch them in place; `bind` gives
    /// it the patched index's URLs (which an index patch leaves as they were).
    func unbound() -> Plan {
        var p = self
        p.urls = nil
        return p
    }

    mutating func bind(_ urls: SiteIndex.URLs) { self.urls = urls }
}

/// A template name and the context it renders.
typealias Page = (template: String, context: [String: TemplateValue])

/// Renders pages from the index with the theme: the contexts templates see are built here.
struct PageRenderer: Sendable {
    let index: SiteIndex
    let config: SiteConfig
    let theme: Theme
    let spill: SpillReader
    /// The search index shards, built once before rendering (empty when search is off).
    var searchShards: [[UInt8]]
    /// Very common words' postings, each in a file of its own.
    var searchWords: [[UInt8]] = []
    /// The fingerprint of the site files every page depends on (site.yml, documents.yml, Bantin's version).
    var salt: UInt64 = 0
    /// See `templateSignatures(_:)`.
    var templateSignatures: [String: UInt64] = [:]
    /// Article pages without their body (`bantin check` reads each body's links from its Markdown, with positions).
    var withoutBodies = false

    var base: String { config.basePath }
    /// What every page's template sees as `site`, typed, so no page converts it by casting.
    var site: TemplateValue {
        .object(["title": .text(config.title), "description": .text(config.description), "base": .text(base),
                 "organisation": .text(config.organisation), "address": .text(config.address), "contact": .text(config.contact),
                 "language": .text(config.language), "search": .flag(config.search)])
    }

    static func pageCount(_ n: Int, _ size: Int) -> Int { max(1, (n + size - 1) / size) }

    /// Every page of the site with its output path (relative to the output folder).
    /// Where search shard `n` and the file of common word `n` go; a whole build writes them as they are made.
    static func searchShardPath(_ n: Int) -> String { "search/i/\(n).json" }
    static func searchWordPath(_ n: Int) -> String { "search/i/w\(n).json" }

    func plan() -> Plan {
        var jobs = Plan(urls: index.urls)
        let size = config.pageSize
        for i in index.articles.indices { jobs.append(article: i) }
        for p in 1...Self.pageCount(index.articles.count, size) { jobs.append((paged("", p) + "index.html", .home(page: p))) }
        for (y, year) in index.years.enumerated() {
            for p in 1...Self.pageCount(year.articles.count, size) { jobs.append((paged("\(year.year)/", p) + "index.html", .year(y, page: p))) }
            for (m, month) in year.months.enumerated() {
                let dir = "\(year.year)/\(SiteIndex.two(month.month))/"
                for p in 1...Self.pageCount(month.articles.count, size) {
                    jobs.append((paged(dir, p) + "index.html", .month(year: y, month: m, page: p)))
                }
            }
        }
        for (t, tag) in index.tags.enumerated() {
            for p in 1...Self.pageCount(tag.articles.count, size) { jobs.append((paged(SitePaths.tag(tag.slug), p) + "index.html", .tag(t, page: p))) }
        }
        jobs.append((SitePaths.tags + "index.html", .tags))
        jobs.append((SitePaths.archives + "index.html", .archives))
        for (d, doc) in index.documents.enumerated() {
            for p in 1...Self.pageCount(doc.articles.count, size) {
                jobs.append((paged(SitePaths.document(doc.slug), p) + "index.html", .document(d, page: p)))
            }
        }
        jobs.append((SitePaths.documents + "index.html", .documents))
        for (slug, d) in index.redirects { jobs.append((SitePaths.document(slug) + "index.html", .redirect(slug: slug, document: d))) }
        jobs.append(("404.html", .notFound))
        if config.search {
            jobs.append((SitePaths.searchPage + "index.html", .searchPage))
            jobs.append(("search/meta.json", .searchMeta))
            for (y, year) in index.years.enumerated() { jobs.append(("search/y/\(year.year).json", .searchYear(y))) }
            for d in index.documents.indices { jobs.append(("search/d/\(d).json", .searchDocument(d))) }
            for n in searchShards.indices { jobs.append((Self.searchShardPath(n), .searchShard(n))) }
            for n in searchWords.indices { jobs.append((Self.searchWordPath(n), .searchWord(n))) }
            for i in index.articles.indices { jobs.append(fragment: i) }
        }
        // Machine-readable pages last: the sitemap lists what came before.
        jobs.append(("data/documents.json", .documentsData))
        jobs.append(("atom.xml", .feed(.site)))
        for (t, tag) in index.tags.enumerated() { jobs.append((SitePaths.feed(SitePaths.tag(tag.slug)), .feed(.tag(t)))) }
        for (d, doc) in index.documents.enumerated() { jobs.append((SitePaths.feed(SitePaths.document(doc.slug)), .feed(.document(d)))) }
        let feeds = Feeds(index: index, config: config)
        jobs.append(("robots.txt", .robots))
        if config.absoluteBase != nil {
            let files = feeds.sitemapFileCount(jobs)
            jobs.append(("sitemap.xml", .sitemapIndex(files: files)))
            for n in 1...files { jobs.append(("sitemap-\(n).xml", .sitemap(n))) }
        }
        return jobs
    }

    func paged(_ dir: String, _ page: Int) -> String { page == 1 ? dir : dir + SitePaths.pages + "\(page)/" }
    func link(_ relative: String) -> String { base + relative }

    /// Renders one page. `plan` is needed by the sitemaps, which list every other page.
    func render(_ job: PageJob, plan: Plan) throws(SiteFailure) -> [UInt8] {
        let feeds = Feeds(index: index, config: config, spill: spill)
        switch job {
        case .feed(let kind): return try feeds.atom(kind)
        case .sitemapIndex(let files): return feeds.sitemapIndex(files: files)
        case .sitemap(let n): return feeds.sitemap(n, plan: plan)
        case .robots: return feeds.robots()
        case .documentsData: return DocumentsJSON.encode(index, base: base)
        case .searchMeta:
            let years = index.years.map { ($0.year, $0.articles.count) }
            let docs = index.documents.map { (label: $0.key.label + (distinguishing($0.key).map { " (\($0))" } ?? ""), count: $0.articles.count) }
            return SearchFiles.meta(shards: searchShards.count, articles: index.articles.count, years: years, documents: docs)
        case .searchShard(let n): return searchShards[n]
        case .searchWord(let n): return searchWords[n]
        case .searchYear(let y): return SearchFiles.filter(index.years[y].articles)
        case .searchDocument(let d): return SearchFiles.filter(index.documents[d].articles)
        case .searchFragment(let i):
            var text = ""
            if let loc = index.articles[i].searchText { text = String(decoding: try spill.read(loc), as: UTF8.self) }
            return SearchFiles.fragment(searchArticle(i), text: text)
        default:
            var p = try page(job)
            if let share = sharing(job, p.context) { p.context["share"] = share }
            return theme.renderBytes(p.template, .object(p.context), kept: false)
        }
    }

    /// The folder a page is published at (site-relative), for its canonical URL; nil for pages nobody links to.
    func folder(of job: PageJob) -> String? {
        switch job {
        case .article(let i): return index.urls[i]
        case .home(let p): return paged("", p)
        case .year(let y, let p): return paged("\(index.years[y].year)/", p)
        case .month(let y, let m, let p): return paged("\(index.years[y].year)/\(SiteIndex.two(index.years[y].months[m].month))/", p)
        case .tag(let t, let p): return paged(SitePaths.tag(index.tags[t].slug), p)
        case .document(let d, let p): return paged(SitePaths.document(index.documents[d].slug), p)
        case .tags: return SitePaths.tags
        case .archives: return SitePaths.archives
        case .documents: return SitePaths.documents
        case .searchPage: return SitePaths.searchPage
        default: return nil
        }
    }

    /// What a page tells search engines and the apps a link is shared in (Zalo, Facebook): its canonical URL and
    /// Open Graph / Twitter card fields. Only with an absolute `base_url`: such URLs must name the host.
    func sharing(_ job: PageJob, _ context: [String: TemplateValue]) -> TemplateValue? {
        guard let host = config.absoluteBase, let folder = folder(of: job) else { return nil }
        let url = host + folder
        var title = config.title
        if case .text(let t)? = context["pageTitle"] { title = t }
        var share: [String: TemplateValue] = ["url": .text(url), "siteName": .text(config.title), "title": .text(title), "type": "website"]
        if case .text(let d)? = context["description"] { share["description"] = .text(d) }
        if case .article(let i) = job {
            let m = index.articles[i].meta
            share["type"] = "article"
            share["published"] = .text(VietnameseDate.iso(m.date))
            if let image = m.image {
                // An image's address as the article wrote it: absolute, from the site's root (under the base
                // path, like every page), or beside the article.
                let address = Self.encodedAddress(image)
                share["image"] = .text(image.hasPrefix("http://") || image.hasPrefix("https://") ? address
                    : image.hasPrefix("/") ? host + String(address.dropFirst()) : url + address)
            }
        }
        return .object(share)
    }

    /// True for pages made from a template (not feeds, sitemaps, robots.txt, search data).
    static func isTemplated(_ job: PageJob) -> Bool {
        switch job {
        case .feed, .sitemapIndex, .sitemap, .robots, .searchMeta, .searchShard, .searchWord, .searchYear, .searchDocument, .searchFragment,
             .documentsData: return false
        default: return true
        }
    }

    func searchArticle(_ i: Int) -> SearchArticle {
        let r = index.articles[i]
        return SearchArticle(title: r.meta.title, url: link(index.urls[i]), date: VietnameseDate.long(r.meta.date), source: r.meta.source)
    }

    /// The template and context of one page: what `render` hands the theme.
    func page(_ job: PageJob) throws(SiteFailure) -> Page {
        switch job {
        case .article(let i): return try article(i)
        case .home(let p):
            var page = try listPage(title: nil, heading: InterfaceText.latest, subheading: InterfaceText.articlesInArchive(index.articles.count),
                                articles: Array(index.articles.indices), dir: "", page: p, nav: "home")
            page.context["feed"] = ["url": .text(link("atom.xml")), "title": .text(config.title)]
            return page
        case .year(let y, let p):
            let year = index.years[y]
            var page = try listPage(title: InterfaceText.year(year.year), heading: InterfaceText.year(year.year), subheading: InterfaceText.articles(year.articles.count),
                                    articles: year.articles, dir: "\(year.year)/", page: p, nav: "archive")
            // Years newest first: the one before in the list is the next year.
            var period: [String: TemplateValue] = ["up": ["url": .text(link(SitePaths.archives)), "title": .text(InterfaceText.archives)]]
            if y > 0 { period["newer"] = ["url": .text(link("\(index.years[y - 1].year)/")), "title": .text(InterfaceText.year(index.years[y - 1].year))] }
            if y + 1 < index.years.count { period["older"] = ["url": .text(link("\(index.years[y + 1].year)/")), "title": .text(InterfaceText.year(index.years[y + 1].year))] }
            page.context["period"] = .object(period)
            return page
        case .month(let y, let m, let p):
            let year = index.years[y], month = year.months[m]
            let title = VietnameseDate.monthTitle(month: month.month, year: year.year)
            var page = try listPage(title: title, heading: title, subheading: InterfaceText.articles(month.articles.count),
                                    articles: month.articles, dir: "\(year.year)/\(SiteIndex.two(month.month))/", page: p, nav: "archive")
            var period: [String: TemplateValue] = ["up": ["url": .text(link("\(year.year)/")), "title": .text(InterfaceText.year(year.year))]]
            if let (ny, nm) = index.neighbourMonth(y, m, newer: true) { period["newer"] = monthLink(ny, nm) }
            if let (oy, om) = index.neighbourMonth(y, m, newer: false) { period["older"] = monthLink(oy, om) }
            page.context["period"] = .object(period)
            return page
        case .tag(let t, let p):
            let tag = index.tags[t]
            var page = try listPage(title: InterfaceText.tagTitle(tag.name), heading: tag.name, subheading: InterfaceText.tagSubheading(tag.articles.count),
                                articles: tag.articles, dir: SitePaths.tag(tag.slug), page: p, nav: "tags")
            page.context["feed"] = ["url": .text(link(SitePaths.feed(SitePaths.tag(tag.slug)))), "title": .text(InterfaceText.tagFeed(tag.name))]
            return page
        case .tags:
            let tags: [TemplateValue] = index.tags.map { ["name": .text($0.name), "url": .text(link(SitePaths.tag($0.slug))), "count": .number($0.articles.count)] }
            return ("tags", ["site": site, "pageTitle": .text(InterfaceText.tags), "nav": ["tags": true], "tags": .list(tags)])
        case .archives:
            let years: [TemplateValue] = index.years.map { y in
                ["year": .number(y.year), "url": .text(link("\(y.year)/")), "count": .number(y.articles.count),
                 "months": .list(y.months.map { m -> TemplateValue in
                     ["title": .text(VietnameseDate.monthTitle(month: m.month, year: y.year)), "url": .text(link("\(y.year)/\(SiteIndex.two(m.month))/")),
                      "count": .number(m.articles.count)]
                 })]
            }
            return ("archives", ["site": site, "pageTitle": .text(InterfaceText.archives), "nav": ["archive": true], "years": .list(years),
                                             "total": .number(index.articles.count)])
        case .document(let d, let p): return try document(d, page: p)
        case .documents: return documentsOverview()
        case .redirect(_, let d):
            let doc = index.documents[d]
            return ("redirect", ["site": site, "label": .text(doc.key.label), "target": .text(link(SitePaths.document(doc.slug)))])
        case .notFound:
            return ("404", ["site": site, "pageTitle": .text(InterfaceText.notFound)])
        case .searchPage:
            return ("search", ["site": site, "pageTitle": .text(InterfaceText.search), "nav": ["search": true]])
        case .feed, .sitemapIndex, .sitemap, .robots, .searchMeta, .searchShard, .searchWord, .searchYear, .searchDocument, .searchFragment,
             .documentsData:
            preconditionFailure("not a templated page")
        }
    }

    // MARK: lists

    /// What the `article-item` partial and list templates see of an article.
    static func itemContext(_ m: Article, url: String, summary: String) -> [String: TemplateValue] {
        itemContext(title: m.title, date: m.date, source: m.source, author: m.author, url: url, summary: summary)
    }

    /// The same from the fields themselves, so a caller holding the record in an array need not copy it.
    static func itemContext(title: String, date: LocalDateTime, source: String?, author: String?, url: String,
                            summary: String) -> [String: TemplateValue] {
        var d = [String: TemplateValue](minimumCapacity: 8)  // room for the list entry's `html` too
        d["title"] = .text(title)
        d["url"] = .text(url)
        d["dateLong"] = .text(VietnameseDate.long(date))
        d["dateISO"] = .text(VietnameseDate.iso(date))
        d["summary"] = .text(summary)
        if let source { d["source"] = .text(source) }
        if let author { d["author"] = .text(author) }
        return d
    }

    /// A list entry: `itemContext`'s fields, and `html`, the `article-item` partial rendered once at load time.
    /// Made for each list the article is on (a dozen), typed so it costs a dictionary and no casts: keeping every
    /// article's entry for the whole build cost 1.1 KB per article.
    /// `names`: what the page's templates may read of an entry (`Theme.names(inside:of:)`); only those fields are made, so a list
    /// page of the default theme, which shows each entry's `html`, formats no dates and builds no dictionary of
    /// fields, and a document page, which shows the fields, reads no `html` back. nil: every field.
    func itemValue(_ i: Int, names: Set<String>?) throws(SiteFailure) -> TemplateValue {
        var d: [String: TemplateValue]
        if let names, !names.contains(where: Self.itemFields.contains) {
            d = [:]
        } else {
            // Fields read in place: binding the record would copy it, retaining its dozens of references.
            d = Self.itemContext(title: index.articles[i].meta.title, date: index.articles[i].meta.date,
                                 source: index.articles[i].meta.source, author: index.articles[i].meta.author,
                                 url: link(index.urls[i]), summary: try summary(i))
        }
        if names?.contains("html") ?? true {
            var html = try spill.read(index.articles[i].itemHTML)
            if let asked = index.renamed[i] {
                // Rendered at load with the URL the article asked for; another article has it.
                html = Self.replacing(Array(link(asked).utf8), with: Array(link(index.urls[i]).utf8), in: html)
            }
            d["html"] = .bytes(html)
        }
        return .object(d)
    }

    /// Article `i`'s summary, read back from the spill files.
    func summary(_ i: Int) throws(SiteFailure) -> String {
        String(decoding: try spill.read(index.articles[i].summary), as: UTF8.self)
    }

    /// Article `i`'s headings, read back from the spill files.
    func headings(_ i: Int) throws(SiteFailure) -> [Heading] {
        SpillCoding.headings(from: try spill.read(index.articles[i].headings))
    }

    /// The names `itemContext` fills.
    static let itemFields: Set<String> = ["title", "url", "dateLong", "dateISO", "summary", "source", "author"]

    func monthLink(_ y: Int, _ m: Int) -> TemplateValue {
        let year = index.years[y].year, month = index.years[y].months[m].month
        return ["url": .text(link("\(year)/\(SiteIndex.two(month))/")), "title": .text(VietnameseDate.monthTitle(month: month, year: year))]
    }

    /// `bytes` with every `needle` replaced (rare: a renamed article's list entry).
    static func replacing(_ needle: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while let at = BodyLinks.find(needle, in: bytes, from: i) {
            out += bytes[i..<at]
            out += replacement
            i = at + needle.count
        }
        return out + bytes[i...]
    }

    func pager(dir: String, page: Int, total: Int) -> TemplateValue? {
        guard total > 1 else { return nil }
        var pages: [TemplateValue] = []
        var last = 0
        for n in 1...total where n == 1 || n == total || abs(n - page) <= 2 {
            if n - last > 1 { pages.append([:]) }  // a gap, shown as “…”
            pages.append(["number": .number(n), "url": .text(link(paged(dir, n))), "current": .flag(n == page)])
            last = n
        }
        var p: [String: TemplateValue] = ["current": .number(page), "total": .number(total), "pages": .list(pages)]
        if page > 1 { p["prevURL"] = .text(link(paged(dir, page - 1))) }
        if page < total { p["nextURL"] = .text(link(paged(dir, page + 1))) }
        return .object(p)
    }

    func listPage(title: String?, heading: String, subheading: String?, articles: [Int], dir: String, page: Int, nav: String) throws(SiteFailure) -> Page {
        let size = config.pageSize
        let total = Self.pageCount(articles.count, size)
        let slice = articles[min(articles.count, (page - 1) * size)..<min(articles.count, page * size)]
        let names = theme.names(inside: "articles", of: "list")
        var c: [String: TemplateValue] = ["site": site, "heading": .text(heading), "articles": .list(try slice.map { i throws(SiteFailure) in try itemValue(i, names: names) }),
                                          "hasArticles": .flag(!slice.isEmpty), "nav": [nav: true]]
        var pageTitle = title
        if page > 1 { pageTitle = InterfaceText.page(title ?? heading, page) }
        if let pageTitle { c["pageTitle"] = .text(pageTitle) }
        if let subheading { c["subheading"] = .text(subheading) }
        if let p = pager(dir: dir, page: page, total: total) { c["pager"] = p }
        return ("list", c)
    }

    // MARK: articles

    func article(_ i: Int) throws(SiteFailure) -> Page {
        let r = index.articles[i]
        let m = r.meta
        var a: [String: TemplateValue] = [
            "title": .text(m.title), "dateLong": .text(VietnameseDate.long(m.date)), "dateISO": .text(VietnameseDate.iso(m.date)),
            "content": .bytes(withoutBodies ? [] : bodyHTML(i, try spill.read(r.body))),
            "readingMinutes": .number(max(1, (r.words + 199) / 200)),
            "monthURL": .text(link("\(m.date.year)/\(SiteIndex.two(m.date.month))/")),
            "monthTitle": .text(VietnameseDate.monthTitle(month: m.date.month, year: m.date.year)),
        ]
        if m.date.hasTime { a["time"] = .text(VietnameseDate.time(m.date)) }
        if let s = m.summary { a["summary"] = .text(s) }
        if let s = m.source { a["source"] = .text(s) }
        if let s = m.author { a["author"] = .text(s) }
        if let s = m.authorTitle { a["authorTitle"] = .text(s) }
        if let s = m.imageCaption { a["imageCaption"] = .text(s) }
        if let s = m.image {
            // From the site's root: under the base path like every other link.
            let address = Self.encodedAddress(s)
            a["image"] = .text(s.hasPrefix("/") && !s.hasPrefix("//") ? link(String(address.dropFirst())) : address)
            a["imageAlt"] = .text(m.imageAlt ?? m.imageCaption ?? "")
            if let w = m.imageWidth, let h = m.imageHeight { a["imageWidth"] = .number(w); a["imageHeight"] = .number(h) }
        }
        for (k, v) in m.extra {
            switch v {
            case .text(let s): a[k] = .text(s)
            case .list(let l): a[k] = .list(l.map { .text($0) })
            case .flag(let b): a[k] = .flag(b)
            }
        }
        let toc = try headings(i).filter { $0.level <= 3 }
        if toc.count >= config.tocMinHeadings {
            a["hasToc"] = true
            a["toc"] = .list(toc.map { ["id": .text($0.id), "text": .text($0.text), "level": .number($0.level)] })
        }
        let tags: [TemplateValue] = index.articleTags[i].map { t in
            ["name": .text(index.tags[t].name), "url": .text(link(SitePaths.tag(index.tags[t].slug)))]
        }
        a["tags"] = .list(tags)
        a["hasTags"] = .flag(!tags.isEmpty)
        // Each document once, in order of first citation; two citations may have settled on one document.
        var counts: [Int: Int] = [:]
        var order: [Int] = []
        for (c, d) in zip(r.citations, index.articleDocuments[i]) where d >= 0 {
            if counts[d] == nil { order.append(d) }
            counts[d, default: 0] += c.count
        }
        let docs: [TemplateValue] = order.map { d in
            var e: [String: TemplateValue] = ["label": .text(index.documents[d].key.label), "url": .text(link(SitePaths.document(index.documents[d].slug)))]
            if let t = index.documents[d].title { e["title"] = .text(t) }
            if counts[d]! > 1 { e["count"] = .number(counts[d]!) }
            return .object(e)
        }
        a["documents"] = .list(docs)
        a["hasDocuments"] = .flag(!docs.isEmpty)
        var c: [String: TemplateValue] = ["site": site, "pageTitle": .text(m.title), "article": .object(a), "description": .text(try summary(i))]
        if i > 0 { c["newer"] = ["title": .text(index.articles[i - 1].meta.title), "url": .text(link(index.urls[i - 1]))] }
        if i + 1 < index.articles.count { c["older"] = ["title": .text(index.articles[i + 1].meta.title), "url": .text(link(index.urls[i + 1]))] }
        return ("article", c)
    }

    /// An address an article wrote (its image): the path percent-encoded by `Escape.urlPath` (a space or “ảnh”
    /// cannot stand in a URL, `%XX` already written is kept), a query or fragment as written.
    static func encodedAddress(_ s: String) -> String {
        let cut = s.utf8.firstIndex { $0 == 0x3F || $0 == 0x23 } ?? s.endIndex
        return Escape.urlPath(String(s[..<cut])) + s[cut...]
    }

    /// The article's body with each reference linked to the page the archive-wide pass settled it on.
    func bodyHTML(_ i: Int, _ body: [UInt8]) -> [UInt8] {
        let targets = index.articleDocuments[i]
        return BodyLinks.resolve(body, nonce: index.articles[i].signature) { n in
            guard n < targets.count, targets[n] >= 0 else { return nil }
            let doc = index.documents[targets[n]]
            return (Escape.html(link(SitePaths.document(doc.slug))), Escape.html(doc.key.label))
        }
    }

    // MARK: documents

    func issuerText(_ doc: SiteIndex.Document) -> String? {
        doc.registry?.entry.issuerName ?? Issuers.name(of: doc.key)
    }

    /// "Cần Thơ, 2016": what tells two documents with the same label apart.
    func distinguishing(_ k: DocumentKey) -> String? {
        var parts: [String] = []
        if let l = k.locality { parts.append(l) }
        if k.kind == .party || (k.kind == .state && !k.symbolHasYear) {
            if let y = k.year { parts.append(String(y)) } else if let t = k.term { parts.append("khóa \(Roman.format(t))") }
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    func document(_ d: Int, page: Int) throws(SiteFailure) -> Page {
        let doc = index.documents[d]
        let k = doc.key
        let size = config.pageSize
        let total = Self.pageCount(doc.articles.count, size)
        let slice = doc.articles[min(doc.articles.count, (page - 1) * size)..<min(doc.articles.count, page * size)]
        let newest = index.articles[doc.articles.first!].meta.date, oldest = index.articles[doc.articles.last!].meta.date
        var info: [String: TemplateValue] = [
            "label": .text(k.label), "type": .text(k.type), "level": .text(k.level.rawValue), "count": .number(doc.articles.count),
            "first": .text(VietnameseDate.short(oldest)), "last": .text(VietnameseDate.short(newest)),
            "chart": .text(doc.chart), "hasChart": .flag(!doc.chart.isEmpty),
            "mentioned": .text(Self.mentionedLine(count: doc.articles.count, first: oldest.year, last: newest.year)),
        ]
        if let e = distinguishing(k) { info["era"] = .text(e) }
        if k.kind == .plenum {
            if let t = k.term {
                let list = PartyCalendar.resolutions(term: t, plenum: k.number)
                let adopted: [TemplateValue] = list.enumerated().map { (n, r) in
                    var e: [String: TemplateValue] = ["label": .text(r.label), "date": .text(r.date.display), "title": .text(r.title),
                                                      "last": .flag(n == list.count - 1), "symbol": .text(PartyCalendar.key(of: r)?.symbol ?? r.label)]
                    if let target = PartyCalendar.key(of: r), let d = index.documentIndex[target] {
                        e["url"] = .text(link(SitePaths.document(index.documents[d].slug)))
                    }
                    return .object(e)
                }
                info["resolutions"] = .list(adopted)
                info["hasResolutions"] = .flag(!adopted.isEmpty)
            } else {
                info["termUnknown"] = true
            }
        }
        if let t = doc.title { info["title"] = .text(t) }
        if let s = k.symbol { info["symbol"] = .text(s) }
        if let s = issuerText(doc) { info["issuer"] = .text(s) }
        if let l = k.locality { info["locality"] = .text(l) }
        if let date = doc.registry?.entry.date { info["issued"] = .text(date.display) } else if let y = k.year, !k.symbolHasYear { info["issued"] = .text(InterfaceText.issuedInYear(y)) }
        if let t = k.term { info["termLabel"] = .text(InterfaceText.term(Roman.format(t))) }
        let aliases = doc.aliasKeys.map(\.label)
        info["aliases"] = .list(aliases.map { .text($0) })
        info["hasAliases"] = .flag(!aliases.isEmpty)
        let names = theme.names(inside: "articles", of: "document")
        let articles: [TemplateValue] = try slice.map { (i) throws(SiteFailure) in
            let e = try itemValue(i, names: names)
            guard let loc = index.mentions(of: d, in: i).snippet, case .object(var fields) = e else { return e }
            fields["snippet"] = .bytes(try spill.read(loc))
            return .object(fields)
        }
        let related: [TemplateValue] = doc.related.map { (o, n) in
            let other = index.documents[o].key
            return ["label": .text(other.label + (distinguishing(other).map { " (\($0))" } ?? "")),
                    "url": .text(link(SitePaths.document(index.documents[o].slug))), "count": .number(n)]
        }
        var c: [String: TemplateValue] = ["site": site, "document": .object(info), "articles": .list(articles), "related": .list(related),
                                          "hasRelated": .flag(!related.isEmpty), "nav": ["documents": true]]
        c["pageTitle"] = .text(page > 1 ? InterfaceText.page(k.label, page) : k.label)
        c["description"] = .text(InterfaceText.citingCount(doc.articles.count, k.label))
        c["feed"] = ["url": .text(link(SitePaths.feed(SitePaths.document(doc.slug)))), "title": .text(InterfaceText.citing(k.label))]
        if let p = pager(dir: SitePaths.document(doc.slug), page: page, total: total) { c["pager"] = p }
        return ("document", c)
    }

    /// "Được nhắc trong 4 bài, năm 2017" / "…, từ năm 2016 đến năm 2017".
    static func mentionedLine(count: Int, first: Int, last: Int) -> String {
        InterfaceText.mentioned(count, first: first, last: last)
    }

    func documentsOverview() -> Page {
        var levels: [TemplateValue] = []
        // Documents sharing a symbol whatever their year, term or place: one that lacks what tells the others apart
        // says so ("(chưa rõ năm)").
        func symbol(_ k: DocumentKey, place: Bool) -> DocumentKey {
            var s = k
            s.year = nil; s.term = nil; s.symbolHasYear = false
            if !place { s.locality = nil }
            return s
        }
        var withPlace: [DocumentKey: Int] = [:], withoutPlace: [DocumentKey: Int] = [:]
        for doc in index.documents {
            withPlace[symbol(doc.key, place: true), default: 0] += 1
            withoutPlace[symbol(doc.key, place: false), default: 0] += 1
        }
        func unknown(_ k: DocumentKey) -> String? {
            var parts: [String] = []
            if k.locality == nil, Issuers.isLocal(k.issuer), withoutPlace[symbol(k, place: false)]! > withPlace[symbol(k, place: true)]! {
                parts.append(InterfaceText.unknownPlace)
            }
            if k.year == nil, k.term == nil, withPlace[symbol(k, place: true)]! > 1 {
                parts.append(k.kind == .plenum ? InterfaceText.unknownTerm : InterfaceText.unknownYear)
            }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        }
        for level in DocumentLevel.allCases {
            let docs = index.documents.indices.filter { index.documents[$0].key.level == level }
            guard !docs.isEmpty else { continue }
            var byType: [String: [Int]] = [:]
            for d in docs { byType[index.documents[d].key.type, default: []].append(d) }
            let types: [TemplateValue] = Collation.sorted(Array(byType.keys), by: { $0 }).map { type in
                // Natural number order: 4 before 12; then year, so 42-CT/TW of 2004 precedes that of 2015.
                let list = byType[type]!.sorted { index.documents[$0].key < index.documents[$1].key }
                return ["name": .text(type), "count": .number(list.count), "documents": .list(list.map { d -> TemplateValue in
                    let doc = index.documents[d]
                    var e: [String: TemplateValue] = ["label": .text(doc.key.label), "url": .text(link(SitePaths.document(doc.slug))), "count": .number(doc.articles.count)]
                    if let t = doc.title { e["title"] = .text(t) }
                    let extra = [distinguishing(doc.key), unknown(doc.key)].compactMap { $0 }
                    if !extra.isEmpty { e["extra"] = .text("(" + extra.joined(separator: ", ") + ")") }
                    return .object(e)
                })]
            }
            levels.append(["name": .text(level.rawValue), "id": .text(Slug.make(level.rawValue)), "count": .number(docs.count), "types": .list(types)])
        }
        return ("documents", ["site": site, "pageTitle": .text(InterfaceText.documents), "levels": .list(levels), "total": .number(index.documents.count),
                              "nav": ["documents": true]])
    }
}
