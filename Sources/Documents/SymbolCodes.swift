/// The canonical spelling of the codes in a document's symbol, so that every spelling of one symbol is one key.
///
/// Journalists write one symbol many ways: `ND-CP` for `NĐ-CP`, `QĐ-Ttg` for `QĐ-TTg`, `Qh13`, `nq/tw`,
/// `21/NQ-TW` for `21-NQ/TW`. Codes are upper-cased except the few whose official spelling has a small letter
/// (`TTg`, `CTr`, `TTr`, `QyĐ`); a D becomes Đ only in codes known to be written with Đ (a table, never a guess);
/// `TƯ` / `T.Ư` / `T.W` are the Central Committee (TW), never a province's `TU`.
enum SymbolCodes {
    /// Official spellings with a small letter, by their upper-cased form.
    static let mixedCase: [String: String] = ["TTG": "TTg", "CTR": "CTr", "TTR": "TTr", "QYĐ": "QyĐ", "QYD": "QyĐ",
                                              "GDTRH": "GDTrH"]

    /// Type codes written without their Đ (or with the Telex "DD" for Đ), in the type position.
    static let typeCodesWithĐ: [String: String] = [
        "ND": "NĐ", "NDD": "NĐ", "QD": "QĐ", "QDD": "QĐ", "QĐI": "QĐ", "QDI": "QĐ", "DA": "ĐA", "QDNS": "QĐNS",
        "CD": "CĐ", "QYĐ": "QyĐ", "QYD": "QyĐ",
    ]

    /// Issuer codes written without their Đ, in the issuer position.
    static let issuerCodesWithĐ: [String: String] = [
        "DU": "ĐU", "DUK": "ĐUK", "BCSD": "BCSĐ", "DD": "ĐĐ", "HDND": "HĐND", "BGDDT": "BGDĐT", "TLD": "TLĐ",
        "DUQSTW": "ĐUQSTW", "DUCA": "ĐUCA", "DUCATW": "ĐUCATW", "BCD": "BCĐ", "BCDTW": "BCĐTW",
        "BCDCCTPTW": "BCĐCCTPTW", "BKHDT": "BKHĐT", "BLDTBXH": "BLĐTBXH", "LDLD": "LĐLĐ", "HDTP": "HĐTP",
        "SGDDT": "SGDĐT", "ƯBND": "UBND", "TWDTN": "TWĐTN",
    ]

    /// Type codes of the Party and the State (after canonical spelling): a lower-case symbol is read only when its
    /// type code is one of these ("nq/tw").
    static let typeCodes: Set<String> = ["NQ", "CT", "KL", "QĐ", "QĐNS", "KH", "HD", "TB", "TT", "QC", "CTr", "ĐA",
                                         "BC", "TTr", "NĐ", "TTLT", "NQLT", "CĐ", "QyĐ", "CV", "PA", "TC", "PL"]

    /// State codes run together with their issuer ("NĐCP", "QĐUB"): split where both halves are known.
    static let gluedStateCodes: [String: (String, String)] = [
        "NĐCP": ("NĐ", "CP"), "NDCP": ("NĐ", "CP"), "NQCP": ("NQ", "CP"), "QĐTTG": ("QĐ", "TTg"),
        "CTTTG": ("CT", "TTg"), "QĐUB": ("QĐ", "UB"), "QĐUBND": ("QĐ", "UBND"),
    ]

    /// Issuers that are Party bodies: a symbol they sign is a Party symbol (`21-NQ/TW`) however its separators
    /// were written (`21/NQ-TW`, `21/NQ/TW`, `181/QĐ-TW`).
    static let partyIssuers: Set<String> = [
        "TW", "TU", "HU", "QU", "ĐU", "ĐUK", "BCSĐ", "ĐĐ", "VPTW", "BTGTW", "BTCTW", "UBKTTW", "BDVTW", "BNCTW",
        "BKTTW", "ĐUQSTW", "QUTW", "ĐUCA", "ĐUCATW", "BCĐTW", "BCĐCCTPTW", "BTCTU", "BTGTU", "UBKTTU", "BDVTU",
        "VPTU", "BTGHU", "BTCHU", "UBKTHU", "ĐUKCCQTW", "ĐUKDNTW",
    ]

