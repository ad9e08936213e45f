import Foundation
import Testing
@testable import Import

@Suite struct ImportRobustnessTests {
    @Test func randomLinesNeverCrashTheReader() {
        let lines = ["", "Thứ Ba, 19/2/2019", "13/12/2017 8:8'", "Gửi bài này In bài này", "Các tin khác", "Video", "Lượt xem: 12",
                     "Tiêu đề bài viết", "Một đoạn văn có dấu chấm.", "Trần Quốc TrungỦy viên", "Ngày 5 tháng 9 năm 2020", "- Nguồn: x.vn",
                     "1. Mục một", "Bài và ảnh: Lê A", "\r", "\u{FEFF}", "  ", "Thứ nhất, điểm một.", "#", "*", "<b>", "99/99/9999",
                     "Hôm nay, Thứ Hai, ngày 20/3/2017", "TRANG CHỦ", "Trang chủ > Tin tức >", "| | |", "» »", "Ảnh: ", "(Ảnh:", "(Theo )",
                     "Nguồn:", "PV", "TTXVN", "G.T", "Minh Anh - Bá Khải", "Phó Chủ tịch", "Từ khóa:", "©", "08:30 | ", "lúc", "Ngày",
                     "ngày 5 tháng", "Thứ Hai,", "\u{00A0}\u{200B}", "a\u{0301}", String(repeating: "Dài ", count: 300) + ".", "Tin liên quan"]
        var rng = SeededRandom(seed: 2017)
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...25, using: &rng)).map { _ in lines.randomElement(using: &rng)! }.joined(separator: "\n")
            let a = ReportReader.read(text)
            _ = Markdown.document(a, importedFrom: "x.txt")
            // Never loses data: every line is somewhere — a field, the text, a date, or the list of dropped lines.
            let kept = [a.title, a.author, a.authorTitle, a.source, a.imageCaption].compactMap { $0 } + a.dropped.map(\.line)
                + a.blocks.map { switch $0 { case .heading(let s), .paragraph(let s), .caption(let s): return s } }
            for line in Page(utf8: Array(text.utf8)).lines.map(\.text) where DateFinder.find(line) == nil {
                #expect(kept.contains { $0.contains(line) || (!$0.isEmpty && line.contains($0)) }, "lost: \(line) in \(text)")
            }
        }
        // The same lines as a folder of pages, with cross-page evidence.
        var pages: [String] = []
        for _ in 0..<50 {
            pages.append((0..<Int.random(in: 0...25, using: &rng)).map { _ in lines.randomElement(using: &rng)! }.joined(separator: "\n"))
        }
        var evidence = SiteEvidence()
        for p in pages { evidence.add(Page(utf8: Array(p.utf8))) }
        for p in pages { _ = Markdown.document(ReportReader.read(p, evidence: evidence), importedFrom: "x.txt") }
    }
}

/// A fixed-seed generator (xorshift64*): the same cases every run, so a failure can be reproduced.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}
