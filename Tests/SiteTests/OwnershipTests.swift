import Foundation
import Preview
import Testing
@testable import Site
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every file and folder under `dir`, hidden ones included, with its bytes (folders as "<dir>"): two snapshots are
/// equal when nothing was created, changed or removed.
func snapshot(_ dir: String) -> [String: Data] {
    var out: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: dir) else { return out }
    while let rel = walker.nextObject() as? String {
        var isDir: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: dir + "/" + rel, isDirectory: &isDir)
        out[rel] = isDir.boolValue ? Data("<dir>".utf8) : FileManager.default.contents(atPath: dir + "/" + rel) ?? Data()
    }
    return out
}

/// The output folder is shared with its user: Bantin replaces or deletes only what its manifest says it wrote,
/// refuses folders that are the user's own, and leaves nothing behind when it fails.
@Suite("Output ownership")
struct OwnershipTests {
    static let files = [
        "Content/a.md": article("Bài một", date: "2017-12-13", tags: ["Cần Thơ"], body: "Chỉ thị số 05-CT/TW được quán triệt."),
        "Content/b.md": article("Bài hai", date: "2018-01-02", body: "Nội dung."),
    ]

    enum Kind: String, CaseIterable, CustomStringConvertible {
        case full, cached
        var description: String { rawValue }
    }

    @discardableResult
    func build(_ site: TempSite, _ kind: Kind, output: String? = nil, clean: Bool = false) async throws(SiteFailure) -> BuildReport {
        let options = BuildOptions(siteDirectory: site.dir, outputDirectory: output, clean: clean)
        switch kind {
        case .full: return try await SiteBuilder.build(options)
        case .cached: return try await CachedBuild.build(options, cacheDirectory: site.dir + "/.bantin-cache").build
        }
    }

