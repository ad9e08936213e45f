import Foundation
import Testing
@testable import Markup

/// Markdown written to hurt: what the wrapper adds to cmark must stay correct (and linear; the times are in
/// BENCHMARKS.md, "Hostile input") on cmark's own pathological cases.
@Suite struct HostileMarkdownTests {
    /// cmark's nested emphasis case: every text run is thousands of inlines deep. Each run still gets the line of
    /// its block, found without climbing the nesting once per run.
    @Test func deeplyNestedEmphasisGivesEveryRunItsBlockLine() {
        let n = 2_000
        let source = "Mở đầu\n\n" + String(repeating: "*a **a ", count: n) + "b" + String(repeating: " a** a*", count: n) + "\n\n- cuối"
        var seen: [TextRun] = []
        let r = Markdown.render(source) { runs in
            seen = runs
            return runs.map { _ in [] }
        }
        #expect(seen.first?.text == "Mở đầu" && seen.first?.line == 1)
        #expect(seen.dropFirst().dropLast().allSatisfy { $0.line == 3 })
        #expect(seen.filter { $0.text.contains("b") }.map(\.text) == ["a b a"])
        #expect(seen.last?.text == "cuối" && seen.last?.line == 5)
        #expect(r.html.hasPrefix("<p>Mở đầu</p>\n<p><em>a <strong>a <em>a"))
    }

    /// Runs inside nested containers (quotes, lists) take the line of their own paragraph, not of the container.
    @Test func runsInNestedContainersTakeTheirParagraphsLine() {
        let source = "> trích\n>\n> - mục một\n>\n>   tiếp theo\n\nsau"
        var lines: [String: Int] = [:]
        _ = Markdown.render(source) { runs in
            for run in runs { lines[run.text] = run.line }
            return runs.map { _ in [] }
        }
        #expect(lines == ["trích": 1, "mục một": 3, "tiếp theo": 5, "sau": 7])
    }

    /// One paragraph dense with references: thousands of links in one run, across soft breaks and inside one long
    /// text node, each wrapping exactly its bytes (cut in one pass, not node by node from the start).
    @Test(arguments: ["\n", " "])
    func thousandsOfLinksInOneRun(_ separator: String) {
        let n = 3_000
        let source = Array(repeating: "Chỉ thị số \u{0035} và", count: n).joined(separator: separator)
        let r = Markdown.render(source) { runs in
            runs.map { run in
                var links: [InlineLink] = []
                let b = Array(run.text.utf8)
                let needle = Array("số 5".utf8)
                var i = 0
                while i + needle.count <= b.count {
                    if b[i..<(i + needle.count)].elementsEqual(needle) {
                        links.append(InlineLink(range: i..<(i + needle.count), url: "/v/\(links.count)/"))
                        i += needle.count
                    } else {
                        i += 1
                    }
                }
                return links
            }
        }
        #expect(r.html.components(separatedBy: "<a href=").count == n + 1)
        #expect(r.html.contains("Chỉ thị <a href=\"/v/0/\">số 5</a> và\(separator)Chỉ thị <a href=\"/v/1/\">số 5</a> và"))
        #expect(r.html.hasSuffix("Chỉ thị <a href=\"/v/\(n - 1)/\">số 5</a> và</p>\n"))
    }

    @Test func overlappingAndEmptyLinksAreSkipped() {
        let r = Markdown.render("abc def") { _ in
            [[InlineLink(range: 0..<3, url: "/a"), InlineLink(range: 2..<5, url: "/b"), InlineLink(range: 6..<6, url: "/c"),
              InlineLink(range: 4..<99, url: "/d")]]
        }
        #expect(r.html == "<p><a href=\"/a\">abc</a> <a href=\"/d\">def</a></p>\n")
    }
}
