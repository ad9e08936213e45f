import Foundation

/// Evidence within one page: what a line is by its own shape. Every test here looks only at lines of at most
/// `Shapes.shortLine` bytes (chrome, bylines and captions are short); a paragraph is passed over after a length check.
enum Shapes {
    static let shortLine = 200

    /// Buttons and labels a site prints around the article; a line made only of these is chrome.
    static let labels: Set<String> = [
        "gửi bài này", "in bài này", "gửi bài", "in bài", "chia sẻ", "chia sẻ bài viết", "bản in", "đầu trang", "quay lại",
        "trở về", "về đầu trang", "lên đầu trang", "trở lại", "video", "ảnh", "in", "gửi", "lưu", "lưu bài", "bình luận",
        "ý kiến", "ý kiến bạn đọc", "gửi ý kiến", "phản hồi", "facebook", "twitter", "zalo", "email", "e-mail", "tweet", "like",
        "google+", "linkedin", "print", "share", "send", "trang chủ", "tin tức", "tin tức - sự kiện", "xem thêm", "đọc thêm",
        "tags", "tag", "từ khóa", "từ khoá", "chuyên mục", "cỡ chữ", "a-", "a+", "a", "in trang", "gửi email",
        "gửi cho bạn bè", "đăng nhập", "đăng ký", "tìm kiếm", "liên hệ", "sơ đồ trang", "sơ đồ site", "rss", "english",
        "tiếng việt", "góp ý", "bản đồ", "đánh giá", "yêu thích", "theo dõi", "tải về", "nghe đọc bài", "đọc bài",
        "nghe", "phóng to", "thu nhỏ", "quảng cáo", "bài viết", "mới nhất", "đọc nhiều", "xem nhiều", "tin nổi bật",
        "tin mới", "tin khác", "xem tiếp", "trang trước", "trang sau", "in ra", "lưu lại", "copy link", "sao chép liên kết",
    ]
    /// Menu entries of Vietnamese news and government sites; a line mostly made of these is a menu.
    static let menuItems: Set<String> = [
        "trang chủ", "giới thiệu", "tin tức", "sự kiện", "tin tức - sự kiện", "liên hệ", "văn bản", "hỏi đáp",
        "thư viện", "đăng nhập", "sơ đồ", "tìm kiếm", "chính trị", "kinh tế", "xã hội", "văn hóa", "văn hoá", "thể thao",
        "pháp luật", "quốc phòng", "an ninh", "thời sự", "giáo dục", "y tế", "đời sống", "du lịch", "quốc tế", "thế giới",
        "công nghệ", "xây dựng đảng", "multimedia", "video", "ảnh", "podcast", "e-magazine", "english", "rss", "tiêu điểm",
        "trong nước", "địa phương", "bạn đọc", "khoa học", "môi trường", "nông nghiệp", "giải trí", "sức khỏe", "sức khoẻ",
        "chính sách", "lãnh đạo", "tổ chức", "cơ cấu tổ chức", "thông báo", "lịch công tác", "dịch vụ công", "doanh nghiệp",
        "đầu tư", "tài chính", "văn bản pháp quy", "chỉ đạo điều hành", "thủ tục hành chính", "xây dựng chính quyền",
        "tin ảnh", "phóng sự", "bình luận", "phát thanh", "truyền hình", "tuyên truyền", "học tập và làm theo bác",
        "nghiên cứu", "trao đổi", "mặt trận", "đoàn thể", "quốc hội", "hội đồng nhân dân", "ủy ban nhân dân",
    ]
    /// Lines after which the rest of the page is the site's footer (related news, lists of other articles).
    static let footerStarts = ["các tin khác", "tin liên quan", "tin cùng chuyên mục", "các tin đã đưa", "bài viết liên quan",
                               "tin mới hơn", "tin cũ hơn", "tin đã đưa", "xem tiếp", "các bài viết khác", "tin bài liên quan",
                               "các tin mới", "các tin cũ hơn", "tin mới nhất", "bài liên quan", "có thể bạn quan tâm",
                               "tin đọc nhiều", "đọc nhiều nhất", "các bài khác", "tin khác",
                               // A keyword label alone: the keywords follow, one a line.
                               "tags", "tag", "từ khóa", "từ khoá", "thẻ"]
    /// Starts of site banners and footers: the site's name, its licence and address.
    static let bannerStarts = ["cổng thông tin", "trang thông tin", "báo điện tử", "tạp chí điện tử", "website", "trang tin",
                               "báo ", "đài phát thanh", "cơ quan chủ quản", "cơ quan của"]
    static let contactStarts = ["©", "copyright", "bản quyền", "giấy phép số", "giấy phép:", "giấy phép thiết lập", "giấy phép hoạt động", "chịu trách nhiệm", "tổng biên tập:", "địa chỉ:",
                                "điện thoại:", "đt:", "fax:", "email:", "e-mail:", "website:", "ghi rõ nguồn", "phát triển bởi",
                                "thiết kế bởi", "cơ quan chủ quản", "trưởng ban biên tập", "đường dây nóng", "hotline"]
    static let keywordStarts = ["từ khóa:", "từ khoá:", "tags:", "tag:", "chủ đề:", "từ khóa :", "thẻ:"]
    static let counterStarts = ["lượt xem", "số lượt", "lượt đọc", "lượt truy cập", "đang truy cập", "đang online", "online:",
                                "tổng lượt", "lượt thích", "lượt chia sẻ", "bình luận (", "lượt bình luận"]

