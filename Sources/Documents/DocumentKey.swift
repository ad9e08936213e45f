import Vietnamese

/// What kind of numbering a document has; it decides how the key, label and slug are written.
public enum DocumentKind: String, Sendable, Codable, Hashable, Comparable {
    /// "05-CT/TW": number, type code, issuing Party body.
    case party
    /// "30/2020/NĐ-CP" or "123/QĐ-TTg": number, optional year, code and issuer.
    case state
    /// "Nghị quyết Hội nghị Trung ương 4 khóa XII": known by its plenum.
    case plenum
    /// "Nghị quyết Đại hội XII": a resolution of a Party congress. The national congress has issuer "TW"; a local or
    /// sectoral one ("Đại hội Đảng bộ tỉnh Cần Thơ lần thứ XIV") the code of its committee ("TU", "HU", "QU", "TX",
    /// "ĐU", "ĐUQSTW" for the Army, "ĐUCATW" for the Police) and its locality; number 0 and a year when only
    /// "nhiệm kỳ 2015–2020" was written.
    case congress

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Whose document it is, for grouping the overview page.
public enum DocumentLevel: String, Sendable, Codable, CaseIterable {
    case central = "Trung ương"
    case local = "Địa phương"
    case state = "Nhà nước"
    /// Mass organisations (đoàn thể): Tổng Liên đoàn Lao động, Mặt trận Tổ quốc, Đoàn Thanh niên, the Hội.
    case organisation = "Đoàn thể"
}

/// The identity of a document. Two mentions name the same document exactly when their keys are equal.
///
/// Party numbering restarts every term and local issuers exist in every province, so the key carries the year
/// or term and the locality where they are known. The slug is derived from the key, never the reverse.
public struct DocumentKey: Sendable, Hashable, Codable, Comparable {
    public var kind: DocumentKind
    /// Canonical type word: "Chỉ thị", "Quy định", "Nghị định"…
    public var type: String
    /// The number as written without leading zeros ("5"), or the plenum/congress number.
    public var number: Int
    /// Type code: "CT", "QĐ", "NĐ"; empty for laws and plenum resolutions.
    public var code: String
    /// Issuer code: "TW", "TU", "CP", "TTg", "QH13".
    public var issuer: String
    /// Province or city for local issuers (TU, HU, UBND…), e.g. "Cần Thơ".
    public var locality: String?
    /// Year of issue when known.
    public var year: Int?
    /// Party term (khóa) as a number, 12 for khóa XII, when the year is not known; always set for plenums.
    public var term: Int?

    public init(kind: DocumentKind, type: String, number: Int, code: String = "", issuer: String = "",
                locality: String? = nil, year: Int? = nil, term: Int? = nil) {
        self.kind = kind; self.type = type; self.number = number; self.code = code; self.issuer = issuer
        self.locality = locality; self.year = year; self.term = term
    }

    /// The key without year and term: mentions with the same symbol share it.
    public var symbolKey: DocumentKey {
        var k = self
        if kind == .party || (kind == .state && !isNormative) { k.year = nil }
        if kind == .party { k.term = nil }
        return k
    }

    /// State documents whose symbol carries the year ("30/2020/NĐ-CP").
    public var isNormative: Bool { kind == .state && year != nil && symbolHasYear }
    /// Set by the recogniser when the year was part of the symbol itself.
    public var symbolHasYear: Bool = false

    public var level: DocumentLevel {
        if SymbolCodes.isMassOrganisation(issuer) { return .organisation }
        switch kind {
        case .state: return .state
        case .plenum: return .central
        case .party, .congress: return Issuers.isLocal(issuer) ? .local : .central
        }
    }

