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
}
