/// A calendar day a document was issued.
public struct IssueDate: Sendable, Hashable, Codable, Comparable {
    public var year: Int, month: Int, day: Int
    public init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }
    public static func < (a: Self, b: Self) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
    /// "16/11/2016".
    public var display: String { "\(day)/\(month)/\(year)" }
    public var partyTerm: Int? { PartyTerms.term(year: year, month: month, day: day) }
}

/// One reference to a document as written in a text, before it is resolved against its article and the registry.
public struct Mention: Sendable, Hashable {
    /// UTF-8 byte offsets of the reference itself ("Chỉ thị số 05-CT/TW"), the part to link.
    public var range: Range<Int>
    /// The identity as far as the text tells; year, term and locality may still be missing.
    public var key: DocumentKey
    /// No symbol was written ("Chỉ thị số 05", "Chỉ thị 05 của Bộ Chính trị", "Nghị quyết 52/2017"): it can only be
    /// resolved from a fuller mention or the registry. Its key has the type word and number; the year when written
    /// ("52/2017": `year` with `symbolHasYear`); the issuer, code and kind when the issuer phrase or the type word
    /// settles them ("Nghị định 34" is NĐ-CP; "của Bộ Chính trị" is TW); otherwise kind `.party` (or `.state` for
    /// State-only words) with empty code and issuer.
    public var isShortForm: Bool
    /// "số" was written before the number.
    public var hasNumberWord: Bool
    /// A title in quotes right after the reference, without the quotes.
    public var title: String?
    /// A trailing "ngày 16-11-2016".
    public var issued: IssueDate?
    /// The year of issue from a full trailing date ("ngày 16-11-2016").
    public var issuedYear: Int?
    /// "năm 2008" after the reference: it may be the year of issue or the year of the events, so it only
    /// chooses between registry entries and never makes a key by itself.
    public var yearHint: Int?
    /// The organ in "của Bộ Chính trị", as written.
    public var issuerName: String?
    /// UTF-8 byte offsets of `issuerName` in the text ("Bộ Chính trị" in "… của Bộ Chính trị"), for messages.
    public var issuerRange: Range<Int>?
    /// The code the organ of the issuer phrase signs with: "TW" for Bộ Chính trị, Ban Bí thư or Trung ương,
    /// "CP" for Chính phủ, "TTg", "QH" (Quốc hội, term not known), "TU" for a Tỉnh ủy or Thành ủy, "HU", "UBND",
    /// "TLĐ"…; nil when the phrase names no organ with a code of its own ("Ban Chỉ đạo …"). A short form's key
    /// also carries it as its issuer (with the kind and type code it implies).
    public var issuerCode: String?
    /// "nhiệm kỳ 2020–2025" written after a congress: the years of the committee's term. A local congress written
    /// without its ordinal has the first of them as its key's `year` (and `number` 0).
    public var termYears: ClosedRange<Int>?
    /// Several terms were listed ("Nghị quyết Trung ương 4 (khóa XI, XII)"): this mention stands for one of them.
    public var listedTogether: Bool = false

    /// A short form with neither "số" nor an issuer ("Nghị quyết 18 đã đi vào cuộc sống", "Chương trình 135"):
    /// a citation when the archive has a document it can only mean, ordinary prose otherwise (no warning).
    public var isProseUnlessResolved: Bool { isShortForm && !hasNumberWord && issuerName == nil }

    public init(range: Range<Int>, key: DocumentKey, isShortForm: Bool = false, hasNumberWord: Bool = false,
                title: String? = nil, issued: IssueDate? = nil, issuerName: String? = nil) {
        self.range = range; self.key = key; self.isShortForm = isShortForm; self.hasNumberWord = hasNumberWord
        self.title = title; self.issued = issued; self.issuerName = issuerName
    }
}

/// What one scan of a text found.
public struct ScanResult: Sendable {
    public var mentions: [Mention]
    /// Provinces and cities named as "Tỉnh ủy X" / "Thành ủy X", in order of appearance.
    public var localities: [String]
}
