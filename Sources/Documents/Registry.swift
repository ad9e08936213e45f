import Vietnamese

/// One document as the archive's editors describe it in Content/documents.yml.
public struct RegistryEntry: Sendable, Hashable {
    /// The reference in its official form, read by the recogniser: "Chỉ thị số 05-CT/TW".
    public var label: String
    public var title: String?
    /// The organ that issued it: "Bộ Chính trị".
    public var issuerName: String?
    public var date: IssueDate?
    /// Province or city, for local issuers.
    public var locality: String?
    /// Other ways the document is cited: "Nghị quyết Hội nghị Trung ương 4 khóa XII".
    public var aliases: [String]
    /// Line in documents.yml, for error messages.
    public var line: Int

    public init(label: String, title: String? = nil, issuerName: String? = nil, date: IssueDate? = nil,
                locality: String? = nil, aliases: [String] = [], line: Int = 0) {
        self.label = label; self.title = title; self.issuerName = issuerName; self.date = date
        self.locality = locality; self.aliases = aliases; self.line = line
    }
}

/// A registry entry that could not be read.
public struct RegistryError: Error, Sendable {
    public let line: Int
    public let message: String
}

/// The documents the editors know, with the aliases that merge plenum names into numbered documents.
public struct Registry: Sendable {
    public struct Document: Sendable {
        public let key: DocumentKey
        public let entry: RegistryEntry
        public let aliasKeys: [DocumentKey]
    }

    public private(set) var documents: [Document] = []
    var byKey: [DocumentKey: Int] = [:]
    var bySymbol: [DocumentKey: [Int]] = [:]
    var aliases: [DocumentKey: DocumentKey] = [:]

    public init() {}

    /// Reads entries; every label and alias must be a reference the recogniser understands.
    public init(entries: [RegistryEntry]) throws(RegistryError) {
        let recogniser = Recogniser()
        for entry in entries {
            guard var key = Registry.singleKey(entry.label, recogniser) else {
                throw RegistryError(line: entry.line, message: "“\(entry.label)” is not a document reference Bantin can read; write it in the official form, e.g. “Chỉ thị số 05-CT/TW” or “Nghị định số 30/2020/NĐ-CP”")
            }
            if let d = entry.date {
                if key.kind == .party || (key.kind == .state && !key.symbolHasYear) {
                    key.year = d.year
                    key.term = nil
                }
            }
            if let loc = entry.locality, Issuers.isLocal(key.issuer) || key.kind == .state && Issuers.isLocal(key.issuer) {
                key.locality = Localities.canonical(loc) ?? ToneStyle.modern(loc)
            }
            guard byKey[key] == nil else {
                throw RegistryError(line: entry.line, message: "“\(entry.label)” is listed twice; merge the two entries")
            }
            var aliasKeys: [DocumentKey] = []
            for alias in entry.aliases {
                guard let a = Registry.singleKey(alias, recogniser) else {
                    throw RegistryError(line: entry.line, message: "alias “\(alias)” is not a document reference Bantin can read")
                }
                aliasKeys.append(a)
                aliases[a] = key
            }
            let index = documents.count
            documents.append(Document(key: key, entry: entry, aliasKeys: aliasKeys))
            byKey[key] = index
            bySymbol[key.symbolKey, default: []].append(index)
        }
    }

    static func singleKey(_ text: String, _ recogniser: Recogniser) -> DocumentKey? {
        let found = recogniser.scan(Normalization.nfc(text)).mentions
        guard found.count == 1, let m = found.first, !m.isShortForm else { return nil }
        var key = m.key
        if key.kind == .party, let year = m.issuedYear { key.year = year; key.term = nil }
        return key
    }

    /// The registry's document for a key (after aliases).
    public func document(for key: DocumentKey) -> Document? {
        byKey[canonical(key)].map { documents[$0] }
    }

    /// The key an alias stands for, or the key itself.
    public func canonical(_ key: DocumentKey) -> DocumentKey { aliases[key] ?? key }

    /// True when some entry lists `key` as an alias (its page becomes a redirect).
    public func isAlias(_ key: DocumentKey) -> Bool { aliases[key] != nil }

    /// Every alias and the document it stands for, for redirect pages.
    public var aliasMap: [DocumentKey: DocumentKey] { aliases }

    /// The document with this symbol issued in `year`, if the registry has exactly one.
    public func issued(symbol: DocumentKey, year: Int) -> Document? {
        let matches = (bySymbol[symbol.symbolKey] ?? []).map { documents[$0] }.filter { $0.entry.date?.year == year }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The most recent document with this symbol issued on or before `before`, in `term` when given.
    public func latest(symbol: DocumentKey, term: Int?, before: IssueDate?) -> Document? {
        guard let candidates = bySymbol[symbol.symbolKey] else { return nil }
        var best: Document? = nil
        for idx in candidates {
            let doc = documents[idx]
            guard let date = doc.entry.date else { continue }
            if let term, date.partyTerm != term { continue }
            if let before, before < date { continue }
            if let b = best, let bd = b.entry.date, date < bd { continue }
            best = doc
        }
        return best
    }
}
