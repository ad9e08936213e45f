import Foundation
import Testing
@testable import Documents

/// The one key of the first reference in a sentence.
func firstKey(_ text: String) -> DocumentKey? {
    Recogniser().scan(text.precomposedStringWithCanonicalMapping).mentions.first?.key
}

/// One identity per symbol, however journalists spell it (issue 12, item 1).
@Suite struct SpellingTests {
    @Test(arguments: [
        // Separators and their order: a Party body's symbol is a Party symbol.
        ("Nghị quyết số 21-NQ/TW", "Ban Bí thư đã ban hành Nghị quyết số 21/NQ-TW để hướng dẫn."),
        ("Nghị quyết số 21-NQ/TW", "Các chi bộ học Nghị quyết 21 - NQ/TW trong tháng này."),
        ("Nghị quyết số 21-NQ/TW", "Thực hiện nghị quyết số 21/NQ/TW, huyện đã có kế hoạch."),
        ("Nghị quyết số 21-NQ/TW", "Tinh thần Nghị quyết 21-nq/tw được phổ biến rộng rãi."),
        ("Nghị quyết số 21-NQ/TW", "Theo Nghị quyết số 21 – NQ / TƯ, tỉnh phải báo cáo."),
        ("Quyết định số 181-QĐ/TW", "Cán bộ vi phạm bị xử lý theo Quyết định 181/QĐ-TW của Trung ương."),
        ("Quyết định số 181-QĐ/TW", "Áp dụng Quyết định số 181 - QD/TW cho đảng viên."),
        ("Chỉ thị số 15-CT/TW", "Xã đã làm theo Chỉ thị số 15-CT/T.Ư từ đầu năm."),
        ("Chỉ thị số 15-CT/TW", "Xã đã làm theo Chỉ thị số 15-CT/T.W từ đầu năm."),
        ("Quy định số 08-QĐ/TW", "Quy định số 08-QĐi/TW nêu rõ trách nhiệm nêu gương."),
        // A State body's symbol written Party-style is still a State symbol.
        ("Chỉ thị số 05/CT-UBND", "Tỉnh ban hành Chỉ thị số 05-CT/UBND về phòng cháy."),
        ("Quyết định số 2218/QĐ-TTg", "Thủ tướng ký Quyết định số 2218-QĐ/TTg tuần trước."),
        // Case of the codes.
        ("Quyết định số 58/2016/QĐ-TTg", "Doanh nghiệp nhỏ theo Quyết định 58/2016/QĐ-Ttg được hỗ trợ."),
        ("Quyết định số 58/2016/QĐ-TTg", "Doanh nghiệp nhỏ theo Quyết định 58/2016/QĐ-TTG được hỗ trợ."),
        ("Quyết định số 58/2016/QĐ-TTg", "Doanh nghiệp nhỏ theo Quyết định 58/2016/QĐ/TTg được hỗ trợ."),
        ("Luật số 94/2015/QH13", "Thủ tục được quy định trong Luật 94/2015/Qh13 về ngân sách."),
        ("Chương trình số 12-CTr/TU", "Tỉnh ủy ban hành Chương trình số 12-Ctr/TU để triển khai."),
        // Đ written D, and the Telex "DD".
        ("Nghị định số 38/2012/NĐ-CP", "Cơ sở phải tuân thủ Nghị định số 38/2012/ND-CP về an toàn thực phẩm."),
        ("Nghị định số 38/2012/NĐ-CP", "Cơ sở phải tuân thủ Nghị định số 38/2012/nđ-cp về an toàn thực phẩm."),
        ("Nghị định số 38/2012/NĐ-CP", "Cơ sở phải tuân thủ Nghị định số 38/2012/NĐCP về an toàn thực phẩm."),
        ("Quyết định số 12/QĐ-UBND", "Ủy ban đã ký Quyết định số 12/QDD-UBND hôm qua."),
        ("Quyết định số 12/QĐ-UBND", "Ủy ban đã ký Quyết định số 12/QD-ƯBND hôm qua."),
        ("Nghị quyết số 05-NQ/ĐU", "Đảng ủy xã ra Nghị quyết số 05-NQ/DU về kinh tế."),
        ("Kế hoạch số 07-KH/BCSĐ", "Ban cán sự đảng có Kế hoạch số 07-KH/BCSD năm nay."),
        // A word run into the code.
        ("Thông tư số 24/2014/TT-BNNPTNT", "Theo Thông tư số 24/2014/TT-BNNPTNTngày 19/8, cơ sở phải đăng ký."),
        ("Nghị định số 12/2017/NĐ-CP", "Theo Nghị định 12/2017/NĐ-CPvừa ban hành, bộ được tổ chức lại."),
        // The kind glued to its number; a longer kind of the same type.
        ("Nghị định số 116/2017/NĐ-CP", "Doanh nghiệp ô tô phải theo Nghị định116/2017/NĐ-CP."),
        ("Kế hoạch số 45/KH-UBND", "Huyện thực hiện Kế hoạch hành động số 45/KH-UBND của tỉnh."),
        ("Quyết định số 25/QĐ-UBND", "Ông bị Quyết định kỷ luật số 25/QĐ-UBND cách chức."),
        ("Luật số 100/2015/QH13", "Tội này có trong Bộ luật Hình sự số 100/2015/QH13 mới."),
        // The year after a dash; "số" run into the number.
        ("Nghị quyết số 19/2017/NQ-CP", "Chính phủ ban hành Nghị quyết 19-2017/NQ-CP về môi trường kinh doanh."),
        ("Nghị quyết số 19/2017/NQ-CP", "Chính phủ ban hành Nghị quyết 19- 2017/NQ-CP về môi trường kinh doanh."),
        ("Nghị định số 204/2004/NĐ-CP", "Bảng lương ban hành kèm theo Nghị định số204/2004/NĐ-CP."),
        // Number and year without code: a decree is the Government's.
        ("Nghị định số 91/2020/NĐ-CP", "Việc chống tin nhắn rác theo Nghị định 91/2020 có hiệu lực."),
    ])
    func spellingsOfOneSymbolAreOneKey(canonical: String, sentence: String) throws {
        let key = try #require(firstKey(sentence), "\(sentence)")
        let expected = try #require(firstKey(canonical))
        #expect(key == expected, "\(sentence)")
        #expect(key.label == canonical)
        #expect(key.slug == expected.slug)
    }

