import Archive
import Foundation
import Synchronization
import Testing
@testable import Site

/// Publishing controls: future articles, `--base-url`, robots.txt under a sub-path.
@Suite("Publishing")
struct PublishingTests {
    /// 2020-06-01 12:00 at +07:00, the build's time in these tests.
    static let noon = Date(timeIntervalSince1970: 1_590_987_600)

    static let files = [
        "Content/past.md": article("Bài đã đăng", date: "2020-05-01", body: "Đã đăng."),
        "Content/soon.md": article("Bài sắp đăng", date: "2020-06-01 12:30", tags: ["Sắp tới"], body: "Sắp đăng."),
    ]

    func options(_ site: TempSite, future: Bool = false, now: Date = noon, baseURL: String? = nil, output: String? = nil) -> BuildOptions {
        BuildOptions(siteDirectory: site.dir, outputDirectory: output, includeFuture: future, now: now, baseURL: baseURL)
    }

    func cached(_ site: TempSite, future: Bool = false, now: Date = noon, baseURL: String? = nil) async throws -> CachedBuild.Report {
        try await CachedBuild.build(options(site, future: future, now: now, baseURL: baseURL), cacheDirectory: site.dir + "/.bantin-cache")
    }

    /// Every file a build without the cache writes at `now`, to compare a cached build with.
    func full(_ site: TempSite, future: Bool = false, now: Date = noon, baseURL: String? = nil) async throws -> [String: String] {
        let out = site.dir + "/Full"
        try? FileManager.default.removeItem(atPath: out)
        _ = try await SiteBuilder.build(options(site, future: future, now: now, baseURL: baseURL, output: out))
        return site.pages(in: out)
    }

    func expectSame(_ site: TempSite, _ expected: [String: String], _ after: String) {
        let got = site.pages()
        #expect(Set(got.keys) == Set(expected.keys), "files differ after \(after)")
        for (path, text) in expected where got[path] != text { Issue.record("\(path) differs from a build without the cache after \(after)") }
    }

    // MARK: future articles

    @Test("an article dated after the build's time is left out, and counted, unless --future", arguments: [
        // (date, --future, built)
        ("2020-06-01 12:30", false, false),
        ("2020-06-01 12:30", true, true),
        ("2020-06-01 12:00", false, true),          // exactly now is not the future
        ("2020-06-01T05:30:00+00:00", false, false), // the build's time is 05:00 UTC: offsets count
        ("2020-06-01T04:59:00+00:00", false, true),
        ("2020-06-02", false, false),
        ("2021-01-01", true, true),
    ])
    func futureArticles(_ date: String, _ future: Bool, _ built: Bool) async throws {
        let site = try TempSite(["Content/past.md": Self.files["Content/past.md"]!,
                                 "Content/x.md": article("Bài hẹn giờ", date: date, body: "Nội dung.")])
        defer { site.cleanup() }
        let report = try await SiteBuilder.build(options(site, future: future))
        let pages = site.pages()
        let articlePage = pages.keys.contains { $0.hasSuffix("bai-hen-gio/index.html") }
        #expect(articlePage == built)
        #expect(pages["index.html"]!.contains("Bài hẹn giờ") == built)
        #expect(pages["atom.xml"]!.contains("Bài hẹn giờ") == built)
        #expect(report.articles == (built ? 2 : 1))
        #expect(report.futureLeftOut == (built ? 0 : 1))
    }

    @Test("a future draft is left out as a draft, not counted as future")
    func futureDraftIsADraft() async throws {
        let site = try TempSite(["Content/d.md": article("Nháp", date: "2030-01-01", extra: "draft: true\n", body: "Nháp.")])
        defer { site.cleanup() }
        #expect(try await SiteBuilder.build(options(site)).futureLeftOut == 0)
        let withDrafts = try await SiteBuilder.build(BuildOptions(siteDirectory: site.dir, includeDrafts: true, now: Self.noon))
        #expect(withDrafts.futureLeftOut == 1 && withDrafts.articles == 0)
    }

    @Test("the build's time defaults to now")
    func defaultClockIsNow() {
        let before = Date()
        let o = BuildOptions(siteDirectory: "/tmp")
        #expect(o.now >= before && o.now <= Date() && !o.includeFuture)
    }

