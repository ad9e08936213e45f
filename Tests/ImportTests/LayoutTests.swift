import Foundation
import Testing
@testable import Import
import Vietnamese

/// Scraped pages in eight site layouts: the chrome is invented, the article text is our own. Each test checks every
/// field and the whole body, so a chrome line left anywhere, or a paragraph lost, fails it.
enum Layout {
    /// A provincial portal: banner in capitals, menu, capture date "Hôm nay", breadcrumb; a labelled date with a view
    /// counter; a caption inside the text; a name as sign-off, then keywords, share bar and copyright.
    static let portal = """
    CỔNG THÔNG TIN ĐIỆN TỬ TỈNH HÀ GIANG
    Trang chủ Giới thiệu Tin tức Sự kiện Văn bản Liên hệ
    Hôm nay, Thứ Hai, ngày 20/3/2017
    Trang chủ > Tin tức > Chính trị
    Hà Giang tổng kết công tác xây dựng Đảng năm 2016
    Ngày đăng: 15/03/2017 | Lượt xem: 1.204
    Sáng 15/3, Tỉnh ủy Hà Giang tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2016 và triển khai nhiệm vụ năm 2017.
    Đồng chí Bí thư Tỉnh ủy phát biểu tại hội nghị. (Ảnh: Minh Hoa)
    Năm 2016, các cấp ủy đảng trong tỉnh đã kết nạp được 1.500 đảng viên mới, vượt 10% chỉ tiêu đề ra.
    Nhiệm vụ năm 2017
    Hội nghị thống nhất tập trung nâng cao chất lượng sinh hoạt chi bộ và công tác kiểm tra, giám sát.
    Nguyễn Minh Hòa
    Từ khóa: xây dựng Đảng, Hà Giang
    Chia sẻ Facebook Zalo In bài này
    © 2017 Cổng thông tin điện tử tỉnh Hà Giang. Ghi rõ nguồn khi phát hành lại thông tin từ website này.
    """

    /// A national paper: the site's name, a menu bar, "weekday, date | time" above the headline, related news below.
    static let paper = """
    Báo Điện tử Tiếng nói Nhân dân
    Thời sự | Kinh tế | Văn hóa | Thể thao | Pháp luật
    Thứ Tư, 8/3/2017 | 09:45 GMT+7
    Phụ nữ Bắc Ninh chung tay xây dựng nông thôn mới
    Hội Liên hiệp Phụ nữ tỉnh Bắc Ninh vừa tổng kết phong trào phụ nữ tham gia xây dựng nông thôn mới giai đoạn 2011-2016.
    Trong 5 năm, các cấp hội đã vận động hội viên hiến hơn 20.000 mét vuông đất để làm đường giao thông nông thôn.
    Thu Trang
    Tin liên quan
    Bắc Ninh đón nhận danh hiệu nông thôn mới
    Phụ nữ Thuận Thành học nghề làm bánh
    """

    /// A district Party site: its name, a menu with separators, the date in words, "Bài và ảnh:" above the text and
    /// "Ảnh minh họa" under the headline; back-to-top, copyright and address at the end.
    static let district = """
    Trang thông tin điện tử Huyện ủy Tam Nông
    Xây dựng Đảng | Chính quyền | Mặt trận - Đoàn thể | Kinh tế - Xã hội
    Huyện Tam Nông sơ kết sáu tháng thực hiện Chỉ thị số 05-CT/TW
    Thứ Năm, ngày 6 tháng 7 năm 2017
    Bài và ảnh: Trần Văn Lợi
    Ảnh minh họa
    Ngày 6/7, Ban Thường vụ Huyện ủy Tam Nông sơ kết sáu tháng đầu năm thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị.
    Toàn huyện có 45 mô hình học tập và làm theo Bác được đăng ký, trong đó nhiều mô hình gắn với phát triển kinh tế hộ.
    Về đầu trang
    Bản quyền thuộc Huyện ủy Tam Nông
    Địa chỉ: số 2 đường Nguyễn Huệ, thị trấn Tràm Chim
    """

    /// A provincial broadcaster: banner in capitals, breadcrumb with »; "time | date" under the headline; a source
    /// "(Theo …)" above a share bar and a comment counter.
    static let broadcaster = """
    ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH HÒA BÌNH
    Trang chủ » Thời sự
    Khánh thành cầu dân sinh ở xã vùng cao Pà Cò
    07:30 | 12/04/2017
    Sáng 12/4, UBND huyện Mai Châu tổ chức lễ khánh thành cầu dân sinh bắc qua suối Pà Cò.
    Cây cầu dài 40 mét, rộng 3 mét, giúp hơn 300 hộ dân đi lại thuận tiện trong mùa mưa lũ.
    (Theo Báo Hòa Bình)
    Chia sẻ: Facebook | Twitter | Email
    Bình luận (0)
    """

