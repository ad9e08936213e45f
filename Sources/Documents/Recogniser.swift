import Vietnamese

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
    }

    static let typeWords: [TypeWord] = {
        let list: [(String, String, Bool)] = [
            ("nghị quyết", "Nghị quyết", false), ("chỉ thị", "Chỉ thị", false), ("kết luận", "Kết luận", false),
            ("quy định", "Quy định", false), ("qui định", "Quy định", false), ("quyết định", "Quyết định", false),
            ("kế hoạch", "Kế hoạch", false), ("hướng dẫn", "Hướng dẫn", false),
            ("thông báo kết luận", "Thông báo", false), ("thông báo", "Thông báo", false),
            ("thông tri", "Thông tri", false), ("thông tư liên tịch", "Thông tư liên tịch", false),
            ("thông tư", "Thông tư", false), ("quy chế", "Quy chế", false), ("qui chế", "Quy chế", false),
            ("chương trình", "Chương trình", false), ("đề án", "Đề án", false), ("báo cáo", "Báo cáo", false),
            ("tờ trình", "Tờ trình", false), ("nghị định", "Nghị định", false), ("luật", "Luật", false),
            ("công văn", "Công văn", false), ("văn bản", "Văn bản", false), ("nq", "Nghị quyết", true),
        ]
        return list.map { TypeWord(phrase: Phrase($0.0), canonical: $0.1, plenumOnly: $0.2) }
    }()

    /// For each first byte of a type word (either case), the type words that start with it.
    static let dispatch: [[Int]] = {
        var table = [[Int]](repeating: [], count: 256)
        for (k, w) in typeWords.enumerated() {
            let first = Unicode.Scalar(w.phrase.words[0][0])!
            for s in [String(first), String(first).uppercased()] {
                let byte = Int(s.utf8.first!)
                if !table[byte].contains(k) { table[byte].append(k) }
            }
        }
        // Locality markers "Tỉnh ủy X", "Thành ủy X" start with t/T too; they share the dispatch of "thông…".
        return table
    }()

    static let localityMarkers = [Phrase("tỉnh ủy"), Phrase("tỉnh uỷ"), Phrase("thành ủy"), Phrase("thành uỷ")]

    /// Finds every reference in `text` (which should be NFC; the build normalises first).
    public func scan(_ text: String) -> ScanResult {
        var text = text
        return text.withUTF8 { scan(bytes: $0) }
    }

    /// Finds every reference in UTF-8 bytes.
    public func scan(bytes: UnsafeBufferPointer<UInt8>) -> ScanResult {
        let s = ByteScanner(b: bytes)
        var result = ScanResult(mentions: [], localities: [])
        let n = bytes.count
        var i = 0
        while i < n {
            let c = bytes[i]
            let candidates = Recogniser.dispatch[Int(c)]
            if candidates.isEmpty || (i > 0 && !boundaryBefore(s, i)) {
                i += 1
                continue
            }
            var advanced = false
            for k in candidates {
                let tw = Recogniser.typeWords[k]
                guard let end = s.phrase(tw.phrase, at: i) else { continue }
                if isDraft(s, i) { break }
                var parser = ReferenceParser(s: s, start: i, typeWord: tw)
                if let (found, resume) = parser.parse(after: end) {
                    result.mentions.append(contentsOf: found)
                    i = resume
                    advanced = true
                }
                break
            }
            if !advanced, c == 0x74 || c == 0x54 {  // t/T: maybe "Tỉnh ủy Cần Thơ"
                if let (_, e) = s.anyPhrase(Recogniser.localityMarkers, at: i), let (name, _) = properName(s, after: e) {
                    result.localities.append(name)
                }
            }
            if !advanced { i += 1 }
        }
        return result
    }

    @inline(__always)
    func boundaryBefore(_ s: ByteScanner, _ i: Int) -> Bool {
        let p = s.b[i - 1]
        if p < 0x80 { return !ByteScanner.isWordChar(UInt32(p)) }
        guard let v = s.scalar(before: i) else { return true }
        return !ByteScanner.isWordChar(v)
    }

    /// "dự thảo Nghị quyết": drafts are not documents.
    func isDraft(_ s: ByteScanner, _ i: Int) -> Bool {
        guard i >= 9 else { return false }
        let window = s.string(max(0, i - 12)..<i)
        return window.lowercased().hasSuffix("thảo ")
    }
}

/// Capitalised words after a committee name: "Thành ủy Cần Thơ đã…" → "Cần Thơ".
func properName(_ s: ByteScanner, after i: Int) -> (String, Int)? {
    var j = i
    // "Thành ủy Thành phố Hồ Chí Minh", "Tỉnh ủy tỉnh Bình Dương": the place word is not part of the name.
    if let (_, e) = s.anyPhrase(ReferenceParser.placeWords, at: s.skipSpace(i)) { j = e }
    var words: [String] = []
    while words.count < 5 {
        var start = j
        while start < s.count, s.b[start] == 0x20 || s.b[start] == 0x09 { start += 1 }  // a name never crosses a line
        guard start > j, start < s.count else { break }
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
