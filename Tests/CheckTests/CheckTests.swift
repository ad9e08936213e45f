import Foundation
import Markup
import Testing
@testable import Site

/// A site in a temporary folder, written from an inline file map.
struct TempSite {
    let dir = NSTemporaryDirectory() + "bantin-check-" + UUID().uuidString

    init(_ files: [String: String]) throws {
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let full = dir + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    /// Every file and folder under the site, with each file's size and modification time.
    func listing() -> [String] {
        var out: [String] = []
        let walker = FileManager.default.enumerator(atPath: dir)
        while let rel = walker?.nextObject() as? String {
            let a = try? FileManager.default.attributesOfItem(atPath: dir + "/" + rel)
            out.append("\(rel) \(a?[.size] ?? 0) \(String(describing: a?[.modificationDate]))")
        }
        return out.sorted()
    }

    func check(strict: Bool = false, baseURL: String? = nil) async throws -> CheckReport {
        try await SiteChecker.check(BuildOptions(siteDirectory: dir, baseURL: baseURL))
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: dir) }
}

/// The repository's root, for the bundled sample archive.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

let other = """
---
title: Sơ kết công tác tuyên giáo
date: 2017-11-02
---
Mở đầu bài viết.

## Kết quả đạt được

Nội dung.

## Phương hướng

Nội dung.
"""

/// The main article; `extra` is its last paragraph, on line 10 of the file (with no `front`).
func main(_ extra: String = "", front: String = "") -> String {
    """
    ---
    title: Hội nghị học tập Nghị quyết
    date: 2017-12-03
    \(front)---
    Xem [bài trước](/2017/11/so-ket-cong-tac-tuyen-giao/) và [phần kết quả](/2017/11/so-ket-cong-tac-tuyen-giao/#ket-qua-dat-duoc),
    [từ trang này](../../11/so-ket-cong-tac-tuyen-giao/), [mục dưới](#noi-dung-chinh) và ![ảnh hội nghị](/anh/hoi-nghi.png).

    ## Nội dung chính

    \(extra)
    """
}

func site(_ extra: String = "", front: String = "", more: [String: String] = [:]) throws -> TempSite {
    var files = ["Content/2017/11/so-ket.md": other, "Content/2017/12/hoi-nghi.md": main(extra, front: front),
                 "static/anh/hoi-nghi.png": "không phải ảnh thật", "site.yml": "title: Bản tin thử\n"]
    for (k, v) in more { files[k] = v }
    return try TempSite(files)
}

@Suite struct CheckTests {
    @Test("a clean site has no problem, passes --strict, and links between articles by URL are found")
    func cleanSite() async throws {
        let s = try site()
        defer { s.cleanup() }
        let report = try await s.check()
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(!report.fails(strict: true))
        #expect(report.articles == 2)
        #expect(report.links > 20)
    }

