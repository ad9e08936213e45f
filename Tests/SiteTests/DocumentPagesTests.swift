import Foundation
import Testing
@testable import Site
import Templating

@Suite struct DocumentPagesTests {
    static let files: [String: String] = [
        "Content/documents.yml": """
        - label: Nghị quyết số 04-NQ/TW
          date: 2016-10-30
          issuer: Ban Chấp hành Trung ương Đảng khóa XII
          title: Về tăng cường xây dựng, chỉnh đốn Đảng
          aliases: [Nghị quyết Hội nghị Trung ương 4 khóa XII]
        - label: Chỉ thị số 05-CT/TW
          date: 2016-05-15
          issuer: Bộ Chính trị
        """,
        "Content/a.md": article("Cần Thơ quán triệt", date: "2017-12-13", body: """
            Quán triệt Nghị quyết Trung ương 4 (khóa XII) và Chỉ thị số 05-CT/TW “Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”. Câu sau.

            Chỉ thị số 05 được học tập sâu rộng.
            """),
        "Content/b.md": article("Thanh Hóa sơ kết", date: "2018-05-02", extra: "documents: [Nghị định số 30/2020/NĐ-CP]\ndocuments_exclude: [Chỉ thị số 05-CT/TW]\n",
                                body: "Thực hiện Nghị quyết số 04-NQ/TW. Chỉ thị số 05-CT/TW ở đây là một nhầm lẫn."),
        "Content/c.md": article("Trích dẫn mã", date: "2019-01-02", body: "Mã `Chỉ thị số 06-CT/TW` và [Chỉ thị số 07-CT/TW](https://example.vn) không tính."),
    ]

    @Test func aliasesMergeAndTheOldSlugRedirects() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        try await site.build()
        let pages = site.pages()
        let doc = try #require(pages["van-ban/nghi-quyet-04-nq-tw-2016/index.html"])
        #expect(doc.contains("Cần Thơ quán triệt") && doc.contains("Thanh Hóa sơ kết"))
        #expect(doc.contains("2 bài"))
        #expect(doc.contains("Nghị quyết Hội nghị Trung ương 4 khóa XII"))  // shown as an alias
        let redirect = try #require(pages["van-ban/nghi-quyet-trung-uong-4-khoa-xii/index.html"])
        #expect(redirect.contains("url=/van-ban/nghi-quyet-04-nq-tw-2016/"))
    }

    @Test func documentPageHasFactsChartSnippetAndRelated() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        try await site.build()
        let doc = try #require(site.pages()["van-ban/chi-thi-05-ct-tw-2016/index.html"])
        // Symbols are kept on one line (Typography.keepSymbolsTogether).
        #expect(doc.contains("<h1>Chỉ thị số <span class=\"so-hieu\">05-CT/TW</span></h1>"))
        #expect(doc.contains("Bộ Chính trị"))
        #expect(doc.contains("15/5/2016"))
        #expect(!doc.contains("<svg"))  // cited in one year: a line says it, no chart
        #expect(doc.contains("Được nhắc trong 1 bài, năm 2017"))
        #expect(doc.contains("<mark>Chỉ thị số <span class=\"so-hieu\">05-CT/TW</span></mark>"))
        #expect(!doc.contains("Câu sau"))  // the snippet is the citing sentence only
        #expect(doc.contains("href=\"/van-ban/nghi-quyet-04-nq-tw-2016/\""))  // cited together
        #expect(doc.contains("Về đẩy mạnh học tập"))  // title learned from the quotes
        #expect(!doc.contains("Thanh Hóa sơ kết"))  // excluded there by the editor
    }

    @Test func everyReferenceLinksToAnExistingPage() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        try await site.build()
        let pages = site.pages()
        let a = try #require(pages["2017/12/can-tho-quan-triet/index.html"])
        #expect(a.contains("<a href=\"/van-ban/nghi-quyet-04-nq-tw-2016/\" title=\"Nghị quyết số 04-NQ/TW\">Nghị quyết Trung ương 4 (khóa XII)</a>"))
        #expect(a.contains("<a href=\"/van-ban/chi-thi-05-ct-tw-2016/\" title=\"Chỉ thị số 05-CT/TW\">Chỉ thị số 05</a> được"))
        #expect(a.contains("Văn bản được nhắc đến"))
        for (path, html) in pages where path.hasSuffix(".html") {
            for link in Self.documentLinks(html) {
                #expect(pages[link + "index.html"] != nil, "\(path) links to missing /\(link)")
            }
        }
    }

    @Test func frontMatterAddsAndExcludes() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        try await site.build()
        let b = try #require(site.pages()["2018/05/thanh-hoa-so-ket/index.html"])
        #expect(!b.contains("href=\"/van-ban/chi-thi-05-ct-tw-2016/\""))
        #expect(b.contains("href=\"/van-ban/nghi-dinh-30-2020-nd-cp/\""))
        #expect(site.pages()["van-ban/nghi-dinh-30-2020-nd-cp/index.html"] != nil)
    }

    @Test func codeAndLinkTextAreNotReferences() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        try await site.build()
        #expect(site.pages().keys.allSatisfy { !$0.contains("chi-thi-06") && !$0.contains("chi-thi-07") })
    }

    @Test func overviewAndJSONListEveryDocument() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        try await site.build()
        let pages = site.pages()
        let overview = try #require(pages["van-ban/index.html"])
        let docs = pages.keys.filter { $0.hasPrefix("van-ban/") && $0.hasSuffix("/index.html") && $0 != "van-ban/index.html" }
            .filter { !(pages[$0]!.contains("http-equiv=\"refresh\"")) }
        #expect(docs.count == 3)
        for d in docs { #expect(overview.contains("href=\"/\(d.dropLast(10))\""), "\(d)") }
        #expect(overview.contains("Trung ương") && overview.contains("Nhà nước"))
        let json = try JSONSerialization.jsonObject(with: Data(try #require(pages["data/documents.json"]).utf8)) as? [[String: Any]]
        #expect(json?.count == 3)
        #expect(json?.first { $0["slug"] as? String == "chi-thi-05-ct-tw-2016" }?["articleCount"] as? Int == 1)
    }

    static func documentLinks(_ html: String) -> [String] {
        html.components(separatedBy: "href=\"/van-ban/").dropFirst().compactMap { rest in
            rest.split(separator: "\"", omittingEmptySubsequences: false).first.map { "van-ban/" + $0 }
        }.filter { $0 != "van-ban/" && $0.hasSuffix("/") }  // pages, not their feeds
    }
}

@Suite struct ThemeTests {
    @Test func embeddedThemeMatchesTemplatesFolder() throws {
        let folder = repositoryRoot + "/Templates"
        let embedded = Theme.defaultFiles
        var onDisk: [String: [UInt8]] = [:]
        let walker = FileManager.default.enumerator(atPath: folder)
        while let rel = walker?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + rel, isDirectory: &isDir), !isDir.boolValue, !rel.hasPrefix(".") {
                onDisk[rel] = [UInt8](FileManager.default.contents(atPath: folder + "/" + rel)!)
            }
        }
        #expect(!onDisk.isEmpty)
        #expect(Set(onDisk.keys) == Set(embedded.keys), "list every file of Templates/ in Sources/Templating/DefaultTheme.swift")
        for (k, v) in onDisk { #expect(embedded[k] == v, "\(k) differs from the embedded theme") }
    }

    @Test func aSiteOverridesTheThemeFileByFile() async throws {
        let site = try TempSite([
            "Content/a.md": article("Bài A", date: "2017-12-13", body: "x"),
            "Templates/partials/article-item.mustache": "<li class=\"rieng\">{{title}}</li>\n",
            "Templates/assets/extra.css": "body{}",
        ])
        defer { site.cleanup() }
        try await site.build()
        let pages = site.pages()
        #expect(pages["index.html"]?.contains("<li class=\"rieng\">Bài A</li>") == true)
        #expect(pages["assets/extra.css"] == "body{}")
        #expect(pages["assets/style.css"] != nil)  // the rest of the default theme stays
    }

    @Test func aTemplateErrorNamesTheFile() async throws {
        let site = try TempSite([
            "Content/a.md": article("Bài A", date: "2017-12-13", body: "x"),
            "Templates/list.mustache": "{{<layout}}{{$main}}{{#articles}}{{title}}{{/main}}{{/layout}}",
        ])
        defer { site.cleanup() }
        do { try await site.build(); Issue.record("expected a template error") } catch {
            #expect(error.description.hasPrefix("Templates/list.mustache:1:"))
        }
    }

    @Test func templatesEscapeByDefault() async throws {
        let site = try TempSite(["Content/a.md": article("\"<b>Đậm</b> & nhạt\"", date: "2017-12-13", body: "x")])
        defer { site.cleanup() }
        try await site.build()
        let html = try #require(site.pages()["index.html"])
        #expect(html.contains("&lt;b&gt;Đậm&lt;/b&gt; &amp; nhạt"))
        #expect(!html.contains("<b>Đậm</b>"))
    }
}

