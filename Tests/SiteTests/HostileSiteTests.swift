import Archive
import Documents
import Foundation
import Testing
@testable import Site

/// Hostile articles and configuration through the whole pipeline: nothing reaches a page unescaped or changed in
/// silence, and every warning reaches the report `bantin build --strict` fails on.
@Suite struct HostileSiteTests {
    func site() throws -> TempSite {
        try TempSite([
            "Content/a.md": "---\ntitle: \"Cần\u{0}Thơ\"\ndate: 2017-12-13\nslug: ../../etc\n---\nChỉ thị số 05 đã được quán triệt.\n",
            "Content/b.md": article("Bài thường", date: "2018-01-02", body: "Không có gì."),
        ])
    }

    @Test func everyWarningReachesTheReportAndNoControlCharacterAPage() async throws {
        let s = try site()
        defer { s.cleanup() }
        let report = try await s.build()
        #expect(report.warnings.map(\.description) == [
            "Content/a.md:2:12: warning: the front matter has a control character (the first here), which cannot go into a page; it was replaced by spaces: delete it",
            "Content/a.md:4:7: warning: the slug contains “..”, so it was changed to “etc”; a slug is letters, digits and hyphens, at most 200 bytes: write “slug: etc”",
        ])
        #expect(report.warningLines.count == 3)  // and the unsettled “Chỉ thị số 05”
        let pages = s.pages()
        #expect(pages["2017/12/etc/index.html"] != nil)
        for (path, text) in pages { #expect(!text.utf8.contains(0), "\(path)") }
    }

    @Test func warningsSurviveTheBuildCache() async throws {
        let s = try site()
        defer { s.cleanup() }
        let options = BuildOptions(siteDirectory: s.dir)
        let first = try await CachedBuild.build(options, cacheDirectory: s.dir + "/.bantin-cache").build
        let second = try await CachedBuild.build(options, cacheDirectory: s.dir + "/.bantin-cache")
        #expect(second.articlesRead == 0)
        #expect(second.build.warningLines == first.warningLines)
        #expect(first.warningLines.count == 3)
    }

    @Test func aHostileLanguageNeverReachesAFeed() async throws {
        let s = try TempSite(["site.yml": "language: 'vi\"><script>alert(1)</script>'\n", "Content/b.md": article("B", date: "2018-01-02", body: "x")])
        defer { s.cleanup() }
        await #expect(throws: SiteFailure.self) { try await s.build() }
        // Even set directly (a library user), the feed escapes it.
        var config = SiteConfig()
        config.language = "vi\"><script>"
        let index = try SiteIndex.build([], config: config, registry: .init())
        let atom = String(decoding: try Feeds(index: index, config: config).atom(.site), as: UTF8.self)
        #expect(atom.contains("xml:lang=\"vi&quot;&gt;&lt;script&gt;\""))
    }

    @Test(arguments: [
        ("ảnh đẹp 1.jpg", "https://example.vn/2018/01/b/%E1%BA%A3nh%20%C4%91%E1%BA%B9p%201.jpg"),
        ("/anh/a\\\"b.jpg?w=300", "https://example.vn/anh/a%22b.jpg?w=300"),
        ("https://cdn.vn/ảnh.jpg#x", "https://cdn.vn/%E1%BA%A3nh.jpg#x"),
        ("https://cdn.vn/%E1%BA%A3nh.jpg", "https://cdn.vn/%E1%BA%A3nh.jpg"),
    ])
    func anImageAddressIsPercentEncoded(_ image: String, _ expected: String) async throws {
        let s = try TempSite([
            "site.yml": "base_url: https://example.vn/\n",
            "Content/b.md": article("B", date: "2018-01-02", extra: "slug: b\nimage: \"\(image)\"\n", body: "x"),
        ])
        defer { s.cleanup() }
        _ = try await s.build()
        let page = s.pages()["2018/01/b/index.html"] ?? ""
        #expect(page.contains("<meta property=\"og:image\" content=\"\(expected)\">"), "\(page.prefix(1200))")
        // The <img> too, site-relative as the article wrote it.
        let relative = expected.hasPrefix("https://example.vn/2018/01/b/") ? String(expected.dropFirst("https://example.vn/2018/01/b/".count))
            : expected.replacingOccurrences(of: "https://example.vn/", with: "/")
        #expect(page.contains("<img src=\"\(relative)\""), "\(page)")
    }

    /// cmark passes C0 controls (but NUL), DEL and C1 from the body into the page: they become spaces, as in the
    /// front matter, with a warning at the first.
    @Test func controlCharactersInTheBodyBecomeSpacesWithAWarning() async throws {
        let body = "Đoạn một.\n\nCần\u{1}Thơ \u{0B}và\u{7F} \u{85}`mã\u{1B}`\n\n    khối\u{2}mã\n"
        let s = try TempSite(["Content/b.md": article("B", date: "2018-01-02", extra: "slug: b\n", body: body)])
        defer { s.cleanup() }
        let report = try await s.build()
        #expect(report.warnings.map(\.description) == [
            "Content/b.md:8:4: warning: the body has 6 control characters (the first here), which cannot go into a page; they were replaced by spaces: delete them",
        ])
        let page = try #require(s.pages()["2018/01/b/index.html"])
        #expect(page.contains("<p>Cần Thơ  và   <code>mã </code></p>"))
        #expect(page.contains("khối mã"))
        for (path, text) in s.pages() {
            #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r") || (0x7F...0x9F).contains($0.value) }, "\(path)")
        }
    }

    @Test func anAliasCycleInDocumentsYmlIsReportedThere() async throws {
        let s = try TempSite([
            "Content/documents.yml": "- label: Nghị quyết số 04-NQ/TW\n  aliases: [Nghị quyết Hội nghị Trung ương 4 khóa XII]\n- label: Nghị quyết Hội nghị Trung ương 4 khóa XII\n  aliases: [Nghị quyết số 04-NQ/TW]\n",
            "Content/b.md": article("B", date: "2018-01-02", body: "Nghị quyết số 04-NQ/TW."),
        ])
        defer { s.cleanup() }
        do {
            try await s.build()
            Issue.record("built")
        } catch {
            guard case .content(let errors) = error else { Issue.record("\(error)"); return }
            #expect(errors.map(\.path) == ["Content/documents.yml"])
        }
    }

    /// The `bantin` executable built beside this test bundle (`swift build` builds it; `swift test` alone may not).
    static let bantin = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("bantin").path

    /// Runs `bantin` with `args`; exit status and standard error.
    static func bantin(_ args: [String]) throws -> (Int32, String) {
        let err = Pipe()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bantin)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()  // the build's few lines; read to the end, then wait
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: bantin), "needs the bantin executable beside the tests (swift build)"))
    func strictFailsOnWarningsAfterPrintingThemAll() async throws {
        let s = try site()
        defer { s.cleanup() }
        let dir = s.dir
        let plain = try await offThePool { try Self.bantin(["build", "--site", dir, "--no-cache"]) }
        #expect(plain.0 == 0)
        #expect(plain.1.contains("Content/a.md:4:7: warning: the slug contains “..”"))
        let strict = try await offThePool { try Self.bantin(["build", "--site", dir, "--no-cache", "--strict", "--quiet"]) }
        #expect(strict.0 == 1)
        // All three warnings, even with --quiet, then the reason for the failure.
        #expect(strict.1.components(separatedBy: ": warning: ").count == 4)
        #expect(strict.1.contains("error: 3 warnings and --strict: the build fails"))
        let clean = try TempSite(["Content/b.md": article("Bài thường", date: "2018-01-02", body: "Không có gì.")])
        defer { clean.cleanup() }
        let cleanDir = clean.dir
        #expect(try await offThePool { try Self.bantin(["build", "--site", cleanDir, "--no-cache", "--strict"]) }.0 == 0)
    }
}
