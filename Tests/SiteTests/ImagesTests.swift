import Archive
import Foundation
import Testing
@testable import Site

/// A real PNG a browser can decode: RGB, one colour, its pixels in a stored (uncompressed) deflate block.
enum PNG {
    static func make(width: Int, height: Int, red: UInt8 = 0xC0) -> [UInt8] {
        func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be32(data.count) + body + be32(Int(crc32(body)))
        }
        var raw: [UInt8] = []
        for _ in 0..<height { raw.append(0); for _ in 0..<width { raw += [red, 0x20, 0x20] } }
        precondition(raw.count < 65536)
        var a: UInt32 = 1, b: UInt32 = 0
        for x in raw { a = (a + UInt32(x)) % 65521; b = (b + a) % 65521 }
        let n = raw.count
        let zlib: [UInt8] = [0x78, 0x01, 0x01, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8(~n >> 8 & 0xFF)] + raw + be32(Int(b << 16 | a))
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", be32(width) + be32(height) + [8, 2, 0, 0, 0]) + chunk("IDAT", zlib) + chunk("IEND", [])
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for x in bytes {
            c ^= UInt32(x)
            for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return ~c
    }
}

extension TempSite {
    func write(_ path: String, bytes: [UInt8]) throws {
        let full = dir + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
    }

    func exists(_ outputPath: String, in folder: String? = nil) -> Bool {
        FileManager.default.fileExists(atPath: (folder ?? output) + "/" + outputPath)
    }
}

@Suite struct ImagesTests {
    @Test func aPageBundleIsNamedByItsFolderAndItsFilesGoNextToItsPage() async throws {
        let site = try TempSite([
            "Content/2017/12/hoi-nghi-bch/index.md": article("Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12", date: "2017-12-13",
                                                            extra: "image: anh-1.png\nimage_alt: Quang cảnh hội nghị\n",
                                                            body: "Toàn cảnh:\n\n![Đại biểu biểu quyết](anh/bieu-quyet.png)\n\n[Biên bản hội nghị](bien-ban.pdf)"),
            "Content/2017/12/hoi-nghi-bch/bien-ban.pdf": "%PDF-1.4 biên bản",
            "Content/2017/12/hoi-nghi-bch/ghi-chu.txt": "không được liên kết nhưng vẫn thuộc gói",
            "Content/2017/12/hoi-nghi-bch/.nhap.txt": "tệp ẩn",
            "Content/2017/12/khac/index.md": article("Bài có slug riêng", date: "2017-12-14", extra: "slug: slug-rieng\n", body: "x"),
        ])
        defer { site.cleanup() }
        try site.write("Content/2017/12/hoi-nghi-bch/anh-1.png", bytes: PNG.make(width: 40, height: 30))
        try site.write("Content/2017/12/hoi-nghi-bch/anh/bieu-quyet.png", bytes: PNG.make(width: 8, height: 6))
        let report = try await site.build()
        #expect(report.warnings.isEmpty, "\(report.warningLines)")
        let page = try #require(site.pages()["2017/12/hoi-nghi-bch/index.html"])
        #expect(site.pages()["2017/12/slug-rieng/index.html"] != nil, "a slug in the front matter still wins")
        for file in ["anh-1.png", "anh/bieu-quyet.png", "bien-ban.pdf", "ghi-chu.txt"] {
            #expect(site.exists("2017/12/hoi-nghi-bch/" + file), "\(file)")
        }
        #expect(!site.exists("2017/12/hoi-nghi-bch/.nhap.txt"))
        #expect(!site.exists("2017/12/hoi-nghi-bch/index.md"))
        // Relative, so they hold wherever the page is published.
        #expect(page.contains("<img src=\"anh-1.png\" alt=\"Quang cảnh hội nghị\" width=\"40\" height=\"30\" loading=\"lazy\""))
        #expect(page.contains("<img src=\"anh/bieu-quyet.png\" alt=\"Đại biểu biểu quyết\" width=\"8\" height=\"6\" loading=\"lazy\" decoding=\"async\">"))
        #expect(page.contains("<a href=\"bien-ban.pdf\">Biên bản hội nghị</a>"))
        // Every copied file is Bantin's: in the manifest, so a later build may replace or remove it.
        let manifest = String(decoding: FileManager.default.contents(atPath: site.output + "/.bantin-manifest") ?? Data(), as: UTF8.self)
        #expect(manifest.contains("2017/12/hoi-nghi-bch/anh-1.png"))
    }

