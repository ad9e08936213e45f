import Foundation
import Vietnamese

/// Dates as scraped pages write them: "Thứ Ba, 19/2/2019", "13/12/2017 8:8'", "13-12-2017 08:08",
/// "Ngày 13 tháng 12 năm 2017", "Cập nhật: 08:08 13/12/2017 (GMT+7)".
enum DateFinder {
    static let labels = ["cập nhật lúc", "cập nhật", "ngày đăng", "đăng ngày", "đăng lúc", "ngày cập nhật", "thời gian",
                         "ngày xuất bản", "xuất bản"]
    static let weekdays = ["thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "thứ bẩy", "chủ nhật"]

    /// A line that is a date (with weekday, time, labels and site buttons around it): the date, and the text
    /// left over (buttons such as “Gửi bài này In bài này”), or nil when the line is something else.
    static func dateLine(_ line: String, offset: Int = 7 * 3600) -> (LocalDateTime, String)? {
        guard line.count < 120 else { return nil }
        var s = Substring(line.trimmingCharacters(in: .whitespaces))
        func dropPrefix(_ words: [String]) -> Bool {
            let lower = s.lowercased()
            for w in words where lower.hasPrefix(w) {
                s = s.dropFirst(w.count)
                s = s.drop { $0 == " " || $0 == ":" || $0 == "," || $0 == "-" || $0 == "|" }
                return true
            }
            return false
        }
        _ = dropPrefix(labels)
        var time: (Int, Int)? = takeTime(&s)
        s = s.drop { " ,-|–".contains($0) }
        _ = dropPrefix(weekdays)
        guard let (d, m, y) = takeDate(&s) else { return nil }
        s = s.drop { " ,-|–".contains($0) }
        if time == nil {
            _ = dropPrefix(["lúc"])
            time = takeTime(&s)
        }
        // "(GMT+7)", "GMT+7", "AM"
        for tail in ["(GMT+7)", "GMT+7", "(GMT +7)", "GMT+07:00", "+07:00", "SA", "CH", "AM", "PM"] {
            let trimmed = s.drop { $0 == " " }
            if trimmed.hasPrefix(tail) { s = trimmed.dropFirst(tail.count) }
        }
        let rest = s.trimmingCharacters(in: CharacterSet(charactersIn: " ,-|–"))
        guard rest.isEmpty || ReportReader.isChrome(rest) else { return nil }
        var dt = LocalDateTime(year: y, month: m, day: d, offset: offset)
        if let (h, mi) = time { dt.hour = h; dt.minute = mi }
        guard dt.isValid, (1990...2100).contains(y) else { return nil }
        return (dt, rest)
    }

    static func takeNumber(_ s: inout Substring, maxDigits: Int) -> Int? {
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= maxDigits else { return nil }
        s = s.dropFirst(digits.count)
        return Int(digits)
    }

    /// "8:8'", "08:08", "8h30", "08:08:12".
    static func takeTime(_ s: inout Substring) -> (Int, Int)? {
        var t = s
        guard let h = takeNumber(&t, maxDigits: 2), let sep = t.first, sep == ":" || sep == "h" || sep == "g" else { return nil }
        t = t.dropFirst()
        guard let m = takeNumber(&t, maxDigits: 2), h < 24, m < 60 else { return nil }
        if t.first == ":" {
            var u = t.dropFirst()
            if takeNumber(&u, maxDigits: 2) != nil { t = u }
        }
        if t.first == "'" || t.first == "’" { t = t.dropFirst() }
        if let c = t.first, c.isLetter || c.isNumber { return nil }
        s = t
        return (h, m)
    }

    /// "13/12/2017", "13-12-2017", "13.12.2017", "ngày 13 tháng 12 năm 2017".
    static func takeDate(_ s: inout Substring) -> (Int, Int, Int)? {
        var t = s
        if t.lowercased().hasPrefix("ngày ") { t = t.dropFirst(5) }
        guard let d = takeNumber(&t, maxDigits: 2) else { return nil }
        if let sep = t.first, "/-.".contains(sep) {
            t = t.dropFirst()
            guard let m = takeNumber(&t, maxDigits: 2), t.first == sep else { return nil }
            t = t.dropFirst()
            guard let y = takeNumber(&t, maxDigits: 4), y >= 1000 else { return nil }
            s = t
            return (d, m, y)
        }
        // "13 tháng 12 năm 2017"
        t = t.drop { $0 == " " }
        guard t.lowercased().hasPrefix("tháng") else { return nil }
        t = t.dropFirst(5).drop { $0 == " " }
        guard let m = takeNumber(&t, maxDigits: 2) else { return nil }
        t = t.drop { $0 == " " || $0 == "," }
        guard t.lowercased().hasPrefix("năm") else { return nil }
        t = t.dropFirst(3).drop { $0 == " " }
        guard let y = takeNumber(&t, maxDigits: 4), y >= 1000 else { return nil }
        s = t
        return (d, m, y)
    }
}