    @Test("--future is part of the cache's identity: changing it builds everything, as a build without the cache would")
    func futureFlagInCacheIdentity() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        let first = try await cached(site)
        #expect(first.build.futureLeftOut == 1)
        expectSame(site, try await full(site), "a first cached build")
        let withFuture = try await cached(site, future: true)
        #expect(withFuture.cache == .ignored("built with a different --future"))
        #expect(withFuture.build.futureLeftOut == 0 && withFuture.build.articles == 2)
        expectSame(site, try await full(site, future: true), "a cached build with --future")
        let again = try await cached(site, future: true)
        #expect(again.cache == .restored && again.articlesRead == 0 && again.written == 0)
        let without = try await cached(site)
        #expect(without.cache == .ignored("built with a different --future") && without.build.articles == 1)
        expectSame(site, try await full(site), "a cached build without --future again")
    }

    @Test("an article whose date passes between two cached builds is published by the second, though its file did not change")
    func futureArticleBecomesPast() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        _ = try await cached(site)
        #expect(!site.pages()["index.html"]!.contains("Bài sắp đăng"))
        // Still future an hour later: read again (so its date is checked), nothing written.
        let stillFuture = try await cached(site, now: Self.noon + 60)
        #expect(stillFuture.cache == .restored && stillFuture.build.futureLeftOut == 1 && stillFuture.written == 0)
        let later = Self.noon + 3600
        let report = try await cached(site, now: later)
        #expect(report.cache == .restored)
        #expect(report.build.futureLeftOut == 0 && report.build.articles == 2)
        #expect(site.pages()["index.html"]!.contains("Bài sắp đăng"))
        expectSame(site, try await full(site, now: later), "the article's date passed")
        // Nothing future left: the next build reads nothing and writes nothing.
        let again = try await cached(site, now: later + 60)
        #expect(again.cache == .restored && again.articlesRead == 0 && again.written == 0)
    }

    @Test("an article whose date is edited into the future is taken out by a cached build, and back when edited back")
    func articleEditedIntoTheFuture() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        _ = try await cached(site)
        try site.write("Content/past.md", article("Bài đã đăng", date: "2020-07-01", body: "Đã đăng."))
        let report = try await cached(site)
        #expect(report.cache == .restored && report.build.futureLeftOut == 2 && report.build.articles == 0)
        expectSame(site, try await full(site), "an article's date moved into the future")
        try site.write("Content/past.md", Self.files["Content/past.md"]!)
        #expect(try await cached(site).build.articles == 1)
        expectSame(site, try await full(site), "its date moved back")
    }

    @Test("a preview session re-checks future articles at every rebuild, whatever file changed")
    func sessionPublishesWhenTheDatePasses() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        let clock = Mutex(Self.noon)
        let session = try SiteSession(siteDirectory: site.dir, outputDirectory: site.dir + "/Preview", now: { clock.withLock { $0 } })
        var summary = try await session.rebuild()
        #expect(summary.articles == 1 && summary.futureLeftOut == 1)
        summary = try await session.rebuild(changed: [])
        #expect(summary.articlesReloaded == 0 && summary.written.isEmpty)
        clock.withLock { $0 = Self.noon + 3600 }
        summary = try await session.rebuild(changed: [])
        #expect(summary.articles == 2 && session.futureLeftOut == 0)
        #expect(site.pages(in: site.dir + "/Preview")["index.html"]!.contains("Bài sắp đăng"))
        let expected = try await full(site, now: Self.noon + 3600)
        #expect(site.pages(in: site.dir + "/Preview")["index.html"] == expected["index.html"])
    }

    // MARK: --base-url

    @Test("--base-url replaces site.yml's base_url in links, feeds and sitemaps")
    func baseURLOverride() async throws {
        var files = Self.files
        files["site.yml"] = "title: Lưu trữ\nbase_url: https://luutru.example.vn/\n"
        let site = try TempSite(files)
        defer { site.cleanup() }
        _ = try await SiteBuilder.build(options(site, baseURL: "https://staging.example.vn/thu/"))
        let pages = site.pages()
        #expect(pages["index.html"]!.contains("href=\"/thu/2020/05/bai-da-dang/\""))
        #expect(pages["atom.xml"]!.contains("https://staging.example.vn/thu/2020/05/bai-da-dang/"))
        #expect(pages["sitemap-1.xml"]!.contains("https://staging.example.vn/thu/"))
        #expect(!pages.values.contains { $0.contains("luutru.example.vn") })
    }

    @Test("a wrong --base-url is refused as a wrong base_url is, and nothing is written", arguments: [
        "", "ftp://host/", "https:///x/", "//host/", "https://host/?q=1", "https://host/a b/", "javascript:alert(1)",
    ])
    func wrongBaseURL(_ url: String) async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        do {
            _ = try await SiteBuilder.build(options(site, baseURL: url))
            Issue.record("\(url) was accepted")
        } catch {
            #expect(error.description.contains("--base-url") && error.description.contains("“\(url)”"), "\(error.description)")
        }
        #expect(!FileManager.default.fileExists(atPath: site.output))
    }

    @Test("--base-url is part of the cache's identity: a cached build with another writes what a build without the cache writes")
    func baseURLInCacheIdentity() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        _ = try await cached(site)
        let staging = try await cached(site, baseURL: "https://staging.example.vn/")
        #expect(staging.articlesRead == 2)  // every article read again, as after a change to site.yml
        expectSame(site, try await full(site, baseURL: "https://staging.example.vn/"), "a new --base-url")
        _ = try await cached(site)
        expectSame(site, try await full(site), "going back to site.yml's base_url")
    }

    // MARK: robots.txt

    @Test("a base URL with a path warns once that robots.txt there is never read", arguments: [
        // (site.yml, --base-url, warned)
        ("base_url: https://host/luu-tru/\n", nil, true),
        ("base_url: /luu-tru/\n", nil, true),
        ("base_url: https://host/\n", nil, false),
        ("", nil, false),
        ("base_url: https://host/\n", "https://staging.host/thu/", true),
        ("base_url: https://host/luu-tru/\n", "https://staging.host/", false),
    ] as [(String, String?, Bool)])
    func robotsUnderASubPath(_ yml: String, _ baseURL: String?, _ warned: Bool) async throws {
        var files = Self.files
        files["site.yml"] = "title: Lưu trữ\n" + yml
        let site = try TempSite(files)
        defer { site.cleanup() }
        let report = try await SiteBuilder.build(options(site, baseURL: baseURL))
        let robots = report.warnings.filter { $0.message.contains("robots.txt") }
        #expect(robots.count == (warned ? 1 : 0))
        if warned {
            #expect(robots[0].path == "site.yml")
            // At site.yml's base_url line, or its first line when it has none.
            #expect(robots[0].line == (yml.isEmpty ? 1 : 2))
        }
        // The cached build says the same, once.
        let cachedReport = try await cached(site, baseURL: baseURL)
        #expect(cachedReport.build.warnings.filter { $0.message.contains("robots.txt") }.count == (warned ? 1 : 0))
    }
}

