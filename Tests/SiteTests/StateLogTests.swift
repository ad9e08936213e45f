import Foundation
import Testing
@testable import Site

/// The build cache's log (`state.log`): builds after the first append what they changed instead of rewriting the
/// state, and every output stays what a build without the cache writes.
@Suite("Build cache log")
struct StateLogTests {
    /// A fixed-seed generator (SplitMix64): the same sequence of edits on every run.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    struct Piece {
        var title: String
        var date: String
        var tags: [String]
        var body: String
        var text: String { article(title, date: date, tags: tags, body: body) }
    }

    static let titles = ["Hội nghị sơ kết công tác", "Đoàn công tác làm việc tại xã", "Triển khai nhiệm vụ năm mới",
                         "Tổng kết phong trào thi đua", "Kiểm tra việc thực hiện nghị quyết", "Gặp mặt cán bộ hưu trí"]
    static let sentences = ["Ban Thường vụ đánh giá cao kết quả đạt được.", "Các chi bộ tiếp tục triển khai Chỉ thị số 05-CT/TW.",
                            "Đại biểu thảo luận sôi nổi về cải cách hành chính.", "Nghị quyết số 18-NQ/TW năm 2017 được quán triệt.",
                            "Hội nghị thống nhất các giải pháp trọng tâm.", "Người dân đồng tình ủng hộ chủ trương mới."]
    static let tags = ["Xây dựng Đảng", "Kinh tế", "Văn hóa", "Nông thôn mới"]

    let cache: String
    let site: TempSite

    init() throws {
        site = try TempSite(["site.yml": IncrementalTests.siteFiles["site.yml"]!, "Content/documents.yml": IncrementalTests.siteFiles["Content/documents.yml"]!])
        cache = site.dir + "/.bantin-cache"
    }

    func cachedBuild() async throws -> CachedBuild.Report {
        try await CachedBuild.build(BuildOptions(siteDirectory: site.dir), cacheDirectory: cache)
    }

    func expectSame(after: String) async throws {
        let out = site.dir + "/Full"
        try? FileManager.default.removeItem(atPath: out)
        try await site.build(output: out)
        let cached = site.pages(), full = site.pages(in: out)
        #expect(Set(cached.keys) == Set(full.keys), "files differ after \(after)")
        for (path, text) in full where cached[path] != text { Issue.record("\(path) differs from a build without the cache after \(after)") }
    }

    func size(_ path: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1 }

    /// Writes a few articles and builds them once with the cache.
    func start() async throws -> [String: Piece] {
        var pieces: [String: Piece] = [:]
        for k in 0..<5 {
            let p = Piece(title: Self.titles[k], date: "201\(6 + k % 3)-0\(1 + k)-1\(k)", tags: [Self.tags[k % Self.tags.count]],
                          body: Self.sentences[k] + "\n\n" + Self.sentences[(k + 2) % Self.sentences.count])
            let path = "Content/bai-\(k).md"
            try site.write(path, p.text)
            pieces[path] = p
        }
        let first = try await cachedBuild()
        #expect(first.cache == .missing)
        return pieces
    }

    @Test("a seeded sequence of edits, additions, deletions and renames, each built with the cache, matches a build without it every time")
    func seededEditsMatchFullBuilds() async throws {
        defer { site.cleanup() }
        var pieces = try await start()
        var rng = Seeded(state: 17_04)
        var made = 5
        let state = try #require(FileManager.default.contents(atPath: cache + "/state.bin"))
        for step in 0..<30 {
            var done: [String] = []
            for _ in 0..<Int.random(in: 1...2, using: &rng) {
                let paths = pieces.keys.sorted()
                let path = paths.randomElement(using: &rng)!
                switch Int.random(in: 0..<11, using: &rng) {
                case 0, 1, 9, 10:
                    pieces[path]!.body += "\n\n" + Self.sentences.randomElement(using: &rng)!
                    done.append("sentence added to \(path)")
                case 2:
                    pieces[path]!.title = Self.titles.randomElement(using: &rng)! + " lần \(step)"
                    done.append("title of \(path)")
                case 3:
                    pieces[path]!.date = "20\(Int.random(in: 15...19, using: &rng))-\(String(format: "%02d", Int.random(in: 1...12, using: &rng)))-1\(step % 10)"
                    done.append("date of \(path)")
                case 4:
                    pieces[path]!.tags = Array(Self.tags.shuffled(using: &rng).prefix(Int.random(in: 0...2, using: &rng)))
                    done.append("tags of \(path)")
                case 5:
                    let new = "Content/moi/bai-\(made).md"
                    made += 1
                    pieces[new] = Piece(title: Self.titles.randomElement(using: &rng)! + " số \(made)", date: "2018-0\(1 + step % 9)-2\(step % 8)",
                                        tags: [Self.tags.randomElement(using: &rng)!], body: Self.sentences.randomElement(using: &rng)!)
                    done.append("\(new) added")
                case 6 where pieces.count > 3:
                    pieces[path] = nil
                    try site.remove(path)
                    done.append("\(path) deleted")
                    continue
                case 7:
                    let new = "Content/doi-ten/bai-\(made).md"
                    made += 1
                    pieces[new] = pieces.removeValue(forKey: path)
                    try site.remove(path)
                    done.append("\(path) renamed to \(new)")
                default:
                    done.append("nothing")
                    continue
                }
                for (p, piece) in pieces where !FileManager.default.fileExists(atPath: site.dir + "/" + p) || done.last!.contains(p) {
                    try site.write(p, piece.text)
                }
            }
            let report = try await cachedBuild()
            #expect(report.cache == .restored, "step \(step): \(done)")
            try await expectSame(after: "step \(step): \(done.joined(separator: ", "))")
        }
        // Every build after the first appended to the log: the state file is the first build's.
        #expect(FileManager.default.contents(atPath: cache + "/state.bin") == state)
        #expect(size(cache + "/state.log") > 0)
    }

    @Test("a one-edit build appends to the log and leaves the state file as it was")
    func oneEditAppends() async throws {
        defer { site.cleanup() }
        var pieces = try await start()
        let state = try #require(FileManager.default.contents(atPath: cache + "/state.bin"))
        #expect(!FileManager.default.fileExists(atPath: cache + "/state.log"))
        pieces["Content/bai-1.md"]!.body += "\n\nMột đoạn bổ sung."
        try site.write("Content/bai-1.md", pieces["Content/bai-1.md"]!.text)
        let report = try await cachedBuild()
        #expect(report.cache == .restored && report.articlesRead == 1)
        #expect(FileManager.default.contents(atPath: cache + "/state.bin") == state)
        let logged = size(cache + "/state.log")
        #expect(logged > 0 && logged < state.count)
        // An unchanged build writes nothing, the log included.
        let again = try await cachedBuild()
        #expect(again.cache == .restored && again.articlesRead == 0 && again.written == 0)
        #expect(size(cache + "/state.log") == logged)
        try await expectSame(after: "one edit")
    }

    @Test("body edits in turn, which move no article in rank, reuse the search encodings the log holds")
    func bodyEditsReuseLoggedEncodings() async throws {
        defer { site.cleanup() }
        var pieces = try await start()
        // Each sentence is already in another article: its word's postings change, not the set of words.
        for (step, (path, sentence)) in [("Content/bai-3.md", 0), ("Content/bai-1.md", 4), ("Content/bai-4.md", 1), ("Content/bai-3.md", 5)].enumerated() {
            pieces[path]!.body += "\n\n" + Self.sentences[sentence]
            try site.write(path, pieces[path]!.text)
            let report = try await cachedBuild()
            #expect(report.cache == .restored && report.articlesRead == 1)
            try await expectSame(after: "body edit \(step) (\(path))")
        }
        #expect(size(cache + "/state.log") > 0)
    }

    @Test("an unchanged build indexes nothing and reports what the build before it reported")
    func unchangedBuildReportsFromTheSummary() async throws {
        defer { site.cleanup() }
        _ = try await start()
        // A slug changed with a warning, a reference no document fits, two articles with one URL, a static file.
        try site.write("Content/canh-bao.md", "---\ntitle: Cảnh báo\ndate: 2017-12-13\nslug: ../../etc\n---\nChỉ thị số 07 đã được quán triệt.\n")
        try site.write("Content/cung-ten-1.md", article("Cùng tên", date: "2017-12-13", body: "Bài thứ nhất."))
        try site.write("Content/cung-ten-2.md", article("Cùng tên", date: "2017-12-01", body: "Bài thứ hai."))
        try site.write("static/gioi-thieu.txt", "Giới thiệu\n")
        let before = try await cachedBuild()
        #expect(before.build.stages.contains { $0.0 == "index" })
        #expect(before.build.warningLines.count >= 3)
        let again = try await cachedBuild()
        #expect(again.cache == .restored && again.articlesRead == 0 && again.written == 0)
        #expect(!again.build.stages.contains { $0.0 == "index" }, "the unchanged build indexed the site")
        #expect(again.build.warningLines == before.build.warningLines)
        #expect(again.build.articles == before.build.articles && again.build.pages == before.build.pages
                && again.build.documents == before.build.documents)
        // A file of static/ changed, then removed: written, then removed, as without the cache.
        try site.write("static/gioi-thieu.txt", "Giới thiệu mới\n")
        #expect(try await cachedBuild().written == 1)
        try await expectSame(after: "a static file changed")
        try site.remove("static/gioi-thieu.txt")
        _ = try await cachedBuild()
        try await expectSame(after: "a static file removed")
        // A page removed by hand: the build indexes again and writes it.
        try FileManager.default.removeItem(atPath: site.output + "/index.html")
        #expect(try await cachedBuild().written == 1)
        try await expectSame(after: "a page removed by hand")
    }

    @Test("a log past its limit is folded into a new state file")
    func logIsCompacted() async throws {
        defer { site.cleanup() }
        var pieces = try await start()
        pieces["Content/bai-2.md"]!.title = "Tiêu đề đã sửa"
        try site.write("Content/bai-2.md", pieces["Content/bai-2.md"]!.text)
        #expect(try await cachedBuild().cache == .restored)
        #expect(FileManager.default.fileExists(atPath: cache + "/state.log"))
        let before = try #require(FileManager.default.contents(atPath: cache + "/state.bin"))

        pieces["Content/bai-3.md"]!.body += "\n\nĐoạn văn thêm vào sau."
        try site.write("Content/bai-3.md", pieces["Content/bai-3.md"]!.text)
        let session = try SiteSession(siteDirectory: site.dir, outputDirectory: site.output, workDirectory: cache + "/bodies")
        #expect(session.restore(from: cache + "/state.bin") == .restored)
        session.journal?.limit = 0
        _ = try await session.rebuild()
        _ = try await session.updateData()
        try session.save(to: cache + "/state.bin")
        #expect(!FileManager.default.fileExists(atPath: cache + "/state.log"))
        #expect(FileManager.default.contents(atPath: cache + "/state.bin") != before)

        let next = try await cachedBuild()
        #expect(next.cache == .restored && next.articlesRead == 0 && next.written == 0)
        try await expectSame(after: "compaction")
    }

    @Test("a torn, damaged or foreign log means a full build, never a wrong one", arguments: ["torn", "flipped", "foreign", "garbage", "new state"])
    func damagedLogIsIgnored(_ damage: String) async throws {
        defer { site.cleanup() }
        var pieces = try await start()
        pieces["Content/bai-0.md"]!.body += "\n\nThêm một câu."
        try site.write("Content/bai-0.md", pieces["Content/bai-0.md"]!.text)
        #expect(try await cachedBuild().cache == .restored)
        let log = cache + "/state.log"
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: log)))
        switch damage {
        case "torn": bytes.removeLast(5)
        case "flipped": bytes[bytes.count - 20] ^= 0x41
        case "foreign": bytes[StateLog.magic.count] ^= 0xFF
        case "garbage": bytes = Array("không phải nhật ký".utf8)
        default:
            // The state written whole again, as by a build killed before it removed the old log.
            let saved = bytes
            pieces["Content/bai-4.md"]!.title = "Đổi tên sau"
            try site.write("Content/bai-4.md", pieces["Content/bai-4.md"]!.text)
            let session = try SiteSession(siteDirectory: site.dir, outputDirectory: site.output, workDirectory: cache + "/bodies")
            #expect(session.restore(from: cache + "/state.bin") == .restored)
            _ = try await session.rebuild()
            _ = try await session.updateData()
            try session.saveWhole(to: cache + "/state.bin", outputs: nil)
            bytes = saved
        }
        try Data(bytes).write(to: URL(fileURLWithPath: log))
        pieces["Content/bai-1.md"]!.tags = ["Nông thôn mới"]
        try site.write("Content/bai-1.md", pieces["Content/bai-1.md"]!.text)
        let report = try await cachedBuild()
        guard case .ignored(let why) = report.cache else {
            Issue.record("a \(damage) log was used")
            return
        }
        #expect(why.contains("log"))
        try await expectSame(after: "a \(damage) log")
        #expect(try await cachedBuild().cache == .restored)
    }
}