    @Test func aBundleMovedByADuplicateSlugTakesItsFilesWithIt() async throws {
        let site = try TempSite([
            "Content/2017/12/so-1/hoi-nghi/index.md": article("Hội nghị lần thứ nhất", date: "2017-12-01", body: "![Hội trường](anh.png)"),
            "Content/2017/12/so-2/hoi-nghi/index.md": article("Hội nghị lần thứ hai", date: "2017-12-20", body: "![Hội trường](anh.png)"),
        ])
        defer { site.cleanup() }
        try site.write("Content/2017/12/so-1/hoi-nghi/anh.png", bytes: PNG.make(width: 4, height: 3))
        try site.write("Content/2017/12/so-2/hoi-nghi/anh.png", bytes: PNG.make(width: 6, height: 5))
        let report = try await site.build()
        #expect(report.warningLines.count == 1 && report.warningLines[0].contains("is published at /2017/12/hoi-nghi-2/"), "\(report.warningLines)")
        let size = { (path: String) in ImageSize.of(file: site.output + "/" + path).map { [$0.width, $0.height] } }
        #expect(size("2017/12/hoi-nghi/anh.png") == [4, 3])
        #expect(size("2017/12/hoi-nghi-2/anh.png") == [6, 5])
        #expect(site.pages()["2017/12/hoi-nghi-2/index.html"]?.contains("<img src=\"anh.png\" alt=\"Hội trường\" width=\"6\" height=\"5\"") == true)
    }

    @Test(arguments: ["/", "/luu-tru/"])
    func filesBesideAnArticleAreCopiedAtTheirPathAndLinkedUnderTheBasePath(_ base: String) async throws {
        let site = try TempSite([
            "site.yml": "base_url: \(base)\n",
            "Content/2017/12/bai.md": article("Hội nghị tổng kết công tác tuyên giáo", date: "2017-12-13", extra: "image: anh/hoi-nghi.png\nimage_alt: Hội trường\n",
                                              body: "![Ảnh hội nghị](anh/hoi-nghi.png)\n\nXem [báo cáo](tai-lieu/bao-cao.pdf#page=2), ![Lô-gô](/anh/logo.png)\n\n![Ảnh chung](../chung/co.png)"),
            "Content/2017/12/tai-lieu/bao-cao.pdf": "%PDF-1.4 báo cáo",
            "Content/2017/12/ghi-chu.txt": "không ai liên kết tới",
        ])
        defer { site.cleanup() }
        try site.write("Content/2017/12/anh/hoi-nghi.png", bytes: PNG.make(width: 40, height: 30))
        try site.write("Content/2017/chung/co.png", bytes: PNG.make(width: 12, height: 8))
        try site.write("static/anh/logo.png", bytes: PNG.make(width: 16, height: 16))
        let report = try await site.build()
        #expect(report.warnings.filter { !$0.message.contains("robots.txt") }.isEmpty, "\(report.warningLines)")
        let page = try #require(site.pages()["2017/12/hoi-nghi-tong-ket-cong-tac-tuyen-giao/index.html"])
        #expect(page.contains("<img src=\"\(base)2017/12/anh/hoi-nghi.png\" alt=\"Ảnh hội nghị\" width=\"40\" height=\"30\" loading=\"lazy\" decoding=\"async\">"), "\(page)")
        #expect(page.contains("<a href=\"\(base)2017/12/tai-lieu/bao-cao.pdf#page=2\">báo cáo</a>"))
        #expect(page.contains("<img src=\"\(base)anh/logo.png\" alt=\"Lô-gô\" width=\"16\" height=\"16\""))
        #expect(page.contains("<img src=\"\(base)2017/chung/co.png\" alt=\"Ảnh chung\" width=\"12\" height=\"8\""))
        // The front matter's image, written relative to the article, is the same file.
        #expect(page.contains("<figure class=\"lead-image\">\n    <img src=\"\(base)2017/12/anh/hoi-nghi.png\" alt=\"Hội trường\" width=\"40\" height=\"30\""), "\(page)")
        for file in ["2017/12/anh/hoi-nghi.png", "2017/12/tai-lieu/bao-cao.pdf", "2017/chung/co.png", "anh/logo.png"] {
            #expect(site.exists(file), "\(file)")
        }
        #expect(!site.exists("2017/12/ghi-chu.txt"), "only linked files are published outside bundles")
    }

