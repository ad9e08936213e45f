import Testing
@testable import Markup

@Suite struct TypographyTests {
    func body(_ markdown: String) -> String {
        var html = Markdown.render(markdown).html
        if html.hasPrefix("<p>") && html.hasSuffix("</p>\n") { html = String(html.dropFirst(3).dropLast(5)) }
        return html
    }

    @Test("quotes in quotes come out “… ‘…’ …”, however the writer typed them")
    func nestedQuotes() {
        // Straight quotes only: cmark makes all four “ “ ” ”.
        #expect(body(#""Học tập và làm theo "tư tưởng, đạo đức" của Bác" là chủ đề năm nay."#)
                == "“Học tập và làm theo ‘tư tưởng, đạo đức’ của Bác” là chủ đề năm nay.")
        // Straight outside, curly inside, closing together: was “…nghiệp”” (two closing quotes side by side).
        #expect(body(#"Ông nói: "Có đồng chí đề nghị đặt tên là “Năm giảm phí cho doanh nghiệp”" - Thủ tướng cho hay."#)
                == "Ông nói: “Có đồng chí đề nghị đặt tên là ‘Năm giảm phí cho doanh nghiệp’” - Thủ tướng cho hay.")
        // Two quotations side by side inside one, after letters with diacritics, across emphasis.
        #expect(body(#""Nhận diện **"tự diễn biến"**, "tự chuyển hóa" trong nội bộ" được nhấn mạnh."#)
                == "“Nhận diện <strong>‘tự diễn biến’</strong>, ‘tự chuyển hóa’ trong nội bộ” được nhấn mạnh.")
        // Quotes one after another, none inside another: unchanged.
        #expect(body(#"Phong trào "Dân vận khéo" và "Ngày thứ Bảy tình nguyện"."#)
                == "Phong trào “Dân vận khéo” và “Ngày thứ Bảy tình nguyện”.")
        // Three levels: double, single, double.
        #expect(body(#"Bà kể: "Anh ấy nhắc "Bác dặn "phải giữ lấy dân" mãi" với tôi"."#)
                == "Bà kể: “Anh ấy nhắc ‘Bác dặn “phải giữ lấy dân” mãi’ với tôi”.")
        // A quotation running over two paragraphs opens each anew: nothing to nest.
        #expect(Markdown.render("\"Đoạn một của lời phát biểu\n\n\"Đoạn hai, có \"cụm từ\" riêng\"").html
                == "<p>“Đoạn một của lời phát biểu</p>\n<p>“Đoạn hai, có ‘cụm từ’ riêng”</p>\n")
        // Code keeps its quotes.
        #expect(body(#""Gõ `"a "b" c"` vào ô""#) == "“Gõ <code>&quot;a &quot;b&quot; c&quot;</code> vào ô”")
    }

    @Test("a title's straight quotes become curly and nest, as the body's do")
    func titleQuotes() {
        // Straight outside, curly inside: was shown as typed, ending in hóa”".
        #expect(Typography.smartQuotes(#""Nhận diện “tự diễn biến”, “tự chuyển hóa”""#) == "“Nhận diện ‘tự diễn biến’, ‘tự chuyển hóa’”")
        #expect(Typography.smartQuotes(#"Học tập và làm theo "tư tưởng, đạo đức" của Bác"#) == "Học tập và làm theo “tư tưởng, đạo đức” của Bác")
        #expect(Typography.smartQuotes(#""Học tập và làm theo "tư tưởng, đạo đức" của Bác""#) == "“Học tập và làm theo ‘tư tưởng, đạo đức’ của Bác”")
        #expect(Typography.smartQuotes("Bán hàng 'nhà làm', coi chừng bị phạt (\"nặng\")") == "Bán hàng ‘nhà làm’, coi chừng bị phạt (“nặng”)")
        #expect(Typography.smartQuotes("Phong trào “Dân vận khéo” ở Sóc Trăng") == "Phong trào “Dân vận khéo” ở Sóc Trăng")
        #expect(Typography.smartQuotes("Không có dấu ngoặc") == "Không có dấu ngoặc")
    }

    @Test("the text search reads is one line per block, runs of a block joined, quotes nested as shown")
    func blockText() {
        var runs: [TextRun] = []
        _ = Markdown.render("## Kết quả\n\nTheo **Chỉ thị**, đơn vị \"học \"Bác\"\"  \ndòng sau\n\n- mục *một*") { r in
            runs = r
            return r.map { _ in [] }
        }
        #expect(TextRun.blockText(runs) == "Kết quả\nTheo Chỉ thị, đơn vị “học ‘Bác’” dòng sau\nmục một")
    }

    func symbols(_ html: String) -> String { String(decoding: Typography.keepSymbolsTogether(Array(html.utf8)), as: UTF8.self) }

    @Test("document symbols are kept on one line, in text only")
    func symbolsStayTogether() {
        let span = { (s: String) in "<span class=\"so-hieu\">\(s)</span>" }
        #expect(symbols("<p>Nghị quyết số 55-NQ/TW và Chỉ thị số 05-CT/TW.</p>")
                == "<p>Nghị quyết số \(span("55-NQ/TW")) và Chỉ thị số \(span("05-CT/TW")).</p>")
        #expect(symbols("<li>Công văn 126/BC-UBND; Luật 94/2015/QH13; QĐ-TTg</li>")
                == "<li>Công văn \(span("126/BC-UBND")); Luật \(span("94/2015/QH13")); \(span("QĐ-TTg"))</li>")
        // Inside a link, and the link's attributes untouched.
        #expect(symbols("<a href=\"/van-ban/chi-thi-05-ct-tw/\" title=\"Chỉ thị số 05-CT/TW\">Chỉ thị số 05-CT/TW</a>")
                == "<a href=\"/van-ban/chi-thi-05-ct-tw/\" title=\"Chỉ thị số 05-CT/TW\">Chỉ thị số \(span("05-CT/TW"))</a>")
        // Dates, lower-case compounds, quotes and dashes around: left alone or kept outside the span.
        #expect(symbols("<p>ngày 3/6/2017, kinh tế-xã hội, và/hoặc, “55-NQ/TW”</p>") == "<p>ngày 3/6/2017, kinh tế-xã hội, và/hoặc, “\(span("55-NQ/TW"))”</p>")
        // Not in the head, scripts, code or preformatted text; a page already done is unchanged.
        let page = "<html><head><title>55-NQ/TW</title></head><body><pre>55-NQ/TW</pre><code>05-CT/TW</code><script>a-B/C1</script><p>55-NQ/TW</p></body></html>"
        let once = symbols(page)
        #expect(once == "<html><head><title>55-NQ/TW</title></head><body><pre>55-NQ/TW</pre><code>05-CT/TW</code><script>a-B/C1</script><p>\(span("55-NQ/TW"))</p></body></html>")
        #expect(symbols(once) == once)
        #expect(symbols("<p>Không có ký hiệu nào.</p>") == "<p>Không có ký hiệu nào.</p>")
    }
}
