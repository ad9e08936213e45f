import Foundation
import Vietnamese

/// A date line as found on a page, with what the page said about it.
struct FoundDate: Equatable {
    var date: LocalDateTime
    var hasTime: Bool
    /// The label before it: "Ngày đăng", "Cập nhật" (publication) or "Hôm nay" (the day the page was captured).
    var label: Label
    /// Site chrome run into the line ("Gửi bài này In bài này", "Lượt xem: 1.204"), dropped.
    var rest: String

    enum Label: Equatable { case none, publication(String), capture(String) }
}

/// Dates as scraped pages write them, in any order of their parts: an optional label, weekday, date and time,
/// separated by spaces, `,` `|` `-` `·` or "lúc" — "Thứ Ba, 19/2/2019", "13/12/2017 8:8'", "08:30 | 13/3/2017",
/// "Thứ Hai, 13/3/2017 | 08:30", "Ngày đăng: 13/03/2017 - Lượt xem: 1.204", "Ngày 13 tháng 3 năm 2017",
/// "Hôm nay, Thứ Hai, ngày 13/3/2017", "Cập nhật: 08:08 13/12/2017 (GMT+7)".
///
/// Only lines of at most 160 bytes that hold a digit are tried, so body paragraphs never pay for it; the scan is one
/// pass of bounded steps over the line.
enum DateFinder {
    static let publicationLabels = ["cập nhật lần cuối", "cập nhật lúc", "ngày cập nhật", "cập nhật", "ngày đăng tải",
                                    "ngày đăng", "đăng ngày", "đăng lúc", "đăng vào", "ngày xuất bản", "xuất bản",
                                    "thời gian đăng", "thời gian", "ngày phát hành", "posted", "đăng", "ngày"]
    static let captureLabels = ["hôm nay", "today"]
    static let weekdays = ["thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "thứ bẩy", "chủ nhật",
                           "thứ 2", "thứ 3", "thứ 4", "thứ 5", "thứ 6", "thứ 7", "cn", "t2", "t3", "t4", "t5", "t6", "t7"]
    /// Longest first, so "mười hai" is not read as "mười".
    static let monthWords: [(String, Int)] = [("mười một", 11), ("mười hai", 12), ("giêng", 1), ("một", 1), ("hai", 2), ("ba", 3),
                                              ("tư", 4), ("bốn", 4), ("năm", 5), ("sáu", 6), ("bảy", 7), ("tám", 8), ("chín", 9),
                                              ("mười", 10), ("chạp", 12)]
    static let zoneTails = ["(gmt+7)", "(gmt +7)", "(gmt + 7)", "gmt+7", "gmt +7", "gmt+07:00", "(utc+7)", "utc+7",
                            "+07:00", "(giờ hà nội)", "giờ hà nội"]
    static let separators: Set<Character> = [" ", ",", "|", "-", "–", "—", "·", "•", ":", "(", ")", "[", "]"]

    static func find(_ line: String, offset: Int = 7 * 3600) -> FoundDate? {
        guard line.utf8.count <= 160, line.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        var s = Substring(line)
        var label = FoundDate.Label.none
        var date: (Int, Int, Int)? = nil
        var time: (Int, Int)? = nil
        var rest = ""
        var steps = 0
        while steps < 24 {
            steps += 1
            s = s.drop { separators.contains($0) }
            if s.isEmpty { break }
            if label == .none, date == nil, time == nil {
                if let w = takeWord(&s, captureLabels) { label = .capture(w); continue }
                // "Ngày" is a label only before a date in figures ("Ngày 13/3/2017", "Ngày: 13/3"); "Ngày 13 tháng 3"
                // is a date in words.
                var probe = s
                if let w = takeWord(&probe, publicationLabels), !(w == "ngày" && isDateInWords(probe)) {
                    s = probe; label = .publication(w); continue
                }
            }
            if takeWord(&s, weekdays) != nil { continue }
            if takeWord(&s, ["vào lúc", "lúc", "vào", "ngày", "giờ"]) != nil { continue }
            if date == nil, let d = takeDate(&s) { date = d; continue }
            if time == nil, let t = takeTime(&s) { time = t; continue }
            if takeWord(&s, zoneTails) != nil { continue }
            if takeWord(&s, ["sa", "ch", "am", "pm"]) != nil, time != nil { continue }
            // What is left must be chrome (a share bar, a counter), or the line is a sentence with a date in it.
            let tail = String(s).trimmingCharacters(in: .whitespaces)
            guard date != nil, Shapes.isChromeTail(tail) else { return nil }
            rest = tail
            break
        }
        guard let (d, m, y) = date, (1990...2100).contains(y) else { return nil }
        var dt = LocalDateTime(year: y, month: m, day: d, offset: offset)
        if let (h, mi) = time { dt.hour = h; dt.minute = mi }
        dt.hasTime = time != nil
        guard dt.isValid else { return nil }
        return FoundDate(date: dt, hasTime: time != nil, label: label, rest: rest)
    }

