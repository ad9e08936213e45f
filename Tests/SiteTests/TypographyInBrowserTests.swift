import Foundation
import Testing
@testable import Site
#if canImport(Glibc)
import Glibc
#endif

/// Document symbols at a phone's width, in a real browser: each on one line, nothing wider than the screen.
@Suite(.serialized, .enabled(if: Tool.chromium != nil && Tool.python != nil, "needs chromium and python3 (apt-get install chromium)"))
struct TypographyInBrowserTests {
    static let symbols = ["55-NQ/TW", "05-CT/TW", "126/BC-UBND", "94/2015/QH13", "1234/QĐ-BNNPTNT", "21-KL/TW", "35-NQ/TW"]

    /// Paragraphs of different lengths, each with symbols at a different place, so that at 360 px some fall where a
    /// line ends (without `.so-hieu`, several break: "05-" / "CT/TW").
    static func body() -> String {
        let words = ["Ban", "Thường", "vụ", "Tỉnh", "ủy", "đã", "quán", "triệt", "thực", "hiện", "nghiêm", "túc", "công", "tác", "xây", "dựng"]
        var paragraphs: [String] = []
        for i in 0..<16 {
            let lead = (0..<(3 + i * 5 % 11)).map { words[($0 * 7 + i) % words.count] }.joined(separator: " ")
            let mid = (0..<(2 + i * 3 % 7)).map { words[($0 * 5 + i) % words.count] }.joined(separator: " ")
            paragraphs.append("\(lead) theo Văn bản số \(symbols[i % symbols.count]) và \(mid) cùng \(symbols[(i + 3) % symbols.count]).")
        }
        return paragraphs.joined(separator: "\n\n") + "\n\n- Mục một: Chỉ thị số 05-CT/TW của Bộ Chính trị\n- Mục hai: Công văn số 126/BC-UBND\n"
    }

    /// Loads the page again in a 360 px frame (headless chromium's window is at least 500 px wide; a frame is a
    /// viewport of its own, media queries included) and writes what it measured into the outer page.
    static let probe = """
    <script>
    if (window === window.top) window.addEventListener("load", function () {
      var frame = document.createElement("iframe");
      frame.style.cssText = "width:360px;height:800px;border:0";
      frame.onload = function () {
        var doc = frame.contentDocument, width = doc.documentElement.clientWidth, broken = [];
        var all = doc.querySelectorAll(".so-hieu");
        all.forEach(function (e) {
          var lines = e.getClientRects().length;
          if (lines !== 1 || e.getBoundingClientRect().right > width + 0.5) broken.push(e.textContent + " on " + lines + " lines");
        });
        var out = document.createElement("pre");
        out.id = "probe";
        out.textContent = JSON.stringify({ symbols: all.length, broken: broken, scrollWidth: doc.documentElement.scrollWidth, width: width });
        document.body.appendChild(out);
      };
      frame.src = location.href;
      document.body.appendChild(frame);
    });
    </script>
    """

    @Test func symbolsStayOnOneLineAt360Pixels() async throws {
        let chromium = try #require(Tool.chromium), python = try #require(Tool.python)
        let site = try TempSite([
            "site.yml": "title: Bản tin Xây dựng Đảng\nbase_url: /\n",
            "Content/2017/08/a.md": article("Cần Thơ triển khai Chỉ thị số 05-CT/TW và Nghị quyết số 55-NQ/TW đến cán bộ chủ chốt",
                                            date: "2017-08-21 08:00", body: Self.body()),
        ])
        defer { site.cleanup() }
        try await site.build()
        let pages = ["2017/08/can-tho-trien-khai-chi-thi-so-05-ct-tw-va-nghi-quyet-so-55-nq-tw-den-can-bo-chu-chot/", "",
                     "van-ban/nghi-quyet-55-nq-tw/"]
        for page in pages {
            let file = site.output + "/" + page + "index.html"
            let html = try String(contentsOfFile: file, encoding: .utf8)
            try html.replacingOccurrences(of: "</body>", with: Self.probe + "</body>").write(toFile: file, atomically: true, encoding: .utf8)
        }
        let server = try FolderServer(python: python, folder: site.output)
        defer { server.stop() }
        #expect(server.listening, "the test server did not start")
        let port = server.port
        for page in pages {
            let url = "http://127.0.0.1:\(port)/\(page)"
            let profile = site.dir + "/.chromium"
            let (_, dom, log) = try await offThePool {
                try run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars", "--user-data-dir=\(profile)",
                                   "--window-size=800,800", "--virtual-time-budget=5000", "--dump-dom", url], timeout: 90)
            }
            let json = dom.components(separatedBy: "<pre id=\"probe\">").dropFirst().first?.components(separatedBy: "</pre>").first ?? ""
            let result = try JSONSerialization.jsonObject(with: Data(json.replacingOccurrences(of: "&quot;", with: "\"").utf8)) as? [String: Any]
            let found = try #require(result, "no probe result for /\(page): \(log.suffix(500))")
            #expect((found["symbols"] as? Int ?? 0) >= 2, "/\(page): \(found)")
            #expect(found["broken"] as? [String] == [], "/\(page): \(found)")
            #expect(found["width"] as? Int == 360)
            #expect((found["scrollWidth"] as? Int ?? 999) <= 360, "/\(page) is wider than the screen: \(found)")
        }
    }
}

/// Quotes as readers see them, in the body and in the title, which cmark never sees.
@Suite struct QuotesInPagesTests {
    @Test func titleAndBodyQuotesNestTheVietnameseWay() async throws {
        let site = try TempSite([
            "site.yml": "base_url: /\n",
            "Content/a.md": article(#"'"Nhận diện “tự diễn biến”, “tự chuyển hóa”" trong nội bộ'"#, date: "2017-08-21",
                                    body: #"Chủ đề năm nay là "Học tập và làm theo "tư tưởng, đạo đức" của Bác"."#),
        ])
        defer { site.cleanup() }
        try await site.build()
        let pages = site.pages()
        let page = try #require(pages.first { $0.key.hasPrefix("2017/08/nhan-dien") }?.value, "\(pages.keys.sorted())")
        #expect(page.contains("<h1>“Nhận diện ‘tự diễn biến’, ‘tự chuyển hóa’” trong nội bộ</h1>"))
        #expect(page.contains("<p>Chủ đề năm nay là “Học tập và làm theo ‘tư tưởng, đạo đức’ của Bác”.</p>"))
        #expect(!page.contains("”&quot;") && !page.contains("&quot;"))
        #expect(pages["index.html"]?.contains("“Nhận diện ‘tự diễn biến’, ‘tự chuyển hóa’” trong nội bộ</a>") == true)
    }
}