    /// Why a line is site chrome by its own shape, or nil. Inside the article (`inArticle`) only unmistakable chrome
    /// counts: a sentence with slashes is not a menu there.
    static func chromeReason(_ line: String, words: Int, inArticle: Bool = false) -> String? {
        guard line.utf8.count <= shortLine, !inArticle || words <= 30 else { return nil }
        let lower = line.lowercased()
        let key = trim(lower, " :|»›>-–•·*")
        if key.isEmpty { return "a line of punctuation" }
        if labels.contains(key) { return "a site button" }
        if words <= 16, onlyItems(key, labels) { return "a share or print bar" }
        if counterStarts.contains(where: { key.hasPrefix($0) }) || endsWithCounter(key) { return "a view counter" }
        if contactStarts.contains(where: { key.hasPrefix($0) }) || contains(key, Array("all rights reserved".utf8)) { return "copyright or the site's address" }
        if keywordStarts.contains(where: { key.hasPrefix($0) }) { return "a keyword list" }
        if words == 1, key.hasPrefix("http://") || key.hasPrefix("https://") || key.hasPrefix("www.") { return "a link" }
        if inArticle { return nil }
        if key.hasPrefix("http://") || key.hasPrefix("https://") || key.hasPrefix("www.") || (words <= 12 && contains(key, [0x3A, 0x2F, 0x2F])) {
            return "a link"
        }
        if let reason = menuShape(key) { return reason }
        return nil
    }

    /// "Trang chủ > Tin tức > …", "Xây dựng Đảng | Chính quyền | Mặt trận", "Trang chủ Giới thiệu Tin tức Liên hệ".
    static func menuShape(_ key: String) -> String? {
        var segments: [Substring] = []
        var seps = 0
        var breadcrumb = false
        // Split on menu separators.
        var start = key.startIndex
        for i in key.indices {
            let c = key[i]
            if c == "|" || c == "»" || c == "›" || c == ">" || c == "•" || c == "·" || c == "/" && isSpaced(key, i) {
                if c == "»" || c == "›" || c == ">" { breadcrumb = true }
                segments.append(key[start..<i].trimmingCharacters(in: .whitespaces)[...])
                start = key.index(after: i)
                seps += 1
            }
        }
        segments.append(key[start...].trimmingCharacters(in: .whitespaces)[...])
        segments = segments.filter { !$0.isEmpty }
        if breadcrumb, let first = segments.first, menuItems.contains(String(first)) || first == "home" { return "a breadcrumb" }
        if seps >= 2, segments.count >= 3, segments.allSatisfy({ $0.split(separator: " ").count <= 6 && !$0.hasSuffix(".") }) {
            return breadcrumb ? "a breadcrumb" : "a menu"
        }
        if seps == 0, key.utf8.count <= 160, onlyItems(key, menuItems, minimum: 3) { return "a menu" }
        return nil
    }

