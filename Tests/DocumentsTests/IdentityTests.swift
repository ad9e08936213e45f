import Foundation
import Testing
@testable import Documents

@Suite struct IdentityTests {
    static let registry: Registry = try! Registry(entries: [
        RegistryEntry(label: "Nghị quyết số 04-NQ/TW", title: "Về tăng cường xây dựng, chỉnh đốn Đảng",
                      date: IssueDate(year: 2016, month: 10, day: 30), aliases: ["Nghị quyết Hội nghị Trung ương 4 khóa XII"]),
        RegistryEntry(label: "Chỉ thị số 05-CT/TW", date: IssueDate(year: 2016, month: 5, day: 15)),
        RegistryEntry(label: "Chỉ thị số 42-CT/TW", date: IssueDate(year: 2004, month: 8, day: 25)),
        RegistryEntry(label: "Chỉ thị số 42-CT/TW", date: IssueDate(year: 2015, month: 3, day: 24)),
        RegistryEntry(label: "Quy định số 03-QĐ/TU", date: IssueDate(year: 2016, month: 6, day: 6), locality: "Cần Thơ"),
    ])

    @Test func registryGivesTheYear() {
        #expect(slugs("Chỉ thị số 05-CT/TW", registry: Self.registry) == ["chi-thi-05-ct-tw-2016"])
    }

    @Test func sameSymbolFromDifferentTermsStaysApart() {
        let before = slugs("Chỉ thị số 42-CT/TW", date: IssueDate(year: 2010, month: 1, day: 1), registry: Self.registry)
        let after = slugs("Chỉ thị số 42-CT/TW", date: IssueDate(year: 2019, month: 1, day: 1), registry: Self.registry)
        #expect(before == ["chi-thi-42-ct-tw-2004"])
        #expect(after == ["chi-thi-42-ct-tw-2015"])
        #expect(slugs("Chỉ thị số 42-CT/TW năm 2004", date: IssueDate(year: 2019, month: 1, day: 1), registry: Self.registry)
                == ["chi-thi-42-ct-tw-2004"])
    }

    @Test func plenumAliasMergesIntoTheNumberedDocument() {
        let s = slugs("Nghị quyết Trung ương 4 khóa XII và Nghị quyết số 04-NQ/TW", registry: Self.registry)
        #expect(s == ["nghi-quyet-04-nq-tw-2016", "nghi-quyet-04-nq-tw-2016"])
        let alias = DocumentKey(kind: .plenum, type: "Nghị quyết", number: 4, issuer: "TW", term: 12)
        #expect(Self.registry.isAlias(alias))
        #expect(Self.registry.canonical(alias).slug == "nghi-quyet-04-nq-tw-2016")
    }

    @Test func localDocumentsCarryTheirLocality() {
        #expect(slugs("Quy định số 03-QĐ/TU, ngày 06-6-2016, của Ban Thường vụ Thành ủy Cần Thơ") == ["quy-dinh-03-qd-tu-can-tho-2016"])
        #expect(slugs("Quy định số 03-QĐ/TU của Thành ủy", locality: "Cần Thơ", registry: Self.registry) == ["quy-dinh-03-qd-tu-can-tho-2016"])
        // Another province's 03-QĐ/TU is another document.
        #expect(slugs("Quy định số 03-QĐ/TU của Tỉnh ủy Thanh Hoá", registry: Self.registry) == ["quy-dinh-03-qd-tu-thanh-hoa"])
        // TW is never TU.
        #expect(slugs("Quy định số 03-QĐ/TW") == ["quy-dinh-03-qd-tw"])
    }

    @Test func theArticlesOwnCommitteeNamesTheLocality() {
        let text = "Ban Thường vụ Thành ủy Cần Thơ đã ban hành Quy định số 03-QĐ/TU về trách nhiệm."
        #expect(slugs(text) == ["quy-dinh-03-qd-tu-can-tho"])
        // Two committees named: no guess.
        #expect(slugs("Tỉnh ủy Thanh Hóa và Thành ủy Cần Thơ cùng thực hiện Quy định số 03-QĐ/TU.") == ["quy-dinh-03-qd-tu"])
    }

    @Test func shortFormResolvesToTheOneFullReference() {
        #expect(slugs("Chỉ thị số 05-CT/TW ngày 15-5-2016. Sau đó Chỉ thị số 05 được quán triệt.") ==
                ["chi-thi-05-ct-tw-2016", "chi-thi-05-ct-tw-2016"])
    }

    @Test func ambiguousShortFormIsReportedNotGuessed() {
        let scan = Recogniser().scan("Chỉ thị số 05-CT/TW và Chỉ thị số 05/CT-TTg; Chỉ thị số 05 cần làm ngay.")
        let resolved = Resolver(registry: Registry()).resolve(scan.mentions.map { (0, $0) }, localities: [], context: ArticleContext())
        #expect(resolved.count == 3)
        #expect(resolved[2].key == nil)
        let alone = Resolver(registry: Registry()).resolve(Recogniser().scan("Thực hiện Chỉ thị số 05 của tỉnh.").mentions.map { (0, $0) },
                                                          localities: [], context: ArticleContext())
        #expect(alone.count == 1 && alone[0].key == nil)
    }

    @Test func mentionsWithoutYearJoinTheOneThatHasIt() {
        #expect(Set(slugs("Chỉ thị số 05-CT/TW của Bộ Chính trị khóa XII. Chỉ thị số 05-CT/TW được triển khai.")) == ["chi-thi-05-ct-tw-khoa-xii"])
    }

    @Test(arguments: [
        ("chi-thi-05-ct-tw-2016", DocumentKey(kind: .party, type: "Chỉ thị", number: 5, code: "CT", issuer: "TW", year: 2016)),
        ("quy-dinh-03-qd-tu-can-tho-2016", DocumentKey(kind: .party, type: "Quy định", number: 3, code: "QĐ", issuer: "TU", locality: "Cần Thơ", year: 2016)),
        ("ket-luan-11-kl-tw-khoa-xii", DocumentKey(kind: .party, type: "Kết luận", number: 11, code: "KL", issuer: "TW", term: 12)),
        ("quyet-dinh-476-qdns-tw-2017", DocumentKey(kind: .party, type: "Quyết định", number: 476, code: "QĐNS", issuer: "TW", year: 2017)),
        ("nghi-quyet-trung-uong-5-khoa-xii", DocumentKey(kind: .plenum, type: "Nghị quyết", number: 5, issuer: "TW", term: 12)),
        ("nghi-quyet-dai-hoi-xii", DocumentKey(kind: .congress, type: "Nghị quyết", number: 12, issuer: "TW")),
    ])
    func slugsFromKeys(slug: String, key: DocumentKey) {
        #expect(key.slug == slug)
    }

    @Test func registryRejectsWhatItCannotRead() {
        #expect(throws: RegistryError.self) { try Registry(entries: [RegistryEntry(label: "Văn bản quan trọng", line: 7)]) }
        do {
            _ = try Registry(entries: [RegistryEntry(label: "Chỉ thị 05", line: 7)])
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 7)
        }
    }

    @Test func romanNumerals() {
        #expect(Roman.parse("XII") == 12)
        #expect(Roman.parse("xiii") == 13)
        #expect(Roman.parse("IIII") == nil)
        #expect(Roman.format(14) == "XIV")
    }
}

