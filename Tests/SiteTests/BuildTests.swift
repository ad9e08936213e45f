import Foundation
import Testing
@testable import Site
import Archive
import FileIO

@Suite struct BuildTests {
    static let basic: [String: String] = [
        "site.yml": "title: Lưu trữ thử\npage_size: 2\n",
        "Content/2017/a.md": article("Đảng bộ Cần Thơ học tập", date: "2017-12-13 08:08", tags: ["Xây dựng Đảng", "Cần Thơ"],
                                     body: "Quán triệt Chỉ thị số 05-CT/TW của Bộ Chính trị.\n\n<script>alert('x')</script>\n\n[bấm](javascript:alert(1))"),
        "Content/2017/b.md": article("Bài thứ hai", date: "2017-11-02", tags: ["cần thơ"], body: "Nghị định số 30/2020/NĐ-CP và `Chỉ thị số 06-CT/TW`."),
        "Content/2016/c.md": article("Bài năm 2016", date: "2016-07-19", tags: ["Ấp Bắc", "An Giang", "Đồng Tháp", "Bạc Liêu"],
                                     body: "Một đoạn văn.\n\n## Kết quả\n\nHai.\n\n## Kết quả\n\nBa.\n\n## Hạn chế\n\nBốn."),
    ]

    @Test func buildsPagesForEveryArticleAndList() async throws {
        let site = try TempSite(Self.basic)
        defer { site.cleanup() }
        let report = try await site.build()
        let pages = site.pages()
        #expect(report.articles == 3)
        #expect(pages["2017/12/dang-bo-can-tho-hoc-tap/index.html"] != nil)
        #expect(pages["2017/11/bai-thu-hai/index.html"] != nil)
        #expect(pages["2016/07/bai-nam-2016/index.html"] != nil)
        #expect(pages["index.html"] != nil)
        #expect(pages["trang/2/index.html"] != nil)  // 3 articles, 2 per page
        #expect(pages["2017/index.html"] != nil)
        #expect(pages["2017/12/index.html"] != nil)
        #expect(pages["chu-de/can-tho/index.html"] != nil)
        #expect(pages["chu-de/index.html"] != nil)
        #expect(pages["luu-tru/index.html"] != nil)
        #expect(pages["404.html"] != nil)
        #expect(pages["assets/style.css"] != nil)
        #expect(pages["van-ban/chi-thi-05-ct-tw/index.html"] != nil)
        #expect(pages["data/documents.json"] != nil)
    }

    @Test func everyPageIsHTML5InVietnameseWithOneH1() async throws {
        let site = try TempSite(Self.basic)
        defer { site.cleanup() }
        try await site.build()
        for (path, html) in site.pages() where path.hasSuffix(".html") {
            #expect(html.hasPrefix("<!doctype html>"), "\(path)")
            #expect(html.contains("<html lang=\"vi\">"), "\(path)")
            #expect(html.contains("<meta charset=\"utf-8\">"), "\(path)")
            if !html.contains("http-equiv=\"refresh\"") {
                #expect(html.components(separatedBy: "<h1").count == 2, "\(path) should have exactly one h1")
                #expect(html.contains("<main"), "\(path)")
            }
            for external in ["src=\"http", "src=\"//", "stylesheet\" href=\"http", "stylesheet\" href=\"//"] {
                #expect(!html.contains(external), "\(path) must not load anything external (\(external))")
            }
            // Everything works without JavaScript; only the search page has a script, its own.
            if path != "tim-kiem/index.html" { #expect(!html.contains("<script"), "\(path)") } else {
                #expect(html.contains("<script src=\"/assets/search.js\""))
            }
        }
    }

    @Test func rawHTMLAndJavascriptLinksDoNotReachTheOutput() async throws {
        let site = try TempSite(Self.basic)
        defer { site.cleanup() }
        try await site.build()
        let html = try #require(site.pages()["2017/12/dang-bo-can-tho-hoc-tap/index.html"])
        #expect(!html.contains("<script"))
        #expect(!html.contains("alert("))
        #expect(!html.contains("javascript:"))
    }

