/// One short list of small numbers per article (its tags, its citations' documents), stored end to end in two
/// arrays: an array per article costs a heap block of 48 bytes and more, which at a million articles is most of
/// what the lists hold.
struct PackedLists: Sendable, Equatable {
    /// `ends[i]`: where list i ends in `values` (it starts where list i - 1 ends).
    private var ends: [UInt32] = []
    private var values: [Int32] = []

    init() {}

    init(reservingLists lists: Int, values count: Int) {
        ends.reserveCapacity(lists)
        values.reserveCapacity(count)
    }

    var count: Int { ends.count }
    var indices: Range<Int> { 0..<ends.count }

    /// Adds the next list.
    mutating func append(_ list: some Sequence<Int>) {
        for v in list { values.append(Int32(truncatingIfNeeded: v)) }
        ends.append(UInt32(values.count))
    }

    subscript(i: Int) -> List {
        List(values: values, start: i == 0 ? 0 : Int(ends[i - 1]), end: Int(ends[i]))
    }

    /// Replaces every number by `f(number)`, in place.
    mutating func remap(_ f: (Int) -> Int) {
        for k in values.indices { values[k] = Int32(truncatingIfNeeded: f(Int(values[k]))) }
    }

    /// One article's list, read in place.
    struct List: RandomAccessCollection, Sendable {
        let values: [Int32]
        let start: Int
        let end: Int
        var startIndex: Int { 0 }
        var endIndex: Int { end - start }
        subscript(k: Int) -> Int { Int(values[start + k]) }
    }
}
