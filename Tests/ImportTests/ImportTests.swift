import Foundation
import Testing
@testable import Import
import Site
import Vietnamese

/// Reports written for these tests, in the manner of provincial news pages (the text is our own).
enum Fixture {
    static let noCaptureDate = """
    Quảng Ninh sơ kết công tác dân vận năm 2018
    20/3/2018 14:25 Chia sẻ In bài này
    Hội nghị sơ kết công tác dân vận năm 2018 tại Hạ Long - Nguồn: baoquangninh.com.vn

    Sáng 20/3, Ban Dân vận Tỉnh ủy Quảng Ninh tổ chức hội nghị sơ kết công tác dân vận năm 2018.

    Kết quả nổi bật

    Các cấp ủy đã quan tâm hơn đến việc lắng nghe ý kiến nhân dân; nhiều mô hình “Dân vận khéo” được nhân rộng.

    Phạm Thu Hằng

    Tin liên quan
    Hội nghị dân vận khu vực miền Bắc
    Lượt xem: 1.204
    """

    static let anotherFooter = """
    Thứ Sáu, 4/10/2019
    Nghệ An tuyên dương điển hình học tập và làm theo Bác
    04-10-2019 09:15
    Chiều 4/10, Tỉnh ủy Nghệ An tuyên dương 60 tập thể, cá nhân điển hình.
    Thứ nhất, các điển hình đều xuất phát từ việc làm nhỏ, thiết thực.
    Thứ hai, nhiều mô hình gắn với phát triển kinh tế hộ gia đình.
    Hồ Đức ThắngPhó Trưởng ban Tuyên giáo Tỉnh ủy Nghệ An
    Tin cùng chuyên mục
    Nghệ An: Hội nghị báo cáo viên tháng 9
    Nghệ An: Tập huấn nghiệp vụ tuyên giáo
    """

    static let noAuthorDateInWords = """
    Đắk Lắk triển khai Nghị định số 30/2020/NĐ-CP
    Ngày 5 tháng 9 năm 2020
    Sở Nội vụ tỉnh Đắk Lắk vừa tổ chức hội nghị triển khai Nghị định số 30/2020/NĐ-CP về công tác văn thư.
    Hơn 300 cán bộ văn thư của các sở, ngành tham dự.
    """

    static let bylineAtTopTwoLineTitle = """
    Thanh Hóa: Tổng kết 10 năm thực hiện Chỉ thị số 03-CT/TW
    về tiếp tục đẩy mạnh việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh
    Bài và ảnh: Lê Minh Châu
    Thứ Hai, 13/5/2021 - 07:30
    Sáng 13/5, Tỉnh ủy Thanh Hóa tổng kết 10 năm thực hiện Chỉ thị số 03-CT/TW.
    """

    static let markdownCharacters = """
    Cần Thơ: kết quả *nổi bật* năm 2020
    2/1/2021 8:00
    1. Đây không phải danh sách mà là câu văn bắt đầu bằng số.
    Giá trị <b>không</b> phải thẻ HTML, dấu # và [ngoặc] cùng dấu _gạch dưới_ & ký hiệu.
    - một gạch đầu dòng trong văn bản gốc
    """

    static let notAReport = """
    Trang chủ
    Giới thiệu
    Tin tức
    Video
    """
}