    @Test func articlePageShowsVietnameseDateTocAndNeighbours() async throws {
        let site = try TempSite(Self.basic)
        defer { site.cleanup() }
        try await site.build()
        let pages = site.pages()
        let a = try #require(pages["2017/12/dang-bo-can-tho-hoc-tap/index.html"])
        #expect(a.contains("Thứ Tư, 13/12/2017"))
        #expect(a.contains("datetime=\"2017-12-13T08:08:00+07:00\""))
        #expect(a.contains("href=\"/2017/11/bai-thu-hai/\""))  // older neighbour
        let c = try #require(pages["2016/07/bai-nam-2016/index.html"])
        #expect(c.contains("<h2 id=\"ket-qua\">"))
        #expect(c.contains("<h2 id=\"ket-qua-2\">"))
        #expect(c.contains("href=\"#han-che\""))  // table of contents from 3 headings
        #expect(c.contains("Bài mới hơn"))
        #expect(!c.contains("Bài cũ hơn"))
    }

    @Test func tagsMergeSpellingsAndSortTheVietnameseWay() async throws {
        let site = try TempSite(Self.basic)
        defer { site.cleanup() }
        try await site.build()
        let tags = try #require(site.pages()["chu-de/index.html"])
        let order = ["An Giang", "Ấp Bắc", "Bạc Liêu", "Cần Thơ", "Đồng Tháp", "Xây dựng Đảng"].map { name in
            tags.range(of: ">\(name)</a>")?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil })
        #expect(zip(order, order.dropFirst()).allSatisfy { $0! < $1! })
        #expect(!tags.contains(">cần thơ</a>"))
        let page = try #require(site.pages()["chu-de/can-tho/index.html"])
        #expect(page.contains("Bài thứ hai") && page.contains("Đảng bộ Cần Thơ học tập"))
    }

    @Test func twoBuildsAreByteIdentical() async throws {
        let site = try TempSite(Self.basic)
        defer { site.cleanup() }
        let other = site.dir + "/Other"
        try await site.build()
        try await site.build(output: other)
        let a = site.pages(), b = site.pages(in: other)
        #expect(a.count > 10)
        #expect(a == b)
    }

    @Test func failedBuildLeavesThePreviousOutputWhole() async throws {
        let site = try TempSite(Self.basic)
        defer { site.cleanup() }
        try await site.build()
        let before = site.pages()
        try site.write("Content/2018/hong.md", "---\ntitle: Hỏng\ndate: 2018-13-45\n---\nThân.")
        do {
            try await site.build()
            Issue.record("the build should fail")
        } catch {
            guard case .content(let errors) = error else { Issue.record("unexpected \(error)"); return }
            #expect(errors.first?.description.hasPrefix("Content/2018/hong.md:3:") == true)
        }
        #expect(site.pages() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.dir).filter { $0.contains("bantin-") }
        #expect(leftovers.isEmpty)
    }

    @Test func removedArticlesDisappear() async throws {
        let site = try TempSite(Self.basic)
        defer { site.cleanup() }
        try await site.build()
        #expect(site.pages()["2017/11/bai-thu-hai/index.html"] != nil)
        try site.remove("Content/2017/b.md")
        try await site.build()
        #expect(site.pages()["2017/11/bai-thu-hai/index.html"] == nil)
        #expect(site.pages()["2017/11/index.html"] == nil)
    }

    @Test func anArticleWhoseURLABantinPageHasIsAnError() async throws {
        let site = try TempSite([
            "Content/a.md": article("Cùng tên", date: "2017-12-13", extra: "slug: x\n", body: "A"),
            "site.yml": "title: T\narticle_url: /van-ban/{slug}/\n",
        ])
        defer { site.cleanup() }
        do {
            try await site.build()
            Issue.record("expected a collision error")
        } catch {
            #expect(error.description.contains("Content/a.md") && error.description.contains("collides with a page Bantin makes"))
        }
        #expect(!FileManager.default.fileExists(atPath: site.output))
    }

    @Test func twoArticlesWithTheSameURLAreBothPublished() async throws {
        let site = try TempSite([
            "Content/a.md": article("Cùng tên", date: "2017-12-13", body: "A"),
            "Content/b.md": article("Cùng tên", date: "2017-12-01", body: "B"),
        ])
        defer { site.cleanup() }
        let report = try await site.build()
        // b is the earlier: it keeps the URL; a is published under -2, with a warning naming both.
        #expect(report.warnings.map(\.description).first?.contains("Content/a.md:1:1: warning: this article has the same URL /2017/12/cung-ten/ as Content/b.md") == true)
        #expect(site.pages()["2017/12/cung-ten-2/index.html"]?.contains("<p>A</p>") == true)
    }

    @Test func everyErrorIsReportedNotOnlyTheFirst() async throws {
        let site = try TempSite([
            "Content/a.md": "không có front matter",
            "Content/b.md": "---\ntitle: B\n---\n",
        ])
        defer { site.cleanup() }
        do { try await site.build(); Issue.record("expected errors") } catch {
            guard case .content(let errors) = error else { Issue.record("\(error)"); return }
            #expect(errors.map(\.path).sorted() == ["Content/a.md", "Content/b.md"])
        }
    }

    @Test func draftsAreSkippedUnlessAsked() async throws {
        let site = try TempSite([
            "Content/a.md": article("Bản nháp", date: "2017-12-13", extra: "draft: true\n", body: "A"),
            "Content/b.md": article("Đã đăng", date: "2017-12-01", body: "B"),
        ])
        defer { site.cleanup() }
        try await site.build()
        #expect(site.pages()["2017/12/ban-nhap/index.html"] == nil)
        try await site.build(drafts: true)
        #expect(site.pages()["2017/12/ban-nhap/index.html"] != nil)
    }

    @Test func slugsAndPatternsCannotLeaveTheOutputFolder() async throws {
        let site = try TempSite([
            "Content/a.md": article("Thoát", date: "2017-12-13", extra: "slug: ../../../etc/passwd\n", body: "A"),
        ])
        defer { site.cleanup() }
        try await site.build()
        #expect(site.pages()["2017/12/etc-passwd/index.html"] != nil)
        #expect(!OutputWriter.isSafe("../x"))
        #expect(!OutputWriter.isSafe("/etc/passwd"))
        #expect(!OutputWriter.isSafe("a/../../b"))
        #expect(!OutputWriter.isSafe("a\\b"))
        #expect(OutputWriter.isSafe("2017/12/x/index.html"))
        try site.write("site.yml", "article_url: /../{slug}/\n")
        await #expect(throws: SiteFailure.self) { try await site.build() }
    }

    @Test func invalidUTF8IsAnErrorWithItsPosition() async throws {
        let site = try TempSite(["Content/a.md": article("A", date: "2017-12-13", body: "ok")])
        defer { site.cleanup() }
        try Data(Array("---\ntitle: A\ndate: 2017-12-13\n---\nchào ".utf8) + [0xC3, 0x28]).write(to: URL(fileURLWithPath: site.dir + "/Content/a.md"))
        do { try await site.build(); Issue.record("expected an error") } catch {
            #expect(error.description.contains("Content/a.md:5:6: error:"))
            #expect(error.description.contains("UTF-8"))
        }
    }

    @Test func nfdArticlesAreNormalised() async throws {
        let site = try TempSite(["Content/a.md": article("Đảng bộ Cần Thơ", date: "2017-12-13", body: "Chỉ thị số 05-CT/TW").decomposedStringWithCanonicalMapping])
        defer { site.cleanup() }
        try await site.build()
        let html = try #require(site.pages()["2017/12/dang-bo-can-tho/index.html"])
        #expect(html.contains("Đảng bộ Cần Thơ"))
        #expect(site.pages()["van-ban/chi-thi-05-ct-tw/index.html"] != nil)
    }

    @Test func missingSiteYmlUsesDefaults() async throws {
        let site = try TempSite(["Content/a.md": article("A", date: "2017-12-13", body: "x")])
        defer { site.cleanup() }
        try await site.build()
        #expect(site.pages()["index.html"]?.contains("<title>Bản tin</title>") == true)
    }

    @Test func baseURLPrefixesEveryLink() async throws {
        var files = Self.basic
        files["site.yml"] = "base_url: https://example.gov.vn/luu-tru/\n"
        let site = try TempSite(files)
        defer { site.cleanup() }
        try await site.build()
        let html = try #require(site.pages()["2017/12/dang-bo-can-tho-hoc-tap/index.html"])
        #expect(html.contains("href=\"/luu-tru/assets/style.css\""))
        #expect(html.contains("href=\"/luu-tru/van-ban/chi-thi-05-ct-tw/\""))
        #expect(!html.contains("href=\"/van-ban/"))
    }
}

