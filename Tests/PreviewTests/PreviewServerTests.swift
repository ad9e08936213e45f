import Foundation
import Synchronization
import Testing
@testable import Preview
import Site
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A raw HTTP/1.1 exchange over a socket: the request line is sent exactly as written, so paths a browser or
/// URLSession would clean up ("/../", "%2e%2e") reach the server as an attacker would send them.
struct RawResponse {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

func connectLoopback(_ port: UInt16) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = port.bigEndian
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var timeout = timeval(tv_sec: 20, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    guard ok == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
    return fd
}

func sendAll(_ fd: Int32, _ text: String) {
    let bytes = Array(text.utf8)
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + done, bytes.count - done, 0) }
        if n <= 0 { return }
        done += n
    }
}

func rawRequest(_ port: UInt16, _ target: String, method: String = "GET") throws -> RawResponse {
    let fd = try connectLoopback(port)
    defer { close(fd) }
    sendAll(fd, "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    var data: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { break }
        data += buffer[0..<n]
    }
    guard let end = data.indices.first(where: { data[$0...].starts(with: Array("\r\n\r\n".utf8)) }) else {
        return RawResponse(status: 0, headers: [:], body: [])
    }
    let head = String(decoding: data[..<end], as: UTF8.self).components(separatedBy: "\r\n")
    let status = Int(head[0].split(separator: " ")[1]) ?? 0
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return RawResponse(status: status, headers: headers, body: Array(data[(end + 4)...]))
}

/// The repository's root, for the default theme's templates.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// Runs blocking socket work on a thread of its own: a test that blocked one of the few threads Swift
/// concurrency runs tasks on could starve the very server it is waiting for.
func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
        Thread { c.resume(with: Result { try body() }) }.start()
    }
}

/// A preview of a small site on a free port, watching its files.
final class RunningPreview: Sendable {
    let dir: String
    let server: PreviewServer
    let port: UInt16
    let task: Task<Void, Never>

    init(files: [String: String], outputInside: Bool = true) async throws {
        dir = NSTemporaryDirectory() + "bantin-preview-" + UUID().uuidString
        for (path, text) in files {
            let full = dir + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        // Ready once the first build's search index and data/ are written too (they follow the pages), so a test
        // never asks for them before they exist.
        let dataWritten = Mutex(false)
        let server = try PreviewServer(PreviewOptions(siteDirectory: dir, outputDirectory: dir + "/Served", port: 0), report: { event in
            if case .dataUpdated = event { dataWritten.withLock { $0 = true } }
        })
        self.server = server
        task = Task { try? await server.run() }
        var port: UInt16? = nil
        for _ in 0..<1000 {
            if let p = await server.port, server.state.snapshot.ready, dataWritten.withLock({ $0 }) { port = p; break }
            try await Task.sleep(for: .milliseconds(10))
        }
        self.port = try #require(port, "the preview did not start")
    }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + path))
    }

    func get(_ target: String, method: String = "GET") async throws -> RawResponse {
        let port = self.port
        return try await offThePool { try rawRequest(port, target, method: method) }
    }

    func stop() async {
        await server.stop()
        task.cancel()
        try? FileManager.default.removeItem(atPath: dir)
    }
}

/// Reads a server-sent event stream until an event named `name` arrives (or the 20 s socket timeout).
final class EventListener {
    let fd: Int32
    var received = ""

