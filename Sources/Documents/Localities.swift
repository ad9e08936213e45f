import Vietnamese

/// Provinces and cities as the press writes them, and the one name a document key carries: "TPHCM", "TP.HCM",
/// "Hồ Chí Minh" and "Thành phố Hồ Chí Minh" are one city, so one locality in a key and one page. A name that
/// is not a province (a district: "Phù Yên", "Thanh Trì") is kept as written when it reads as a place name; a
/// single word ("Theo", "Tập", "Khối") is what followed a committee's name in the sentence, never a place.
public enum Localities {
    /// The 63 provinces and centrally governed cities (the names the archives of 2015–2025 use).
    static let provinces = [
        "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định",
        "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
        "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
        "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
        "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
        "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
        "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Thành phố Hồ Chí Minh",
        "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
    ]

    /// Other ways of writing them.
    static let aliases: [(String, String)] = [
        ("TPHCM", "Thành phố Hồ Chí Minh"), ("TP.HCM", "Thành phố Hồ Chí Minh"), ("HCM", "Thành phố Hồ Chí Minh"),
        ("Hồ Chí Minh", "Thành phố Hồ Chí Minh"), ("TP Hồ Chí Minh", "Thành phố Hồ Chí Minh"), ("Sài Gòn", "Thành phố Hồ Chí Minh"),
        ("Thành phố HCM", "Thành phố Hồ Chí Minh"), ("TP Hà Nội", "Hà Nội"), ("Thành phố Hà Nội", "Hà Nội"),
        ("TP Cần Thơ", "Cần Thơ"), ("Thành phố Cần Thơ", "Cần Thơ"), ("TP Đà Nẵng", "Đà Nẵng"), ("Thành phố Đà Nẵng", "Đà Nẵng"),
        ("TP Hải Phòng", "Hải Phòng"), ("Thành phố Hải Phòng", "Hải Phòng"), ("Huế", "Thừa Thiên Huế"),
        ("Thừa Thiên", "Thừa Thiên Huế"), ("Đắc Lắc", "Đắk Lắk"), ("Đăk Lăk", "Đắk Lắk"), ("Đắk Lắc", "Đắk Lắk"),
        ("Đăk Nông", "Đắk Nông"), ("BR-VT", "Bà Rịa - Vũng Tàu"), ("Bắc Cạn", "Bắc Kạn"), ("Kontum", "Kon Tum"),
    ]

    static let byFolded: [String: String] = {
        var out: [String: String] = [:]
        for (a, p) in aliases { out[fold(a)] = p }
        for p in provinces { out[fold(p)] = p; out["tỉnh" + fold(p)] = p }
        return out
    }()

    /// Lower-case letters and digits only, diacritics kept ("Phù Yên" is a district, "Phú Yên" a province), the
    /// old tone placement made modern: "TP. Hồ Chí Minh" → "tphồchíminh".
    static func fold(_ name: String) -> String {
        String(ToneStyle.modern(name).lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
            .map(Character.init))
    }

    /// The name a key carries for `written`, or nil when it cannot be a place.
    public static func canonical(_ written: String) -> String? {
        let words = written.split(separator: " ")
        let name = words.joined(separator: " ")
        if let p = byFolded[fold(name)] { return p }
        // One word is a sentence's next word ("Theo đó", "Tập thể"), an abbreviation ("TT") or a common noun.
        guard words.count >= 2, words.allSatisfy({ $0.first?.isUppercase == true }) else { return nil }
        return ToneStyle.modern(name)
    }
}
