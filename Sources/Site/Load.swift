import Archive
import Documents
import FileIO
import Foundation
import Markup
import Search
import Synchronization
import Templating
import Vietnamese

/// Per-article result of the load stage: metadata only; the rendered body waits in the spill store.
struct ArticleRecord: Sendable {
    var meta: Article
    /// The headings (`SpillCoding.headings`) and the summary (plain text), spilled with the body: only the
    /// article's own page (and a feed's or a document page's entry) reads them, and holding them cost 0.6 KB per
    /// article. `PageRenderer.headings(_:)` and `summary(_:)` read them back.
    var headings: SpillLocation
    var summary: SpillLocation
    var words: Int
    /// As the article alone can tell; the archive-wide pass in `SiteIndex.build` settles their pages.
    var citations: [Citation]
    var body: SpillLocation
    /// The theme's `article-item` partial for this article, rendered once and reused by every list it is on;
    /// spilled with the body (0.8 KB per article is too much to hold for a whole large archive).
    var itemHTML: SpillLocation
    /// The article's plain text, for its search fragment (nil when search is off).
    var searchText: SpillLocation?
    /// A fingerprint of the article's path and text: equal fingerprints, equal pages (given the same site files).
    var signature: UInt64 = 0
    /// site.yml's `article_url`: one string every record shares, from which `url` is made when asked (kept per
    /// article, URLs cost 0.1 KB each).
    var urlPattern: String = ""
    /// Site-relative URL ("2017/12/slug/"), from site.yml's `article_url`.
    var url: String { SiteIndex.articleURL(meta, pattern: urlPattern) }
    /// The files of the site the article links to (`Content/…`, `static/…`), found or not, sorted; see `ArticleFiles`.
    var files: [String] = []
    /// `ArticleFiles.state(of: files)` when the article was read: the page shows their sizes, and whether they exist.
    var filesState: UInt64 = 0

    /// What the article's page is made of: its text, and the files it links to as they were when it was read.
    var pageSignature: UInt64 {
        guard filesState != 0 else { return signature }
        var f = Fingerprint()
        f.add(signature); f.add(filesState)
        return f.value
    }
    /// The links and images the body's source writes, with their place in the file (`bantin check` only; a build
    /// leaves it empty and the cache does not keep it).
    var sourceLinks: [WrittenLink] = []
}

/// Everything the load stage needs, shared read-only by its tasks.
struct LoadContext: Sendable {
    let siteDirectory: String
    let config: SiteConfig
    let registry: Registry
    let recogniser = Recogniser()
    let includeDrafts: Bool
    let theme: Theme
    /// The build's time in epoch seconds when future articles are left out; nil with `--future`.
    var futureAfter: Int? = nil
    /// Keep every link the bodies write, with its line and column (`bantin check`).
    var keepSourceLinks = false

    var markdownOptions: MarkdownOptions {
        MarkdownOptions(allowRawHTML: config.allowRawHTML, smartPunctuation: true, headingID: { Slug.make($0, maxLength: 60) },
                        collectPlainText: false, collectSourceLinks: keepSourceLinks)
    }

