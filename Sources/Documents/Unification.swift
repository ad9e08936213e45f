import Vietnamese

/// The archive-wide resolution pass: after every article is resolved on its own, partial identities ("Chỉ thị số
/// 05-CT/TW" with no year, "… khóa XII" with no year) join the one full identity of the same symbol they fit, short
/// forms ("Chỉ thị 05 của Bộ Chính trị") find the one document of that kind and number whose issuer fits, and keys
/// that would share a page are made one. One document, one page, whatever each article could tell on its own.
///
/// Used the same way by the build, the preview and `bantin refs`: collect every sighting with `add`, then `finish`.
public struct Unification: Sendable {
    /// A document as the whole archive knows it.
    struct Known: Sendable {
        var key: DocumentKey
        /// Earliest day it can have been issued: its issue date, else 1 January of its year.
        var from: Int
        /// Its issue date when some mention or the registry gives it.
        var issued: Int?
        /// The earliest date of an article citing it: it existed by then, whatever its date of issue.
        var cited: Int = Int.max

        /// Known to have existed on `day` (yyyymmdd).
        func certainlyExisted(on day: Int) -> Bool { issued.map { $0 <= day } ?? (cited <= day) }
    }

    let registry: Registry
    /// Full identities (year known, or a year in the symbol, or a plenum with its term, or a congress) by symbol.
    private var full: [DocumentKey: [Known]] = [:]
    /// Term-only Party keys by symbol.
    private var termOnly: [DocumentKey: Set<Int>] = [:]
    /// Every key seen, so pages can be planned.
    private var seen: Set<DocumentKey> = []
    /// How many `add` calls named each full key: of two spellings of one document, the commoner names it.
    private var sightings: [DocumentKey: Int] = [:]

    public init(registry: Registry) {
        self.registry = registry
        for doc in registry.documents {
            add(doc.key, issued: doc.entry.date)
        }
    }

    /// A document one article cites, as that article resolved it; `issued` is a trailing "ngày …" date, `citedOn`
    /// the article's date.
    public mutating func add(_ key: DocumentKey, issued: IssueDate? = nil, citedOn: IssueDate? = nil) {
        sightings[key, default: 0] += 1
        let cited = citedOn.map(Self.day)
        guard !seen.contains(key) || issued != nil || cited != nil else { return }
        seen.insert(key)
        let symbol = Self.symbol(key)
        if Self.isFull(key) {
            let day = issued.map(Self.day)
            var list = full[symbol, default: []]
            if let i = list.firstIndex(where: { $0.key == key }) {
                if let day, list[i].issued.map({ day < $0 }) ?? true { list[i].issued = day; list[i].from = day }
                if let cited, cited < list[i].cited { list[i].cited = cited }
            } else {
                var k = Known(key: key, from: day ?? ((key.year ?? 0) * 10000 + 101), issued: day)
                if let cited { k.cited = cited }
                list.append(k)
            }
            full[symbol] = list
        } else if key.kind == .party, let t = key.term {
            termOnly[symbol, default: []].insert(t)
        }
    }

    static func day(_ d: IssueDate) -> Int { d.year * 10000 + d.month * 100 + d.day }

    /// Whether a key names one document on its own.
    static func isFull(_ k: DocumentKey) -> Bool {
        switch k.kind {
        case .party: return k.year != nil
        case .state: return k.year != nil
        case .plenum: return k.term != nil
        case .congress: return true
        }
    }

    /// What mentions of one document share whatever their year or term: the symbol. A State document written
    /// without the year its symbol should carry ("38/NĐ-CP") shares it with the one that has it ("38/2012/NĐ-CP").
    static func symbol(_ k: DocumentKey) -> DocumentKey {
        var s = k
        s.year = nil
        s.term = nil
        s.symbolHasYear = false
        // QĐ stands for Quy định and Quyết định alike, and the press writes one for the other: the symbol decides,
        // the word more articles use names the page.
        if k.kind == .party, k.code == "QĐ" { s.type = "" }
        return s
    }

    /// Type words that say nothing of the kind ("Văn bản số 1850/TTg-KTN"): the symbol decides.
    static let generic: Set<String> = ["Văn bản", "Công văn"]

