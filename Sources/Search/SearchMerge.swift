import Synchronization

/// The archive's search postings as the load tasks build them: each task merges its `ChunkPostings` in here as it
/// finishes, in parallel with the others, and the index files are then encoded part by part, in parallel.
///
/// The words are split into `partCount` parts by the same hash that picks a word's shard (`SearchText.bucket` of
/// its first word): the shard count is a multiple of `partCount`, so every shard falls in one part and a part is
/// encoded and assembled without looking at the others. Keys stay packed (`SearchText.Packed`) until they are
/// written: a String is made once per distinct word of the archive, not once per word and load task, and no
/// seeded String hash is computed per word and task (that serial merge was a sixth of a real archive's build).
public final class PostingsMerger: Sendable {
    /// A power of two no larger than the smallest shard count (16).
    public static let partCount = 16

    let boxes: [Locked<Part>] = (0..<PostingsMerger.partCount).map { _ in Locked(Part()) }
    /// Where the load tasks' postings wait, part by part, until the part is encoded; nil keeps them merged in memory.
    let spill: (any PostingsSpill)?

    /// With `spill`, memory holds no part's postings before it is encoded: each load task's postings are written
    /// to their part's file as the task ends, and a part is read back, merged and encoded on its own (a sixteenth
    /// of the archive's postings at a time per core, the rest on disk).
    public init(spill: (any PostingsSpill)? = nil) { self.spill = spill }

    /// One part's words: an open-addressing table over packed keys, as in `ChunkPostings`.
    struct Part: Sendable {
        var keys: [SearchText.Packed] = []
        /// Spellings as packed words, and the postings (the entry's own `forms` stay empty until it is handed out).
        var forms: [[SearchText.Packed]] = []
        var postings: [SearchPostings.Entry] = []
        var slots = [Int32](repeating: 0, count: 1 << 8)
        var shift = 64 - 8

        mutating func index(of word: SearchText.Packed) -> Int {
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: ChunkPostings.hash(word, keys: ChunkPostings.processKeys) >> UInt64(shift))
            while true {
                let s = Int(slots[i])
                if s == 0 { break }
                if keys[s - 1] == word { return s - 1 }
                i = (i + 1) & mask
            }
            keys.append(word)
            forms.append([])
            postings.append(SearchPostings.Entry())
            slots[i] = Int32(keys.count)
            if keys.count * 2 > slots.count { grow() }
            return keys.count - 1
        }

        private mutating func grow() {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            shift -= 1
            let mask = slots.count - 1
            for (k, word) in keys.enumerated() {
                var i = Int(truncatingIfNeeded: ChunkPostings.hash(word, keys: ChunkPostings.processKeys) >> UInt64(shift))
                while slots[i] != 0 { i = (i + 1) & mask }
                slots[i] = Int32(k + 1)
            }
        }

        /// A load task's postings of one word, its spellings renumbered into this part's.
        mutating func absorb(_ word: SearchText.Packed, _ theirs: ChunkPostings.Entry) {
            let k = index(of: word)
            var bits = remap(k, theirs.forms)
            withUnsafeBytes(of: &bits) { raw in
                let bits = raw.bindMemory(to: UInt32.self)
                // Written straight into the entry's stream, one access for all of this word's postings: most words
                // and pairs of a task have one posting, and a copy through a scratch buffer cost more than the merge.
                postings[k].appendEach { put in
                    var added = 0
                    if theirs.first.0 != UInt32.max { Self.posting(theirs.first.0, theirs.first.1, bits, put); added += 1 }
                    for (doc, mask) in theirs.more { Self.posting(doc, mask, bits, put); added += 1 }
                    return added
                }
            }
        }

        /// The words `PostingsMerger.serialize` wrote, merged in.
        mutating func absorb(serialized bytes: [UInt8]) throws(SpillFailure) {
            try bytes.withUnsafeBufferPointer { (b) throws(SpillFailure) in
                var i = 0
                func byte() throws(SpillFailure) -> UInt8 {
                    guard i < b.count else { throw SpillFailure(message: "a search work file ends early") }
                    i += 1
                    return b[i - 1]
                }
                func varint() throws(SpillFailure) -> UInt32 {
                    var v: UInt32 = 0, shift: UInt32 = 0
                    while true {
                        let c = try byte()
                        guard shift < 32 else { throw SpillFailure(message: "a search work file is damaged") }
                        v |= UInt32(c & 0x7F) << shift
                        if c < 0x80 { return v }
                        shift += 7
                    }
                }
                func packed() throws(SpillFailure) -> SearchText.Packed {
                    let n = Int(try byte())
                    guard n <= 40, i + n <= b.count else { throw SpillFailure(message: "a search work file is damaged") }
                    var p = SearchText.Packed()
                    withUnsafeMutableBytes(of: &p.w) { to in for k in 0..<n { to[k] = b[i + k] } }
                    p.count = UInt8(n)
                    i += n
                    return p
                }
                var theirs: [SearchText.Packed] = []
                while i < b.count {
                    let word = try packed()
                    theirs.removeAll(keepingCapacity: true)
                    for _ in 0..<Int(try byte()) { theirs.append(try packed()) }
                    let n = Int(try varint())
                    let k = index(of: word)
                    var failure: SpillFailure? = nil
                    var bits = remap(k, theirs)
                    withUnsafeBytes(of: &bits) { raw in
                        let bits = raw.bindMemory(to: UInt32.self)
                        postings[k].appendEach { put in
                            do throws(SpillFailure) {
                                for _ in 0..<n { Self.posting(try varint(), try varint(), bits, put) }
                            } catch { failure = error }
                            return n
                        }
                    }
                    if let failure { throw failure }
                }
            }
        }