    /// Mass organisations (đoàn thể): Tổng Liên đoàn Lao động, Mặt trận, Đoàn, Hội. Their documents are neither
    /// the Party's nor the State's.
    static let massOrganisations: Set<String> = [
        "TLĐ", "LĐLĐ", "MTTW", "MTTQ", "MTTQVN", "UBMTTQ", "UBMTTQVN", "TWĐTN", "TWĐ", "ĐTN", "HLHPN",
        "HLHPNVN", "TWHLHPN", "HND", "TWHND", "HNDVN", "HCCB", "TWHCCB", "HCCBVN", "HCTĐ", "HLHTN", "HSV",
    ]

    /// The canonical spelling of a type code ("QD" → "QĐ", "qđ" → "QĐ", "QĐi" → "QĐ", "Ctr" → "CTr").
    static func typeCode(_ written: String) -> String {
        let (u, lookUp) = upper(written)
        guard lookUp else { return u }
        if let c = typeCodesWithĐ[u] { return c }
        return mixedCase[u] ?? u
    }

    /// The canonical spelling of an issuer code ("Ttg" → "TTg", "Qh13" → "QH13", "TƯ" → "TW", "DU" → "ĐU").
    static func issuerCode(_ written: String) -> String {
        var (u, lookUp) = upper(written)
        // "TƯ", "BTGTƯ" (dots already dropped from "T.Ư"): the Central Committee is written TW.
        if u.utf8.last == 0xAF, u.hasSuffix("TƯ") { u = String(u.dropLast()) + "W"; lookUp = true }
        guard lookUp else { return u }
        if let c = issuerCodesWithĐ[u] { return c }
        return mixedCase[u] ?? u
    }

    /// The code in capitals, without allocating when it already is; and whether a table may still change it:
    /// only codes with a D, G, I, R, Y or Ư, or that had small letters, are looked up (most are not: NQ, CT, TW).
    static func upper(_ written: String) -> (String, Bool) {
        var lower = false, candidate = false
        for v in written.unicodeScalars {
            let x = v.value
            if ByteScanner.isLetter(x), !ByteScanner.isUpper(x), ByteScanner.lower(x) == x, x != 0x110 { lower = true }
            switch x {
            case 0x44, 0x47, 0x49, 0x52, 0x59, 0x1AF: candidate = true
            default: break
            }
        }
        return lower ? (written.uppercased(), true) : (written, candidate)
    }

    static func isPartyIssuer(_ issuer: String) -> Bool { partyIssuers.contains(issuer) }

    /// Issuers known to be State bodies: a symbol written Party-style ("05-CT/UBND") is still theirs.
    static func isStateIssuer(_ issuer: String) -> Bool {
        if ["CP", "TTg", "VPCP", "TTCP", "NHNN", "CTN", "TANDTC", "VKSNDTC"].contains(issuer) { return true }
        for p in ["QH", "UBTVQH", "UBND", "HĐND", "UB"] where issuer.hasPrefix(p) { return true }
        return ministries.contains(issuer)
    }

    /// The ministries' codes ("BCH", "BTV" are a Ban chấp hành or Ban thường vụ, not ministries).
    static let ministries: Set<String> = [
        "BNV", "BTC", "BGDĐT", "BCA", "BYT", "BCT", "BGTVT", "BXD", "BTP", "BQP", "BNG", "BKHCN", "BTTTT", "BKHĐT",
        "BTNMT", "BNNPTNT", "BNN", "BLĐTBXH", "BVHTTDL", "BGD", "BTS", "UBDT", "NHNN", "TTCP", "VPCP",
    ]

    static func isMassOrganisation(_ issuer: String) -> Bool {
        if massOrganisations.contains(issuer) { return true }
        // "MTTW-BTT", "TWĐTN-BTG": a department of one.
        if let dash = issuer.firstIndex(of: "-") { return massOrganisations.contains(String(issuer[..<dash])) }
        return false
    }
}