@Suite struct SeedTests {
    static let seedPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/seeds/000_26c33ccc72d710b1.txt").path

    @Test(.enabled(if: FileManager.default.fileExists(atPath: SeedTests.seedPath), "needs ../shared/seeds beside the repository"))
    func seedReportCitesExactlySixDocuments() throws {
        let data = try #require(FileManager.default.contents(atPath: Self.seedPath))
        let text = String(decoding: data, as: UTF8.self)
        let scan = Recogniser().scan(text)
        let resolved = Resolver(registry: Registry()).resolve(scan.mentions.map { (0, $0) }, localities: scan.localities,
                                                              context: ArticleContext(date: IssueDate(year: 2017, month: 12, day: 13)))
        var labels: [String] = []
        var titles: [String: String] = [:]
        for r in resolved {
            let key = try #require(r.key)
            if !labels.contains(key.label) { labels.append(key.label) }
            if let t = r.mention.title, titles[key.label] == nil { titles[key.label] = t }
        }
        #expect(Set(labels) == [
            "Nghị quyết Hội nghị Trung ương 4 khóa XII", "Nghị quyết Hội nghị Trung ương 4 khóa XI", "Chỉ thị số 05-CT/TW",
            "Kế hoạch số 04-KH/TW", "Quy định số 03-QĐ/TU", "Quy định số 55-QĐ/TW",
        ])
        #expect(titles["Chỉ thị số 05-CT/TW"] == "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
        #expect(titles["Quy định số 55-QĐ/TW"] == "Về một số việc cần làm ngay để tăng cường vai trò nêu gương của cán bộ, đảng viên")
        #expect(titles["Nghị quyết Hội nghị Trung ương 4 khóa XII"]?.hasSuffix("“tự diễn biến”, “tự chuyển hóa” trong nội bộ") == true)
        #expect(resolved.first { $0.key?.code == "QĐ" && $0.key?.issuer == "TU" }?.key?.slug == "quy-dinh-03-qd-tu-can-tho-2016")
    }
}