    /// Reads, parses, recognises and renders one article; the body goes to `spill`, its words to `postings` as
    /// article `id` (only once nothing can fail any more). Returns nil for drafts when drafts are not built.
    /// An article dated after `futureAfter` is left out too, and `future` set to its date (epoch seconds).
    func load(relativePath: String, spill: SpillWriter, postings: inout ChunkPostings, id: UInt32, future: inout Int?) throws(SiteError) -> ArticleRecord? {
        guard case .success(var bytes) = FileIO.readFile(siteDirectory + "/" + relativePath) else {
            throw SiteError(path: relativePath, message: "cannot read the file; check its permissions")
        }
        // Validated once, here; the body is later cut from this String, not decoded from the bytes again.
        guard var whole = String(validating: bytes, as: UTF8.self) else {
            let bad = Normalization.firstInvalidUTF8(bytes) ?? 0
            let (line, col) = Self.position(of: bad, in: bytes)
            throw SiteError(path: relativePath, line: line, column: col,
                            message: "the file is not valid UTF-8 (byte \(bad)); save it as UTF-8")
        }
        if !Normalization.isLikelyNFC(bytes) {
            whole = Normalization.nfc(whole)
            bytes = Array(whole.utf8)
        }
        var meta = try Article.parse(bytes, path: relativePath, config: config)
        // Tags and sources repeat across an archive: one copy of each for the whole build.
        meta.tags = Interned.strings(meta.tags)
        meta.source = meta.source.map(Interned.string)
        // Quotes as the body's (cmark never sees front matter); the slug was made from the title as written.
        meta.title = Typography.smartQuotes(meta.title)
        meta.summary = meta.summary.map(Typography.smartQuotes)
        let signature = Self.fingerprint(relativePath, bytes)
        if (meta.draft && !includeDrafts) || meta.undated { return nil }
        if let now = futureAfter, meta.date.epochSeconds > now {
            future = meta.date.epochSeconds
            return nil
        }
        var files = ArticleFiles(siteDirectory: siteDirectory, articlePath: relativePath, basePath: config.basePath)
        files.leadImage(&meta)

        let date = IssueDate(year: meta.date.year, month: meta.date.month, day: meta.date.day)
        let context = ArticleContext(date: date, locality: meta.locality ?? config.locality)
        let resolver = Resolver(registry: registry)
        var excluded: [DocumentKey] = []
        for (text, line) in meta.documentsExcluded {
            guard let key = try keyFor(text, line: line, path: relativePath, resolver: resolver, context: context) else { continue }
            excluded.append(key)
        }
        var collector = CitationCollector(recogniser: recogniser, resolver: resolver, context: context, excluded: excluded,
                                          headline: meta.title, nonce: signature)
        let body = Article.pageBody(String(whole[whole.utf8.index(whole.utf8.startIndex, offsetBy: meta.bodyOffset)...]))
        // What search reads of the body: a line per block (a snippet never runs from a heading into a paragraph).
        var text = ""
        let rendered = Markdown.render(body, options: markdownOptions, annotate: { runs in
            if config.search { text = TextRun.blockText(runs) }
            return collector.annotate(runs)
        }, destinations: { files.rewrite($0) })
        for w in files.warnings {
            let (line, column) = Self.position(ofBodyLine: w.line, byteColumn: w.byteColumn, in: bytes, bodyOffset: meta.bodyOffset)
            meta.warnings.append(SiteWarning(path: relativePath, line: line + meta.bodyLine - 1, column: column, message: w.message))
        }
        var searchText: SpillLocation? = nil
        // Only what the search fragment shows: its first `fragmentLimit` bytes, and one more to tell it was cut.
        if config.search {
            searchText = try Self.spill(Array(text.utf8.prefix(SearchFiles.fragmentLimit + 1)), spill, path: relativePath)
        }
        // Copied to their own size: arrays grown by appending keep up to twice the room, for the whole build.
        var citations: [Citation] = []
        citations.reserveCapacity(collector.citations.count + meta.documentsAdded.count)
        var finder = MentionFinder(bytes: bytes, bodyOffset: meta.bodyOffset, bodyLine: meta.bodyLine)
        for (i, var c) in collector.citations.enumerated() {
            if let s = collector.snippets[i] { c.snippet = try Self.spill(s, spill, path: relativePath) }
            let first = collector.firstMention[i]
            let blockLine = first.line == 0 ? nil : first.line + meta.bodyLine - 1
            // Only a citation that can end in a warning needs its column (a short form, a symbol without year or
            // term, a province's congress): the others skip the walk to it.
            let k = c.key
            if c.shortForm != nil || (k.year == nil && k.term == nil && (k.kind == .party || k.kind == .state)) || (k.kind == .congress && k.locality == nil) {
                let (line, column) = finder.position(of: first.text, blockLine: blockLine)
                c.line = Int32(truncatingIfNeeded: line); c.column = Int32(truncatingIfNeeded: column)
            } else {
                c.line = Int32(truncatingIfNeeded: blockLine ?? 1); c.column = 1
            }
            citations.append(c)
        }
        for (text, line) in meta.documentsAdded {
            guard let key = try keyFor(text, line: line, path: relativePath, resolver: resolver, context: context) else { continue }
            if !citations.contains(where: { $0.key == key }) {
                citations.append(Citation(key: key, count: 0, title: nil, snippet: nil))
            }
        }
        let summary = meta.summary ?? Self.trimSummary(rendered.firstParagraph, limit: 280)
        let location = try Self.spill(rendered.htmlUTF8, spill, path: relativePath)
        let summaryLocation = try Self.spill(summary, spill, path: relativePath)
        let headings = try Self.spill(SpillCoding.headings(rendered.headings), spill, path: relativePath)
        let relativeURL = SiteIndex.articleURL(meta, pattern: config.articleURL)
        let itemHTML = try Self.spill(theme.renderBytes("article-item", .object(PageRenderer.itemContext(meta, url: config.basePath + relativeURL, summary: summary))),
                                      spill, path: relativePath)
        if config.search { postings.add(article: id, title: meta.title, text: text) }
        let linked = files.files.sorted()
        var record = ArticleRecord(meta: meta, headings: headings, summary: summaryLocation,
                                   words: Self.wordCount(bytes[meta.bodyOffset...]), citations: citations,
                                   body: location, itemHTML: itemHTML, searchText: searchText, signature: signature,
                                   urlPattern: config.articleURL,
                                   files: linked, filesState: ArticleFiles.state(of: linked, siteDirectory: siteDirectory))
        if keepSourceLinks { record.sourceLinks = WrittenLink.place(rendered.sourceLinks, in: bytes, bodyLine: meta.bodyLine) }
        return record
    }

