import Foundation
import Testing
@testable import Site

/// `bantin build` with its cache: each build is a new session restored from the saved state, as in CI.
@Suite("Build cache")
struct BuildCacheTests {
    func cachedBuild(_ site: TempSite) async throws -> CachedBuild.Report {
        try await CachedBuild.build(BuildOptions(siteDirectory: site.dir), cacheDirectory: site.dir + "/.bantin-cache")
    }

    func fullBuild(_ site: TempSite) async throws -> [String: String] {
        let out = site.dir + "/Full"
        try await site.build(output: out)
        return site.pages(in: out)
    }

    func expectSame(_ site: TempSite, after: String) async throws {
        let cached = site.pages(), full = try await fullBuild(site)
        #expect(Set(cached.keys) == Set(full.keys), "files differ after \(after)")
        for (path, text) in full where cached[path] != text { Issue.record("\(path) differs from a build without the cache after \(after)") }
    }

    @Test("after every kind of edit, a build with the cache writes what a build without it writes")
    func cachedBuildsMatchFullBuilds() async throws {
        let site = try TempSite(IncrementalTests.siteFiles)
        defer { site.cleanup() }
        let first = try await cachedBuild(site)
        #expect(first.cache == .missing)
        try await expectSame(site, after: "the first build")
        for edit in IncrementalTests.edits {
            try edit.apply(site)
            let report = try await cachedBuild(site)
            #expect(report.cache == .restored, "\(edit)")
            try await expectSame(site, after: edit.description)
        }
    }

    @Test("an unchanged site reads no article and writes no file; a touched file with the same text is not read")
    func unchangedSiteDoesNothing() async throws {
        let site = try TempSite(IncrementalTests.siteFiles)
        defer { site.cleanup() }
        _ = try await cachedBuild(site)
        let again = try await cachedBuild(site)
        #expect(again.cache == .restored && again.articlesRead == 0 && again.written == 0)
        // A fresh clone gives every file a new time: the text decides.
        let path = site.dir + "/Content/2017/a.md"
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: path)
        let touched = try await cachedBuild(site)
        #expect(touched.articlesRead == 0 && touched.written == 0)
    }

    @Test("a page changed or removed by hand is written again")
    func damagedOutputIsRepaired() async throws {
        let site = try TempSite(IncrementalTests.siteFiles)
        defer { site.cleanup() }
        _ = try await cachedBuild(site)
        try FileManager.default.removeItem(atPath: site.output + "/chu-de/index.html")
        try Data("sửa tay".utf8).write(to: URL(fileURLWithPath: site.output + "/2018/index.html"))
        let report = try await cachedBuild(site)
        #expect(report.written == 2)
        try await expectSame(site, after: "hand edits to the output")
    }

    @Test("a damaged cache is ignored and the build is complete", arguments: ["garbage", "truncated", "flipped", "bodies", "drafts"])
    func damagedCacheIsIgnored(_ damage: String) async throws {
        let site = try TempSite(IncrementalTests.siteFiles)
        defer { site.cleanup() }
        _ = try await cachedBuild(site)
        let state = site.dir + "/.bantin-cache/state.bin"
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: state)))
        switch damage {
        case "garbage": bytes = Array("không phải bộ nhớ đệm".utf8)
        case "truncated": bytes = Array(bytes[..<(bytes.count / 2)])
        case "flipped": bytes[bytes.count - 10] ^= 0x5A
        case "bodies": try FileManager.default.removeItem(atPath: site.dir + "/.bantin-cache/bodies/spill-0.html")
        default: break
        }
        try Data(bytes).write(to: URL(fileURLWithPath: state))
        try site.write("Content/2018/d.md", article("Đoàn kiểm tra", date: "2018-03-05", body: "Sau khi bộ nhớ đệm hỏng."))
        let report: CachedBuild.Report
        if damage == "drafts" {
            report = try await CachedBuild.build(BuildOptions(siteDirectory: site.dir, includeDrafts: true), cacheDirectory: site.dir + "/.bantin-cache")
        } else {
            report = try await cachedBuild(site)
        }
        guard case .ignored(let why) = report.cache else {
            Issue.record("a \(damage) cache was used")
            return
        }
        #expect(!why.isEmpty)
        try await expectSame(site, after: "a \(damage) cache")
        // And the cache it saved works again (for the same options).
        if damage != "drafts" { #expect(try await cachedBuild(site).cache == .restored) }
    }

    @Test("a cache folder that cannot be written means a build without the cache, with a warning")
    func unwritableCache() async throws {
        let site = try TempSite(IncrementalTests.siteFiles)
        defer { site.cleanup() }
        // A file where the cache folder should be: nothing can be created under it, even by root.
        try site.write("khong-ghi-duoc", "")
        let report = try await CachedBuild.build(BuildOptions(siteDirectory: site.dir), cacheDirectory: site.dir + "/khong-ghi-duoc/cache")
        guard case .ignored = report.cache else {
            Issue.record("an unwritable cache folder was used")
            return
        }
        #expect(report.saveWarning?.contains("--no-cache") == true)
        try await expectSame(site, after: "a build with an unwritable cache folder")
    }

    @Test("a cache made for another output folder is not used there")
    func anotherOutputFolder() async throws {
        let site = try TempSite(IncrementalTests.siteFiles)
        defer { site.cleanup() }
        _ = try await cachedBuild(site)
        let other = try await CachedBuild.build(BuildOptions(siteDirectory: site.dir, outputDirectory: site.dir + "/Khac"),
                                                cacheDirectory: site.dir + "/.bantin-cache")
        #expect(other.cache == .missing)  // no output there yet: a full build
        try site.write("Content/2018/d.md", article("Đoàn kiểm tra", date: "2018-03-05", body: "Thêm một câu."))
        let back = try await cachedBuild(site)
        #expect(back.cache == .ignored("written for another output folder"))
        try await expectSame(site, after: "switching output folders")
    }

    @Test("a broken article fails the cached build and leaves the output as it was")
    func errorsLeaveTheOutput() async throws {
        let site = try TempSite(IncrementalTests.siteFiles)
        defer { site.cleanup() }
        _ = try await cachedBuild(site)
        let before = site.pages()
        try site.write("Content/2018/d.md", "---\ntitle: [chưa đóng\ndate: 2018-03-05\n---\nThân bài.\n")
        await #expect(throws: SiteFailure.self) { _ = try await cachedBuild(site) }
        #expect(site.pages() == before)
        try site.write("Content/2018/d.md", article("Đoàn kiểm tra", date: "2018-03-05", body: "Đã sửa."))
        _ = try await cachedBuild(site)
        try await expectSame(site, after: "the fix")
    }
}