    /// The result: the final identity of every key, in the context of the article that wrote it.
    public func finish() -> Unified {
        var unified = Unified(registry: registry)
        var candidates: [DocumentKey: [Known]] = [:]
        for (symbol, list) in full {
            // One State document written with and without the year in its symbol ("35/NQ-CP" of 2016 and
            // "35/2016/NQ-CP") is one document: the form more articles use names it.
            var kept: [Known] = []
            for k in list.sorted(by: { a, b in
                let ca = sightings[a.key] ?? 0, cb = sightings[b.key] ?? 0
                return ca != cb ? ca > cb : a.key < b.key
            }) {
                if k.key.kind == .state || k.key.code == "QĐ", let i = kept.firstIndex(where: { $0.key.year == k.key.year }) {
                    unified.sameDocument[k.key] = kept[i].key
                    if let day = k.issued, kept[i].issued.map({ day < $0 }) ?? true { kept[i].issued = day; kept[i].from = day }
                    kept[i].cited = min(kept[i].cited, k.cited)
                    continue
                }
                kept.append(k)
            }
            candidates[symbol] = kept.sorted { $0.key < $1.key }
        }
        // "Văn bản số 3897/QĐ-UBND" beside "Quyết định số 3897/QĐ-UBND": the one specific type word of the symbol.
        var specific: [DocumentKey: Set<String>] = [:]
        for key in seen where !Self.generic.contains(key.type) {
            var s = key; s.type = ""; s.year = nil; s.term = nil
            specific[s, default: []].insert(key.type)
        }
        for key in seen where Self.generic.contains(key.type) {
            var s = key; s.type = ""; s.year = nil; s.term = nil
            // The symbol outranks the word: "Công văn số 126/BC-UBND" is a Báo cáo.
            if let type = DocumentCodes.type(forCode: key.code) {
                unified.retype[Self.symbol(key)] = type
            } else if let types = specific[s] {
                if types.count == 1 { unified.retype[Self.symbol(key)] = types.first! }
            } else if key.type != "Công văn" {
                // Only generic words for this symbol: "Văn bản số 1850/TTg-KTN" is the "Công văn" of that number.
                unified.retype[Self.symbol(key)] = "Công văn"
            }
        }
        unified.full = candidates
        unified.termOnly = termOnly
        for (symbol, list) in candidates where symbol.kind == .party || symbol.kind == .state {
            unified.byTypeNumber[Unified.TypeNumber(symbol), default: []].append((symbol, list))
        }
        for (symbol, terms) in termOnly where candidates[symbol] == nil {
            // A symbol known only with a term ("Chỉ thị số 05-CT/TW … khóa XII"): a candidate for short forms too.
            let list = terms.sorted().map { t -> Known in
                var k = symbol
                k.term = t
                let start = PartyTerms.starts.first { $0.0 == t }?.1 ?? 0
                return Known(key: k, from: start, issued: nil)
            }
            unified.byTypeNumber[Unified.TypeNumber(symbol), default: []].append((symbol, list))
        }
        for key in unified.byTypeNumber.keys { unified.byTypeNumber[key]!.sort { $0.0 < $1.0 } }
        // Keys that would share a slug are one document: the least key names it.
        var bySlug: [String: DocumentKey] = [:]
        for key in seen.sorted() {
            let canonical = registry.canonical(key)
            let slug = canonical.slug
            if let owner = bySlug[slug] {
                if owner != canonical { unified.sameSlug[canonical] = owner }
            } else {
                bySlug[slug] = canonical
            }
        }
        return unified
    }
}

/// How the archive-wide pass settled things; read by every page builder.
public struct Unified: Sendable {
    let registry: Registry
    var full: [DocumentKey: [Unification.Known]] = [:]
    var termOnly: [DocumentKey: Set<Int>] = [:]
    /// A key whose slug another key already has, and that key.
    var sameSlug: [DocumentKey: DocumentKey] = [:]
    /// A key that is another spelling of a document: a State symbol with or without its year, a Party QĐ written
    /// as Quy định or Quyết định.
    var sameDocument: [DocumentKey: DocumentKey] = [:]
    /// Symbols written with a generic type word, and the one specific type word written elsewhere.
    var retype: [DocumentKey: String] = [:]
    /// The candidates of short forms: every symbol with its documents, by type word and number.
    var byTypeNumber: [TypeNumber: [(DocumentKey, [Unification.Known])]] = [:]