    /// A Party committee's bulletin: its name, "Cập nhật: 8:5' 21/6/2017 (GMT+7)", a heading inside the text, a
    /// sign-off on two lines (name, then position), then a counter and a print bar.
    static let bulletin = """
    CỔNG THÔNG TIN BAN TUYÊN GIÁO
    Phú Yên nâng cao chất lượng công tác tuyên giáo ở cơ sở
    Cập nhật: 8:5' 21/6/2017 (GMT+7)
    Thời gian qua, công tác tuyên giáo ở cơ sở trên địa bàn tỉnh Phú Yên có nhiều chuyển biến tích cực.
    Những cách làm mới
    Nhiều đảng bộ xã đã tổ chức tọa đàm, đối thoại trực tiếp với nhân dân về những vấn đề người dân quan tâm.
    Lê Thị Thu Hà
    Phó Trưởng ban Tuyên giáo Tỉnh ủy Phú Yên
    Lượt xem: 356
    In trang | Gửi email | Về đầu trang
    """

    /// A magazine: its name, "weekday, date lúc time" above the headline, "Nhóm PV" as byline, "- Nguồn: …" at the
    /// end, then the list of other articles.
    static let magazine = """
    Tạp chí điện tử Mặt trận
    Thứ Sáu, 14/7/2017 lúc 15:20
    Mặt trận các cấp giám sát việc thực hiện chính sách an sinh xã hội
    Nhóm PV
    Năm 2017, Ủy ban Mặt trận Tổ quốc các cấp đã tổ chức hơn 200 cuộc giám sát việc thực hiện chính sách an sinh xã hội.
    Qua giám sát, Mặt trận đã kiến nghị các cơ quan chức năng giải quyết nhiều vướng mắc của người dân.
    - Nguồn: mattran.org.vn
    Tin cùng chuyên mục
    Hội nghị Đoàn Chủ tịch Ủy ban Trung ương lần thứ 5
    """

    /// An agency page: its name, a menu with slashes, "Đăng lúc: 10:15 · 25/5/2017", a caption with "- Ảnh:" under the
    /// headline, "TTXVN" as credit, then tags and a copyright line.
    static let agency = """
    Báo Tin tức - Thông tấn xã Việt Nam
    Trang chủ / Chính trị / Đối ngoại
    Việt Nam và Lào ký biên bản hợp tác về đào tạo cán bộ
    Đăng lúc: 10:15 · 25/5/2017
    Đại diện hai bên ký biên bản hợp tác tại Hà Nội - Ảnh: Quang Vinh
    Chiều 25/5, tại Hà Nội, Học viện Chính trị quốc gia Hồ Chí Minh và đối tác Lào đã ký biên bản hợp tác đào tạo cán bộ.
    Theo biên bản, mỗi năm hai bên trao đổi 50 học viên và phối hợp tổ chức hai hội thảo khoa học.
    TTXVN
    Tags: Việt Nam, Lào, hợp tác
    Copyright © 2017 Báo Tin tức. All rights reserved.
    """

    /// A district People's Committee: its name in capitals, a menu bar, a section label, "Ngày 13/3/2017 | 1.204 lượt
    /// xem" under the headline, "PV" as sign-off, then other articles.
    static let committee = """
    UBND HUYỆN ĐÔNG ANH
    Giới thiệu | Tin tức | Thủ tục hành chính | Liên hệ
    Tin tức - Sự kiện
    Đông Anh ra quân tổng vệ sinh môi trường hưởng ứng Tháng hành động
    Ngày 13/3/2017 | 1.204 lượt xem
    Sáng 13/3, huyện Đông Anh tổ chức lễ ra quân tổng vệ sinh môi trường với sự tham gia của hơn 2.000 người.
    Các xã, thị trấn đồng loạt thu gom rác thải, khơi thông cống rãnh và trồng cây xanh.
    PV
    Các tin khác
    Đông Anh tiếp công dân định kỳ tháng 3
    """
}

