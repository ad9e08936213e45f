import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built `bantin` binary: beside the test bundle, or in the package's debug products.
let bantin: String? = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("bantin").path
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    return [beside, root + "/.build/debug/bantin"].first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// Runs bantin with `arguments` in `directory`; returns (status, stdout, stderr). A run that outlives `timeout`
/// (a server that should have refused to start) is killed and reported as status -1.
/// `environment` is added to this process's (a nil value removes the variable).
func bantin(_ arguments: [String], in directory: String? = nil, environment: [String: String?] = [:],
            timeout: TimeInterval = 30) throws -> (Int32, String, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try #require(bantin))
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["BANTIN_BASE_URL"] = nil
    for (k, v) in environment { env[k] = v }
    p.environment = env
    if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let deadline = Date().addingTimeInterval(timeout)
    while p.isRunning && Date() < deadline { usleep(10_000) }
    let killed = p.isRunning
    if killed { kill(p.processIdentifier, SIGKILL) }
    p.waitUntilExit()
    let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return (killed ? -1 : p.terminationStatus, o, e)
}

/// A small site in a temporary folder.
struct Site {
    let dir = NSTemporaryDirectory() + "bantin-cli-" + UUID().uuidString

    init(_ files: [String: String]) throws {
        for (path, text) in files {
            let full = dir + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
    }

    static let good = ["Content/a.md": "---\ntitle: Hội nghị\ndate: 2017-12-13\n---\nTriển khai Chỉ thị số 05-CT/TW.\n",
                       "Templates/layout.mustache": "{{$main}}{{/main}}"]

    func cleanup() { try? FileManager.default.removeItem(atPath: dir) }
}

/// Exit status and message of each subcommand for the mistakes people make.
@Suite(.enabled(if: bantin != nil, "needs the bantin binary: swift build (swift test builds it)"))
struct CommandLineTests {
    @Test("a mistyped command is said so, with the command meant", arguments: [
        ("biuld", "build"), ("serv", "serve"), ("ref", "refs"), ("imprt", "import"), ("Build", "build"),
    ])
    func typoedCommand(_ typed: String, _ meant: String) throws {
        let (status, _, err) = try bantin([typed, "--site", "."])
        #expect(status == 64)
        #expect(err.contains("error: “\(typed)” is not a bantin command; did you mean “\(meant)”?"), "\(err)")
    }

    @Test("an unknown option is named, with the command's usage", arguments: [
        ["build", "--frobnicate"], ["serve", "--frobnicate"], ["refs", "--frobnicate", "x.md"], ["import", "--frobnicate", "x.txt"],
        ["build", "--no-cahce"],
    ])
    func unknownOption(_ arguments: [String]) throws {
        let (status, _, err) = try bantin(arguments)
        #expect(status == 64)
        #expect(err.contains("Unknown option '\(arguments.first { $0.hasPrefix("--") }!)'"), "\(err)")
        #expect(err.contains("Usage: bantin \(arguments[0])"), "\(err)")
    }

