import Vietnamese

/// Parses what follows a type word: a numbered symbol (or a list of them), a plenum, or a congress,
/// then the trailing date, issuer phrase, term and quoted title.
struct ReferenceParser {
    let s: ByteScanner
    let start: Int
    let typeWord: Recogniser.TypeWord
    /// The type word with its qualifier when that makes another type ("Nghị quyết liên tịch").
    var qualifiedType: String? = nil
    var writtenType: String { qualifiedType ?? typeWord.canonical }

    init(s: ByteScanner, start: Int, typeWord: Recogniser.TypeWord) {
        self.s = s; self.start = start; self.typeWord = typeWord
    }

    static let so = [Phrase("số")]
    static let hoiNghi = Phrase("hội nghị")
    static let central = [Phrase("trung ương"), Phrase("tw"), Phrase("tư"), Phrase("t.ư"), Phrase("t.w")]
    static let lanThu = Phrase("lần thứ")
    static let bch = [Phrase("ban chấp hành"), Phrase("bch")]
    static let dang = Phrase("đảng")
    static let csvn = Phrase("cộng sản việt nam")
    static let daiHoi = [Phrase("đại hội"), Phrase("đh")]
    static let congressQualifiers = [Phrase("đại biểu toàn quốc"), Phrase("đảng toàn quốc"), Phrase("toàn quốc"),
                                     Phrase("đảng")]
    static let khoa = [Phrase("khóa"), Phrase("khoá")]
    static let ngay = Phrase("ngày")
    static let thang = Phrase("tháng")
    static let nam = Phrase("năm")
    static let cua = Phrase("của")
    static let va = Phrase("và")
    static let cac = Phrase("các")
    static let ordinals: [(Phrase, Int)] = [
        ("hai mươi mốt", 21), ("hai mươi hai", 22), ("hai mươi ba", 23), ("hai mươi tư", 24), ("hai mươi bốn", 24),
        ("hai mươi lăm", 25), ("hai mươi", 20), ("mười sáu", 16), ("mười bảy", 17), ("mười bẩy", 17), ("mười tám", 18),
        ("mười chín", 19), ("mười một", 11), ("mười hai", 12), ("mười ba", 13), ("mười bốn", 14), ("mười tư", 14), ("mười lăm", 15),
        ("nhất", 1), ("một", 1), ("hai", 2), ("ba", 3), ("tư", 4), ("bốn", 4), ("năm", 5), ("sáu", 6), ("bảy", 7),
        ("bẩy", 7), ("tám", 8), ("chín", 9), ("mười", 10),
    ].map { (Phrase($0.0), $0.1) }
    /// Organs named in "của …" after a reference, with the issuer code they sign with.
    static let organs: [(Phrase, String)] = [
        ("ban chấp hành trung ương đoàn", "TWĐTN"), ("trung ương đoàn", "TWĐTN"), ("bộ chính trị", "TW"), ("ban bí thư", "TW"), ("ban chấp hành trung ương đảng", "TW"),
        ("ban chấp hành trung ương", "TW"), ("trung ương đảng", "TW"), ("trung ương", "TW"),
        ("thủ tướng chính phủ", "TTg"), ("chính phủ", "CP"), ("hội đồng chính phủ", "CP"), ("thủ tướng", "TTg"),
        ("ủy ban thường vụ quốc hội", "UBTVQH"), ("uỷ ban thường vụ quốc hội", "UBTVQH"), ("quốc hội", "QH"),
        ("ban tuyên giáo trung ương", "BTGTW"), ("ban tổ chức trung ương", "BTCTW"),
        ("ủy ban kiểm tra trung ương", "UBKTTW"), ("uỷ ban kiểm tra trung ương", "UBKTTW"),
        ("văn phòng trung ương đảng", "VPTW"), ("văn phòng trung ương", "VPTW"), ("ban dân vận trung ương", "BDVTW"),
        ("ban nội chính trung ương", "BNCTW"), ("ban kinh tế trung ương", "BKTTW"),
        ("quân ủy trung ương", "ĐUQSTW"), ("quân uỷ trung ương", "ĐUQSTW"), ("đảng ủy công an trung ương", "ĐUCATW"),
        ("thường vụ quân ủy trung ương", "ĐUQSTW"), ("thường vụ quân uỷ trung ương", "ĐUQSTW"),
        ("văn phòng chính phủ", "VPCP"), ("thanh tra chính phủ", "TTCP"),
        ("bộ nội vụ", "BNV"), ("bộ tài chính", "BTC"), ("bộ giáo dục và đào tạo", "BGDĐT"), ("bộ giáo dục - đào tạo", "BGDĐT"),
        ("bộ công an", "BCA"), ("bộ y tế", "BYT"), ("bộ công thương", "BCT"), ("bộ giao thông vận tải", "BGTVT"),
        ("bộ gtvt", "BGTVT"), ("bộ xây dựng", "BXD"), ("bộ tư pháp", "BTP"), ("bộ quốc phòng", "BQP"),
        ("bộ ngoại giao", "BNG"), ("bộ khoa học và công nghệ", "BKHCN"), ("bộ thông tin và truyền thông", "BTTTT"),
        ("bộ kế hoạch và đầu tư", "BKHĐT"), ("bộ tài nguyên và môi trường", "BTNMT"),
        ("bộ nông nghiệp và phát triển nông thôn", "BNNPTNT"), ("bộ lao động - thương binh và xã hội", "BLĐTBXH"),
        ("bộ lao động, thương binh và xã hội", "BLĐTBXH"), ("bộ văn hóa, thể thao và du lịch", "BVHTTDL"),
        ("bộ văn hoá, thể thao và du lịch", "BVHTTDL"), ("ngân hàng nhà nước việt nam", "NHNN"),
        ("ngân hàng nhà nước", "NHNN"), ("nhnn", "NHNN"), ("bảo hiểm xã hội việt nam", "BHXH"),
        ("tổng liên đoàn lao động việt nam", "TLĐ"), ("tổng liên đoàn lao động", "TLĐ"),
        ("ủy ban trung ương mặt trận tổ quốc việt nam", "MTTW"), ("uỷ ban trung ương mặt trận tổ quốc việt nam", "MTTW"),
        ("ban chỉ đạo", ""),
    ].map { (Phrase($0.0), $0.1) }
    /// Committees that name their place after them ("Tỉnh ủy Thanh Hóa"), with their issuer code.
    static let committees: [(Phrase, String)] = [
        ("tỉnh ủy", "TU"), ("tỉnh uỷ", "TU"), ("thành ủy", "TU"), ("thành uỷ", "TU"), ("huyện ủy", "HU"),
        ("huyện uỷ", "HU"), ("quận ủy", "QU"), ("quận uỷ", "QU"), ("thị ủy", "TX"), ("thị uỷ", "TX"), ("đảng ủy", "ĐU"),
        ("đảng uỷ", "ĐU"), ("ủy ban nhân dân", "UBND"), ("uỷ ban nhân dân", "UBND"), ("ubnd", "UBND"),
        ("hội đồng nhân dân", "HĐND"), ("hđnd", "HĐND"),
    ].map { (Phrase($0.0), $0.1) }
    static let organPhrases = organs.map(\.0)
    static let committeePhrases = committees.map(\.0)
    static let banThuongVu = Phrase("ban thường vụ")
    static let chong = Phrase("chống")
    static let heads: [Phrase] = ["chủ tịch", "bộ trưởng", "thống đốc", "thường trực", "thường vụ"].map { Phrase($0) }
    static let placeWords: [Phrase] = ["tỉnh", "thành phố", "tp", "huyện", "quận", "thị xã"].map { Phrase($0) }

