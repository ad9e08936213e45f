import Archive
import Documents
import Foundation
import Markup
import Vietnamese

/// `bantin refs`: the documents a Markdown or plain-text file cites, with where each mention stands in the file.
public struct ReferenceReport: Sendable, Encodable {
    public struct Position: Sendable, Encodable {
        public var text: String
        public var line: Int
        public var column: Int
    }
    public struct Document: Sendable, Encodable {
        public var label: String
        public var slug: String
        public var type: String
        /// The document's number as an integer (5 for "05-CT/TW", 4 for the fourth plenum, 12 for Congress XII).
        public var number: Int
        public var issuer: String
        public var year: Int?
        public var title: String?
        public var mentions: [Position]
    }
    public var file: String
    public var documents: [Document]
    public var unresolved: [Position]

    /// One file as read, before the archive-wide pass.
    struct Scanned {
        var display: String
        var date: IssueDate?
        /// Each mention: where it stands, its key as the file alone tells (nil: a short form), and the mention.
        var found: [(position: Position, resolved: ResolvedMention)]
        var added: [DocumentKey] = []
        var excluded: [DocumentKey] = []
    }

    /// Scans one file on its own (an archive of one).
    public static func scan(path: String, display: String, registry: Registry, locality: String?, date: IssueDate? = nil) throws(SiteError) -> ReferenceReport {
        let (reports, errors) = scan(files: [(path, display)], registry: registry, locality: locality, date: date)
        if let e = errors.first { throw e }
        return reports[0]
    }

    /// Scans files as one archive, exactly as the build settles documents: each file resolved on its own, then
    /// the archive-wide pass over all of them. `date` stands for files that carry none (plain text).
    /// Returns a report per readable file, in order, and the errors of the others.
    public static func scan(files: [(path: String, display: String)], registry: Registry, locality: String?,
                            date: IssueDate? = nil) -> ([ReferenceReport], [SiteError]) {
        var scanned: [Scanned] = []
        var errors: [SiteError] = []
        for (path, display) in files {
            do throws(SiteError) { scanned.append(try read(path: path, display: display, registry: registry, locality: locality, date: date)) }
            catch { errors.append(error) }
        }
        var unification = Unification(registry: registry)
        for f in scanned {
            for (_, r) in f.found {
                if let k = r.key { unification.add(k, issued: r.mention.issued, citedOn: f.date) }
                else if !r.mention.key.issuer.isEmpty { unification.add(r.mention.key, issued: r.mention.issued, citedOn: f.date) }
            }
            for k in f.added { unification.add(k, citedOn: f.date) }
        }
        let unified = unification.finish()
        var reports: [ReferenceReport] = []
        for f in scanned {
            var documents: [Document] = []
            var byKey: [DocumentKey: Int] = [:]
            var unresolved: [Position] = []
            let excluded = Set(f.excluded.map { unified.resolve($0, writtenOn: f.date).key })
            func add(_ key: DocumentKey, _ position: Position?, title: String?) {
                if excluded.contains(key) { return }
                if let d = byKey[key] {
                    if let position { documents[d].mentions.append(position) }
                    if documents[d].title == nil { documents[d].title = title }
                    return
                }
                byKey[key] = documents.count
                documents.append(Document(label: key.label, slug: key.slug, type: key.type, number: key.number, issuer: key.issuer,
                                          year: key.year, title: registry.document(for: key)?.entry.title ?? title,
                                          mentions: position.map { [$0] } ?? []))
            }
            for (pos, r) in f.found {
                let m = r.mention
                let settled = unified.settle(r.key ?? m.key, shortForm: r.key == nil ? (m.issuerName, m.hasNumberWord) : nil, writtenOn: f.date)
                switch settled {
                case .document(let k, _): add(k, pos, title: m.title)
                case .unresolved: unresolved.append(pos)
                case .prose: break
                }
            }
            for k in f.added { add(unified.resolve(k, writtenOn: f.date).key, nil, title: nil) }
            reports.append(ReferenceReport(file: f.display, documents: documents, unresolved: unresolved))
        }
        return (reports, errors)
    }

