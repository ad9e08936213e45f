import Foundation
import Testing
@testable import Site
import Documents

/// The real articles of ../shared/corpus/citing/ (never copied into the repository), built as one archive.
let corpusFolder = repositoryRoot + "/../shared/corpus/citing"

@Suite(.enabled(if: FileManager.default.fileExists(atPath: corpusFolder), "needs ../shared/corpus/citing/ (the real 2017 articles)"))
struct RealCorpusTests {
    /// The corpus as a site: headline on line 1, a paragraph a line; dates spread over January–February 2017 by the
    /// file's id (scripts/corpus-site.py also moves an article after the latest date of issue it cites; this test
    /// checks identities, which no date changes).
    static func corpusSite() throws -> TempSite {
        var files: [String: String] = ["site.yml": "title: Kho tin 2017\nbase_url: /\n"]
        let names = try FileManager.default.contentsOfDirectory(atPath: corpusFolder).filter { $0.hasSuffix(".txt") }.sorted()
        for name in names {
            guard let data = FileManager.default.contents(atPath: corpusFolder + "/" + name) else { continue }
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard let title = lines.first else { continue }
            let id = Int(name.dropLast(4)) ?? 0
            let dayOfYear = id % 59
            let (month, day) = dayOfYear < 31 ? (1, dayOfYear + 1) : (2, dayOfYear - 30)
            let date = "2017-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day) \(id % 24 < 10 ? "0" : "")\(id % 24):00"
            let body = lines.dropFirst().map { $0.replacingOccurrences(of: "\\", with: "\\\\") }.joined(separator: "\n\n")
            files["Content/\(name.dropLast(4)).md"] = "---\ntitle: \"\(title.replacingOccurrences(of: "\"", with: "'"))\"\ndate: \(date)\nslug: bai-\(name.dropLast(4))\n---\n\n\(body)\n"
        }
        return try TempSite(files)
    }

    @Test func theRealArchiveBuildsWithOneIdentityPerSymbol() async throws {
        let site = try Self.corpusSite()
        defer { site.cleanup() }
        let report = try await site.build()
        #expect(report.articles > 1400)
        // Every spelling of a symbol (case, Đ/D, separators) is one identity: no two pages for one of them.
        let data = try #require(FileManager.default.contents(atPath: site.output + "/data/documents.json"))
        let docs = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        var pages: [String: [String]] = [:]
        for d in docs {
            func fold(_ key: String) -> String {
                (d[key] as? String ?? "").uppercased().replacingOccurrences(of: "Đ", with: "D")
            }
            let identity = [d["kind"] as? String ?? "", d["type"] as? String ?? "", "\(d["number"] ?? "")", fold("code"), fold("issuer"),
                            d["locality"] as? String ?? "", "\(d["year"] ?? "")", "\(d["term"] ?? "")"].joined(separator: "|")
            pages[identity, default: []].append(d["slug"] as? String ?? "")
        }
        let split = pages.filter { $0.value.count > 1 }
        #expect(split.isEmpty, "\(split)")
    }
}
