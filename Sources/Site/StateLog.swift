import Archive
import FileIO
import Foundation
import Search

/// The build cache's log: `state.log` beside `state.bin`, one record per cached build that changed something,
/// each holding only what that build changed (articles, the search postings it added and retired, the search
/// encodings it redid, the pages it wrote or removed). A one-edit build appends a few kilobytes instead of
/// rewriting the tens of megabytes of the state; the state is written whole again (and the log removed) when the
/// log would grow past a quarter of it, or when a build changed too much to log (everything read again, every list
/// entry redone).
///
/// Layout: `BANTIN-LOG-1\n`, the generation of the state it follows (a random number each whole save draws), then
/// records: payload length (8 bytes), payload, fingerprint of the payload (8 bytes). A log naming another
/// generation, a torn or damaged record, anything unreadable: the cache is ignored and the build reads everything.
enum StateLog {
    static let magic = Array("BANTIN-LOG-1\n".utf8)
    /// Below this the log is never compacted: a small state is cheap to rewrite, but tests need the log.
    static let minimumLimit = 256 << 10

    static func path(for state: String) -> String {
        (state as NSString).deletingLastPathComponent + "/state.log"
    }

    struct WrittenFile {
        var signature: UInt64
        var size: Int
        var seconds: Int
        var nanoseconds: Int
    }

    /// The state as read from `state.bin` with the log applied, before it is checked against the disk.
    struct Restored {
        var salt: UInt64 = 0
        var templates: [String: UInt64] = [:]
        var nextID: UInt64 = 0
        var sizes: [Int] = []
        var entries: [String: SiteSession.Entry] = [:]
        /// The pages the state describes, in its (sorted) order, and what the log changed of them (nil: removed).
        var pages: [(path: String, file: WrittenFile)] = []
        var pageChanges: [String: WrittenFile?] = [:]
        var search = PendingSearchLog()
        var lazy = LazyRecords()
        var summary: BuildSummary? = nil
    }

