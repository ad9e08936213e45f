import Foundation
import Testing
@testable import Site
import Archive

/// The archive-wide pass seen from the built site: one document, one page, and every link on it.
@Suite struct ArchiveResolutionTests {
    static let files: [String: String] = [
        "Content/2016/a.md": article("Tỉnh ủy ban hành kế hoạch", date: "2016-06-20", body: """
            Ban Thường vụ Tỉnh ủy ban hành kế hoạch thực hiện Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị.
            """),
        "Content/2017/b.md": article("Sơ kết học tập", date: "2017-03-02", body: """
            Các chi bộ sơ kết một năm học tập theo Chỉ thị số 05-CT/TW, nhiều mô hình được nhân rộng.
            """),
        "Content/2017/c.md": article("Chỉ thị 05 đi vào cuộc sống", date: "2017-04-10", body: """
            Ở cơ sở, việc làm theo Chỉ thị 05 của Bộ Chính trị đã thành nếp.

            Cuối năm, Chỉ thị số 09 sẽ được tổng kết.
            """),
    ]

    @Test func everySpellingLandsOnOnePageAndTheBareSlugRedirects() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        let report = try await site.build()
        let pages = site.pages()
        let doc = try #require(pages["van-ban/chi-thi-05-ct-tw-2016/index.html"])
        for title in ["Tỉnh ủy ban hành kế hoạch", "Sơ kết học tập", "Chỉ thị 05 đi vào cuộc sống"] {
            #expect(doc.contains(title), "\(title)")
        }
        let overview = try #require(pages["van-ban/index.html"])
        #expect(overview.components(separatedBy: "/van-ban/chi-thi-05-ct-tw").count == 2, "listed once")
        // The spelling without year had a page of its own before: it now sends readers on.
        let redirect = try #require(pages["van-ban/chi-thi-05-ct-tw/index.html"])
        #expect(redirect.contains("url=/van-ban/chi-thi-05-ct-tw-2016/"))
        // Links in the bodies go to the settled page, the short form included.
        let b = try #require(pages["2017/03/so-ket-hoc-tap/index.html"])
        #expect(b.contains("<a href=\"/van-ban/chi-thi-05-ct-tw-2016/\" title=\"Chỉ thị số 05-CT/TW\">Chỉ thị số <span class=\"so-hieu\">05-CT/TW</span></a>"))
        let c = try #require(pages["2017/04/chi-thi-05-di-vao-cuoc-song/index.html"])
        #expect(c.contains("<a href=\"/van-ban/chi-thi-05-ct-tw-2016/\" title=\"Chỉ thị số 05-CT/TW\">Chỉ thị 05</a>"))
        // Nothing fits "Chỉ thị số 09": a warning at its line and column, and no link left in the text.
        #expect(report.unresolved.map(\.description) == [
            "Content/2017/c.md:7:11: warning: “Chỉ thị số 09” does not say which document it is, and no document of the archive fits it; write it in full, e.g. “Chỉ thị số 09-CT/TW” or “Chỉ thị số 09/CT-…”, or list it under documents: in the front matter",
        ])
        #expect(c.contains("Cuối năm, Chỉ thị số 09 sẽ"))
        #expect(!pages.values.contains { $0.contains("bantin:doc:") })
    }

    @Test func anArticleCitingOneDocumentUnderTwoNamesIsListedOnceWithEveryMention() async throws {
        let site = try TempSite([
            "Content/documents.yml": """
            - label: Nghị quyết số 04-NQ/TW
              date: 2016-10-30
              aliases: [Nghị quyết Hội nghị Trung ương 4 khóa XII]
            """,
            "Content/a.md": article("Kế hoạch", date: "2017-01-20", body: "Tỉnh ủy ban hành kế hoạch thực hiện Nghị quyết số 04-NQ/TW."),
            "Content/b.md": article("Một năm học tập", date: "2017-11-02", body: """
                Đầu năm, các chi bộ học tập Nghị quyết Trung ương 4 (khóa XII).

                Cuối năm, việc thực hiện Nghị quyết số 04-NQ/TW được sơ kết; Nghị quyết số 04-NQ/TW còn được bàn tiếp.
                """),
        ])
        defer { site.cleanup() }
        try await site.build()
        let pages = site.pages()
        let json = try #require(pages["data/documents.json"])
        let docs = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(docs.count == 1)
        // The two names are two citations of the article, settled on one document: one entry, every mention.
        let articles = try #require(docs.first?["articles"] as? [[String: Any]])
        #expect(articles.map { $0["title"] as? String } == ["Một năm học tập", "Kế hoạch"])
        #expect(articles.map { $0["mentions"] as? Int } == [3, 1])
        #expect(docs.first?["mentionCount"] as? Int == 4)
        // The document page quotes each article's first mention.
        let page = try #require(pages["van-ban/nghi-quyet-04-nq-tw-2016/index.html"])
        #expect(page.contains("Đầu năm, các chi bộ học tập"))
        #expect(!page.contains("Cuối năm"))
    }

    @Test func everyShortFormOfOneNumberInAnArticleFollowsTheOneSettled() async throws {
        let site = try TempSite([
            "Content/a.md": article("Doanh nghiệp", date: "2016-09-01", body: "Nghị quyết 35/NQ-CP ngày 16-5-2016 về hỗ trợ doanh nghiệp."),
            "Content/b.md": article("Hỗ trợ", date: "2017-02-01", body: """
                Nghị quyết 35 của Chính phủ đi vào cuộc sống.

                Theo Nghị quyết 35, tỉnh lập tổ công tác; Nghị quyết số 35 cũng yêu cầu báo cáo.
                """),
        ])
        defer { site.cleanup() }
        let report = try await site.build()
        #expect(report.unresolved.isEmpty, "\(report.unresolved)")
        let page = try #require(site.pages()["2017/02/ho-tro/index.html"])
        // Three mentions in the text and the article's list of documents.
        #expect(page.components(separatedBy: "href=\"/van-ban/nghi-quyet-35-nq-cp-2016/\"").count == 5)
    }

    @Test func thePreviewsWarningsFollowAnEditThatMovesTheirLine() async throws {
        let site = try TempSite(["Content/a.md": article("A", date: "2017-02-01", body: "Chỉ thị số 09 cần rõ.")])
        defer { site.cleanup() }
        let session = try SiteSession(siteDirectory: site.dir, outputDirectory: site.dir + "/Preview")
        _ = try await session.rebuild()
        #expect(session.unresolved.map(\.line) == [5])
        try site.write("Content/a.md", article("A", date: "2017-02-01", body: "Mở đầu.\n\nChỉ thị số 09 cần rõ."))
        _ = try await session.rebuild(changed: ["Content/a.md"])
        #expect(session.unresolved.map(\.line) == [7])
    }

    @Test func aWarningSuggestsTheFormOfTheKindAndIssuerWritten() async throws {
        let site = try TempSite(["Content/a.md": article("A", date: "2017-02-01", body: """
            Quyết định số 376 của Bộ Công Thương đã có hiệu lực.

            Thông tư số 19 của Bộ GTVT quy định việc này, Nghị định số 34 của Chính phủ cũng vậy.

            Công văn số 12 gửi các huyện, Chỉ thị số 09 của Bộ Chính trị được quán triệt.
            """)])
        defer { site.cleanup() }
        let report = try await site.build()
        #expect(report.unresolved.map(\.suggestion) == [
            "Quyết định số 376/QĐ-BCT", "Thông tư số 19/yyyy/TT-BGTVT", "Nghị định số 34/yyyy/NĐ-CP", "Công văn số 12/…",
        ])
        // A Party short form with its issuer is that symbol, as if written in full (without year, as written).
        #expect(site.pages()["van-ban/chi-thi-09-ct-tw/index.html"] != nil)
    }

    @Test func aProvincesCongressNeedsItsPlace() async throws {
        let site = try TempSite([
            "Content/a.md": article("Không rõ tỉnh", date: "2017-02-01", body: "Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI, nhiệm kỳ 2015-2020."),
            "Content/b.md": article("Có địa phương", date: "2017-02-02", extra: "locality: Bắc Kạn\n",
                                    body: "Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI, nhiệm kỳ 2015-2020."),
        ])
        defer { site.cleanup() }
        let report = try await site.build()
        #expect(report.unresolved.map(\.path) == ["Content/a.md"])
        let congressPages = site.pages().keys.filter { $0.hasPrefix("van-ban/nghi-quyet-dai-hoi-dang-bo") && $0.hasSuffix("/index.html") }
        #expect(congressPages == ["van-ban/nghi-quyet-dai-hoi-dang-bo-tu-bac-kan-xi/index.html"])
    }

    @Test func theOverviewSaysWhichPageLacksItsYear() async throws {
        let site = try TempSite([
            "Content/a.md": article("Trật tự", date: "2016-03-01", body: "Xử phạt theo Nghị định số 167/2013/NĐ-CP."),
            "Content/b.md": article("Kinh doanh", date: "2017-01-05", body: "Nghị định số 167/2016/NĐ-CP sửa đổi điều kiện kinh doanh."),
            "Content/c.md": article("Không rõ", date: "2017-06-01", body: "Cơ quan áp dụng Nghị định số 167/NĐ-CP."),
        ])
        defer { site.cleanup() }
        let report = try await site.build()
        #expect(report.unresolved.map(\.reason) == [.severalCandidates])
        let overview = try #require(site.pages()["van-ban/index.html"])
        let bare = try #require(overview.range(of: "/van-ban/nghi-dinh-167-nd-cp/"))
        #expect(overview[bare.upperBound...].prefix(300).contains("(chưa rõ năm)"))
    }

    @Test func aLinkAnAuthorWritesIsNeverTakenForAPlaceholder() async throws {
        let site = try TempSite(["Content/a.md": article("A", date: "2017-02-01", body: "Xem [mục này](bantin:doc:0) và Chỉ thị số 05-CT/TW.")])
        defer { site.cleanup() }
        try await site.build()
        let page = try #require(site.pages()["2017/02/a/index.html"])
        #expect(page.contains("<a href=\"bantin:doc:0\">mục này</a>"))
        #expect(page.contains("<a href=\"/van-ban/chi-thi-05-ct-tw/\" title=\"Chỉ thị số 05-CT/TW\">Chỉ thị số <span class=\"so-hieu\">05-CT/TW</span></a>"))
    }

    @Test func aHeadlineCitationCountsWithoutALinkInTheHeadline() async throws {
        let site = try TempSite([
            "Content/a.md": article("Quán triệt Chỉ thị số 05-CT/TW ở Hậu Giang", date: "2017-02-01", body: "Hội nghị diễn ra trong hai ngày."),
        ])
        defer { site.cleanup() }
        try await site.build()
        let pages = site.pages()
        let doc = try #require(pages["van-ban/chi-thi-05-ct-tw/index.html"])
        #expect(doc.contains("Quán triệt Chỉ thị số <span class=\"so-hieu\">05-CT/TW</span> ở Hậu Giang"))
        let page = try #require(pages["2017/02/quan-triet-chi-thi-so-05-ct-tw-o-hau-giang/index.html"])
        #expect(!page.contains("<h1><a") && !page.contains("05-CT/TW</span></a> ở Hậu Giang</h1>"))
    }

    @Test func aDocumentCitedInOneOrTwoYearsHasALineNotAChart() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        try await site.build()
        let doc = try #require(site.pages()["van-ban/chi-thi-05-ct-tw-2016/index.html"])
        #expect(doc.contains("Được nhắc trong 3 bài, từ năm 2016 đến năm 2017"))
        #expect(!doc.contains("<svg"))
        // The citing articles come before what only some readers look for.
        let list = try #require(doc.range(of: "class=\"citations\""))
        #expect(doc.range(of: "Thường được nhắc cùng").map { list.lowerBound < $0.lowerBound } ?? true)
    }

    @Test func citationsOverThreeYearsOrMoreGetTheChart() async throws {
        var files = Self.files
        files["Content/2018/d.md"] = article("Tổng kết", date: "2018-01-15", body: "Tổng kết Chỉ thị số 05-CT/TW ở các huyện.")
        let site = try TempSite(files)
        defer { site.cleanup() }
        try await site.build()
        let doc = try #require(site.pages()["van-ban/chi-thi-05-ct-tw-2016/index.html"])
        #expect(doc.contains("<svg") && doc.contains("Số bài theo năm, 2016–2018"))
    }

    @Test func aPlenumPageNamesTheResolutionsItAdopted() async throws {
        let site = try TempSite([
            "Content/a.md": article("Học tập nghị quyết", date: "2017-06-20", body: "Cán bộ học tập Nghị quyết Trung ương 5 khóa XII."),
            "Content/b.md": article("Kinh tế tư nhân", date: "2017-07-20", body: "Nghị quyết số 10-NQ/TW ngày 3-6-2017 mở đường cho kinh tế tư nhân."),
        ])
        defer { site.cleanup() }
        try await site.build()
        let doc = try #require(site.pages()["van-ban/nghi-quyet-trung-uong-5-khoa-xii/index.html"])
        #expect(doc.contains("<a href=\"/van-ban/nghi-quyet-10-nq-tw-2017/\">Nghị quyết số <span class=\"so-hieu\">10-NQ/TW</span></a> ngày 3/6/2017"))
        #expect(doc.contains("Nghị quyết số <span class=\"so-hieu\">12-NQ/TW</span> ngày 3/6/2017"))
    }

    @Test func aPlenumThatAdoptedOneResolutionIsThatResolution() async throws {
        let site = try TempSite([
            "Content/a.md": article("Kinh tế biển", date: "2019-03-01", body: "Triển khai Nghị quyết Trung ương 8 khóa XII về kinh tế biển."),
        ])
        defer { site.cleanup() }
        try await site.build()
        #expect(site.pages()["van-ban/nghi-quyet-36-nq-tw-2018/index.html"] != nil)
    }

    @Test func anEighthPlenumIn2017IsNotKhoaXII() async throws {
        let site = try TempSite([
            "Content/a.md": article("Nhớ Pác Bó", date: "2017-05-19", body: "Nghị quyết Trung ương 8 năm 1941 đặt nhiệm vụ giải phóng dân tộc lên hàng đầu."),
        ])
        defer { site.cleanup() }
        try await site.build()
        let pages = site.pages()
        #expect(pages.keys.contains { $0.hasPrefix("van-ban/nghi-quyet-trung-uong-8-khoa-xii") } == false)
        let doc = try #require(pages["van-ban/nghi-quyet-trung-uong-8/index.html"])
        #expect(doc.contains("Chưa xác định được khóa"))
    }
}

