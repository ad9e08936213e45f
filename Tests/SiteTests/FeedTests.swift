import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Site

/// A strict XML parse (libxml2 through XMLParser) into a small tree, namespaces resolved.
final class XMLTree: NSObject, XMLParserDelegate {
    final class Node {
        let name: String
        let namespace: String?
        let attributes: [String: String]
        var children: [Node] = []
        var text = ""
        init(name: String, namespace: String?, attributes: [String: String]) {
            self.name = name; self.namespace = namespace; self.attributes = attributes
        }
        func all(_ n: String) -> [Node] { children.filter { $0.name == n } }
        func one(_ n: String) -> Node? { all(n).count == 1 ? all(n)[0] : nil }
    }
    var stack: [Node] = []
    var root: Node?
    var error: (any Error)?

    static func parse(_ text: String) -> XMLTree {
        let t = XMLTree()
        let p = XMLParser(data: Data(text.utf8))
        p.shouldProcessNamespaces = true
        p.delegate = t
        if !p.parse() { t.error = p.parserError ?? NSError(domain: "xml", code: 1) }
        return t
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        let n = Node(name: name, namespace: namespaceURI, attributes: attributes)
        stack.last?.children.append(n)
        if root == nil { root = n }
        stack.append(n)
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { stack.removeLast() }
    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
}

/// RFC 3339 date-time, as Atom requires.
func isRFC3339(_ s: String) -> Bool {
    s.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$"#, options: .regularExpression) != nil
}

@Suite struct FeedTests {
    static let atom = "http://www.w3.org/2005/Atom"

    func site(base: String = "https://luutru.example.vn/archive/", extra: String = "") throws -> TempSite {
        try TempSite([
            "site.yml": "title: Lưu trữ & thử\nbase_url: \(base)\n\(extra)",
            "Content/a.md": article("Cần Thơ <học tập> Chỉ thị 05", date: "2017-12-13 08:08", tags: ["Xây dựng Đảng"],
                                    extra: "author: Trần Quốc Trung\n", body: "Quán triệt Chỉ thị số 05-CT/TW & “nêu gương”."),
            "Content/b.md": article("Bài thứ hai", date: "2018-01-02", tags: ["Xây dựng Đảng"], body: "Chỉ thị số 05-CT/TW."),
            "Content/c.md": article("Bài thứ ba", date: "2019-03-04", body: "Không có văn bản."),
        ])
    }

    func checkAtom(_ text: String, entries: Int) {
        let tree = XMLTree.parse(text)
        #expect(tree.error == nil, "\(String(describing: tree.error))")
        guard let feed = tree.root else { Issue.record("no root"); return }
        #expect(feed.name == "feed" && feed.namespace == Self.atom)
        #expect(feed.one("id") != nil && feed.one("title") != nil && feed.one("updated") != nil)
        #expect(isRFC3339(feed.one("updated")?.text ?? ""))
        #expect(feed.all("link").contains { $0.attributes["rel"] == "self" && $0.attributes["href"]?.hasPrefix("https://") == true })
        #expect(feed.one("author")?.one("name") != nil)
        let items = feed.all("entry")
        #expect(items.count == entries)
        var ids = Set<String>()
        for e in items {
            #expect(e.one("title") != nil)
            #expect(isRFC3339(e.one("updated")?.text ?? ""))
            let id = e.one("id")?.text ?? ""
            #expect(id.hasPrefix("https://luutru.example.vn/archive/"))
            #expect(ids.insert(id).inserted)
            #expect(e.all("link").contains { $0.attributes["rel"] == "alternate" && $0.attributes["href"] == id })
        }
    }

