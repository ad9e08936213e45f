/// ASCII slugs for URLs: "Đảng bộ Cần Thơ" → "dang-bo-can-tho".
public enum Slug {
    /// Folds diacritics (đ→d included), lower-cases, and joins runs of letters and digits with single hyphens.
    /// NFC and NFD input give the same slug. `maxLength` cuts at a hyphen so no word is split.
    public static func make(_ text: String, maxLength: Int = 150) -> String {
        let folded = Folding.fold(text)
        var out: [UInt8] = []
        out.reserveCapacity(folded.utf8.count)
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            let v = scalar.value
            var c: UInt8? = nil
            if v >= 0x30 && v <= 0x39 { c = UInt8(v) }
            else if v >= 0x61 && v <= 0x7A { c = UInt8(v) }
            else if v >= 0x41 && v <= 0x5A { c = UInt8(v + 0x20) }
            if let c {
                if pendingHyphen && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                out.append(c)
            } else {
                pendingHyphen = true
            }
        }
        if out.count > maxLength {
            var cut = maxLength
            while cut > 0 && out[cut] != UInt8(ascii: "-") { cut -= 1 }
            out = Array(out[0..<(cut > 0 ? cut : maxLength)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