    @Test func aFileNameWithVietnameseAndSpacesIsFoundAndEncoded() async throws {
        let site = try TempSite([
            "Content/2018/bai.md": article("Ảnh có dấu", date: "2018-01-02", extra: "slug: bai\n",
                                           body: "![Một](<anh/hội nghị.png>) ![Hai](anh/h%E1%BB%99i%20ngh%E1%BB%8B.png) [Ba](<tai-lieu/bao cao %231 (50%25).pdf#trang-2>)"),
            "Content/2018/tai-lieu/bao cao #1 (50%).pdf": "%PDF-1.4",
        ])
        defer { site.cleanup() }
        try site.write("Content/2018/anh/hội nghị.png", bytes: PNG.make(width: 5, height: 4))
        let report = try await site.build()
        #expect(report.warnings.isEmpty, "\(report.warningLines)")
        let page = try #require(site.pages()["2018/01/bai/index.html"])
        #expect(page.components(separatedBy: "<img src=\"/2018/anh/h%E1%BB%99i%20ngh%E1%BB%8B.png\"").count == 3, "\(page)")
        #expect(site.exists("2018/anh/hội nghị.png"))
        // “#”, “%” and “?” in a file's name stay part of the name.
        #expect(page.contains("<a href=\"/2018/tai-lieu/bao%20cao%20%231%20(50%25).pdf#trang-2\">Ba</a>"), "\(page)")
        #expect(site.exists("2018/tai-lieu/bao cao #1 (50%).pdf"))
    }

    @Test func anotherSitesImageIsLazyButLeftAsWritten() async throws {
        let site = try TempSite([
            "Content/a.md": article("Ảnh từ xa", date: "2018-01-02", extra: "slug: a\n",
                                    body: "![Ảnh báo](https://cdn.example.vn/anh.jpg) [trang](https://example.vn/x.pdf) [mục](#ket-qua)"),
        ])
        defer { site.cleanup() }
        let report = try await site.build()
        #expect(report.warnings.isEmpty, "\(report.warningLines)")
        let page = try #require(site.pages()["2018/01/a/index.html"])
        #expect(page.contains("<img src=\"https://cdn.example.vn/anh.jpg\" alt=\"Ảnh báo\" loading=\"lazy\" decoding=\"async\">"))
        #expect(page.contains("<a href=\"https://example.vn/x.pdf\">trang</a>"))
    }