    static func isSpaced(_ s: String, _ i: String.Index) -> Bool {
        i > s.startIndex && s[s.index(before: i)] == " " && s.index(after: i) < s.endIndex && s[s.index(after: i)] == " "
    }

    /// True when the words of `key` are all covered by entries of `items` (each up to five words), at least `minimum` of them.
    static func onlyItems(_ key: String, _ items: Set<String>, minimum: Int = 1) -> Bool {
        let words = key.split(whereSeparator: { $0 == " " || $0 == "|" || $0 == "·" || $0 == "•" || $0 == "," || $0 == ":" })
        guard !words.isEmpty, words.count <= 40 else { return false }
        var i = 0, found = 0
        while i < words.count {
            var matched = 0
            for n in stride(from: min(5, words.count - i), through: 1, by: -1) where items.contains(words[i..<i + n].joined(separator: " ")) {
                matched = n
                break
            }
            if matched == 0 { return false }
            i += matched
            found += 1
        }
        return found >= minimum
    }

    /// "… 1.204 lượt xem", "Lượt xem: 87".
    static func endsWithCounter(_ key: String) -> Bool {
        for tail in [" lượt xem", " lượt đọc", " lượt thích", " bình luận", " views"] where key.hasSuffix(tail) {
            let head = key.dropLast(tail.count)
            return head.last?.isNumber == true
        }
        return false
    }

    /// Chrome run into a date line: buttons, a counter, a share bar.
    static func isChromeTail(_ tail: String) -> Bool {
        if tail.isEmpty { return true }
        let key = trim(tail.lowercased(), " :|»›>-–•·")
        if key.isEmpty || labels.contains(key) || onlyItems(key, labels) { return true }
        if counterStarts.contains(where: { key.hasPrefix($0) }) || endsWithCounter(key) { return true }
        // "Lượt xem: 1.204 | In bài này"
        if let bar = key.firstIndex(of: "|") {
            return isChromeTail(String(key[..<bar])) && isChromeTail(String(key[key.index(after: bar)...]))
        }
        return false
    }

    /// Lines after which everything is the site's footer.
    static func isFooterStart(_ line: String) -> Bool {
        guard line.utf8.count <= 60 else { return false }
        let key = trim(line.lowercased(), " :»›>-–•·*")
        return footerStarts.contains(key)
    }

    /// `s` without the characters of `ends` at either end; short lines only, and no Foundation on the way.
    static func trim(_ s: String, _ ends: String) -> String {
        var sub = Substring(s)
        while let c = sub.first, ends.contains(c) { sub.removeFirst() }
        while let c = sub.last, ends.contains(c) { sub.removeLast() }
        return sub.count == s.count ? s : String(sub)
    }

    // MARK: Lines an editor reads as something

    static func endsSentence(_ line: String) -> Bool {
        guard let last = line.utf8.last else { return false }
        // . ! ? ; : and the ellipsis "…" (E2 80 A6)
        return last == 0x2E || last == 0x21 || last == 0x3F || last == 0x3B || last == 0x3A || last == 0xA6
    }

    /// Text of the article for sure: long, or a full statement of some length. A question or an exclamation may be
    /// a headline ("Thi THPT quốc gia 2017: thí sinh đăng ký thế nào?").
    static func isBodyText(_ line: String, words: Int) -> Bool {
        guard let last = line.utf8.last else { return false }
        let statement = last == 0x2E || last == 0x3B || last == 0x3A || last == 0xA6
        return line.utf8.count > 400 || (words >= 8 && statement) || words >= 60
    }

    /// Could be a headline: a few words, a letter first, no full stop at the end.
    static func isHeadlineLike(_ line: String, words: Int) -> Bool {
        guard words >= 2, words <= 45, line.utf8.count <= 320, let last = line.utf8.last, last != 0x2E, last != 0x3A, last != 0x3B
        else { return false }
        guard let first = line.first else { return false }
        if first.isUppercase || first.isNumber || first == "“" || first == "\"" || first == "‘" || first == "'" { return true }
        // "iPhone …", "watchOS 4 …": a name written with a capital inside.
        return first.isLowercase && line.prefix { $0 != " " }.contains { $0.isUppercase }
    }