@Suite struct LayoutTests {
    /// No line of `chrome` is left in the title, a field or the text.
    func noChrome(_ a: ImportedArticle, _ chrome: [String]) {
        let kept = [a.title, a.author, a.authorTitle, a.source, a.imageCaption].compactMap { $0 }
            + a.blocks.map { switch $0 { case .heading(let s), .paragraph(let s), .caption(let s): return s } }
        for line in chrome {
            #expect(!kept.contains { $0.contains(line) }, "chrome kept: \(line)")
        }
    }

    @Test func provincialPortalWithCaptureDateAndFooter() {
        let a = ReportReader.read(Layout.portal)
        #expect(a.title == "Hà Giang tổng kết công tác xây dựng Đảng năm 2016")
        #expect(a.date == LocalDateTime(year: 2017, month: 3, day: 15))
        #expect(a.captured == LocalDateTime(year: 2017, month: 3, day: 20))
        #expect(a.author == "Nguyễn Minh Hòa")
        #expect(a.source == nil && a.imageCaption == nil)
        #expect(a.blocks == [
            .paragraph("Sáng 15/3, Tỉnh ủy Hà Giang tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2016 và triển khai nhiệm vụ năm 2017."),
            .caption("Đồng chí Bí thư Tỉnh ủy phát biểu tại hội nghị. (Ảnh: Minh Hoa)"),
            .paragraph("Năm 2016, các cấp ủy đảng trong tỉnh đã kết nạp được 1.500 đảng viên mới, vượt 10% chỉ tiêu đề ra."),
            .heading("Nhiệm vụ năm 2017"),
            .paragraph("Hội nghị thống nhất tập trung nâng cao chất lượng sinh hoạt chi bộ và công tác kiểm tra, giám sát."),
        ])
        noChrome(a, ["CỔNG THÔNG TIN", "Giới thiệu", "Trang chủ", "Lượt xem", "Từ khóa", "Chia sẻ", "©"])
        #expect(a.problems.isEmpty)
        // The editor is told which date was which, and why.
        #expect(a.notes.contains { $0.hasPrefix("two dates: 15/3/2017 taken as the publication date (labelled “ngày đăng”); 20/3/2017 as the capture date (labelled “hôm nay”)") })
        #expect(Markdown.document(a, importedFrom: "x.txt").contains("\n*Đồng chí Bí thư Tỉnh ủy phát biểu tại hội nghị. (Ảnh: Minh Hoa)*\n"))
    }

    @Test func nationalPaperWithDateAndTimeAboveTheHeadline() {
        let a = ReportReader.read(Layout.paper)
        #expect(a.title == "Phụ nữ Bắc Ninh chung tay xây dựng nông thôn mới")
        #expect(a.date == LocalDateTime(year: 2017, month: 3, day: 8, hour: 9, minute: 45))
        #expect(a.captured == nil)
        #expect(a.author == "Thu Trang")
        #expect(a.blocks == [
            .paragraph("Hội Liên hiệp Phụ nữ tỉnh Bắc Ninh vừa tổng kết phong trào phụ nữ tham gia xây dựng nông thôn mới giai đoạn 2011-2016."),
            .paragraph("Trong 5 năm, các cấp hội đã vận động hội viên hiến hơn 20.000 mét vuông đất để làm đường giao thông nông thôn."),
        ])
        noChrome(a, ["Tiếng nói Nhân dân", "Thời sự", "Tin liên quan", "Thuận Thành"])
        #expect(a.problems.isEmpty)
    }

    @Test func districtSiteWithDateInWordsBylineAboveAndIllustration() {
        let a = ReportReader.read(Layout.district)
        #expect(a.title == "Huyện Tam Nông sơ kết sáu tháng thực hiện Chỉ thị số 05-CT/TW")
        #expect(a.date == LocalDateTime(year: 2017, month: 7, day: 6))
        #expect(a.author == "Trần Văn Lợi")
        #expect(a.imageCaption == "Ảnh minh họa")
        #expect(a.blocks == [
            .paragraph("Ngày 6/7, Ban Thường vụ Huyện ủy Tam Nông sơ kết sáu tháng đầu năm thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị."),
            .paragraph("Toàn huyện có 45 mô hình học tập và làm theo Bác được đăng ký, trong đó nhiều mô hình gắn với phát triển kinh tế hộ."),
        ])
        noChrome(a, ["Trang thông tin", "Xây dựng Đảng |", "Về đầu trang", "Bản quyền", "Địa chỉ"])
        #expect(a.problems.isEmpty)
    }

    @Test func broadcasterWithTimeBeforeDateAndSourceAboveShareBar() {
        let a = ReportReader.read(Layout.broadcaster)
        #expect(a.title == "Khánh thành cầu dân sinh ở xã vùng cao Pà Cò")
        #expect(a.date == LocalDateTime(year: 2017, month: 4, day: 12, hour: 7, minute: 30))
        #expect(a.source == "Báo Hòa Bình")
        #expect(a.author == nil)
        #expect(a.blocks == [
            .paragraph("Sáng 12/4, UBND huyện Mai Châu tổ chức lễ khánh thành cầu dân sinh bắc qua suối Pà Cò."),
            .paragraph("Cây cầu dài 40 mét, rộng 3 mét, giúp hơn 300 hộ dân đi lại thuận tiện trong mùa mưa lũ."),
        ])
        noChrome(a, ["ĐÀI PHÁT THANH", "Trang chủ", "Chia sẻ", "Bình luận"])
        #expect(a.problems.isEmpty)
    }

    @Test func bulletinWithTwoLineSignOffAndFooterAfterIt() {
        let a = ReportReader.read(Layout.bulletin)
        #expect(a.title == "Phú Yên nâng cao chất lượng công tác tuyên giáo ở cơ sở")
        #expect(a.date == LocalDateTime(year: 2017, month: 6, day: 21, hour: 8, minute: 5))
        #expect(a.author == "Lê Thị Thu Hà")
        #expect(a.authorTitle == "Phó Trưởng ban Tuyên giáo Tỉnh ủy Phú Yên")
        #expect(a.blocks == [
            .paragraph("Thời gian qua, công tác tuyên giáo ở cơ sở trên địa bàn tỉnh Phú Yên có nhiều chuyển biến tích cực."),
            .heading("Những cách làm mới"),
            .paragraph("Nhiều đảng bộ xã đã tổ chức tọa đàm, đối thoại trực tiếp với nhân dân về những vấn đề người dân quan tâm."),
        ])
        noChrome(a, ["CỔNG THÔNG TIN", "Lượt xem", "In trang", "GMT"])
        #expect(a.problems.isEmpty)
    }

    @Test func magazineWithTeamBylineAndSourceAtTheEnd() {
        let a = ReportReader.read(Layout.magazine)
        #expect(a.title == "Mặt trận các cấp giám sát việc thực hiện chính sách an sinh xã hội")
        #expect(a.date == LocalDateTime(year: 2017, month: 7, day: 14, hour: 15, minute: 20))
        #expect(a.author == "Nhóm PV")
        #expect(a.source == "mattran.org.vn")
        #expect(a.blocks == [
            .paragraph("Năm 2017, Ủy ban Mặt trận Tổ quốc các cấp đã tổ chức hơn 200 cuộc giám sát việc thực hiện chính sách an sinh xã hội."),
            .paragraph("Qua giám sát, Mặt trận đã kiến nghị các cơ quan chức năng giải quyết nhiều vướng mắc của người dân."),
        ])
        noChrome(a, ["Tạp chí điện tử", "Tin cùng chuyên mục", "Đoàn Chủ tịch"])
        #expect(a.problems.isEmpty)
    }

    @Test func agencyWithCaptionUnderTheHeadlineAndCreditThenTags() {
        let a = ReportReader.read(Layout.agency)
        #expect(a.title == "Việt Nam và Lào ký biên bản hợp tác về đào tạo cán bộ")
        #expect(a.date == LocalDateTime(year: 2017, month: 5, day: 25, hour: 10, minute: 15))
        #expect(a.imageCaption == "Đại diện hai bên ký biên bản hợp tác tại Hà Nội - Ảnh: Quang Vinh")
        #expect(a.source == "TTXVN")
        #expect(a.author == nil)
        #expect(a.blocks == [
            .paragraph("Chiều 25/5, tại Hà Nội, Học viện Chính trị quốc gia Hồ Chí Minh và đối tác Lào đã ký biên bản hợp tác đào tạo cán bộ."),
            .paragraph("Theo biên bản, mỗi năm hai bên trao đổi 50 học viên và phối hợp tổ chức hai hội thảo khoa học."),
        ])
        noChrome(a, ["Báo Tin tức -", "Trang chủ", "Tags", "Copyright"])
        #expect(a.problems.isEmpty)
    }

    @Test func committeeWithCounterOnTheDateLineAndReporterCredit() {
        let a = ReportReader.read(Layout.committee)
        #expect(a.title == "Đông Anh ra quân tổng vệ sinh môi trường hưởng ứng Tháng hành động")
        #expect(a.date == LocalDateTime(year: 2017, month: 3, day: 13))
        #expect(a.author == "PV")
        #expect(a.blocks == [
            .paragraph("Sáng 13/3, huyện Đông Anh tổ chức lễ ra quân tổng vệ sinh môi trường với sự tham gia của hơn 2.000 người."),
            .paragraph("Các xã, thị trấn đồng loạt thu gom rác thải, khơi thông cống rãnh và trồng cây xanh."),
        ])
        noChrome(a, ["UBND HUYỆN", "Giới thiệu", "Tin tức - Sự kiện", "lượt xem", "Các tin khác", "tiếp công dân"])
        #expect(a.problems.isEmpty)
        // The report says why each line went.
        #expect(a.dropped.contains(DroppedLine(line: "1.204 lượt xem", reason: "buttons run into the date line")))
        #expect(a.dropped.contains(DroppedLine(line: "Giới thiệu | Tin tức | Thủ tục hành chính | Liên hệ", reason: "a menu")))
    }
}

