import Vietnamese

/// One bit per trigger pattern (type words and locality markers).
typealias PatternMask = UInt64

/// Finds references to Party and State documents in text: one pass over UTF-8 bytes, triggered by type words.
///
/// See docs/documents.md for the forms it reads. It never guesses: what the text does not say (year, term,
/// locality) stays empty here and is filled by `Resolver` from the article and the registry.
public struct Recogniser: Sendable {
    public init() {}

    struct TypeWord: Sendable {
        let phrase: Phrase
        let canonical: String
        /// Only counts when a plenum or congress follows ("NQ TW 4").
        let plenumOnly: Bool
        /// "Luật", "Bộ luật", "Pháp lệnh": a name may stand between the word and its number.
        let isLaw: Bool
        /// "Nghị quyết": a plenum or congress may follow.
        let isResolution: Bool
        /// "NĐ", "QĐ", "NQ": a bare number after them is a short form only when short and not a boat's ("tàu NĐ 1816").
        let isAbbreviation: Bool
        /// "quy định", "hướng dẫn", "thông báo", "báo cáo", "quyết định", "kết luận", "chương trình", "kế hoạch" are
        /// also verbs or common nouns: "quy định 3 loại" counts.
        let isAlsoAVerb: Bool

        init(phrase: Phrase, canonical: String, plenumOnly: Bool) {
            self.phrase = phrase; self.canonical = canonical; self.plenumOnly = plenumOnly
            isLaw = canonical == "Luật" || canonical == "Bộ luật" || canonical == "Pháp lệnh"
            isResolution = canonical == "Nghị quyết"
            isAbbreviation = phrase.words.count == 1 && phrase.words[0].count == 2
            isAlsoAVerb = ["Quy định", "Hướng dẫn", "Thông báo", "Báo cáo", "Quyết định", "Kết luận", "Chương trình",
                           "Kế hoạch"].contains(canonical) && phrase.words.count == 2
        }
    }

    static let typeWords: [TypeWord] = {
        let list: [(String, String, Bool)] = [
            ("nghị quyết", "Nghị quyết", false), ("chỉ thị", "Chỉ thị", false), ("kết luận", "Kết luận", false),
            ("quy định", "Quy định", false), ("qui định", "Quy định", false), ("quyết định", "Quyết định", false),
            ("kế hoạch", "Kế hoạch", false), ("hướng dẫn", "Hướng dẫn", false),
            ("thông báo", "Thông báo", false),
            ("thông tri", "Thông tri", false),
            ("thông tư", "Thông tư", false), ("quy chế", "Quy chế", false), ("qui chế", "Quy chế", false),
            ("chương trình", "Chương trình", false), ("đề án", "Đề án", false), ("báo cáo", "Báo cáo", false),
            ("tờ trình", "Tờ trình", false), ("nghị định", "Nghị định", false), ("luật", "Luật", false),
            ("công văn", "Công văn", false), ("văn bản", "Văn bản", false), ("nq", "Nghị quyết", false),
            ("công điện", "Công điện", false), ("bộ luật", "Bộ luật", false), ("pháp lệnh", "Pháp lệnh", false),
            // Abbreviations journalists write before a number: "NĐ 67", "QĐ 33", "NQ 128/NQ-CP", "NQ TW 4".
            ("nđ", "Nghị định", false), ("qđ", "Quyết định", false),
        ]
        return list.map { TypeWord(phrase: Phrase($0.0), canonical: $0.1, plenumOnly: $0.2) }
    }()

    /// Every trigger as lower-case UTF-8 in one buffer: the type words, then the locality markers.
    static let patterns: (bytes: [UInt8], ranges: [Range<Int>]) = {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        let texts = typeWords.map { $0.phrase.words.map { String(String.UnicodeScalarView($0.compactMap(Unicode.Scalar.init))) }.joined(separator: " ") }
            + ["tỉnh ủy", "tỉnh uỷ", "thành ủy", "thành uỷ"]
        for t in texts {
            let start = bytes.count
            bytes += Array(t.utf8)
            ranges.append(start..<bytes.count)
        }
        return (bytes, ranges)
    }()

    /// Index of the first locality marker in `patterns`.
    static let firstLocalityPattern = typeWords.count

    /// Positions checked by table before any pattern is compared.
    static let filterWidth = 8

