/// The search index as a long-lived build keeps it between rebuilds (a preview, a build restored from its cache):
/// the postings of every article, each word's encoded entry as last written with the ranks it was encoded with,
/// and what changed since, so an edit re-encodes only the words it touched.
public struct SearchState: Sendable {
    public var postings = SearchPostings()
    /// Each word's encoded entry as last written.
    public var encodings: [String: [UInt8]] = [:]
    /// The rank, by article number, each article had when `encodings` were made.
    public var encodedRanks: [Int] = []
    /// Words whose postings changed since the last encoding.
    public var changedTerms = Set<String>()
    /// Articles whose postings are to go (reloaded or removed).
    public var staleIDs = Set<UInt32>()

    public init() {}

    /// Adds the postings of articles just read (numbered with new ids).
    public mutating func add(_ loaded: SearchPostings) {
        changedTerms.formUnion(loaded.terms.keys)
        // A first load (a cold build keeping its cache) takes them as they are instead of copying every posting.
        if postings.terms.isEmpty { postings = loaded } else { postings.merge(loaded, offset: 0) }
    }

    /// An article read again or gone: its old postings go at the next `dropStale`.
    public mutating func retire(_ id: UInt32) { staleIDs.insert(id) }

    /// Removes the postings of retired articles.
    public mutating func dropStale() {
        guard !staleIDs.isEmpty else { return }
        changedTerms.formUnion(postings.remove(staleIDs))
        staleIDs = []
    }

    /// The shard and word files for the articles `ids`, ranked `rankByID` (by article number). Earlier encodings
    /// are reused while every article keeps its rank; otherwise every word is encoded again.
    public mutating func files(ids: [UInt32], rankByID: [Int]) async -> (shards: [[UInt8]], words: [[UInt8]]) {
        var stable = !encodedRanks.isEmpty
        for id in ids where Int(id) < encodedRanks.count && encodedRanks[Int(id)] != rankByID[Int(id)] {
            stable = false
            break
        }
        let result = await SearchFiles.shards(postings, rank: rankByID, reusing: encodings, changed: stable ? changedTerms : nil)
        encodings = result.encodings
        encodedRanks = rankByID
        changedTerms = []
        return (result.shards, result.words)
    }
}
