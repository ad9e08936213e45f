/// When the Central Committee's plenums took place and which numbered resolutions they adopted, as far as the
/// project knows them reliably. A plenum written without its term ("Nghị quyết Trung ương 8") takes the term in
/// force at the article's date only when that term's plenum had already taken place by then; otherwise its term
/// is left unknown rather than guessed (a 2017 article about the 1941 eighth plenum never lands on khóa XII).
///
/// The table is built in: a correction is a change here. An archive's `documents.yml` takes precedence for what
/// a plenum's name means (an entry whose `aliases:` name the plenum takes all its mentions). Dates are the plenum's
/// closing day; a plenum missing from the table is placed by its neighbours (plenums are numbered in order), and
/// is unknown when they do not settle it.
public enum PartyCalendar {
    /// A plenum: term, number, closing day as yyyymmdd.
    struct Plenum { let term: Int, number: Int, closed: Int }

    static let plenums: [Plenum] = [
        // khóa X (2006–2011)
        Plenum(term: 10, number: 1, closed: 20060425), Plenum(term: 10, number: 4, closed: 20070124),
        // khóa XI (2011–2016)
        Plenum(term: 11, number: 1, closed: 20110119), Plenum(term: 11, number: 4, closed: 20111227),
        Plenum(term: 11, number: 8, closed: 20131009),
        // khóa XII (2016–2021)
        Plenum(term: 12, number: 1, closed: 20160128), Plenum(term: 12, number: 4, closed: 20161012),
        Plenum(term: 12, number: 5, closed: 20170510), Plenum(term: 12, number: 6, closed: 20171011),
        Plenum(term: 12, number: 7, closed: 20180512), Plenum(term: 12, number: 8, closed: 20181007),
        Plenum(term: 12, number: 10, closed: 20190516),
        // khóa XIII (2021–2026)
        Plenum(term: 13, number: 1, closed: 20210201), Plenum(term: 13, number: 4, closed: 20211009),
        Plenum(term: 13, number: 5, closed: 20220510), Plenum(term: 13, number: 6, closed: 20221008),
        Plenum(term: 13, number: 7, closed: 20230517), Plenum(term: 13, number: 8, closed: 20231007),
        Plenum(term: 13, number: 9, closed: 20240518), Plenum(term: 13, number: 10, closed: 20240920),
        // khóa XIV (2026–)
        Plenum(term: 14, number: 1, closed: 20260123),
    ]

    /// Whether plenum `number` of `term` had taken place by `day`: true, false, or nil when the table cannot say.
    public static func hadTakenPlace(term: Int, number: Int, by day: IssueDate) -> Bool? {
        let d = day.year * 10000 + day.month * 100 + day.day
        // A term that has ended held all its plenums before the next congress.
        if let next = PartyTerms.starts.first(where: { $0.0 == term + 1 }), next.1 <= d { return true }
        if let start = PartyTerms.starts.first(where: { $0.0 == term }), d < start.1 { return false }
        var answer: Bool? = nil
        for p in plenums where p.term == term {
            if p.number >= number, p.closed <= d { return true }
            if p.number <= number, p.closed > d { answer = false }
        }
        return answer
    }

    /// The term of a plenum written without one, in an article of `day`: the term in force then, when its
    /// plenum `number` had already taken place; nil when it had not or the table cannot tell.
    public static func term(ofPlenum number: Int, writtenOn day: IssueDate) -> Int? {
        guard let t = day.partyTerm else { return nil }
        return hadTakenPlace(term: t, number: number, by: day) == true ? t : nil
    }

    /// A numbered resolution a plenum adopted.
    public struct Resolution: Sendable, Hashable {
        public let label: String
        public let date: IssueDate
        public let title: String
    }