    struct TypeNumber: Hashable {
        let type: String, number: Int
        /// Quy định and Quyết định share Party QĐ symbols (see `Unification.symbol`).
        init(_ symbol: DocumentKey) { self.init(type: symbol.type, number: symbol.number) }
        init(type: String, number: Int) { self.type = type == "Quy định" || type.isEmpty ? "Quyết định" : type; self.number = number }
    }

    init(registry: Registry) { self.registry = registry }

    /// Why a partial identity did not join a full one.
    public enum Doubt: Sendable, Hashable {
        /// Several documents with this symbol existed by the article's date.
        case several([DocumentKey])
    }

    /// The document `key` names in an article of `date`, and the candidates when it stays partial because several fit.
    public func resolve(_ key: DocumentKey, writtenOn date: IssueDate?) -> (key: DocumentKey, doubt: Doubt?) {
        var k = key
        if let type = retype[Unification.symbol(k)] { k.type = type }
        if let same = sameDocument[k] { k = same }
        var doubt: Doubt? = nil
        if (k.kind == .party || k.kind == .state) && k.year == nil {
            let list = full[Unification.symbol(k)] ?? []
            if !list.isEmpty {
                if let term = k.term {
                    let fits = list.filter { Self.terms(of: $0).contains(term) }
                    if fits.count == 1 { k = fits[0].key } else if fits.count > 1 { doubt = .several(fits.map(\.key)) }
                } else {
                    switch Self.pick(list, writtenOn: date) {
                    case .one(let known): k = known.key
                    case .several(let keys): doubt = .several(keys)
                    case .none: break
                    }
                }
            } else if k.kind == .party, k.term == nil, let terms = termOnly[Unification.symbol(k)], terms.count == 1,
                      let t = terms.first, let start = PartyTerms.years(of: t)?.lowerBound, date.map({ $0.year >= start }) ?? true {
                // Only a term is known anywhere for this symbol: the bare mention is that document.
                k.term = t
            }
        }
        k = registry.canonical(k)
        // A plenum that adopted exactly one numbered resolution is that resolution (unless the registry says else).
        if k.kind == .plenum, let t = k.term, !registry.isAlias(key) {
            let adopted = PartyCalendar.resolutions(term: t, plenum: k.number)
            if adopted.count == 1, let numbered = PartyCalendar.key(of: adopted[0]) { k = registry.canonical(numbered) }
        }
        if let owner = sameSlug[k] { k = owner }
        return (k, doubt)
    }

    enum Pick { case one(Unification.Known), several([DocumentKey]), none }

    /// Of the documents sharing a symbol, the one a mention without year in an article of `date` can mean: of
    /// those that existed by then, the one known to have existed (issued by then, or in an earlier year, or cited
    /// by an article of that day or before); of several, for Party documents only, the one of the term in force.
    /// A Party document more than three terms old (fifteen years or more) is cited with its year: a mention without
    /// one never joins it (a 2017 "39-NQ/TW" is not the resolution of 1962).
    static func pick(_ list: [Unification.Known], writtenOn date: IssueDate?) -> Pick {
        guard let date else { return list.count == 1 ? .one(list[0]) : .several(list.map(\.key)) }
        let d = Unification.day(date)
        let current = date.partyTerm
        let recent = list.filter { k in
            guard k.key.kind == .party, let current else { return true }
            return terms(of: k).contains { $0 >= current - 3 }
        }
        let possible = recent.filter { $0.from <= d }
        if possible.count == 1 { return .one(possible[0]) }
        if possible.isEmpty {
            // Cited before the only known one was issued, in the same year: the article's date is the likelier
            // error (or it was updated later) than an older document nobody else cites.
            if recent.count == 1, recent[0].key.year == date.year { return .one(recent[0]) }
            return .none
        }
        var narrowed = possible.filter { k in
            k.issued.map { $0 <= d } ?? (k.key.year.map { $0 < date.year } ?? false || k.cited <= d)
        }
        if narrowed.count == 1 { return .one(narrowed[0]) }
        if narrowed.isEmpty { narrowed = possible }
        if narrowed.allSatisfy({ $0.key.kind == .party }), let current {
            let now = narrowed.filter { terms(of: $0) == [current] }
            if now.count == 1 { return .one(now[0]) }
        }
        return .several(narrowed.map(\.key))
    }

