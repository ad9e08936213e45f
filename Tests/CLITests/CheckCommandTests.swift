import Foundation
import Testing

/// `bantin check` through the built binary: what it prints, its exit status, and that it writes nothing.
@Suite(.enabled(if: bantin != nil, "needs the bantin binary: swift build (swift test builds it)"))
struct CheckCommandTests {
    static let linked = [
        "Content/2017/11/a.md": "---\ntitle: Sơ kết quý ba\ndate: 2017-11-02\n---\nMở đầu.\n\n## Kết quả\n\nNội dung.\n",
        "Content/2017/12/b.md": "---\ntitle: Hội nghị tổng kết\ndate: 2017-12-13\n---\nXem [sơ kết](/2017/11/so-ket-quy-ba/#ket-qua).\n",
    ]

    @Test("a clean site: status 0, nothing on standard error, one summary line, no file written")
    func cleanSite() throws {
        let site = try Site(Self.linked)
        defer { site.cleanup() }
        let (status, out, err) = try bantin(["check", "--site", site.dir, "--strict"])
        #expect(status == 0, "\(err)")
        #expect(err.isEmpty, "\(err)")
        #expect(out.hasPrefix("Checked 2 articles, ") && out.hasSuffix(": no problems\n"), "\(out)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.dir).sorted() == ["Content"])
    }

    @Test("a broken anchor: status 1, the problem at path:line:col, the count in the summary")
    func brokenAnchor() throws {
        var files = Self.linked
        files["Content/2017/12/b.md"] = "---\ntitle: Hội nghị tổng kết\ndate: 2017-12-13\n---\nXem [sơ kết](/2017/11/so-ket-quy-ba/#ket-qua-quy-ba).\n"
        let site = try Site(files)
        defer { site.cleanup() }
        let (status, out, err) = try bantin(["check"], in: site.dir)
        #expect(status == 1)
        #expect(err.hasPrefix("Content/2017/12/b.md:5:5: error: the link “/2017/11/so-ket-quy-ba/#ket-qua-quy-ba” names the anchor #ket-qua-quy-ba"), "\(err)")
        #expect(err.contains("its headings' anchors are #ket-qua"), "\(err)")
        #expect(out.contains(": 1 error, 0 warnings"), "\(out)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.dir).sorted() == ["Content"])
    }

    @Test("a warning passes without --strict and fails with it", arguments: [([], 0), (["--strict"], 1)] as [([String], Int32)])
    func strict(_ extra: [String], _ expected: Int32) throws {
        var files = Self.linked
        files["site.yml"] = "base_url: https://example.vn/luu-tru/\n"
        files["Content/2017/12/b.md"] = "---\ntitle: Hội nghị tổng kết\ndate: 2017-12-13\n---\nXem [sơ kết](../../11/so-ket-quy-ba/#ket-qua).\n"
        let site = try Site(files)
        defer { site.cleanup() }
        let (status, out, err) = try bantin(["check", "--site", site.dir] + extra)
        #expect(status == expected, "\(err)")
        #expect(err.hasPrefix("site.yml:1:1: warning: base_url https://example.vn/luu-tru/ has a path"), "\(err)")
        #expect(out.contains(": 0 errors, 1 warning"), "\(out)")
    }

    @Test("a site that cannot be checked: status 1, said as the build says it")
    func missingSite() throws {
        let missing = NSTemporaryDirectory() + "bantin-cli-missing-" + UUID().uuidString
        let (status, _, err) = try bantin(["check", "--site", missing])
        #expect(status == 1)
        #expect(err.contains("\(missing): error: the site folder does not exist"), "\(err)")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