@Suite struct CommandLineFacingErrorsTests {
    @Test func aFolderWithoutContentIsAnErrorAndWritesNothing() async throws {
        let site = try TempSite(["site.yml": "title: A\n"])
        defer { site.cleanup() }
        do { try await site.build(); Issue.record("expected an error") } catch {
            #expect(error.description.contains("has no Content/ folder"))
        }
        #expect(!FileManager.default.fileExists(atPath: site.output))
    }

    @Test func anUnresolvedShortFormIsAWarningWithItsLine() async throws {
        let site = try TempSite(["Content/a.md": article("A", date: "2024-02-29", body: "Dòng một.\n\nChỉ thị số 05 chưa rõ.")])
        defer { site.cleanup() }
        let report = try await site.build()
        #expect(report.unresolved.map(\.description) == [
            "Content/a.md:7:1: warning: “Chỉ thị số 05” does not say which document it is, and no document of the archive fits it; write it in full, e.g. “Chỉ thị số 05-CT/TW” or “Chỉ thị số 05/CT-…”, or list it under documents: in the front matter",
        ])
    }
}

@Suite("Summaries")
struct SummaryTests {
    @Test("the first paragraph is cut at a word, without trailing punctuation", arguments: [
        ("Ngắn gọn.", 20, "Ngắn gọn."),
        ("Đảng bộ tỉnh Cần Thơ tổ chức hội nghị", 20, "Đảng bộ tỉnh Cần Thơ…"),
        ("Đảng bộ tỉnh Cần Thơ tổ chức hội nghị", 19, "Đảng bộ tỉnh Cần…"),
        ("Học tập, làm theo; tư tưởng – đạo đức", 19, "Học tập, làm theo…"),
        ("Học tập – làm theo tư tưởng", 9, "Học tập…"),
        ("Khôngcókhoảngtrắngnàotrongcâu", 10, "Không…"),  // no space after half the limit: cut at half
        ("ĐĐĐĐĐĐĐĐĐĐ ĐĐ", 10, "ĐĐĐĐĐĐĐĐĐĐ…"),
    ])
    func summaries(_ text: String, _ limit: Int, _ expected: String) {
        #expect(LoadContext.trimSummary(text, limit: limit) == expected)
    }
}

