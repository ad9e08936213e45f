import Archive
import Documents
import Escaping
import Vietnamese

/// Atom feeds, sitemaps and robots.txt: machine-readable pages, written without templates.
struct Feeds {
    let index: SiteIndex
    let config: SiteConfig
    /// Where the entries' summaries wait (`atom` reads them; planning does not).
    var spill: SpillReader? = nil

    /// Feeds hold the newest 50 entries.
    static let size = 50

    /// "https://host/base/" when site.yml gives an absolute base URL; nil otherwise.
    var origin: String? { config.absoluteBase }

    /// An absolute URL when the site has one, else the path (feed readers resolve it against the feed's address).
    func url(_ relative: String) -> String { (origin ?? config.basePath) + relative }

    /// A stable Atom id: the absolute URL, or a tag URI when the site has no host.
    func id(_ relative: String, year: Int) -> String {
        if let origin { return origin + relative }
        return "tag:bantin.invalid,\(year):\(config.basePath)\(relative)"
    }

    enum Kind: Sendable {
        case site
        case tag(Int)
        case document(Int)
    }

    func atom(_ kind: Kind) throws(SiteFailure) -> [UInt8] {
        let title: String, page: String, path: String, articles: [Int]
        switch kind {
        case .site:
            (title, page, path, articles) = (config.title, "", "atom.xml", Array(index.articles.indices))
        case .tag(let t):
            let tag = index.tags[t]
            (title, page, path, articles) = ("\(tag.name) · \(config.title)", SitePaths.tag(tag.slug), SitePaths.feed(SitePaths.tag(tag.slug)), tag.articles)
        case .document(let d):
            let doc = index.documents[d]
            (title, page, path, articles) = ("\(doc.key.label) · \(config.title)", SitePaths.document(doc.slug), SitePaths.feed(SitePaths.document(doc.slug)), doc.articles)
        }
        let entries = articles.prefix(Feeds.size)
        let updated = entries.first.map { VietnameseDate.iso(index.articles[$0].meta.date) } ?? "1970-01-01T00:00:00Z"
        let firstYear = articles.last.map { index.articles[$0].meta.date.year } ?? 1970
        var x = XMLWriter()
        x.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(Escape.xml(config.language))\">\n")
        x.element("title", title, indent: 1)
        if !config.description.isEmpty, case .site = kind { x.element("subtitle", config.description, indent: 1) }
        x.raw("  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(Escape.xml(url(path)))\"/>\n")
        x.raw("  <link rel=\"alternate\" type=\"text/html\" href=\"\(Escape.xml(url(page)))\"/>\n")
        x.element("id", id(path, year: firstYear), indent: 1)
        x.element("updated", updated, indent: 1)
        x.raw("  <author>\n")
        x.element("name", config.title, indent: 2)
        x.raw("  </author>\n")
        x.raw("  <generator>Bantin</generator>\n")
        for i in entries {
            let r = index.articles[i]
            let date = VietnameseDate.iso(r.meta.date)
            x.raw("  <entry>\n")
            x.element("title", r.meta.title, indent: 2)
            x.raw("    <link rel=\"alternate\" type=\"text/html\" href=\"\(Escape.xml(url(index.urls[i])))\"/>\n")
            x.element("id", id(index.urls[i], year: r.meta.date.year), indent: 2)
            x.element("published", date, indent: 2)
            x.element("updated", date, indent: 2)
            if let author = r.meta.author {
                x.raw("    <author>\n")
                x.element("name", author, indent: 3)
                x.raw("    </author>\n")
            }
            for tag in r.meta.tags { x.raw("    <category term=\"\(Escape.xml(tag))\"/>\n") }
            if r.summary.length > 0, let spill {
                let summary = String(decoding: try spill.read(r.summary), as: UTF8.self)
                x.raw("    <summary type=\"text\">\(Escape.xml(summary))</summary>\n")
            }
            x.raw("  </entry>\n")
        }
        x.raw("</feed>\n")
        return x.out
    }

    /// Whether a page is worth indexing: a sitemap lists it.
    static func isListed(_ job: PageJob) -> Bool {
        switch job {
        case .redirect, .notFound, .feed, .sitemapIndex, .sitemap, .robots, .searchPage, .searchMeta, .searchShard, .searchWord,
             .searchYear, .searchDocument, .searchFragment, .documentsData:
            return false
        default:
            return true
        }
    }

    /// Plan entry `k`'s sitemap entry: its URL, with the date it last changed when known.
    func sitemapEntry(_ plan: Plan, _ k: Int) -> (String, String?) {
        let path = plan.path(k)
        let loc = url(String(path.dropLast("index.html".count)))
        guard case .article(let i) = plan.jobs[k] else { return (loc, nil) }
        let d = index.articles[i].meta.date
        return (loc, "\(d.year)-\(SiteIndex.two(d.month))-\(SiteIndex.two(d.day))")
    }

    /// Counted from the jobs alone: no URL is made.
    func sitemapFileCount(_ plan: Plan) -> Int {
        let listed = plan.jobs.reduce(0) { $0 + (Self.isListed($1) ? 1 : 0) }
        return max(1, (listed + config.sitemapMaxURLs - 1) / config.sitemapMaxURLs)
    }

    func sitemapIndex(files: Int) -> [UInt8] {
        var x = XMLWriter()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
        for n in 1...files { x.raw("  <sitemap><loc>\(Escape.xml(url("sitemap-\(n).xml")))</loc></sitemap>\n") }
        x.raw("</sitemapindex>\n")
        return x.out
    }

    func sitemap(_ n: Int, plan: Plan) -> [UInt8] {
        // This file's share of the listed pages, found by counting: only its own URLs are made.
        let first = (n - 1) * config.sitemapMaxURLs
        var x = XMLWriter()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
        var listed = 0
        for k in plan.indices where Self.isListed(plan.jobs[k]) {
            defer { listed += 1 }
            guard listed >= first else { continue }
            guard listed < first + config.sitemapMaxURLs else { break }
            let (loc, lastmod) = sitemapEntry(plan, k)
            x.raw("  <url><loc>\(Escape.xml(loc))</loc>")
            if let lastmod { x.raw("<lastmod>\(lastmod)</lastmod>") }
            x.raw("</url>\n")
        }
        x.raw("</urlset>\n")
        return x.out
    }

    func robots() -> [UInt8] {
        var text = "User-agent: *\nAllow: /\n"
        if origin != nil { text += "Sitemap: \(url("sitemap.xml"))\n" }
        return Array(text.utf8)
    }
}

/// An XML document written in order; text and attribute values go through `Escape.xml`.
struct XMLWriter {
    var out: [UInt8] = []

    mutating func raw(_ s: String) { out.append(contentsOf: s.utf8) }

    mutating func element(_ name: String, _ text: String, indent: Int) {
        raw(String(repeating: "  ", count: indent) + "<\(name)>")
        Escape.xml(text, into: &out)
        raw("</\(name)>\n")
    }
}