    /// Words that make a longer kind of the same type: "Kế hoạch hành động", "Chương trình hành động",
    /// "Nghị quyết liên tịch", "Quyết định kỷ luật", "Công điện khẩn", "Kế hoạch liên ngành". The symbol's code
    /// still names the type ("Kế hoạch hành động số 45/KH-UBND" is Kế hoạch 45/KH-UBND).
    static let qualifiers: [Phrase] = ["hành động", "liên tịch", "kỷ luật", "khẩn", "liên ngành", "kết luận"].map { Phrase($0) }

    /// The end of "số" at `k`, if it is there; one byte rejects almost every other word.
    @inline(__always)
    func so(at k: Int) -> Int? {
        guard k < s.count, s.b[k] | 0x20 == 0x73 else { return nil }
        if let e = s.phrase(Self.so[0], at: k) { return e }
        // "số204/2004/NĐ-CP": the number run into "số". "số" is 73 E1 BB 91 (the s may be a capital, the ố too).
        if k + 4 < s.count, s.b[k + 1] == 0xE1, s.b[k + 2] == 0xBB, s.b[k + 3] == 0x91 || s.b[k + 3] == 0x90,
           ByteScanner.isDigit(UInt32(s.b[k + 4])) {
            return k + 4
        }
        return nil
    }

    /// True when the type word ending at `end` is written in capitals ("KẾ HOẠCH", a heading or a table's label):
    /// a bare number after it is a row or an item, not a document ("Hình thức cắt điện: KẾ HOẠCH 19 08:00").
    func typeWordInCapitals(_ end: Int) -> Bool {
        let last = s.start(before: end)
        let v = s.scalar(at: last).value
        return ByteScanner.isUpper(v) && ByteScanner.isUpper(s.scalar(at: start).value)
            && ByteScanner.isUpper(s.scalar(at: s.start(before: last)).value)
    }

    /// Where "số" begins after a law's name or a decision's description ("Bảo vệ môi trường", "khởi tố vụ án hình
    /// sự", "thanh tra (") of at most `maxWords` words, none of them a preposition or another type word; nil when
    /// there is no such "số". The "số" is found first (one byte per word), the words are checked only then.
    func descriptor(from j: Int, maxWords: Int) -> (end: Int, paren: Bool)? {
        // Most type words in prose have no "số" after them: look for it byte by byte ("s" E1 BB 91, or 90 for a
        // capital Ố, at a word start) up to the end of the clause or the word limit, before reading any word.
        var x = j
        var spaces = 0
        var seen = false
        while x + 3 < s.count {
            let c = s.b[x]
            if c == 0x20 {
                spaces += 1
                if spaces > maxWords { return nil }
            } else if c == 0x2E || c == 0x3B || c == 0x3A || c == 0x0A || c == 0x22 || c == 0x29 || c == 0x21 || c == 0x3F {
                return nil  // . ; : line break " ) ! ? end the clause
            } else if c | 0x20 == 0x73, s.b[x + 1] == 0xE1, s.b[x + 2] == 0xBB, s.b[x + 3] == 0x91 || s.b[x + 3] == 0x90,
                      x == j || s.b[x - 1] == 0x20 || s.b[x - 1] == 0x28 {
                seen = true
                break
            }
            x += 1
        }
        guard seen else { return nil }
        var k = j
        var words = 0
        var paren = false
        while k < s.count {
            if so(at: k) != nil { break }
            if s.b[k] == 0x28 {  // "Kết luận thanh tra (số 825/KL-SYT"
                let inner = s.skipSpace(k + 1)
                guard so(at: inner) != nil else { return nil }
                k = inner
                paren = true
                break
            }
            guard words < maxWords, ByteScanner.isLetter(s.scalar(at: k).value) else { return nil }
            while k < s.count, ByteScanner.isLetter(s.scalar(at: k).value) { k += s.scalar(at: k).length }
            if k < s.count, s.b[k] == 0x2C { k += 1 }  // "Luật Phòng, chống tham nhũng"
            let next = s.skipSpace(k)
            guard next > k || (next < s.count && s.b[next] == 0x28) else { return nil }
            k = next
            words += 1
        }
        guard words > 0 || paren, let e = so(at: k) else { return nil }
        // What follows "số" must be a number with its symbol before the words are checked ("Luật sư Nguyễn Văn A,
        // Đoàn luật sư số 2" is a lawyer).
        let n = s.skipSpace(e)
        guard let (_, ne) = s.number(at: n, maxDigits: 5), symbol(after: ne) != nil else { return nil }
        var w = j
        let stops = typeWord.isLaw ? Self.notInLawName : Self.notInDescription
        while w < k {
            guard s.anyPhrase(stops, at: w) == nil else { return nil }
            let before = w
            while w < k, ByteScanner.isLetter(s.scalar(at: w).value) { w += s.scalar(at: w).length }
            if w < k, s.b[w] == 0x2C || s.b[w] == 0x28 { w += 1 }
            w = s.skipSpace(w)
            if w == before { w += 1 }
        }
        return (k, paren)
    }

    /// Words never part of a law's name: "luật lao động theo Chỉ thị số 26", "Luật Giao thông thì biển báo số 106".
    static let notInLawName: [Phrase] = ["theo", "thì", "của", "tại", "trong", "là", "được", "đã", "sẽ", "với", "cho",
                                         "hủy", "huỷ", "khi", "nếu", "này", "đó", "như", "nghị định", "nghị quyết",
                                         "thông tư", "quyết định", "chỉ thị", "pháp lệnh", "ngày", "từ"].map { Phrase($0) }
    /// Nor part of a decision's description: any type word ("Công văn Công văn số …", "… từ ngày luật số …").
    static let notInDescription: [Phrase] = notInLawName + Recogniser.typeWords.map(\.phrase)

