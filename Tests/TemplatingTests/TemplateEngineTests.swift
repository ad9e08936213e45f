import Foundation
import Mustache
import Testing
@testable import Archive
@testable import Site
@testable import Templating

func render(_ templates: [String: String], _ name: String, _ context: [String: Any]) throws -> String {
    var compiled: [String: CompiledTemplate] = [:]
    for (n, t) in templates { compiled[n] = try CompiledTemplate(t) }
    var r = TemplateRenderer(templates: compiled)
    r.render(name, TemplateValue(context))
    return String(decoding: r.out, as: UTF8.self)
}

/// The same template and context through swift-mustache, the reference.
func reference(_ templates: [String: String], _ name: String, _ context: [String: Any]) throws -> String {
    var library = MustacheLibrary()
    for (n, t) in templates { try library.register(t, named: n) }
    return library.render(context, withTemplate: name) ?? "<missing>"
}

@Suite struct TemplateEngineTests {
    static var cases: [(String, [String: String], [String: Any])] { [
        ("variables and escaping", ["t": "A {{x}} B {{{x}}} C {{&x}} {{missing}}."], ["x": "<b>&\"'"]),
        ("dotted names and numbers", ["t": "{{a.b.c}} {{n}} {{f}}"], ["a": ["b": ["c": "sâu"]], "n": 42, "f": true]),
        ("sections over lists and objects", ["t": "{{#list}}[{{name}}]{{/list}}{{#obj}}({{name}}){{/obj}}{{#yes}}có{{/yes}}{{#no}}không{{/no}}"],
         ["list": [["name": "a"], ["name": "b"]], "obj": ["name": "o"], "yes": true, "no": false]),
        ("inverted sections", ["t": "{{^empty}}trống{{/empty}}{{^list}}x{{/list}}{{^missing}}thiếu{{/missing}}"],
         ["empty": [Any](), "list": ["a"]]),
        ("implicit iterator", ["t": "{{#names}}{{.}}, {{/names}}"], ["names": ["Đà Nẵng", "Huế"]]),
        ("context lookup walks outwards", ["t": "{{#items}}{{title}}/{{site}} {{/items}}"], ["site": "S", "items": [["title": "1"], ["title": "2"]]]),
        ("standalone lines", ["t": "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n</ul>\n{{! chú thích }}\nhết\n"], ["items": ["a", "b"]]),
        ("partials with indentation", ["t": "<div>\n  {{>p}}\n</div>\n", "p": "<p>{{x}}</p>\n<p>2</p>\n"], ["x": "ý"]),
        ("inheritance", ["base": "<html>{{$head}}đầu{{/head}}|{{$main}}mặc định{{/main}}</html>\n",
                         "t": "{{<base}}\n{{$main}}\nnội dung {{x}}\n{{/main}}\n{{/base}}\n"], ["x": "X"]),
        ("comments spanning lines", ["t": "a{{! một\nhai }}b"], [:]),
    ] }

    @Test(arguments: 0..<10)
    func rendersLikeTheReference(caseIndex: Int) throws {
        let (label, templates, context) = Self.cases[caseIndex]
        #expect(try render(templates, "t", context) == reference(templates, "t", context), "\(label)")
    }

    @Test func unclosedSectionNamesItsLine() {
        do {
            _ = try CompiledTemplate("a\nb {{#x}}\nc")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 3)
            #expect(error.message.contains("never closed"))
        }
        #expect(throws: TemplateSyntaxError.self) { try CompiledTemplate("{{#a}}{{/b}}") }
        #expect(throws: TemplateSyntaxError.self) { try CompiledTemplate("{{x") }
    }
}