    /// Takes the first of `words` (lower case) that starts `s` as whole words; returns it.
    static func takeWord(_ s: inout Substring, _ words: [String]) -> String? {
        for w in words {
            let n = w.count
            let head = s.prefix(n)
            guard head.count == n, head.lowercased() == w else { continue }
            let after = s.dropFirst(n)
            if let c = after.first, c.isLetter || (c.isNumber && w.last?.isNumber == true) { continue }
            s = after
            return w
        }
        return nil
    }

    static func isDateInWords(_ s: Substring) -> Bool {
        var t = s.drop { $0 == " " }
        guard takeNumber(&t, maxDigits: 2) != nil else { return false }
        t = t.drop { $0 == " " }
        return t.prefix(5).lowercased() == "tháng"
    }

    static func takeNumber(_ s: inout Substring, maxDigits: Int) -> Int? {
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= maxDigits else { return nil }
        s = s.dropFirst(digits.count)
        return Int(digits)
    }

    /// "8:8'", "08:08", "8h30", "08g30", "08:08:12", "8 giờ 30".
    static func takeTime(_ s: inout Substring) -> (Int, Int)? {
        var t = s
        guard let h = takeNumber(&t, maxDigits: 2) else { return nil }
        if t.first == ":" || t.first == "h" || t.first == "g" {
            t = t.dropFirst()
        } else {
            var w = t.drop { $0 == " " }
            guard takeWord(&w, ["giờ"]) != nil else { return nil }
            t = w.drop { $0 == " " }
        }
        let m = takeNumber(&t, maxDigits: 2) ?? 0
        guard h < 24, m < 60 else { return nil }
        if t.first == ":" {
            var u = t.dropFirst()
            if takeNumber(&u, maxDigits: 2) != nil { t = u }
        }
        if t.first == "'" || t.first == "’" { t = t.dropFirst() }
        if let c = t.first, c.isLetter || c.isNumber || c == "/" { return nil }
        s = t
        return (h, m)
    }

    /// "13/12/2017", "13-12-2017", "13.12.2017", "2017-12-13", "13 tháng 12 năm 2017", "13 tháng Mười hai, 2017".
    static func takeDate(_ s: inout Substring) -> (Int, Int, Int)? {
        var t = s
        guard let first = takeNumber(&t, maxDigits: 4) else { return nil }
        if let sep = t.first, "/-.".contains(sep) {
            t = t.dropFirst()
            guard let second = takeNumber(&t, maxDigits: 2), t.first == sep else { return nil }
            t = t.dropFirst()
            guard let third = takeNumber(&t, maxDigits: 4) else { return nil }
            if let c = t.first, c.isNumber || c.isLetter || c == "/" { return nil }
            if first >= 1000, third <= 31 { s = t; return (third, second, first) }
            guard first <= 31, third >= 1000 else { return nil }
            s = t
            return (first, second, third)
        }
        guard first <= 31 else { return nil }
        t = t.drop { $0 == " " }
        guard takeWord(&t, ["tháng"]) != nil else { return nil }
        t = t.drop { $0 == " " }
        var month = takeNumber(&t, maxDigits: 2)
        if month == nil {
            for (word, m) in monthWords where takeWord(&t, [word]) != nil {
                month = m
                break
            }
        }
        guard let m = month else { return nil }
        t = t.drop { $0 == " " || $0 == "," }
        _ = takeWord(&t, ["năm"])
        t = t.drop { $0 == " " }
        guard let y = takeNumber(&t, maxDigits: 4), y >= 1000 else { return nil }
        s = t
        return (first, m, y)
    }
}