    @Test("a --site that does not exist is said to not exist, and nothing is created", arguments: [
        ["build"], ["build", "--no-cache"], ["serve", "--port", "0"], ["refs", "--site"],
    ])
    func missingSite(_ command: [String]) throws {
        let missing = NSTemporaryDirectory() + "bantin-cli-missing-" + UUID().uuidString
        let arguments = command.last == "--site" ? command + [missing, "."] : command + ["--site", missing]
        let (status, _, err) = try bantin(arguments)
        #expect(status == 1)
        #expect(err.contains("\(missing): error: the site folder does not exist"), "\(err)")
        #expect(!err.contains("has no Content/"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test("a folder without Content/ is said so", arguments: [["build"], ["serve", "--port", "0"]])
    func siteWithoutContent(_ command: [String]) throws {
        let site = try Site(["site.yml": "title: X\n"])
        defer { site.cleanup() }
        let (status, _, err) = try bantin(command + ["--site", site.dir])
        #expect(status == 1)
        #expect(err.contains("\(site.dir): error: the site folder has no Content/ folder"), "\(err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.dir) == ["site.yml"])
    }

    @Test("a file or folder to read that does not exist is named", arguments: [["refs"], ["import"]])
    func missingInput(_ command: [String]) throws {
        let site = try Site(Site.good)
        defer { site.cleanup() }
        let (status, _, err) = try bantin(command + ["nope"], in: site.dir)
        #expect(status == 1)
        #expect(err.hasPrefix("nope: error: no such file or folder"), "\(err)")
    }

    @Test("a refused --output fails at once, for build and serve alike", arguments: [["build"], ["build", "--no-cache"], ["serve", "--port", "0"]])
    func refusedOutput(_ command: [String]) throws {
        let site = try Site(Site.good)
        defer { site.cleanup() }
        let (status, _, err) = try bantin(command + ["--output", "Templates"], in: site.dir)
        #expect(status == 1)
        #expect(err.contains("Templates: error: the output folder is the site's Templates/ folder"), "\(err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.dir + "/Templates") == ["layout.mustache"])
    }

    @Test("a build succeeds with status 0 and a summary; bad front matter fails with path:line:col and status 1")
    func buildStatus() throws {
        let site = try Site(Site.good)
        defer { site.cleanup() }
        let (ok, out, _) = try bantin(["build", "--site", site.dir])
        #expect(ok == 0)
        #expect(out.contains("Built 1 article"))
        try Data("---\ntitle: [oops\ndate: 2017-12-13\n---\nx\n".utf8).write(to: URL(fileURLWithPath: site.dir + "/Content/b.md"))
        let (status, _, err) = try bantin(["build", "--site", site.dir])
        #expect(status == 1)
        #expect(err.hasPrefix("Content/b.md:2:"), "\(err)")
        #expect(err.contains("Nothing was written"))
    }

    @Test("a future article is left out, said once in the summary, and built with --future", arguments: [[], ["--no-cache"]])
    func futureArticles(_ extra: [String]) throws {
        var files = Site.good
        files["Content/later.md"] = "---\ntitle: Bài hẹn giờ\ndate: 2999-01-01\n---\nSau này.\n"
        let site = try Site(files)
        defer { site.cleanup() }
        let (status, out, err) = try bantin(["build", "--site", site.dir] + extra)
        #expect(status == 0, "\(err)")
        #expect(out.contains("Built 1 article,"), "\(out)")
        #expect(out.components(separatedBy: "future article").count == 2, "\(out)")
        #expect(out.contains("1 future article left out; --future builds it"), "\(out)")
        #expect(!FileManager.default.fileExists(atPath: site.dir + "/Output/2999"))
        let (again, out2, _) = try bantin(["build", "--site", site.dir, "--future"] + extra)
        #expect(again == 0)
        #expect(out2.contains("Built 2 articles,") && !out2.contains("future article"), "\(out2)")
        #expect(FileManager.default.fileExists(atPath: site.dir + "/Output/2999/01/bai-hen-gio/index.html"))
    }

    @Test("--base-url and BANTIN_BASE_URL replace site.yml's base_url; the option wins", arguments: [
        // (option, environment, the base the feed uses)
        (nil, nil, "https://luutru.example.vn/"),
        ("https://staging.example.vn/", nil, "https://staging.example.vn/"),
        (nil, "https://ci.example.vn/", "https://ci.example.vn/"),
        ("https://staging.example.vn/", "https://ci.example.vn/", "https://staging.example.vn/"),
    ] as [(String?, String?, String)])
    func baseURLOverride(_ option: String?, _ environment: String?, _ expected: String) throws {
        var files = Site.good
        files["site.yml"] = "base_url: https://luutru.example.vn/\n"
        let site = try Site(files)
        defer { site.cleanup() }
        let (status, _, err) = try bantin(["build", "--site", site.dir] + (option.map { ["--base-url", $0] } ?? []),
                                          environment: ["BANTIN_BASE_URL": environment])
        #expect(status == 0, "\(err)")
        let feed = try String(contentsOfFile: site.dir + "/Output/atom.xml", encoding: .utf8)
        #expect(feed.contains("<id>\(expected)</id>") || feed.contains("href=\"\(expected)atom.xml\""), "\(feed)")
        for other in ["https://luutru.example.vn/", "https://staging.example.vn/", "https://ci.example.vn/"] where other != expected {
            #expect(!feed.contains(other))
        }
    }

    @Test("a wrong --base-url or BANTIN_BASE_URL fails with status 1 and writes nothing", arguments: [
        (["--base-url", "ftp://host/"], [:], "error: --base-url “ftp://host/”"),
        ([], ["BANTIN_BASE_URL": "/a b/"], "error: BANTIN_BASE_URL “/a b/” contains a space"),
        (["--base-url", "https://host/?q"], ["BANTIN_BASE_URL": "/ok/"], "error: --base-url “https://host/?q” has a query"),
    ] as [([String], [String: String?], String)])
    func wrongBaseURL(_ arguments: [String], _ environment: [String: String?], _ message: String) throws {
        let site = try Site(Site.good)
        defer { site.cleanup() }
        let (status, _, err) = try bantin(["build", "--site", site.dir] + arguments, environment: environment)
        #expect(status == 1)
        #expect(err.hasPrefix(message), "\(err)")
        #expect(!FileManager.default.fileExists(atPath: site.dir + "/Output"))
    }

    @Test("a base URL with a path warns about robots.txt, and --strict fails on it")
    func robotsWarning() throws {
        let site = try Site(Site.good)
        defer { site.cleanup() }
        let (status, _, err) = try bantin(["build", "--site", site.dir, "--base-url", "https://host/luu-tru/", "--strict"])
        #expect(status == 1)
        #expect(err.components(separatedBy: "robots.txt is written at /luu-tru/robots.txt").count == 2, "\(err)")
        #expect(err.contains("site.yml:1:1: warning: base_url https://host/luu-tru/ has a path"), "\(err)")
    }

    @Test("build and serve list --future; build lists --base-url", arguments: [
        (["build", "--help"], ["--future", "--base-url", "BANTIN_BASE_URL"]), (["serve", "--help"], ["--future"]),
    ])
    func publishingFlagsInHelp(_ arguments: [String], _ expected: [String]) throws {
        let (status, out, _) = try bantin(arguments)
        #expect(status == 0)
        for flag in expected { #expect(out.contains(flag), "\(flag)") }
    }

    @Test func versionIsPrinted() throws {
        let (status, out, _) = try bantin(["--version"])
        #expect(status == 0)
        #expect(out.split(separator: ".").count == 3)
    }
}

/// A folder the build cannot read, on the real file system. Root reads every folder, so as root the build runs as
/// `nobody` (through util-linux's runuser), who cannot: the test runs on CI as everywhere else.
@Suite(.enabled(if: bantin != nil, "needs the bantin binary: swift build (swift test builds it)"))
struct UnreadableFolderTests {
    @Test func anUnreadableFolderIsAWarningAndItsArticlesAreNotBuilt() throws {
        let site = try Site(Site.good.merging(["Content/kin/b.md": "---\ntitle: B\ndate: 2017-12-14\n---\nB\n"]) { a, _ in a })
        defer { chmod(site.dir + "/Content/kin", 0o755); site.cleanup() }
        // The output is made beside its folder (staged, then swapped in): the folder holding it must be writable.
        let parent = site.dir + "/xuat-ban", out = parent + "/ra"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        #expect(chmod(site.dir + "/Content/kin", 0) == 0)
        var command = [try #require(bantin), "build", "--site", site.dir, "--output", out, "--no-cache"]
        if getuid() == 0 {
            #expect(chown(parent, 65534, 65534) == 0)
            // A copy of the binary where nobody can run it (the clone may be in a folder only root can enter).
            // Copied by cp, not in this process: a test forking on another thread meanwhile would inherit our
            // descriptor open for writing, and running the copy would fail with "Text file busy".
            let copy = site.dir + "/bantin"
            let cp = try Process.run(URL(fileURLWithPath: "/bin/cp"), arguments: [command[0], copy])
            cp.waitUntilExit()
            #expect(cp.terminationStatus == 0)
            #expect(chmod(copy, 0o755) == 0)
            command = ["/usr/sbin/runuser", "-u", "nobody", "--", copy] + command.dropFirst()
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 0, "\(stderr)")
        #expect(stderr.contains("Content/kin/:1:1: warning: this folder cannot be read"), "\(stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/2017/12/hoi-nghi/index.html"))
        #expect(!FileManager.default.fileExists(atPath: out + "/2017/12/b/index.html"))
    }
}
