/// Old and new tone placement: "hoá"/"hóa", "thuỷ"/"thủy", "Thanh Hoá"/"Thanh Hóa" are the same word.
public enum ToneStyle {
    /// Tone-bearing a/e/y by their tone index (0 none, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng) and case.
    static let aTones: [Character] = ["a", "à", "ả", "ã", "á", "ạ"]
    static let eTones: [Character] = ["e", "è", "ẻ", "ẽ", "é", "ẹ"]
    static let yTones: [Character] = ["y", "ỳ", "ỷ", "ỹ", "ý", "ỵ"]
    static let oTones: [Character] = ["o", "ò", "ỏ", "õ", "ó", "ọ"]
    static let uTones: [Character] = ["u", "ù", "ủ", "ũ", "ú", "ụ"]

    /// Rewrites the old placement ("oá", "oè", "uý" at the end of a word) into the modern one ("óa", "òe", "úy").
    /// "quý" keeps its tone: there the u belongs to qu.
    public static func modern(_ text: String) -> String {
        let nfc = Normalization.nfc(text)
        var chars = Array(nfc)
        guard chars.count >= 2 else { return nfc }
        var i = 0
        while i + 1 < chars.count {
            let first = chars[i], second = chars[i + 1]
            let wordEnds = i + 2 >= chars.count || !chars[i + 2].isLetter
            if wordEnds, let (carrier, tones) = carrierTones(first) {
                let lowerSecond = Character(second.lowercased())
                for table in [aTones, eTones, yTones] {
                    if let t = table.firstIndex(of: lowerSecond), t > 0 {
                        if carrier == "u" && i > 0 && chars[i - 1].lowercased() == "q" { break }
                        if carrier == "o" && table == yTones { break }
                        if carrier == "u" && table != yTones { break }
                        var newFirst = tones[t]
                        if first.isUppercase { newFirst = Character(newFirst.uppercased()) }
                        var newSecond = table[0]
                        if second.isUppercase { newSecond = Character(newSecond.uppercased()) }
                        chars[i] = newFirst
                        chars[i + 1] = newSecond
                        break
                    }
                }
            }
            i += 1
        }
        return String(chars)
    }

    private static func carrierTones(_ c: Character) -> (Character, [Character])? {
        switch c {
        case "o", "O": return ("o", oTones)
        case "u", "U": return ("u", uTones)
        default: return nil
        }
    }
}