    /// Parses from `end` (just after the type word). Returns the mentions and where scanning resumes.
    mutating func parse(after end: Int) -> ([Mention], Int)? {
        var j = s.skipSpace(end)
        guard j < s.count else { return nil }
        // Most type words in prose are followed by neither a qualifier nor a number: one byte decides first.
        let c = s.b[j] | 0x20
        var qualified = false
        if c == 0x68 || c == 0x6C || c == 0x6B, let (k, e) = s.anyPhrase(Self.qualifiers, at: j),
           k != 5 || typeWord.canonical == "Thông báo" {
            if k == 1, typeWord.canonical == "Nghị quyết" { qualifiedType = "Nghị quyết liên tịch" }
            if k == 1, typeWord.canonical == "Thông tư" { qualifiedType = "Thông tư liên tịch" }
            j = s.skipSpace(e)
            // "liên tịch", "kết luận" name the type; "kỷ luật", "hành động"… describe one decision or plan.
            qualified = k != 1 && k != 5
        }
        var hasSo = false
        // "Luật Bảo vệ môi trường số 55/2014/QH13": a law's name may stand between the word and its number;
        // "Quyết định khởi tố vụ án hình sự số 133/QĐ-CQCSĐT", "Kết luận thanh tra (số 184/KL-SYT)": so may a few
        // words saying what kind of decision it is. Either way only a full symbol makes it a reference.
        var described = false
        var inParentheses = false
        if j < s.count, !ByteScanner.isDigit(UInt32(s.b[j])), so(at: j) == nil {
            if let (k, paren) = descriptor(from: j, maxWords: typeWord.isLaw ? 10 : 6) {
                j = k
                described = true
                inParentheses = paren
            } else if typeWord.isLaw {
                return nil
            }
        }
        if let e = so(at: j) {
            hasSo = true
            j = e
            if j < s.count, s.b[j] == 0x3A { j += 1 }  // "Số:"
            j = s.skipSpace(j)
        }
        guard j < s.count else { return nil }
        if ByteScanner.isDigit(UInt32(s.b[j])) {
            if typeWord.plenumOnly { return nil }
            guard var (found, resume) = numbered(at: j, hasSo: hasSo) else { return nil }
            // Without "số", a bare number is a document's only after a plain type word: "quyết định kỷ luật 2 cán bộ",
            // "bị cáo Luật 12 tháng", "bộ luật 1 thế kỷ trước", "tàu NĐ 1816" are not references.
            if !hasSo, found.contains(where: { $0.isShortForm && !$0.key.symbolHasYear }),
               qualified || typeWord.isLaw || (typeWord.isAbbreviation && found.contains { $0.key.number > 999 })
                || (!typeWord.isAbbreviation && typeWordInCapitals(end)) {
                found.removeAll { $0.isShortForm && !$0.key.symbolHasYear }
                if found.isEmpty { return nil }
            }
            // (A law's number and year, "Luật Thuế tiêu thụ đặc biệt số 39/2007", is enough: it names one law.)
            if described, found.contains(where: { $0.isShortForm && !(typeWord.isLaw && $0.key.symbolHasYear) }) { return nil }
            // "Kết luận thanh tra (số 184/KL-SYT)": the link closes the parenthesis it opened.
            if inParentheses, found.count == 1, let close = Optional(s.skipSpace(found[0].range.upperBound)),
               close < s.count, s.b[close] == 0x29 {
                found[0].range = found[0].range.lowerBound..<(close + 1)
                resume = max(resume, close + 1)
            }
            return (found, resume)
        }
        if described { return nil }
        guard typeWord.isResolution, !hasSo else { return nil }
        if let r = plenum(at: j) { return r }
        if let r = congress(at: j) { return r }
        return nil
    }

    // MARK: numbered symbols

    struct Symbol {
        var kind: DocumentKind
        var code: String
        var issuer: String
        var year: Int?
        /// "91/2020": the number and year of a State document, without its code.
        var yearOnly: Bool = false
    }

    /// "05-CT/TW", "30/2020/NĐ-CP", "123/QĐ-TTg", "55/2014/QH13", "91/2020" after a number ending at `i`.
    ///
    /// The separators do not decide the kind: "21-NQ/TW", "21/NQ-TW", "21/NQ/TW" and "21 - NQ/TW" are one Party
    /// symbol because TW is a Party body; "58/2016/QĐ-Ttg" and "QĐ/TTg" are one State symbol. Codes are spelled
    /// canonically (`SymbolCodes`).
    func symbol(after i: Int) -> (Symbol, Int)? {
        var j: Int
        var dashFirst = false
        var year: Int? = nil
        if let d = s.dash(at: i), let (y, ye) = s.number(at: d, maxDigits: 4), ye - d == 4, let sl2 = s.slash(at: ye),
           s.code(at: sl2) != nil {
            // "19-2017/NQ-CP", "19- 2017/NQ-CP": the year after a dash instead of a slash.
            guard (1945...2100).contains(y) else { return nil }
            year = y
            j = sl2
        } else if let d = s.dash(at: i), d == i + 1, let (y, ye) = s.number(at: d, maxDigits: 4), ye - d == 4,
                  (1945...2100).contains(y), s.atWordEnd(ye),
                  !(ye + 1 < s.count && (s.b[ye] == 0x2D || s.b[ye] == 0x2E || s.b[ye] == 0x2F)
                    && ByteScanner.isDigit(UInt32(s.b[ye + 1]))) {
            // "Nghị quyết 19-2017": number and year, no code (written tight: "19 - 2017" is a span).
            return (Symbol(kind: .state, code: "", issuer: "", year: y, yearOnly: true), ye)
        } else if let d = s.dash(at: i) {
            dashFirst = true
            j = d
        } else if let sl = s.slash(at: i) {
            j = sl
            if let (y, ye) = s.number(at: j, maxDigits: 4), ye - j == 4 {
                guard (1945...2100).contains(y) else { return nil }
                if let sl2 = s.slash(at: ye) {
                    year = y
                    j = sl2
                } else if s.atWordEnd(ye), !(ye + 1 < s.count && (s.b[ye] == 0x2D || s.b[ye] == 0x2E || s.b[ye] == 0x2F)
                                                 && ByteScanner.isDigit(UInt32(s.b[ye + 1]))) {
                    // "Nghị định 91/2020": number and year, no code.
                    return (Symbol(kind: .state, code: "", issuer: "", year: y, yearOnly: true), ye)
                } else {
                    return nil
                }
            }
        } else {
            return nil
        }
        guard let (first, fe) = code(at: j, dashFirst: dashFirst) else { return nil }
        var second: (String, Int)? = nil
        if let sep = s.slash(at: fe) ?? s.dash(at: fe), let c = s.code(at: sep, lowercase: !ByteScanner.hasCapital(first)) {
            second = c
        }
        if let (raw, se) = second {
            let code = SymbolCodes.typeCode(first)
            let issuer = SymbolCodes.issuerCode(raw)
            // A dash-first symbol with a state-looking code in the first place ("05-2016/…") is not read.
            if SymbolCodes.isPartyIssuer(issuer) || (dashFirst && !SymbolCodes.isMassOrganisation(issuer)
                                                     && !SymbolCodes.isStateIssuer(issuer)) {
                return (Symbol(kind: .party, code: code, issuer: issuer, year: year), se)
            }
            return (Symbol(kind: .state, code: code, issuer: issuer, year: year), se)
        }
        // One code after a slash: "55/2014/QH13", "100/TTg"; "NĐCP" run together is "NĐ-CP".
        guard !dashFirst, ByteScanner.hasCapital(first) else { return nil }
        let issuer = SymbolCodes.issuerCode(first)
        if let (c, i2) = SymbolCodes.gluedStateCodes[first.uppercased()] {
            return (Symbol(kind: .state, code: c, issuer: i2, year: year), fe)
        }
        return (Symbol(kind: .state, code: "", issuer: issuer, year: year), fe)
    }