/// Three pages of one site whose banner and menu no rule knows: alone, a page keeps them; read with its folder,
/// they are the site's and go.
enum SameSite {
    static func page(_ title: String, _ date: String, _ text: String) -> String {
        """
        Sở Văn hóa và Thể thao Phú Yên
        Hoạt động ngành Di sản Nghệ thuật Gia đình
        \(title)
        \(date)
        \(text)
        Về trang trước
        """
    }
    static let pages = [
        page("Phú Yên tổ chức liên hoan đờn ca tài tử lần thứ ba", "10/5/2017", "Liên hoan quy tụ 120 nghệ nhân đến từ chín huyện, thị xã, thành phố trong tỉnh."),
        page("Trùng tu di tích tháp Nhạn giai đoạn hai", "18/6/2017", "Dự án trùng tu có tổng kinh phí 15 tỷ đồng, dự kiến hoàn thành trong năm 2018."),
        page("Khai mạc giải bóng chuyền các đội mạnh toàn tỉnh", "2/8/2017", "Giải đấu có 16 đội tham gia, thi đấu vòng tròn tại nhà thi đấu tỉnh."),
    ]
}

@Suite struct CrossPageEvidenceTests {
    @Test func aMenuLineKeptOnOnePageIsDroppedWithItsFolder() throws {
        // Alone: the site's name reads as the headline and the menu stays in the text.
        let alone = ReportReader.read(SameSite.pages[0])
        #expect(alone.title == "Sở Văn hóa và Thể thao Phú Yên")
        #expect(alone.blocks.first == .heading("Hoạt động ngành Di sản Nghệ thuật Gia đình"))

        // With the folder: both are repeated on three pages, so they are the site's.
        var evidence = SiteEvidence()
        for p in SameSite.pages { evidence.add(Page(utf8: Array(p.utf8))) }
        let a = ReportReader.read(SameSite.pages[0], evidence: evidence)
        #expect(a.title == "Phú Yên tổ chức liên hoan đờn ca tài tử lần thứ ba")
        #expect(a.date == LocalDateTime(year: 2017, month: 5, day: 10))
        #expect(a.blocks == [.paragraph("Liên hoan quy tụ 120 nghệ nhân đến từ chín huyện, thị xã, thành phố trong tỉnh.")])
        #expect(a.dropped.map(\.reason) == Array(repeating: "repeated on 3 pages of this folder", count: 3))
        #expect(a.problems.isEmpty)

        // The same through `bantin import` of the folder, with the reason in the report.
        let dir = NSTemporaryDirectory() + "bantin-sites-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/phuyen", withIntermediateDirectories: true)
        for (i, p) in SameSite.pages.enumerated() { try Data(p.utf8).write(to: URL(fileURLWithPath: dir + "/phuyen/\(i).txt")) }
        let s = Importer.run(sources: [dir + "/phuyen"], options: ImportOptions(destination: dir + "/Content"))
        #expect(s.written == [dir + "/Content/2017/05/phu-yen-to-chuc-lien-hoan-don-ca-tai-tu-lan-thu-ba.md",
                              dir + "/Content/2017/06/trung-tu-di-tich-thap-nhan-giai-doan-hai.md",
                              dir + "/Content/2017/08/khai-mac-giai-bong-chuyen-cac-doi-manh-toan-tinh.md"])
        #expect(s.report.contains { $0.hasSuffix("0.txt: dropped “Hoạt động ngành Di sản Nghệ thuật Gia đình” (repeated on 3 pages of this folder)") })
    }
}