/// Same-titled reports in one month: each published, the later under a suffix, with a warning.
@Suite struct DuplicateSlugTests {
    @Test func theLaterArticleGetsASuffixAndAWarningNamingBoth() async throws {
        let body = "Hội nghị thông qua nghị quyết về công tác cán bộ."
        let site = try TempSite([
            "Content/2017/a.md": article("Hội nghị Ban Chấp hành Đảng bộ tỉnh", date: "2017-03-02", body: body),
            "Content/2017/b.md": article("Hội nghị Ban Chấp hành Đảng bộ tỉnh", date: "2017-03-20", body: body + " Lần hai."),
            "Content/2017/c.md": article("Hội nghị Ban Chấp hành Đảng bộ tỉnh", date: "2017-03-20", body: body + " Lần ba."),
        ])
        defer { site.cleanup() }
        let report = try await site.build()
        let pages = site.pages()
        let a = try #require(pages["2017/03/hoi-nghi-ban-chap-hanh-dang-bo-tinh/index.html"])
        let b = try #require(pages["2017/03/hoi-nghi-ban-chap-hanh-dang-bo-tinh-2/index.html"])
        let c = try #require(pages["2017/03/hoi-nghi-ban-chap-hanh-dang-bo-tinh-3/index.html"])
        #expect(a.contains("Hội nghị thông qua") && b.contains("Lần hai") && c.contains("Lần ba"))
        #expect(report.warnings.map(\.path) == ["Content/2017/b.md", "Content/2017/c.md"])
        #expect(report.warnings.first?.description.contains("Content/2017/a.md") == true)
        // Lists link each to its own page.
        let month = try #require(pages["2017/03/index.html"])
        for suffix in ["/\"", "-2/\"", "-3/\""] {
            #expect(month.contains("href=\"/2017/03/hoi-nghi-ban-chap-hanh-dang-bo-tinh" + suffix), "\(suffix)")
        }
    }
}