    /// An article's fingerprint: its path and its text (in NFC, as it is read).
    static func fingerprint(_ relativePath: String, _ nfcBytes: [UInt8]) -> UInt64 {
        var f = Fingerprint()
        f.add(relativePath)
        f.add(nfcBytes)
        return f.value
    }

    /// The fingerprint `load` would give the file now, or nil when it cannot be read as UTF-8.
    static func fingerprint(ofFile full: String, relativePath: String) -> UInt64? {
        guard case .success(var bytes) = FileIO.readFile(full) else { return nil }
        guard Normalization.firstInvalidUTF8(bytes) == nil else { return nil }
        if !Normalization.isLikelyNFC(bytes) { bytes = Array(Normalization.nfc(String(decoding: bytes, as: UTF8.self)).utf8) }
        return fingerprint(relativePath, bytes)
    }

    static func spill(_ html: String, _ spill: SpillWriter, path: String) throws(SiteError) -> SpillLocation {
        do { return try spill.append(html) } catch {
            throw SiteError(path: path, message: error.description)
        }
    }

    static func spill(_ bytes: [UInt8], _ spill: SpillWriter, path: String) throws(SiteError) -> SpillLocation {
        do { return try spill.append(bytes) } catch {
            throw SiteError(path: path, message: error.description)
        }
    }

    /// A reference from front matter (`documents:` or `documents_exclude:`), resolved like one in the text.
    func keyFor(_ text: String, line: Int, path: String, resolver: Resolver, context: ArticleContext) throws(SiteError) -> DocumentKey? {
        try Self.key(for: text, line: line, path: path, recogniser: recogniser, resolver: resolver, context: context)
    }

    static func key(for text: String, line: Int, path: String, recogniser: Recogniser, resolver: Resolver,
                    context: ArticleContext) throws(SiteError) -> DocumentKey? {
        let found = recogniser.scan(Normalization.nfc(text)).mentions
        guard found.count == 1, let m = found.first, !m.isShortForm else {
            throw SiteError(path: path, line: line, column: 1,
                            message: "“\(text)” is not a document reference Bantin can read; write it in full, e.g. “Chỉ thị số 05-CT/TW”")
        }
        return resolver.resolve([(0, m)], localities: [], context: context).first?.key
    }

    /// Where a mention stands in its file, for warnings: searched from its block's line (the headline's, in the
    /// front matter, from the start), each search starting where the last one ended, so an article costs one pass.
    struct MentionFinder {
        let bytes: [UInt8]
        let bodyOffset: Int
        let bodyLine: Int
        /// Where the last search ended, with its line and column: advancing it is the only walk over the bytes.
        var cursor: Int
        var cursorLine: Int
        var cursorColumn = 1
        init(bytes: [UInt8], bodyOffset: Int, bodyLine: Int) {
            self.bytes = bytes; self.bodyOffset = bodyOffset; self.bodyLine = bodyLine
            cursor = bodyOffset; cursorLine = bodyLine
        }

        mutating func advance(to target: Int) {
            while cursor < target {
                if bytes[cursor] == 0x0A { cursorLine += 1; cursorColumn = 1 } else if bytes[cursor] & 0xC0 != 0x80 { cursorColumn += 1 }
                cursor += 1
            }
        }

