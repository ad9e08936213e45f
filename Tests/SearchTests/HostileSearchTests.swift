import Testing
@testable import Search

/// Words written to hurt the search index's hash table (the times are in BENCHMARKS.md, "Hostile input").
@Suite struct HostileSearchTests {
    /// 40-byte words whose last three 8-byte lanes are X, X and 0: the fixed mix XORed those lanes, so every one
    /// of them hashed alike and the table's probes grew with each word (4 MB of them took 17 s).
    static let colliding: [String] = (0..<2_000).map { i in
        // Six letters spelling i in base 26.
        var n = i, letters = ""
        for _ in 0..<6 { letters.append(Character(Unicode.Scalar(UInt8(0x61 + n % 26)))); n /= 26 }
        let x = "qq" + letters
        return String(repeating: "p", count: 16) + x + x
    }

    @Test func wordsChosenToCollideSpreadOverTheTable() {
        #expect(Set(Self.colliding).count == Self.colliding.count)
        let keys = ChunkPostings.processKeys
        let slots = Set(Self.colliding.map { ChunkPostings.hash(SearchText.Packed(Array($0.utf8))!, keys: keys) >> 53 })
        #expect(slots.count > Self.colliding.count / 2)  // 2,048 slots: about 1,275 distinct expected at random, 1 before
    }

    @Test func everyCollidingWordIsIndexedOnItsOwn() throws {
        var chunk = ChunkPostings()
        chunk.add(article: 0, text: Self.colliding.joined(separator: " "))
        chunk.add(article: 1, text: Self.colliding.prefix(10).joined(separator: " "))
        let merger = PostingsMerger()
        try merger.absorb(chunk)
        let merged = try merger.postings()
        // Words only: too long to pair (a pair is at most 40 bytes); "~" lists the article whose text was cut.
        #expect(merged.terms.keys.filter { $0 != "~" }.count == Self.colliding.count)
        #expect(merged.terms["~"]?.count == 1)
        #expect(merged.terms[Self.colliding[0]]?.count == 2)
        #expect(merged.terms[Self.colliding[1_999]]?.count == 1)
    }
}