        /// Room for the bit of each of a task's spellings of a word (at most 31, one UInt32 each).
        typealias Remap = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

        /// The bit in this part's numbering of each of `theirs` spellings of word `k`, adding spellings while there
        /// is room (31; the last bit is the title's).
        private mutating func remap(_ k: Int, _ theirs: [SearchText.Packed]) -> Remap {
            var remap: Remap = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            guard !theirs.isEmpty else { return remap }
            withUnsafeMutableBytes(of: &remap) { raw in
                let bits = raw.bindMemory(to: UInt32.self)
                for (i, f) in theirs.prefix(31).enumerated() {
                    if let at = forms[k].firstIndex(of: f) { bits[i] = UInt32(1) << UInt32(at) }
                    else if forms[k].count < 31 {
                        forms[k].append(f)
                        bits[i] = UInt32(1) << UInt32(forms[k].count - 1)
                    }
                }
            }
            return remap
        }

        /// One posting, its mask's spelling bits renumbered by `bits` (the title bit kept).
        @inline(__always)
        static func posting(_ article: UInt32, _ mask: UInt32, _ bits: UnsafeBufferPointer<UInt32>, _ put: (UInt32) -> Void) {
            var m = mask & SearchPostings.titleBit
            var rest = mask & ~SearchPostings.titleBit
            while rest != 0 {
                m |= bits[rest.trailingZeroBitCount]
                rest &= rest - 1
            }
            put(article)
            put(m)
        }
    }

    /// The part a key belongs to: the low bits of its first word's shard hash.
    @inline(__always)
    static func part(of word: SearchText.Packed) -> Int {
        var copy = word.w
        return withUnsafeBytes(of: &copy) { raw in
            var h: UInt32 = 2166136261
            for i in 0..<Int(word.count) {
                let b = raw[i]
                if b == 0x20 { break }
                h = (h ^ UInt32(b)) &* 16777619
            }
            return Int(h) & (partCount - 1)
        }
    }

    /// Merges one load task's postings; safe to call from several tasks at once. Each part is locked only while
    /// its words are merged, and a busy part is left for later, so two tasks rarely wait for each other. With a
    /// spill, each part's words are written to its file instead.
    public func absorb(_ chunk: consuming ChunkPostings) throws(SpillFailure) {
        var groups = [[Int32]](repeating: [], count: Self.partCount)
        let keys = chunk.keys, entries = chunk.entries
        for (k, key) in keys.enumerated() { groups[Self.part(of: key)].append(Int32(k)) }
        if let spill {
            for p in 0..<Self.partCount where !groups[p].isEmpty {
                let bytes = Self.serialize(groups[p].map { (keys[Int($0)], entries[Int($0)]) })
                try boxes[p].value.withLock { (_) throws(SpillFailure) in try spill.append(p, bytes) }
            }
            return
        }
        var pending = Array(0..<Self.partCount)
        while !pending.isEmpty {
            var busy: [Int] = []
            for p in pending {
                let done: Bool? = boxes[p].value.withLockIfAvailable { part in
                    for k in groups[p] { part.absorb(keys[Int(k)], entries[Int(k)]) }
                    return true
                }
                if done == nil { busy.append(p) }
            }
            if busy.count == pending.count, let p = busy.first {
                // Every part left is busy: wait for one rather than spin.
                boxes[p].value.withLock { part in for k in groups[p] { part.absorb(keys[Int(k)], entries[Int(k)]) } }
                busy.removeFirst()
            }
            pending = busy
        }
    }

    /// A load task's words of one part as bytes: each word (a length byte and its bytes), its spellings (a count,
    /// then each as a word), its postings (a count, then article and mask, LEB128 varints).
    static func serialize(_ words: [(SearchText.Packed, ChunkPostings.Entry)]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(words.count * 24)
        func put(_ value: UInt32) {
            var v = value
            while v >= 0x80 {
                out.append(UInt8(v & 0x7F) | 0x80)
                v >>= 7
            }
            out.append(UInt8(v))
        }
        func packed(_ p: SearchText.Packed) {
            out.append(p.count)
            withUnsafeBytes(of: p.w) { out.append(contentsOf: $0.prefix(Int(p.count))) }
        }
        for (word, e) in words {
            packed(word)
            out.append(UInt8(e.forms.count))
            for f in e.forms { packed(f) }
            put(UInt32((e.first.0 == UInt32.max ? 0 : 1) + e.more.count))
            if e.first.0 != UInt32.max { put(e.first.0); put(e.first.1) }
            for (doc, mask) in e.more { put(doc); put(mask) }
        }
        return out
    }

    /// Takes part `p` out, leaving it empty (its owner frees it as it goes); with a spill, reads it back and merges it.
    func take(_ p: Int) throws(SpillFailure) -> Part {
        let taken = boxes[p].value.withLock { part in
            let taken = part
            part = Part()
            return taken
        }
        guard let spill else { return taken }
        var part = Part()
        try part.absorb(serialized: try spill.take(p))
        return part
    }

    /// Every word in one dictionary, as a long-lived build keeps them (`SearchState`); empties the merger.
    public func postings() throws(SpillFailure) -> SearchPostings {
        var out = SearchPostings()
        var parts: [Part] = []
        var total = 0
        for p in 0..<Self.partCount {
            parts.append(try take(p))
            total += parts[p].keys.count
        }
        out.terms.reserveCapacity(total)
        for var part in parts {
            for k in part.keys.indices {
                var e = part.postings[k]
                part.postings[k] = SearchPostings.Entry()
                e.forms = part.forms[k].map(\.string)
                out.terms[part.keys[k].string] = e
            }
        }
        return out
    }
}

