import Foundation
import Testing
@testable import Archive
import Documents
import Vietnamese

func parse(_ text: String, config: SiteConfig = SiteConfig()) throws(SiteError) -> Article {
    try Article.parse(Array(text.utf8), path: "Content/x.md", config: config)
}

func error(_ text: String) -> SiteError? {
    do { _ = try parse(text); return nil } catch { return error }
}

@Suite struct FrontMatterTests {
    @Test func validFrontMatter() throws {
        let a = try parse("""
        ---
        title: Cần Thơ học tập Chỉ thị 05
        date: 2017-12-13 08:08
        author: Trần Quốc Trung
        author_title: Bí thư Thành ủy
        source: cantho.gov.vn
        tags: [Xây dựng Đảng, Cần Thơ, cần thơ]
        summary: Tóm tắt.
        draft: false
        locality: Cần Thơ
        documents: [Chỉ thị số 05-CT/TW]
        documents_exclude:
          - Quy định số 55-QĐ/TW
        chuyen_muc: Thời sự
        ---
        Thân bài.
        """)
        #expect(a.title == "Cần Thơ học tập Chỉ thị 05")
        #expect(a.date == LocalDateTime(year: 2017, month: 12, day: 13, hour: 8, minute: 8))
        #expect(a.author == "Trần Quốc Trung")
        #expect(a.authorTitle == "Bí thư Thành ủy")
        #expect(a.tags == ["Xây dựng Đảng", "Cần Thơ"])
        #expect(a.slug == "can-tho-hoc-tap-chi-thi-05")
        #expect(a.documentsAdded.map(\.text) == ["Chỉ thị số 05-CT/TW"])
        #expect(a.documentsExcluded.map(\.text) == ["Quy định số 55-QĐ/TW"])
        #expect(a.extra["chuyen_muc"] == .text("Thời sự"))
        #expect(a.bodyLine == 16)
        #expect(a.draft == false)
    }

    @Test func slugFromFrontMatterAndCRLFAndBOM() throws {
        let a = try parse("\u{FEFF}---\r\ntitle: Bài\r\ndate: 2020-01-02\r\nslug: Đường dây nóng\r\n---\r\nThân.\r\n")
        #expect(a.slug == "duong-day-nong")
        #expect(a.date.year == 2020)
    }

    @Test func dateZoneComesFromTheSite() throws {
        var c = SiteConfig()
        c.timeZoneOffset = 0
        #expect(try parse("---\ntitle: A\ndate: 2020-01-02 10:00\n---\n", config: c).date.offset == 0)
    }

    @Test(arguments: [
        ("Không có front matter.\n", 1, "no front matter"),
        ("---\ntitle: A\ndate: 2020-01-02\n", 1, "never closed"),
        ("---\ndate: 2020-01-02\n---\n", 1, "no “title:”"),
        ("---\ntitle: A\n---\n", 1, "no “date:”"),
        ("---\ntitle: A\ndate: 13/12/2017\n---\n", 3, "is not a date"),
        ("---\ntitle: A\ndate: 2017-02-30\n---\n", 3, "no such day"),
        ("---\ntitle: [A, B]\ndate: 2017-02-03\n---\n", 2, "must be text"),
        ("---\ntitle: A\ndate: 2017-02-03\ntags:\n  a: b\n---\n", 5, "must be a list"),
        ("---\ntitle: A\ndate: 2017-02-03\ndraft: có\n---\n", 4, "true or false"),
        ("---\ntitle: \"A\ndate: 2017-02-03\n---\n", 2, "not valid YAML"),
        ("---\ntitle: A: B\ndate: 2017-02-03\n---\n", 2, "not valid YAML"),
        ("---\ntitle:\ndate: 2017-02-03\n---\n", 2, "is empty"),
    ])
    func invalidFrontMatterNamesTheLine(text: String, line: Int, message: String) {
        let e = error(text)
        #expect(e != nil)
        #expect(e?.line == line, "\(String(describing: e))")
        #expect(e?.message.contains(message) == true, "\(String(describing: e))")
        #expect(e?.description.hasPrefix("Content/x.md:\(line):") == true)
        #expect(e?.description.contains(": error: ") == true)
    }
}

