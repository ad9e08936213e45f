import Foundation
@testable import Site

/// A site in a temporary folder, written from an inline file map.
struct TempSite {
    let dir: String

    init(_ files: [String: String]) throws {
        dir = NSTemporaryDirectory() + "bantin-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let full = dir + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(atPath: dir + "/" + path) }

    var output: String { dir + "/Output" }

    @discardableResult
    func build(drafts: Bool = false, output: String? = nil) async throws(SiteFailure) -> BuildReport {
        try await SiteBuilder.build(BuildOptions(siteDirectory: dir, outputDirectory: output, includeDrafts: drafts))
    }

    /// Every file of the output, by relative path.
    func pages(in folder: String? = nil) -> [String: String] {
        let root = folder ?? output
        var out: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root) else { return out }
        while let rel = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir), !isDir.boolValue,
               let d = FileManager.default.contents(atPath: root + "/" + rel) {
                out[rel] = String(decoding: d, as: UTF8.self)
            }
        }
        return out
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: dir) }
}

func article(_ title: String, date: String, tags: [String] = [], extra: String = "", body: String) -> String {
    "---\ntitle: \(title)\ndate: \(date)\n" + (tags.isEmpty ? "" : "tags: [\(tags.joined(separator: ", "))]\n") + extra + "---\n" + body + "\n"
}

/// The repository's root, for tests that read its Templates/ and Content/.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// Runs blocking work (a browser, a subprocess) on a thread of its own, so the few threads Swift concurrency runs
/// tasks on stay free for servers other tests are waiting for. (PreviewTests has the same six lines: test
/// targets cannot share code.)
func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
        Thread { c.resume(with: Result { try body() }) }.start()
    }
}