extension SearchFiles {
    /// The index files of everything `merger` holds, as `shards(_:rank:reusing:changed:)` writes them for the same postings,
    /// byte for byte; parts are encoded and assembled in parallel, each word's postings freed once encoded and each
    /// encoding once copied into its shard. Empties the merger.
    public static func shards(merged merger: PostingsMerger, rank: [Int]) async throws(SpillFailure) -> (shards: [[UInt8]], words: [[UInt8]]) {
        let parts = PostingsMerger.partCount
        // Every word of a part encoded, sorted, with the part's total size.
        let encoded = try await inParallel(parts) { (p) throws(SpillFailure) -> ([(String, [UInt8])], Int) in
            var part = try merger.take(p)
            var out: [(String, [UInt8])] = []
            out.reserveCapacity(part.keys.count)
            var total = 0
            for k in part.keys.indices {
                var e = part.postings[k]
                part.postings[k] = SearchPostings.Entry()
                e.forms = part.forms[k].map(\.string)
                let bytes = encode(e, rank: rank)
                let key = part.keys[k].string
                total += bytes.count + key.utf8.count + 4
                out.append((key, bytes))
            }
            out.sort { $0.0 < $1.0 }
            return (out, total)
        }
        return await assemble(encoded.map(\.0), total: encoded.reduce(0) { $0 + $1.1 }, release: true)
    }

    /// The files a session writes: every word of `postings` (a long-lived build's dictionary) encoded, or its
    /// encoding taken from `reusing` while it is not in `changed` (valid while no article's rank moved; `nil`
    /// encodes every word), parts in parallel. Returns every word's encoding for next time.
    public static func shards(_ postings: SearchPostings, rank: [Int], reusing previous: [String: [UInt8]], changed: Set<String>?) async
        -> (shards: [[UInt8]], words: [[UInt8]], encodings: [String: [UInt8]]) {
        let parts = PostingsMerger.partCount
        var keysOfPart = [[String]](repeating: [], count: parts)
        for key in postings.terms.keys { keysOfPart[part(of: key)].append(key) }
        let keys = keysOfPart
        let encoded = await inParallel(parts) { p -> ([(String, [UInt8])], Int) in
            var out: [(String, [UInt8])] = []
            out.reserveCapacity(keys[p].count)
            var total = 0
            for key in keys[p] {
                let bytes: [UInt8]
                if let changed, !changed.contains(key), let old = previous[key] { bytes = old } else { bytes = encode(postings.terms[key]!, rank: rank) }
                total += bytes.count + key.utf8.count + 4
                out.append((key, bytes))
            }
            out.sort { $0.0 < $1.0 }
            return (out, total)
        }
        var encodings: [String: [UInt8]] = [:]
        encodings.reserveCapacity(postings.terms.count)
        for (part, _) in encoded { for (key, bytes) in part { encodings[key] = bytes } }
        let (shards, words) = await assemble(encoded.map(\.0), total: encoded.reduce(0) { $0 + $1.1 }, release: false)
        return (shards, words, encodings)
    }

