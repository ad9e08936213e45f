import Vietnamese

/// One non-empty line of a scraped page, trimmed, with runs of spaces, tabs and no-break spaces made one space.
struct Line: Sendable, Equatable {
    var text: String
    /// Words (runs of non-spaces), counted on the bytes.
    var words: Int
    /// The line with ASCII folded to lower case, for cross-page evidence; nil for lines longer than `Shapes.shortLine`
    /// bytes: paragraphs are never chrome by repetition.
    var exact: Int?
    /// A short line's shape (at most 80 bytes, with a digit): every run of digits, with the dots, commas, colons and
    /// slashes inside it, one `#`, so "Lượt xem: 1.204" and "Lượt xem: 87" are one shape. Headlines are compared
    /// exactly, never by shape, so the parts of a series ("… (P1)", "… (P2)") stay apart.
    var shape: Int?
    /// A hash of a longer line's bytes, to find pages that share a paragraph (an article published twice).
    var paragraphHash: Int?
}

/// A page split into lines, on the UTF-8 bytes: no `Character` walk over the text.
struct Page: Sendable {
    var lines: [Line]

    init(lines: [Line]) { self.lines = lines }

    /// `bytes` must be valid UTF-8 (a BOM is skipped). NFD input is composed first.
    init(utf8 input: [UInt8]) {
        var bytes = input
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bytes.removeFirst(3) }
        if !Normalization.isLikelyNFC(bytes) {
            bytes = Array(Normalization.nfc(String(decoding: bytes, as: UTF8.self)).utf8)
        }
        var lines: [Line] = []
        var scratch: [UInt8] = []
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var start = 0
            while start <= n {
                var end = start
                while end < n, b[end] != 0x0A, b[end] != 0x0D { end += 1 }
                if let line = Page.line(b, start, end, &scratch) { lines.append(line) }
                // CRLF, CR or LF ends a line.
                if end < n, b[end] == 0x0D, end + 1 < n, b[end + 1] == 0x0A { end += 1 }
                start = end + 1
            }
        }
        self.lines = lines
    }

    /// Lines are compared by a 64-bit hash of their bytes: no String is made or normalised for it.
    static func hash(_ bytes: [UInt8]) -> Int {
        var h = Hasher()
        bytes.withUnsafeBytes { h.combine(bytes: $0) }
        return h.finalize()
    }

    static func line(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, _ scratch: inout [UInt8]) -> Line? {
        // Space, tab, no-break space (C2 A0), zero-width space (E2 80 8B) and BOM (EF BB BF) are blanks.
        func blank(_ i: Int) -> Int {
            let c = b[i]
            if c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0C { return 1 }
            if c == 0xC2, i + 1 < to, b[i + 1] == 0xA0 { return 2 }
            if c == 0xE2, i + 2 < to, b[i + 1] == 0x80, b[i + 2] == 0x8B { return 3 }
            if c == 0xEF, i + 2 < to, b[i + 1] == 0xBB, b[i + 2] == 0xBF { return 3 }
            return 0
        }
        scratch.removeAll(keepingCapacity: true)
        var words = 0
        var i = from
        var pendingSpace = false
        while i < to {
            let w = blank(i)
            if w > 0 {
                pendingSpace = true
                i += w
                continue
            }
            if pendingSpace || scratch.isEmpty {
                if !scratch.isEmpty { scratch.append(0x20) }
                words += 1
                pendingSpace = false
            }
            scratch.append(b[i])
            i += 1
        }
        guard !scratch.isEmpty else { return nil }
        let text = String(decoding: scratch, as: UTF8.self)
        var exact: Int? = nil, shape: Int? = nil, paragraphHash: Int? = nil
        if scratch.count > Shapes.shortLine {
            paragraphHash = hash(scratch)
        } else {
            var e: [UInt8] = []
            e.reserveCapacity(scratch.count)
            var s: [UInt8] = []
            var digits = false
            var k = 0
            while k < scratch.count {
                let c = scratch[k]
                let lower = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                e.append(lower)
                if c >= 0x30 && c <= 0x39 {
                    digits = true
                    s.append(0x23)
                    k += 1
                    while k < scratch.count {
                        let d = scratch[k]
                        let inNumber = d >= 0x30 && d <= 0x39
                            || ((d == 0x2E || d == 0x2C || d == 0x3A || d == 0x2F) && k + 1 < scratch.count && scratch[k + 1] >= 0x30 && scratch[k + 1] <= 0x39)
                        guard inNumber else { break }
                        e.append(d)
                        k += 1
                    }
                    continue
                }
                s.append(lower)
                k += 1
            }
            exact = hash(e)
            if digits, scratch.count <= 80 { shape = hash(s) }
        }
        return Line(text: text, words: words, exact: exact, shape: shape, paragraphHash: paragraphHash)
    }
}

/// Evidence across the pages of one folder: how many pages hold each line shape. A site prints its banner, menus,
/// breadcrumbs, share bars and footer on every page, so a short line found on several pages of the folder is the
/// site's, not the article's (the idea of boilerplate removers such as jusText and trafilatura).
public struct SiteEvidence: Sendable {
    var pagesWithShape: [Int: Int] = [:]
    public private(set) var pages = 0

    public init() {}

    var pagesWithParagraph: [Int: Int] = [:]

    var pagesWithLine: [Int: Int] = [:]

    mutating func add(_ page: Page) {
        pages += 1
        var seen = Set<Int>()
        var seenShapes = Set<Int>()
        var seenParagraphs = Set<Int>()
        for line in page.lines {
            if let s = line.exact, seen.insert(s).inserted { pagesWithLine[s, default: 0] += 1 }
            if let s = line.shape, seenShapes.insert(s).inserted { pagesWithShape[s, default: 0] += 1 }
            if let h = line.paragraphHash, seenParagraphs.insert(h).inserted { pagesWithParagraph[h, default: 0] += 1 }
        }
    }

    /// Whether the page shares its text with another page of the folder (two or more paragraphs, or most of them): the
    /// same article saved twice, whose headline and lead repeat too and must not be taken for the site's chrome.
    func sharesText(_ page: Page) -> Bool {
        var long = 0, shared = 0
        for line in page.lines {
            guard let h = line.paragraphHash else { continue }
            long += 1
            if (pagesWithParagraph[h] ?? 1) >= 2 { shared += 1 }
        }
        return shared >= 2 || (shared > 0 && shared * 2 >= long)
    }

    /// On how many pages of the folder this line appears (1 when only on its own page); by its shape too unless
    /// `exactly`.
    func pages(with line: Line, exactly: Bool = false) -> Int {
        let same = line.exact.flatMap { pagesWithLine[$0] } ?? 1
        guard !exactly, let s = line.shape else { return same }
        return max(same, pagesWithShape[s] ?? 1)
    }
}
