import Foundation
import Testing
@testable import Search

@Suite struct SearchTextTests {
    func folded(_ s: String) -> [String] { SearchText.distinctWords(s).map(\.0) }

    @Test func everyVowelWithEveryToneFolds() {
        let table: [(String, String)] = [
            ("aàáảãạăằắẳẵặâầấẩẫậ", "a"), ("eèéẻẽẹêềếểễệ", "e"), ("iìíỉĩị", "i"),
            ("oòóỏõọôồốổỗộơờớởỡợ", "o"), ("uùúủũụưừứửữự", "u"), ("yỳýỷỹỵ", "y"), ("đĐdD", "d"),
        ]
        for (letters, base) in table {
            for ch in letters {
                #expect(folded(String(ch)) == [base], "\(ch)")
                #expect(folded(String(ch).uppercased()) == [base], "\(ch) upper")
            }
        }
    }

    @Test func wordsKeepTheirSpellingsForRanking() {
        let words = SearchText.distinctWords("“Tự diễn biến”, Chỉ thị 05-CT/TW; ĐẢNG, tư tưởng, tự")
        #expect(words.map(\.0) == ["tu", "dien", "bien", "chi", "thi", "05", "ct", "tw", "dang", "tuong"])
        #expect(words.map(\.1) == [["tự", "tư"], ["diễn"], ["biến"], ["chỉ"], ["thị"], ["05"], ["ct"], ["tw"], ["đảng"], ["tưởng"]])
    }

    @Test func nfdTextGivesTheSameWords() {
        let nfc = "Tự diễn biến ở Cái Răng"
        #expect(folded(nfc.decomposedStringWithCanonicalMapping) == folded(nfc))
    }

    /// The page's script computes the same hash: fnv("tu") is 1279612898 in both (checked in SearchPageTests).
    @Test func shardHashIsFNV1a() {
        #expect(SearchText.bucket("tu", of: Int(UInt32.max)) == 1279612898 % Int(UInt32.max))
        #expect(SearchText.bucket("tu", of: 16) == 1279612898 % 16)
    }

    @Test func postingsMergeRenumbersFormsAndArticles() {
        var a = SearchPostings()
        a.add(article: 0, distinct: [("tu", ["tự", "tư"])])
        var b = SearchPostings()
        b.add(article: 0, distinct: [("tu", ["tư"])])
        b.add(article: 1, distinct: [("tu", ["tù"])])
        a.merge(b, offset: 1)
        let e = a.terms["tu"]!
        #expect(e.forms == ["tự", "tư", "tù"])
        #expect(e.postings.map(\.0) == [0, 1, 2])
        #expect(e.postings.map(\.1) == [0b011, 0b010, 0b100])
    }

    @Test func shardsHoldEveryTermOnceAndArticlesInRankOrder() throws {
        var p = SearchPostings()
        p.add(article: 0, distinct: [("chi", ["chỉ"]), ("thi", ["thị"])])
        p.add(article: 1, distinct: [("chi", ["chi"])])
        let shards = SearchFiles.shards(consuming: p, rank: [1, 0]).shards
        #expect(shards.count == 16)
        let chi = shards[SearchText.bucket("chi", of: 16)]
        let json = try JSONSerialization.jsonObject(with: Data(chi)) as? [String: Any]
        let entry = json?["chi"] as? [Any]
        // One article each: the tie goes to code point order, so "chi" is bit 1 and "chỉ" bit 2.
        #expect(entry?[0] as? [String] == ["chi", "chỉ"])
        #expect(entry?[1] as? String == "0,1.2")  // article ranked 0 (was 1) uses "chi" (mask 1, left out), ranked 1 "chỉ"
    }

    @Test("the build's path (words straight from the scanner, per load task, merged) gives the index the word lists give")
    func loadTasksMatchWordLists() {
        let texts = ["Tự diễn biến, “tự chuyển hóa” trong nội bộ; Chỉ thị 05-CT/TW.", "TƯ TƯỞNG Hồ Chí Minh, tư tưởng, tự phê bình",
                     "Đảng bộ tỉnh tổ chức học tập chuyên đề năm 2017 về tự phê bình và phê bình"]
        var chunks = [ChunkPostings(), ChunkPostings()]
        for (i, t) in texts.enumerated() { chunks[i % 2].add(article: UInt32(i), text: t) }
        var merged = SearchPostings()
        for c in chunks.reversed() { merged.merge(c) }
        var expected = SearchPostings()
        for (i, t) in texts.enumerated() {
            expected.add(article: UInt32(i), distinct: SearchText.distinctWords(t))
            expected.add(article: UInt32(i), pairs: SearchText.distinctPairs(t))
        }
        let rank = [2, 0, 1]
        #expect(SearchFiles.shards(consuming: merged, rank: rank).shards == SearchFiles.shards(consuming: expected, rank: rank).shards)
        #expect(Set(merged.terms.keys) == Set(expected.terms.keys))
    }