    /// The first code of a symbol: with a capital, or in small letters when it is a known type code ("nq/tw").
    func code(at j: Int, dashFirst: Bool) -> (String, Int)? {
        guard let (c, e) = s.code(at: j, allowDigits: !dashFirst, lowercase: true) else { return nil }
        if ByteScanner.hasCapital(c) { return (c, e) }
        guard SymbolCodes.typeCodes.contains(SymbolCodes.typeCode(c)) else { return nil }
        return (c, e)
    }

    static let partyCodeWords: [String: String] = [
        "NQ": "Nghị quyết", "CT": "Chỉ thị", "KL": "Kết luận", "QĐNS": "Quyết định", "KH": "Kế hoạch",
        "HD": "Hướng dẫn", "TB": "Thông báo", "TT": "Thông tri", "QC": "Quy chế", "CTr": "Chương trình",
        "ĐA": "Đề án", "BC": "Báo cáo", "TTr": "Tờ trình",
    ]
    static let stateCodeWords: [String: String] = [
        "NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "NQ": "Nghị quyết", "CT": "Chỉ thị",
        "KH": "Kế hoạch", "QĐ": "Quyết định", "HD": "Hướng dẫn", "TB": "Thông báo", "ĐA": "Đề án", "BC": "Báo cáo",
        "CĐ": "Công điện", "PL": "Pháp lệnh", "QyĐ": "Quy định", "NQLT": "Nghị quyết liên tịch", "TTr": "Tờ trình", "CTr": "Chương trình",
    ]

    static let units: [Phrase] = ["điểm", "triệu", "tỷ", "tháng", "nghìn", "ngàn", "người", "tuần", "giờ", "phút",
                                  "km", "ha", "%", "cán bộ", "đảng viên", "trường hợp", "tỉ", "nhóm", "tiếng", "loại",
                                  "tiêu chí", "hình thức", "vòng", "lần", "tấn", "hộ", "công dân", "vấn đề", "đơn vị",
                                  "giây"].map { Phrase($0) }

    /// True when the words after a bare number make it a quantity: a unit, or "năm" without a year after it
    /// (or with a span of years: "5 năm 2016-2020").
    func isQuantity(after i: Int) -> Bool {
        let k = s.skipSpace(i)
        guard k < s.count else { return false }
        if s.b[k] == 0x25 { return true }
        // "KẾ HOẠCH 19 08:00 16:00": a time after the number.
        if let (_, te) = s.number(at: k, maxDigits: 2), te < s.count, s.b[te] == 0x3A { return true }
        // "thiết quân luật 60 ngày": days, unless a date follows ("Chỉ thị 05 ngày 15/5/2016").
        if let e = s.phrase(Self.ngay, at: k) {
            let d = s.skipSpace(e)
            return !(d < s.count && ByteScanner.isDigit(UInt32(s.b[d])))
        }
        if let e = s.phrase(Self.nam, at: k) {
            let y = s.skipSpace(e)
            guard let (_, ye) = s.number(at: y, maxDigits: 4), ye - y == 4 else { return true }
            if let d = s.dash(at: ye), d < s.count, ByteScanner.isDigit(UInt32(s.b[d])) { return true }
            return false
        }
        let c = s.b[k] | 0x20
        guard c == 0x63 || c == 0x64 || c == 0x74 || c == 0x6E || c == 0x6B || c == 0x68 || c == 0x67 || c == 0x70
                || c == 0x6C || c == 0x76 || c == 0x62 || c == 0x6D || s.b[k] >= 0xC0 else { return false }
        return s.anyPhrase(Self.units, at: k) != nil
    }

    /// Type codes by type word, for short forms whose issuer is known.
    static let partyTypeCodes: [String: String] = [
        "Nghị quyết": "NQ", "Chỉ thị": "CT", "Kết luận": "KL", "Quy định": "QĐ", "Quyết định": "QĐ", "Kế hoạch": "KH",
        "Hướng dẫn": "HD", "Thông báo": "TB", "Thông tri": "TT", "Quy chế": "QC", "Chương trình": "CTr", "Đề án": "ĐA",
        "Báo cáo": "BC", "Tờ trình": "TTr",
    ]
    static let stateTypeCodes: [String: String] = [
        "Nghị định": "NĐ", "Thông tư": "TT", "Thông tư liên tịch": "TTLT", "Nghị quyết": "NQ", "Chỉ thị": "CT",
        "Quyết định": "QĐ", "Kế hoạch": "KH", "Công điện": "CĐ", "Hướng dẫn": "HD", "Thông báo": "TB", "Đề án": "ĐA",
        "Báo cáo": "BC", "Tờ trình": "TTr", "Luật": "", "Bộ luật": "", "Pháp lệnh": "PL",
    ]
    /// Type words that only the State uses.
    static let stateOnlyTypes: Set<String> = ["Nghị định", "Thông tư", "Thông tư liên tịch", "Luật", "Bộ luật", "Công điện",
                                              "Pháp lệnh"]