    @Test func missingFilesEmptyAltTextAndAddressesOutOfTheSiteAreWarningsAtTheirPlace() async throws {
        let outside = NSTemporaryDirectory() + "bantin-outside-" + UUID().uuidString
        try Data("bí mật".utf8).write(to: URL(fileURLWithPath: outside))
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let site = try TempSite([
            // The body starts at line 8 of the file (seven lines of front matter).
            "Content/2017/12/bai.md": article("Thiếu ảnh", date: "2017-12-13", extra: "slug: bai\nimage: anh/khong-co.png\nimage_alt: Ảnh\n", body: """
            Mở đầu ![Ảnh thiếu](anh/khong-co.png)

            Đoạn hai ![](anh/co.png) và [tài liệu](tai-lieu/khong-co.pdf).

            [mật khẩu](../../../etc/passwd) ![x](../../../../x.png) [lối tắt](lien-ket.txt) [ẩn](.an/a.pdf)

            ![Trống](/anh/khong-co-trong-static.png) [trang](/2017/12/bai-khac)
            """),
            "Content/2017/12/.an/a.pdf": "ẩn",
        ])
        defer { site.cleanup() }
        try site.write("Content/2017/12/anh/co.png", bytes: PNG.make(width: 2, height: 2))
        try FileManager.default.createSymbolicLink(atPath: site.dir + "/Content/2017/12/lien-ket.txt", withDestinationPath: outside)
        let report = try await site.build()
        let lines = report.warningLines
        func expectWarning(_ prefix: String, _ words: String) {
            #expect(lines.contains { $0.hasPrefix(prefix) && $0.contains(words) }, "\(prefix) \(words) in \(lines)")
        }
        expectWarning("Content/2017/12/bai.md:8:8: warning:", "the image Content/2017/12/anh/khong-co.png does not exist")
        expectWarning("Content/2017/12/bai.md:5:1: warning:", "the image Content/2017/12/anh/khong-co.png does not exist; add the file or correct “image:”")
        expectWarning("Content/2017/12/bai.md:10:10: warning:", "no alternative text")
        expectWarning("Content/2017/12/bai.md:10:", "the file Content/2017/12/tai-lieu/khong-co.pdf does not exist")
        expectWarning("Content/2017/12/bai.md:12:1: warning:", "“../../../etc/passwd” leads out of Content/")
        expectWarning("Content/2017/12/bai.md:12:", "“../../../../x.png” leads out of Content/")
        expectWarning("Content/2017/12/bai.md:12:", "“lien-ket.txt” is a symbolic link to a file outside Content/")
        expectWarning("Content/2017/12/bai.md:12:", "“.an/a.pdf” is a hidden file")
        expectWarning("Content/2017/12/bai.md:14:1: warning:", "the image static/anh/khong-co-trong-static.png does not exist")
        #expect(!lines.contains { $0.contains("bai-khac") }, "a link from the site's root may be a page")
        // The walk says the link leads out too; nothing outside is copied, nothing outside the output written.
        #expect(lines.contains { $0.hasPrefix("Content/2017/12/lien-ket.txt") })
        let files = Set(site.pages().keys)
        #expect(!files.contains { $0.contains("passwd") || $0.contains("lien-ket") || $0.contains(".an/") || $0.hasSuffix("x.png") }, "\(files)")
        #expect(!site.pages().values.contains { $0.contains("bí mật") })
    }

    @Test func aFileWhereThePageGoesIsAnError() async throws {
        let site = try TempSite([
            "Content/2017/12/hoi-nghi/index.md": article("Hội nghị", date: "2017-12-13", body: "x"),
            "Content/2017/12/hoi-nghi/index.html": "<p>bản cũ</p>",
        ])
        defer { site.cleanup() }
        await #expect { try await site.build() } throws: { error in
            "\(error)".contains("Content/2017/12/hoi-nghi/index.html:1:1: error: this file would be published at /2017/12/hoi-nghi/index.html, where the build writes its own file")
        }
    }

    @Test func aFileOfContentWhereAStaticFileGoesIsAnError() async throws {
        let site = try TempSite([
            "Content/2017/bai.md": article("Bài", date: "2017-12-13", body: "[tệp](tep.pdf)"),
            "Content/2017/tep.pdf": "một",
            "static/2017/tep.pdf": "hai",
        ])
        defer { site.cleanup() }
        await #expect { try await site.build() } throws: { error in
            "\(error)".contains("Content/2017/tep.pdf:1:1: error: this file would be published at /2017/tep.pdf, where static/2017/tep.pdf is copied")
        }
    }

    @Test func sizesAreReadFromSVG() {
        let svg = { (s: String) in ImageSize.of(Array(s.utf8)).map { [$0.width, $0.height] } }
        #expect(svg("<?xml version=\"1.0\"?>\n<!-- bản đồ -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30px\"></svg>") == [40, 30])
        #expect(svg("<svg viewBox=\"0 0 120.5 60\" width=\"100%\"><g/></svg>") == [121, 60])
        #expect(svg("<svg width='2em' height='1em'></svg>") == nil)
        #expect(svg("<html><body>không phải svg</body></html>") == nil)
    }
}