@Suite struct ImportReaderTests {
    @Test func noCaptureDateWithCaptionFooterAndCounter() {
        let a = ReportReader.read(Fixture.noCaptureDate)
        #expect(a.title == "Quảng Ninh sơ kết công tác dân vận năm 2018")
        #expect(a.date == LocalDateTime(year: 2018, month: 3, day: 20, hour: 14, minute: 25))
        #expect(a.captured == nil)
        #expect(a.source == "baoquangninh.com.vn")
        #expect(a.imageCaption == "Hội nghị sơ kết công tác dân vận năm 2018 tại Hạ Long")
        #expect(a.author == "Phạm Thu Hằng")
        #expect(a.authorTitle == nil)
        #expect(a.blocks == [
            .paragraph("Sáng 20/3, Ban Dân vận Tỉnh ủy Quảng Ninh tổ chức hội nghị sơ kết công tác dân vận năm 2018."),
            .heading("Kết quả nổi bật"),
            .paragraph("Các cấp ủy đã quan tâm hơn đến việc lắng nghe ý kiến nhân dân; nhiều mô hình “Dân vận khéo” được nhân rộng."),
        ])
        #expect(a.dropped == ["Tin liên quan", "Hội nghị dân vận khu vực miền Bắc", "Lượt xem: 1.204", "Chia sẻ In bài này"])
        #expect(a.problems.isEmpty)
    }

    @Test func anotherFooterEnumeratedPointsAndRunTogetherByline() {
        let a = ReportReader.read(Fixture.anotherFooter)
        #expect(a.captured == LocalDateTime(year: 2019, month: 10, day: 4))
        #expect(a.date == LocalDateTime(year: 2019, month: 10, day: 4, hour: 9, minute: 15))
        #expect(a.author == "Hồ Đức Thắng")
        #expect(a.authorTitle == "Phó Trưởng ban Tuyên giáo Tỉnh ủy Nghệ An")
        #expect(a.blocks == [
            .paragraph("Chiều 4/10, Tỉnh ủy Nghệ An tuyên dương 60 tập thể, cá nhân điển hình."),
            .paragraph("Thứ nhất, các điển hình đều xuất phát từ việc làm nhỏ, thiết thực."),
            .paragraph("Thứ hai, nhiều mô hình gắn với phát triển kinh tế hộ gia đình."),
        ])
        #expect(a.dropped.first == "Tin cùng chuyên mục")
    }

    @Test func dateInWordsAndNoAuthor() {
        let a = ReportReader.read(Fixture.noAuthorDateInWords)
        #expect(a.title == "Đắk Lắk triển khai Nghị định số 30/2020/NĐ-CP")
        #expect(a.date == LocalDateTime(year: 2020, month: 9, day: 5))
        #expect(a.author == nil)
        #expect(a.blocks.count == 2)
        #expect(a.problems.isEmpty)
    }

    @Test func titleOnTwoLinesAndBylineAtTheTop() {
        let a = ReportReader.read(Fixture.bylineAtTopTwoLineTitle)
        #expect(a.title == "Thanh Hóa: Tổng kết 10 năm thực hiện Chỉ thị số 03-CT/TW về tiếp tục đẩy mạnh việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh")
        #expect(a.author == "Lê Minh Châu")
        #expect(a.date == LocalDateTime(year: 2021, month: 5, day: 13, hour: 7, minute: 30))
        #expect(a.blocks == [.paragraph("Sáng 13/5, Tỉnh ủy Thanh Hóa tổng kết 10 năm thực hiện Chỉ thị số 03-CT/TW.")])
    }

    @Test func crlfBomAndNFDReadTheSame() {
        let plain = ReportReader.read(Fixture.noCaptureDate)
        #expect(ReportReader.read(Fixture.noCaptureDate.replacingOccurrences(of: "\n", with: "\r\n")) == plain)
        #expect(ReportReader.read("\u{FEFF}" + Fixture.noCaptureDate) == plain)
        #expect(ReportReader.read(Fixture.noCaptureDate.decomposedStringWithCanonicalMapping) == plain)
    }

    @Test func notAReportIsSkippedWithAReason() {
        let a = ReportReader.read(Fixture.notAReport)
        #expect(a.isDraft)
        #expect(a.problems.contains("no article text found"))
        #expect(a.problems.contains("no publication date found"))
    }

    @Test func markdownCharactersAreEscapedSoTheTextReadsAsWritten() {
        let a = ReportReader.read(Fixture.markdownCharacters)
        let md = Markdown.document(a, importedFrom: "x.txt")
        #expect(md.contains("title: \"Cần Thơ: kết quả *nổi bật* năm 2020\""))
        #expect(md.contains("\n1\\. Đây không phải danh sách"))
        #expect(md.contains("Giá trị \\<b\\>không\\</b\\> phải thẻ HTML, dấu \\# và \\[ngoặc\\] cùng dấu \\_gạch dưới\\_ \\& ký hiệu."))
        #expect(md.contains("\n\\- một gạch đầu dòng"))
    }
}