        /// (line, column), 1-based, column in Unicode scalars; the block's line and column 1 when not found as written.
        mutating func position(of text: String, blockLine: Int?) -> (Int, Int) {
            let needle = Array(text.utf8)
            guard let blockLine else {
                let head = Array(bytes[..<min(bodyOffset, 65536)])
                if !needle.isEmpty, let at = BodyLinks.find(needle, in: head, from: 0) { return LoadContext.position(of: at, in: bytes) }
                return (1, 1)
            }
            // Move the cursor to the block's line when it is behind.
            while cursorLine < blockLine, cursor < bytes.count { advance(to: cursor + 1) }
            guard !needle.isEmpty else { return (blockLine, 1) }
            // A bounded window: text cmark changed (escapes, smart quotes) is not found, and must not cost a scan.
            let limit = min(bytes.count, cursor + 65536)
            var i = cursor
            while i + needle.count <= limit {
                if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { break }
                i += 1
            }
            guard i + needle.count <= limit else { return (blockLine, 1) }
            advance(to: i)
            let found = (cursorLine, cursorColumn)
            // Past this one: the next mention written the same way is the next occurrence.
            advance(to: i + 1)
            return found
        }
    }

    /// Words of the Markdown source, for reading time: Markdown's own marks barely change the count.
    static func wordCount(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer { b in
            var n = 0
            var inWord = false
            for c in b {
                let space = c == 0x20 || c == 0x0A || c == 0x09
                if !space && !inWord { n &+= 1 }
                inWord = !space
            }
            return n
        }
    }

    /// The first paragraph cut at a word boundary: at most `limit` characters (scalars; the text is NFC), cut at
    /// the last space after half of them, without trailing punctuation, then "…". Works on the UTF-8 bytes.
    static func trimSummary(_ text: String, limit: Int) -> String {
        var text = text
        return text.withUTF8 { b -> String in
            // The byte where scalar number `limit` starts; none means the text is short enough.
            var count = 0, cutByte = -1
            for i in 0..<b.count where b[i] & 0xC0 != 0x80 {
                if count == limit { cutByte = i; break }
                count += 1
            }
            guard cutByte >= 0 else { return String(decoding: b, as: UTF8.self) }
            var cut = limit
            while cut > limit / 2, b[cutByte] != 0x20 {
                repeat { cutByte -= 1 } while b[cutByte] & 0xC0 == 0x80
                cut -= 1
            }
            var end = cutByte
            while end > 0 {
                let c = b[end - 1]
                if c == 0x2C || c == 0x3B || c == 0x3A || c == 0x2D || c == 0x20 { end -= 1; continue }
                // "–", U+2013
                if end >= 3, b[end - 3] == 0xE2, b[end - 2] == 0x80, c == 0x93 { end -= 3; continue }
                break
            }
            return String(decoding: UnsafeBufferPointer(rebasing: b[..<end]), as: UTF8.self) + "…"
        }
    }

    /// (line counted from the body's first, column in Unicode scalars) of a body position cmark gives in bytes.
    static func position(ofBodyLine line: Int, byteColumn: Int, in bytes: [UInt8], bodyOffset: Int) -> (Int, Int) {
        var start = bodyOffset, n = 1
        while n < line, let newline = bytes[start...].firstIndex(of: 0x0A) { start = newline + 1; n += 1 }
        var column = 1
        for b in bytes[start..<min(bytes.count, start + max(0, byteColumn - 1))] where b & 0xC0 != 0x80 {
            if b == 0x0A { break }
            column += 1
        }
        return (n, column)
    }

    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, col = 1
        for b in bytes[..<offset] {
            if b == 0x0A { line += 1; col = 1 } else if b & 0xC0 != 0x80 { col += 1 }
        }
        return (line, col)
    }
}

/// One shared copy of values many articles repeat (their tags, their source), for the whole build: a large
/// archive holds every record at once.
enum Interned {
    private static let table = Mutex<(strings: Set<String>, lists: Set<[String]>)>(([], []))

    /// `s`, or an earlier string with the same bytes. (Strings compare canonically: one with other bytes is kept
    /// as it is, so interning never changes what is written.)
    static func string(_ s: String) -> String {
        table.withLock { t in
            let kept = t.strings.insert(s).memberAfterInsert
            return kept.utf8.elementsEqual(s.utf8) ? kept : s
        }
    }

    /// The list with each string interned, or an earlier list with the same bytes.
    static func strings(_ list: [String]) -> [String] {
        guard !list.isEmpty else { return list }
        let each = list.map(string)
        return table.withLock { t in
            let kept = t.lists.insert(each).memberAfterInsert
            return kept.count == each.count && zip(kept, each).allSatisfy { $0.utf8.elementsEqual($1.utf8) } ? kept : each
        }
    }
}