    init(port: UInt16) async throws {
        fd = try connectLoopback(port)
        sendAll(fd, "GET \(LiveReload.events) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        _ = await waitFor(": bantin")
    }

    func waitFor(_ marker: String) async -> Bool {
        let fd = self.fd, start = received
        let (found, text) = (try? await offThePool { () -> (Bool, String) in
            var text = start
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !text.contains(marker) {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n <= 0 { return (false, text) }
                text += String(decoding: buffer[0..<n], as: UTF8.self)
            }
            return (true, text)
        }) ?? (false, start)
        received = text
        return found
    }

    deinit { close(fd) }
}

let previewSite: [String: String] = [
    "site.yml": "title: Xem trước\n",
    "Content/2017/bai-mot.md": "---\ntitle: Hội nghị học tập chuyên đề\ndate: 2017-12-13\ntags: [Xây dựng Đảng]\n---\nĐảng bộ phường triển khai Chỉ thị số 05-CT/TW.\n",
    "Content/2018/bai-hai.md": "---\ntitle: Sơ kết công tác kiểm tra\ndate: 2018-03-05\n---\nĐoàn kiểm tra làm việc tại xã.\n",
    "Templates/assets/anh.png": "\u{89}PNG",
    "Templates/assets/ảnh-đẹp.jpg": "jpeg",
    "Templates/assets/hinh.webp": "webp",
]

@Suite("bantin serve", .serialized)
struct PreviewServerTests {
    @Test("status codes, content types, HEAD, folder redirects and the theme's 404 page")
    func serving() async throws {
        let preview = try await RunningPreview(files: previewSite)
        defer { Task { await preview.stop() } }
        let cases: [(String, Int, String)] = [
            ("/", 200, "text/html; charset=utf-8"),
            ("/2017/12/hoi-nghi-hoc-tap-chuyen-de/", 200, "text/html; charset=utf-8"),
            ("/assets/style.css", 200, "text/css; charset=utf-8"),
            ("/assets/search.js", 200, "text/javascript; charset=utf-8"),
            ("/assets/favicon.svg", 200, "image/svg+xml; charset=utf-8"),
            ("/atom.xml", 200, "application/atom+xml; charset=utf-8"),
            ("/robots.txt", 200, "text/plain; charset=utf-8"),
            ("/data/documents.json", 200, "application/json; charset=utf-8"),
            ("/assets/anh.png", 200, "image/png"),
            ("/assets/%E1%BA%A3nh-%C4%91%E1%BA%B9p.jpg", 200, "image/jpeg"),
            ("/assets/hinh.webp", 200, "image/webp"),
            ("/khong-co/", 404, "text/html; charset=utf-8"),
        ]
        for (path, status, type) in cases {
            let r = try await preview.get(path)
            #expect(r.status == status, "\(path)")
            #expect(r.headers["content-type"] == type, "\(path)")
            #expect(r.headers["cache-control"] == "no-store", "\(path)")
        }
        let home = try await preview.get("/")
        #expect(home.text.contains("<script src=\"/__bantin/live.js\" defer></script></body>"))
        let built = try #require(FileManager.default.contents(atPath: preview.dir + "/Served/index.html"))
        #expect(!String(decoding: built, as: UTF8.self).contains("__bantin"), "the script is added when served, never written")
        let missing = try await preview.get("/khong-co/")
        #expect(missing.text.contains("Không tìm thấy trang"), "the theme's 404 page")
        let redirect = try await preview.get("/chu-de")
        #expect(redirect.status == 301 && redirect.headers["location"] == "/chu-de/")
        let head = try await preview.get("/", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty && head.headers["content-length"] == String(home.body.count))
        #expect(try await preview.get("/", method: "POST").status == 405)
    }

    @Test("requests that try to leave the site get 400 or 404 and no byte from outside")
    func traversal() async throws {
        let preview = try await RunningPreview(files: previewSite)
        defer { Task { await preview.stop() } }
        // A secret beside the site, and a symlink in the served folder that points at it.
        let secret = preview.dir + "/secret.txt"
        try Data("BÍ-MẬT-KHÔNG-ĐƯỢC-LỘ".utf8).write(to: URL(fileURLWithPath: secret))
        try FileManager.default.createSymbolicLink(atPath: preview.dir + "/Served/loi-tat", withDestinationPath: preview.dir)
        try FileManager.default.createSymbolicLink(atPath: preview.dir + "/Served/tep.txt", withDestinationPath: secret)
        let attempts = [
            "/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/secret.txt", "/%2E%2E/%2E%2E/etc/passwd", "/.%2e/secret.txt",
            "/assets/..%2fsecret.txt", "/assets%2f..%2f..%2fsecret.txt", "/..%5csecret.txt", "/assets\\..\\..\\secret.txt",
            "/%5c..%5c..%5csecret.txt", "//etc/passwd", "/etc/passwd", "\(secret)", "/loi-tat/secret.txt", "/tep.txt",
            "/%00/secret.txt", "/.bantin-work/", "/assets/%c0%ae%c0%ae/secret.txt",
        ]
        for target in attempts {
            let r = try await preview.get(target)
            #expect(r.status == 400 || r.status == 404, "\(target) → \(r.status)")
            #expect(!r.text.contains("BÍ-MẬT") && !r.text.contains("root:"), "\(target) leaked")
        }
    }

    @Test("saving an article sends a reload event and serves the new page")
    func liveReload() async throws {
        let preview = try await RunningPreview(files: previewSite)
        defer { Task { await preview.stop() } }
        let events = try await EventListener(port: preview.port)
        try preview.write("Content/2018/bai-hai.md", "---\ntitle: Sơ kết công tác kiểm tra\ndate: 2018-03-05\n---\nĐoàn kiểm tra làm việc tại phường Tân An.\n")
        #expect(await events.waitFor("event: reload"), "no reload event: \(events.received)")
        let page = try await preview.get("/2018/03/so-ket-cong-tac-kiem-tra/")
        #expect(page.status == 200 && page.text.contains("phường Tân An"))
    }

