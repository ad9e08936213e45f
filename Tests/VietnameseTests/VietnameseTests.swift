import Foundation
import Testing
@testable import Vietnamese

@Suite struct SlugTests {
    @Test(arguments: [
        ("Đảng bộ Cần Thơ", "dang-bo-can-tho"),
        ("ĐẢNG BỘ ĐÀ NẴNG", "dang-bo-da-nang"),
        ("Thư viện Ưu tú, Ơn nghĩa", "thu-vien-uu-tu-on-nghia"),
        ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "hoc-tap-va-lam-theo-tu-tuong-dao-duc-phong-cach-ho-chi-minh"),
        ("  “Tự diễn biến”, “tự chuyển hóa”!  ", "tu-dien-bien-tu-chuyen-hoa"),
        ("Chỉ thị số 05-CT/TW", "chi-thi-so-05-ct-tw"),
        ("Năm 2017 -- tổng kết", "nam-2017-tong-ket"),
        ("!!!", ""),
    ])
    func slugFoldsVietnamese(input: String, expected: String) {
        #expect(Slug.make(input) == expected)
    }

    @Test func everyToneOfEveryVowelFoldsToItsBase() {
        let vowels: [(String, Character)] = [
            ("aàáảãạăằắẳẵặâầấẩẫậ", "a"), ("eèéẻẽẹêềếểễệ", "e"), ("iìíỉĩị", "i"),
            ("oòóỏõọôồốổỗộơờớởỡợ", "o"), ("uùúủũụưừứửữự", "u"), ("yỳýỷỹỵ", "y"),
        ]
        for (letters, base) in vowels {
            for ch in letters {
                #expect(Slug.make(String(ch)) == String(base), "lower \(ch)")
                #expect(Slug.make(String(ch).uppercased()) == String(base), "upper \(ch)")
            }
        }
        #expect(Slug.make("đ") == "d")
        #expect(Slug.make("Đ") == "d")
    }

    @Test func nfdInputGivesTheSameSlugAsNFC() {
        let nfc = "Nghị quyết Hội nghị Trung ương 4 khóa XII, Đắk Lắk"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(Array(nfd.utf8) != Array(nfc.utf8))
        #expect(Slug.make(nfd) == Slug.make(nfc))
        #expect(Slug.make(nfd) == "nghi-quyet-hoi-nghi-trung-uong-4-khoa-xii-dak-lak")
    }

    @Test func longSlugsAreCutBetweenWords() {
        let slug = Slug.make(String(repeating: "xây dựng Đảng ", count: 20), maxLength: 30)
        #expect(slug.count <= 30)
        #expect(!slug.hasSuffix("-"))
        #expect(slug.hasPrefix("xay-dung-dang-xay-dung"))
    }

    @Test func foldingKeepsCaseAndMapsDToD() {
        #expect(Folding.fold("Đồng Tháp") == "Dong Thap")
        #expect(Folding.key("TỰ DIỄN BIẾN") == "tu dien bien")
    }

    @Test func oldTonePlacementBecomesModern() {
        #expect(ToneStyle.modern("Thanh Hoá") == "Thanh Hóa")
        #expect(ToneStyle.modern("thuỷ lợi") == "thủy lợi")
        #expect(ToneStyle.modern("khoá XII") == "khóa XII")
        #expect(ToneStyle.modern("quý") == "quý")
        #expect(ToneStyle.modern("Hòa Bình") == "Hòa Bình")
    }
}

@Suite struct CollationTests {
    @Test func lettersFollowTheVietnameseAlphabet() {
        let alphabet = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o", "ô", "ơ",
                        "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"]
        let shuffled = alphabet.reversed().map { $0 }
        #expect(Collation.sorted(shuffled, by: { $0 }) == alphabet)
    }

    @Test func namesSortTheVietnameseWayNotByBytes() {
        let names = ["Đà Nẵng", "Yên Bái", "An Giang", "Bình Dương", "Điện Biên", "Anh Sơn", "Ân Thi", "Đắk Lắk", "Cần Thơ", "Ê Đê"]
        let sorted = Collation.sorted(names, by: { $0 })
        #expect(sorted == ["An Giang", "Anh Sơn", "Ân Thi", "Bình Dương", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Điện Biên", "Ê Đê", "Yên Bái"])
        // Byte order would put every Đ after Y.
        let bytewise = names.sorted()
        #expect(bytewise.firstIndex(of: "Đà Nẵng")! > bytewise.firstIndex(of: "Yên Bái")!)
    }

    @Test func tonesOrderAfterLetters() {
        let words = ["mạ", "má", "mã", "mả", "mà", "ma", "mb"]
        #expect(Collation.sorted(words, by: { $0 }) == ["ma", "mà", "mả", "mã", "má", "mạ", "mb"])
    }

    @Test func nfdSortsLikeNFC() {
        #expect(Collation.key("Đắk Lắk".decomposedStringWithCanonicalMapping) == Collation.key("Đắk Lắk"))
    }
}

