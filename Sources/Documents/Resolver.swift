import Vietnamese

/// What an article tells about the documents it cites besides its text.
public struct ArticleContext: Sendable {
    /// The article's publication day: the term in force and the registry lookup depend on it.
    public var date: IssueDate?
    /// Province or city the article's local documents belong to (front matter, else site.yml).
    public var locality: String?
    public init(date: IssueDate? = nil, locality: String? = nil) {
        self.date = date
        self.locality = locality.flatMap(Localities.canonical)
    }
}

/// A mention with the document it names, or nil when it cannot be resolved without guessing.
public struct ResolvedMention: Sendable {
    public var mention: Mention
    public var key: DocumentKey?
    /// Index of the text (run) the mention was found in.
    public var run: Int
}

/// Settles each mention of one article to a document identity.
public struct Resolver: Sendable {
    public let registry: Registry
    public init(registry: Registry) { self.registry = registry }

    /// Resolves the mentions of one article. `localities` are the places the article's text names as
    /// "Tỉnh ủy X"/"Thành ủy X"; one alone stands for the article's locality when nothing else says.
    public func resolve(_ found: [(run: Int, mention: Mention)], localities: [String], context: ArticleContext) -> [ResolvedMention] {
        let distinctPlaces = Set(localities.compactMap(Localities.canonical))
        let locality = context.locality ?? (distinctPlaces.count == 1 ? distinctPlaces.first : nil)
        var out: [ResolvedMention] = []
        out.reserveCapacity(found.count)

        // 1. Full references: what the text, the article and the registry say.
        for (run, m) in found {
            var r = ResolvedMention(mention: m, key: nil, run: run)
            if m.isShortForm {
                // A short form whose issuer words gave a symbol takes the year of a date written after it.
                if !m.key.issuer.isEmpty, let y = m.issuedYear { r.mention.key.year = y; r.mention.key.term = nil }
                r.mention.key.locality = m.key.locality.flatMap(Localities.canonical)
                // A short form's kind follows its issuer: "Công văn 2039 của Bảo hiểm xã hội" is a State document.
                if r.mention.key.kind == .party, !m.key.issuer.isEmpty, !SymbolCodes.isPartyIssuer(m.key.issuer) {
                    r.mention.key.kind = .state
                }
                out.append(r)
                continue
            }
            var key = m.key
            // Written places take their one spelling; what cannot be a place is no locality.
            key.locality = key.locality.flatMap(Localities.canonical)
            if Issuers.isLocal(key.issuer), key.locality == nil { key.locality = locality }
            if !Issuers.isLocal(key.issuer) { key.locality = nil }
            switch key.kind {
            case .party, .state:
                if key.kind == .party || !key.symbolHasYear {
                    if let year = m.issuedYear {
                        key.year = year
                        key.term = nil
                    } else if let hint = m.yearHint, let doc = registry.issued(symbol: key, year: hint) {
                        key.year = doc.key.year
                        key.term = nil
                    } else if let doc = registry.latest(symbol: key, term: key.term, before: context.date) {
                        key.year = doc.key.year
                        key.term = nil
                    }
                }
            case .plenum:
                // The term in force only when its plenum of that number had already met: never a later one.
                if key.term == nil, let d = context.date { key.term = PartyCalendar.term(ofPlenum: key.number, writtenOn: d) }
            case .congress:
                break
            }
            r.key = key
            out.append(r)
        }

        // 2. Within the article, a reference without year or term takes the one its other mentions give;
        //    one with only a term takes the one year that falls in that term.
        var erasBySymbol: [DocumentKey: Set<DocumentKey>] = [:]
        for r in out {
            if let k = r.key, k.kind == .party || k.kind == .state, k.year != nil || k.term != nil {
                erasBySymbol[k.symbolKey, default: []].insert(k)
            }
        }
        for idx in out.indices {
            guard var key = out[idx].key, key.year == nil, key.kind == .party || key.kind == .state else { continue }
            var candidates = (erasBySymbol[key.symbolKey] ?? []).filter { $0 != key }
            if let t = key.term {
                candidates = candidates.filter { c in
                    guard let y = c.year, let span = PartyTerms.years(of: t) else { return false }
                    return span.contains(y)
                }
            } else if candidates.contains(where: { $0.year != nil }) {
                // Prefer the years: a term-only key of the same document would otherwise count twice.
                let years = candidates.filter { $0.year != nil }
                let termsCovered = candidates.filter { c in
                    c.year == nil && years.contains { y in c.term.flatMap(PartyTerms.years(of:))?.contains(y.year!) ?? false }
                }
                candidates.subtract(termsCovered)
            }
            if candidates.count == 1, let only = candidates.first {
                key.year = only.year
                key.term = only.term
                out[idx].key = key
            }
        }

        // 3. Aliases from the registry ("Nghị quyết Hội nghị Trung ương 4 khóa XII" is 04-NQ/TW).
        for idx in out.indices { if let k = out[idx].key { out[idx].key = registry.canonical(k) } }

        // 4. Short forms ("Chỉ thị số 05") take the one full reference of the same article they can mean.
        // Grouped by type and number once: a text dense with references must not cost a scan per short form.
        struct TypeNumber: Hashable { let type: String, number: Int }
        var byTypeNumber: [TypeNumber: Set<DocumentKey>] = [:]
        for r in out {
            if let k = r.key, k.kind == .party || k.kind == .state { byTypeNumber[TypeNumber(type: k.type, number: k.number), default: []].insert(k) }
        }
        for idx in out.indices where out[idx].mention.isShortForm {
            let m = out[idx].mention
            if let candidates = byTypeNumber[TypeNumber(type: m.key.type, number: m.key.number)], candidates.count == 1 {
                out[idx].key = candidates.first
            }
        }
        // Short forms still unresolved go to the archive-wide pass (`Unification`), which knows every article.
        return out
    }
}