    /// Reads one file: Markdown front matter gives the date, locality and overrides; code and link text are not read.
    static func read(path: String, display: String, registry: Registry, locality: String?, date: IssueDate?) throws(SiteError) -> Scanned {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SiteError(path: display, message: "cannot read the file")
        }
        var original = [UInt8](data)
        if original.starts(with: [0xEF, 0xBB, 0xBF]) { original.removeFirst(3) }
        if let bad = Normalization.firstInvalidUTF8(original) {
            let (l, c) = LoadContext.position(of: bad, in: original)
            throw SiteError(path: display, line: l, column: c, message: "the file is not valid UTF-8 (byte \(bad)); save it as UTF-8")
        }
        let originalText = String(decoding: original, as: UTF8.self)
        let text = Normalization.nfc(originalText)
        let bytes = Array(text.utf8)
        let recogniser = Recogniser()
        let resolver = Resolver(registry: registry)
        var context = ArticleContext(date: date, locality: locality)
        var found: [(run: Int, mention: Mention)] = []
        var places: [String] = []
        var runStarts: [Int] = []  // byte offset in `bytes` each run's ranges are relative to; -1 when located by search
        var runTexts: [String] = []
        var runLines: [Int] = []
        var added: [DocumentKey] = [], excluded: [DocumentKey] = []

        if path.hasSuffix(".md") || path.hasSuffix(".markdown") {
            var bodyOffset = 0
            var bodyLine = 1
            if bytes.starts(with: Array("---".utf8)) {
                let meta = try Article.parse(bytes, path: display, config: SiteConfig())
                context = ArticleContext(date: IssueDate(year: meta.date.year, month: meta.date.month, day: meta.date.day),
                                         locality: meta.locality ?? locality)
                bodyOffset = meta.bodyOffset
                bodyLine = meta.bodyLine
                // The headline counts, as in the build (no position is reported inside the front matter's value
                // beyond its line).
                let r = recogniser.scan(meta.title)
                for m in r.mentions { found.append((0, m)) }
                places += r.localities
                runTexts.append(meta.title); runLines.append(1); runStarts.append(-1)
                for (t, line) in meta.documentsAdded {
                    if let k = try LoadContext.key(for: t, line: line, path: display, recogniser: recogniser, resolver: resolver,
                                                   context: context) { added.append(k) }
                }
                for (t, line) in meta.documentsExcluded {
                    if let k = try LoadContext.key(for: t, line: line, path: display, recogniser: recogniser, resolver: resolver,
                                                   context: context) { excluded.append(k) }
                }
            }
            let body = String(decoding: bytes[bodyOffset...], as: UTF8.self)
            let first = runTexts.count
            _ = Markdown.render(body) { runs in
                for (i, run) in runs.enumerated() {
                    let r = recogniser.scan(run.text)
                    for m in r.mentions { found.append((first + i, m)) }
                    places += r.localities
                    runTexts.append(run.text)
                    runLines.append(run.line + bodyLine - 1)
                    runStarts.append(-1)
                }
                return []
            }
        } else {
            let r = recogniser.scan(text)
            found = r.mentions.map { (0, $0) }
            places = r.localities
            runTexts = [text]
            runLines = [1]
            runStarts = [0]
        }
        let resolved = resolver.resolve(found, localities: places, context: context)
        // Swift compares strings by canonical equivalence: compare the bytes to know whether the file was NFC.
        var locator = Locator(nfc: bytes, original: originalText, needsMapping: !text.utf8.elementsEqual(originalText.utf8))