    /// A banner rather than a headline: capitals only, every word capitalised, or the site's name.
    static func isBannerLike(_ line: String, words: Int, first: Bool = false) -> Bool {
        let letters = line.unicodeScalars.filter { $0.properties.isAlphabetic }
        if !letters.isEmpty, letters.allSatisfy({ $0.properties.isUppercase }) { return true }
        let lower = line.lowercased()
        if bannerStarts.contains(where: { lower.hasPrefix($0) }) { return true }
        if words >= 3, line.split(separator: " ").allSatisfy({ $0.first?.isUppercase == true }) { return true }
        // A section name ("Thời sự") sits below the banner; a short first line is a short headline.
        return words <= 3 && !first
    }

    /// "Trang thông tin điện tử Đảng bộ tỉnh …, số 2 Trần Phú": the site's name (and address) as a footer prints it.
    static func isSiteName(_ line: String, words: Int) -> Bool {
        guard words <= 30, line.utf8.count <= shortLine else { return false }
        let lower = line.lowercased()
        return bannerStarts.contains { $0 != "báo " && lower.hasPrefix($0) }
    }

    /// A photo caption: "(Ảnh: Minh Anh)", "Ảnh minh họa", "Đồng chí … phát biểu tại hội nghị. (Ảnh: TTXVN)",
    /// "Ảnh: Lê Hà". Returns the caption as it should read.
    static func caption(_ line: String) -> String? {
        guard line.utf8.count <= 400, mentionsPhoto(line) else { return nil }
        let t = line
        let lower = t.lowercased()
        if lower == "ảnh minh họa" || lower == "ảnh minh hoạ" || lower == "(ảnh minh họa)" || lower == "(ảnh minh hoạ)" { return t }
        if lower.hasPrefix("ảnh minh họa:") || lower.hasPrefix("ảnh minh hoạ:") || lower.hasPrefix("(ảnh") {
            return t.utf8.count <= 160 ? t : nil
        }
        // "Ảnh: Minh Anh" credits a photo; "Ảnh: Real Madrid phá lời nguyền …" is a headline of a photo story.
        if lower.hasPrefix("ảnh:") { return t.split(separator: " ").count <= 6 ? t : nil }
        for marker in ["(ảnh:", "(ảnh minh họa", "(ảnh minh hoạ", "- ảnh:", "– ảnh:", "(ảnh ", "ảnh minh họa)", "(nguồn ảnh:"] {
            if let r = lower.range(of: marker, options: .backwards), lower.hasSuffix(")") || !marker.hasPrefix("(") {
                // The marker closes the line: a caption with its credit.
                let after = lower[r.upperBound...]
                if after.count <= 60, !after.contains(". ") { return t }
            }
        }
        return nil
    }