    /// The key of a short form ("Chỉ thị 05", "Nghị quyết 52/2017", "Nghị định 34 của Chính phủ"): type and number,
    /// the year when written, and the issuer, kind and code when the issuer phrase or the type word settles them.
    func shortKey(_ number: Int, year: Int?, issuer: String?) -> DocumentKey {
        let type = writtenType
        var kind: DocumentKind = Self.stateOnlyTypes.contains(type) || year != nil ? .state : .party
        if let issuer {
            if SymbolCodes.isPartyIssuer(issuer) { kind = .party }
            else if SymbolCodes.isStateIssuer(issuer) || SymbolCodes.isMassOrganisation(issuer) { kind = .state }
        }
        if type == "Nghị định" { return DocumentKey(kind: .state, type: type, number: number, code: "NĐ", issuer: "CP") }
        var key = DocumentKey(kind: kind, type: type, number: number, year: year)
        key.symbolHasYear = year != nil
        if let issuer, !(kind == .party && Self.stateOnlyTypes.contains(type)) {
            key.issuer = issuer
            key.code = (kind == .party ? Self.partyTypeCodes[type] : Self.stateTypeCodes[type]) ?? ""
        }
        return key
    }

    /// The type word the symbol implies: the symbol outranks a wrong word ("Nghị định số 39-NQ/TW").
    func typeFor(_ sym: Symbol) -> String {
        let written = writtenType
        if sym.kind == .party {
            if sym.code == "QĐ" { return written == "Quy định" || written == "Quyết định" ? written : "Quyết định" }
            return Self.partyCodeWords[sym.code] ?? written
        }
        // "Bộ luật Hình sự số 100/2015/QH13" and "Luật số 100/2015/QH13" are one symbol, so one key.
        if sym.code.isEmpty { return written == "Bộ luật" ? "Luật" : written }
        if written == "Văn bản" || written == "Công văn" { return written }
        if sym.code == "QĐ" && written == "Quy định" { return written }
        return Self.stateCodeWords[sym.code] ?? written
    }

    mutating func numbered(at first: Int, hasSo: Bool) -> ([Mention], Int)? {
        // Collect the list: numbers, each maybe with its own symbol; bare numbers take the next symbol written.
        var items: [(number: Int, range: Range<Int>, symbol: Symbol?)] = []
        var j = first
        var itemStart = start
        var lastEnd = first
        while true {
            guard let (n, ne) = s.number(at: j, maxDigits: 5) else { break }
            // "45.245", "15/5", "2016-2020": a number, a date or a span, not a document number.
            if ne < s.count, s.b[ne] == 0x2E || s.b[ne] == 0x2C, ne + 1 < s.count, ByteScanner.isDigit(UInt32(s.b[ne + 1])) { break }
            if let (sym, se) = symbol(after: ne), !(sym.yearOnly && (1900...2100).contains(n)) {
                items.append((n, itemStart..<se, sym))
                lastEnd = se
            } else {
                if let d = s.dash(at: ne), d < s.count, ByteScanner.isDigit(UInt32(s.b[d])) { break }
                if let sl = s.slash(at: ne), sl < s.count, ByteScanner.isDigit(UInt32(s.b[sl])) { break }
                // "Nghị quyết 18a": not a document number.
                guard s.atWordEnd(ne) else { break }
                // "Kế hoạch 5 năm (2016-2020)", "kế hoạch 4 điểm", "Báo cáo 6 tháng": a quantity, not a number; but
                // "Chỉ thị 09 năm 2013" is one.
                if !hasSo, isQuantity(after: ne) { break }
                items.append((n, itemStart..<ne, nil))
                lastEnd = ne
            }
            // A list continues with ", 19", " và 06", ", số 218".
            var k = s.skipSpace(lastEnd)
            if k < s.count, s.b[k] == 0x2C { k = s.skipSpace(k + 1) }
            else if let e = s.phrase(Self.va, at: k) { k = s.skipSpace(e) }
            else { break }
            if let e = so(at: k) { k = s.skipSpace(e) }
            guard k < s.count, ByteScanner.isDigit(UInt32(s.b[k])) else { break }
            // After a full symbol, only another full symbol continues the list.
            if items.last?.symbol != nil {
                guard let (_, ne2) = s.number(at: k, maxDigits: 5), symbol(after: ne2) != nil else { break }
            }
            itemStart = k
            j = k
        }
        guard !items.isEmpty else { return nil }
        // Bare numbers take the symbol of the next item that has one (not a bare "91/2020": its year is its own).
        var pending: Symbol? = nil
        for idx in items.indices.reversed() {
            if let sym = items[idx].symbol { pending = sym.yearOnly ? nil : sym } else if let p = pending { items[idx].symbol = p }
        }
        let trailing = trailer(after: lastEnd, allowsTerm: true)
        // "Kế hoạch 2017", "văn bản 2000": a number that reads as a year, without "số", is a document number only
        // when a date or an issuer follows ("Công văn 2039 ngày 29/5/2017", "Công văn 2039 của Bảo hiểm xã hội").
        if !hasSo, trailing.issued == nil, trailing.issuerName == nil {
            items.removeAll { $0.symbol == nil && (1900...2100).contains($0.number) }
            // "quy định 3 loại", "hướng dẫn 4 nạn nhân", "thông báo 2 bé": after a word that is also a verb, one
            // digit without its leading zero (Party documents are numbered 01, 02…) is a count.
            if typeWord.isAlsoAVerb, items.count == 1, items[0].symbol == nil, items[0].number < 10,
               s.b[items[0].range.upperBound - 1] != 0x30, items[0].range.upperBound >= 2,
               !ByteScanner.isDigit(UInt32(s.b[items[0].range.upperBound - 2])) {
                items.removeAll()
            }
            guard !items.isEmpty else { return nil }
        }
        var mentions: [Mention] = []
        for item in items {
            var m: Mention
            if let sym = item.symbol, !sym.yearOnly {
                var key = DocumentKey(kind: sym.kind, type: typeFor(sym), number: item.number, code: sym.code,
                                      issuer: sym.issuer)
                if let y = sym.year {
                    key.year = y
                    key.symbolHasYear = sym.kind == .state
                }
                m = Mention(range: item.range, key: key, hasNumberWord: hasSo)
            } else if let sym = item.symbol, typeWord.canonical == "Nghị định" {
                // "Nghị định 91/2020": a decree is the Government's, so its symbol is known.
                var key = DocumentKey(kind: .state, type: "Nghị định", number: item.number, code: "NĐ", issuer: "CP",
                                      year: sym.year)
                key.symbolHasYear = true
                m = Mention(range: item.range, key: key, hasNumberWord: hasSo)
            } else {
                m = Mention(range: item.range, key: shortKey(item.number, year: item.symbol?.year, issuer: trailing.issuerCode),
                            isShortForm: true, hasNumberWord: hasSo)
            }
            apply(trailing, to: &m)
            m.listedTogether = items.count > 1
            mentions.append(m)
        }
        return (mentions, lastEnd)
    }

    // MARK: plenum and congress

    func ordinal(at i: Int) -> (Int, Int)? {
        if let (n, e) = s.number(at: i, maxDigits: 2), s.atWordEnd(e) || (e < s.count && s.b[e] == 0x2C) { return (n, e) }
        for (p, v) in Self.ordinals { if let e = s.phrase(p, at: i) { return (v, e) } }
        return nil
    }