@Suite struct ImportInputTests {
    func temp() -> String {
        let dir = NSTemporaryDirectory() + "bantin-input-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func missingSourceIsAnError() {
        let dir = temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = Importer.run(sources: [dir + "/khong-co"], options: ImportOptions(destination: dir + "/out"))
        #expect(s.errors == [dir + "/khong-co: error: no such file or folder; check the path"])
        #expect(s.written.isEmpty)
    }

    @Test func utf16AndUTF32WithAByteOrderMarkAreRead() throws {
        let dir = temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = Layout.committee
        try text.data(using: .utf16LittleEndian).map { Data([0xFF, 0xFE]) + $0 }!.write(to: URL(fileURLWithPath: dir + "/le16.txt"))
        try text.data(using: .utf16BigEndian).map { Data([0xFE, 0xFF]) + $0 }!.write(to: URL(fileURLWithPath: dir + "/be16.txt"))
        try text.data(using: .utf32LittleEndian).map { Data([0xFF, 0xFE, 0, 0]) + $0 }!.write(to: URL(fileURLWithPath: dir + "/le32.txt"))
        for name in ["le16", "be16", "le32"] {
            var o = ImportOptions(destination: dir + "/" + name)
            o.dryRun = true
            let s = Importer.run(sources: [dir + "/\(name).txt"], options: o)
            #expect(s.written == [dir + "/\(name)/2017/03/dong-anh-ra-quan-tong-ve-sinh-moi-truong-huong-ung-thang-hanh-dong.md"], "\(name)")
        }
        // Without a BOM, UTF-16 is refused with the right hint, not taken for Windows-1258.
        try text.data(using: .utf16LittleEndian)!.write(to: URL(fileURLWithPath: dir + "/nobom.txt"))
        let s = Importer.run(sources: [dir + "/nobom.txt"], options: ImportOptions(destination: dir + "/x"))
        #expect(s.report.contains { $0.contains("nobom.txt: byte 1 is a NUL: the file looks like UTF-16 or UTF-32 without a byte-order mark") })
        // A binary file is not taken for UTF-16.
        try Data((0..<1024).map { UInt8($0 % 256) }).write(to: URL(fileURLWithPath: dir + "/binary.txt"))
        let b = Importer.run(sources: [dir + "/binary.txt"], options: ImportOptions(destination: dir + "/x"))
        #expect(b.report.contains { $0.hasSuffix("binary.txt: byte 0 is a NUL: this is not a text file; import the page saved as text") })
    }