@Suite("Finding articles")
struct DiscoverTests {
    @Test("every .md file under Content/, sorted; hidden files and folders skipped, symlinked folders not followed")
    func discover() throws {
        let site = try TempSite([
            "Content/2017/12/a.md": "x", "Content/2017/b.md": "x", "Content/goc.md": "x", "Content/ghi-chu.txt": "x",
            "Content/.nhap.md": "x", "Content/.git/c.md": "x", "Content/2018/.an/d.md": "x", "Content/tài-liệu/đ.md": "x",
            "Khac/e.md": "x",
        ])
        defer { site.cleanup() }
        try FileManager.default.createSymbolicLink(atPath: site.dir + "/Content/lien-ket", withDestinationPath: site.dir + "/Khac")
        try FileManager.default.createSymbolicLink(atPath: site.dir + "/Content/tro-toi.md", withDestinationPath: site.dir + "/Khac/e.md")
        #expect(SiteBuilder.discover(site.dir + "/Content") == [
            "Content/2017/12/a.md", "Content/2017/b.md", "Content/goc.md", "Content/tro-toi.md", "Content/tài-liệu/đ.md",
        ])
    }

    /// Every input skipped that may have been meant to be read is a warning naming it (it was skipped in silence).
    @Test func whatIsSkippedIsAWarning() async throws {
        let site = try TempSite([
            "Content/a.md": article("A", date: "2018-01-02", body: "x"), "Khac/e.md": "x", "Content/ghi-chu.txt": "x",
        ])
        defer { site.cleanup() }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: site.dir + "/Content/lien-ket", withDestinationPath: site.dir + "/Khac")
        try fm.createSymbolicLink(atPath: site.dir + "/Content/vong.md", withDestinationPath: site.dir + "/Content/vong-2.md")
        try fm.createSymbolicLink(atPath: site.dir + "/Content/vong-2.md", withDestinationPath: site.dir + "/Content/vong.md")
        try fm.createSymbolicLink(atPath: site.dir + "/Content/mat.md", withDestinationPath: site.dir + "/Khac/khong-co.md")
        #expect(mkfifo(site.dir + "/Content/ong.md", 0o644) == 0)
        #expect(mkfifo(site.dir + "/Content/ong-khac", 0o644) == 0)  // not named .md: not meant as an article
        var skipped: [SiteWarning] = []
        #expect(SiteBuilder.discover(site.dir + "/Content", skipped: &skipped) == ["Content/a.md"])
        #expect(skipped.map(\.path) == ["Content/lien-ket", "Content/mat.md", "Content/ong.md", "Content/vong-2.md", "Content/vong.md"])
        #expect(skipped[0].message.hasPrefix("a symbolic link to a folder, which is not followed"))
        #expect(skipped[1].message.hasPrefix("a symbolic link that cannot be followed (No such file or directory)"))
        #expect(skipped[2].message.hasPrefix("not a regular file"))
        #expect(skipped[4].message.hasPrefix("a symbolic link loop"))
        // Through the build: the report (what the CLI prints and --strict counts), a full and a cached build alike.
        let report = try await site.build()
        #expect(report.articles == 1)
        #expect(report.warnings.map(\.path) == skipped.map(\.path))
        #expect(report.warningLines.first == "Content/lien-ket:1:1: warning: " + skipped[0].message)
        let options = BuildOptions(siteDirectory: site.dir)
        let cached = try await CachedBuild.build(options, cacheDirectory: site.dir + "/.bantin-cache").build
        #expect(cached.warnings.map(\.path) == skipped.map(\.path))
    }

    /// A folder that cannot be read (as root every folder can: the walk's error path is given the failure).
    @Test func aFolderThatCannotBeReadIsAWarning() throws {
        let site = try TempSite(["Content/2017/a.md": "x", "Content/2018/b.md": "x"])
        defer { site.cleanup() }
        var skipped: [SiteWarning] = []
        let files = SiteBuilder.discover(site.dir + "/Content", skipped: &skipped) { dir in
            dir.hasSuffix("/2018") ? .failure(FileIO.Failure(code: EACCES)) : FileIO.listing(of: dir)
        }
        #expect(files == ["Content/2017/a.md"])
        #expect(skipped.map(\.description) == [
            "Content/2018/:1:1: warning: this folder cannot be read (Permission denied), so the articles in it are not built: make it readable",
        ])
    }
}