    @Test("neighbouring words are pairs unless a line or a sentence ends between them")
    func pairsAreNeighboursInOneSentence() {
        let pairs = SearchText.distinctPairs("Tự diễn biến. Biên soạn tại TP.HCM, lúc 10:30 sáng\nDòng mới… tiếp; nữa")
        #expect(pairs == ["tu dien", "dien bien", "bien soan", "soan tai", "tai tp", "tp hcm", "hcm luc", "luc 10", "10 30", "30 sang",
                          "dong moi"])
    }

    @Test("a word or pair of the title is marked “!” in its posting, and pairs carry no spellings")
    func titleWordsAndPairsAreMarked() throws {
        var chunk = ChunkPostings()
        chunk.add(article: 0, title: "Tư Điện Biên", text: "Tư liệu về Điện Biên")
        chunk.add(article: 1, title: "Biên soạn tư liệu", text: "Toàn diện")
        var p = SearchPostings()
        p.merge(chunk)
        let files = SearchFiles.shards(consuming: p, rank: [0, 1]).shards
        func entry(_ key: String) throws -> Any? {
            let first = String(key.split(separator: " ")[0])  // a pair is in its first word's shard
            let json = try JSONSerialization.jsonObject(with: Data(files[SearchText.bucket(first, of: files.count)])) as? [String: Any]
            return json?[key]
        }
        #expect((try entry("tu") as? [Any])?[1] as? String == "0!,1!")
        #expect((try entry("dien") as? [Any])?[1] as? String == "0.2!,1")  // "diện" is bit 1 (code point order), "điện" 2
        #expect(try entry("tu dien") as? String == "0!")
        #expect(try entry("dien bien") as? String == "0!")  // in the title and the text: one posting, marked
        #expect(try entry("tu lieu") as? String == "0,1!")
        #expect(try entry("dien tu") == nil, "no pair across title and text")
    }

    @Test("the index files do not depend on the order articles were added in, nor on spellings no article uses now")
    func shardsAreCanonical() {
        let words: [(UInt32, [(String, [String])])] = [
            (0, [("tu", ["tự", "tư"]), ("an", ["ăn"])]), (1, [("tu", ["tư"])]), (2, [("tu", ["tù", "tư"]), ("an", ["an", "ân"])]),
            (3, [("tu", ["tú"])]),
        ]
        var forward = SearchPostings()
        for (a, w) in words { forward.add(article: a, distinct: w) }
        var backward = SearchPostings()
        for (a, w) in words.reversed() { backward.add(article: a, distinct: w) }
        // An article added first and removed since: its spelling "từ" must leave no trace.
        var withRemoved = SearchPostings()
        withRemoved.add(article: 9, distinct: [("tu", ["từ"])])
        for (a, w) in words { withRemoved.add(article: a, distinct: w) }
        withRemoved.remove([9])
        let rank = Array(0..<10)
        let expected = SearchFiles.shards(consuming: forward, rank: rank).shards
        #expect(SearchFiles.shards(consuming: backward, rank: rank).shards == expected)
        #expect(SearchFiles.shards(consuming: withRemoved, rank: rank).shards == expected)
        let tu = String(decoding: expected[SearchText.bucket("tu", of: expected.count)], as: UTF8.self)
        #expect(tu.contains("\"tu\":[[\"tư\",\"tù\",\"tú\",\"tự\"]"), "most used first, then code point order: \(tu)")
    }

    @Test("the build's path, which frees postings as it encodes them, writes the same files as the session's")
    func consumingShardsMatch() {
        var p = SearchPostings()
        // "va" in 3,000 articles: more than 4 KB of postings, so it gets a file of its own.
        for a in 0..<3000 as Range<UInt32> {
            p.add(article: a, distinct: [("va", ["và"]), ("tu", a % 7 == 0 ? ["tư"] : ["tự"]), ("w\(a % 50)", ["w\(a % 50)"])])
        }
        let rank = (0..<3000).map { 2999 - $0 }
        let session = SearchFiles.shards(p, rank: rank, reusing: [:], changed: nil)
        let build = SearchFiles.shards(consuming: p, rank: rank)
        #expect(!build.words.isEmpty, "a word with its own file")
        #expect(!build.shards.isEmpty)
        #expect(build.shards == session.shards)
        #expect(build.words == session.words)
    }
}
