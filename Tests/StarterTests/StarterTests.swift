import Foundation
import Testing
import Yams
@testable import Site
@testable import Starter
import Vietnamese

@Suite struct StarterTests {
    static let now = LocalDateTime(year: 2026, month: 12, day: 1, hour: 21, minute: 5)

    func temporaryFolder() -> String { NSTemporaryDirectory() + "bantin-starter-" + UUID().uuidString }

    @Test func aNewSiteBuildsAsItIs() async throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let written = try Starter.newSite(at: dir, title: "Kho tin thử", now: Self.now)
        #expect(written.contains("site.yml") && written.contains(".gitignore") && written.contains(".github/workflows/bantin.yml"))
        let report = try await SiteBuilder.build(BuildOptions(siteDirectory: dir))
        #expect(report.articles == 1)
        #expect(report.warnings.isEmpty && report.unresolved.isEmpty)
        // The example article's reference is found: its document has a page.
        #expect(FileManager.default.fileExists(atPath: dir + "/Output/van-ban/chi-thi-05-ct-tw-2016/index.html"))
    }

    @Test func theCIFilesAreValidYAMLThatDownloadBantinCheckStrictlyAndKeepTheCache() throws {
        for (path, text) in Starter.siteFiles(title: "T", now: Self.now) where path.hasSuffix(".yml") {
            let value = try #require(try Yams.load(yaml: text), "\(path)")
            #expect(value is [String: Any], "\(path)")
        }
        let github = try #require(Starter.siteFiles(title: "T", now: Self.now).first { $0.0 == ".github/workflows/bantin.yml" }?.1)
        let gitlab = try #require(Starter.siteFiles(title: "T", now: Self.now).first { $0.0 == ".gitlab-ci.yml" }?.1)
        for ci in [github, gitlab] {
            #expect(ci.contains(".bantin-cache") && ci.contains("Output"))
            // Bantin is downloaded (the static binary of `make dist`), not built with a Swift toolchain on every run.
            #expect(ci.contains("curl -fsSL \"$BANTIN_DOWNLOAD\" | tar -xz"))
            #expect(!ci.contains("swift") && !ci.contains("git clone") && !ci.contains("make -C"))
            // Checked strictly first, then built: a warning stops the run before anything is published.
            let check = try #require(ci.range(of: "bantin check --strict")), build = try #require(ci.range(of: "bantin build\n"))
            #expect(check.upperBound < build.lowerBound)
        }
        // The shell steps are the ones a user's runner executes: each parses under bash -n here; scripts/exercise-ci-steps.sh
        // runs them against a local tarball (.ci/run does).
        for ci in [github, gitlab] {
            let yaml = try #require(try Yams.load(yaml: ci) as? [String: Any])
            var scripts: [String] = []
            func collect(_ v: Any) {
                if let d = v as? [String: Any] {
                    for (k, x) in d { if k == "run", let s = x as? String { scripts.append(s) } else if ["script", "before_script"].contains(k), let l = x as? [String] { scripts += l } else { collect(x) } }
                } else if let l = v as? [Any] { l.forEach(collect) }
            }
            collect(yaml)
            #expect(!scripts.isEmpty)
            for script in scripts {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/bin/bash")
                p.arguments = ["-n", "-c", script]
                try p.run()
                p.waitUntilExit()
                #expect(p.terminationStatus == 0, "\(script)")
            }
        }
    }

    @Test func aNewSiteIsNeverWrittenOverFiles() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("của tôi".utf8).write(to: URL(fileURLWithPath: dir + "/ghi-chu.txt"))
        #expect(throws: Starter.Failure.self) { try Starter.newSite(at: dir, title: "T", now: Self.now) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["ghi-chu.txt"])
    }

    @Test func aNewArticleIsADraftDatedNowInItsMonth() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Starter.newArticle(in: dir, title: "Hội nghị Ban Chấp hành Đảng bộ tháng 12", now: Self.now)
        #expect(path == "Content/2026/12/hoi-nghi-ban-chap-hanh-dang-bo-thang-12.md")
        let text = try String(contentsOfFile: dir + "/" + path, encoding: .utf8)
        #expect(text.contains("date: 2026-12-01 21:05 +07:00") && text.contains("draft: true"))
        #expect(throws: Starter.Failure.self) { _ = try Starter.newArticle(in: dir, title: "Hội nghị Ban Chấp hành Đảng bộ tháng 12", now: Self.now) }
    }

    @Test func localTimeFromTheClock() {
        // 2026-12-01 14:05:00 UTC is 21:05 in Hà Nội.
        let t = Starter.localTime(epochSeconds: 1_796_133_900, offset: 7 * 3600)
        #expect((t.year, t.month, t.day, t.hour, t.minute) == (2026, 12, 1, 21, 5))
    }
}
