import Foundation
import Testing
@testable import Site

/// A session's rebuilds after each kind of edit must leave exactly what a full build of the same files writes.
@Suite("Incremental rebuilds")
struct IncrementalTests {
    static let siteFiles: [String: String] = [
        "site.yml": "title: Lưu trữ thử\npage_size: 2\nbase_url: https://vi.example/\n",
        "Content/documents.yml": """
        documents:
          - label: Chỉ thị số 05-CT/TW
            year: 2016
            title: Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
        """,
        "Content/2017/a.md": article("Học tập và làm theo gương Bác", date: "2017-12-13", tags: ["Xây dựng Đảng"],
                                     body: "Quận ủy triển khai Chỉ thị số 05-CT/TW trong toàn Đảng bộ.\n\n## Kết quả\n\nNhiều mô hình hay."),
        "Content/2017/b.md": article("Hội nghị sơ kết", date: "2017-11-02", tags: ["Xây dựng Đảng", "Kinh tế"],
                                     body: "Hội nghị bàn việc thực hiện Nghị quyết số 18-NQ/TW năm 2017 về sắp xếp bộ máy."),
        "Content/2018/c.md": article("Tổng kết năm", date: "2018-01-20", tags: ["Kinh tế"],
                                     body: "Tỉnh ủy đánh giá kết quả thực hiện Chỉ thị số 05-CT/TW và Nghị quyết số 18-NQ/TW năm 2017."),
        "Content/2018/d.md": article("Đoàn kiểm tra làm việc", date: "2018-03-05", body: "Đoàn kiểm tra làm việc tại phường An Hòa."),
        "Content/2016/e.md": article("Triển khai chuyên đề", date: "2016-06-01", tags: ["Văn hóa"],
                                     body: "Chuyên đề năm 2016 theo Chỉ thị số 05-CT/TW."),
    ]

    /// An edit, the paths a watcher would report for it, and what it does.
    struct Edit: CustomStringConvertible, Sendable {
        var description: String
        var changed: [String]
        var apply: @Sendable (TempSite) throws -> Void
    }

