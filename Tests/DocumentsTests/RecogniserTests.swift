import Foundation
import Testing
@testable import Documents

/// Helpers: the slugs of every document a text cites, resolved as in an article of `date`.
func slugs(_ text: String, date: IssueDate? = IssueDate(year: 2017, month: 12, day: 13), locality: String? = nil,
           registry: Registry = Registry()) -> [String] {
    let scan = Recogniser().scan(text.precomposedStringWithCanonicalMapping)
    let resolved = Resolver(registry: registry).resolve(scan.mentions.map { (0, $0) }, localities: scan.localities,
                                                        context: ArticleContext(date: date, locality: locality))
    // Short forms with neither "số" nor an issuer are prose unless the archive-wide pass finds their document.
    return resolved.filter { $0.key != nil || !$0.mention.isProseUnlessResolved }.map { $0.key?.slug ?? "?" }
}

func mentionTexts(_ text: String) -> [String] {
    let bytes = Array(text.utf8)
    return Recogniser().scan(text).mentions.map { String(decoding: bytes[$0.range], as: UTF8.self) }
}

@Suite struct PartySymbolTests {
    @Test(arguments: [
        ("Chỉ thị số 05-CT/TW", "chi-thi-05-ct-tw"),
        ("Chỉ thị 05-CT/TW", "chi-thi-05-ct-tw"),
        ("chỉ thị số 05-CT/TW", "chi-thi-05-ct-tw"),
        ("CHỈ THỊ SỐ 05-CT/TW", "chi-thi-05-ct-tw"),
        ("Chỉ thị số 5-CT/TW", "chi-thi-05-ct-tw"),
        ("Chỉ thị số 05 – CT/TW", "chi-thi-05-ct-tw"),
        ("Chỉ thị số 05 - CT/TW", "chi-thi-05-ct-tw"),
        ("Chỉ thị số 05- CT/TW", "chi-thi-05-ct-tw"),
        ("Chỉ thị số 05 -CT/TW", "chi-thi-05-ct-tw"),
        ("Chỉ thị số 05-CT / TW", "chi-thi-05-ct-tw"),
        ("Chỉ thị số 05—CT/TW", "chi-thi-05-ct-tw"),
        ("Chỉ thị số 05-CT/TƯ", "chi-thi-05-ct-tw"),
        ("Chỉ thị số 05-CT/T.Ư", "chi-thi-05-ct-tw"),
        ("Số: Chỉ thị số: 05-CT/TW", "chi-thi-05-ct-tw"),
        ("Kế hoạch số 04-KH/TW", "ke-hoach-04-kh-tw"),
        ("Kết luận số 35-KL/TW", "ket-luan-35-kl-tw"),
        ("Quy định số 55-QĐ/TW", "quy-dinh-55-qd-tw"),
        ("Qui định số 55-QĐ/TW", "quy-dinh-55-qd-tw"),
        ("Quy định số 08-QĐi/TW", "quy-dinh-08-qd-tw"),
        ("Quyết định số 68-QĐ/TW", "quyet-dinh-68-qd-tw"),
        ("Quyết định số 476-QĐNS/TW", "quyet-dinh-476-qdns-tw"),
        ("Hướng dẫn số 36-HD/VPTW", "huong-dan-36-hd-vptw"),
        ("Thông báo kết luận số 12-TB/TW", "thong-bao-12-tb-tw"),
        ("Chương trình số 04-CTr/BCĐCCTPTW", "chuong-trinh-04-ctr-bcdcctptw"),
        ("Đề án số 09-ĐA/TU", "de-an-09-da-tu"),
        ("Nghị định số 39-NQ/TW", "nghi-quyet-39-nq-tw"),
    ])
    func partySymbolVariantsReadTheSame(text: String, slug: String) {
        #expect(slugs("Theo \(text) của Bộ Chính trị.") == [slug])
    }

    @Test func oneDocumentWrittenFiveWaysIsOnePage() {
        let text = "Chỉ thị số 05-CT/TW ngày 15-5-2016; Chỉ thị 05-CT/TW; chỉ thị số 5 - CT/TW; Chỉ thị số 05 – CT/TƯ; CHỈ THỊ 05-CT/T.Ư."
        #expect(Set(slugs(text)) == ["chi-thi-05-ct-tw-2016"])
        #expect(slugs(text).count == 5)
    }