@Suite struct ArticleTimeTests {
    @Test func aDateWithoutATimeShowsNoTime() async throws {
        let site = try TempSite([
            "Content/a.md": article("Không giờ", date: "2017-12-13", body: "A"),
            "Content/b.md": article("Có giờ", date: "2017-12-14 08:30", body: "B"),
        ])
        defer { site.cleanup() }
        try await site.build()
        let pages = site.pages()
        let a = try #require(pages["2017/12/khong-gio/index.html"])
        let b = try #require(pages["2017/12/co-gio/index.html"])
        #expect(!a.contains("</time> ·"))
        #expect(b.contains("</time> · 08:30"))
    }
}

@Suite struct PeriodNavigationTests {
    @Test func aMonthLinksToItsYearAndTheMonthsBeforeAndAfter() async throws {
        let site = try TempSite([
            "Content/a.md": article("Tháng mười một", date: "2016-11-20", body: "A"),
            "Content/b.md": article("Tháng hai", date: "2017-02-03", body: "B"),
            "Content/c.md": article("Tháng năm", date: "2017-05-09", body: "C"),
        ])
        defer { site.cleanup() }
        try await site.build()
        let pages = site.pages()
        let feb = try #require(pages["2017/02/index.html"])
        #expect(feb.contains("<a href=\"/2016/11/\" rel=\"prev\">"))
        #expect(feb.contains("<a href=\"/2017/\">↑ Năm 2017</a>"))
        #expect(feb.contains("<a href=\"/2017/05/\" rel=\"next\">"))
        let may = try #require(pages["2017/05/index.html"])
        #expect(!may.contains("rel=\"next\""))
        let y2016 = try #require(pages["2016/index.html"])
        #expect(y2016.contains("<a href=\"/2017/\" rel=\"next\">Năm 2017 →</a>"))
    }
}