    /// The Party terms a document can belong to: the one at its issue date, else those its year falls in.
    static func terms(of known: Unification.Known) -> Set<Int> {
        if known.key.year == nil, let t = known.key.term { return [t] }
        if let day = known.issued {
            let d = IssueDate(year: day / 10000, month: day / 100 % 100, day: day % 100)
            return d.partyTerm.map { [$0] } ?? []
        }
        guard let y = known.key.year else { return [] }
        var out: Set<Int> = []
        for (t, _) in PartyTerms.starts where PartyTerms.years(of: t)?.contains(y) == true { out.insert(t) }
        return out
    }

    /// What a short form ("Chỉ thị 05", "Nghị định 34 của Chính phủ") names in an article of `date`.
    public enum ShortForm: Sendable, Hashable {
        case document(DocumentKey)
        /// Several documents of that kind and number fit; the candidates, for the warning.
        case several([DocumentKey])
        /// None does.
        case none
    }

    /// Resolves a short form whose key holds only its type and number (and a year or term written with it):
    /// the documents of that type and number whose issuer fits what is written, of that year or term when one
    /// is written, picked as `pick` does.
    public func resolve(shortForm m: Mention, writtenOn date: IssueDate?) -> ShortForm {
        let issuer = m.issuerName.map(IssuerPhrase.read)
        var fits: [Unification.Known] = []
        for (symbol, list) in byTypeNumber[TypeNumber(type: m.key.type, number: m.key.number)] ?? [] {
            if let issuer, !issuer.fits(symbol) { continue }
            for k in list {
                if let y = m.key.year, k.key.year != y { continue }
                if let t = m.key.term, !Self.terms(of: k).contains(t) { continue }
                fits.append(k)
            }
        }
        guard !fits.isEmpty else { return .none }
        // One document may be known under several keys of one symbol (with and without year): the short form
        // names the document, so group by what `resolve` makes of each.
        switch Self.pick(fits, writtenOn: date) {
        case .one(let k): return .document(resolve(k.key, writtenOn: date).key)
        case .several(let keys):
            let distinct = Array(Set(keys.map { resolve($0, writtenOn: date).key })).sorted()
            return distinct.count == 1 ? .document(distinct[0]) : .several(distinct)
        case .none: return .none
        }
    }
}

/// The issuer an article names in words ("của Bộ Chính trị", "của UBND tỉnh Cà Mau"), as a code to compare.
public struct IssuerPhrase: Sendable, Hashable {
    /// Issuer codes it can stand for: ["TW"], ["CP"], ["TTg"], ["UBND"]; empty when the words are not known.
    public var codes: [String]
    /// A code prefix it stands for ("QH" for Quốc hội, "BCĐ" for a steering committee).
    public var prefix: String?
    public var locality: String?

    /// Reads the words after "của".
    public static func read(_ name: String) -> IssuerPhrase {
        let folded = Folding.fold(name).lowercased()
        func has(_ s: String) -> Bool { folded.hasPrefix(s) || folded.contains(" " + s) }
        var p = IssuerPhrase(codes: [], prefix: nil, locality: nil)
        if has("bo chinh tri") || has("ban bi thu") || has("trung uong") || has("ban chap hanh trung uong") || folded.hasPrefix("tw") {
            p.codes = ["TW"]
        } else if has("thu tuong") {
            p.codes = ["TTg"]
        } else if has("chinh phu") {
            p.codes = ["CP"]
        } else if has("quoc hoi") && !has("uy ban thuong vu") {
            p.prefix = "QH"
        } else if has("uy ban thuong vu quoc hoi") {
            p.prefix = "UBTVQH"
        } else if has("ubnd") || has("uy ban nhan dan") {
            p.prefix = "UBND"
        } else if has("hdnd") || has("hoi dong nhan dan") {
            p.prefix = "HĐND"
        } else if has("tinh uy") || has("thanh uy") {
            p.codes = ["TU"]
        } else if has("huyen uy") {
            p.codes = ["HU"]
        } else if has("ban chi dao") {
            p.prefix = "BCĐ"
        }
        return p
    }

    /// Whether a document's issuer can be the one these words name; words Bantin does not know fit every issuer.
    public func fits(_ key: DocumentKey) -> Bool {
        if !codes.isEmpty { return codes.contains(key.issuer) }
        if let prefix { return key.issuer.hasPrefix(prefix) || key.issuer.contains("-" + prefix) }
        return true
    }
}