    @Test("a broken article shows the error page with its position; fixing it recovers")
    func errorPage() async throws {
        let preview = try await RunningPreview(files: previewSite)
        defer { Task { await preview.stop() } }
        let events = try await EventListener(port: preview.port)
        try preview.write("Content/2018/bai-hai.md", "---\ntitle: [chưa đóng\ndate: 2018-03-05\n---\nThân bài.\n")
        #expect(await events.waitFor("event: reload"))
        let broken = try await preview.get("/")
        #expect(broken.status == 500)
        #expect(broken.text.contains("Content/2018/bai-hai.md:2:"), "\(broken.text)")
        #expect(broken.text.contains("/__bantin/live.js"), "the error page reloads itself when fixed")
        #expect(try await preview.get("/assets/style.css").status == 200, "assets are still served")
        events.received = ""
        try preview.write("Content/2018/bai-hai.md", "---\ntitle: Sơ kết đã sửa\ndate: 2018-03-05\n---\nĐã sửa lỗi.\n")
        #expect(await events.waitFor("event: reload"))
        let fixed = try await preview.get("/2018/03/so-ket-da-sua/")
        #expect(fixed.status == 200 && fixed.text.contains("Đã sửa lỗi."))
    }

    @Test("a template syntax error shows on the error page with its position; fixing it recovers")
    func templateError() async throws {
        let preview = try await RunningPreview(files: previewSite)
        defer { Task { await preview.stop() } }
        let events = try await EventListener(port: preview.port)
        try FileManager.default.createDirectory(atPath: preview.dir + "/Templates", withIntermediateDirectories: true)
        let tags = try String(contentsOfFile: repositoryRoot + "/Templates/tags.mustache", encoding: .utf8)
        try preview.write("Templates/tags.mustache", tags + "\n{{#tags}}chưa đóng\n")
        #expect(await events.waitFor("event: reload"))
        let broken = try await preview.get("/chu-de/")
        #expect(broken.status == 500 && broken.text.contains("Templates/tags.mustache:"), "\(broken.text)")
        events.received = ""
        try preview.write("Templates/tags.mustache", tags + "<!-- đã sửa -->\n")
        #expect(await events.waitFor("event: reload"))
        // The broken save may have been seen twice (an editor's write is a burst): a reload for the second failure
        // can arrive after the fix was written, so the fixed page is awaited, not assumed.
        var fixed = try await preview.get("/chu-de/")
        for _ in 0..<5 where fixed.status != 200 {
            events.received = ""
            _ = await events.waitFor("event: reload")
            fixed = try await preview.get("/chu-de/")
        }
        #expect(fixed.status == 200 && fixed.text.contains("<!-- đã sửa -->"))
    }

    @Test("a port in use is an error that names it and how to choose another")
    func portInUse() async throws {
        let preview = try await RunningPreview(files: previewSite)
        defer { Task { await preview.stop() } }
        let second = try PreviewServer(PreviewOptions(siteDirectory: preview.dir, port: preview.port), report: { _ in })
        do {
            try await second.run(watch: false)
            Issue.record("a second server on the same port must fail")
        } catch {
            #expect(error.description.contains("\(preview.port)") && error.description.contains("--port"), "\(error.description)")
        }
        await second.stop()
    }

    @Test("stopping the watcher ends its thread and its stream of changes")
    func stoppingTheWatcher() async throws {
        let dir = NSTemporaryDirectory() + "bantin-watch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/Content", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let watcher = SiteWatcher(siteDirectory: dir)
        watcher.start()
        var changes = watcher.changes()
        watcher.stop()
        let next = await changes.next()
        #expect(next == nil, "no more changes after stop")
    }

    @Test("routing table", arguments: [
        ("/", Route.file("index.html")), ("/chu-de", .redirect("/chu-de/")), ("/chu-de/", .file("chu-de/index.html")),
        ("/a/../b", .badRequest), ("/%2e%2e/x", .badRequest), ("/a%2Fb", .badRequest), ("/a\\b", .badRequest), ("/khong", .notFound),
    ])
    func routing(_ path: String, _ expected: Route) throws {
        let root = NSTemporaryDirectory() + "bantin-route-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/chu-de", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: root + "/index.html", contents: Data())
        _ = FileManager.default.createFile(atPath: root + "/chu-de/index.html", contents: Data())
        let router = Router(root: root, basePath: "/")
        var want = expected
        if case .file(let rel) = expected { want = .file(router.root + "/" + rel) }
        #expect(router.route(path) == want)
    }

    @Test("a site under a base path is served under it")
    func basePath() throws {
        let root = NSTemporaryDirectory() + "bantin-route-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: root + "/index.html", contents: Data())
        let router = Router(root: root, basePath: "/luu-tru/")
        #expect(router.route("/luu-tru") == .redirect("/luu-tru/"))
        #expect(router.route("/luu-tru/") == .file(router.root + "/index.html"))
        #expect(router.route("/index.html") == .notFound)
    }
}