    @Test("nothing is written: the site's files are as they were, no Output/, no cache, no staging folder beside it")
    func writesNothing() async throws {
        let s = try site("[hỏng](/khong-co/)")
        defer { s.cleanup() }
        let before = s.listing()
        let parent = (s.dir as NSString).deletingLastPathComponent
        let around = try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.contains((s.dir as NSString).lastPathComponent) }
        let report = try await s.check()
        #expect(report.errors == 1)
        #expect(s.listing() == before)
        #expect(!FileManager.default.fileExists(atPath: s.dir + "/Output"))
        #expect(!FileManager.default.fileExists(atPath: s.dir + "/.bantin-cache"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.contains((s.dir as NSString).lastPathComponent) } == around)
    }

    @Test("a broken link in an article is reported at the article's path and the line and column of the link")
    func brokenLinkAtItsPlace() async throws {
        let s = try site("Đọc thêm [bài cũ](/2017/10/bai-cu/) ở đây.")
        defer { s.cleanup() }
        let report = try await s.check()
        let p = try #require(report.problems.first)
        #expect(report.problems.count == 1)
        #expect(p.severity == .error)
        #expect("\(p.path):\(p.line):\(p.column)" == "Content/2017/12/hoi-nghi.md:10:10", "\(p)")
        #expect(p.message.contains("“/2017/10/bai-cu/”"))
        #expect(report.fails(strict: false))
    }

    @Test("a relative link is followed from the page's URL, as a browser does, and the fix names the article meant")
    func relativeLinkFromThePage() async throws {
        let s = try site("[bài trước](../11/so-ket-cong-tac-tuyen-giao/)")
        defer { s.cleanup() }
        let p = try #require(try await s.check().problems.first)
        #expect(p.line == 10 && p.column == 1)
        #expect(p.message.contains("leads to /2017/12/11/so-ket-cong-tac-tuyen-giao/"), "\(p.message)")
        #expect(p.message.contains("did you mean /2017/11/so-ket-cong-tac-tuyen-giao/?"), "\(p.message)")
    }

    @Test("a link to an article's Markdown file names the article's URL to write instead")
    func markdownFileLink() async throws {
        let s = try site("Xem [bài trước](../11/so-ket.md#ket-qua-dat-duoc).")
        defer { s.cleanup() }
        let p = try #require(try await s.check().problems.first)
        #expect("\(p.line):\(p.column)" == "10:5")
        #expect(p.message.contains("names the Markdown file Content/2017/11/so-ket.md"), "\(p.message)")
        #expect(p.message.hasSuffix("link to the article's URL instead: /2017/11/so-ket-cong-tac-tuyen-giao/#ket-qua-dat-duoc"), "\(p.message)")
    }

    @Test("a missing anchor, on another page or on the same one, is an error that lists the headings' anchors", arguments: [
        ("[kết quả](/2017/11/so-ket-cong-tac-tuyen-giao/#ket-qua)", "#ket-qua-dat-duoc, #phuong-huong"),
        ("[mục](#muc-khong-co)", "#noi-dung-chinh"),
    ])
    func missingAnchor(_ link: String, _ anchors: String) async throws {
        let s = try site("Chi tiết: " + link)
        defer { s.cleanup() }
        let report = try await s.check()
        let p = try #require(report.problems.first)
        #expect(report.problems.count == 1)
        #expect("\(p.path):\(p.line):\(p.column)" == "Content/2017/12/hoi-nghi.md:10:11", "\(p)")
        #expect(p.message.contains("its headings' anchors are \(anchors)"), "\(p.message)")
    }

    @Test("a missing image in the body is an error at its place; a missing image: is the build's warning, which --strict fails")
    func missingImages() async throws {
        let body = try site("Ảnh: ![ảnh](/anh/khong-co.jpg)")
        defer { body.cleanup() }
        let problems = try await body.check().problems
        let p = try #require(problems.first)
        // Said once (the build's warning, which names the file looked for, and the link checker's error are one
        // problem), as an error.
        #expect(problems.count == 1, "\(problems)")
        #expect("\(p.line):\(p.column)" == "10:6")
        #expect(p.severity == .error)
        #expect(p.message.hasPrefix("the image static/anh/khong-co.jpg does not exist"), "\(p.message)")

        let front = try site(front: "image: /anh/khong-co.jpg\nimage_alt: Hội trường\n")
        defer { front.cleanup() }
        let report = try await front.check()
        // Said once, as the build says it: not again for the page's <img>.
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.severity == .warning)
        #expect(report.problems.first?.line == 4)
        #expect(!report.fails(strict: false))
        #expect(report.fails(strict: true))
    }

    @Test("a broken link or anchor of the theme is reported once, at the template's line and column")
    func themeLink() async throws {
        let layout = String(decoding: try #require(Templating_layout()), as: UTF8.self)
            .replacingOccurrences(of: "{{site.base}}van-ban/\"", with: "{{site.base}}van-ban-cu/\"")
            .replacingOccurrences(of: "href=\"#noi-dung\"", with: "href=\"#noi-dung-chinh-trang\"")
        let s = try site(more: ["Templates/layout.mustache": layout])
        defer { s.cleanup() }
        let report = try await s.check()
        let lines = layout.split(separator: "\n", omittingEmptySubsequences: false)
        let vanBan = try #require(lines.firstIndex { $0.contains("van-ban-cu/") }) + 1
        let skip = try #require(lines.firstIndex { $0.contains("#noi-dung-chinh-trang") }) + 1
        #expect(report.problems.map { "\($0.path):\($0.line)" } == ["Templates/layout.mustache:\(skip)", "Templates/layout.mustache:\(vanBan)"])
        #expect(report.problems.allSatisfy { $0.message.hasSuffix("pages)") })
    }

    @Test("under a base URL with a path, links resolve inside it; one written for the host's root is said, with the fix")
    func basePath() async throws {
        let s = try site("[gốc](/luu-tru/2017/11/so-ket-cong-tac-tuyen-giao/) [quên](/2017/11/so-ket-cong-tac-tuyen-giao/) [tuyệt đối](https://example.vn/luu-tru/2017/11/so-ket-cong-tac-tuyen-giao/#phuong-huong) [khác](https://example.vn/ban-do/)",
                         more: ["site.yml": "title: Bản tin thử\nbase_url: https://example.vn/luu-tru/\n"])
        defer { s.cleanup() }
        let report = try await s.check()
        let errors = report.problems.filter { $0.severity == .error }
        // The article's own first links were written for the root: both said; the base path's own warning too. The
        // image at /anh/… is a file of static/, which the build puts under the base path: no error.
        #expect(errors.map(\.line) == [5, 5, 10], "\(errors)")
        #expect(errors.last?.column == "[gốc](/luu-tru/2017/11/so-ket-cong-tac-tuyen-giao/) ".unicodeScalars.count + 1)
        #expect(errors.last?.message.contains("leaves the site's base path /luu-tru/; write /luu-tru/2017/11/so-ket-cong-tac-tuyen-giao/") == true)
        #expect(report.warnings == 1)
    }

    @Test("with raw HTML allowed, a link the HTML writes is said at the body's first line; the Markdown's stay at their place")
    func rawHTML() async throws {
        let raw = "<a href=\"/khong-co/\">cũ</a> và "
        let s = try site(raw + "[mới](/cung-khong-co/)", more: ["site.yml": "title: Bản tin thử\nallow_raw_html: true\n"])
        defer { s.cleanup() }
        let report = try await s.check()
        #expect(report.problems.map { "\($0.line):\($0.column)" } == ["5:1", "10:\(raw.unicodeScalars.count + 1)"], "\(report.problems)")
        #expect(report.problems.allSatisfy { $0.severity == .error })
    }

    @Test("errors the build stops at are the check's too: front matter, site.yml, documents.yml, at path:line:col")
    func buildErrors() async throws {
        let s = try site(more: ["Content/2017/12/hong.md": "---\ntitle: [thiếu\ndate: 2017-12-05\n---\nx\n",
                                "Content/documents.yml": "- label: Nghị quyết số 04-NQ/TW\n  title: [thiếu\n"])
        defer { s.cleanup() }
        let report = try await s.check()
        #expect(report.problems.map(\.path).contains("Content/2017/12/hong.md"), "\(report.problems)")
        #expect(report.problems.map(\.path).contains("Content/documents.yml"), "\(report.problems)")
        #expect(report.problems.allSatisfy { $0.severity == .error && $0.line > 1 })
        #expect(!FileManager.default.fileExists(atPath: s.dir + "/Output"))
    }

    @Test("the bundled sample archive has no problem")
    func sampleArchive() async throws {
        let report = try await SiteChecker.check(BuildOptions(siteDirectory: repositoryRoot))
        #expect(report.problems.isEmpty, "\(report.problems.map(\.description))")
        #expect(report.articles > 20)
    }
}

