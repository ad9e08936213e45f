import Testing
@testable import Archive
import Vietnamese

/// `Article` keeps its date packed and the fields few articles have in one optional part: it must still read and
/// write as a plain struct of properties.
@Suite("Article storage") struct ArticleStorageTests {
    func same(_ a: LocalDateTime, _ b: LocalDateTime) -> Bool {
        a == b && a.hasTime == b.hasTime  // equality leaves hasTime out
    }

    @Test(arguments: [
        LocalDateTime(year: 2017, month: 12, day: 13, hour: 8, minute: 30, second: 59, offset: 7 * 3600),
        LocalDateTime(year: 1, month: 1, day: 1, offset: -12 * 3600),
        LocalDateTime(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59, offset: 14 * 3600),
        LocalDateTime(year: 1970, month: 1, day: 1, offset: 0),
        // Fields that do not fit the packed form are kept whole.
        LocalDateTime(year: 123_456, month: 2, day: 3, offset: 0),
        LocalDateTime(year: -44, month: 3, day: 15, hour: 12, offset: 999_999),
    ])
    func everyDateReadsBackAsWritten(_ date: LocalDateTime) {
        for hasTime in [true, false] {
            var d = date
            d.hasTime = hasTime
            var a = Article(path: "Content/a.md", title: "Hội nghị", date: d, slug: "hoi-nghi")
            #expect(same(a.date, d))
            a.date.hour = 5
            d.hour = 5
            #expect(same(a.date, d))
        }
    }

    @Test func rareFieldsAreValuesAndAbsentByDefault() {
        var a = Article(path: "Content/a.md", title: "Hội nghị", date: LocalDateTime(year: 2017, month: 12, day: 13), slug: "hoi-nghi")
        #expect(a.author == nil && a.image == nil && a.imageLine == 1 && a.extra.isEmpty && a.warnings.isEmpty && a.documentsAdded.isEmpty)
        a.author = "Nguyễn Văn A"
        a.imageLine = 4
        a.extra["chuyen_muc"] = .text("Xây dựng Đảng")
        a.documentsAdded = [(text: "Chỉ thị số 05-CT/TW", line: 6)]
        var b = a
        b.author = "Trần Thị B"
        b.extra["chuyen_muc"] = nil
        b.warnings.append(SiteWarning(path: "Content/a.md", message: "x"))
        #expect(a.author == "Nguyễn Văn A" && a.extra["chuyen_muc"] == .text("Xây dựng Đảng") && a.warnings.isEmpty, "a copy's writes leave the original alone")
        #expect(b.author == "Trần Thị B" && b.extra.isEmpty && b.warnings.count == 1 && b.imageLine == 4)
        #expect(b.documentsAdded.map(\.text) == ["Chỉ thị số 05-CT/TW"])
        // Writing defaults where nothing was set makes nothing to hold.
        var c = Article(path: "Content/c.md", title: "C", date: LocalDateTime(year: 2018, month: 1, day: 2), slug: "c")
        c.author = nil
        c.imageLine = 1
        c.warnings = []
        #expect(MemoryLayout.size(ofValue: c) == MemoryLayout<Article>.size && c.author == nil)
    }
}