/// Added, changed and removed files beside articles, through a session (`bantin serve`) and the build cache:
/// each result must be what a full build writes.
@Suite struct ImageEditsTests {
    static let files: [String: String] = [
        "site.yml": "title: Ảnh\nbase_url: /luu-tru/\n",
        "Content/2017/12/bai.md": article("Hội nghị", date: "2017-12-13", extra: "slug: bai\n", body: "![Toàn cảnh](anh/hoi-nghi.png)"),
        "Content/2017/12/goi/index.md": article("Gói bài", date: "2017-12-14", body: "![Ảnh một](anh-1.png)"),
        "Content/2018/khac.md": article("Bài khác", date: "2018-01-02", extra: "slug: khac\n", body: "Không có ảnh."),
    ]

    struct Edit: Sendable, CustomStringConvertible {
        var description: String
        var changed: [String]
        var apply: @Sendable (TempSite) throws -> Void
    }

    static let edits: [Edit] = [
        Edit(description: "a missing image added", changed: ["Content/2017/12/anh/hoi-nghi.png"]) {
            try $0.write("Content/2017/12/anh/hoi-nghi.png", bytes: PNG.make(width: 40, height: 30))
        },
        Edit(description: "the image replaced by a larger one", changed: ["Content/2017/12/anh/hoi-nghi.png"]) {
            try $0.write("Content/2017/12/anh/hoi-nghi.png", bytes: PNG.make(width: 64, height: 48, red: 0x10))
        },
        Edit(description: "a file added to a bundle", changed: ["Content/2017/12/goi/phu-luc.pdf"]) {
            try $0.write("Content/2017/12/goi/phu-luc.pdf", "%PDF-1.4 phụ lục")
        },
        Edit(description: "a bundle's image added", changed: ["Content/2017/12/goi/anh-1.png"]) {
            try $0.write("Content/2017/12/goi/anh-1.png", bytes: PNG.make(width: 10, height: 10))
        },
        Edit(description: "the image removed", changed: ["Content/2017/12/anh/hoi-nghi.png"]) {
            try $0.remove("Content/2017/12/anh/hoi-nghi.png")
        },
        Edit(description: "a file removed from a bundle", changed: ["Content/2017/12/goi/phu-luc.pdf"]) {
            try $0.remove("Content/2017/12/goi/phu-luc.pdf")
        },
        Edit(description: "an article now links to the bundle's image", changed: ["Content/2018/khac.md"]) {
            try $0.write("Content/2018/khac.md", article("Bài khác", date: "2018-01-02", extra: "slug: khac\n", body: "![Mượn ảnh](../2017/12/goi/anh-1.png)"))
        },
        Edit(description: "the bundle's article removed", changed: ["Content/2017/12/goi/index.md"]) {
            try $0.remove("Content/2017/12/goi/index.md")
        },
    ]

    func fullBuild(_ site: TempSite) async throws -> ([String: String], [String]) {
        let out = site.dir + "/Full"
        let report = try await site.build(output: out)
        return (site.pages(in: out).filter { !$0.key.hasPrefix(".bantin") }, report.warningLines)
    }

    func expectSame(_ got: [String: String], _ full: [String: String], after: String) {
        let got = got.filter { !$0.key.hasPrefix(".bantin") }
        #expect(Set(got.keys) == Set(full.keys), "files differ after \(after): \(Set(got.keys).symmetricDifference(full.keys))")
        for (path, text) in full where got[path] != text { Issue.record("\(path) differs from a full build after \(after)") }
    }