    @Test("a file Bantin did not write survives full, cached and config-changed builds, and is reported once",
          arguments: Kind.allCases)
    func unrelatedFilesSurvive(_ kind: Kind) async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        try await build(site, kind)
        try site.write("Output/CNAME", "luutru.example.vn\n")
        try site.write("Output/google1234.html", "google-site-verification")
        let first = try await build(site, kind)
        #expect(first.kept == ["CNAME", "google1234.html"])
        for step in ["cached", "config", "full", "removed article"] {
            switch step {
            case "config": try site.write("site.yml", "title: Bản tin khác\n")
            case "removed article": try site.remove("Content/b.md")
            default: break
            }
            let report = try await build(site, step == "full" ? .full : kind)
            #expect(report.kept.isEmpty, "said again after \(step)")
            #expect(site.pages()["CNAME"] == "luutru.example.vn\n", "after \(step)")
            #expect(site.pages()["google1234.html"] == "google-site-verification", "after \(step)")
        }
        // What Bantin wrote and no longer writes is gone; the user's files are listed as kept.
        #expect(site.pages()["2018/01/bai-hai/index.html"] == nil)
        let manifest = site.pages()[OutputFolder.manifestName] ?? ""
        #expect(manifest.contains("\n+ index.html\n") && manifest.contains("\n= CNAME\n") && !manifest.contains("+ CNAME"))
    }

    @Test("a full build's manifest lists every file it wrote, sorted as whole paths, then the user's files it kept")
    func manifestListsEveryFileSorted() async throws {
        var files = Self.files
        // A folder and a file that sort differently by name and by whole path ("a" < "a-b.txt" but "a-b.txt" < "a/x.txt").
        files["static/a-b.txt"] = "1"
        files["static/a/x.txt"] = "2"
        files["static/a.txt"] = "3"
        let site = try TempSite(files)
        defer { site.cleanup() }
        try await build(site, .full)
        try site.write("Output/ghi-chu/cua-toi.txt", "của tôi")
        try site.write("Output/.gitkeep", "")
        try await build(site, .full)
        let lines = (site.pages()[OutputFolder.manifestName] ?? "").split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        let owned = lines.filter { $0.hasPrefix("+ ") }.map { String($0.dropFirst(2)) }
        let kept = lines.filter { $0.hasPrefix("= ") }.map { String($0.dropFirst(2)) }
        #expect(lines.count == owned.count + kept.count)
        #expect(owned == owned.sorted())
        #expect(owned.contains("a-b.txt") && owned.contains("a/x.txt") && owned.contains("index.html"))
        #expect(kept == ["ghi-chu/cua-toi.txt"])
        let written = Set(site.pages().keys).subtracting([OutputFolder.manifestName, "ghi-chu/cua-toi.txt", ".gitkeep"])
        #expect(Set(owned) == written)
        #expect(site.pages()["ghi-chu/cua-toi.txt"] == "của tôi")
    }

    @Test("a folder with files and no manifest is refused unless --clean, which empties it", arguments: Kind.allCases)
    func foreignFolderIsRefused(_ kind: Kind) async throws {
        let site = try TempSite(Self.files.merging(["Output/important.txt": "giữ lại", "Output/bao-cao.docx": "x"]) { a, _ in a })
        defer { site.cleanup() }
        let before = snapshot(site.dir)
        do {
            try await build(site, kind)
            Issue.record("a folder Bantin did not build was written")
        } catch {
            #expect(error.description.hasPrefix(site.output + ": error: this folder is not empty and Bantin did not build it"))
            #expect(error.description.contains("--clean"))
        }
        #expect(snapshot(site.dir) == before)
        try await build(site, kind, clean: true)
        #expect(site.pages()["important.txt"] == nil)
        #expect(site.pages()["index.html"] != nil)
    }

    @Test("a user's file where a page goes is refused, not replaced", arguments: Kind.allCases)
    func userFileInAPagesPlaceIsRefused(_ kind: Kind) async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        try await build(site, kind)
        try site.remove("Content/b.md")
        try await build(site, kind)
        try site.write("Output/2018/01/bai-hai/index.html", "my own page")
        try site.write("Content/b.md", Self.files["Content/b.md"]!)
        await #expect(throws: SiteFailure.self) { try await build(site, kind) }
        #expect(site.pages()["2018/01/bai-hai/index.html"] == "my own page")
    }

    /// Where each dangerous --output points, from the site folder.
    static let dangerous = ["Templates", "Content", "static", ".", "..", ".bantin-cache", "with-git", "with-git/.git/x", "notes.txt"]

    @Test("--output of the site, its parent, Content/, Templates/, static/, the cache or a git checkout is refused by every build, leaving the site as it was",
          arguments: dangerous, Kind.allCases)
    func dangerousOutputsAreRefused(_ output: String, _ kind: Kind) async throws {
        let site = try TempSite(Self.files.merging(["Templates/layout.mustache": "{{$main}}{{/main}}", "static/CNAME": "x",
                                                    "with-git/.git/HEAD": "ref: refs/heads/main\n", "notes.txt": "x"]) { a, _ in a })
        defer { site.cleanup() }
        let before = snapshot(site.dir)
        let parent = (site.dir as NSString).deletingLastPathComponent
        let name = (site.dir as NSString).lastPathComponent
        do {
            try await build(site, kind, output: site.dir + "/" + output)
            Issue.record("--output \(output) was built")
        } catch {
            #expect(error.description.contains(": error: the output folder ") || error.description.contains(": error: this is a file"), "\(error)")
            #expect(error.description.contains("pass --output with a folder of its own"))
        }
        #expect(snapshot(site.dir) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.hasPrefix("." + name) }
        #expect(leftovers.isEmpty)
    }

    @Test("bantin serve --output refuses the same folders before it creates anything", arguments: dangerous)
    func serveRefusesDangerousOutputs(_ output: String) async throws {
        let site = try TempSite(Self.files.merging(["static/CNAME": "x", "with-git/.git/HEAD": "ref", "notes.txt": "x"]) { a, _ in a })
        defer { site.cleanup() }
        let before = snapshot(site.dir)
        #expect(throws: PreviewError.self) {
            _ = try PreviewServer(PreviewOptions(siteDirectory: site.dir, outputDirectory: site.dir + "/" + output, port: 0), report: { _ in })
        }
        #expect(snapshot(site.dir) == before)
    }

    @Test("bantin serve --output refuses a folder Bantin did not build, and keeps the user's files in one it did")
    func serveOwnsOnlyWhatItWrote() async throws {
        let site = try TempSite(Self.files.merging(["Theirs/important.txt": "giữ lại"]) { a, _ in a })
        defer { site.cleanup() }
        #expect(throws: PreviewError.self) {
            _ = try PreviewServer(PreviewOptions(siteDirectory: site.dir, outputDirectory: site.dir + "/Theirs", port: 0), report: { _ in })
        }
        #expect(site.pages(in: site.dir + "/Theirs") == ["important.txt": "giữ lại"])
        try await build(site, .full)
        try site.write("Output/CNAME", "luutru.example.vn")
        let session = try SiteSession(siteDirectory: site.dir, outputDirectory: site.output)
        try site.remove("Content/b.md")
        _ = try await session.rebuild()
        _ = try await session.updateData()
        #expect(site.pages()["CNAME"] == "luutru.example.vn")
        #expect(site.pages()["2018/01/bai-hai/index.html"] == nil)
    }

    @Test("/ and the home folder are refused")
    func rootAndHomeAreRefused() throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        #expect(throws: SiteFailure.self) { try OutputFolder.check("/", site: site.dir) }
        if let home = ProcessInfo.processInfo.environment["HOME"], home != "/" {
            #expect(throws: SiteFailure.self) { try OutputFolder.check(home, site: site.dir) }
        }
    }

    @Test("a build that fails on bad input leaves the site folder as it was and creates no output", arguments: Kind.allCases)
    func failedBuildWritesNothing(_ kind: Kind) async throws {
        let site = try TempSite(Self.files.merging(["Content/c.md": "---\ntitle: [oops\n---\nx"]) { a, _ in a })
        defer { site.cleanup() }
        let before = snapshot(site.dir)
        await #expect(throws: SiteFailure.self) { try await build(site, kind) }
        await #expect(throws: SiteFailure.self) { try await build(site, kind, output: site.dir + "/deep/new/out") }
        #expect(snapshot(site.dir) == before)
    }

    @Test("a failed cached build leaves the cache and the output as they were")
    func failedCachedBuildKeepsTheCache() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        try await build(site, .cached)
        try site.write("Content/c.md", "---\ntitle: [oops\n---\nx")
        let before = snapshot(site.dir)
        await #expect(throws: SiteFailure.self) { try await build(site, .cached) }
        #expect(snapshot(site.dir) == before)
    }

    @Test("a site folder that does not exist is said so, and nothing is created", arguments: Kind.allCases)
    func missingSiteCreatesNothing(_ kind: Kind) async throws {
        let dir = NSTemporaryDirectory() + "bantin-missing-" + UUID().uuidString
        let options = BuildOptions(siteDirectory: dir)
        do {
            switch kind {
            case .full: _ = try await SiteBuilder.build(options)
            case .cached: _ = try await CachedBuild.build(options, cacheDirectory: dir + "/.bantin-cache")
            }
            Issue.record("built a missing site")
        } catch {
            #expect(error.description == "\(dir): error: the site folder does not exist; pass --site with the folder that holds Content/, Templates/ and site.yml")
        }
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    /// The number of a process that has ended.
    func deadPID() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    @Test("the leftovers of a killed build are removed by the next one, and an output it took away is put back",
          arguments: Kind.allCases)
    func killedBuildLeftoversAreRemoved(_ kind: Kind) async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        try await build(site, kind)
        let pid = try deadPID()
        try site.write(".Output.bantin-staging-\(pid)-7/index.html", "half")
        try site.write(".Output.bantin-staging-\(pid)-7.work/spill-0.html", "half")
        try site.write(".bantin-cache/bodies/spill-99.html", "half")
        // A live build's staging folder is not touched.
        try site.write(".Output.bantin-staging-\(getpid())-8/index.html", "running")
        try await build(site, kind)
        let names = try FileManager.default.contentsOfDirectory(atPath: site.dir)
        #expect(!names.contains(".Output.bantin-staging-\(pid)-7") && !names.contains(".Output.bantin-staging-\(pid)-7.work"))
        #expect(names.contains(".Output.bantin-staging-\(getpid())-8"))
        if kind == .cached { #expect(!FileManager.default.fileExists(atPath: site.dir + "/.bantin-cache/bodies/spill-99.html")) }

        // Killed between its two renames: no output, the old one aside.
        try FileManager.default.moveItem(atPath: site.output, toPath: site.dir + "/.Output.bantin-old-\(pid)-9")
        try site.write(".Output.bantin-old-\(pid)-9/CNAME", "mine")
        try await build(site, kind)
        #expect(site.pages()["CNAME"] == "mine")
        #expect(!FileManager.default.fileExists(atPath: site.dir + "/.Output.bantin-old-\(pid)-9"))
    }

    @Test("pages a cached build adds are Bantin's, whatever the output folder is called")
    func manifestUnderAVietnameseFolderName() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        let out = site.dir + "/Bản tin Đảng bộ"
        try await build(site, .cached, output: out)
        try site.write("Content/c.md", article("Bài ba", date: "2019-05-06", body: "Mới."))
        try await build(site, .cached, output: out)
        let manifest = site.pages(in: out)[OutputFolder.manifestName] ?? ""
        #expect(manifest.contains("\n+ 2019/05/bai-ba/index.html\n"), "\(manifest)")
        try site.remove("Content/c.md")
        try await build(site, .cached, output: out)
        #expect(site.pages(in: out)["2019/05/bai-ba/index.html"] == nil)
    }

    @Test("a killed preview's private folder is removed by the next one; a running one's is not")
    func killedPreviewFoldersAreRemoved() throws {
        let dead = NSTemporaryDirectory() + "bantin-serve-\(try deadPID())-\(UInt32.random(in: 0...UInt32.max))"
        let alive = NSTemporaryDirectory() + "bantin-serve-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        for dir in [dead, alive] { try FileManager.default.createDirectory(atPath: dir + "/x", withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(atPath: alive) }
        OutputFolder.removeTemporaryLeftovers()
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: alive))
    }

    @Test("the preview copies static/ and follows its changes")
    func previewFollowsStatic() async throws {
        let site = try TempSite(Self.files.merging(["static/CNAME": "a.example.vn", "static/.gitkeep": "", "static/anh/.gitkeep": ""]) { a, _ in a })
        defer { site.cleanup() }
        let session = try SiteSession(siteDirectory: site.dir, outputDirectory: site.dir + "/Preview")
        _ = try await session.rebuild()
        #expect(site.pages(in: site.dir + "/Preview")["CNAME"] == "a.example.vn")
        // What holds an empty folder in git is not published (`bantin new site` writes static/.gitkeep).
        #expect(site.pages(in: site.dir + "/Preview").keys.filter { $0.hasSuffix(".gitkeep") }.isEmpty)
        try site.write("static/CNAME", "khac.example.vn")
        #expect(try await session.rebuild(changed: ["static/CNAME"]).written == ["CNAME"])
        #expect(site.pages(in: site.dir + "/Preview")["CNAME"] == "khac.example.vn")
        // Gone with an article edit in the same batch (the plan stays as it was).
        try site.remove("static/CNAME")
        try site.write("Content/b.md", Self.files["Content/b.md"]! + "Thêm một câu.\n")
        let summary = try await session.rebuild(changed: ["static/CNAME", "Content/b.md"])
        #expect(summary.removed == ["CNAME"])
        #expect(site.pages(in: site.dir + "/Preview")["CNAME"] == nil)
    }

    @Test("static/ is copied through, its files then belong to the build; a static file where a page goes is an error",
          arguments: Kind.allCases)
    func staticFilesAreCopied(_ kind: Kind) async throws {
        let site = try TempSite(Self.files.merging(["static/CNAME": "luutru.example.vn", "static/.well-known/x.txt": "ok"]) { a, _ in a })
        defer { site.cleanup() }
        try await build(site, kind)
        #expect(site.pages()["CNAME"] == "luutru.example.vn")
        #expect(site.pages()[".well-known/x.txt"] == "ok")
        try site.write("static/CNAME", "khac.example.vn")
        try await build(site, kind)
        #expect(site.pages()["CNAME"] == "khac.example.vn")
        try site.remove("static/CNAME")
        try await build(site, kind)
        #expect(site.pages()["CNAME"] == nil)
        try site.write("static/index.html", "mine")
        do {
            try await build(site, kind)
            Issue.record("a static file replaced the home page")
        } catch {
            #expect(error.description.hasPrefix("static/index.html:1:1: error: the build writes its own index.html there"))
        }
    }
}