    /// The numbered resolutions of the main plenums (the first listed is the one the press means by the plenum's
    /// name alone when it adopted several).
    static let adopted: [Int: [Int: [Resolution]]] = [
        12: [
            4: [
                Resolution(label: "Nghị quyết số 04-NQ/TW", date: IssueDate(year: 2016, month: 10, day: 30),
                           title: "Về tăng cường xây dựng, chỉnh đốn Đảng; ngăn chặn, đẩy lùi sự suy thoái về tư tưởng chính trị, đạo đức, lối sống, những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ"),
                Resolution(label: "Nghị quyết số 05-NQ/TW", date: IssueDate(year: 2016, month: 11, day: 1),
                           title: "Về một số chủ trương, chính sách lớn nhằm tiếp tục đổi mới mô hình tăng trưởng, nâng cao chất lượng tăng trưởng, năng suất lao động, sức cạnh tranh của nền kinh tế"),
                Resolution(label: "Nghị quyết số 06-NQ/TW", date: IssueDate(year: 2016, month: 11, day: 5),
                           title: "Về thực hiện có hiệu quả tiến trình hội nhập kinh tế quốc tế, giữ vững ổn định chính trị - xã hội trong bối cảnh nước ta tham gia các hiệp định thương mại tự do thế hệ mới"),
                Resolution(label: "Nghị quyết số 07-NQ/TW", date: IssueDate(year: 2016, month: 11, day: 18),
                           title: "Về chủ trương, giải pháp cơ cấu lại ngân sách nhà nước, quản lý nợ công để bảo đảm nền tài chính quốc gia an toàn, bền vững"),
            ],
            5: [
                Resolution(label: "Nghị quyết số 10-NQ/TW", date: IssueDate(year: 2017, month: 6, day: 3),
                           title: "Về phát triển kinh tế tư nhân trở thành một động lực quan trọng của nền kinh tế thị trường định hướng xã hội chủ nghĩa"),
                Resolution(label: "Nghị quyết số 11-NQ/TW", date: IssueDate(year: 2017, month: 6, day: 3),
                           title: "Về hoàn thiện thể chế kinh tế thị trường định hướng xã hội chủ nghĩa"),
                Resolution(label: "Nghị quyết số 12-NQ/TW", date: IssueDate(year: 2017, month: 6, day: 3),
                           title: "Về tiếp tục cơ cấu lại, đổi mới và nâng cao hiệu quả doanh nghiệp nhà nước"),
            ],
            6: [
                Resolution(label: "Nghị quyết số 18-NQ/TW", date: IssueDate(year: 2017, month: 10, day: 25),
                           title: "Một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả"),
                Resolution(label: "Nghị quyết số 19-NQ/TW", date: IssueDate(year: 2017, month: 10, day: 25),
                           title: "Về tiếp tục đổi mới hệ thống tổ chức và quản lý, nâng cao chất lượng và hiệu quả hoạt động của các đơn vị sự nghiệp công lập"),
                Resolution(label: "Nghị quyết số 20-NQ/TW", date: IssueDate(year: 2017, month: 10, day: 25),
                           title: "Về tăng cường công tác bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân trong tình hình mới"),
                Resolution(label: "Nghị quyết số 21-NQ/TW", date: IssueDate(year: 2017, month: 10, day: 25),
                           title: "Về công tác dân số trong tình hình mới"),
            ],
            8: [
                Resolution(label: "Nghị quyết số 36-NQ/TW", date: IssueDate(year: 2018, month: 10, day: 22),
                           title: "Về Chiến lược phát triển bền vững kinh tế biển Việt Nam đến năm 2030, tầm nhìn đến năm 2045"),
            ],
        ],
        11: [
            4: [
                Resolution(label: "Nghị quyết số 12-NQ/TW", date: IssueDate(year: 2012, month: 1, day: 16),
                           title: "Một số vấn đề cấp bách về xây dựng Đảng hiện nay"),
                Resolution(label: "Nghị quyết số 13-NQ/TW", date: IssueDate(year: 2012, month: 1, day: 16),
                           title: "Về xây dựng hệ thống kết cấu hạ tầng đồng bộ nhằm đưa nước ta cơ bản trở thành nước công nghiệp theo hướng hiện đại vào năm 2020"),
            ],
            8: [
                Resolution(label: "Nghị quyết số 28-NQ/TW", date: IssueDate(year: 2013, month: 10, day: 25),
                           title: "Về Chiến lược bảo vệ Tổ quốc trong tình hình mới"),
                Resolution(label: "Nghị quyết số 29-NQ/TW", date: IssueDate(year: 2013, month: 11, day: 4),
                           title: "Về đổi mới căn bản, toàn diện giáo dục và đào tạo, đáp ứng yêu cầu công nghiệp hóa, hiện đại hóa trong điều kiện kinh tế thị trường định hướng xã hội chủ nghĩa và hội nhập quốc tế"),
            ],
        ],
        10: [
            4: [
                Resolution(label: "Nghị quyết số 08-NQ/TW", date: IssueDate(year: 2007, month: 2, day: 5),
                           title: "Về một số chủ trương, chính sách lớn để nền kinh tế phát triển nhanh và bền vững khi Việt Nam là thành viên của Tổ chức Thương mại thế giới"),
                Resolution(label: "Nghị quyết số 09-NQ/TW", date: IssueDate(year: 2007, month: 2, day: 9),
                           title: "Về Chiến lược biển Việt Nam đến năm 2020"),
            ],
        ],
    ]

    /// Each resolution's key, read once by the recogniser.
    static let keys: [Resolution: DocumentKey] = {
        let recogniser = Recogniser()
        var out: [Resolution: DocumentKey] = [:]
        for (_, plenums) in adopted {
            for (_, list) in plenums {
                for r in list {
                    guard var key = recogniser.scan(r.label).mentions.first?.key else { continue }
                    key.year = r.date.year
                    key.term = nil
                    out[r] = key
                }
            }
        }
        return out
    }()

    /// "Nghị quyết số 36-NQ/TW" of 2018 as a document key.
    public static func key(of r: Resolution) -> DocumentKey? { keys[r] }

    /// The numbered resolutions plenum `number` of `term` adopted, in the built-in table; empty when unknown.
    public static func resolutions(term: Int, plenum number: Int) -> [Resolution] {
        adopted[term]?[number] ?? []
    }
}