    @Test func destinationThatIsAFileIsSaidInPlainWords() throws {
        let dir = temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(Layout.committee.utf8).write(to: URL(fileURLWithPath: dir + "/a.txt"))
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: dir + "/Content"))
        let s = Importer.run(sources: [dir + "/a.txt"], options: ImportOptions(destination: dir + "/Content"))
        #expect(s.written.isEmpty)
        #expect(s.errors.count == 1)
        #expect(s.errors.first?.contains("\(dir)/Content is a file, not a folder; move it or choose another --to") == true)
        #expect(s.errors.first?.contains("NSCocoaErrorDomain") == false)
    }
}

@Suite struct DateLineTests {
    /// The date layouts docs/import.md lists, each read to the minute, with its label and the chrome run into it.
    @Test(arguments: [
        ("13/12/2017 8:8' Gửi bài này In bài này", LocalDateTime(year: 2017, month: 12, day: 13, hour: 8, minute: 8), "Gửi bài này In bài này"),
        ("08:30 | 13/3/2017", LocalDateTime(year: 2017, month: 3, day: 13, hour: 8, minute: 30), ""),
        ("Thứ Hai, 13/3/2017 | 08:30", LocalDateTime(year: 2017, month: 3, day: 13, hour: 8, minute: 30), ""),
        ("Thứ Sáu, 14/7/2017 lúc 15:20", LocalDateTime(year: 2017, month: 7, day: 14, hour: 15, minute: 20), ""),
        ("Ngày đăng: 15/03/2017 | Lượt xem: 1.204", LocalDateTime(year: 2017, month: 3, day: 15), "Lượt xem: 1.204"),
        ("Đăng lúc: 10:15 · 25/5/2017", LocalDateTime(year: 2017, month: 5, day: 25, hour: 10, minute: 15), ""),
        ("Cập nhật: 8:5' 21/6/2017 (GMT+7)", LocalDateTime(year: 2017, month: 6, day: 21, hour: 8, minute: 5), ""),
        ("Ngày 13/3/2017 | 1.204 lượt xem", LocalDateTime(year: 2017, month: 3, day: 13), "1.204 lượt xem"),
        ("Thứ Năm, ngày 6 tháng 7 năm 2017", LocalDateTime(year: 2017, month: 7, day: 6), ""),
        ("Ngày 5 tháng 9 năm 2020", LocalDateTime(year: 2020, month: 9, day: 5), ""),
        ("13-12-2017 08:08", LocalDateTime(year: 2017, month: 12, day: 13, hour: 8, minute: 8), ""),
        ("2017-12-13", LocalDateTime(year: 2017, month: 12, day: 13), ""),
        ("Hôm nay, Thứ Hai, ngày 20/3/2017", LocalDateTime(year: 2017, month: 3, day: 20), ""),
        ("Thứ Tư, 8/3/2017 - 9h45", LocalDateTime(year: 2017, month: 3, day: 8, hour: 9, minute: 45), ""),
        ("Ngày 20 tháng Mười hai năm 2017", LocalDateTime(year: 2017, month: 12, day: 20), ""),
    ])
    func dateLayouts(line: String, date: LocalDateTime, rest: String) throws {
        let found = try #require(DateFinder.find(line))
        #expect(found.date == date)
        #expect(found.rest == rest)
    }