/// The default theme's layout, to change one line of it.
func Templating_layout() -> [UInt8]? {
    FileManager.default.contents(atPath: repositoryRoot + "/Templates/layout.mustache").map { [UInt8]($0) }
}

@Suite struct LinkResolutionTests {
    @Test("links resolve as a browser resolves them on a page of the site", arguments: [
        ("/", nil, "../11/x/", "/2017/12/y/", LinkResolver.Target.inside(path: "2017/12/11/x/", fragment: nil)),
        ("/", nil, "../../11/x/#a", "/2017/12/y/", .inside(path: "2017/11/x/", fragment: "a")),
        ("/", nil, "#m%E1%BB%A5c", "/2017/12/y/", .samePage(fragment: "mục")),
        ("/", nil, "", "/2017/12/y/", .samePage(fragment: nil)),
        ("/", nil, "..", "/2017/", .inside(path: "", fragment: nil)),
        ("/", nil, "./?q=1", "/tim-kiem/", .inside(path: "tim-kiem/", fragment: nil)),
        ("/", nil, "/ch%E1%BB%A7-%C4%91%E1%BB%81/", "/", .inside(path: "chủ-đề/", fragment: nil)),
        ("/", nil, "mailto:bientap@example.vn", "/", .external),
        ("/", nil, "https://example.vn/x/", "/", .external),
        ("/luu-tru/", "https://example.vn/luu-tru/", "https://EXAMPLE.vn/luu-tru/2017/", "/luu-tru/", .inside(path: "2017/", fragment: nil)),
        ("/luu-tru/", "https://example.vn/luu-tru/", "//example.vn/luu-tru/a/", "/luu-tru/", .inside(path: "a/", fragment: nil)),
        ("/luu-tru/", "https://example.vn/luu-tru/", "/2017/", "/luu-tru/", .outside(path: "/2017/")),
        ("/luu-tru/", nil, "../../..", "/luu-tru/2017/12/", .outside(path: "/")),
        ("/luu-tru/", nil, "/luu-tru", "/luu-tru/2017/", .inside(path: "", fragment: nil)),
    ] as [(String, String?, String, String, LinkResolver.Target)])
    func resolves(_ base: String, _ absolute: String?, _ link: String, _ page: String, _ expected: LinkResolver.Target) {
        #expect(LinkResolver(basePath: base, absoluteBase: absolute).resolve(link, from: page) == expected)
    }