    @Test func centralCommitteeIsNeverAProvince() throws {
        let tw = try #require(firstKey("Theo Chỉ thị số 05-CT/TƯ của Bộ Chính trị"))
        let tu = try #require(firstKey("Theo Chỉ thị số 05-CT/TU của Tỉnh ủy"))
        #expect(tw.issuer == "TW")
        #expect(tu.issuer == "TU")
        #expect(tw != tu && tw.slug != tu.slug)
        #expect(tw.level == .central && tu.level == .local)
    }

    @Test func theSpanOfAReferenceIsWholeWords() {
        #expect(mentionTexts("Ban Bí thư ra Thông báo kết luận số 19-TB/TW tuần trước.") == ["Thông báo kết luận số 19-TB/TW"])
        #expect(mentionTexts("Ông nhận Quyết định kỷ luật số 25/QĐ-UBND.") == ["Quyết định kỷ luật số 25/QĐ-UBND"])
        #expect(mentionTexts("Ông chịu hình thức kỷ luật số 25/2016/QH14 nào?") == [])
        #expect(mentionTexts("Dự luật số 12/2017/QH14 được trình Quốc hội.") == [])
        #expect(mentionTexts("Tội này có trong Bộ luật Hình sự số 100/2015/QH13.") == ["Bộ luật Hình sự số 100/2015/QH13"])
        #expect(mentionTexts("Theo Nghị định 12/2017/NĐ-CPngày 1/2") == ["Nghị định 12/2017/NĐ-CP"])
    }

    @Test func anUnknownBodysPartyStyleSymbolStaysAsWritten() {
        #expect(firstKey("Theo Nghị quyết số 05-NQ/BCH của Ban Chấp hành")?.kind == .party)
        #expect(firstKey("Theo Nghị quyết số 05-NQ/BCH của Ban Chấp hành")?.symbol == "05-NQ/BCH")
    }

    @Test func massOrganisationsAreTheirOwnGroup() throws {
        let key = try #require(firstKey("Công đoàn cơ sở làm theo Hướng dẫn số 85/HD-TLĐ của Tổng Liên đoàn Lao động Việt Nam."))
        #expect(key.level == .organisation)
        #expect(key.level.rawValue == "Đoàn thể")
        #expect(firstKey("Theo Hướng dẫn số 12-HD/TWĐTN của Trung ương Đoàn")?.level == .organisation)
        #expect(firstKey("Theo Hướng dẫn số 12-HD/TW")?.level == .central)
    }

    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/citing").path

    /// On real text: two keys that differ only in spelling would make two pages with one slug. Equal slugs must
    /// mean equal keys (and equal keys give equal slugs, since the slug is made from the key).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpus)))
    func realArticlesGiveOneKeyPerSlug() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus).filter { $0.hasSuffix(".txt") }
        #expect(files.count > 1000)
        var bySlug: [String: DocumentKey] = [:]
        var clashes: [String] = []
        var full = 0
        for f in files {
            guard let data = FileManager.default.contents(atPath: Self.corpus + "/" + f) else { continue }
            let text = String(decoding: data, as: UTF8.self).precomposedStringWithCanonicalMapping
            for m in Recogniser().scan(text).mentions where !m.isShortForm {
                full += 1
                if let other = bySlug[m.key.slug], other != m.key {
                    clashes.append("\(f): \(m.key.slug): \(other) ≠ \(m.key)")
                } else {
                    bySlug[m.key.slug] = m.key
                }
            }
        }
        #expect(full > 2000)
        #expect(clashes.isEmpty, "\(clashes.prefix(20).joined(separator: "\n"))")
        // A symbol with its year and type code is unique: whatever type word was written before it, one key.
        // (Without a code it is not: the National Assembly numbers its laws and resolutions in one sequence, so
        // Luật số 99/2015/QH13 and Nghị quyết số 99/2015/QH13 are two documents.)
        var typesBySymbol: [String: Set<String>] = [:]
        for key in bySlug.values where key.kind == .state && key.symbolHasYear && !key.code.isEmpty {
            typesBySymbol[key.symbol ?? "", default: []].insert(key.type)
        }
        let mixed = typesBySymbol.filter { $0.value.count > 1 }
        #expect(mixed.isEmpty, "\(mixed.prefix(20))")
    }
}