    func romanOrNumber(at i: Int) -> (Int, Int)? {
        if let (n, e) = s.number(at: i, maxDigits: 2), s.atWordEnd(e) { return (n, e) }
        var e = i
        while e < s.count, "IVXLivxl".utf8.contains(s.b[e]) { e += 1 }
        guard e > i, s.atWordEnd(e), let v = Roman.parse(s.string(i..<e)) else { return nil }
        return (v, e)
    }

    /// ", khóa XII", " (khóa XII)", " khóa (XII)", " (Khóa XI, XII)": the terms and the end.
    func term(after i: Int) -> ([Int], Int)? {
        var j = s.skipSpace(i)
        var paren = false
        if j < s.count, s.b[j] == 0x2C { j = s.skipSpace(j + 1) }
        if j < s.count, s.b[j] == 0x28 { paren = true; j = s.skipSpace(j + 1) }
        guard let (_, ke) = s.anyPhrase(Self.khoa, at: j) else { return nil }
        j = s.skipSpace(ke)
        var innerParen = false
        if j < s.count, s.b[j] == 0x28 { innerParen = true; j = s.skipSpace(j + 1) }
        guard let (t, te) = romanOrNumber(at: j) else { return nil }
        var terms = [t]
        j = te
        while true {
            var k = s.skipSpace(j)
            if k < s.count, s.b[k] == 0x2C { k = s.skipSpace(k + 1) } else if let e = s.phrase(Self.va, at: k) { k = s.skipSpace(e) } else { break }
            guard let (t2, e2) = romanOrNumber(at: k) else { break }
            terms.append(t2)
            j = e2
        }
        if innerParen || paren {
            let k = s.skipSpace(j)
            if k < s.count, s.b[k] == 0x29 { j = k + 1 } else if paren { return nil }
        }
        return (terms, j)
    }

    mutating func plenum(at i: Int) -> ([Mention], Int)? {
        var j = i
        var afterMeeting = false
        if let e = s.phrase(Self.hoiNghi, at: j) { j = s.skipSpace(e); afterMeeting = true }
        var number: Int? = nil
        if let (_, e) = centralWord(at: j) {
            var k = s.skipSpace(e)
            if let e2 = s.phrase(Self.lanThu, at: k) { k = s.skipSpace(e2) }
            // "Trung ương 4", "Trung ương tám", "Trung ương IV".
            guard let (n, ne) = ordinal(at: k) ?? romanOrNumber(at: k) else { return nil }
            // "Nghị quyết Trung ương 4 các khóa": several documents at once, not one reference.
            if s.phrase(Self.cac, at: s.skipSpace(ne)) != nil { return nil }
            number = n
            j = ne
        } else if let e = s.phrase(Self.lanThu, at: j)
                    ?? (afterMeeting && j < s.count && ByteScanner.isDigit(UInt32(s.b[j])) ? j : nil) {
            // "Hội nghị lần thứ năm Ban Chấp hành Trung ương", "Hội nghị 5 Ban Chấp hành Trung ương".
            guard let (n, ne) = ordinal(at: s.skipSpace(e)) else { return nil }
            // Only the Party Central Committee: "Ban Chấp hành Đảng bộ tỉnh" is a local plenum.
            guard let (_, b) = s.anyPhrase(Self.bch, at: s.skipSpace(ne)), let (_, ce) = centralWord(at: s.skipSpace(b)) else { return nil }
            number = n
            j = ce
            if let d = s.phrase(Self.dang, at: s.skipSpace(j)) {
                j = d
                if let c = s.phrase(Self.csvn, at: s.skipSpace(j)) { j = c }
            }
        }
        guard let plenumNumber = number, (1...20).contains(plenumNumber) else { return nil }
        var terms: [Int] = []
        if let (t, te) = term(after: j) {
            terms = t
            j = te
        }
        let trailing = trailer(after: j, allowsTerm: terms.isEmpty)
        if terms.isEmpty, let t = trailing.term { terms = [t] }
        var mentions: [Mention] = []
        for t in (terms.isEmpty ? [nil] : terms.map { Optional($0) }) {
            var m = Mention(range: start..<j, key: DocumentKey(kind: .plenum, type: "Nghị quyết", number: plenumNumber,
                                                                 issuer: "TW", term: t))
            apply(trailing, to: &m)
            m.key.term = t
            m.listedTogether = terms.count > 1
            mentions.append(m)
        }
        return (mentions, j)
    }

    /// "Trung ương", "TW", "TƯ", "T.Ư", also run into the number ("TW4").
    func centralWord(at i: Int) -> (Int, Int)? {
        if let r = s.anyPhrase(Self.central, at: i) { return r }
        // "TW4": the letters run straight into the digits.
        for p in Self.central.dropFirst() {
            var j = i
            var ok = true
            for expected in p.words[0] {
                guard j < s.count else { ok = false; break }
                let (v, n) = s.scalar(at: j)
                if ByteScanner.lower(v) != expected { ok = false; break }
                j += n
            }
            if ok, j < s.count, ByteScanner.isDigit(UInt32(s.b[j])) { return (0, j) }
        }
        return nil
    }

    static let dangBo = [Phrase("đại biểu đảng bộ"), Phrase("đảng bộ")]
    static let massCongress = [Phrase("đoàn"), Phrase("công đoàn"), Phrase("hội"), Phrase("đại biểu đoàn"),
                               Phrase("đại biểu hội"), Phrase("mặt trận"), Phrase("đại biểu mặt trận")]
    static let nhiemKy = Phrase("nhiệm kỳ")
    /// Party organisations of a sector whose congress is written "Đại hội Đảng bộ Quân đội".
    static let sectors: [(Phrase, String)] = [
        ("quân đội nhân dân việt nam", "ĐUQSTW"), ("quân đội", "ĐUQSTW"), ("công an trung ương", "ĐUCATW"),
        ("công an nhân dân", "ĐUCATW"),
    ].map { (Phrase($0.0), $0.1) }
    /// Place words after "Đảng bộ" and the committee of that place.
    static let localPlaces: [(Phrase, String)] = [
        ("tỉnh", "TU"), ("thành phố", "TU"), ("tp", "TU"), ("huyện", "HU"), ("quận", "QU"), ("thị xã", "TX"), ("xã", "ĐU"),
        ("phường", "ĐU"), ("thị trấn", "ĐU"),
    ].map { (Phrase($0.0), $0.1) }
    static let localPlacePhrases = localPlaces.map(\.0)
    static let sectorPhrases = sectors.map(\.0)

