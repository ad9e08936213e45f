import Foundation
import Synchronization
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

    @Test func shardsHoldEveryTermOnceAndArticlesInRankOrder() async throws {
        var p = SearchPostings()
        p.add(article: 0, distinct: [("chi", ["chỉ"]), ("thi", ["thị"])])
        p.add(article: 1, distinct: [("chi", ["chi"])])
        let shards = await SearchFiles.shards(p, rank: [1, 0], reusing: [:], changed: nil).shards
        #expect(shards.count == 16)
        let chi = shards[SearchText.bucket("chi", of: 16)]
        let json = try JSONSerialization.jsonObject(with: Data(chi)) as? [String: Any]
        let entry = json?["chi"] as? [Any]
        // One article each: the tie goes to code point order, so "chi" is bit 1 and "chỉ" bit 2.
        #expect(entry?[0] as? [String] == ["chi", "chỉ"])
        #expect(entry?[1] as? String == "0,1.2")  // article ranked 0 (was 1) uses "chi" (mask 1, left out), ranked 1 "chỉ"
    }

    @Test("the build's path (words straight from the scanner, per load task, merged) gives the index the word lists give")
    func loadTasksMatchWordLists() async throws {
        let texts = ["Tự diễn biến, “tự chuyển hóa” trong nội bộ; Chỉ thị 05-CT/TW.", "TƯ TƯỞNG Hồ Chí Minh, tư tưởng, tự phê bình",
                     "Đảng bộ tỉnh tổ chức học tập chuyên đề năm 2017 về tự phê bình và phê bình"]
        var chunks = [ChunkPostings(), ChunkPostings()]
        for (i, t) in texts.enumerated() { chunks[i % 2].add(article: UInt32(i), text: t) }
        let merger = PostingsMerger()
        for c in chunks.reversed() { try merger.absorb(c) }
        let merged = try merger.postings()
        var expected = SearchPostings()
        for (i, t) in texts.enumerated() {
            expected.add(article: UInt32(i), distinct: SearchText.distinctWords(t))
            expected.add(article: UInt32(i), pairs: SearchText.distinctPairs(t))
        }
        let rank = [2, 0, 1]
        let fromTasks = await SearchFiles.shards(merged, rank: rank, reusing: [:], changed: nil).shards
        #expect(await fromTasks == SearchFiles.shards(expected, rank: rank, reusing: [:], changed: nil).shards)
        #expect(Set(merged.terms.keys) == Set(expected.terms.keys))
    }

    @Test("neighbouring words are pairs unless a line or a sentence ends between them")
    func pairsAreNeighboursInOneSentence() {
        let pairs = SearchText.distinctPairs("Tự diễn biến. Biên soạn tại TP.HCM, lúc 10:30 sáng\nDòng mới… tiếp; nữa")
        #expect(pairs == ["tu dien", "dien bien", "bien soan", "soan tai", "tai tp", "tp hcm", "hcm luc", "luc 10", "10 30", "30 sang",
                          "dong moi"])
    }

    @Test("a word or pair of the title is marked “!” in its posting, and pairs carry no spellings")
    func titleWordsAndPairsAreMarked() async throws {
        var chunk = ChunkPostings()
        chunk.add(article: 0, title: "Tư Điện Biên", text: "Tư liệu về Điện Biên")
        chunk.add(article: 1, title: "Biên soạn tư liệu", text: "Toàn diện")
        let merger = PostingsMerger()
        try merger.absorb(chunk)
        let files = await SearchFiles.shards(try merger.postings(), rank: [0, 1], reusing: [:], changed: nil).shards
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
    func shardsAreCanonical() async {
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
        func files(_ p: SearchPostings) async -> [[UInt8]] { await SearchFiles.shards(p, rank: rank, reusing: [:], changed: nil).shards }
        let expected = await files(forward)
        #expect(await files(backward) == expected)
        #expect(await files(withRemoved) == expected)
        let tu = String(decoding: expected[SearchText.bucket("tu", of: expected.count)], as: UTF8.self)
        #expect(tu.contains("\"tu\":[[\"tư\",\"tù\",\"tú\",\"tự\"]"), "most used first, then code point order: \(tu)")
    }

    @Test("parts taken a few at a time (a large archive's search pass) never run more at once, and come back in order", arguments: [1, 3])
    func partsAtMostWidthAtOnce(width: Int) async throws {
        let running = Mutex((now: 0, most: 0))
        let out = await SearchFiles.inParallel(12, width: width) { (p) -> Int in
            running.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            // Long enough for another task to start if the width allowed it.
            var x = 0
            for i in 0..<200_000 { x &+= i &* p }
            running.withLock { $0.now -= 1 }
            return p * 10 + (x == -1 ? 1 : 0)
        }
        #expect(out == (0..<12).map { $0 * 10 })
        #expect(running.withLock { $0.most } <= width)
        #expect(running.withLock { $0.now } == 0)
    }

    @Test("the build's path (load tasks merged in parallel parts, parts encoded in parallel) writes the session's files byte for byte")
    func mergedPartsWriteTheSessionsFiles() async throws {
        // Words from a syllable list, articles spread over twelve load tasks: enough words and pairs for more than
        // sixteen shards, "và" in every article (more than 4 KB of postings: a file of its own), spellings that vary.
        let syllables = ["tự", "tư", "diễn", "biến", "chỉ", "thị", "đảng", "bộ", "tỉnh", "nghị", "quyết", "số", "năm", "học", "tập",
                         "phê", "bình", "cán", "dân", "vận", "Cần", "Thơ", "kinh", "tế", "xã", "hội", "văn", "hóa", "hoá", "giáo", "dục"]
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var chunks = [ChunkPostings](repeating: ChunkPostings(), count: 12)
        let count = 3000
        for a in 0..<count {
            var words: [String] = []
            for _ in 0..<40 { words.append(syllables[next(syllables.count)] + (next(4) == 0 ? String(next(300)) : "")) }
            let title = words.prefix(5).joined(separator: " ")
            chunks[a * 12 / count].add(article: UInt32(a), title: title, text: "và " + words.joined(separator: " ") + ".")
        }
        let rank = (0..<count).map { ($0 * 7919) % count }
        // As a whole build merges them: written to a spill part by part, read back part by part.
        let parallel = PostingsMerger(spill: MemorySpill())
        for c in chunks { try parallel.absorb(c) }
        let built = try await SearchFiles.shards(merged: parallel, rank: rank)
        let serial = PostingsMerger()
        for c in chunks.reversed() { try serial.absorb(c) }
        let session = await SearchFiles.shards(try serial.postings(), rank: rank, reusing: [:], changed: nil)
        #expect(built.shards.count > 16, "more than the smallest shard count: \(built.shards.count)")
        #expect(!built.words.isEmpty, "a word with its own file")
        #expect(built.shards == session.shards)
        #expect(built.words == session.words)
        // What the page's script relies on: every key in its first word's shard, keys in order, and a word with a
        // file of its own numbered in the order of shards and keys.
        var own = 0
        for (s, shard) in built.shards.enumerated() {
            let body = String(decoding: shard.dropFirst().dropLast(2), as: UTF8.self)
            var previous = ""
            for line in body.components(separatedBy: ",\n") {
                let key = String(line.dropFirst().prefix { $0 != "\"" })
                #expect(SearchText.bucket(String(key.prefix { $0 != " " }), of: built.shards.count) == s, "\(key) in shard \(s)")
                #expect(previous < key)
                previous = key
                let value = line.dropFirst(key.utf8.count + 3)
                if let n = Int(value) {
                    #expect(n == own, "\(key): file \(n), expected \(own)")
                    own += 1
                }
            }
        }
        #expect(own == built.words.count)
    }

    @Test("a search work file cut short or damaged is an error, not a crash or a hang")
    func damagedSpillIsAnError() throws {
        var chunk = ChunkPostings()
        chunk.add(article: 0, title: "Tư Điện Biên", text: "Tư liệu về Điện Biên")
        let spill = MemorySpill()
        let merger = PostingsMerger(spill: spill)
        try merger.absorb(chunk)
        let whole = spill.parts.withLock { $0 }
        let p = try #require(whole.firstIndex { !$0.isEmpty })
        for cut in [whole[p].count - 1, 1] {
            let damaged = MemorySpill()
            damaged.parts.withLock { $0[p] = Array(whole[p].prefix(cut)) }
            let other = PostingsMerger(spill: damaged)
            #expect(throws: SpillFailure.self) { try other.postings() }
        }
        let overlong = MemorySpill()
        overlong.parts.withLock { $0[p] = [1, 0x61, 0, 1] + [UInt8](repeating: 0xFF, count: 12) }
        #expect(throws: SpillFailure.self) { try PostingsMerger(spill: overlong).postings() }
    }
}

/// A spill in memory, standing for the build's work files.
final class MemorySpill: PostingsSpill {
    let parts = Mutex([[UInt8]](repeating: [], count: PostingsMerger.partCount))
    func append(_ part: Int, _ bytes: [UInt8]) { parts.withLock { $0[part] += bytes } }
    func take(_ part: Int) -> [UInt8] { parts.withLock { let t = $0[part]; $0[part] = []; return t } }
}