@Suite struct ThemeDifferentialTests {
    /// Every page of the sample archive, rendered by Bantin's engine and by swift-mustache from the same context.
    @Test func sampleArchivePagesRenderExactlyLikeSwiftMustache() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let work = NSTemporaryDirectory() + "bantin-diff-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let config = try SiteBuilder.loadConfig(root)
        let registry = try SiteBuilder.loadRegistry(root)
        let theme = try Theme.load(overrideDirectory: root + "/Templates")
        let loader = LoadContext(siteDirectory: root, config: config, registry: registry, includeDrafts: false, theme: theme)
        let (records, spills, _, _, _) = try await SiteBuilder.load(SiteBuilder.discover(root + "/Content"), loader: loader, work: work, progress: nil)
        let index = try SiteIndex.build(records, config: config, registry: registry)
        let spill = try SpillReader(directory: work, count: spills)
        defer { spill.close() }
        let renderer = PageRenderer(index: index, config: config, theme: theme, spill: spill, searchShards: [])
        var library = MustacheLibrary()
        for (name, text) in theme.sources { try library.register(text, named: name) }
        var compared = 0
        // Bantin's engine also keeps document symbols on one line in HTML text (`Escape.htmlKeepingSymbols`), which
        // swift-mustache does not do: those spans are taken out of both (bodies carry them already) before comparing.
        let symbol = try NSRegularExpression(pattern: "<span class=\"so-hieu\">([^<]*)</span>")
        func plainSymbols(_ s: String?) -> String? {
            s.map { symbol.stringByReplacingMatches(in: $0, range: NSRange($0.startIndex..., in: $0), withTemplate: "$1") }
        }
        for (path, job) in renderer.plan() where PageRenderer.isTemplated(job) {
            let page = try renderer.page(job)
            let ours = plainSymbols(theme.render(page.template, .object(page.context)))!
            let theirs = plainSymbols(library.render(plain(TemplateValue.object(page.context)), withTemplate: page.template))
            #expect(ours == theirs, "\(path)")
            if ours != theirs, ProcessInfo.processInfo.environment["BANTIN_DIFF_DIR"] != nil {
                let d = ProcessInfo.processInfo.environment["BANTIN_DIFF_DIR"]!
                try? ours.write(toFile: d + "/ours.html", atomically: true, encoding: .utf8)
                try? (theirs ?? "").write(toFile: d + "/theirs.html", atomically: true, encoding: .utf8)
            }
            compared += 1
        }
        for (i, r) in index.articles.enumerated() {
            let context = PageRenderer.itemContext(r.meta, url: config.basePath + index.urls[i], summary: String(decoding: try spill.read(r.summary), as: UTF8.self))
            #expect(plainSymbols(String(decoding: try spill.read(r.itemHTML), as: UTF8.self)) == plainSymbols(library.render(plain(context), withTemplate: "article-item")))
        }
        #expect(compared > 100)
    }
}

/// Contexts as swift-mustache understands them: pre-rendered HTML bytes become strings.
func plain(_ value: Any) -> Any {
    switch value {
    case let v as TemplateValue:
        switch v {
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .text(let t): return t
        case .flag(let f): return f
        case .list(let l): return l.map(plain)
        case .object(let d): return d.mapValues(plain)
        }
    case let d as [String: Any]: return d.mapValues(plain)
    case let a as [Any]: return a.map(plain)
    default: return value
    }
}

@Suite struct SymbolsInTextTests {
    /// Only a value in HTML text gets the span that keeps a symbol on one line: an attribute, `<title>` or a script
    /// would show or break on the markup.
    @Test func symbolsAreKeptTogetherInTextOnly() throws {
        let template = "<title>{{t}} · {{s}}</title>\n<meta content=\"{{t}}\"><a title='{{t}}' href=\"/\">{{t}}</a>"
            + "<script>var x = \"{{t}}\";</script><p class=\"a\">{{t}}, ngày {{d}}</p>{{{t}}}<textarea>{{t}}</textarea>{{#l}}<li>{{.}}</li>{{/l}}"
        let out = try render(["page": template], "page", ["t": "Nghị quyết 55-NQ/TW", "s": "126/BC-UBND", "d": "3/6/2017", "l": ["QĐ-TTg"]])
        let span = { (s: String) in "<span class=\"so-hieu\">\(s)</span>" }
        #expect(out == "<title>Nghị quyết 55-NQ/TW · 126/BC-UBND</title>\n<meta content=\"Nghị quyết 55-NQ/TW\">"
                + "<a title='Nghị quyết 55-NQ/TW' href=\"/\">Nghị quyết \(span("55-NQ/TW"))</a><script>var x = \"Nghị quyết 55-NQ/TW\";</script>"
                + "<p class=\"a\">Nghị quyết \(span("55-NQ/TW")), ngày 3/6/2017</p>Nghị quyết 55-NQ/TW<textarea>Nghị quyết 55-NQ/TW</textarea>"
                + "<li>\(span("QĐ-TTg"))</li>")
    }
}