@Suite struct ImporterTests {
    func temp() -> String {
        let dir = NSTemporaryDirectory() + "bantin-import-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func writesDatedFoldersKeepsExistingAndReports() throws {
        let dir = temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(Fixture.noCaptureDate.utf8).write(to: URL(fileURLWithPath: dir + "/a.txt"))
        try Data(Fixture.notAReport.utf8).write(to: URL(fileURLWithPath: dir + "/menu.txt"))
        try Data([0x43, 0x68, 0xE0, 0x6F, 0x20, 0x62, 0xE1, 0x6E]).write(to: URL(fileURLWithPath: dir + "/cp1258.txt"))
        let out = dir + "/Content"
        let s = Importer.run(sources: [dir], options: ImportOptions(destination: out))
        #expect(s.filesRead == 3)
        #expect(s.written == [out + "/2018/03/quang-ninh-so-ket-cong-tac-dan-van-nam-2018.md"])
        #expect(s.skipped == 2)
        #expect(s.report.contains { $0.hasSuffix("cp1258.txt: byte 2 is not UTF-8; the file is in another encoding, convert it to UTF-8 (iconv -f WINDOWS-1258 -t UTF-8) and import again") })
        #expect(s.report.contains { $0.contains("menu.txt: no article text found") })
        #expect(s.report.contains { $0.contains("a.txt: dropped “Tin liên quan”") })
        let written = try String(contentsOfFile: s.written[0], encoding: .utf8)
        #expect(written.hasPrefix("---\ntitle: \"Quảng Ninh sơ kết công tác dân vận năm 2018\"\ndate: \"2018-03-20 14:25 +07:00\"\n"))
        // Again: the article exists and is kept.
        try Data("sửa tay".utf8).write(to: URL(fileURLWithPath: s.written[0]))
        let again = Importer.run(sources: [dir + "/a.txt"], options: ImportOptions(destination: out))
        #expect(again.written.isEmpty)
        #expect(try String(contentsOfFile: s.written[0], encoding: .utf8) == "sửa tay")
        var force = ImportOptions(destination: out)
        force.force = true
        #expect(Importer.run(sources: [dir + "/a.txt"], options: force).written.count == 1)
        #expect(try String(contentsOfFile: s.written[0], encoding: .utf8) == written)
    }

    @Test func undecidedReportsBecomeDraftsOrAreSkippedWhenStrict() throws {
        let dir = temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("Một bản tin không có ngày\nĐoạn văn thứ nhất của bản tin.\n".utf8).write(to: URL(fileURLWithPath: dir + "/x.txt"))
        let s = Importer.run(sources: [dir + "/x.txt"], options: ImportOptions(destination: dir + "/out"))
        #expect(s.drafts == 1)
        #expect(s.written == [dir + "/out/nhap/mot-ban-tin-khong-co-ngay.md"])
        #expect(try String(contentsOfFile: s.written[0], encoding: .utf8).contains("draft: true"))
        var strict = ImportOptions(destination: dir + "/strict")
        strict.strict = true
        let t = Importer.run(sources: [dir + "/x.txt"], options: strict)
        #expect(t.written.isEmpty && t.skipped == 1)
    }

    @Test func sameInputSameOutput() throws {
        let dir = temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(Fixture.anotherFooter.utf8).write(to: URL(fileURLWithPath: dir + "/a.txt"))
        var o = ImportOptions(destination: dir + "/one")
        let a = Importer.run(sources: [dir + "/a.txt"], options: o)
        o.destination = dir + "/two"
        let b = Importer.run(sources: [dir + "/a.txt"], options: o)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.written[0])) == Data(contentsOf: URL(fileURLWithPath: b.written[0])))
    }
}

@Suite struct SeedImportTests {
    static let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/seeds/000_26c33ccc72d710b1.txt").path