@Suite struct SharingTests {
    @Test func pagesNameTheirCanonicalURLAndOpenGraphFields() async throws {
        let site = try TempSite([
            "site.yml": "title: Lưu trữ\nbase_url: https://luutru.example.vn/\n",
            "Content/a.md": article("Hội nghị tổng kết", date: "2017-12-13", extra: "image: anh/hoi-nghi.jpg\nsummary: Tóm tắt ngắn.\n", body: "A"),
        ])
        defer { site.cleanup() }
        try await site.build()
        let page = try #require(site.pages()["2017/12/hoi-nghi-tong-ket/index.html"])
        #expect(page.contains("<link rel=\"canonical\" href=\"https://luutru.example.vn/2017/12/hoi-nghi-tong-ket/\">"))
        #expect(page.contains("<meta property=\"og:type\" content=\"article\">"))
        #expect(page.contains("<meta property=\"og:description\" content=\"Tóm tắt ngắn.\">"))
        #expect(page.contains("<meta property=\"og:image\" content=\"https://luutru.example.vn/2017/12/hoi-nghi-tong-ket/anh/hoi-nghi.jpg\">"))
        let home = try #require(site.pages()["index.html"])
        #expect(home.contains("<link rel=\"canonical\" href=\"https://luutru.example.vn/\">"))
    }

    @Test func aSiteWithoutAHostNamesNoCanonicalURL() async throws {
        let site = try TempSite(["Content/a.md": article("A", date: "2017-12-13", body: "A")])
        defer { site.cleanup() }
        try await site.build()
        #expect(site.pages()["index.html"]?.contains("rel=\"canonical\"") == false)
    }
}

@Suite struct LeadImageTests {
    /// A 3×2 PNG: signature, then an IHDR chunk.
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
                               0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0]

    @Test func theImageIsAFigureWithItsSizeAltTextAndCaption() async throws {
        let site = try TempSite([
            "Content/a.md": article("Có ảnh", date: "2017-12-13",
                                    extra: "image: /anh/hoi-nghi.png\nimage_alt: Toàn cảnh hội nghị\nimage_caption: Hội nghị sáng 13/12\n", body: "A"),
        ])
        defer { site.cleanup() }
        try FileManager.default.createDirectory(atPath: site.dir + "/static/anh", withIntermediateDirectories: true)
        try Data(Self.png).write(to: URL(fileURLWithPath: site.dir + "/static/anh/hoi-nghi.png"))
        let report = try await site.build()
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        let page = try #require(site.pages()["2017/12/co-anh/index.html"])
        #expect(page.contains("<img src=\"/anh/hoi-nghi.png\" alt=\"Toàn cảnh hội nghị\" width=\"3\" height=\"2\" loading=\"lazy\""))
        #expect(page.contains("<figcaption>Hội nghị sáng 13/12</figcaption>"))
        #expect(FileManager.default.fileExists(atPath: site.output + "/anh/hoi-nghi.png"))
    }

    @Test func aMissingFileAndAMissingAltTextAreWarnings() async throws {
        let site = try TempSite([
            "Content/a.md": article("Thiếu ảnh", date: "2017-12-13", extra: "image: /anh/khong-co.jpg\n", body: "A"),
        ])
        defer { site.cleanup() }
        let report = try await site.build()
        let messages = report.warnings.map(\.description)
        #expect(messages.contains { $0.hasPrefix("Content/a.md:4:") && $0.contains("no alternative text") })
        #expect(messages.contains { $0.contains("static/anh/khong-co.jpg does not exist") })
    }

    @Test(arguments: [
        ([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 5, 0, 7, 0] as [UInt8], 5, 7),
        ([0xFF, 0xD8, 0xFF, 0xC0, 0, 17, 8, 0, 9, 0, 12, 3, 1, 0x22, 0] as [UInt8], 12, 9),
    ])
    func sizesAreReadFromTheFirstBytes(bytes: [UInt8], width: Int, height: Int) {
        let size = ImageSize.of(bytes)
        #expect(size?.width == width && size?.height == height)
    }
}

@Suite struct FooterTests {
    @Test func theFooterSaysWhoPublishesTheArchive() async throws {
        let site = try TempSite([
            "site.yml": "title: Lưu trữ\norganisation: Ban Tuyên giáo Huyện ủy\naddress: Số 5 đường Trần Phú\ncontact: \"Điện thoại: 0292 000 000\"\n",
            "Content/a.md": article("A", date: "2017-12-13", body: "A"),
        ])
        defer { site.cleanup() }
        try await site.build()
        let home = try #require(site.pages()["index.html"])
        #expect(home.contains("<strong>Ban Tuyên giáo Huyện ủy</strong>") && home.contains("Số 5 đường Trần Phú")
                && home.contains("Điện thoại: 0292 000 000"))
    }
}
