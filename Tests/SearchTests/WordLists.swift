@testable import Search

// Word lists: the readable form of what the build counts straight from the scanner (`ChunkPostings.add(article:
// text:)`), for tests to state words and postings by hand. `SearchTextTests.loadTasksMatchWordLists` checks that
// both give the same index.

extension SearchText {
    /// The distinct words of `text`, each folded word with the spellings it appears in, in order of appearance.
    static func distinctWords(_ text: String) -> [(String, [String])] {
        var seen: [Packed: Int] = [:]
        var out: [(Packed, [Packed])] = []
        scan(text) { folded, exact in
            if let k = seen[folded] {
                if !out[k].1.contains(exact) { out[k].1.append(exact) }
            } else {
                seen[folded] = out.count
                out.append((folded, [exact]))
            }
        }
        return out.map { f, forms in (f.string, forms.map(\.string)) }
    }
}

extension SearchText {
    /// The distinct pairs of neighbouring words of `text` ("tu dien"), in order of appearance.
    static func distinctPairs(_ text: String) -> [String] {
        var out: [String] = []
        var previous: String? = nil
        scan(text) { folded, _, joined in
            let f = folded.string
            if joined, let p = previous, p.utf8.count + 1 + f.utf8.count <= 40, !out.contains(p + " " + f) { out.append(p + " " + f) }
            previous = f
        }
        return out
    }
}

extension SearchPostings {
    /// Adds an article's pairs of neighbouring words.
    mutating func add(article: UInt32, pairs: [String]) {
        for key in pairs {
            if terms[key] == nil { terms[key] = Entry() }
            terms[key]!.append(article, 0)
        }
    }

    /// Adds an article's distinct words, each with its spellings.
    mutating func add(article: UInt32, distinct: [(String, [String])]) {
        for (folded, forms) in distinct {
            var mask: UInt32 = 0
            for f in forms { mask |= terms[folded, default: Entry()].bit(for: f) }
            terms[folded]!.append(article, mask)
        }
    }
}
