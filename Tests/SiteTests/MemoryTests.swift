import Archive
import Documents
import Foundation
import Markup
import Testing
@testable import Site
import Templating
import Vietnamese

/// What keeps a large archive's build in bounded memory, checked where a regression would not show in the output.
@Suite("Memory") struct MemoryTests {
    @Test("a short rendered partial does not keep the renderer's 16 KB buffer")
    func shortRenderIsCompact() throws {
        let theme = try Theme.load(overrideDirectory: nil)
        let meta = Article(path: "Content/a.md", title: "Hội nghị", date: LocalDateTime(year: 2017, month: 12, day: 13), slug: "hoi-nghi")
        let bytes = theme.renderBytes("article-item", .object(PageRenderer.itemContext(meta, url: "/2017/12/hoi-nghi/", summary: "Tóm tắt.")))
        #expect(!bytes.isEmpty)
        // Kept for every article of the archive until its lists are written: 10,000 of them once held 160 MB.
        #expect(bytes.capacity < bytes.count + 4096, "capacity \(bytes.capacity) for \(bytes.count) bytes")
    }

    @Test("citations of one document share its key; a key spelled with other bytes keeps its own")
    func citationKeysAreShared() {
        let key = DocumentKey(kind: .party, type: "Quy định", number: 3, code: "QĐ", issuer: "TU", locality: "Cần Thơ", year: 2016)
        let again = DocumentKey(kind: .party, type: "Quy định", number: 3, code: "QĐ", issuer: "TU", locality: "Cần Thơ", year: 2016)
        #expect(DocumentKeyBox.shared(key) === DocumentKeyBox.shared(again))
        // The same locality in NFD: equal as a String, different bytes, so not given the NFC key's box.
        let nfd = String(decoding: Array("Ca\u{0302}\u{0300}n Tho\u{031B}".utf8), as: UTF8.self)
        var decomposed = key
        decomposed.locality = nfd
        #expect(decomposed == key)
        let c = Citation(key: decomposed, count: 1, title: nil)
        #expect(Array(c.key.locality!.utf8) == Array(nfd.utf8))
        #expect(DocumentKeyBox.shared(decomposed) !== DocumentKeyBox.shared(key))
        var other = c
        other.key = again
        #expect(Array(other.key.locality!.utf8) == Array("Cần Thơ".utf8))
        #expect(Array(c.key.locality!.utf8) == Array(nfd.utf8), "a copy's new key leaves the original alone")
    }
}

@Suite("Memory layout") struct MemoryLayoutTests {
    /// Held once per article (a citation a few times) for the whole build: a field added carelessly costs 100 MB
    /// at a million articles, and shows nowhere else.
    @Test func recordsStayCompact() {
        #expect(MemoryLayout<SpillLocation>.stride == 16)
        #expect(MemoryLayout<Citation>.stride == 48)
        #expect(MemoryLayout<Article>.stride <= 128, "\(MemoryLayout<Article>.stride)")
        #expect(MemoryLayout<ArticleRecord>.stride <= 280, "\(MemoryLayout<ArticleRecord>.stride)")
    }

    @Test func headingsReadBackFromTheirBytes() {
        let headings = [Heading(level: 2, text: "Kết quả", id: "ket-qua"), Heading(level: 3, text: "", id: "muc"),
                        Heading(level: 2, text: "Hạn chế “lớn”", id: "han-che-lon")]
        #expect(SpillCoding.headings(from: SpillCoding.headings(headings)) == headings)
        #expect(SpillCoding.headings([]).isEmpty && SpillCoding.headings(from: []).isEmpty)
        // Cut short: what is whole is kept.
        let bytes = SpillCoding.headings(headings)
        #expect(SpillCoding.headings(from: Array(bytes.dropLast(3))) == Array(headings.prefix(2)))
    }

    @Test func aCitationsSnippetTitleAndShortFormReadBackAsSet() {
        let key = DocumentKey(kind: .party, type: "Chỉ thị", number: 5, code: "CT", issuer: "TW", locality: nil, year: 2016)
        var c = Citation(key: key, count: 3, title: nil)
        #expect(c.snippet == nil && c.title == nil && c.shortForm == nil && c.count == 3)
        c.snippet = SpillLocation(file: 0, offset: 0, length: 0)
        #expect(c.snippet?.file == 0)
        c.title = "về tiếp tục đẩy mạnh học tập"
        c.shortForm = Citation.ShortForm(text: "Chỉ thị 05", issuerName: nil, hasNumberWord: false)
        c.shortForm?.issuerName = "Bộ Chính trị"
        #expect(c.title == "về tiếp tục đẩy mạnh học tập" && c.shortForm?.issuerName == "Bộ Chính trị")
        c.title = nil
        #expect(c.title == nil && c.shortForm?.text == "Chỉ thị 05")
        c.snippet = nil
        #expect(c.snippet == nil)
    }
}