@Suite struct DateTests {
    @Test(arguments: [
        ("2017-12-13", LocalDateTime(year: 2017, month: 12, day: 13)),
        ("2017-12-13 08:08", LocalDateTime(year: 2017, month: 12, day: 13, hour: 8, minute: 8)),
        ("2017-12-13T08:08:30", LocalDateTime(year: 2017, month: 12, day: 13, hour: 8, minute: 8, second: 30)),
        ("2017-12-13T08:08:00+07:00", LocalDateTime(year: 2017, month: 12, day: 13, hour: 8, minute: 8)),
        ("2017-12-13T01:08:00Z", LocalDateTime(year: 2017, month: 12, day: 13, hour: 1, minute: 8, offset: 0)),
        ("2017-12-13 08:08 -05:00", LocalDateTime(year: 2017, month: 12, day: 13, hour: 8, minute: 8, offset: -5 * 3600)),
    ])
    func parsesTheFormsEditorsWrite(text: String, expected: LocalDateTime) throws {
        #expect(try VietnameseDate.parse(text, defaultOffset: 7 * 3600).hasTime == (text.count > 10))
        #expect(try VietnameseDate.parse(text, defaultOffset: 7 * 3600) == expected)
    }

    @Test(arguments: ["13/12/2017", "2017-02-30", "2017-13-01", "2017-12-13 25:00", "2017-12-13 8:8", "hôm qua", "2017-12-13x"])
    func rejectsWhatIsNotADate(text: String) {
        #expect(throws: VietnameseDate.ParseError.self) { try VietnameseDate.parse(text, defaultOffset: 0) }
    }

    @Test func siteZoneAppliesWhenNoneIsWritten() throws {
        let d = try VietnameseDate.parse("2017-12-13 08:08", defaultOffset: 9 * 3600)
        #expect(d.offset == 9 * 3600)
        #expect(VietnameseDate.iso(d) == "2017-12-13T08:08:00+09:00")
    }

    @Test(arguments: [
        (LocalDateTime(year: 2017, month: 12, day: 13), "Thứ Tư, 13/12/2017"),
        (LocalDateTime(year: 2016, month: 5, day: 15), "Chủ Nhật, 15/5/2016"),
        (LocalDateTime(year: 2019, month: 2, day: 19), "Thứ Ba, 19/2/2019"),
        (LocalDateTime(year: 2024, month: 2, day: 29), "Thứ Năm, 29/2/2024"),
        (LocalDateTime(year: 2000, month: 1, day: 1), "Thứ Bảy, 1/1/2000"),
    ])
    func formatsWithTheVietnameseWeekday(date: LocalDateTime, expected: String) {
        #expect(VietnameseDate.long(date) == expected)
    }

    @Test func epochSecondsAccountForTheOffset() {
        let hanoi = LocalDateTime(year: 2017, month: 12, day: 13, hour: 8, offset: 7 * 3600)
        let utc = LocalDateTime(year: 2017, month: 12, day: 13, hour: 1, offset: 0)
        #expect(hanoi.epochSeconds == utc.epochSeconds)
        #expect(utc.epochSeconds == 1513126800)
    }

    @Test func offsetsParse() {
        #expect(VietnameseDate.parseOffset("+07:00") == 25200)
        #expect(VietnameseDate.parseOffset("UTC+7") == 25200)
        #expect(VietnameseDate.parseOffset("Asia/Ho_Chi_Minh") == 25200)
        #expect(VietnameseDate.parseOffset("-0530") == -19800)
        #expect(VietnameseDate.parseOffset("bảy giờ") == nil)
    }
}

@Suite struct UTF8Tests {
    @Test(arguments: [
        ([0x41, 0xC3, 0xA0], nil as Int?),            // "Aà"
        ([0x41, 0xFF], 1),                            // not a lead byte
        ([0x41, 0xC3], 1),                            // cut short
        ([0xE0, 0x80, 0x80], 0),                      // overlong
        ([0xED, 0xA0, 0x80], 0),                      // a surrogate
        ([0x61, 0xE1, 0xBB, 0x87, 0xF4, 0x90, 0x80, 0x80], 4),  // past U+10FFFF
    ])
    func firstInvalidByte(bytes: [UInt8], expected: Int?) {
        #expect(Normalization.firstInvalidUTF8(bytes) == expected)
    }
}