        var out: [(position: Position, resolved: ResolvedMention)] = []
        var searchFrom: [Int: Int] = [:]
        let runBytes = runTexts.map { Array($0.utf8) }
        for r in resolved {
            let written = String(decoding: runBytes[r.run][r.mention.range], as: UTF8.self)
            var offset: Int
            if runStarts[r.run] >= 0 {
                offset = runStarts[r.run] + r.mention.range.lowerBound
            } else {
                // Markdown: find the mention's text in the source, from its block's line on.
                let from = max(searchFrom[r.run] ?? 0, locator.offset(ofLine: runLines[r.run]))
                offset = locator.find(written, from: from) ?? locator.offset(ofLine: runLines[r.run])
                searchFrom[r.run] = offset + 1
            }
            let (line, column, asWritten) = locator.position(nfcOffset: offset, length: written.utf8.count)
            out.append((Position(text: asWritten, line: line, column: column), r))
        }
        return Scanned(display: display, date: context.date, found: out, added: added, excluded: excluded)
    }
}

/// Maps offsets in the NFC text back to lines and columns (Unicode scalars) of the file as written.
/// Maps offsets in the NFC text back to lines and columns (Unicode scalars) of the file as written. Positions
/// are asked for in increasing order, so it keeps a cursor: a file costs one walk, however dense its references.
struct Locator {
    let nfc: [UInt8]
    let needsMapping: Bool
    let lineStarts: [Int]
    /// The file's own lines, when it was not NFC.
    let sourceLines: [Substring]
    /// Where the last position was found: line (0-based), NFC offset, and its scalar column in the NFC text.
    var line = -1, offset = 0, column = 1
    /// The same place in the file's own line, when it was not NFC.
    var sourceIndex: String.Index? = nil, sourceBytes = 0, sourceColumn = 1

    init(nfc: [UInt8], original: String, needsMapping: Bool) {
        self.nfc = nfc
        self.needsMapping = needsMapping
        var starts = [0]
        for (i, b) in nfc.enumerated() where b == 0x0A { starts.append(i + 1) }
        lineStarts = starts
        sourceLines = needsMapping ? original.split(separator: "\n", omittingEmptySubsequences: false) : []
    }

    func offset(ofLine line: Int) -> Int { lineStarts[max(0, min(lineStarts.count - 1, line - 1))] }

    /// The first place of `needle` at or after `from`, looked for within 64 KB: text cmark changed (escapes, smart
    /// quotes) is not found, and must not cost a scan of the rest of the file.
    func find(_ needle: String, from: Int) -> Int? {
        let n = Array(needle.utf8)
        guard !n.isEmpty, n.count <= nfc.count else { return nil }
        var i = max(0, from)
        let limit = min(nfc.count, i + 65536)
        while i + n.count <= limit {
            if nfc[i] == n[0], nfc[i..<(i + n.count)].elementsEqual(n) { return i }
            i += 1
        }
        return nil
    }

    /// Line, column and the text as written for a span of the NFC text.
    mutating func position(nfcOffset: Int, length: Int) -> (Int, Int, String) {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= nfcOffset { lo = mid } else { hi = mid - 1 }
        }
        if lo != line || nfcOffset < offset {
            line = lo; offset = lineStarts[lo]; column = 1
            sourceIndex = nil; sourceBytes = 0; sourceColumn = 1
        }
        while offset < nfcOffset {
            if nfc[offset] & 0xC0 != 0x80 { column += 1 }
            offset += 1
        }
        let span = String(decoding: nfc[nfcOffset..<min(nfc.count, nfcOffset + length)], as: UTF8.self)
        guard needsMapping, lo < sourceLines.count else { return (lo + 1, column, span) }
        // The file was not NFC: walk its own line, character by character, to the same place.
        let source = sourceLines[lo]
        var idx = sourceIndex ?? source.startIndex
        let target = nfcOffset - lineStarts[lo]
        while idx < source.endIndex, sourceBytes < target {
            let ch = source[idx]
            sourceBytes += String(ch).precomposedStringWithCanonicalMapping.utf8.count
            sourceColumn += ch.unicodeScalars.count
            idx = source.index(after: idx)
        }
        sourceIndex = idx
        var end = idx
        var spanBytes = 0
        while end < source.endIndex, spanBytes < span.utf8.count {
            spanBytes += String(source[end]).precomposedStringWithCanonicalMapping.utf8.count
            end = source.index(after: end)
        }
        return (lo + 1, sourceColumn, String(source[idx..<end]))
    }
}
