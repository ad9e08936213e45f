/// The words Bantin's pages say of themselves (titles, headings, counts, links), in one place: a translation or a
/// house style changes this file and the templates, nothing else. What documents are called (issuers, kinds) is
/// the Documents module's; what a theme writes around them is in Templates/.
enum InterfaceText {
    static let latest = "Tin bài mới nhất"
    static let archives = "Lưu trữ"
    static let tags = "Chủ đề"
    static let documents = "Văn bản"
    static let search = "Tìm kiếm"
    static let notFound = "Không tìm thấy trang"

    static func articles(_ n: Int) -> String { "\(n) bài viết" }
    static func articlesInArchive(_ n: Int) -> String { "\(n) bài viết trong lưu trữ" }
    static func year(_ y: Int) -> String { "Năm \(y)" }
    static func page(_ title: String, _ n: Int) -> String { "\(title) · Trang \(n)" }
    static func tagTitle(_ name: String) -> String { "Chủ đề: \(name)" }
    static func tagSubheading(_ n: Int) -> String { "Chủ đề · \(n) bài viết" }
    static func tagFeed(_ name: String) -> String { "Chủ đề \(name)" }
    static func citing(_ label: String) -> String { "Bài viết nhắc đến \(label)" }
    static func citingCount(_ n: Int, _ label: String) -> String { "\(n) bài viết nhắc đến \(label)" }
    /// "Được nhắc trong 4 bài, năm 2017" / "…, từ năm 2016 đến năm 2017".
    static func mentioned(_ n: Int, first: Int, last: Int) -> String {
        "Được nhắc trong \(n) bài, " + (first == last ? "năm \(first)" : "từ năm \(first) đến năm \(last)")
    }
    static func issuedInYear(_ y: Int) -> String { "năm \(y)" }
    static func term(_ roman: String) -> String { "Khóa \(roman)" }
    static let unknownPlace = "chưa rõ địa phương"
    static let unknownYear = "chưa rõ năm"
    static let unknownTerm = "chưa rõ khóa"
    static func chartBar(_ year: Int, _ n: Int) -> String { "\(year): \(n) bài" }
    static func chartLabel(_ first: Int, _ last: Int) -> String { "Số bài theo năm, \(first)–\(last)" }
}