    static func padded(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// The official written form: "Chỉ thị số 05-CT/TW", "Nghị định số 30/2020/NĐ-CP",
    /// "Nghị quyết Hội nghị Trung ương 4 khóa XII".
    public var label: String {
        switch kind {
        case .party, .state:
            return "\(type) số \(symbol ?? "")"
        case .plenum:
            return "Nghị quyết Hội nghị Trung ương \(number)" + (term.map { " khóa \(Roman.format($0))" } ?? "")
        case .congress:
            if issuer == "TW" { return "Nghị quyết Đại hội đại biểu toàn quốc lần thứ \(Roman.format(number)) của Đảng" }
            let when = number > 0 ? " lần thứ \(Roman.format(number))" : (year.map { " nhiệm kỳ \($0)–\($0 + 5)" } ?? "")
            return "Nghị quyết Đại hội Đảng bộ \(congressBody)\(when)"
        }
    }

    /// The number and code as written in the symbol: "05-CT/TW", "30/2020/NĐ-CP"; nil for plenums and congresses.
    public var symbol: String? {
        let n = Self.padded(number)
        switch kind {
        case .party: return "\(n)-\(code)/\(issuer)"
        case .state:
            let tail = code.isEmpty ? issuer : "\(code)-\(issuer)"
            if symbolHasYear, let year { return "\(n)/\(year)/\(tail)" }
            return "\(n)/\(tail)"
        case .plenum, .congress: return nil
        }
    }

    /// The stable ASCII slug: "chi-thi-05-ct-tw-2016", "quy-dinh-03-qd-tu-can-tho-2016",
    /// "nghi-dinh-30-2020-nd-cp", "nghi-quyet-trung-uong-4-khoa-xii", "nghi-quyet-dai-hoi-xii".
    public var slug: String {
        var parts: [String] = []
        switch kind {
        case .party:
            parts = [type, Self.padded(number), code, issuer]
            if let locality { parts.append(locality) }
            if let year { parts.append(String(year)) } else if let term { parts.append("khoa-\(Roman.format(term))") }
        case .state:
            parts = [type, Self.padded(number)]
            if symbolHasYear, let year { parts.append(String(year)) }
            parts += [code, issuer]
            if let locality { parts.append(locality) }
            if !symbolHasYear, let year { parts.append(String(year)) }
        case .plenum:
            parts = ["nghi-quyet-trung-uong", String(number)]
            if let term { parts.append("khoa-\(Roman.format(term))") }
        case .congress:
            if issuer == "TW" {
                parts = ["nghi-quyet-dai-hoi", Roman.format(number)]
            } else {
                // The committee's code keeps a province and a district of one name apart.
                parts = ["nghi-quyet-dai-hoi-dang-bo", issuer, locality ?? ""]
                if issuer == "ĐUQSTW" || issuer == "ĐUCATW" { parts = ["nghi-quyet-dai-hoi-dang-bo", congressBody] }
                if number > 0 { parts.append(Roman.format(number)) } else if let year { parts += ["nhiem-ky", String(year)] }
            }
        }
        return Slug.make(parts.filter { !$0.isEmpty }.joined(separator: "-"), maxLength: 200)
    }

    /// Whose congress a local congress key names: "Cần Thơ", "Quân đội", "Công an Trung ương", or the kind of
    /// committee when the place is not known ("tỉnh").
    var congressBody: String {
        switch issuer {
        case "ĐUQSTW": return "Quân đội"
        case "ĐUCATW": return "Công an Trung ương"
        default:
            if let locality { return locality }
            return ["TU": "tỉnh", "HU": "huyện", "QU": "quận", "TX": "thị xã"][issuer] ?? "cơ sở"
        }
    }

    public static func < (a: DocumentKey, b: DocumentKey) -> Bool {
        if a.kind != b.kind { return a.kind < b.kind }
        if a.type != b.type { return Collation.precedes(a.type, b.type) }
        if a.number != b.number { return a.number < b.number }
        if a.issuer != b.issuer { return a.issuer < b.issuer }
        if a.code != b.code { return a.code < b.code }
        if a.locality != b.locality { return (a.locality ?? "") < (b.locality ?? "") }
        if a.year != b.year { return (a.year ?? 0) < (b.year ?? 0) }
        return (a.term ?? 0) < (b.term ?? 0)
    }
}

/// Roman numerals for Party terms and congresses.
public enum Roman {
    static let values: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]

    /// 12 → "XII".
    public static func format(_ n: Int) -> String {
        var n = n, s = ""
        for (v, r) in values { while n >= v { s += r; n -= v } }
        return s
    }

    /// "XII" → 12 (case-insensitive); nil when the letters are not a well-formed numeral.
    public static func parse<S: StringProtocol>(_ text: S) -> Int? {
        var total = 0, prev = 0
        for c in text.uppercased().reversed() {
            let v: Int
            switch c {
            case "I": v = 1
            case "V": v = 5
            case "X": v = 10
            case "L": v = 50
            case "C": v = 100
            default: return nil
            }
            if v < prev { total -= v } else { total += v; prev = v }
        }
        guard total > 0, format(total) == text.uppercased() else { return nil }
        return total
    }
}

/// Party terms (khóa) and the dates they began, for "the term in force at the article's date".
public enum PartyTerms {
    /// (term, first day as yyyymmdd): the day each national congress closed.
    static let starts: [(Int, Int)] = [(6, 19861218), (7, 19910627), (8, 19960701), (9, 20010422), (10, 20060425),
                                       (11, 20110119), (12, 20160128), (13, 20210201), (14, 20260123)]

    /// The term in force on a day.
    public static func term(year: Int, month: Int, day: Int) -> Int? {
        let v = year * 10000 + month * 100 + day
        return starts.last(where: { $0.1 <= v })?.0
    }

    /// Years a term spans (a term that has begun but not ended runs to its nominal five years).
    public static func years(of term: Int) -> ClosedRange<Int>? {
        guard let i = starts.firstIndex(where: { $0.0 == term }) else { return nil }
        let first = starts[i].1 / 10000
        let last = i + 1 < starts.count ? starts[i + 1].1 / 10000 : first + 5
        return first...last
    }
}

/// Party issuer codes and which of them are local bodies that exist in every province.
public enum Issuers {
    /// The issuing body in words, for a document page: "Trung ương Đảng", "Thủ tướng Chính phủ", "Quốc hội khóa
    /// XIII", "Ủy ban nhân dân Cần Thơ"; nil when the code alone does not say.
    public static func name(of k: DocumentKey) -> String? {
        switch k.issuer {
        case "TW": return k.kind == .congress ? "Đại hội đại biểu toàn quốc của Đảng" : "Trung ương Đảng"
        case "CP": return "Chính phủ"
        case "TTg": return "Thủ tướng Chính phủ"
        case "TU": return "Tỉnh ủy, Thành ủy" + (k.locality.map { " \($0)" } ?? "")
        case "HU": return "Huyện ủy"
        case "QU": return "Quận ủy"
        case "ĐU": return "Đảng ủy"
        default:
            if k.issuer.hasPrefix("QH") { return "Quốc hội" + (Int(k.issuer.dropFirst(2)).map { " khóa \(Roman.format($0))" } ?? "") }
            if k.issuer.hasPrefix("UBND") { return "Ủy ban nhân dân" + (k.locality.map { " \($0)" } ?? "") }
            return nil
        }
    }

    static let local: Set<String> = ["TU", "HU", "QU", "TX", "ĐU", "ĐUK", "UBND", "HĐND", "BCSĐ", "ĐĐ", "TP"]
    public static func isLocal(_ issuer: String) -> Bool {
        if local.contains(issuer) { return true }
        // "UBND-TNMT": a local People's Committee department.
        return issuer.hasPrefix("UBND") || issuer.hasPrefix("HĐND")
    }
}