    @Test(.enabled(if: FileManager.default.fileExists(atPath: SeedImportTests.seed), "needs ../shared/seeds beside the repository"))
    func seedImportsWithEveryFieldAndEveryParagraph() throws {
        let data = try #require(FileManager.default.contents(atPath: Self.seed))
        let text = String(decoding: data, as: UTF8.self)
        let a = ReportReader.read(text)
        #expect(a.title == "Thành phố Cần Thơ qua một năm triển khai thực hiện Nghị quyết Hội nghị Trung ương 4 khóa XII gắn với Chỉ thị số 05-CT/TW của Bộ Chính trị")
        #expect(a.date == LocalDateTime(year: 2017, month: 12, day: 13, hour: 8, minute: 8))
        #expect(a.captured == LocalDateTime(year: 2019, month: 2, day: 19))
        #expect(a.source == "bantuyengiao.cantho.gov.vn")
        #expect(a.author == "Trần Quốc Trung")
        #expect(a.authorTitle == "Ủy viên Trung ương Đảng, Bí thư Thành ủy Cần Thơ")
        #expect(a.problems.isEmpty)
        let headings = a.blocks.compactMap { if case .heading(let h) = $0 { return h } else { return nil } }
        #expect(headings == [
            "Những chuyển biến tích cực trong công tác xây dựng Đảng",
            "Về triển khai thực hiện Nghị quyết Hội nghị Trung ương 4 khóa XII",
            "Về triển khai thực hiện Chỉ thị số 05-CT/TW",
            "Nhận diện hạn chế, nhược điểm và những bài học kinh nghiệm",
            "Tạo thêm động lực mạnh mẽ để xây dựng Đảng bộ thành phố trong sạch, vững mạnh",
        ])
        // No chrome in the body, and every other line of the page is there word for word.
        let body = a.blocks.map { switch $0 { case .heading(let h): return h; case .paragraph(let p): return p } }
        for chrome in ["Các tin khác", "Video", "Gửi bài này", "In bài này"] {
            #expect(!body.contains { $0.contains(chrome) }, "\(chrome)")
        }
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let metadata = Set(lines.prefix(4)) .union(["Trần Quốc TrungỦy viên Trung ương Đảng, Bí thư Thành ủy Cần Thơ", "Các tin khác", "Video"])
        let paragraphs = lines.filter { !metadata.contains($0) }
        #expect(paragraphs == body)
        #expect(paragraphs.count == 39)  // 46 non-empty lines − 4 of header − the byline − 2 of footer
        // The Markdown, read back through cmark, gives the same text.
        let md = Markdown.document(a, importedFrom: "seed.txt")
        #expect(md.contains("## Về triển khai thực hiện Chỉ thị số 05-CT/TW\n"))
        #expect(md.contains("captured: \"2019-02-19\""))
    }
}

@Suite struct ImportThenBuildTests {
    @Test func importedArticlesBuildAndTheirDocumentsGetPages() async throws {
        let dir = NSTemporaryDirectory() + "bantin-import-build-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/raw", withIntermediateDirectories: true)
        var sources = [Fixture.noCaptureDate, Fixture.anotherFooter, Fixture.noAuthorDateInWords, Fixture.bylineAtTopTwoLineTitle]
        if let seed = FileManager.default.contents(atPath: SeedImportTests.seed) {
            sources.append(String(decoding: seed, as: UTF8.self))
        } else {
            // Without ../shared the fixtures alone are imported and built (the seed's own checks are in SeedImportTests).
        }
        for (i, text) in sources.enumerated() {
            try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/raw/\(i).txt"))
        }
        let summary = Importer.run(sources: [dir + "/raw"], options: ImportOptions(destination: dir + "/Content"))
        #expect(summary.written.count == sources.count)
        let report = try await SiteBuilder.build(BuildOptions(siteDirectory: dir))
        #expect(report.articles == sources.count)
        let out = dir + "/Output"
        #expect(FileManager.default.fileExists(atPath: out + "/van-ban/nghi-dinh-30-2020-nd-cp/index.html"))
        #expect(FileManager.default.fileExists(atPath: out + "/van-ban/chi-thi-03-ct-tw/index.html"))
        if sources.count == 5 {
            #expect(FileManager.default.fileExists(atPath: out + "/van-ban/chi-thi-05-ct-tw-khoa-xii/index.html"))
            #expect(FileManager.default.fileExists(atPath: out + "/van-ban/nghi-quyet-trung-uong-4-khoa-xii/index.html"))
            #expect(FileManager.default.fileExists(atPath: out + "/van-ban/quy-dinh-03-qd-tu-can-tho-2016/index.html"))
            let page = try String(contentsOfFile: out + "/2017/12/thanh-pho-can-tho-qua-mot-nam-trien-khai-thuc-hien-nghi-quyet-hoi-nghi-trung-uong-4-khoa-xii-gan-voi-chi-thi-so-05-ct-tw-cua-bo-chinh-tri/index.html", encoding: .utf8)
            #expect(page.contains("Thứ Tư, 13/12/2017"))
            #expect(page.contains("Trần Quốc Trung"))
            #expect(page.contains("<h2 id=\"ve-trien-khai-thuc-hien-chi-thi-so-05-ct-tw\">"))
        }
    }
}