    /// `byteMasks[p][b]`: the patterns (bit k = pattern k) whose byte at position p can be b, written in lower
    /// case, capitalised, title case or capitals. After the first space of a pattern the text may hold more
    /// spaces (or a no-break space), so from there every byte the pattern has so far, and every space, passes.
    /// Eight lookups reject almost every word before any pattern is compared; none ever rejects a match.
    static let byteMasks: [[PatternMask]] = {
        var tables = [[PatternMask]](repeating: [PatternMask](repeating: 0, count: 256), count: filterWidth)
        let (bytes, ranges) = patterns
        precondition(ranges.count <= PatternMask.bitWidth)
        let spaces: [UInt8] = [0x20, 0x09, 0x0A, 0x0D, 0xC2, 0xA0]
        for (k, r) in ranges.enumerated() {
            let text = String(decoding: bytes[r], as: UTF8.self)
            let words = text.split(separator: " ").map(String.init)
            let title = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }
            let forms = [text, title[0] + (words.count > 1 ? " " + words.dropFirst().joined(separator: " ") : ""),
                         title.joined(separator: " "), text.uppercased()]
            for form in forms {
                let b = Array(form.utf8)
                let firstSpace = b.firstIndex(of: 0x20)
                for p in 0..<filterWidth {
                    if p >= b.count {
                        for v in 0..<256 { tables[p][v] |= 1 << PatternMask(k) }
                    } else if let f = firstSpace, p >= f {
                        for v in b[f...p] + spaces { tables[p][Int(v)] |= 1 << PatternMask(k) }
                    } else {
                        tables[p][Int(b[p])] |= 1 << PatternMask(k)
                    }
                }
            }
        }
        return tables
    }()

    /// The tables of `byteMasks`, side by side in one buffer (position p at offset p × 256).
    static let flatByteMasks: [PatternMask] = byteMasks.flatMap { $0 }

    /// What a byte is: 1 part of a word (ASCII letter, digit, any byte of a multi-byte letter), 0 a separator,
    /// 2 the lead byte of a character that may be punctuation (`isPunctuation` decides).
    static let precedingByte: [UInt8] = (0..<256).map { b in
        // Vietnamese letters lead with C3, C4, C5, C6 or E1; C2 and E2 lead no-break spaces, quotes and dashes.
        if b == 0xC2 || b == 0xE2 { return 2 }
        if b >= 0x80 { return 1 }
        let v = UInt32(b)
        return ByteScanner.isWordChar(v) ? 1 : 0
    }

    /// Finds every reference in `text` (which should be NFC; the build normalises first).
    public func scan(_ text: String) -> ScanResult {
        var text = text
        return text.withUTF8 { scan(bytes: $0) }
    }

    /// Finds every reference in UTF-8 bytes.
    public func scan(bytes: UnsafeBufferPointer<UInt8>) -> ScanResult {
        Recogniser.flatByteMasks.withUnsafeBufferPointer { masks in
            Recogniser.precedingByte.withUnsafeBufferPointer { preceding in
                Recogniser.patterns.bytes.withUnsafeBufferPointer { pat in
                    scan(bytes, masks: masks, preceding: preceding, patterns: pat, ranges: Recogniser.patterns.ranges)
                }
            }
        }
    }

    /// The hot loop, over plain buffers: two table lookups per byte, and pattern matching only at the start of a
    /// word whose first byte can begin a trigger.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, masks: UnsafeBufferPointer<PatternMask>, preceding: UnsafeBufferPointer<UInt8>,
                      patterns pat: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>]) -> ScanResult {
        let s = ByteScanner(b: bytes)
        var mentions: [Mention] = []
        var localities: [String] = []
        let n = bytes.count
        let firstLocality = Recogniser.firstLocalityPattern
        // Try a word start: two table lookups decide whether any trigger can begin at `i`; returns where scanning
        // resumes after a reference, or nil.
        func attempt(_ i: Int) -> Int? {
            guard i &+ 7 < n else { return i &+ 1 < n ? attemptNearEnd(i) : nil }
            var mask = masks[Int(bytes[i])] & masks[256 &+ Int(bytes[i &+ 1])] & masks[512 &+ Int(bytes[i &+ 2])]
                & masks[768 &+ Int(bytes[i &+ 3])]
            guard mask != 0 else { return nil }
            mask &= masks[1024 &+ Int(bytes[i &+ 4])] & masks[1280 &+ Int(bytes[i &+ 5])] & masks[1536 &+ Int(bytes[i &+ 6])]
                & masks[1792 &+ Int(bytes[i &+ 7])]
            guard mask != 0 else { return nil }
            return tryPatterns(i, mask: mask)
        }

        // The last seven bytes of a text: too short for the table filter, so every pattern is tried.
        func attemptNearEnd(_ i: Int) -> Int? { tryPatterns(i, mask: PatternMask.max >> (PatternMask.bitWidth - ranges.count)) }

        func tryPatterns(_ i: Int, mask: PatternMask) -> Int? {
            if i > 0 {
                let before = bytes[i &- 1]
                if before < 0x80 ? preceding[Int(before)] == 1 : !boundaryBefore(s, i) { return nil }
            }
            var bits = mask
            while bits != 0 {
                let k = bits.trailingZeroBitCount
                bits &= bits &- 1
                guard let end = s.lowerPattern(pat, ranges[k], at: i) else { continue }
                if k >= firstLocality {
                    if let (name, _) = properName(s, after: end) { localities.append(name) }
                    return nil
                }
                if isDraft(s, i) { return nil }
                // "kỷ luật số 25/…" is a disciplinary decision, "dự luật" a bill: neither is a law.
                if Recogniser.typeWords[k].isLaw, previousWord(s, i, isOneOf: Recogniser.notLawBefore) { return nil }
                if Recogniser.typeWords[k].isAbbreviation, previousWord(s, i, isOneOf: Recogniser.notAbbreviationBefore) { return nil }
                var parser = ReferenceParser(s: s, start: i, typeWord: Recogniser.typeWords[k])
                guard let (found, resume) = parser.parse(after: end) else { return nil }
                mentions.append(contentsOf: found)
                return resume
            }
            return nil
        }

        // Word starts follow a byte below "A" (space, line break, digit, ASCII punctuation) or a multi-byte
        // punctuation mark (lead byte C2 or E2). Eight bytes at a time, SWAR finds those bytes without a branch
        // per byte; every candidate is then checked exactly, so a false alarm costs little and none is missed.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let belowA = ones &* 0x41, leadE2 = ones &* 0xE2, leadC2 = ones &* 0xC2
        var skipUntil = 0
        if let r = attempt(0) { skipUntil = r }
        var block = skipUntil
        let base = UnsafeRawPointer(bytes.baseAddress!)
        while block &+ 8 <= n {
            let x = base.loadUnaligned(fromByteOffset: block, as: UInt64.self)
            let e2 = x ^ leadE2, c2 = x ^ leadC2
            var flags = ((x &- belowA) & ~x & highs) | ((e2 &- ones) & ~e2 & highs) | ((c2 &- ones) & ~c2 & highs)
            var jumped = false
            while flags != 0 {
                let p = block &+ (flags.trailingZeroBitCount >> 3)
                flags &= flags &- 1
                let lead = bytes[p]
                let start = lead == 0xE2 ? p &+ 3 : (lead == 0xC2 ? p &+ 2 : p &+ 1)
                if start < skipUntil || start >= n { continue }
                if lead >= 0x80, !Recogniser.isPunctuation(bytes, at: p) { continue }
                if let r = attempt(start) {
                    skipUntil = r
                    block = r
                    jumped = true
                    break
                }
            }
            if !jumped { block &+= 8 }
        }
        // The last few bytes, one at a time.
        var p = max(block, skipUntil &- 1, 0)
        while p < n {
            let lead = bytes[p]
            let start = lead == 0xE2 ? p &+ 3 : (lead == 0xC2 ? p &+ 2 : p &+ 1)
            if (lead < 0x41 || (lead >= 0x80 && Recogniser.isPunctuation(bytes, at: p))), start >= skipUntil, start < n,
               let r = attempt(start) {
                skipUntil = r
                p = r
                continue
            }
            p &+= 1
        }
        return ScanResult(mentions: mentions, localities: localities)
    }

    /// Skips spaces, ASCII punctuation, and the multi-byte punctuation Vietnamese text uses (curly quotes,
    /// dashes, no-break space), stopping at the first byte of a word.
    @inline(__always)
    static func skipSeparators(_ b: UnsafeBufferPointer<UInt8>, from start: Int, preceding: UnsafeBufferPointer<UInt8>) -> Int {
        var i = start
        while i < b.count {
            let kind = preceding[Int(b[i])]
            if kind == 1 { break }
            if kind == 2 {
                guard isPunctuation(b, at: i) else { break }
                i &+= b[i] >= 0xE0 ? 3 : 2
                continue
            }
            i &+= 1
        }
        return i
    }

    /// True for the multi-byte characters that separate words: U+00A0 and U+2000…U+206F (quotes, dashes, ellipsis).
    @inline(__always)
    static func isPunctuation(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let c = b[i]
        if c == 0xC2 { return i &+ 1 < b.count && b[i &+ 1] == 0xA0 }
        if c == 0xE2 { return i &+ 1 < b.count && (b[i &+ 1] == 0x80 || b[i &+ 1] == 0x81) }
        return false
    }

    @inline(__always)
    func boundaryBefore(_ s: ByteScanner, _ i: Int) -> Bool {
        let p = s.b[i - 1]
        if p < 0x80 { return !ByteScanner.isWordChar(UInt32(p)) }
        guard let v = s.scalar(before: i) else { return true }
        return !ByteScanner.isWordChar(v)
    }

    /// "tàu NĐ 1816", "tàu cá QĐ 90": a boat's registration, not a decree.
    static let notAbbreviationBefore: [[UInt32]] = ["tàu", "cá", "hiệu"].map { Phrase($0).words[0] }
    static let notLawBefore: [[UInt32]] = ["kỷ", "dự", "pháp", "điều", "đạo", "bộ", "quân"].map { Phrase($0).words[0] }

    /// True when the word just before `i` (across one space) is one of `words` (lower case).
    func previousWord(_ s: ByteScanner, _ i: Int, isOneOf words: [[UInt32]]) -> Bool {
        guard i >= 2, s.b[i - 1] == 0x20 else { return false }
        var start = i - 1
        // At most eight bytes back: the words are short.
        while start > 0, i - start < 9 {
            guard let v = s.scalar(before: start), ByteScanner.isLetter(v) else { break }
            start = s.start(before: start)
        }
        guard start < i - 1 else { return false }
        return words.contains { s.word($0, at: start) == i - 1 }
    }

    /// "dự thảo Nghị quyết": drafts are not documents.
    func isDraft(_ s: ByteScanner, _ i: Int) -> Bool {
        // "thảo " is 74 68 E1 BA A3 6F 20; the t may be a capital.
        guard i >= 7 else { return false }
        let b = s.b
        return b[i - 1] == 0x20 && b[i - 2] == 0x6F && b[i - 3] == 0xA3 && b[i - 4] == 0xBA && b[i - 5] == 0xE1
            && (b[i - 6] == 0x68 || b[i - 6] == 0x48) && (b[i - 7] == 0x74 || b[i - 7] == 0x54)
    }
}

