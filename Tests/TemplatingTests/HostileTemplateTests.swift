import Foundation
import Testing
@testable import Templating

/// A site's templates written to hurt: every problem is an error at the template's path:line:col when the theme
/// loads, before any page renders.
@Suite struct HostileTemplateTests {
    /// Loads the default theme with `files` (relative to Templates/) over it.
    func load(_ files: [String: [UInt8]]) throws(TemplateError) -> Theme {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-templates-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (rel, bytes) in files {
            let full = dir + "/" + rel
            try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: full, contents: Data(bytes))
        }
        return try Theme.load(overrideDirectory: dir)
    }

    func loadError(_ files: [String: String]) -> TemplateError? {
        do { _ = try load(files.mapValues { Array($0.utf8) }); return nil } catch { return error }
    }

    @Test func aPartialIncludingItselfIsAnErrorAtTheTag() {
        let e = loadError(["partials/vong.mustache": "<p>\n  {{>vong}}\n</p>\n", "article.mustache": "{{>vong}}"])
        #expect(e?.path == "Templates/partials/vong.mustache")
        #expect(e?.line == 2 && e?.column == 3)
        #expect(e?.message.contains("vong → vong") == true)
    }

    @Test func aCycleThroughOtherPartialsIsAnError() {
        let e = loadError(["partials/a.mustache": "{{>b}}", "partials/b.mustache": "x\n{{#list}}{{>c}}{{/list}}", "partials/c.mustache": "{{>a}}"])
        #expect(e?.path == "Templates/partials/c.mustache")
        #expect(e?.message.contains("a → b → c → a") == true)
    }

    @Test func aLayoutThatIsItsOwnParentIsAnError() {
        let e = loadError(["layout.mustache": "{{<layout}}{{/layout}}"])
        #expect(e?.path == "Templates/layout.mustache")
        #expect(e?.line == 1 && e?.column == 1)
    }

    @Test func aMissingPartialIsAnErrorNotEmptyOutput() {
        let e = loadError(["article.mustache": "{{<layout}}{{$main}}\n  {{>khong-co}}\n{{/main}}{{/layout}}"])
        #expect(e?.path == "Templates/article.mustache")
        #expect(e?.line == 2 && e?.column == 3)
        #expect(e?.message.contains("{{>khong-co}} names no template") == true)
    }

    @Test func invalidUTF8IsAnErrorAtItsPosition() {
        var bytes = Array("<h1>Bản tin</h1>\n<p>ab".utf8)
        bytes += [0xC3, 0x28]
        do {
            _ = try load(["404.mustache": bytes])
            Issue.record("accepted")
        } catch {
            #expect(error.path == "Templates/404.mustache")
            #expect(error.line == 2 && error.column == 6)
            #expect(error.message.contains("UTF-8"))
        }
    }

    @Test func partialsThatDoubleAtEveryLevelAreAnError() {
        var files: [String: String] = ["article.mustache": "{{<layout}}{{$main}}{{>p0}}{{/main}}{{/layout}}"]
        for i in 0..<20 { files["partials/p\(i).mustache"] = "{{>p\(i + 1)}}{{>p\(i + 1)}}" }
        files["partials/p20.mustache"] = "x"
        #expect(loadError(files)?.message.contains("more than 10000 templates") == true)
    }

    @Test func deeplyNestedSectionsAreAnErrorNotAStackOverflow() {
        let deep = String(repeating: "{{#a}}", count: 100_000) + String(repeating: "{{/a}}", count: 100_000)
        let e = loadError(["404.mustache": deep])
        #expect(e?.line == 1)
        #expect(e?.message.contains("nested more than 100") == true)
    }

    @Test func theDefaultThemeLoads() throws {
        #expect(try Theme.load(overrideDirectory: nil).sources["layout"] != nil)
    }
}
