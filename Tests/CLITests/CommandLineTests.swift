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
func bantin(_ arguments: [String], in directory: String? = nil, timeout: TimeInterval = 30) throws -> (Int32, String, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try #require(bantin))
    p.arguments = arguments
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

    @Test func versionIsPrinted() throws {
        let (status, out, _) = try bantin(["--version"])
        #expect(status == 0)
        #expect(out.split(separator: ".").count == 3)
    }
}