    /// Whose congress, after "Đảng bộ": "tỉnh Cần Thơ", "thành phố", "huyện Phong Điền", "Quân đội",
    /// "Công an Trung ương", "Khối Doanh nghiệp"; nil for "các cấp" (many congresses).
    func localBody(at i: Int) -> (issuer: String, locality: String?, end: Int)? {
        let k = s.skipSpace(i)
        if s.phrase(Self.cac, at: k) != nil { return nil }
        if let (x, e) = s.anyPhrase(Self.sectorPhrases, at: k) { return (Self.sectors[x].1, nil, e) }
        if let (x, e) = s.anyPhrase(Self.localPlacePhrases, at: k) {
            if let (name, ne) = properName(s, after: e) { return (Self.localPlaces[x].1, name, ne) }
            return (Self.localPlaces[x].1, nil, e)
        }
        if let (name, ne) = properName(s, after: i) { return ("ĐU", name, ne) }
        return ("ĐU", nil, i)
    }

    /// ", nhiệm kỳ 2020–2025", " (nhiệm kỳ 2015 - 2020)": the years and the end.
    func termYears(after i: Int) -> (ClosedRange<Int>, Int)? {
        var k = s.skipSpace(i)
        var paren = false
        if k < s.count, s.b[k] == 0x2C { k = s.skipSpace(k + 1) } else if k < s.count, s.b[k] == 0x28 { paren = true; k = s.skipSpace(k + 1) }
        guard let e = s.phrase(Self.nhiemKy, at: k) else { return nil }
        k = s.skipSpace(e)
        guard let (y1, e1) = s.number(at: k, maxDigits: 4), e1 - k == 4, (1930...2100).contains(y1),
              let d = s.dash(at: e1), let (y2, e2) = s.number(at: d, maxDigits: 4), e2 - d == 4, y2 > y1, y2 - y1 <= 6
        else { return nil }
        var end = e2
        if paren {
            let c = s.skipSpace(e2)
            guard c < s.count, s.b[c] == 0x29 else { return nil }
            end = c + 1
        }
        return (y1...y2, end)
    }

    /// "Nghị quyết Đại hội XII", "… Đại hội đại biểu toàn quốc lần thứ XII của Đảng"; local and sectoral congresses:
    /// "… Đại hội Đảng bộ tỉnh Cần Thơ lần thứ XIV", "… Đại hội Đảng bộ Quân đội lần thứ X", "… Đại hội XVII của
    /// Đảng bộ thành phố", "… Đại hội Đảng bộ huyện nhiệm kỳ 2020–2025". A local congress is never the national one.
    mutating func congress(at i: Int) -> ([Mention], Int)? {
        guard let (_, e) = s.anyPhrase(Self.daiHoi, at: i) else { return nil }
        var j = s.skipSpace(e)
        var local: (issuer: String, locality: String?, end: Int)? = nil
        if let (_, de) = s.anyPhrase(Self.dangBo, at: j) {
            guard let body = localBody(at: de) else { return nil }
            local = body
            j = s.skipSpace(body.end)
        } else if s.anyPhrase(Self.massCongress, at: j) != nil {
            return nil  // a congress of the Đoàn, a Hội, the Mặt trận: not a Party resolution
        } else if let (_, qe) = s.anyPhrase(Self.congressQualifiers, at: j) {
            j = s.skipSpace(qe)
        }
        var number: Int? = nil
        if let le = s.phrase(Self.lanThu, at: j) {
            // Ordinal words only after "lần thứ": "Đại hội năm 2016" is not the fifth congress.
            guard let (n, ne) = romanOrNumber(at: s.skipSpace(le)) ?? ordinal(at: s.skipSpace(le)) else { return nil }
            number = n
            j = ne
        } else if let (n, ne) = romanOrNumber(at: j) {
            number = n
            j = ne
        } else if let (_, ke) = s.anyPhrase(Self.khoa, at: j), let (n, ne) = romanOrNumber(at: s.skipSpace(ke)) {
            // "Đại hội Đảng khóa XII", "Đại hội Đảng bộ quận khóa V": a congress elects the committee of its number.
            number = n
            j = ne
        }
        if local == nil {
            // "Đại hội XVII của Đảng bộ thành phố", "Đại hội lần thứ XIV Đảng bộ tỉnh": local after all.
            var k = s.skipSpace(j)
            var hasCua = false
            if let c = s.phrase(Self.cua, at: k) { hasCua = true; k = s.skipSpace(c) }
            if let (_, de) = s.anyPhrase(Self.dangBo, at: k) {
                guard number != nil, let body = localBody(at: de) else { return nil }
                local = body
                j = body.end
            } else if hasCua, let de = s.phrase(Self.dang, at: k) {
                j = de
                if let c = s.phrase(Self.csvn, at: s.skipSpace(j)) { j = c }
            }
        }
        var years: ClosedRange<Int>? = nil
        if let (y, ye) = termYears(after: j) {
            years = y
            j = ye
        }
        var key: DocumentKey
        if let local {
            guard number.map({ (1...40).contains($0) }) ?? (years != nil) else { return nil }
            key = DocumentKey(kind: .congress, type: "Nghị quyết", number: number ?? 0, issuer: local.issuer,
                              locality: local.locality)
            // Without its ordinal the congress is known by its term's first year.
            if number == nil { key.year = years?.lowerBound }
        } else {
            // National congresses: the fourteenth met in 2026.
            guard let n = number, (1...14).contains(n) else { return nil }
            key = DocumentKey(kind: .congress, type: "Nghị quyết", number: n, issuer: "TW")
        }
        var m = Mention(range: start..<j, key: key)
        m.termYears = years
        let trailing = trailer(after: j, allowsTerm: false)
        apply(trailing, to: &m)
        return ([m], j)
    }

    // MARK: what follows a reference

    struct Trailer {
        var issued: IssueDate?
        /// "năm 2008" after the reference: the year alone.
        var year: Int?
        var term: Int?
        var issuerName: String?
        var issuerRange: Range<Int>?
        var issuerCode: String?
        var locality: String?
        var title: String?
    }

    func apply(_ t: Trailer, to m: inout Mention) {
        m.issued = t.issued
        m.issuedYear = t.issued?.year
        m.yearHint = t.year
        m.issuerName = t.issuerName
        m.issuerRange = t.issuerRange
        m.issuerCode = t.issuerCode
        m.title = t.title
        if m.key.kind == .party || m.key.kind == .plenum, m.key.term == nil { m.key.term = t.term }
        if let loc = t.locality { m.key.locality = loc }
    }