    @Test func siteTagAndDocumentFeedsAreValidAtom() async throws {
        let s = try site()
        defer { s.cleanup() }
        try await s.build()
        let pages = s.pages()
        checkAtom(try #require(pages["atom.xml"]), entries: 3)
        checkAtom(try #require(pages["chu-de/xay-dung-dang/atom.xml"]), entries: 2)
        checkAtom(try #require(pages["van-ban/chi-thi-05-ct-tw/atom.xml"]), entries: 2)
        let a = try #require(pages["atom.xml"])
        #expect(a.contains("<title>Cần Thơ &lt;học tập&gt; Chỉ thị 05</title>"))
        #expect(a.contains("<name>Trần Quốc Trung</name>"))
        #expect(a.contains("<updated>2019-03-04T00:00:00+07:00</updated>"))
    }

    @Test func pagesLinkTheirFeeds() async throws {
        let s = try site()
        defer { s.cleanup() }
        try await s.build()
        let pages = s.pages()
        #expect(pages["index.html"]?.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Lưu trữ &amp; thử\" href=\"/archive/atom.xml\">") == true)
        #expect(pages["chu-de/xay-dung-dang/index.html"]?.contains("href=\"/archive/chu-de/xay-dung-dang/atom.xml\"") == true)
        #expect(pages["van-ban/chi-thi-05-ct-tw/index.html"]?.contains("href=\"/archive/van-ban/chi-thi-05-ct-tw/atom.xml\"") == true)
    }

    @Test func feedsKeepTheNewestFifty() async throws {
        var files: [String: String] = ["site.yml": "base_url: https://x.example/\n"]
        for i in 0..<60 { files["Content/\(i).md"] = article("Bài \(i)", date: "2020-01-\(String(format: "%02d", i % 28 + 1)) \(String(format: "%02d", i % 24)):00", body: "x") }
        let s = try TempSite(files)
        defer { s.cleanup() }
        try await s.build()
        let atom = try #require(s.pages()["atom.xml"])
        #expect(atom.components(separatedBy: "<entry>").count - 1 == 50)
    }

    @Test func sitemapIndexSplitsFilesAndUsesAbsoluteURLs() async throws {
        let s = try site(extra: "sitemap_max_urls: 5\n")
        defer { s.cleanup() }
        try await s.build()
        let pages = s.pages()
        let index = XMLTree.parse(try #require(pages["sitemap.xml"]))
        #expect(index.error == nil)
        #expect(index.root?.name == "sitemapindex" && index.root?.namespace == "http://www.sitemaps.org/schemas/sitemap/0.9")
        let files = index.root?.all("sitemap").compactMap { $0.one("loc")?.text } ?? []
        #expect(files.count >= 3)
        var locs: [String] = []
        for f in files {
            let name = String(f.dropFirst("https://luutru.example.vn/archive/".count))
            let set = XMLTree.parse(try #require(pages[name]))
            #expect(set.error == nil)
            let urls = set.root?.all("url") ?? []
            #expect(urls.count <= 5)
            locs += urls.compactMap { $0.one("loc")?.text }
        }
        #expect(locs.allSatisfy { $0.hasPrefix("https://luutru.example.vn/archive/") })
        #expect(Set(locs).count == locs.count)
        #expect(locs.contains("https://luutru.example.vn/archive/2017/12/can-tho-hoc-tap-chi-thi-05/"))
        #expect(!locs.contains { $0.hasSuffix("404.html") || $0.hasSuffix(".xml") })
        #expect(pages["robots.txt"] == "User-agent: *\nAllow: /\nSitemap: https://luutru.example.vn/archive/sitemap.xml\n")
    }

    @Test func withoutAHostThereIsNoSitemapButFeedsStillParse() async throws {
        let s = try site(base: "/")
        defer { s.cleanup() }
        try await s.build()
        let pages = s.pages()
        #expect(pages["sitemap.xml"] == nil)
        #expect(pages["robots.txt"] == "User-agent: *\nAllow: /\n")
        let tree = XMLTree.parse(try #require(pages["atom.xml"]))
        #expect(tree.error == nil)
        #expect(tree.root?.one("id")?.text.hasPrefix("tag:") == true)
    }
}