@Suite struct SiteConfigTests {
    @Test func missingFileGivesDefaults() throws {
        let c = try SiteConfig.load(yaml: nil, path: "site.yml")
        #expect(c == SiteConfig())
        #expect(c.language == "vi")
        #expect(c.timeZoneOffset == 25200)
        #expect(c.basePath == "/")
    }

    @Test func readsKeys() throws {
        let c = try SiteConfig.load(yaml: "title: Lưu trữ\nbase_url: https://example.gov.vn/archive\ntimezone: \"+08:00\"\npage_size: 5\nlocality: Cần Thơ\n", path: "site.yml")
        #expect(c.title == "Lưu trữ")
        #expect(c.basePath == "/archive/")
        #expect(c.timeZoneOffset == 8 * 3600)
        #expect(c.pageSize == 5)
        #expect(c.locality == "Cần Thơ")
    }

    @Test(arguments: ["page_size: không", "page_size: 0", "timezone: sao Hỏa", "article_url: /{year}/", "article_url: /../{slug}/", "allow_raw_html: có lẽ"])
    func rejectsBadValues(yaml: String) {
        #expect(throws: SiteError.self) { try SiteConfig.load(yaml: yaml, path: "site.yml") }
    }

    @Test func registryFileErrorsNameTheLine() {
        do {
            _ = try RegistryFile.load(yaml: "- label: Chỉ thị số 05-CT/TW\n  date: 2016-05-15\n- label: Văn bản gì đó\n", path: "Content/documents.yml")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
        }
        #expect(throws: SiteError.self) { try RegistryFile.load(yaml: "- label: Chỉ thị số 05-CT/TW\n  date: hôm qua\n", path: "d.yml") }
    }

    @Test func registryFileReadsAliases() throws {
        let r = try RegistryFile.load(yaml: """
        - label: Nghị quyết số 04-NQ/TW
          date: 2016-10-30
          title: Về tăng cường xây dựng, chỉnh đốn Đảng
          aliases: [Nghị quyết Hội nghị Trung ương 4 khóa XII]
        """, path: "d.yml")
        #expect(r.documents.count == 1)
        #expect(r.documents[0].key.slug == "nghi-quyet-04-nq-tw-2016")
        #expect(r.aliasMap.count == 1)
    }
}

@Suite struct SimpleYAMLTests {
    static func describe(_ fm: FrontMatter) -> [String] {
        fm.fields.map { key, f in "\(key)@\(f.line):\(f.column)=\(String(describing: f.value))" }.sorted()
    }

    static let samples = [
        "---\ntitle: Cần Thơ\ndate: 2017-12-13 08:08\ntags: [Xây dựng Đảng, Cần Thơ]\ndraft: false\n---\n",
        "---\ntitle: \"Cần Thơ: nêu gương\"\nauthor: 'Lê O''Brien'\ntags:\n  - Một\n  - \"Hai\"\nsummary:\n---\n",
        "---\n# chú thích\ntitle: A\r\ndate: 2017-12-13\r\nnull_key: ~\nempty_list: []\n---\n",
        "---\ntitle: A\nnested:\n  a: b\n---\n",
        "---\ntitle: |\n  khối\ndate: 2017-01-01\n---\n",
        "---\ntitle: A # chú thích\ndate: 2017-01-01\n---\n",
        "---\ntitle: &x A\nother: *x\n---\n",
    ]

    @Test(arguments: samples)
    func fastPathAgreesWithYams(text: String) throws {
        let fast = try FrontMatter.parse(Array(text.utf8), path: "x.md")
        let yams = try FrontMatter.parse(Array(text.utf8), path: "x.md", fastPath: false)
        #expect(Self.describe(fast) == Self.describe(yams))
    }

    @Test func everySampleArticleTakesTheFastPathAndAgrees() throws {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Content").path
        let files = FileManager.default.enumerator(atPath: content)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") } ?? []
        #expect(files.count >= 30)
        for f in files {
            let bytes = Array(FileManager.default.contents(atPath: content + "/" + f)!)
            let end = bytes.indices.dropFirst(4).first { i in bytes[i - 4..<i].elementsEqual("\n---".utf8) }!
            #expect(try SimpleYAML.parse(bytes[4..<(end - 3)], firstLine: 2, path: f) != nil, "\(f) should not need Yams")
            #expect(Self.describe(try FrontMatter.parse(bytes, path: f)) == Self.describe(try FrontMatter.parse(bytes, path: f, fastPath: false)), "\(f)")
        }
    }
}