    @Test func labelsTellCaptureFromPublication() {
        #expect(DateFinder.find("Hôm nay, Thứ Hai, ngày 20/3/2017")?.label == .capture("hôm nay"))
        #expect(DateFinder.find("Ngày đăng: 15/03/2017")?.label == .publication("ngày đăng"))
        #expect(DateFinder.find("Thứ Ba, 19/2/2019")?.label == FoundDate.Label.none)
    }

    @Test func sentencesWithDatesAreNotDateLines() {
        for line in ["Ngày 13/3/2017, Tỉnh ủy tổ chức hội nghị.", "Sáng 20/3, Ban Dân vận tổ chức hội nghị", "Dự đoán ngày mới 10/05/2017 cho 12 con giáp",
                     "31/2/2017", "13/13/2017 08:00", "Nghị định số 30/2020/NĐ-CP", "1/1/1800"] {
            #expect(DateFinder.find(line) == nil, "\(line)")
        }
    }
}

@Suite struct FolderEvidenceSafetyTests {
    static let story = """
    Hà Tĩnh khởi công đường ven biển qua ba huyện
    Sáng 2/3, UBND tỉnh Hà Tĩnh khởi công tuyến đường ven biển dài 36 km đi qua ba huyện Nghi Xuân, Lộc Hà và Thạch Hà, với tổng mức đầu tư gần 1.000 tỷ đồng từ ngân sách trung ương và địa phương.
    Tuyến đường được thiết kế theo tiêu chuẩn đường cấp III đồng bằng, dự kiến hoàn thành vào cuối năm 2019, góp phần phát triển kinh tế biển và du lịch ven biển của tỉnh trong những năm tới.
    Trọng Tùng
    """

    @Test func theSameArticleSavedTwiceKeepsItsTitleAndText() throws {
        var evidence = SiteEvidence()
        evidence.add(Page(utf8: Array(Self.story.utf8)))
        evidence.add(Page(utf8: Array(Self.story.utf8)))
        let a = ReportReader.read(Self.story, evidence: evidence)
        #expect(a.title == "Hà Tĩnh khởi công đường ven biển qua ba huyện")
        #expect(a.author == "Trọng Tùng")
        #expect(a.blocks.count == 2)
        #expect(a.dropped.isEmpty)
        #expect(a.notes.contains { $0.hasPrefix("shares paragraphs with another page of the folder") })
    }

    @Test func aHeadlineUsedTwiceIsNotTheSitesChrome() {
        let other = """
        Hà Tĩnh khởi công đường ven biển qua ba huyện
        Tin ngắn: công trình được khởi công trong tháng 3 theo kế hoạch của tỉnh.
        """
        var evidence = SiteEvidence()
        evidence.add(Page(utf8: Array(Self.story.utf8)))
        evidence.add(Page(utf8: Array(other.utf8)))
        let a = ReportReader.read(Self.story, evidence: evidence)
        #expect(a.title == "Hà Tĩnh khởi công đường ven biển qua ba huyện")
        #expect(a.dropped.isEmpty)
    }
}