/// A theme's list template that reads an entry's fields instead of the pre-rendered entry gets them: list entries
/// are built with the fields the templates read, no fewer.
@Suite struct ListEntryFieldsTests {
    @Test func aListTemplateReadingFieldsGetsThem() async throws {
        let site = try TempSite([
            "site.yml": "title: Thử\n",
            "Content/2017/12/hoi-nghi.md": article("Hội nghị Thành ủy", date: "2017-12-13 08:30", tags: ["Đảng"], extra: "source: Báo Cần Thơ\n", body: "Nội dung."),
            "Templates/list.mustache": "{{<layout}}{{$main}}<ol>{{#articles}}<li class=\"e\">{{title}}|{{dateLong}}|{{source}}|{{url}}|{{#html}}có{{/html}}</li>{{/articles}}</ol>{{/main}}{{/layout}}\n",
        ])
        defer { site.cleanup() }
        try await site.build()
        let home = try #require(site.pages()["index.html"])
        #expect(home.contains("<li class=\"e\">Hội nghị Thành ủy|Thứ Tư, 13/12/2017|Báo Cần Thơ|/2017/12/hoi-nghi-thanh-uy/|có</li>"), "\(home)")
        let tag = try #require(site.pages()["chu-de/dang/index.html"])
        #expect(tag.contains("Hội nghị Thành ủy|Thứ Tư, 13/12/2017"))
    }
}

/// A theme's warnings (a partial that names no template) are the build's warnings, printed and failing `--strict`.
@Suite struct ThemeWarningsTests {
    @Test func aMissingPartialIsABuildWarningAtItsTag() async throws {
        let site = try TempSite([
            "site.yml": "title: Thử\n",
            "Content/2017/12/bai.md": article("Bài", date: "2017-12-13", body: "Nội dung."),
            "Templates/404.mustache": "{{<layout}}{{$main}}\n<p>{{>thieu}}</p>\n{{/main}}{{/layout}}\n",
        ])
        defer { site.cleanup() }
        let report = try await site.build()
        #expect(report.warningLines.contains { $0.hasPrefix("Templates/404.mustache:2:4: warning: {{>thieu}} names no template") }, "\(report.warningLines)")
        #expect(site.pages()["404.html"]?.contains("<p></p>") == true)
    }
}
