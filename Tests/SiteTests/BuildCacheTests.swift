import FileIO
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

    @Test("pages changed or removed by hand at every depth are written again, a folder removed whole too")
    func damagedPagesAtEveryDepth() async throws {
        let site = try TempSite(IncrementalTests.siteFiles)
        defer { site.cleanup() }
        _ = try await cachedBuild(site)
        // An article's page (four names deep), the home page (one), a search file, and a whole article folder.
        let articles = site.pages().keys.filter { $0.hasPrefix("2017/") && $0.hasSuffix("/index.html") && $0.split(separator: "/").count == 4 }.sorted()
        try #require(articles.count >= 2)
        try Data("<p>sửa tay</p>".utf8).write(to: URL(fileURLWithPath: site.output + "/" + articles[0]))
        try FileManager.default.removeItem(atPath: site.output + "/" + (articles[1] as NSString).deletingLastPathComponent)
        try Data("trang chủ sửa tay".utf8).write(to: URL(fileURLWithPath: site.output + "/index.html"))
        try FileManager.default.removeItem(atPath: site.output + "/search/meta.json")
        let report = try await cachedBuild(site)
        #expect(report.cache == .restored && report.articlesRead == 0)
        #expect(report.written >= 4)
        try await expectSame(site, after: "hand edits at every depth")
        #expect(try await cachedBuild(site).written == 0)
    }

    @Test("a cache of another format (an older Bantin's) is ignored and replaced")
    func otherFormatIsIgnored() async throws {
        let site = try TempSite(IncrementalTests.siteFiles)
        defer { site.cleanup() }
        _ = try await cachedBuild(site)
        let state = site.dir + "/.bantin-cache/state.bin"
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: state)))
        // The same bytes under the magic of format 7, the one before the index was kept beside the state.
        let older = Array("BANTIN-CACHE-7\n".utf8)
        try #require(older.count == SiteSession.cacheMagic.count && older != SiteSession.cacheMagic)
        bytes.replaceSubrange(0..<older.count, with: older)
        try Data(bytes).write(to: URL(fileURLWithPath: state))
        try site.write("Content/2018/d.md", article("Đoàn kiểm tra làm việc", date: "2018-03-05", body: "Đoàn kiểm tra làm việc tại xã Mỹ Khánh."))
        let report = try await cachedBuild(site)
        #expect(report.cache == .ignored("not a Bantin cache"))
        try await expectSame(site, after: "a cache of another format")
        #expect(try await cachedBuild(site).cache == .restored)
    }

    /// A cached build as `CachedBuild` runs it, with the rebuild's summary in view.
    func restoredRebuild(_ site: TempSite) async throws -> RebuildSummary {
        let cache = site.dir + "/.bantin-cache"
        let session = try SiteSession(siteDirectory: site.dir, outputDirectory: site.output, workDirectory: cache + "/bodies")
        #expect(session.restore(from: cache + "/state.bin") == .restored)
        let summary = try await session.rebuild()
        _ = try await session.updateData()
        if session.needsSave { try session.save(to: cache + "/state.bin") }
        return summary
    }

    @Test("an edit that keeps the index's shape patches the index kept in the cache; one that changes it indexes again")
    func keptIndexIsPatched() async throws {
        let site = try TempSite(IncrementalTests.siteFiles)
        defer { site.cleanup() }
        _ = try await cachedBuild(site)
        let index = site.dir + "/.bantin-cache/index.bin"
        #expect(FileManager.default.fileExists(atPath: index))
        // Body text, then how often a cited document is cited: both keep the shape.
        for edit in IncrementalTests.edits.prefix(2) {
            try edit.apply(site)
            let summary = try await restoredRebuild(site)
            #expect(summary.patchedIndex && summary.articlesReloaded == 1, "\(edit)")
            try await expectSame(site, after: edit.description)
        }
        // A date moved: indexed again from the records, and the index written again for the next edit.
        let moved = try #require(IncrementalTests.edits.first { $0.description == "date moves to another year" })
        try moved.apply(site)
        #expect(try await restoredRebuild(site).patchedIndex == false)
        try await expectSame(site, after: moved.description)
        try site.write("Content/2018/d.md", article("Đoàn kiểm tra làm việc", date: "2018-03-05", body: "Đoàn kiểm tra làm việc tại phường Cái Khế."))
        #expect(try await restoredRebuild(site).patchedIndex)
        try await expectSame(site, after: "a body edit after the index was written again")
    }

    @Test("an unchanged site with files beside its articles takes the index kept in the cache as it is")
    func keptIndexServesUnchangedSites() async throws {
        var files = IncrementalTests.siteFiles
        files["Content/2018/tai-lieu.txt"] = "Tài liệu kèm theo bài viết."
        let site = try TempSite(files)
        defer { site.cleanup() }
        _ = try await cachedBuild(site)
        let summary = try await restoredRebuild(site)
        #expect(summary.patchedIndex && summary.articlesReloaded == 0 && summary.written.isEmpty)
        try await expectSame(site, after: "an unchanged build of a site with files beside its articles")
        try site.write("Content/2018/d.md", article("Đoàn kiểm tra làm việc", date: "2018-03-05", body: "Đoàn kiểm tra làm việc tại xã Mỹ Khánh."))
        #expect(try await restoredRebuild(site).patchedIndex)
        try await expectSame(site, after: "a body edit after it")
    }

    @Test("a damaged, foreign or stale index beside the state is not used: the index is built from the records",
          arguments: ["flipped", "truncated", "garbage", "stale", "missing"])
    func damagedIndexIsNotUsed(_ damage: String) async throws {
        let site = try TempSite(IncrementalTests.siteFiles)
        defer { site.cleanup() }
        _ = try await cachedBuild(site)
        let index = site.dir + "/.bantin-cache/index.bin"
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: index)))
        switch damage {
        case "flipped": bytes[bytes.count / 2] ^= 0x20
        case "truncated": bytes = Array(bytes[..<(bytes.count - 9)])
        case "garbage": bytes = Array("không phải chỉ mục".utf8)
        case "stale":
            // The index of an earlier state: a build since changed the state (a title, which keeps the shape).
            try site.write("Content/2017/b.md", article("Hội nghị sơ kết giữa nhiệm kỳ", date: "2017-11-02", tags: ["Xây dựng Đảng", "Kinh tế"],
                                                       body: "Hội nghị sơ kết."))
            _ = try await cachedBuild(site)
        default: break
        }
        if damage == "missing" { try FileManager.default.removeItem(atPath: index) } else { try Data(bytes).write(to: URL(fileURLWithPath: index)) }
        try site.write("Content/2018/d.md", article("Đoàn kiểm tra làm việc", date: "2018-03-05", body: "Đoàn kiểm tra làm việc tại xã Mỹ Khánh."))
        let summary = try await restoredRebuild(site)
        #expect(!summary.patchedIndex)
        try await expectSame(site, after: "a \(damage) index")
        // The build wrote a good index again.
        try site.write("Content/2018/d.md", article("Đoàn kiểm tra làm việc", date: "2018-03-05", body: "Đoàn kiểm tra làm việc tại phường An Hòa."))
        #expect(try await restoredRebuild(site).patchedIndex)
        try await expectSame(site, after: "an edit after a \(damage) index")
    }

    @Test("the cache's checksum does not depend on how its bytes are cut into pieces, and changes with any byte")
    func streamingFingerprintIgnoresCuts() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ $0 >> 3) }
        var whole = StreamingFingerprint()
        whole.add(bytes)
        for cuts in [[1], [7, 8, 9], [31, 32, 33], [64, 500, 999], Array(stride(from: 3, to: 1000, by: 3))] {
            var pieces = StreamingFingerprint()
            var from = 0
            for cut in cuts + [bytes.count] {
                pieces.add(Array(bytes[from..<cut]))
                from = cut
            }
            #expect(pieces.value == whole.value, "cut at \(cuts.prefix(4))")
        }
        for k in [0, 31, 32, 500, 992, 999] {
            var changed = bytes
            changed[k] ^= 1
            var f = StreamingFingerprint()
            f.add(changed)
            #expect(f.value != whole.value, "byte \(k)")
        }
        var shorter = StreamingFingerprint()
        shorter.add(Array(bytes.dropLast()))
        #expect(shorter.value != whole.value)
    }

    @Test("stamps read from a folder's descriptor are the stamps of the paths, for files at any depth")
    func stampReaderMatchesStat() throws {
        let site = try TempSite(["a.md": "một", "x/b.md": "hai", "x/y/c.md": "ba", "x/y/z/d.md": "bốn", "x/y/z/e.md": "năm", "w/f.md": "sáu"])
        defer { site.cleanup() }
        let paths = ["a.md", "w/f.md", "x/b.md", "x/y/c.md", "x/y/z/d.md", "x/y/z/e.md", "x/y/z/gone.md", "nowhere/g.md", "x/y", "x/y/z/d.md/h"]
        for depth in 1...3 {
            let reader = try #require(StampReader(folder: site.dir, depth: depth))
            for p in paths {
                let stamp = reader.stamp(p)
                #expect(stamp == FileStamp.of(site.dir + "/" + p), "\(p) at depth \(depth)")
                #expect((stamp != nil) == (p.hasSuffix(".md") && FileManager.default.fileExists(atPath: site.dir + "/" + p)), "\(p)")
            }
        }
        #expect(StampReader(folder: site.dir + "/nowhere", depth: 1) == nil)
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