    /// Whether the bytes hold "ảnh"/"Ảnh" (E1 BA A3 / E1 BA A2, then "nh") as captions write it: after "(", or before
    /// ":" or " minh". The search keeps the slower tests off every other line, "ảnh hưởng" included.
    static func mentionsPhoto(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { b in
            let n = b.count
            var i = 0
            while i + 5 <= n {
                if b[i] == 0xE1, b[i + 1] == 0xBA, b[i + 2] == 0xA2 || b[i + 2] == 0xA3, b[i + 3] == 0x6E, b[i + 4] == 0x68 {
                    let after = i + 5
                    if i > 0 && b[i - 1] == 0x28 { return true }
                    if after < n && b[after] == 0x3A { return true }
                    if after + 1 < n && b[after] == 0x20 && (b[after + 1] == 0x3A || b[after + 1] == 0x6D) { return true }
                    if after == n && i == 0 { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// Whether the UTF-8 bytes of `line` hold `needle`.
    static func contains(_ line: String, _ needle: [UInt8]) -> Bool {
        var line = line
        return line.withUTF8 { b in
            let n = needle.count
            guard b.count >= n, let first = needle.first else { return false }
            var i = 0
            while i + n <= b.count {
                if b[i] == first {
                    var k = 1
                    while k < n, b[i + k] == needle[k] { k += 1 }
                    if k == n { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// "… - Nguồn: bantuyengiao.cantho.gov.vn": the caption above it and the source.
    static func captionAndSource(_ line: String) -> (String, String)? {
        // "Nguồn" is N g u E1 BB 93 n.
        guard line.utf8.count <= 500, contains(line, [0x4E, 0x67, 0x75, 0xE1, 0xBB, 0x93, 0x6E]) else { return nil }
        for marker in [" - Nguồn: ", " – Nguồn: ", " (Nguồn: "] {
            guard let r = line.range(of: marker, options: .backwards) else { continue }
            var source = String(line[r.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: " ."))
            if source.hasSuffix(")") { source.removeLast() }
            guard !source.isEmpty, source.count < 80, !source.contains(". ") else { return nil }
            let caption = String(line[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
            return (caption, source)
        }
        return nil
    }

    /// "Nguồn: baomoi.com", "- Nguồn: TTXVN", "(Theo Báo Cần Thơ)", "Theo TTXVN".
    static func sourceLine(_ line: String) -> String? {
        guard line.utf8.count <= 160 else { return nil }
        var t = line.trimmingCharacters(in: CharacterSet(charactersIn: " -–"))
        if t.hasPrefix("("), t.hasSuffix(")") { t = String(t.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces) }
        for prefix in ["Nguồn:", "Nguồn :", "Nguồn tin:", "Theo ", "theo "] where t.hasPrefix(prefix) {
            let src = t.dropFirst(prefix.count).trimmingCharacters(in: CharacterSet(charactersIn: " ."))
            guard !src.isEmpty, src.count < 80, !endsSentence(src) || src.hasSuffix(".vn") else { return nil }
            // "Theo kế hoạch, …" is a sentence, not a source.
            if prefix.hasPrefix("Theo") || prefix.hasPrefix("theo"), src.contains(",") || src.split(separator: " ").count > 8 { return nil }
            return src
        }
        return nil
    }

    static let agencies: Set<String> = ["TTXVN", "TTXVN/VNA", "VNA", "TTXVN/Vietnam+", "Vietnam+", "VOV", "VTV", "TTXVN/Vietnam+"]
    static let reporterCredits: Set<String> = ["PV", "Nhóm PV", "PV-CTV", "CTV", "Nhóm phóng viên", "Phóng viên", "BBT", "Ban Biên tập"]

    /// A credit by itself: "TTXVN" (a source), "PV", "Nhóm PV" (the author).
    static func credit(_ line: String) -> (author: String?, source: String?)? {
        guard line.utf8.count <= 40 else { return nil }
        let t = line.trimmingCharacters(in: CharacterSet(charactersIn: " ()-–."))
        if agencies.contains(t) { return (nil, t) }
        if reporterCredits.contains(t) { return (t, nil) }
        // "PV - TTXVN", "Minh Anh - TTXVN"
        for sep in [" - ", " – ", "/"] {
            if let r = t.range(of: sep) {
                let a = String(t[..<r.lowerBound]), b = String(t[r.upperBound...])
                if agencies.contains(b), reporterCredits.contains(a) || isPersonName(a) { return (a, b) }
            }
        }
        return nil
    }

    /// "Bài và ảnh: Nguyễn Văn A", "Tin, ảnh: Lê B", "Tác giả: Lê B", "Nhóm PV" near the top.
    static func topByline(_ line: String) -> String? {
        guard line.utf8.count <= 120 else { return nil }
        for prefix in ["Bài và ảnh:", "Bài, ảnh:", "Bài và ảnh :", "Tin, ảnh:", "Tin và ảnh:", "Tin và ảnh :", "Tin, ảnh :",
                       "Tác giả:", "Bài:", "Bài viết:", "Tin:", "Người viết:", "Phóng viên:"] where line.hasPrefix(prefix) {
            let name = line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            if !name.isEmpty, name.count < 80, !endsSentence(name) { return name }
        }
        return nil
    }

    static let positionWords = ["Ủy viên", "Uỷ viên", "Bí thư", "Phó Bí thư", "Chủ tịch", "Phó Chủ tịch", "Giám đốc",
                                "Phó Giám đốc", "Trưởng ban", "Phó Trưởng ban", "Trưởng phòng", "Thường trực", "Đại biểu",
                                "Tổng Biên tập", "Bộ trưởng", "Thứ trưởng", "Chánh", "Nguyên", "Đồng chí", "Trưởng", "Phó",
                                "Ban Tuyên giáo", "Ban Dân vận", "Ban Tổ chức", "Thành ủy", "Tỉnh ủy", "Huyện ủy", "Học viện",
                                "Trường", "Phóng viên", "Cộng tác viên", "Chuyên viên", "Thạc sĩ", "Tiến sĩ", "PGS", "GS",
                                "TS", "ThS", "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá", "Đảng ủy", "Sở", "Văn phòng"]

    static func isPosition(_ line: String) -> Bool {
        line.utf8.count <= 200 && !endsSentence(line) && positionWords.contains { line.hasPrefix($0) }
    }

    /// "Trần Quốc TrungỦy viên Trung ương Đảng, …" or "Trần Quốc Trung" alone, or "Trần Quốc Trung - Bí thư Thành ủy":
    /// the name, and the position when there is one.
    static func closingByline(_ line: String) -> (String, String?)? {
        guard line.utf8.count <= 200, !endsSentence(line) else { return nil }
        if isPersonName(line) || isInitials(line) || isNameList(line) { return (line, nil) }
        // Run together: a lower-case letter directly followed by a capital.
        var previous: Character? = nil
        for i in line.indices {
            let c = line[i]
            if let p = previous, p.isLowercase, c.isUppercase {
                let name = String(line[..<i]), position = String(line[i...])
                if isPersonName(name), positionWords.contains(where: { position.hasPrefix($0) }) { return (name, position) }
            }
            previous = c
        }
        for sep in [" - ", " – ", ", "] {
            if let r = line.range(of: sep) {
                let name = String(line[..<r.lowerBound]), position = String(line[r.upperBound...])
                if isPersonName(name), positionWords.contains(where: { position.hasPrefix($0) }) { return (name, position) }
            }
        }
        return nil
    }

    /// "G.T", "H.A.": a reporter's initials.
    static func isInitials(_ s: String) -> Bool {
        s.utf8.count <= 8 && s.contains(".") && s.allSatisfy { $0 == "." || ($0.isLetter && $0.isUppercase) } && s.first?.isLetter == true
    }

    /// "Minh Anh - Bá Khải", "Thu Hà, Quang Vinh", "Lê Na và Hồ Sơn": several names.
    static func isNameList(_ s: String) -> Bool {
        guard s.utf8.count <= 100 else { return false }
        for sep in [" - ", " – ", ", ", " và "] where s.contains(sep) {
            let parts = s.components(separatedBy: sep)
            if parts.count >= 2, parts.allSatisfy({ isPersonName($0) || isInitials($0) || reporterCredits.contains($0) }) { return true }
        }
        return false
    }

    /// Two to five capitalised words: "Trần Quốc Trung", "Y Khun Niê"; also initials "H.A".
    static func isPersonName(_ s: String) -> Bool {
        guard s.utf8.count <= 60 else { return false }
        let words = s.split(separator: " ")
        guard (2...5).contains(words.count) else { return false }
        return words.allSatisfy { w in w.first?.isUppercase == true && w.allSatisfy { $0.isLetter || $0 == "." } }
    }

    /// "Một là, …", "Thứ nhất, …": points the author numbered in words.
    static func enumeratedLead(_ line: String) -> Bool {
        let words = ["Một là", "Hai là", "Ba là", "Bốn là", "Năm là", "Sáu là", "Bảy là", "Tám là", "Chín là", "Mười là",
                     "Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Thứ tám", "Thứ chín", "Thứ mười"]
        return words.contains { line.hasPrefix($0 + ",") || line.hasPrefix($0 + ":") }
    }

    /// A section heading: a short line that does not end a sentence and does not start a numbered point.
    static func isHeading(_ line: String, words: Int) -> Bool {
        guard line.utf8.count <= 300, words <= 20, !endsSentence(line), let first = line.first, first.isUppercase || first.isNumber
        else { return false }
        if line.hasSuffix(",") || line.hasSuffix("”") || line.hasSuffix("\"") || line.hasSuffix(")") { return false }
        return !enumeratedLead(line) && !isPersonName(line)
    }
}
