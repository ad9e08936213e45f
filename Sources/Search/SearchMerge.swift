import Synchronization

/// The archive's search postings as the load tasks build them: each task hands its `ChunkPostings` in here as it
/// finishes, in parallel with the others (merged in memory, or written to the spill part by part), and the index
/// files are then encoded part by part, in parallel.
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

    /// One part's words (a `PackedTable`), with their spellings and postings.
    struct Part: Sendable {
        /// Spellings as packed words, and the postings (the entry's own `forms` stay empty until it is handed out),
        /// parallel to `table.keys`.
        var forms: [[SearchText.Packed]] = []
        var postings: [SearchPostings.Entry] = []
        var table = PackedTable(slots: 1 << 8)
        /// Bytes written to the spill for this part.
        var spilled = 0
        var keys: [SearchText.Packed] { table.keys }

        mutating func index(of word: SearchText.Packed) -> Int {
            let (k, added) = table.index(of: word)
            if added {
                forms.append([])
                postings.append(SearchPostings.Entry())
            }
            return k
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
                try boxes[p].value.withLock { (part) throws(SpillFailure) in
                    try spill.append(p, bytes)
                    part.spilled += bytes.count
                }
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
        func put(_ value: UInt32) { LEB128.append(UInt64(value), to: &out) }
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

/// A whole build's search index between its two passes: every part's words merged, encoded and sorted, and put
/// back in the merger's spill (or kept, without one), with what the shards' layout needs: the shard count (from
/// the total size) and where the words with a file of their own fall. `write` then assembles each part's shards
/// and hands them out as they are made, so at no point are all the encodings or all the shards in memory.
public final class EncodedIndex: Sendable {
    /// How many shards (`i/N.json`) and words with a file of their own (`i/wN.json`) the index has.
    public let shardCount: Int
    public let wordCount: Int
    /// Per shard, the number of the first of its words with a file of their own (`shardCount + 1` entries).
    let firstWord: [Int]
    /// Where the parts' sorted encodings wait; without one, `kept` holds them, taken by `write`.
    let spill: (any PostingsSpill)?
    let kept: [Locked<[(String, [UInt8])]>]

    /// The layout of parts of `total` bytes together, whose words with a file of their own have these first-word
    /// hashes (`SearchFiles.firstWordHash`): the shard count doubles from 16 until shards are about
    /// `targetShardBytes`, and those words are numbered in shard order, then key order within a shard.
    init(total: Int, big: [UInt32], spill: (any PostingsSpill)?, kept: [[(String, [UInt8])]]) {
        var count = 16
        while count < 4096 && total / count > SearchFiles.targetShardBytes { count *= 2 }
        var own = [Int](repeating: 0, count: count)
        for h in big { own[Int(h % UInt32(count))] += 1 }
        var firstWord = [Int](repeating: 0, count: count + 1)
        for s in 0..<count { firstWord[s + 1] = firstWord[s] + own[s] }
        shardCount = count
        wordCount = firstWord[count]
        self.firstWord = firstWord
        self.spill = spill
        self.kept = kept.map { Locked($0) }
    }

    /// Every file in memory: the shards, then the words with a file of their own.
    public func files() async throws(SpillFailure) -> (shards: [[UInt8]], words: [[UInt8]]) {
        let files = Locked<([[UInt8]], [[UInt8]])>((Array(repeating: [], count: shardCount), Array(repeating: [], count: wordCount)))
        try await write(shard: { n, bytes in files.value.withLock { $0.0[n] = bytes } },
                        word: { n, bytes in files.value.withLock { $0.1[n] = bytes } })
        return files.value.withLock { $0 }
    }

    /// Assembles each part's shards, parts in parallel, calling `shard(n, bytes)` and `word(n, bytes)` for every file
    /// (from several tasks at once); each encoding is freed once copied into its shard. Once only.
    public func write(shard: @escaping @Sendable (Int, [UInt8]) throws(SpillFailure) -> Void,
                      word: @escaping @Sendable (Int, [UInt8]) throws(SpillFailure) -> Void) async throws(SpillFailure) {
        let parts = PostingsMerger.partCount
        let count = shardCount
        _ = try await SearchFiles.inParallel(parts) { (p) throws(SpillFailure) in
            // From the work file, each word's encoding is a range of its bytes, copied into its shard: the part is
            // held once, not once more as a list of encodings.
            var source: [UInt8] = []
            var keys: [String] = []
            var ranges: [Range<Int>] = []
            var kept: [(String, [UInt8])] = []
            if let spill = self.spill {
                source = try spill.take(p)
                (keys, ranges) = try EncodedIndex.decode(source)
            } else {
                kept = self.kept[p].take()
                keys = kept.map(\.0)
            }
            for (local, entries) in SearchFiles.bucketsOfPart(keys, count: count).enumerated() {
                let s = local * parts + p
                var own = self.firstWord[s]
                var w = JSONWriter()
                w.raw("{")
                for (n, k) in entries.enumerated() {
                    if n > 0 { w.raw(",\n") }
                    w.string(keys[k])
                    w.raw(":")
                    let encoding = self.spill == nil ? kept[k].1[...] : source[ranges[k]]
                    if encoding.count > SearchFiles.ownFileBytes {
                        w.raw(String(own))
                        try word(own, Array(encoding) + [0x0A])
                        own += 1
                    } else {
                        w.out.append(contentsOf: encoding)
                    }
                    if self.spill == nil { kept[k].1 = [] }
                }
                w.raw("}\n")
                try shard(s, w.out)
            }
        }
    }

    /// A part's sorted encodings as the spill keeps them: each key (a length byte, its bytes), then its encoding
    /// (a LEB128 length, the bytes).
    static func append(_ key: String, _ bytes: [UInt8], to out: inout [UInt8]) {
        out.append(UInt8(key.utf8.count))
        out.append(contentsOf: key.utf8)
        LEB128.append(UInt64(bytes.count), to: &out)
        out.append(contentsOf: bytes)
    }

    /// Each word's key and where its encoding lies in `bytes`.
    static func decode(_ bytes: [UInt8]) throws(SpillFailure) -> (keys: [String], ranges: [Range<Int>]) {
        var keys: [String] = []
        var ranges: [Range<Int>] = []
        var i = 0
        let damaged = SpillFailure(message: "a search work file is damaged")
        while i < bytes.count {
            let n = Int(bytes[i])
            i += 1
            guard i + n <= bytes.count else { throw damaged }
            let key = String(decoding: bytes[i..<(i + n)], as: UTF8.self)
            i += n
            var length = 0, shift = 0
            while true {
                guard i < bytes.count, shift < 35 else { throw damaged }
                let c = bytes[i]
                i += 1
                length |= Int(c & 0x7F) << shift
                if c < 0x80 { break }
                shift += 7
            }
            guard length <= bytes.count - i else { throw damaged }
            keys.append(key)
            ranges.append(i..<(i + length))
            i += length
        }
        return (keys, ranges)
    }
}

extension SearchFiles {
    /// The first pass over a whole build's postings (`PostingsMerger`): each part read back, merged, every word
    /// encoded, the part sorted by key and put back in the spill (kept in memory without one), parts in parallel;
    /// the postings are freed word by word as they are encoded. Empties the merger's parts.
    public static func encode(merged merger: PostingsMerger, rank: [Int]) async throws(SpillFailure) -> EncodedIndex {
        let parts = PostingsMerger.partCount
        // Per part: its total size, the first-word hashes of its words with a file of their own, and its encodings
        // when there is no spill to hold them.
        // A part being merged and encoded holds several times its work file; past `serialPartBytes` (an archive of
        // about 250,000 articles) two at once were a whole build's peak, so parts are then taken one at a time.
        let largest = (0..<parts).map { p in merger.boxes[p].value.withLock { $0.spilled } }.max() ?? 0
        let width = largest > serialPartBytes ? 1 : parts
        let encoded = try await inParallel(parts, width: width) { (p) throws(SpillFailure) -> (Int, [UInt32], [(String, [UInt8])]) in
            var part = try merger.take(p)
            // Sorted first, then each word encoded in that order: with a spill straight into the work file's bytes,
            // so the part's encodings are never held as a list beside their serialized copy.
            let keys = part.keys.map(\.string)
            let order = keys.indices.sorted { keys[$0] < keys[$1] }
            var bytes: [UInt8] = []
            var out: [(String, [UInt8])] = []
            if merger.spill == nil { out.reserveCapacity(keys.count) }
            var total = 0
            var big: [UInt32] = []
            for k in order {
                var e = part.postings[k]
                part.postings[k] = SearchPostings.Entry()
                e.forms = part.forms[k].map(\.string)
                let encoding = encode(e, rank: rank)
                let key = keys[k]
                total += encoding.count + key.utf8.count + 4
                if encoding.count > ownFileBytes { big.append(firstWordHash(key)) }
                if merger.spill != nil { EncodedIndex.append(key, encoding, to: &bytes) } else { out.append((key, encoding)) }
            }
            part = PostingsMerger.Part()
            if let spill = merger.spill { try spill.append(p, bytes) }
            return (total, big, out)
        }
        return EncodedIndex(total: encoded.reduce(0) { $0 + $1.0 }, big: encoded.flatMap(\.1), spill: merger.spill, kept: encoded.map(\.2))
    }

    /// The index files of everything `merger` holds, in memory (`EncodedIndex.write` hands them out instead).
    public static func shards(merged merger: PostingsMerger, rank: [Int]) async throws(SpillFailure) -> (shards: [[UInt8]], words: [[UInt8]]) {
        try await encode(merged: merger, rank: rank).files()
    }

    /// FNV-1a of a key's first word (the whole key for a word, the part before the space for a pair): its shard
    /// is this modulo the shard count (`SearchText.bucket`), its part this modulo `PostingsMerger.partCount`.
    static func firstWordHash(_ key: String) -> UInt32 {
        var h: UInt32 = 2166136261
        for b in key.utf8 {
            if b == 0x20 { break }
            h = (h ^ UInt32(b)) &* 16777619
        }
        return h
    }

    /// A part's words (sorted by key) by shard: entry `local` lists the words of shard `local * partCount + p`.
    static func bucketsOfPart(_ keys: [String], count: Int) -> [[Int]] {
        let parts = PostingsMerger.partCount
        var b = [[Int]](repeating: [], count: count / parts)
        for (k, key) in keys.enumerated() { b[Int(firstWordHash(key) % UInt32(count)) / parts].append(k) }
        return b
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
        let encoded = await inParallel(parts) { p -> ([(String, [UInt8])], Int, [UInt32]) in
            var out: [(String, [UInt8])] = []
            out.reserveCapacity(keys[p].count)
            var total = 0
            var big: [UInt32] = []
            for key in keys[p] {
                let bytes: [UInt8]
                if let changed, !changed.contains(key), let old = previous[key] { bytes = old } else { bytes = encode(postings.terms[key]!, rank: rank) }
                total += bytes.count + key.utf8.count + 4
                if bytes.count > ownFileBytes { big.append(firstWordHash(key)) }
                out.append((key, bytes))
            }
            out.sort { $0.0 < $1.0 }
            return (out, total, big)
        }
        var encodings: [String: [UInt8]] = [:]
        encodings.reserveCapacity(postings.terms.count)
        for (part, _, _) in encoded { for (key, bytes) in part { encodings[key] = bytes } }
        let index = EncodedIndex(total: encoded.reduce(0) { $0 + $1.1 }, big: encoded.flatMap(\.2), spill: nil, kept: encoded.map(\.0))
        // No spill: the encoding pass cannot fail.
        let (shards, words) = (try? await index.files()) ?? ([], [])
        return (shards, words, encodings)
    }

    /// A key's part, as `PostingsMerger.part(of:)` computes it from packed bytes.
    static func part(of key: String) -> Int { Int(firstWordHash(key)) & (PostingsMerger.partCount - 1) }

    /// `body(0..<n)` on the cooperative pool, results in order; the first error thrown, if any, once all are done.
    /// Bytes of one part's work file past which a whole build encodes its parts one at a time.
    static let serialPartBytes = 16 << 20

    /// `body(0..<n)` in a task group, at most `width` at a time; results in order.
    static func inParallel<T: Sendable, E: Error>(_ n: Int, width: Int = .max, _ body: @escaping @Sendable (Int) throws(E) -> T) async throws(E) -> [T] {
        let results = await withTaskGroup(of: (Int, Result<T, E>).self) { group in
            var next = 0
            while next < min(n, width) {
                let p = next
                group.addTask { (p, Result { () throws(E) in try body(p) }) }
                next += 1
            }
            var out = [Result<T, E>?](repeating: nil, count: n)
            for await (p, r) in group {
                out[p] = r
                if next < n {
                    let q = next
                    group.addTask { (q, Result { () throws(E) in try body(q) }) }
                    next += 1
                }
            }
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
