import Foundation
import Testing
@testable import Vietnamese

/// NFC of long texts in pieces (Foundation's time grows faster than the text): the pieces must give exactly the
/// NFC of the whole, wherever they are cut.
@Suite struct HostileNormalizationTests {
    static let samples: [String] = [
        "Nghị quyết Trung ương tự diễn biến, tự chuyển hóa trong nội bộ. ".decomposedStringWithCanonicalMapping,
        // Marks in the wrong order (canonical reordering), a precomposed letter taking another mark.
        "a\u{301}\u{323} \u{1EA1}\u{301}Ạ\u{302}ê\u{300}\u{303}",
        // Hangul jamo compose with the jamo before them; Greek and Cyrillic with their marks.
        "\u{1100}\u{1161}\u{11A8}\u{1100}\u{1161} α\u{301}ω\u{342}\u{345} и\u{306}",
        // Marks with no base, at the very start, and after a letter of every safe range.
        "\u{301}\u{301}À\u{301}ǅ\u{30C}ɐ\u{301}Ḁ\u{301}Ỹ\u{301}z\u{301}",
    ]

    @Test(arguments: 0..<samples.count)
    func piecesGiveTheNFCOfTheWhole(_ k: Int) {
        let text = String(repeating: Self.samples[k], count: 400)
        let expected = text.precomposedStringWithCanonicalMapping
        for piece in [1, 7, 64, 1000] {
            var copy = text
            let got = copy.withUTF8 { Normalization.nfcInPieces($0, piece: piece) }
            #expect(got.utf8.elementsEqual(expected.utf8), "sample \(k), pieces of \(piece)")
        }
    }

    @Test func aLongNFDArticleIsNormalised() {
        let text = String(repeating: Self.samples[0], count: 2_000)  // 150 KB
        #expect(Normalization.nfc(text).utf8.elementsEqual(text.precomposedStringWithCanonicalMapping.utf8))
    }
}