@Suite struct SampleArchiveTests {
    @Test func sampleArchiveBuildsCompletely() async throws {
        let out = NSTemporaryDirectory() + "bantin-sample-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: out) }
        let report = try await SiteBuilder.build(BuildOptions(siteDirectory: repositoryRoot, outputDirectory: out))
        #expect(report.articles >= 30)
        #expect(report.unresolved.isEmpty, "\(report.unresolved)")
        let pages = TempSite.read(out)
        let articlePages = pages.keys.filter { $0.range(of: #"^\d{4}/\d{2}/[a-z0-9-]+/index\.html$"#, options: .regularExpression) != nil }
        #expect(articlePages.count == report.articles)
        let overview = try #require(pages["van-ban/index.html"])
        var linked = Set<String>()
        for (path, html) in pages where path.hasSuffix(".html") {
            for link in DocumentPagesTests.documentLinks(html) {
                #expect(pages[link + "index.html"] != nil, "\(path) links to missing /\(link)")
                linked.insert(link)
            }
        }
        let documentPages = pages.keys.filter { $0.hasPrefix("van-ban/") && $0.hasSuffix("/index.html") && !$0.contains("/trang/") && $0 != "van-ban/index.html" }
            .filter { !pages[$0]!.contains("http-equiv=\"refresh\"") }
        #expect(documentPages.count == report.documents)
        for d in documentPages { #expect(overview.contains("href=\"/\(d.dropLast(10))\""), "overview misses \(d)") }
    }
}

extension TempSite {
    static func read(_ root: String) -> [String: String] {
        var out: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: root)
        while let rel = walker?.nextObject() as? String {
            if let d = FileManager.default.contents(atPath: root + "/" + rel) { out[rel] = String(decoding: d, as: UTF8.self) }
        }
        return out
    }
}