    @Test func trailingDateGivesTheYear() {
        #expect(slugs("Kế hoạch số 04-KH/TW, ngày 16-11-2016, của Bộ Chính trị") == ["ke-hoach-04-kh-tw-2016"])
        #expect(slugs("Kế hoạch số 04-KH/TW ngày 16/11/2016") == ["ke-hoach-04-kh-tw-2016"])
        #expect(slugs("Kế hoạch số 04-KH/TW ngày 16.11.2016") == ["ke-hoach-04-kh-tw-2016"])
        #expect(slugs("Kế hoạch số 04-KH/TW ngày 16 tháng 11 năm 2016") == ["ke-hoach-04-kh-tw-2016"])
    }

    @Test func issuerPhraseGivesTheTerm() {
        let m = Recogniser().scan("Chỉ thị số 05-CT/TW của Bộ Chính trị khóa XII về học tập").mentions
        #expect(m.count == 1)
        #expect(m[0].key.term == 12)
        #expect(m[0].issuerName == "Bộ Chính trị")
        #expect(slugs("Chỉ thị số 05-CT/TW của Bộ Chính trị khoá XII") == ["chi-thi-05-ct-tw-khoa-xii"])
        #expect(slugs("Chỉ thị số 05-CT/TW (khóa XII)") == ["chi-thi-05-ct-tw-khoa-xii"])
    }

    @Test func quotedTitleIsKeptWithNestedQuotes() {
        let text = "Nghị quyết Hội nghị Trung ương 4 khóa XII “Về tăng cường xây dựng, chỉnh đốn Đảng; những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ”; Kế hoạch"
        let m = Recogniser().scan(text).mentions
        #expect(m.first?.title == "Về tăng cường xây dựng, chỉnh đốn Đảng; những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ")
        #expect(Recogniser().scan("Quy định số 55-QĐ/TW \"Về một số việc cần làm ngay\"").mentions.first?.title == "Về một số việc cần làm ngay")
    }

    @Test func listsShareTheTypeWordAndSymbol() {
        #expect(slugs("Chỉ thị số 05 và 06-CT/TW") == ["chi-thi-05-ct-tw", "chi-thi-06-ct-tw"])
        #expect(slugs("Nghị quyết số 18, 19-NQ/TW ngày 25-10-2017") == ["nghi-quyet-18-nq-tw-2017", "nghi-quyet-19-nq-tw-2017"])
        #expect(slugs("Nghị quyết số 18-NQ/TW, 19-NQ/TW") == ["nghi-quyet-18-nq-tw", "nghi-quyet-19-nq-tw"])
        #expect(mentionTexts("Chỉ thị số 05 và 06-CT/TW của Bộ Chính trị") == ["Chỉ thị số 05", "06-CT/TW"])
    }

    @Test func linkRangeCoversOnlyTheReference() {
        #expect(mentionTexts("Thực hiện Kế hoạch số 04-KH/TW, ngày 16-11-2016, của Bộ Chính trị về") == ["Kế hoạch số 04-KH/TW"])
        #expect(mentionTexts("Quán triệt Nghị quyết Trung ương 4 (khóa XII) và") == ["Nghị quyết Trung ương 4 (khóa XII)"])
    }
}

@Suite struct StateDocumentTests {
    @Test(arguments: [
        ("Nghị định số 30/2020/NĐ-CP", "nghi-dinh-30-2020-nd-cp", "Nghị định số 30/2020/NĐ-CP"),
        ("Nghị định 30/2020/NĐ-CP", "nghi-dinh-30-2020-nd-cp", "Nghị định số 30/2020/NĐ-CP"),
        ("Nghị định số 30 / 2020 / NĐ - CP", "nghi-dinh-30-2020-nd-cp", "Nghị định số 30/2020/NĐ-CP"),
        ("Thông tư 01/2019/TT-BNV", "thong-tu-01-2019-tt-bnv", "Thông tư số 01/2019/TT-BNV"),
        ("Luật số 55/2014/QH13", "luat-55-2014-qh13", "Luật số 55/2014/QH13"),
        ("Luật Bảo vệ môi trường số 55/2014/QH13", "luat-55-2014-qh13", "Luật số 55/2014/QH13"),
        ("Quyết định số 123/QĐ-TTg", "quyet-dinh-123-qd-ttg", "Quyết định số 123/QĐ-TTg"),
        ("Chỉ thị số 22/CT-TTg", "chi-thi-22-ct-ttg", "Chỉ thị số 22/CT-TTg"),
        ("Nghị quyết số 32/2016/QH14", "nghi-quyet-32-2016-qh14", "Nghị quyết số 32/2016/QH14"),
        ("Pháp lệnh Ưu đãi người có công số 26/2005/PL-UBTVQH11", "phap-lenh-26-2005-pl-ubtvqh11", "Pháp lệnh số 26/2005/PL-UBTVQH11"),
        ("Công điện số 1022/CĐ-TTg", "cong-dien-1022-cd-ttg", "Công điện số 1022/CĐ-TTg"),
    ])
    func stateSymbols(text: String, slug: String, label: String) {
        let m = Recogniser().scan("Thực hiện \(text) về công tác").mentions
        #expect(m.count == 1)
        #expect(m.first?.key.slug == slug)
        #expect(m.first?.key.label == label)
        #expect(m.first?.key.level == .state)
    }

