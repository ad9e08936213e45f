import Foundation
import Testing
@testable import Markup

@Suite struct MarkdownTests {
    @Test func rawHTMLAndScriptLinksAreDroppedByDefault() {
        let html = Markdown.render("Xin chào <script>alert(1)</script>\n\n<div onclick=\"x()\">khối</div>\n\n[a](javascript:alert(1)) [b](vbscript:x) [c](file:///etc/passwd) [d](data:text/html,x)").html
        #expect(!html.contains("<script"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("vbscript:"))
        #expect(!html.contains("file:"))
        #expect(!html.contains("data:text"))
        #expect(html.contains("raw HTML omitted"))
    }

    @Test func aSiteMayAllowRawHTML() {
        let html = Markdown.render("<div class=\"hop\">khối</div>", options: MarkdownOptions(allowRawHTML: true)).html
        #expect(html.contains("<div class=\"hop\">khối</div>"))
    }

    @Test func headingsGetStableUniqueIDs() {
        let r = Markdown.render("## Kết quả\n\nA\n\n## Kết quả\n\n### Hạn chế *lớn*", options: MarkdownOptions(headingID: { $0.lowercased().replacingOccurrences(of: " ", with: "-") }))
        #expect(r.headings.map(\.id) == ["kết-quả", "kết-quả-2", "hạn-chế-lớn"])
        #expect(r.headings.map(\.level) == [2, 2, 3])
        #expect(r.html.contains("<h2 id=\"kết-quả-2\">"))
        #expect(r.html.contains("<h3 id=\"hạn-chế-lớn\">"))
        #expect(r.html.contains("<em>lớn</em>"))
    }

    @Test func headingIDsAreEscaped() {
        let r = Markdown.render("# a\"b<c", options: MarkdownOptions(smartPunctuation: false, headingID: { $0 }))
        #expect(r.html.contains("<h1 id=\"a&quot;b&lt;c\">"))
    }

    @Test func smartPunctuationAndUTF8() {
        let r = Markdown.render("\"Trích dẫn\" -- đoạn 'ngắn'...")
        #expect(r.html.contains("“Trích dẫn” – đoạn ‘ngắn’…"))
    }

    @Test func plainTextAndFirstParagraph() {
        let r = Markdown.render("# Tiêu đề\n\nĐoạn **đầu** tiên\ncó hai dòng.\n\n- một\n- hai\n\n```\nmã\n```")
        #expect(r.firstParagraph == "Đoạn đầu tiên có hai dòng.")
        #expect(r.plainText.contains("Tiêu đề"))
        #expect(r.plainText.contains("một"))
        #expect(r.plainText.contains("mã"))
    }

    @Test func linksAreCollected() {
        let r = Markdown.render("Xem [trang](https://example.vn/a) và <https://example.vn/b>.")
        #expect(r.links == [Link(url: "https://example.vn/a", text: "trang"), Link(url: "https://example.vn/b", text: "https://example.vn/b")])
    }

    @Test func annotatorSeesTextButNotCodeOrLinks() {
        var seen: [String] = []
        _ = Markdown.render("Trước `mã Chỉ thị` và [liên kết Chỉ thị](x) sau *nhấn* cuối.\n\n```\nkhối mã\n```") { runs in
            seen = runs.map(\.text)
            return runs.map { _ in [] }
        }
        #expect(seen.contains("Trước "))
        #expect(!seen.contains { $0.contains("mã Chỉ thị") })
        #expect(!seen.contains { $0.contains("liên kết") })
        #expect(!seen.contains { $0.contains("khối mã") })
        #expect(seen.contains("nhấn"))
    }

    @Test func insertsLinksInsideAndAcrossTextNodes() {
        let source = "Thực hiện Chỉ thị\nsố 05-CT/TW và *Quy định 55* nữa."
        let r = Markdown.render(source) { runs in
            runs.map { run in
                var links: [InlineLink] = []
                let b = Array(run.text.utf8)
                for needle in ["Chỉ thị số 05-CT/TW", "Quy định 55"] {
                    let n = Array(needle.utf8)
                    if let i = (0...(max(0, b.count - n.count))).first(where: { b.count >= n.count && Array(b[$0..<($0 + n.count)]) == n }) {
                        links.append(InlineLink(range: i..<(i + n.count), url: "/van-ban/\(needle.count)/", title: needle))
                    }
                }
                return links
            }
        }
        // The symbol inside the link kept on one line (Typography.keepSymbolsTogether).
        #expect(r.html.contains("<a href=\"/van-ban/19/\" title=\"Chỉ thị số 05-CT/TW\">Chỉ thị\nsố <span class=\"so-hieu\">05-CT/TW</span></a> và"))
        #expect(r.html.contains("<em><a href=\"/van-ban/11/\" title=\"Quy định 55\">Quy định 55</a></em>"))
        #expect(r.html.hasPrefix("<p>Thực hiện <a"))
    }

