import Foundation
import Testing
@testable import Templating

/// A site's templates written to hurt: every problem is found at the template's path:line:col when the theme loads,
/// before any page renders: an error, or a warning where the Mustache specification says what to render.
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

    func loadWarnings(_ files: [String: String]) throws -> (Theme, [TemplateWarning]) {
        let theme = try load(files.mapValues { Array($0.utf8) })
        return (theme, theme.warnings)
    }

    // A partial that includes itself is what the Mustache spec allows (data ends it): a warning at the tag, and
    // rendering that stops, whatever the data.
    @Test func aPartialIncludingItselfIsAWarningAtTheTagAndRenderingEnds() throws {
        let (theme, warnings) = try loadWarnings(["partials/vong.mustache": "<p>\n  {{>vong}}\n</p>\n", "article.mustache": "{{>vong}}"])
        let w = try #require(warnings.first)
        #expect(warnings.count == 1)
        #expect(w.path == "Templates/partials/vong.mustache")
        #expect(w.line == 2 && w.column == 3)
        #expect(w.message.contains("vong → vong"))
        #expect(w.description.contains(": warning: "))
        let out = String(decoding: theme.renderBytes("article", .object([:])), as: UTF8.self)
        #expect(out.components(separatedBy: "<p>").count - 1 == CompiledTemplate.maxDepth)
    }

    @Test func recursionEndedByTheDataRendersAsTheSpecSays() throws {
        let (theme, _) = try loadWarnings(["partials/nut.mustache": "{{ten}}({{#con}}{{>nut}}{{/con}})", "404.mustache": "{{>nut}}"])
        let tree: TemplateValue = ["ten": "Tỉnh", "con": [["ten": "Huyện", "con": [["ten": "Xã", "con": []]]]]]
        #expect(String(decoding: theme.renderBytes("404", tree), as: UTF8.self) == "Tỉnh(Huyện(Xã()))")
    }

    @Test func aCycleThroughOtherPartialsIsAWarning() throws {
        let (_, warnings) = try loadWarnings(["partials/a.mustache": "{{>b}}", "partials/b.mustache": "x\n{{#list}}{{>c}}{{/list}}", "partials/c.mustache": "{{>a}}"])
        #expect(warnings.count == 1)
        #expect(warnings.first?.path == "Templates/partials/c.mustache")
        #expect(warnings.first?.message.contains("a → b → c → a") == true)
    }

    @Test func aLayoutThatIsItsOwnParentIsAWarningAndRendersNothingForever() throws {
        let (theme, warnings) = try loadWarnings(["layout.mustache": "x{{<layout}}{{/layout}}"])
        #expect(warnings.first?.path == "Templates/layout.mustache")
        #expect(warnings.first?.line == 1 && warnings.first?.column == 2)
        #expect(theme.renderBytes("layout", .object([:])).count == CompiledTemplate.maxDepth + 1)
    }

    @Test func aMissingPartialIsAWarningAtTheTag() throws {
        let (theme, warnings) = try loadWarnings(["article.mustache": "{{<layout}}{{$main}}\n  {{>khong-co}}\n{{/main}}{{/layout}}"])
        let w = try #require(warnings.first)
        #expect(w.path == "Templates/article.mustache")
        #expect(w.line == 2 && w.column == 3)
        #expect(w.message.contains("{{>khong-co}} names no template"))
        #expect(!theme.renderBytes("article", .object([:])).isEmpty)
    }

    @Test func aMissingParentIsAnError() {
        let e = loadError(["article.mustache": "{{<khung}}{{$main}}x{{/main}}{{/khung}}"])
        #expect(e?.path == "Templates/article.mustache")
        #expect(e?.message.contains("{{<khung}} names no template") == true)
    }

    @Test func sectionsInsideIncludesStopBeforeTheStackDoes() throws {
        // 99 sections in a partial that includes itself: 100 × 99 frames if nothing stopped it.
        let deep = String(repeating: "{{#a}}", count: 99) + "{{>sau}}" + String(repeating: "{{/a}}", count: 99)
        let (theme, _) = try loadWarnings(["partials/sau.mustache": deep, "404.mustache": "{{>sau}}"])
        #expect(theme.renderBytes("404", ["a": true]).isEmpty)
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

    @Test func badSetDelimitersAreAnErrorAtTheTag() {
        let e = loadError(["404.mustache": "<p>\n  {{=<%>=}}\n"])
        #expect(e?.path == "Templates/404.mustache")
        #expect(e?.line == 2 && e?.column == 3)
        #expect(e?.message.contains("does not set delimiters") == true)
        // A tag left open under the new delimiters names them.
        #expect(loadError(["404.mustache": "{{=<% %>=}}\n<% x"])?.message.contains("not closed with %>") == true)
    }

    /// `{{>*name}}` is named by the data, so it cannot be checked when the theme loads: a partial that names itself
    /// stops at 100 levels, and one that doubles at every level stops at a bounded amount of work.
    @Test func dynamicPartialsThatNeverEndStop() throws {
        let theme = try load(["partials/vong.mustache": Array("x{{>*ten}}".utf8),
                              "partials/doi.mustache": Array("{{>*ten}}{{>*ten}}".utf8)])
        let deep = theme.renderBytes("vong", .object(["ten": .text("vong")]))
        #expect(deep.count == 101)
        let wide = theme.renderBytes("doi", .object(["ten": .text("doi")]))
        #expect(wide.isEmpty)
        #expect(theme.renderBytes("vong", .object(["ten": .text("khong-co")])) == Array("x".utf8))
    }

    @Test func aDynamicPartialDependsOnEveryTemplate() throws {
        let theme = try load(["partials/dong.mustache": Array("{{>*ten}}".utf8)])
        #expect(Set(theme.dependencies(of: "dong")) == Set(theme.sources.keys))
        // Includes are followed under other delimiters too.
        let other = try load(["404.mustache": Array("{{=<% %>=}}<%>pagination%>".utf8)])
        #expect(other.dependencies(of: "404") == ["404", "pagination"])
    }

    @Test func theDefaultThemeLoads() throws {
        #expect(try Theme.load(overrideDirectory: nil).sources["layout"] != nil)
    }
}