    /// Reads ", ngày 16-11-2016", ", của Bộ Chính trị khóa XII", "(khóa XII)" and a quoted title, in any order.
    func trailer(after i: Int, allowsTerm: Bool) -> Trailer {
        var t = Trailer()
        var j = i
        for _ in 0..<5 {
            var k = s.skipSpace(j)
            if k < s.count, s.b[k] == 0x2C { k = s.skipSpace(k + 1) }
            if t.issued == nil, let (d, e) = date(at: k) {
                t.issued = d
                j = e
                continue
            }
            if t.issued == nil, t.year == nil, let n = s.phrase(Self.nam, at: k), let (y, ye) = s.number(at: s.skipSpace(n), maxDigits: 4),
               ye - s.skipSpace(n) == 4, (1930...2100).contains(y), s.atWordEnd(ye) {
                t.year = y
                j = ye
                continue
            }
            if t.term == nil, allowsTerm, let (terms, e) = term(after: j), terms.count == 1 {
                t.term = terms[0]
                j = e
                continue
            }
            if t.issuerName == nil, let e = s.phrase(Self.cua, at: k), let o = organ(at: s.skipSpace(e)) {
                t.issuerName = o.name
                t.issuerRange = o.range
                if !o.code.isEmpty { t.issuerCode = o.code }
                if let loc = o.locality { t.locality = loc }
                if allowsTerm, t.term == nil, let organTerm = o.term { t.term = organTerm }
                j = o.end
                continue
            }
            if t.title == nil, let (title, e) = quoted(at: k) {
                t.title = title
                j = e
                break
            }
            break
        }
        return t
    }

    /// "ngày 16-11-2016", "ngày 16/11/2016", "ngày 19.12.2016", "ngày 13 tháng 12 năm 2017".
    func date(at i: Int) -> (IssueDate, Int)? {
        guard let e = s.phrase(Self.ngay, at: i) else { return nil }
        let j = s.skipSpace(e)
        guard let (d, de) = s.number(at: j, maxDigits: 2) else { return nil }
        var month = 0, year = 0, end = 0
        if de < s.count, [0x2D, 0x2F, 0x2E].contains(s.b[de]), let (m, me) = s.number(at: de + 1, maxDigits: 2),
           me < s.count, s.b[me] == s.b[de], let (y, ye) = s.number(at: me + 1, maxDigits: 4), ye - me == 5 {
            month = m; year = y; end = ye
        } else if let t = s.phrase(Self.thang, at: s.skipSpace(de)), let (m, me) = s.number(at: s.skipSpace(t), maxDigits: 2),
                  let n = s.phrase(Self.nam, at: s.skipSpace(me)), let (y, ye) = s.number(at: s.skipSpace(n), maxDigits: 4) {
            month = m; year = y; end = ye
        } else {
            return nil
        }
        let date = IssueDate(year: year, month: month, day: d)
        guard (1...12).contains(month), (1...31).contains(d), (1930...2100).contains(year) else { return nil }
        return (date, end)
    }

    struct Organ {
        var name: String
        var range: Range<Int>
        /// The code the organ signs with ("TW", "CP", "TU"); empty when it has none of its own ("Ban Chỉ đạo").
        var code: String
        var locality: String?
        var term: Int?
        var end: Int
    }

    /// "Bộ Chính trị", "Ban Thường vụ Tỉnh ủy Thanh Hóa", "UBND tỉnh Quảng Ninh", "Ban Chỉ đạo Trung ương …"…
    /// with an optional "khóa XII".
    func organ(at i: Int) -> Organ? {
        var j = i
        var locality: String? = nil
        var code = ""
        // "Bộ trưởng Bộ Công Thương", "Chủ tịch UBND tỉnh …", "Thường trực Tỉnh ủy …": the head signs for the body.
        if let (_, e) = s.anyPhrase(Self.heads, at: j) { j = s.skipSpace(e) }
        if let (k, e) = s.anyPhrase(Self.organPhrases, at: j) {
            j = e
            code = Self.organs[k].1
            if code.isEmpty {
                // "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng", "Ban Chỉ đạo 35": the rest of its name, up to
                // punctuation or ten words.
                var words = 0
                var k2 = j
                while words < 10 {
                    // "phòng, chống tham nhũng": the one comma such names carry.
                    if k2 < s.count, s.b[k2] == 0x2C, s.phrase(Self.chong, at: s.skipSpace(k2 + 1)) != nil { k2 += 1 }
                    let w = s.skipSpace(k2)
                    guard w > k2, w < s.count, s.phrase(Self.ngay, at: w) == nil, s.anyPhrase(Self.khoa, at: w) == nil,
                          ByteScanner.isWordChar(s.scalar(at: w).value) else { break }
                    var e2 = w
                    while e2 < s.count, ByteScanner.isWordChar(s.scalar(at: e2).value) { e2 += s.scalar(at: e2).length }
                    k2 = e2
                    j = e2
                    words += 1
                }
            }
        } else {
            if let e = s.phrase(Self.banThuongVu, at: j) { j = s.skipSpace(e) }
            guard let (k, ce) = s.anyPhrase(Self.committeePhrases, at: j) else { return nil }
            code = Self.committees[k].1
            j = ce
            if let (name, ne) = properName(s, after: j) {
                locality = name
                j = ne
            }
        }
        var organ = Organ(name: s.string(i..<j), range: i..<j, code: code, locality: locality, term: nil, end: j)
        if let (terms, te) = term(after: j), terms.count == 1 {
            organ.term = terms[0]
            organ.end = te
        }
        return organ
    }

    /// A title in curly or straight quotes; curly quotes may nest inside it.
    func quoted(at i: Int) -> (String, Int)? {
        guard i < s.count else { return nil }
        let limit = min(s.count, i + 1200)
        if s.b[i] == 0xE2, i + 2 < s.count, s.b[i + 1] == 0x80, s.b[i + 2] == 0x9C {  // “
            var depth = 1
            var k = i + 3
            while k + 2 < limit {
                if s.b[k] == 0xE2, s.b[k + 1] == 0x80 {
                    if s.b[k + 2] == 0x9C { depth += 1 } else if s.b[k + 2] == 0x9D {
                        depth -= 1
                        if depth == 0 { return clean(s.string((i + 3)..<k), end: k + 3) }
                    }
                    k += 3
                    continue
                }
                if s.b[k] == 0x0A, k + 1 < s.count, s.b[k + 1] == 0x0A { return nil }
                k += 1
            }
            return nil
        }
        if s.b[i] == 0x22 {
            var k = i + 1
            while k < limit {
                if s.b[k] == 0x22 { return clean(s.string((i + 1)..<k), end: k + 1) }
                if s.b[k] == 0x0A { return nil }
                k += 1
            }
        }
        return nil
    }

    func clean(_ title: String, end: Int) -> (String, Int)? {
        let t = title.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        guard t.count >= 3 else { return nil }
        return (t, end)
    }
}
