import Foundation
import Testing
@testable import Documents

/// Bad input never crashes: random text made of the pieces references are built from.
@Suite struct RobustnessTests {
    static let pieces = ["Chỉ thị", "số", "05", "-", "–", "/", "CT", "TW", "TƯ", "T.", "Ư", "khóa", "XII", "(", ")", ",", "và", "ngày",
                         "16-11-2016", "của", "Bộ Chính trị", "Thành ủy", "Cần Thơ", "“", "”", "\"", "Nghị quyết", "Hội nghị",
                         "Trung ương", "lần thứ", "tư", "Đại hội", "Luật", "năm", "2008", "\n", " ", "  ", "NĐ", "CP", "QH13", "TW4",
                         "dự thảo", "các", "Ban Chấp hành", "\u{00A0}", "ỉ", "́", "𝕏", "\u{0}", "tháng",
                         "Đảng bộ", "tỉnh", "nhiệm kỳ", "2020–2025", "2015-2020", "lần thứ", "XXI", "Quân đội", "ND", "nq",
                         "2017", "Nghị định", "số", "Bộ luật", "kỷ", "luật", "hành động", "Kế hoạch", "Công điện", "TLĐ",
                         "Ban Chỉ đạo", "Chủ tịch UBND", "TP", "ngày", "Ttg", "QĐ", "NĐCP", "CPngày", "19-", "/2017", "a"]

    @Test func randomReferenceLikeTextNeverCrashesAndRangesStayInside() {
        var rng = SeededRandom(seed: 2017)
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...30, using: &rng) { text += Self.pieces.randomElement(using: &rng)! }
            let bytes = Array(text.utf8)
            let scan = Recogniser().scan(text)
            for m in scan.mentions {
                #expect(m.range.lowerBound >= 0 && m.range.upperBound <= bytes.count && m.range.lowerBound < m.range.upperBound, "\(text)")
                // A reference begins on a word boundary, never inside a word ("kết luận" inside "Thông báo kết luận").
                if m.range.lowerBound > 0, m.range.upperBound <= bytes.count {
                    let before = String(decoding: bytes[..<m.range.lowerBound], as: UTF8.self).unicodeScalars.last!
                    #expect(!before.properties.isAlphabetic && !("0"..."9").contains(Character(before)), "\(text)")
                }
            }
            _ = Resolver(registry: Registry()).resolve(scan.mentions.map { (0, $0) }, localities: scan.localities,
                                                       context: ArticleContext(date: IssueDate(year: 2017, month: 1, day: 1)))
        }
    }

    @Test func randomBytesNeverCrash() {
        var rng = SeededRandom(seed: 2017)
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = bytes.withUnsafeBufferPointer { Recogniser().scan(bytes: $0) }
        }
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