    /// Applies every record of `log` to `state`; false when the log is damaged or follows another state.
    static func replay(_ log: [UInt8], generation: UInt64, into state: inout Restored) -> Bool {
        guard log.count >= magic.count + 8, Array(log[..<magic.count]) == magic else { return false }
        var at = magic.count
        var header = ByteReader(log, at: at, limit: at + 8)
        guard let named = try? header.fixed(), named == generation else { return false }
        at += 8
        while at < log.count {
            var frame = ByteReader(log, at: at, limit: log.count)
            guard let length = try? frame.fixed(), length <= UInt64(log.count - at - 16) else { return false }
            let start = at + 8, end = start + Int(length)
            var hasher = StreamingFingerprint()
            log.withUnsafeBytes { hasher.add(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
            var check = ByteReader(log, at: end, limit: end + 8)
            guard let sum = try? check.fixed(), sum == hasher.value else { return false }
            var r = ByteReader(log, at: start, limit: end)
            do throws(ByteReader.Corrupt) {
                try apply(&r, to: &state, buffer: 1)
                guard r.isAtEnd else { return false }
            } catch {
                return false
            }
            at = end + 8
        }
        state.lazy.buffers = [log]
        return true
    }

    /// One record; the order of its parts is `SiteSession.appendToLog`'s.
    static func apply(_ r: inout ByteReader, to state: inout Restored, buffer: Int) throws(ByteReader.Corrupt) {
        state.salt = try r.fixed()
        state.templates = [:]
        for _ in 0..<(try r.count()) { state.templates[try r.string()] = try r.fixed() }
        state.nextID = try r.uint()
        state.sizes = []
        for _ in 0..<(try r.count()) { state.sizes.append(try r.int()) }
        for _ in 0..<(try r.count()) {
            let path = try r.string()
            state.entries[path] = nil
            state.lazy.ranges[path] = nil
        }
        for _ in 0..<(try r.count()) {
            let path = try r.string()
            let stamp = FileStamp(size: try r.int(), seconds: try r.int(), nanoseconds: try r.int(), inode: try r.uint())
            let id = try r.uint()
            guard id <= UInt64(UInt32.max) else { throw ByteReader.Corrupt() }
            state.entries[path] = SiteSession.Entry(stamp: stamp, result: .success(nil), id: UInt32(id))
            try state.lazy.skip(&r, path: path, buffer: buffer)
        }
        state.summary = try r.summary()
        for _ in 0..<(try r.count()) {
            let id = try r.uint()
            guard id <= UInt64(UInt32.max) else { throw ByteReader.Corrupt() }
            state.search.retired.insert(UInt32(id))
        }
        let added = try r.byteArray()
        if !added.isEmpty { state.search.postings.append(added) }
        guard r.at < r.limit else { throw ByteReader.Corrupt() }
        let mode = r.bytes[r.at]
        r.at += 1
        switch mode {
        case 0: break
        case 1: state.search.encodings.append(.cleared)
        case 2:
            var ranks: [Int] = []
            for _ in 0..<(try r.count()) { ranks.append(try r.int()) }
            var set: [(String, [UInt8])] = []
            for _ in 0..<(try r.count()) { set.append((try r.string(), try r.byteArray())) }
            let removed = try r.strings()
            state.search.encodings.append(.patch(ranks: ranks, set: set, removed: removed))
        default: throw ByteReader.Corrupt()
        }
        for _ in 0..<(try r.count()) { state.pageChanges.updateValue(nil, forKey: try r.string()) }
        for _ in 0..<(try r.count()) {
            let path = try r.string()
            state.pageChanges[path] = WrittenFile(signature: try r.fixed(), size: try r.int(), seconds: try r.int(), nanoseconds: try r.int())
        }
    }
}

/// Articles' records as the cache holds them, each decoded when a build first needs it: a build that finds
/// nothing changed decodes none.
struct LazyRecords {
    /// The state's bytes, then the log's.
    var buffers: [[UInt8]] = []
    var ranges: [String: (buffer: Int, start: Int, end: Int)] = [:]
    /// The sizes of the work files the records point into.
    var sizes: [Int] = []

    var isEmpty: Bool { ranges.isEmpty }

    /// Notes where the record of `path` is (nothing for an article without one) and moves past it.
    mutating func skip(_ r: inout ByteReader, path: String, buffer: Int) throws(ByteReader.Corrupt) {
        let n = try r.count()
        ranges[path] = n == 0 ? nil : (buffer, r.at, r.at + n)
        r.at += n
    }

    /// The record of `path` as saved, while it is not decoded.
    func raw(_ path: String) -> ArraySlice<UInt8>? {
        guard let (b, start, end) = ranges[path] else { return nil }
        return buffers[b][start..<end]
    }

    /// Decodes the record of `path`; nil when it is damaged or points outside the work files. `keys`: see
    /// `ByteReader.keyBox`.
    func decode(_ path: String, keys: inout [ArraySlice<UInt8>: DocumentKeyBox]) -> ArticleRecord? {
        guard let (b, start, end) = ranges[path] else { return nil }
        var r = ByteReader(buffers[b], at: start, limit: end)
        guard let record = try? r.record(keys: &keys), r.isAtEnd else { return nil }
        for loc in [record.body, record.itemHTML, record.summary, record.headings] + (record.searchText.map { [$0] } ?? []) + record.citations.compactMap(\.snippet) {
            guard loc.file >= 0, loc.file < sizes.count, loc.offset >= 0, loc.length >= 0, loc.offset + loc.length <= sizes[loc.file] else {
                return nil
            }
        }
        return record
    }
}

extension SiteSession {
    /// Decodes the record of `path` if it waits in `lazyRecords`. A record that cannot be decoded leaves the entry
    /// without one, so the article is read again.
    func materialize(_ path: String) {
        guard lazyRecords.ranges[path] != nil else { return }
        var keys: [ArraySlice<UInt8>: DocumentKeyBox] = [:]
        if let record = lazyRecords.decode(path, keys: &keys) {
            store.entries[path]?.result = .success(record)
        } else {
            store.entries[path]?.stamp = nil
        }
        lazyRecords.ranges[path] = nil
    }

    /// Decodes every record still waiting; returns the articles whose record could not be decoded (to read again).
    func materializeAll() -> [String] {
        var failed: [String] = []
        var keys: [ArraySlice<UInt8>: DocumentKeyBox] = [:]
        for (path, _) in lazyRecords.ranges {
            if let record = lazyRecords.decode(path, keys: &keys) {
                store.entries[path]?.result = .success(record)
            } else {
                store.entries[path]?.stamp = nil
                failed.append(path)
            }
        }
        lazyRecords = LazyRecords()
        return failed
    }
}

/// A part of the cache's bytes, kept where it was read rather than copied out.
struct CacheBytes {
    let base: [UInt8]
    let range: Range<Int>

    var count: Int { range.count }
    func reader() -> ByteReader { ByteReader(base, at: range.lowerBound, limit: range.upperBound) }
}

extension ByteReader {
    mutating func cacheBytes() throws(Corrupt) -> CacheBytes {
        let n = try count()
        defer { at += n }
        return CacheBytes(base: bytes, range: at..<at + n)
    }
}

extension StateSink {
    func write(_ part: CacheBytes) {
        part.base.withUnsafeBytes { raw in
            let slice = UnsafeRawBufferPointer(rebasing: raw[part.range])
            guard failure == 0 else { return }
            hasher.add(slice)
            if let error = FileIO.writeAll(fd, slice) { failure = error }
        }
    }
}

/// What the last good build reported, kept in the cache so a build that finds nothing changed reports the same
/// without indexing the site again.
struct BuildSummary {
    var articles: Int
    /// The pages planned, search files aside (`RebuildSummary.pages` adds the search shards written).
    var planCount: Int
    var documents: Int
    var warnings: [SiteWarning]
    var unresolved: [Unresolved]
    /// The files copied as they are (theme assets, static/, files beside articles).
    var extraPaths: [String]
    /// Every file of the site an article links to (found or not), and `ArticleFiles.state` of them all. A build
    /// of a site whose articles link to files is never reported from the summary alone.
    var linkedFiles: [String] = []
    var linkedState: UInt64 = 0
}

extension ByteWriter {
    /// A record, length first so a reader can pass it by; `raw` when it was never decoded. 0 for no record.
    mutating func lazyRecord(_ record: ArticleRecord?, raw: ArraySlice<UInt8>?) {
        if let raw {
            uint(UInt64(raw.count))
            out.append(contentsOf: raw)
        } else if let record {
            var w = ByteWriter()
            w.record(record)
            bytes(w.out)
        } else {
            uint(0)
        }
    }

    mutating func summary(_ s: BuildSummary?) {
        bool(s != nil)
        guard let s else { return }
        uint(UInt64(s.articles)); uint(UInt64(s.planCount)); uint(UInt64(s.documents))
        uint(UInt64(s.warnings.count))
        for w in s.warnings { string(w.path); int(w.line); int(w.column); string(w.message) }
        uint(UInt64(s.unresolved.count))
        for u in s.unresolved {
            string(u.path); int(u.line); int(u.column); string(u.text); string(u.reason.rawValue); strings(u.candidates); string(u.suggestion)
        }
        strings(s.extraPaths)
        strings(s.linkedFiles)
        uint(s.linkedState)
    }
}

extension ByteReader {
    mutating func summary() throws(Corrupt) -> BuildSummary? {
        guard try bool() else { return nil }
        let articles = Int(clamping: try uint()), planCount = Int(clamping: try uint()), documents = Int(clamping: try uint())
        var warnings: [SiteWarning] = []
        for _ in 0..<(try count()) { warnings.append(SiteWarning(path: try string(), line: try int(), column: try int(), message: try string())) }
        var unresolved: [Unresolved] = []
        for _ in 0..<(try count()) {
            let path = try string(), line = try int(), column = try int(), text = try string()
            guard let reason = Unresolved.Reason(rawValue: try string()) else { throw Corrupt() }
            unresolved.append(Unresolved(path: path, line: line, column: column, text: text, reason: reason, candidates: try strings(),
                                         suggestion: try string()))
        }
        return BuildSummary(articles: articles, planCount: planCount, documents: documents, warnings: warnings, unresolved: unresolved,
                            extraPaths: try strings(), linkedFiles: try strings(), linkedState: try uint())
    }
}

/// What the log holds for the search state, applied only when a build needs the postings or encodings (a build
/// that changes no article never does).
struct PendingSearchLog {
    enum EncodingChange {
        /// Words changed without being encoded again: the next build encodes every word.
        case cleared
        /// The ranks encodings were made with, and the words whose encoding changed or went.
        case patch(ranks: [Int], set: [(String, [UInt8])], removed: [String])
    }
    /// Postings added by each logged build (`ByteWriter.postings`), in order.
    var postings: [[UInt8]] = []
    /// Articles whose postings went. Article numbers are never reused, so removing them all after every addition
    /// leaves what removing each build's after its own additions left.
    var retired = Set<UInt32>()
    var encodings: [EncodingChange] = []

    var isEmpty: Bool { postings.isEmpty && retired.isEmpty && encodings.isEmpty }

    /// Applies the logged postings to those decoded from the state; false when they cannot be decoded. Retired
    /// articles join the state's stale ones unless `exact`: the build drops them all in one pass over the postings
    /// (`dropStale`), at the cost of encoding again the words they had, which gives the same bytes.
    mutating func applyPostings(to search: inout SearchState, exact: Bool) -> Bool {
        defer { postings = []; retired = [] }
        for bytes in postings {
            var r = ByteReader(bytes)
            guard let p = try? r.postings() else { return false }
            search.postings.merge(p, offset: 0)
        }
        if exact { search.postings.remove(retired) } else { search.staleIDs.formUnion(retired) }
        return true
    }

    mutating func applyEncodings(to search: inout SearchState) {
        for change in encodings {
            switch change {
            case .cleared:
                (search.encodedRanks, search.encodings) = ([], [:])
            case .patch(let ranks, let set, let removed):
                search.encodedRanks = ranks
                for (term, bytes) in set { search.encodings[term] = bytes }
                for term in removed { search.encodings[term] = nil }
            }
        }
        encodings = []
    }
}

/// What changed in a session since its state was restored or saved: what the next log record holds.
struct StateJournal {
    /// The state file this journal follows, its size and the size of its log so far.
    var generation: UInt64
    var stateSize: Int
    var logSize: Int
    /// The pages as the state and its log describe them, but for `forced`: described there, but changed or gone on
    /// disk since (written again if still planned, else logged as gone).
    var written: [String: UInt64]
    var forced: Set<String> = []
    /// Articles read again, added, removed or given a new stamp.
    var paths = Set<String>()
    var added = SearchPostings()
    var retired = Set<UInt32>()
    /// Search encodings redone since: the ranks they were made with, words changed and gone.
    var encodingRanks: [Int]? = nil
    var encodingSet: [String: [UInt8]] = [:]
    var encodingRemoved = Set<String>()
    /// Tests set it to make the next save compact the log.
    var limit: Int? = nil

    init(generation: UInt64, stateSize: Int, logSize: Int, written: [String: UInt64], forced: Set<String> = []) {
        self.generation = generation
        self.stateSize = stateSize
        self.logSize = logSize
        self.written = written
        self.forced = forced
    }

    /// Records the words `SearchState.files` encoded differently. An encoding reused is the same array, so the
    /// comparison of the others costs no byte comparison.
    mutating func noteEncodings(before: ([Int], [String: [UInt8]]), after: ([Int], [String: [UInt8]])) {
        encodingRanks = after.0
        for (term, bytes) in after.1 where before.1[term] != bytes {
            encodingSet[term] = bytes
            encodingRemoved.remove(term)
        }
        for term in before.1.keys where after.1[term] == nil {
            encodingSet[term] = nil
            encodingRemoved.insert(term)
        }
    }
}

extension SiteSession {
    /// Appends what changed since the state was restored or saved to its log. False, writing nothing, when the
    /// state must be written whole: no state to follow, or the log would grow too large.
    func appendToLog(_ file: String, outputs: String) throws(SiteFailure) -> Bool {
        guard var journal, outputs == outputDirectory, StateLog.path(for: file) != file else { return false }
        var w = ByteWriter()
        w.fixed(salt)
        w.uint(UInt64(templateSignatures.count))
        for (name, sig) in templateSignatures.sorted(by: { $0.key < $1.key }) { w.string(name); w.fixed(sig) }
        w.uint(UInt64(store.nextID))
        w.uint(UInt64(store.spillFDs.count))
        for fd in store.spillFDs { w.int(FileIO.size(of: fd) ?? 0) }
        // Articles: those no longer saved (gone, failed, future) are removed, the others written whole.
        var removed: [String] = []
        var kept: [(String, Entry, FileStamp, ArticleRecord?)] = []
        for p in journal.paths.sorted() {
            if let e = store.entries[p], let stamp = e.stamp, store.future[p] == nil, case .success(let record) = e.result {
                kept.append((p, e, stamp, record))
            } else {
                removed.append(p)
            }
        }
        w.strings(removed)
        w.uint(UInt64(kept.count))
        for (p, e, stamp, record) in kept {
            w.string(p)
            w.int(stamp.size); w.int(stamp.seconds); w.int(stamp.nanoseconds); w.uint(stamp.inode)
            w.uint(UInt64(e.id))
            w.lazyRecord(record, raw: lazyRecords.raw(p))
        }
        w.summary(lastSummary)
        // Search postings: what was added, and the articles whose postings went.
        w.uint(UInt64(journal.retired.count))
        for id in journal.retired.sorted() { w.uint(UInt64(id)) }
        if journal.added.terms.isEmpty {
            w.uint(0)
        } else {
            var p = ByteWriter()
            p.postings(journal.added)
            w.bytes(p.out)
        }
        // Search encodings, as `saveWhole` would keep them: dropped while words changed without being encoded.
        if !search.changedTerms.isEmpty {
            w.out.append(1)
        } else if let ranks = journal.encodingRanks {
            w.out.append(2)
            w.uint(UInt64(ranks.count))
            for r in ranks { w.int(r) }
            w.uint(UInt64(journal.encodingSet.count))
            for (term, bytes) in journal.encodingSet.sorted(by: { $0.key < $1.key }) { w.string(term); w.bytes(bytes) }
            w.strings(journal.encodingRemoved.sorted())
        } else {
            w.out.append(0)
        }
        // Pages: those gone, and those written (or changed on disk) since, with the stamps they have now.
        var gonePages: [String] = []
        for path in journal.written.keys where output.written[path] == nil { gonePages.append(path) }
        for path in journal.forced where journal.written[path] == nil && output.written[path] == nil { gonePages.append(path) }
        var changedPages: [(String, UInt64)] = []
        for (path, sig) in output.written where journal.written[path] != sig || journal.forced.contains(path) { changedPages.append((path, sig)) }
        w.strings(gonePages.sorted())
        w.uint(UInt64(changedPages.count))
        for (path, sig) in changedPages.sorted(by: { $0.0 < $1.0 }) {
            w.string(path)
            w.fixed(sig)
            let stamp = FileStamp.of(outputs + "/" + path)
            w.int(stamp?.size ?? -1); w.int(stamp?.seconds ?? 0); w.int(stamp?.nanoseconds ?? 0)
        }

        var record = ByteWriter()
        if journal.logSize == 0 {
            record.out = StateLog.magic
            record.fixed(journal.generation)
        }
        record.fixed(UInt64(w.out.count))
        record.out.append(contentsOf: w.out)
        var hasher = StreamingFingerprint()
        hasher.add(w.out)
        record.fixed(hasher.value)
        let limit = journal.limit ?? max(journal.stateSize / 4, StateLog.minimumLimit)
        guard journal.logSize + record.out.count <= limit else { return false }

        let path = StateLog.path(for: file)
        let fd = journal.logSize == 0 ? FileIO.create(path) : {
            let fd = open(path, O_WRONLY | O_APPEND)
            return fd >= 0 ? fd : nil
        }()
        guard let fd else { throw SiteFailure.io("cannot write the build cache's log \(path): \(FileIO.describe(FileIO.lastError))") }
        if let error = FileIO.writeAll(fd, record.out) {
            // A record cut short would make the next build ignore the cache: take it back if possible.
            _ = ftruncate(fd, off_t(journal.logSize))
            FileIO.close(fd)
            throw SiteFailure.io("cannot write the build cache's log \(path): \(FileIO.describe(error))")
        }
        FileIO.close(fd)
        journal.logSize += record.out.count
        journal.written = output.written
        journal.forced = []
        journal.paths = []
        journal.added = SearchPostings()
        journal.retired = []
        journal.encodingRanks = nil
        journal.encodingSet = [:]
        journal.encodingRemoved = []
        self.journal = journal
        needsSave = false
        return true
    }
}
