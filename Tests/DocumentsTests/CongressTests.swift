import Foundation
import Testing
@testable import Documents

/// Local and sectoral congresses (issue 12, item 5): never the national one.
@Suite struct LocalCongressTests {
    @Test(arguments: [
        ("Toàn tỉnh quán triệt Nghị quyết Đại hội Đảng bộ tỉnh Cần Thơ lần thứ XIV, nhiệm kỳ 2015-2020 tới chi bộ.",
         "Nghị quyết Đại hội Đảng bộ tỉnh Cần Thơ lần thứ XIV, nhiệm kỳ 2015-2020", "nghi-quyet-dai-hoi-dang-bo-tu-can-tho-xiv"),
        ("Quận bám sát Nghị quyết Đại hội Đảng bộ thành phố Hồ Chí Minh lần thứ XXI để làm việc.",
         "Nghị quyết Đại hội Đảng bộ thành phố Hồ Chí Minh lần thứ XXI", "nghi-quyet-dai-hoi-dang-bo-tu-ho-chi-minh-xxi"),
        ("Đơn vị học tập Nghị quyết Đại hội Đảng bộ Quân đội lần thứ X ngay sau đó.",
         "Nghị quyết Đại hội Đảng bộ Quân đội lần thứ X", "nghi-quyet-dai-hoi-dang-bo-quan-doi-x"),
        ("Lực lượng công an triển khai Nghị quyết Đại hội đại biểu Đảng bộ Công an Trung ương lần thứ sáu trong năm.",
         "Nghị quyết Đại hội đại biểu Đảng bộ Công an Trung ương lần thứ sáu", "nghi-quyet-dai-hoi-dang-bo-cong-an-trung-uong-vi"),
        ("Mục tiêu của Nghị quyết Đại hội XVII của Đảng bộ thành phố Đà Nẵng là rõ ràng.",
         "Nghị quyết Đại hội XVII của Đảng bộ thành phố Đà Nẵng", "nghi-quyet-dai-hoi-dang-bo-tu-da-nang-xvii"),
        ("Xã thực hiện Nghị quyết Đại hội lần thứ XX Đảng bộ huyện Phong Điền, đạt nhiều kết quả.",
         "Nghị quyết Đại hội lần thứ XX Đảng bộ huyện Phong Điền", "nghi-quyet-dai-hoi-dang-bo-hu-phong-dien-xx"),
        ("Chi bộ đưa Nghị quyết Đại hội Đảng bộ huyện Phong Điền nhiệm kỳ 2020–2025 vào cuộc sống.",
         "Nghị quyết Đại hội Đảng bộ huyện Phong Điền nhiệm kỳ 2020–2025", "nghi-quyet-dai-hoi-dang-bo-hu-phong-dien-nhiem-ky-2020"),
    ])
    func localCongresses(sentence: String, written: String, slug: String) throws {
        let m = try #require(Recogniser().scan(sentence).mentions.first)
        #expect(mentionTexts(sentence) == [written])
        #expect(m.key.kind == .congress)
        #expect(m.key.issuer != "TW")
        #expect(m.key.slug == slug)
        #expect(!m.key.label.contains("toàn quốc"))
    }

    @Test func aCongressByItsTerm() {
        #expect(slugs("theo Nghị quyết Đại hội Đảng khóa XII và") == ["nghi-quyet-dai-hoi-xii"])
        #expect(slugs("theo Nghị quyết Đại hội Đảng bộ quận khóa V, nhiệm kỳ 2015-2020", locality: "Ba Đình")
                == ["nghi-quyet-dai-hoi-dang-bo-qu-ba-dinh-v"])
        #expect(mentionTexts("theo Nghị quyết Đại hội Đảng bộ quận khóa V, nhiệm kỳ 2015-2020 và")
                == ["Nghị quyết Đại hội Đảng bộ quận khóa V, nhiệm kỳ 2015-2020"])
    }

    @Test func ordinalsInWords() {
        #expect(slugs("Nghị quyết Đại hội Đảng bộ tỉnh Quảng Nam lần thứ hai mươi mốt") == ["nghi-quyet-dai-hoi-dang-bo-tu-quang-nam-xxi"])
        #expect(slugs("Nghị quyết Đại hội Đảng bộ tỉnh Quảng Nam lần thứ mười bảy") == ["nghi-quyet-dai-hoi-dang-bo-tu-quang-nam-xvii"])
        #expect(slugs("Nghị quyết Đại hội Đảng bộ tỉnh Quảng Nam lần thứ hai") == ["nghi-quyet-dai-hoi-dang-bo-tu-quang-nam-ii"])
    }

    @Test func theTermOfALocalCongressIsKept() throws {
        let m = try #require(Recogniser().scan("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIV (nhiệm kỳ 2015 - 2020) đề ra").mentions.first)
        #expect(m.termYears == 2015...2020)
        #expect(m.key.number == 14)
        #expect(m.key.level == .local)
    }

    @Test func aLocalCongressWithoutItsPlaceTakesTheArticlesLocality() {
        #expect(slugs("Kiên trì Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV.", locality: "Thanh Hóa") == ["nghi-quyet-dai-hoi-dang-bo-tu-thanh-hoa-xv"])
    }

    @Test(arguments: [
        "Nghị quyết Đại hội Đảng bộ các cấp đã đề ra nhiều chỉ tiêu.",
        "Nghị quyết Đại hội Đảng bộ tỉnh đã đi vào cuộc sống.",
        "Nghị quyết Đại hội Đoàn lần thứ XI của tỉnh.",
        "Nghị quyết Đại hội năm 2016 của chi bộ.",
        "Nghị quyết Đại hội XVII đã được cụ thể hóa.",
        "Nghị quyết Đại hội Công đoàn lần thứ XII.",
    ])
    func notACongressResolution(sentence: String) {
        #expect(Recogniser().scan(sentence).mentions.isEmpty, "\(sentence)")
    }

    @Test func theNationalCongressIsStillTheNationalOne() {
        #expect(slugs("Nghị quyết Đại hội XII của Đảng đã chỉ rõ.") == ["nghi-quyet-dai-hoi-xii"])
        #expect(mentionTexts("Nghị quyết Đại hội XII của Đảng đã chỉ rõ.") == ["Nghị quyết Đại hội XII của Đảng"])
        #expect(slugs("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII, nhiệm kỳ 2021-2026") == ["nghi-quyet-dai-hoi-xiii"])
    }
}

/// The registry reads its labels with the recogniser: the new forms can be registry entries and aliases.
@Suite struct NewFormsInTheRegistryTests {
    @Test func newFormsAreRegistryLabels() throws {
        let registry = try Registry(entries: [
            RegistryEntry(label: "Nghị quyết Đại hội Đảng bộ tỉnh Cần Thơ lần thứ XIV", line: 1),
            RegistryEntry(label: "Hướng dẫn số 85/HD-TLĐ", line: 2),
            RegistryEntry(label: "Nghị quyết số 21/NQ-TW", date: IssueDate(year: 2017, month: 10, day: 25), line: 3),
        ])
        #expect(registry.documents.map(\.key.kind) == [.congress, .state, .party])
        #expect(registry.documents[0].key.locality == "Cần Thơ")
        #expect(registry.documents[1].key.level == .organisation)
        #expect(registry.documents[2].key.slug == "nghi-quyet-21-nq-tw-2017")
    }
}