    @Test func severalLinksInOneRun() {
        let r = Markdown.render("A B C D") { runs in
            [[InlineLink(range: 0..<1, url: "/a"), InlineLink(range: 4..<5, url: "/c"), InlineLink(range: 6..<7, url: "/d")]]
        }
        #expect(r.html == "<p><a href=\"/a\">A</a> B <a href=\"/c\">C</a> <a href=\"/d\">D</a></p>\n")
    }

    @Test func invalidUTF8IsReplacedNotCrashing() {
        let bytes: [UInt8] = Array("Chào ".utf8) + [0xFF, 0xFE] + Array(" bạn".utf8)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(Markdown.render(text).html.contains("bạn"))
    }
}

/// The destinations callback: what the Site module uses to publish the files articles link to.
@Suite struct DestinationTests {
    @Test func theCallbackSeesEveryLinkAndImageInOrderWithItsPlace() {
        var seen: [Destination] = []
        _ = Markdown.render("Mở đầu ![Ảnh *hội nghị*](anh/a.png \"Tiêu đề\") và [biên bản](b.pdf)\n\n> - ![](c.png)",
                            annotate: { runs in runs.map { _ in [] } },
                            destinations: { seen.append($0); return nil })
        #expect(seen.map(\.kind) == [.image, .link, .image])
        #expect(seen.map(\.url) == ["anh/a.png", "b.pdf", "c.png"])
        #expect(seen.map(\.text) == ["Ảnh hội nghị", "biên bản", ""])
        // Columns are bytes: "Mở đầu " is 7 characters but 12 bytes.
        #expect(seen.map(\.line) == [1, 1, 3])
        #expect(seen.map(\.byteColumn) == [13, 66, 5])
    }

    @Test func addressesAreRewrittenAndImagesGetTheirSizeAndLazyLoading() {
        let html = Markdown.render("![Ảnh “đẹp” <1>](<anh/hội nghị.png> \"Tiêu đề\") [tệp](tai-lieu/a.pdf#trang-2) ![Xa](https://cdn.example.vn/a.jpg?w=1&h=2)",
                                   destinations: { d in
            switch d.url {
            case "anh/hội nghị.png": return DestinationRewrite(url: "/luu-tru/2017/12/anh/hội nghị.png", width: 40, height: 30)
            case "tai-lieu/a.pdf#trang-2": return DestinationRewrite(url: "/luu-tru/2017/12/tai-lieu/a.pdf#trang-2")
            default: return nil
            }
        }).html
        #expect(html.contains("<img src=\"/luu-tru/2017/12/anh/h%E1%BB%99i%20ngh%E1%BB%8B.png\" alt=\"Ảnh “đẹp” &lt;1&gt;\" title=\"Tiêu đề\" width=\"40\" height=\"30\" loading=\"lazy\" decoding=\"async\">"), "\(html)")
        #expect(html.contains("<a href=\"/luu-tru/2017/12/tai-lieu/a.pdf#trang-2\">tệp</a>"))
        #expect(html.contains("<img src=\"https://cdn.example.vn/a.jpg?w=1&amp;h=2\" alt=\"Xa\" loading=\"lazy\" decoding=\"async\">"), "\(html)")
    }

    @Test(arguments: ["javascript:alert(1)", "JavaScript:alert(1)", "vbscript:x", "file:///etc/passwd", "data:text/html,x"])
    func anImageCmarkWouldRefuseIsRefusedToo(_ url: String) {
        let html = Markdown.render("![x](\(url))", destinations: { _ in nil }).html
        #expect(html.contains("<img src=\"\" alt=\"x\""), "\(html)")
        let allowed = Markdown.render("![x](\(url))", options: MarkdownOptions(allowRawHTML: true), destinations: { _ in nil }).html
        #expect(!allowed.contains("src=\"\""))
    }

    @Test func anImageAsDataIsKept() {
        let html = Markdown.render("![x](data:image/png;base64,iVBO)", destinations: { _ in nil }).html
        #expect(html.contains("<img src=\"data:image/png;base64,iVBO\""), "\(html)")
    }

    @Test func withoutTheCallbackImagesAreCmarks() {
        #expect(Markdown.render("![x](a.png)").html == "<p><img src=\"a.png\" alt=\"x\" /></p>\n")
    }
}