/// The type code each type word is written with in a symbol (Nghị quyết → NQ), for suggestions.
public enum DocumentCodes {
    static let codes: [String: String] = [
        "Nghị quyết": "NQ", "Chỉ thị": "CT", "Kết luận": "KL", "Quyết định": "QĐ", "Quy định": "QĐ", "Quy chế": "QC",
        "Kế hoạch": "KH", "Hướng dẫn": "HD", "Thông báo": "TB", "Thông tri": "TT", "Chương trình": "CTr", "Đề án": "ĐA",
        "Báo cáo": "BC", "Tờ trình": "TTr", "Nghị định": "NĐ", "Thông tư": "TT", "Công điện": "CĐ",
    ]

    /// "NQ" for "Nghị quyết"; nil for a type word without a code (Luật, Công văn).
    public static func code(for type: String) -> String? { codes[type] }

    /// The type word a code in a symbol stands for, when it stands for one only ("BC" → "Báo cáo"; not "TT",
    /// Thông tư or Thông tri, nor "QĐ" of Party documents, Quy định or Quyết định — but a generic word's QĐ is a
    /// State decision).
    public static func type(forCode code: String) -> String? {
        switch code {
        case "NQ": return "Nghị quyết"
        case "CT": return "Chỉ thị"
        case "KL": return "Kết luận"
        case "QĐ": return "Quyết định"
        case "KH": return "Kế hoạch"
        case "HD": return "Hướng dẫn"
        case "TB": return "Thông báo"
        case "CTr": return "Chương trình"
        case "ĐA": return "Đề án"
        case "BC": return "Báo cáo"
        case "TTr": return "Tờ trình"
        case "NĐ": return "Nghị định"
        case "CĐ": return "Công điện"
        case "QC": return "Quy chế"
        default: return nil
        }
    }
}

extension Unified {
    /// Where one citation ends, however it was written: the build, the preview and `bantin refs` all ask this.
    public enum Settlement: Sendable, Hashable {
        /// Its document; `others` are the documents that fit equally when the key had to stay partial.
        case document(DocumentKey, others: [DocumentKey])
        /// A short form no document fits (`candidates` empty) or several fit.
        case unresolved(candidates: [DocumentKey])
        /// A short form with neither "số" nor an issuer that nothing fits: ordinary prose.
        case prose
    }

    /// Settles a citation: `key` as its article resolved it; for a short form, `key` holds its type and number.
    public func settle(_ key: DocumentKey, shortForm: (issuerName: String?, hasNumberWord: Bool)?, writtenOn date: IssueDate?) -> Settlement {
        guard let shortForm else {
            // A province's or a district's congress whose place neither the text nor the article names: every
            // province has an Xth congress, so it is no one document (the Army's and the Police's are).
            if key.kind == .congress, key.issuer != "TW", key.issuer != "ĐUQSTW", key.issuer != "ĐUCATW", key.locality == nil {
                return .unresolved(candidates: [])
            }
            let (k, doubt) = resolve(key, writtenOn: date)
            if case .several(let keys) = doubt { return .document(k, others: keys) }
            return .document(k, others: [])
        }
        // The words written with it gave the recogniser a symbol ("Chỉ thị số 12 … của Bộ Chính trị (khóa XII)" is
        // 12-CT/TW of khóa XII): settled as that symbol written. A State symbol without its year is no document
        // on its own (decrees and circulars carry it): it needs the archive to know the one it is.
        if !key.issuer.isEmpty, key.kind == .party || key.kind == .state {
            let (k, doubt) = resolve(key, writtenOn: date)
            if case .several(let keys) = doubt { return .unresolved(candidates: keys) }
            if k.kind == .party || k.year != nil || full[Unification.symbol(k)] != nil { return .document(k, others: []) }
        }
        var m = Mention(range: 0..<0, key: key, isShortForm: true, hasNumberWord: shortForm.hasNumberWord)
        m.issuerName = shortForm.issuerName
        switch resolve(shortForm: m, writtenOn: date) {
        case .document(let k): return .document(k, others: [])
        case .several(let keys): return .unresolved(candidates: keys)
        case .none: return m.isProseUnlessResolved ? .prose : .unresolved(candidates: [])
        }
    }
}