    @Test func aSessionFollowsAddedChangedAndRemovedFiles() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        let preview = site.dir + "/Preview"
        let session = try SiteSession(siteDirectory: site.dir, outputDirectory: preview)
        _ = try await session.rebuild()
        _ = try await session.updateData()
        #expect(session.warnings.contains { $0.message.contains("anh/hoi-nghi.png does not exist") })
        for edit in Self.edits {
            try edit.apply(site)
            let summary = try await session.rebuild(changed: edit.changed)
            _ = try await session.updateData()
            let (full, warnings) = try await fullBuild(site)
            expectSame(site.pages(in: preview), full, after: edit.description)
            #expect(session.warnings.map(\.description) + session.unresolved.map(\.description) == warnings, "warnings after \(edit)")
            if edit.description == "a missing image added" {
                #expect(summary.written.contains("2017/12/anh/hoi-nghi.png") && summary.written.contains("2017/12/bai/index.html"), "\(summary.written)")
                #expect(!summary.written.contains("2018/khac/index.html"))
                #expect(site.pages(in: preview)["2017/12/bai/index.html"]?.contains("width=\"40\" height=\"30\"") == true)
            }
            if edit.description == "the image removed" {
                #expect(summary.removed.contains("2017/12/anh/hoi-nghi.png"), "\(summary.removed)")
                #expect(session.warnings.contains { $0.message.contains("anh/hoi-nghi.png does not exist") })
            }
        }
    }

    @Test func theBuildCacheFollowsThemToo() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        let options = BuildOptions(siteDirectory: site.dir)
        _ = try await CachedBuild.build(options, cacheDirectory: site.dir + "/.bantin-cache")
        // A file of the user's in the output is never Bantin's to remove.
        try site.write("Output/cua-toi.txt", "tệp riêng")
        for edit in Self.edits {
            try edit.apply(site)
            let report = try await CachedBuild.build(options, cacheDirectory: site.dir + "/.bantin-cache")
            #expect(report.cache == .restored, "\(edit)")
            var (full, warnings) = try await fullBuild(site)
            full["cua-toi.txt"] = "tệp riêng"
            expectSame(site.pages(), full, after: edit.description)
            #expect(report.build.warningLines == warnings, "warnings after \(edit)")
        }
        let unchanged = try await CachedBuild.build(options, cacheDirectory: site.dir + "/.bantin-cache")
        #expect(unchanged.written == 0 && unchanged.articlesRead == 0, "an unchanged site writes nothing")
    }
}