    @Test("a page's links and ids are read from its attributes, references decoded, scripts and comments skipped")
    func scansPages() {
        let page = #"<a href="/a/?x=1&amp;y=2" id=dau>x</a><!-- <a href="/comment/"> --><script>var s = '<a href="/js/">';</script>"#
            + #"<IMG SRC='anh.png' alt="<a href=x>"><form action="/tim-kiem/"></form><a name="cu"></a><p id="&#x6D;&#7909;c">"#
        let found = HTMLLinks.scan(Array(page.utf8))
        #expect(found.links.map(\.value) == ["/a/?x=1&y=2", "anh.png", "/tim-kiem/"])
        #expect(found.links.map(\.isImage) == [false, true, false])
        #expect(found.ids == ["dau", "cu", "mục"])
    }

    @Test("a link's column is the column of its bracket in the file, also on a paragraph's indented continuation line")
    func linkColumns() {
        let file = "---\ntitle: x\n---\nMột [a](x) và\n    tiếp ![ảnh](y.png) rồi [b](z)\n"
        let rendered = Markdown.render(String(file.split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: false)[3]),
                                       options: MarkdownOptions(collectSourceLinks: true))
        let placed = WrittenLink.place(rendered.sourceLinks, in: Array(file.utf8), bodyLine: 4)
        #expect(placed.map { "\($0.url)@\($0.line):\($0.column)" } == ["x@4:5", "y.png@5:10", "z@5:28"])
    }

    @Test("many links on one line are placed in one pass, each at its column")
    func manyLinksOnALine() {
        let n = 20_000
        let line = String(repeating: "ả [x](y) ", count: n)
        let rendered = Markdown.render(line, options: MarkdownOptions(collectSourceLinks: true))
        let placed = WrittenLink.place(rendered.sourceLinks, in: Array(line.utf8), bodyLine: 1)
        #expect(placed.count == n)
        #expect(placed.last?.column == (n - 1) * 9 + 3)
    }
}