    /// A key's part, as `PostingsMerger.part(of:)` computes it from packed bytes.
    static func part(of key: String) -> Int {
        var h: UInt32 = 2166136261
        for b in key.utf8 {
            if b == 0x20 { break }
            h = (h ^ UInt32(b)) &* 16777619
        }
        return Int(h) & (PostingsMerger.partCount - 1)
    }

    /// Groups each part's encodings (sorted by key) into its shards, parts in parallel: the shard count follows from
    /// `total`, a word's shard is its first word's `SearchText.bucket`, and a word whose postings take more than
    /// `ownFileBytes` gets a file of its own, numbered in shard order. With `release`, each encoding is freed once
    /// copied into its shard.
    static func assemble(_ encoded: [[(String, [UInt8])]], total: Int, release: Bool) async -> (shards: [[UInt8]], words: [[UInt8]]) {
        let parts = PostingsMerger.partCount
        var count = 16
        while count < 4096 && total / count > targetShardBytes { count *= 2 }
        // Shard s is in part s % parts; each shard's words in key order (the part's order).
        var bucketsOfPart = [[[Int]]](repeating: [], count: parts)
        for p in 0..<parts {
            var b = [[Int]](repeating: [], count: count / parts)
            for (k, e) in encoded[p].enumerated() {
                let word = e.0.utf8.firstIndex(of: 0x20).map { String(e.0[..<$0]) } ?? e.0
                b[SearchText.bucket(word, of: count) / parts].append(k)
            }
            bucketsOfPart[p] = b
        }
        var firstWord = [Int](repeating: 0, count: count + 1)
        for s in 0..<count {
            let p = s % parts
            let own = bucketsOfPart[p][s / parts].reduce(0) { $0 + (encoded[p][$1].1.count > ownFileBytes ? 1 : 0) }
            firstWord[s + 1] = firstWord[s] + own
        }
        let box = encoded.map { Locked($0) }
        let (shardsOfPart, numbers) = (bucketsOfPart, firstWord)
        let assembled = await inParallel(parts) { p -> [([UInt8], [[UInt8]])] in
            var part = box[p].take()
            return shardsOfPart[p].enumerated().map { local, entries in
                let s = local * parts + p
                var words: [[UInt8]] = []
                var w = JSONWriter()
                w.raw("{")
                for (n, k) in entries.enumerated() {
                    if n > 0 { w.raw(",\n") }
                    w.string(part[k].0)
                    w.raw(":")
                    if part[k].1.count > ownFileBytes {
                        w.raw(String(numbers[s] + words.count))
                        words.append(part[k].1 + [0x0A])
                    } else {
                        w.out.append(contentsOf: part[k].1)
                    }
                    if release { part[k].1 = [] }
                }
                w.raw("}\n")
                return (w.out, words)
            }
        }
        var shards: [[UInt8]] = []
        shards.reserveCapacity(count)
        var words: [[UInt8]] = []
        words.reserveCapacity(firstWord[count])
        for s in 0..<count {
            let (bytes, own) = assembled[s % parts][s / parts]
            shards.append(bytes)
            words.append(contentsOf: own)
        }
        return (shards, words)
    }

    /// `body(0..<n)` on the cooperative pool, results in order; the first error thrown, if any, once all are done.
    static func inParallel<T: Sendable, E: Error>(_ n: Int, _ body: @escaping @Sendable (Int) throws(E) -> T) async throws(E) -> [T] {
        let results = await withTaskGroup(of: (Int, Result<T, E>).self) { group in
            for p in 0..<n { group.addTask { (p, Result { () throws(E) in try body(p) }) } }
            var out = [Result<T, E>?](repeating: nil, count: n)
            for await (p, r) in group { out[p] = r }
            return out
        }
        return try results.map { (r) throws(E) in try r!.get() }
    }
}

/// A value behind a lock, in a class so that several can sit in an array.
final class Locked<Value: Sendable>: Sendable {
    let value: Mutex<Value>
    init(_ v: Value) { value = Mutex(v) }
}

extension Locked where Value: RangeReplaceableCollection {
    /// Moves the value out, leaving it empty: its new owner frees it as it goes.
    func take() -> Value { value.withLock { v in let t = v; v = Value(); return t } }
}

/// Where a `PostingsMerger` keeps each part's postings until the part is encoded: a file per part in the build's
/// work folder. `append` is called under the part's lock, so one part's writes never interleave.
public protocol PostingsSpill: Sendable {
    func append(_ part: Int, _ bytes: [UInt8]) throws(SpillFailure)
    /// Everything appended to part `part`, once; the part's file may go after.
    func take(_ part: Int) throws(SpillFailure) -> [UInt8]
}

/// A search work file could not be written or read back.
public struct SpillFailure: Error, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
}
