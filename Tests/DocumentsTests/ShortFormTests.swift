import Foundation
import Testing
@testable import Documents

/// Short forms and lists, as the recogniser hands them to resolution (issue 12, item 3).
@Suite struct ShortFormTests {
    static func mentions(_ text: String) -> [Mention] { Recogniser().scan(text.precomposedStringWithCanonicalMapping).mentions }

    @Test(arguments: [
        // sentence, written, type, kind, issuer code (nil: not known), "số" written
        ("Các chi bộ tiếp tục thực hiện Chỉ thị 05 của Bộ Chính trị trong năm.", "Chỉ thị 05", "Chỉ thị", DocumentKind.party, Optional("TW"), false),
        ("Các chi bộ tiếp tục thực hiện Chỉ thị số 05 của Bộ Chính trị trong năm.", "Chỉ thị số 05", "Chỉ thị", .party, "TW", true),
        ("Hộ kinh doanh được hướng dẫn theo Nghị định 34 của Chính phủ.", "Nghị định 34", "Nghị định", .state, "CP", false),
        ("Sở đã báo cáo Kế hoạch 64 của Ban Chỉ đạo Trung ương về phòng, chống tham nhũng.", "Kế hoạch 64", "Kế hoạch", .party, nil, false),
        ("Chủ trương theo Nghị quyết 35 của Chính phủ về doanh nghiệp.", "Nghị quyết 35", "Nghị quyết", .state, "CP", false),
        ("Tỉnh ra Quyết định 50 của Thủ tướng Chính phủ.", "Quyết định 50", "Quyết định", .state, "TTg", false),
        ("Nghị quyết 18 đã đi vào cuộc sống.", "Nghị quyết 18", "Nghị quyết", .party, nil, false),
        ("Doanh nghiệp nộp theo Thông tư 36 của Bộ Công Thương từ tháng sau.", "Thông tư 36", "Thông tư", .state, "BCT", false),
        ("Xã làm theo Quyết định số 12 của Chủ tịch UBND tỉnh Nghệ An.", "Quyết định số 12", "Quyết định", .state, "UBND", true),
        ("Cửa hàng thực hiện Thông tư 36 của Bộ trưởng Bộ Công Thương.", "Thông tư 36", "Thông tư", .state, "BCT", false),
        ("Lãi suất tính theo Quyết định 652 của Thống đốc Ngân hàng Nhà nước.", "Quyết định 652", "Quyết định", .state, "NHNN", false),
        ("Cấp ủy quán triệt Chỉ thị 12 của Thường trực Tỉnh ủy Bến Tre.", "Chỉ thị 12", "Chỉ thị", .party, "TU", false),
        ("Đơn vị quán triệt Nghị quyết 769 của Thường vụ Quân ủy Trung ương.", "Nghị quyết 769", "Nghị quyết", .party, "ĐUQSTW", false),
    ])
    func shortFormsCarryWhatTheTextSays(sentence: String, written: String, type: String, kind: DocumentKind,
                                        issuer: String?, hasSo: Bool) throws {
        let found = Self.mentions(sentence)
        let m = try #require(found.first)
        #expect(found.count == 1)
        #expect(m.isShortForm)
        #expect(m.hasNumberWord == hasSo)
        #expect(mentionTexts(sentence) == [written])
        #expect(m.key.type == type)
        #expect(m.key.kind == kind)
        #expect(m.issuerCode == issuer)
        if let issuer { #expect(m.key.issuer == issuer) }
    }

    @Test func abbreviatedTypeWords() {
        #expect(mentionTexts("Ngư dân vay vốn theo NĐ 67 của Chính phủ.") == ["NĐ 67"])
        #expect(Self.mentions("Ngư dân vay vốn theo NĐ 67 của Chính phủ.").first?.key.type == "Nghị định")
        #expect(mentionTexts("Tàu đóng theo NĐ 67/2014/NĐ-CP đã ra khơi.") == ["NĐ 67/2014/NĐ-CP"])
        #expect(slugs("Theo NQ số 128/NQ-CP về thích ứng an toàn") == ["nghi-quyet-128-nq-cp"])
        #expect(mentionTexts("Hộ nghèo được hỗ trợ theo QĐ 33 của Thủ tướng.") == ["QĐ 33"])
        // A code inside a word or a symbol is not a type word.
        #expect(Self.mentions("Báo QĐND số 12 đưa tin.").isEmpty)
        #expect(Self.mentions("Văn bản 05-QĐ/TW kèm theo.").count <= 1)
    }

    @Test func theIssuerPhraseAndItsRange() throws {
        let text = "Thực hiện Kế hoạch 64 của Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, tỉnh đã"
        let m = try #require(Self.mentions(text).first)
        let bytes = Array(text.utf8)
        let range = try #require(m.issuerRange)
        #expect(String(decoding: bytes[range], as: UTF8.self) == "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng")
        #expect(m.issuerName == "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng")
        #expect(m.issuerCode == nil)
        let local = try #require(Self.mentions("Theo Chỉ thị số 15-CT/TU của Thành ủy Hà Nội về việc").first)
        #expect(local.key.locality == "Hà Nội")
        #expect(local.issuerCode == "TU")
    }

    @Test func aListOfShortFormsIsOneMentionPerNumber() {
        let found = Self.mentions("Đảng viên học Chỉ thị 03, 05 và 06 của Bộ Chính trị.")
        #expect(found.map(\.key.number) == [3, 5, 6])
        #expect(found.allSatisfy { $0.isShortForm && !$0.hasNumberWord && $0.listedTogether && $0.key.issuer == "TW" })
        #expect(mentionTexts("Đảng viên học Chỉ thị 03, 05 và 06 của Bộ Chính trị.") == ["Chỉ thị 03", "05", "06"])
    }

    @Test func numberAndYearWithoutCode() throws {
        let decree = try #require(Self.mentions("Theo Nghị định 91/2020, tin nhắn rác bị phạt.").first)
        #expect(!decree.isShortForm)
        #expect(decree.key.label == "Nghị định số 91/2020/NĐ-CP")
        let resolution = try #require(Self.mentions("Theo Nghị quyết 52/2017 của Quốc hội, dự án được duyệt.").first)
        #expect(resolution.isShortForm)
        #expect(resolution.key.number == 52 && resolution.key.year == 2017 && resolution.key.symbolHasYear)
        #expect(resolution.key.kind == .state)
        #expect(resolution.issuerCode == "QH")
        #expect(mentionTexts("Theo Nghị quyết 52/2017 của Quốc hội") == ["Nghị quyết 52/2017"])
        // A date is not a number and year.
        #expect(Self.mentions("Nghị quyết 15/5/2016 được ký").isEmpty)
        // The year after a dash, written tight.
        let dashed = try #require(Self.mentions("Theo Nghị quyết 19-2017 về môi trường kinh doanh").first)
        #expect(dashed.key.number == 19 && dashed.key.year == 2017 && dashed.isShortForm)
        #expect(mentionTexts("Theo Nghị quyết 19-2017 về môi trường kinh doanh") == ["Nghị quyết 19-2017"])
        #expect(Self.mentions("Kế hoạch 2016-2020 của tỉnh").isEmpty)
        #expect(Self.mentions("Nghị quyết 12-2016-2020 của tỉnh").isEmpty)
    }

    @Test(arguments: [
        "Kế hoạch 2017 của tỉnh đã hoàn thành sớm.",
        "Văn bản 2000 trang được lưu trữ.",
        "Chương trình 2016 - 2020 của ngành.",
        "Kế hoạch 5 năm (2016-2020) đã được thông qua.",
        "Mục tiêu kế hoạch 5 năm 2016-2020 là rất quan trọng.",
        "Ông đưa ra kế hoạch 4 điểm để giải quyết.",
        "Báo cáo 6 tháng đầu năm cho thấy tăng trưởng.",
        "Kế hoạch 125 triệu bảng của câu lạc bộ.",
        "Tòa tuyên phạt bị cáo Luật 12 tháng tù.",
        "Tổng thống ban bố thiết quân luật 60 ngày trên đảo.",
        "Ủy ban ra quyết định kỷ luật 2 cán bộ vi phạm.",
        "Đó là bộ luật 1 thế kỷ trước để lại.",
        "Tàu NĐ 1816 có 8 người cập cảng.",
        "Tàu cá QĐ 90 gặp nạn.",
        "Kế hoạch hành động 100 ngày của thành phố.",
        "Hình thức cắt điện: KẾ HOẠCH  19 08:00 16:00 toàn bộ ngõ 162.",
        "Bộ đã quyết định 4 nhóm vấn đề lớn.",
        "Ngân hàng cho vay sai quy định 80 tỉ đồng.",
        "Luật chỉ quy định 2 hình thức xử lý.",
        "Cảnh sát hướng dẫn 4 nạn nhân lên sân thượng.",
        "Bác sĩ thông báo 2 bé đã khỏe.",
    ])
    func aYearIsNotADocumentNumber(sentence: String) {
        #expect(Self.mentions(sentence).isEmpty, "\(sentence)")
    }

    @Test func aWordThatOnlyBeginsLikeAUnitIsNotOne() {
        #expect(mentionTexts("Các chủ tàu đóng theo Nghị định 67 đồng loạt gửi đơn.") == ["Nghị định 67"])
        #expect(mentionTexts("Triển khai Nghị định 67 bước đầu có kết quả.") == ["Nghị định 67"])
    }

    @Test func jointCircularsAndConclusionNoticesAsShortForms() {
        #expect(Self.mentions("Theo Thông tư liên tịch 35 của hai bộ").first?.key.type == "Thông tư liên tịch")
        #expect(mentionTexts("Theo Thông tư liên tịch 35 của hai bộ") == ["Thông tư liên tịch 35"])
        #expect(Self.mentions("Thực hiện Thông báo kết luận 19 của Ban Bí thư").first?.key.type == "Thông báo")
    }

    @Test func aPartyNumberWithItsLeadingZeroIsStillAShortForm() {
        #expect(mentionTexts("Quán triệt Quy định 08 về trách nhiệm nêu gương") == ["Quy định 08"])
        #expect(mentionTexts("Thực hiện Kết luận 24 của Bộ Chính trị") == ["Kết luận 24"])
        #expect(mentionTexts("Thực hiện Hướng dẫn số 4 của Ban Tuyên giáo") == ["Hướng dẫn số 4"])
    }

    @Test func aYearAfterTheNumberIsNotAQuantity() {
        #expect(mentionTexts("Theo Chỉ thị 09 năm 2013 của UBND tỉnh") == ["Chỉ thị 09"])
        #expect(Self.mentions("Theo Chỉ thị 09 năm 2013 của UBND tỉnh").first?.yearHint == 2013)
    }

    @Test func aNumberThatLooksLikeAYearWithADateIsOne() {
        #expect(mentionTexts("Theo Công văn 2039 ngày 29/5/2017 của Bộ Nội vụ") == ["Công văn 2039"])
    }

    @Test func wordsDescribingADecisionBeforeItsSymbol() {
        #expect(mentionTexts("Cơ quan điều tra ra Quyết định khởi tố vụ án hình sự số 133/QĐ-CQĐT hôm qua.")
                == ["Quyết định khởi tố vụ án hình sự số 133/QĐ-CQĐT"])
        #expect(mentionTexts("Sở đã có Kết luận thanh tra số 1956/KL-TTr gửi huyện.") == ["Kết luận thanh tra số 1956/KL-TTr"])
        #expect(mentionTexts("Theo Kết luận (số 184/KL-SYT) của sở") == ["Kết luận (số 184/KL-SYT)"])
        #expect(mentionTexts("Thực hiện Luật Phí, lệ phí (số 97/2015/QH13) từ năm sau") == ["Luật Phí, lệ phí (số 97/2015/QH13)"])
        // Without a full symbol, a description is prose.
        #expect(mentionTexts("Ông nhận quyết định xử phạt số 12 hôm qua.") == [])
        #expect(mentionTexts("Theo quy định mức thu số tiền 5 triệu đồng.") == [])
        #expect(mentionTexts("Báo cáo của Chính phủ cho biết trong số 13 tỉnh") == [])
        #expect(mentionTexts("Quyết định này là phần của Giấy phép hoạt động số 0026/NH-GP.") == [])
        #expect(mentionTexts("Nghị quyết nêu rõ từ ngày luật số 12/2017/QH14 có hiệu lực") == ["luật số 12/2017/QH14"])
        #expect(mentionTexts("Theo Công văn Công văn số 204/TTg-ĐMDN") == ["Công văn số 204/TTg-ĐMDN"])
    }

    @Test func aLawsNameNeverRunsIntoAnotherReference() {
        #expect(mentionTexts("Căn cứ Luật Thanh tra, Nghị định số 86/2011/NĐ-CP và hướng dẫn") == ["Nghị định số 86/2011/NĐ-CP"])
        #expect(mentionTexts("theo Luật Doanh nghiệp và Thông tư số 15/2016/TT-BTC") == ["Thông tư số 15/2016/TT-BTC"])
        #expect(mentionTexts("theo Luật Phòng, chống tham nhũng số 55/2005/QH11") == ["Luật Phòng, chống tham nhũng số 55/2005/QH11"])
        #expect(mentionTexts("Luật sư Nguyễn Văn An, Đoàn luật sư số 2 cho biết") == [])
        #expect(mentionTexts("theo Luật Thuế tiêu thụ đặc biệt số 39/2007 thì") == ["Luật Thuế tiêu thụ đặc biệt số 39/2007"])
        #expect(mentionTexts("theo Luật Luật sư số 65/2006/QH11") == ["Luật Luật sư số 65/2006/QH11"])
        #expect(mentionTexts("theo Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13")
                == ["Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13"])
    }
}
