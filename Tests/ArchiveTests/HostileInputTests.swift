import Foundation
import Testing
@testable import Archive
import Documents

/// Hostile front matter, site.yml and documents.yml: each is an error at its line, never a crash, a hang or a
/// value accepted in silence.
@Suite struct HostileInputTests {
    /// Nine anchors of nine aliases each: 9⁹ values once expanded, a few hundred bytes written.
    static func billionLaughs(indent: String = "") -> [String] {
        var lines = ["\(indent)l0: &a0 \"lol\""]
        for i in 1...9 { lines.append("\(indent)l\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]") }
        return lines
    }

    @Test func aliasBombUnderAnUnknownKeyIsAnErrorAtItsLine() {
        let text = (["---", "title: T", "date: 2017-12-13"] + Self.billionLaughs() + ["---", "x"]).joined(separator: "\n")
        let e = error(text)
        // l5 (line 9) is the first list past 10,000 values: 9⁵ = 59,049.
        #expect(e?.line == 9)
        #expect(e?.column == 10)
        #expect(e?.message.contains("aliases") == true)
    }

    @Test func aliasBombAsAMappingKeyIsAnError() {
        // Yams hashes mapping keys to find duplicates: an alias key would be expanded there.
        let text = (["---", "title: T", "date: 2017-12-13"] + Self.billionLaughs() + ["? *a9", ": x", "---", "x"]).joined(separator: "\n")
        #expect(error(text)?.line == 9)
    }

    @Test func aFewAliasesAreStillYAML() throws {
        let a = try parse("---\ntitle: &t Cần Thơ\ndate: 2017-12-13\nsource: *t\n---\nx")
        #expect(a.source == "Cần Thơ")
    }

    @Test(arguments: [String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
                      String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)])
    func deepNestingIsAnErrorAtItsLine(_ value: String) {
        let e = error("---\ntitle: T\ndate: 2017-12-13\nx: \(value)\n---\nx")
        #expect(e?.line == 4)
    }

    @Test func siteYmlAliasBombIsAnError() {
        #expect(throws: SiteError.self) { try SiteConfig.load(yaml: Self.billionLaughs().joined(separator: "\n"), path: "site.yml") }
    }

    @Test func documentsYmlAliasBombIsAnError() {
        let yaml = (["- label: Chỉ thị số 05-CT/TW", "  extra:"] + Self.billionLaughs(indent: "    ")).joined(separator: "\n")
        do {
            _ = try RegistryFile.load(yaml: yaml, path: "Content/documents.yml")
            Issue.record("accepted")
        } catch {
            #expect(error.path == "Content/documents.yml")
            // l7 (line 10) is the first past the registry's 1,000,000 values: 9⁷ = 4,782,969.
            #expect(error.line == 10)
        }
    }

    @Test(arguments: [("javascript:alert(1)", false), ("data:text/html,x", false), ("//evil.example/", false),
                      ("https://x.vn/\"><script>", false), ("https:///a/", false), ("http://a b/", false), ("", false),
                      ("https://luutru.example.vn/", true), ("http://localhost:8080/a/", true), ("/luu-tru/", true), ("luu-tru", true)])
    func baseURLIsAnHTTPURLOrAPath(_ url: String, _ ok: Bool) {
        let result = Result { () throws(SiteError) in try SiteConfig.load(yaml: "base_url: '\(url)'", path: "site.yml") }
        switch result {
        case .success(let c): #expect(ok && c.baseURL == url)
        case .failure(let e): #expect(!ok && e.line == 1 && e.column == 11 && e.message.contains("base_url"))
        }
    }

    @Test(arguments: [("vi", true), ("vi-VN", true), ("zh-Hant-TW", true), ("en-US-x-twain", true),
                      ("vi\"><script>alert(1)</script>", false), ("v", false), ("vi_VN", false), ("vi-", false), ("tiếng-việt", false)])
    func languageIsABCP47Tag(_ tag: String, _ ok: Bool) {
        let result = Result { () throws(SiteError) in try SiteConfig.load(yaml: "language: '\(tag)'", path: "site.yml") }
        switch result {
        case .success(let c): #expect(ok && c.language == tag)
        case .failure(let e): #expect(!ok && e.message.contains("BCP 47"))
        }
    }

    @Test(arguments: ["+99999999999999999999", "+0700000", "+25:00", "Mars/Olympus"])
    func timeZoneMustBeAnOffset(_ zone: String) {
        #expect(throws: SiteError.self) { try SiteConfig.load(yaml: "timezone: '\(zone)'", path: "site.yml") }
    }

    @Test func anOverlongOffsetInADateIsAnErrorNotACrash() {
        #expect(error("---\ntitle: T\ndate: 2017-12-13T08:08:00+99999999999999999999\n---\nx")?.line == 3)
    }

    @Test func siteYmlThatIsAFolderOrNotUTF8IsAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-hostile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/site.yml", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: SiteError(path: "site.yml", message: "site.yml is a folder, not a file; remove it or put a file of “key: value” lines in its place")) {
            try SiteConfig.load(file: dir + "/site.yml", path: "site.yml")
        }
        // Missing: the defaults.
        #expect(try SiteConfig.load(file: dir + "/nothing.yml", path: "site.yml") == SiteConfig())
        var bytes = Array("- label: Chỉ thị số 05-CT/TW\n  title: Về".utf8)
        bytes.append(0xFF)
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/documents.yml"))
        do {
            _ = try RegistryFile.load(file: dir + "/documents.yml", path: "Content/documents.yml")
            Issue.record("accepted")
        } catch {
            #expect(error.line == 2 && error.column == 12 && error.message.contains("UTF-8"))
        }
    }

    @Test func registryAliasCycleIsReportedAtDocumentsYml() {
        let yaml = """
        - label: Nghị quyết số 04-NQ/TW
          aliases: [Nghị quyết Hội nghị Trung ương 4 khóa XII]
        - label: Nghị quyết Hội nghị Trung ương 4 khóa XII
          aliases: [Nghị quyết số 04-NQ/TW]
        """
        do {
            _ = try RegistryFile.load(yaml: yaml, path: "Content/documents.yml")
            Issue.record("accepted")
        } catch {
            #expect(error.path == "Content/documents.yml" && error.line == 1)
            #expect(error.message.contains("“Nghị quyết số 04-NQ/TW”") && error.message.contains("line 3"))
        }
    }

    @Test func anAliasUnderTwoEntriesIsAnError() {
        let yaml = """
        - label: Nghị quyết số 04-NQ/TW
          date: 2016-10-30
          aliases: [Nghị quyết Hội nghị Trung ương 4 khóa XII]
        - label: Nghị quyết số 05-NQ/TW
          date: 2016-11-01
          aliases: [Nghị quyết Hội nghị Trung ương 4 khóa XII]
        """
        #expect(throws: SiteError.self) { try RegistryFile.load(yaml: yaml, path: "Content/documents.yml") }
    }
}