@Suite struct SignOffTests {
    func signOff(_ lines: String...) -> ImportedArticle {
        ReportReader.read((["Tiêu đề một bản tin ngắn về xã Tân Phú", "3/4/2017", "Xã Tân Phú vừa hoàn thành việc bê tông hóa 12 km đường giao thông nông thôn."] + lines)
            .joined(separator: "\n"))
    }

    @Test func creditsNamesAndSourcesAtTheFoot() {
        #expect(signOff("Minh Anh - Bá Khải").author == "Minh Anh - Bá Khải")
        #expect(signOff("G.T").author == "G.T")
        #expect(signOff("(Theo TTXVN)").source == "TTXVN")
        #expect(signOff("TTXVN").source == "TTXVN")
        #expect(signOff("Nhóm PV").author == "Nhóm PV")
        // Keywords one a line after their label, then the site's footer.
        let tagged = signOff("(Theo Báo Quảng Ngãi)", "Tags:", "chính trị", "quảng ngãi", "Bình luận (0)")
        #expect(tagged.source == "Báo Quảng Ngãi")
        #expect(tagged.blocks.count == 1)
        #expect(tagged.dropped.map(\.line) == ["Tags:", "chính trị", "quảng ngãi", "Bình luận (0)"])
        let a = signOff("Lê Văn Minh", "Theo Báo Long An", "Chia sẻ | In bài | Về đầu trang", "© Báo Long An")
        #expect(a.author == "Lê Văn Minh" && a.source == "Báo Long An")
        #expect(a.blocks == [.paragraph("Xã Tân Phú vừa hoàn thành việc bê tông hóa 12 km đường giao thông nông thôn.")])
    }

    @Test func aSignOffThatDiffersFromTheBylineStaysInTheText() {
        let a = ReportReader.read("""
        Tiêu đề một bản tin ngắn về xã Tân Phú
        3/4/2017
        Tin, ảnh: Hoàng Yến
        Xã Tân Phú vừa hoàn thành việc bê tông hóa 12 km đường giao thông nông thôn.
        Nguyễn Văn Tâm
        Phó Chủ tịch UBND xã Tân Phú
        """)
        #expect(a.author == "Hoàng Yến")
        #expect(a.blocks.suffix(2) == [.paragraph("Nguyễn Văn Tâm"), .paragraph("Phó Chủ tịch UBND xã Tân Phú")])
        #expect(a.notes.contains("the sign-off “Nguyễn Văn Tâm, Phó Chủ tịch UBND xã Tân Phú” differs from the byline “Hoàng Yến”; kept in the text"))
    }
}

@Suite struct HeadlineTests {
    @Test func aBreadcrumbThatRepeatsTheHeadlineIsDroppedAndTheHeadlineKept() {
        let a = ReportReader.read("""
        BÁO ĐIỆN TỬ TỈNH KON TUM
        Trang chủ > Xã hội > Kon Tum trao 500 suất quà cho hộ nghèo dịp Tết
        Kon Tum trao 500 suất quà cho hộ nghèo dịp Tết
        20/01/2017 - 16:45
        Chiều 20/1, Ủy ban Mặt trận Tổ quốc tỉnh Kon Tum trao 500 suất quà cho hộ nghèo trên địa bàn thành phố.
        """)
        #expect(a.title == "Kon Tum trao 500 suất quà cho hộ nghèo dịp Tết")
        #expect(a.date == LocalDateTime(year: 2017, month: 1, day: 20, hour: 16, minute: 45))
        #expect(a.dropped.map(\.reason) == ["a banner or section name above the headline", "a breadcrumb"])
        #expect(a.blocks.count == 1)
    }

    @Test func aHeadlineMayStartWithABrandInLowerCase() {
        let a = ReportReader.read("iPhone mới bán chạy tại Việt Nam\nĐiện thoại này đã bán được hơn 10.000 chiếc trong tuần đầu tiên tại các cửa hàng.")
        #expect(a.title == "iPhone mới bán chạy tại Việt Nam")
        #expect(a.notes.isEmpty)
    }

    @Test func aShortHeadlineOpeningThePageIsNotASectionName() {
        let a = ReportReader.read("""
        Mùa lúa mới
        Những cánh đồng vàng
        Người nông dân xã Hòa Bình bắt đầu thu hoạch vụ lúa đông xuân với năng suất cao.
        """)
        #expect(a.title == "Mùa lúa mới")
        #expect(a.blocks.first == .heading("Những cánh đồng vàng"))
    }
}