/// Images in a real browser: a page bundle under a sub-path base URL, served by `python3 -m http.server`, opened
/// in headless Chromium driven over the DevTools protocol by Node; each image must load at its size.
@Suite(.serialized)
struct ImagesInBrowserTests {
    static let script = #"""
    const { spawn } = require("child_process");
    const [chromium, url, port, profile] = process.argv.slice(2);
    \#(DevTools.prelude(windowSize: "1024,768"))
      let id = 0, loaded = false;
      const pending = new Map();
      const send = (method, params = {}) => new Promise((r) => { pending.set(++id, r); ws.send(JSON.stringify({ id, method, params })); });
      ws.onmessage = (m) => {
        const msg = JSON.parse(m.data);
        if (msg.method === "Page.loadEventFired") loaded = true;
        if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); }
      };
      await new Promise((r) => (ws.onopen = r));
      await send("Page.enable");
      await send("Page.navigate", { url });
      for (let i = 0; i < 600 && !loaded; i++) await sleep(50);
      if (!loaded) done(3, "the page did not load");
      // Lazy images load when they come near the viewport: scroll each to it, then wait for it to finish.
      const expression = `(async () => {
        const images = [...document.querySelectorAll("article img")];
        for (const img of images) {
          img.scrollIntoView();
          if (!img.complete) await new Promise((r) => { img.onload = r; img.onerror = r; setTimeout(r, 5000); });
        }
        return JSON.stringify(images.map((img) => ({ src: img.getAttribute("src"), complete: img.complete,
          naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
          width: Math.round(img.getBoundingClientRect().width), height: Math.round(img.getBoundingClientRect().height) })));
      })()`;
      const reply = await send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
      done(0, reply.result && reply.result.result ? reply.result.result.value : JSON.stringify(reply));
    })();
    """#

    struct Shown: Decodable, Equatable {
        var src: String
        var complete: Bool
        var naturalWidth: Int, naturalHeight: Int
        var width: Int, height: Int
    }

    @Test("images of a page bundle and beside articles load at their size under a sub-path base URL",
          .enabled(if: Tool.chromium != nil, "needs chromium (apt-get install chromium)"),
          .enabled(if: Tool.python != nil, "needs python3, for its http.server"),
          .enabled(if: Tool.nodeHasWebSocket, "needs Node 20.10 or later, for its WebSocket (apt-get install nodejs)"))
    func imagesRenderAtTheirSize() async throws {
        let chromium = try #require(Tool.chromium), node = try #require(Tool.node), python = try #require(Tool.python)
        let site = try TempSite([
            "site.yml": "title: Ảnh trong trình duyệt\nbase_url: /luu-tru/\n",
            "Content/2017/12/hoi-nghi/index.md": article("Hội nghị Ban Chấp hành Đảng bộ tỉnh", date: "2017-12-13",
                                                        extra: "image: anh-1.png\nimage_alt: Quang cảnh hội nghị\n",
                                                        body: "Đại biểu dự hội nghị.\n\n![Đại biểu biểu quyết](anh/bieu-quyet.png)\n\n![Biểu đồ kết quả](../anh/bieu-do.png)"),
        ])
        defer { site.cleanup() }
        try site.write("Content/2017/12/hoi-nghi/anh-1.png", bytes: PNG.make(width: 40, height: 30))
        try site.write("Content/2017/12/hoi-nghi/anh/bieu-quyet.png", bytes: PNG.make(width: 24, height: 18, red: 0x30))
        try site.write("Content/2017/12/anh/bieu-do.png", bytes: PNG.make(width: 50, height: 20, red: 0x60))
        let root = site.dir + "/served"
        let report = try await SiteBuilder.build(BuildOptions(siteDirectory: site.dir, outputDirectory: root + "/luu-tru"))
        #expect(report.warnings.filter { !$0.message.contains("robots.txt") }.isEmpty, "\(report.warningLines)")
        try Data(Self.script.utf8).write(to: URL(fileURLWithPath: site.dir + "/images.js"))

        let server = try FolderServer(python: python, folder: root)
        defer { server.stop() }
        #expect(server.listening, "the test server did not start")
        let port = server.port
        let debugPort = SearchInBrowserTests.freePort()
        let dir = site.dir
        let (status, out, err) = try await offThePool {
            try run(node, ["--experimental-websocket", dir + "/images.js", chromium, "http://127.0.0.1:\(port)/luu-tru/2017/12/hoi-nghi/",
                           String(debugPort), dir + "/.chromium"], timeout: 120)
        }
        #expect(status == 0, "\(out)\(err)")
        let line = out.split(separator: "\n").last.map(String.init) ?? ""
        let shown = try JSONDecoder().decode([Shown].self, from: Data(line.utf8))
        #expect(shown == [
            Shown(src: "anh-1.png", complete: true, naturalWidth: 40, naturalHeight: 30, width: 40, height: 30),
            Shown(src: "anh/bieu-quyet.png", complete: true, naturalWidth: 24, naturalHeight: 18, width: 24, height: 18),
            Shown(src: "/luu-tru/2017/12/anh/bieu-do.png", complete: true, naturalWidth: 50, naturalHeight: 20, width: 50, height: 20),
        ], "\(line)")
    }
}
