import Foundation
import Testing
@testable import Site
import Documents

@Suite struct ReferenceReportTests {
    @Test func plainTextPositionsAreLinesAndScalarColumns() throws {
        let site = try TempSite(["a.txt": "Dòng một.\nThực hiện Chỉ thị số 05-CT/TW và Chỉ thị số 07 nhé.\n"])
        defer { site.cleanup() }
        let r = try ReferenceReport.scan(path: site.dir + "/a.txt", display: "a.txt", registry: Registry(), locality: nil)
        #expect(r.documents.count == 1)
        let d = try #require(r.documents.first)
        #expect(d.label == "Chỉ thị số 05-CT/TW")
        #expect(d.slug == "chi-thi-05-ct-tw")
        #expect(d.number == 5)
        #expect(d.issuer == "TW")
        #expect(d.mentions.first?.line == 2)
        #expect(d.mentions.first?.column == 11)
        #expect(d.mentions.first?.text == "Chỉ thị số 05-CT/TW")
        #expect(r.unresolved.map(\.text) == ["Chỉ thị số 07"])
        #expect(r.unresolved.first?.column == 34)
    }

    @Test func nfdFilesReportColumnsAndTextAsWritten() throws {
        let nfd = "Ở Cần Thơ, Chỉ thị số 05-CT/TW.".decomposedStringWithCanonicalMapping
        let site = try TempSite(["a.txt": nfd])
        defer { site.cleanup() }
        let r = try ReferenceReport.scan(path: site.dir + "/a.txt", display: "a.txt", registry: Registry(), locality: nil)
        let m = try #require(r.documents.first?.mentions.first)
        // "Ở Cần Thơ, " is 11 characters but 16 scalars in NFD.
        #expect(m.column == 1 + "Ở Cần Thơ, ".decomposedStringWithCanonicalMapping.unicodeScalars.count)
        #expect(m.text == "Chỉ thị số 05-CT/TW".decomposedStringWithCanonicalMapping)
    }

    @Test func markdownSkipsCodeAndLinksAndFindsTheLine() throws {
        let md = "---\ntitle: A\ndate: 2017-12-13\n---\nĐoạn `Chỉ thị số 06-CT/TW` và [Chỉ thị số 07-CT/TW](x).\n\nRồi Nghị quyết Trung ương 4 khóa XII.\n"
        let site = try TempSite(["a.md": md])
        defer { site.cleanup() }
        let r = try ReferenceReport.scan(path: site.dir + "/a.md", display: "a.md", registry: Registry(), locality: nil)
        #expect(r.documents.map(\.slug) == ["nghi-quyet-trung-uong-4-khoa-xii"])
        #expect(r.documents.first?.mentions.first?.line == 7)
        #expect(r.documents.first?.mentions.first?.column == 5)
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let site = try TempSite(["a.txt": "Chỉ thị số 05-CT/TW “Về đẩy mạnh học tập”"])
        defer { site.cleanup() }
        let r = try ReferenceReport.scan(path: site.dir + "/a.txt", display: "a.txt", registry: Registry(), locality: nil)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(r)) as? [String: Any]
        #expect(json?["file"] as? String == "a.txt")
        let doc = (json?["documents"] as? [[String: Any]])?.first
        let keys = Set(doc.map { Array($0.keys) } ?? [])
        #expect(keys.isSuperset(of: ["label", "slug", "type", "number", "issuer", "mentions"]))
        let mention = (doc?["mentions"] as? [[String: Any]])?.first
        #expect(mention?["line"] as? Int == 1 && mention?["column"] as? Int == 1)
        #expect(json?["unresolved"] as? [Any] != nil)
    }

    @Test func filesGivenTogetherAreOneArchiveSettledLikeTheBuild() throws {
        let site = try TempSite([
            "a.md": "---\ntitle: A\ndate: 2016-06-01\n---\nKế hoạch thực hiện Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị.\n",
            "b.md": "---\ntitle: B\ndate: 2017-03-01\n---\nMột năm thực hiện Chỉ thị số 05-CT/TW và Chỉ thị 05 của Bộ Chính trị.\n",
            "c.txt": "Nghị quyết Trung ương 5 được quán triệt, Nghị định 34 của Chính phủ được áp dụng.\n",
        ])
        defer { site.cleanup() }
        let files = ["a.md", "b.md", "c.txt"].map { (site.dir + "/" + $0, $0) }
        let (reports, errors) = ReferenceReport.scan(files: files, registry: Registry(), locality: nil,
                                                     date: IssueDate(year: 2017, month: 6, day: 20))
        #expect(errors.isEmpty)
        #expect(reports[0].documents.map(\.slug) == ["chi-thi-05-ct-tw-2016"])
        #expect(reports[1].documents.map(\.slug) == ["chi-thi-05-ct-tw-2016"])
        #expect(reports[1].documents.first?.mentions.count == 2)
        // Plain text takes the date given: in June 2017 the fifth plenum of khóa XII had met.
        #expect(reports[2].documents.map(\.slug) == ["nghi-quyet-trung-uong-5-khoa-xii"])
        #expect(reports[2].unresolved.map(\.text) == ["Nghị định 34"])
        // The same files one at a time know less: b alone cannot tell the year.
        let alone = try ReferenceReport.scan(path: site.dir + "/b.md", display: "b.md", registry: Registry(), locality: nil)
        #expect(alone.documents.map(\.slug) == ["chi-thi-05-ct-tw"])
    }

    @Test func frontMatterOverridesApplyAsInTheBuild() throws {
        let site = try TempSite([
            "a.md": "---\ntitle: A\ndate: 2017-03-01\ndocuments: [Nghị định số 30/2020/NĐ-CP]\ndocuments_exclude: [Chỉ thị số 05-CT/TW]\n---\nChỉ thị số 05-CT/TW ở đây là nhầm.\n",
        ])
        defer { site.cleanup() }
        let r = try ReferenceReport.scan(path: site.dir + "/a.md", display: "a.md", registry: Registry(), locality: nil)
        #expect(r.documents.map(\.slug) == ["nghi-dinh-30-2020-nd-cp"])
    }
}
