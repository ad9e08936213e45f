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

    @Test(arguments: [(Array(0...10_000).map { "k\($0): v" }.joined(separator: "\n"), 10_002),
                      ("tags:\n" + String(repeating: "  - a\n", count: 10_000), 4)])
    func aFrontMatterOfTensOfThousandsOfValuesIsAnError(_ yaml: String, _ line: Int) {
        // The fast path has the limit Yams' path has.
        let e = error("---\ntitle: T\ndate: 2017-12-13\n\(yaml)\n---\nx")
        #expect(e?.line == line)
        #expect(e?.message.contains("more than 10000 values") == true)
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

    @Test func anUnreadableAliasNamesItsEntry() {
        do {
            _ = try RegistryFile.load(yaml: "- label: Chỉ thị số 05-CT/TW\n  aliases: [không phải văn bản]\n", path: "Content/documents.yml")
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("Content/documents.yml:1:1: error: alias “không phải văn bản”"))
            #expect(error.message.hasSuffix("(in the entry “Chỉ thị số 05-CT/TW”)"))
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

/// Values that would change a page or a URL are changed, with a warning at their line; never in silence.
@Suite struct ChangedValueTests {
    @Test(arguments: [("\u{0}", "a raw NUL"), ("\u{1}", "a raw SOH"), ("\u{7F}", "DEL"), ("\u{85}", "a C1 control")])
    func controlCharactersInTheFrontMatterAreReplacedWithAWarning(_ control: String, _ label: String) throws {
        let a = try parse("---\ntitle: Cần\(control)Thơ\ndate: 2017-12-13\n---\nx")
        #expect(a.title == "Cần Thơ", "\(label)")
        #expect(a.warnings.count == 1)
        #expect(a.warnings.first?.line == 2 && a.warnings.first?.column == 11)
        #expect(a.warnings.first?.description.hasPrefix("Content/x.md:2:11: warning: ") == true)
    }

    @Test func controlCharactersWrittenAsEscapesAreReplacedToo() throws {
        let a = try parse("---\ntitle: \"Cần\\0Thơ\\x01\"\ndate: 2017-12-13\ntags: [\"a\\u0085b\"]\n---\nx")
        #expect(a.title == "Cần Thơ")
        #expect(a.tags == ["a b"])
        #expect(a.warnings.map(\.line) == [4, 2])  // by key: tags, title
    }

    @Test func anOrdinaryArticleHasNoWarnings() throws {
        #expect(try parse("---\ntitle: \"Cần Thơ:\tmột\"\ndate: 2017-12-13\nslug: Đảng bộ Cần Thơ\n---\nx").warnings.isEmpty)
    }

    @Test(arguments: [
        ("../../etc/passwd", "etc-passwd", "“..”"),
        ("a/b", "a-b", "“/”"),
        ("a\\\\b", "a-b", "“\\”"),
        ("/var/www", "var-www", "is a path"),
        ("<script>x</script>", "script-x-script", "markup"),
        ("a?b#c", "a-b-c", "URLs"),
        ("\"\"", "cmark-cung-can-tho", "empty"),
        (String(repeating: "dai-", count: 75), String(repeating: "dai-", count: 50).dropLast().description, "200 bytes"),
    ])
    func aGivenSlugThatMustChangeIsChangedWithAWarning(_ given: String, _ slug: String, _ why: String) throws {
        let a = try parse("---\ntitle: Cmark cùng Cần Thơ\ndate: 2017-12-13\nslug: \(given)\n---\nx")
        #expect(a.slug == slug)
        let w = try #require(a.warnings.first)
        #expect(w.line == 4 && w.column == 7)
        #expect(w.message.contains(why), "\(w.message)")
    }

    @Test func aTagWithoutLettersIsWarned() throws {
        let a = try parse("---\ntitle: T\ndate: 2017-12-13\ntags: [\"...\", Cần Thơ]\n---\nx")
        #expect(a.warnings.map(\.line) == [4])
        #expect(a.warnings.first?.message.contains("“...”") == true)
    }

    @Test func aSlugThatOnlyFoldsLettersIsNotWarned() throws {
        let a = try parse("---\ntitle: T\ndate: 2017-12-13\nslug: Đảng Bộ Cần Thơ 2017\n---\nx")
        #expect(a.slug == "dang-bo-can-tho-2017")
        #expect(a.warnings.isEmpty)
    }
}