    @Test func individualStateDocumentsTakeTheYearFromTheDate() {
        #expect(slugs("Quyết định số 1600/QĐ-TTg ngày 16-8-2016 của Thủ tướng Chính phủ") == ["quyet-dinh-1600-qd-ttg-2016"])
    }

    @Test func localUBNDDocumentsNeedTheLocality() {
        #expect(slugs("Kế hoạch số 23/KH-UBND của UBND tỉnh Quảng Ninh") == ["ke-hoach-23-kh-ubnd-quang-ninh"])
    }
}

@Suite struct PlenumAndCongressTests {
    @Test(arguments: [
        "Nghị quyết Hội nghị Trung ương 4 khóa XII",
        "Nghị quyết Trung ương 4 (khóa XII)",
        "Nghị quyết TƯ 4 khóa XII",
        "Nghị quyết Trung ương 4, khóa XII",
        "nghị quyết Trung ương 4 khóa 12",
        "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành T.Ư Đảng (Khóa XII)",
        "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII",
        "Nghị quyết Hội nghị Trung ương 4 khoá XII",
        "NQ TW 4 khóa XII",
        "Nghị quyết TW4 khóa XII",
        "Nghị quyết Trung ương 4 khóa (XII)",
        "Nghị quyết Trung ương bốn khóa XII",
        "Nghị quyết Trung ương IV khóa XII",
        "Nghị quyết Hội nghị 4 Ban Chấp hành Trung ương khóa XII",
        "Nghị quyết hội nghị lần thứ 4 BCH Trung ương Đảng khóa XII",
    ])
    func plenumFormsOfTW4XII(text: String) {
        #expect(slugs("Quán triệt \(text) tới cán bộ.") == ["nghi-quyet-trung-uong-4-khoa-xii"])
    }

    @Test func khoaXIIsNeverKhoaXII() {
        #expect(slugs("Nghị quyết Trung ương 4 khóa XI và Nghị quyết Trung ương 4 khóa XII") ==
                ["nghi-quyet-trung-uong-4-khoa-xi", "nghi-quyet-trung-uong-4-khoa-xii"])
        #expect(slugs("Nghị quyết TW4 khóa 11") == ["nghi-quyet-trung-uong-4-khoa-xi"])
        #expect(slugs("Nghị quyết T.Ư 4, khóa XI") == ["nghi-quyet-trung-uong-4-khoa-xi"])
    }

    @Test func twoTermsInParenthesesAreTwoDocuments() {
        #expect(slugs("Nghị quyết Trung ương 4 (khóa XI, XII)") == ["nghi-quyet-trung-uong-4-khoa-xi", "nghi-quyet-trung-uong-4-khoa-xii"])
    }

    @Test func plenumWithoutTermTakesTheTermInForce() {
        #expect(slugs("Nghị quyết Trung ương 4 về xây dựng Đảng", date: IssueDate(year: 2017, month: 3, day: 1)) == ["nghi-quyet-trung-uong-4-khoa-xii"])
        #expect(slugs("Nghị quyết Trung ương 4 về xây dựng Đảng", date: IssueDate(year: 2013, month: 3, day: 1)) == ["nghi-quyet-trung-uong-4-khoa-xi"])
        #expect(slugs("Nghị quyết Trung ương tám", date: IssueDate(year: 2014, month: 1, day: 1)) == ["nghi-quyet-trung-uong-8-khoa-xi"])
    }

    @Test(arguments: [
        "Nghị quyết Đại hội XII",
        "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XII của Đảng",
        "Nghị quyết Đại hội Đảng toàn quốc lần thứ XII",
        "Nghị quyết ĐH XII",
        "nghị quyết Đại hội lần thứ 12",
    ])
    func congressForms(text: String) {
        #expect(slugs("Học tập \(text) cho đảng viên.") == ["nghi-quyet-dai-hoi-xii"])
    }

    @Test func localCongressIsNotTheNationalOne() {
        #expect(slugs("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX", date: nil) == ["nghi-quyet-dai-hoi-dang-bo-tu-xix"])
        #expect(slugs("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX", locality: "Cần Thơ") == ["nghi-quyet-dai-hoi-dang-bo-tu-can-tho-xix"])
        #expect(slugs("Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Đảng bộ tỉnh") == [])
    }
}