/// Capitalised words after a committee name: "Thành ủy Cần Thơ đã…" → "Cần Thơ".
func properName(_ s: ByteScanner, after i: Int) -> (String, Int)? {
    var j = i
    var tight = false
    // "Thành ủy Thành phố Hồ Chí Minh", "Tỉnh ủy tỉnh Bình Dương": the place word is not part of the name.
    if let (_, e) = s.anyPhrase(ReferenceParser.placeWords, at: s.skipSpace(i)) {
        j = e
        if j < s.count, s.b[j] == 0x2E { j += 1; tight = true }  // "TP. Hồ Chí Minh", "TP.HCM"
    }
    var words: [String] = []
    while words.count < 5 {
        var start = j
        while start < s.count, s.b[start] == 0x20 || s.b[start] == 0x09 { start += 1 }  // a name never crosses a line
        guard start > j || (tight && words.isEmpty), start < s.count else { break }
        let (v, _) = s.scalar(at: start)
        guard ByteScanner.isLetter(v), ByteScanner.isUpper(v) else { break }
        var e = start
        while e < s.count, ByteScanner.isLetter(s.scalar(at: e).value) { e += s.scalar(at: e).length }
        words.append(s.string(start..<e))
        j = e
    }
    guard !words.isEmpty, words.count <= 4 else { return nil }
    return (ToneStyle.modern(words.joined(separator: " ")), j)
}