    static let edits: [Edit] = [
        Edit(description: "body text", changed: ["Content/2018/d.md"]) {
            try $0.write("Content/2018/d.md", article("Đoàn kiểm tra làm việc", date: "2018-03-05", body: "Đoàn kiểm tra làm việc tại xã Mỹ Khánh."))
        },
        Edit(description: "the sentence citing a document, and how often", changed: ["Content/2018/c.md"]) {
            try $0.write("Content/2018/c.md", article("Tổng kết năm", date: "2018-01-20", tags: ["Kinh tế"],
                                                      body: "Ban Thường vụ kiểm điểm Chỉ thị số 05-CT/TW và Nghị quyết số 18-NQ/TW năm 2017.\n\nChỉ thị số 05-CT/TW được đưa vào sinh hoạt chi bộ."))
        },
        Edit(description: "title", changed: ["Content/2017/b.md"]) {
            try $0.write("Content/2017/b.md", article("Hội nghị sơ kết giữa nhiệm kỳ", date: "2017-11-02", tags: ["Xây dựng Đảng", "Kinh tế"],
                                                      body: "Hội nghị bàn việc thực hiện Nghị quyết số 18-NQ/TW năm 2017 về sắp xếp bộ máy."))
        },
        Edit(description: "date moves to another year", changed: ["Content/2016/e.md"]) {
            try $0.write("Content/2016/e.md", article("Triển khai chuyên đề", date: "2019-02-01", tags: ["Văn hóa"],
                                                      body: "Chuyên đề năm 2016 theo Chỉ thị số 05-CT/TW."))
        },
        Edit(description: "tag spelled differently becomes the newest", changed: ["Content/2018/d.md"]) {
            try $0.write("Content/2018/d.md", article("Đoàn kiểm tra làm việc", date: "2018-03-05", tags: ["kinh tế"], body: "Đoàn kiểm tra."))
        },
        Edit(description: "a citation of a new document", changed: ["Content/2018/d.md"]) {
            try $0.write("Content/2018/d.md", article("Đoàn kiểm tra làm việc", date: "2018-03-05",
                                                      body: "Đoàn kiểm tra việc thực hiện Quy định số 08-QĐi/TW năm 2018."))
        },
        Edit(description: "an older article that takes another's URL", changed: ["Content/2018/d2.md"]) {
            try $0.write("Content/2018/d2.md", article("Đoàn kiểm tra làm việc", date: "2018-03-01", body: "Một đoàn khác, cùng tên bài."))
        },
        Edit(description: "an article added", changed: ["Content/2019/f.md"]) {
            try $0.write("Content/2019/f.md", article("Bài mới nhất", date: "2019-05-01", tags: ["Văn hóa"],
                                                      body: "Tiếp tục thực hiện Chỉ thị số 05-CT/TW, “Về đẩy mạnh học tập”."))
        },
        Edit(description: "an article made a draft", changed: ["Content/2018/d.md"]) {
            try $0.write("Content/2018/d.md", article("Đoàn kiểm tra làm việc", date: "2018-03-05", extra: "draft: true\n",
                                                      body: "Đoàn kiểm tra việc thực hiện Quy định số 08-QĐi/TW năm 2018."))
        },
        Edit(description: "a draft published again, with a summary and an image", changed: ["Content/2018/d.md"]) {
            try $0.write("Content/2018/d.md", article("Đoàn kiểm tra làm việc", date: "2018-03-05",
                                                      extra: "summary: Tóm tắt do biên tập viên viết.\nimage: /anh/doan-kiem-tra.jpg\n",
                                                      body: "Đoàn kiểm tra việc thực hiện Quy định số 08-QĐi/TW năm 2018."))
        },
        Edit(description: "an article deleted", changed: ["Content/2017/a.md"]) { try $0.remove("Content/2017/a.md") },
        Edit(description: "an article renamed", changed: ["Content/2018/c.md", "Content/2018/c2.md"]) {
            let text = try String(contentsOfFile: $0.dir + "/Content/2018/c.md", encoding: .utf8)
            try $0.remove("Content/2018/c.md")
            try $0.write("Content/2018/c2.md", text)
        },
        Edit(description: "a page template overridden", changed: ["Templates/document.mustache"]) {
            let text = try String(contentsOfFile: repositoryRoot + "/Templates/document.mustache", encoding: .utf8)
            try $0.write("Templates/document.mustache", text.replacingOccurrences(of: "</h1>", with: " ✦</h1>"))
        },
        Edit(description: "the list item partial overridden", changed: ["Templates/partials/article-item.mustache"]) {
            let text = try String(contentsOfFile: repositoryRoot + "/Templates/partials/article-item.mustache", encoding: .utf8)
            try $0.write("Templates/partials/article-item.mustache", "<!-- mục -->" + text)
        },
        Edit(description: "the layout overridden", changed: ["Templates/layout.mustache"]) {
            let text = try String(contentsOfFile: repositoryRoot + "/Templates/layout.mustache", encoding: .utf8)
            try $0.write("Templates/layout.mustache", text.replacingOccurrences(of: "</footer>", with: "<p>Bản thử</p></footer>"))
        },
        Edit(description: "an asset added, then the layout override removed", changed: ["Templates/assets/logo.svg", "Templates/layout.mustache"]) {
            try $0.write("Templates/assets/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
            try $0.remove("Templates/layout.mustache")
        },
        Edit(description: "a stylesheet changed", changed: ["Templates/assets/style.css"]) {
            try $0.write("Templates/assets/style.css", "body { color: #222; }\n")
        },
        Edit(description: "documents.yml", changed: ["Content/documents.yml"]) {
            try $0.write("Content/documents.yml", "documents:\n  - label: Nghị quyết số 18-NQ/TW\n    year: 2017\n    title: Một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy\n")
        },
        Edit(description: "site.yml", changed: ["site.yml"]) {
            try $0.write("site.yml", "title: Lưu trữ mới\npage_size: 3\n")
        },
    ]

    func fullBuild(_ site: TempSite) async throws -> [String: String] {
        let out = site.dir + "/Full"
        try await site.build(output: out)
        return site.pages(in: out)
    }

    func expectSame(_ session: [String: String], _ full: [String: String], after: String) {
        #expect(Set(session.keys) == Set(full.keys), "files differ after \(after)")
        for (path, text) in full where session[path] != text {
            Issue.record("\(path) differs from a full build after \(after)")
        }
    }

    @Test("every edit, applied in turn, leaves what a full build leaves")
    func editsMatchFullBuilds() async throws {
        let site = try TempSite(Self.siteFiles)
        defer { site.cleanup() }
        let session = try SiteSession(siteDirectory: site.dir, outputDirectory: site.dir + "/Preview")
        let first = try await session.rebuild()
        #expect(first.full)
        _ = try await session.updateData()
        expectSame(site.pages(in: site.dir + "/Preview"), try await fullBuild(site), after: "the first build")
        for edit in Self.edits {
            try edit.apply(site)
            let summary = try await session.rebuild(changed: edit.changed)
            if edit.description.hasPrefix("body") || edit.description.hasPrefix("the sentence") {
                #expect(summary.patchedIndex, "\(edit) should patch the index")
            }
            #expect(!summary.written.isEmpty || !summary.removed.isEmpty, "nothing rebuilt after \(edit)")
            _ = try await session.updateData()
            expectSame(site.pages(in: site.dir + "/Preview"), try await fullBuild(site), after: edit.description)
        }
    }

    @Test("a body edit rewrites its article page and only pages that show its text")
    func bodyEditIsLocal() async throws {
        let site = try TempSite(Self.siteFiles)
        defer { site.cleanup() }
        let session = try SiteSession(siteDirectory: site.dir, outputDirectory: site.dir + "/Preview")
        let first = try await session.rebuild()
        try site.write("Content/2018/d.md", article("Đoàn kiểm tra làm việc", date: "2018-03-05", body: "Đoàn kiểm tra làm việc tại xã Mỹ Khánh."))
        let summary = try await session.rebuild(changed: ["Content/2018/d.md"])
        #expect(summary.articlesReloaded == 1)
        #expect(summary.patchedIndex, "a body edit patches the index")
        #expect(summary.written.contains("2018/03/doan-kiem-tra-lam-viec/index.html"))
        // Its neighbours link to it by title, which did not change… but their fingerprints include it: allowed.
        #expect(summary.written.count < first.written.count / 3, "wrote \(summary.written)")
        #expect(!summary.written.contains("2017/12/hoc-tap-va-lam-theo-guong-bac/index.html"))
        #expect(!summary.written.contains("chu-de/van-hoa/index.html"))
        let again = try await session.rebuild(changed: ["Content/2018/d.md"])
        #expect(again.written.isEmpty && again.articlesReloaded == 0, "an unchanged file rebuilds nothing")
    }

    @Test("a template change rewrites the pages made with it and no others")
    func templateEditIsLocal() async throws {
        let site = try TempSite(Self.siteFiles)
        defer { site.cleanup() }
        let session = try SiteSession(siteDirectory: site.dir, outputDirectory: site.dir + "/Preview")
        _ = try await session.rebuild()
        let text = try String(contentsOfFile: repositoryRoot + "/Templates/tags.mustache", encoding: .utf8)
        try site.write("Templates/tags.mustache", text + "<!-- chủ đề -->\n")
        let summary = try await session.rebuild(changed: ["Templates/tags.mustache"])
        #expect(summary.written == ["chu-de/index.html"])
    }

    @Test("a broken article fails the rebuild, leaves the last good output, and a fix recovers")
    func errorsKeepTheLastGoodOutput() async throws {
        let site = try TempSite(Self.siteFiles)
        defer { site.cleanup() }
        let session = try SiteSession(siteDirectory: site.dir, outputDirectory: site.dir + "/Preview")
        _ = try await session.rebuild()
        let before = site.pages(in: site.dir + "/Preview")
        try site.write("Content/2018/d.md", "---\ntitle: [chưa đóng\ndate: 2018-03-05\n---\nThân bài.\n")
        do {
            _ = try await session.rebuild(changed: ["Content/2018/d.md"])
            Issue.record("a broken article must fail the rebuild")
        } catch {
            #expect(error.description.contains("Content/2018/d.md:2:"), "\(error.description)")
        }
        #expect(site.pages(in: site.dir + "/Preview") == before)
        // A later, unrelated edit still fails while the article is broken, and still writes nothing.
        try site.write("Content/2018/c.md", article("Tổng kết năm 2018", date: "2018-01-20", body: "Sửa."))
        await #expect(throws: SiteFailure.self) { _ = try await session.rebuild(changed: ["Content/2018/c.md"]) }
        #expect(site.pages(in: site.dir + "/Preview") == before)
        try site.write("Content/2018/d.md", article("Đoàn kiểm tra", date: "2018-03-05", body: "Đã sửa."))
        _ = try await session.rebuild(changed: ["Content/2018/d.md"])
        _ = try await session.updateData()
        expectSame(site.pages(in: site.dir + "/Preview"), try await fullBuild(site), after: "the fix")
    }

    @Test("list entries that cannot be written again fail the rebuild; the next rebuild reads everything and matches a full build")
    func listEntriesFailingToSpillRecover() async throws {
        let site = try TempSite(Self.siteFiles)
        defer { site.cleanup() }
        let work = site.dir + "/work"
        let session = try SiteSession(siteDirectory: site.dir, outputDirectory: site.dir + "/Preview", workDirectory: work)
        _ = try await session.rebuild()
        // The work folder gone (a disk cleaner, say): the new list entries have nowhere to go.
        try FileManager.default.removeItem(atPath: work)
        let text = try String(contentsOfFile: repositoryRoot + "/Templates/partials/article-item.mustache", encoding: .utf8)
        try site.write("Templates/partials/article-item.mustache", "<!-- mục -->" + text)
        await #expect(throws: SiteFailure.self) { _ = try await session.rebuild(changed: ["Templates/partials/article-item.mustache"]) }
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let summary = try await session.rebuild(changed: [])
        #expect(summary.full, "records that may point into the unfinished file are read again")
        _ = try await session.updateData()
        expectSame(site.pages(in: site.dir + "/Preview"), try await fullBuild(site), after: "the recovery")
    }
}