@Suite struct NegativeTests {
    @Test(arguments: [
        "Ngày 16-11-2016, hội nghị đã diễn ra.",
        "Liên hệ số điện thoại 0292.3822.123 hoặc 0913 123 456.",
        "Theo Điều 5 của Luật, mỗi người có quyền khiếu nại.",
        "Ban Chấp hành khóa XII đã họp.",
        "Đây là một Nghị quyết quan trọng của Đảng.",
        "Chỉ thị này cần được thực hiện nghiêm túc.",
        "Hội nghị Trung ương 5 khai mạc sáng nay.",
        "Dự thảo Nghị quyết số 12-NQ/TW đang được lấy ý kiến.",
        "Tỷ lệ đạt 98,46% với 45.245 cán bộ, đảng viên năm 2017.",
        "Kế hoạch 2016-2020 đã hoàn thành.",
        "Chương trình 135 giúp đồng bào.",
        "Các nghị quyết Trung ương 4 các khóa đều nhấn mạnh.",
        "Giai đoạn 2016 - 2018, mã số 05-ABC.",
    ])
    func noDocumentIn(text: String) {
        #expect(slugs(text) == [], "\(text)")
    }

    @Test func bareNumbersWithoutTheWordSoAreProse() {
        // “Nghị quyết 18” with no symbol anywhere in the article: not reported, not guessed.
        #expect(slugs("Nghị quyết 18 đã đi vào cuộc sống.") == [])
    }
}

@Suite struct NormalisationTests {
    @Test func nfdTextIsRecognisedAfterNormalising() {
        let nfd = "Quán triệt Nghị quyết Hội nghị Trung ương 4 khóa XII và Chỉ thị số 05-CT/TW".decomposedStringWithCanonicalMapping
        #expect(slugs(nfd) == ["nghi-quyet-trung-uong-4-khoa-xii", "chi-thi-05-ct-tw"])
    }

    @Test func lineBreakInsideAReference() {
        #expect(slugs("theo Chỉ thị\nsố 05-CT/TW của Bộ Chính trị") == ["chi-thi-05-ct-tw"])
    }
}

@Suite struct TriggerFilterTests {
    /// The byte filter in front of pattern matching must never reject a real reference.
    @Test(arguments: [
        "Chỉ  thị số 05-CT/TW", "Chỉ\u{00A0}thị số 05-CT/TW", "Chỉ Thị Số 05-CT/TW", "CHỈ THỊ SỐ 05-CT/TW", "chỉ\nthị số 05-CT/TW",
        "“Chỉ thị số 05-CT/TW”", "(Chỉ thị số 05-CT/TW)", "–Chỉ thị số 05-CT/TW", "1.Chỉ thị số 05-CT/TW", "Chỉ thị số 05-CT/TW",
    ])
    func referencesAfterAnySeparatorAndInAnyCase(text: String) {
        #expect(slugs("Xem \(text) nhé") == ["chi-thi-05-ct-tw"], "\(text)")
        #expect(slugs(text) == ["chi-thi-05-ct-tw"], "at the very start: \(text)")
    }

    @Test func referenceAtTheVeryEndOfTheText() {
        #expect(slugs("theo NQ TW 4") == ["nghi-quyet-trung-uong-4-khoa-xii"])
        #expect(slugs("Luật số 55/2014/QH13") == ["luat-55-2014-qh13"])
    }

    @Test func manyReferencesInALongText() {
        let sentence = "Các cấp ủy tiếp tục quán triệt Chỉ thị số 05-CT/TW và Nghị quyết Trung ương 4 khóa XII trong năm. "
        let text = String(repeating: sentence, count: 500)
        #expect(slugs(text).count == 1000)
    }
}
