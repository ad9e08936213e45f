/// A moment as an editor wrote it: local calendar fields plus their UTC offset.
///
/// Kept as fields rather than Foundation's `Date` so archives group by the local day the article was published,
/// and formatting needs no calendar or locale machinery.
public struct LocalDateTime: Sendable, Hashable, Comparable, Codable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    /// Offset from UTC in seconds (+07:00 is 25200).
    public var offset: Int
    /// The time of day was written ("2017-12-13 08:30"), not only the day: pages show it only then. Not part of
    /// equality: the same instant is the same date, whether or not its time was written.
    public var hasTime: Bool = true

    public static func == (a: Self, b: Self) -> Bool {
        (a.year, a.month, a.day) == (b.year, b.month, b.day) && (a.hour, a.minute, a.second, a.offset) == (b.hour, b.minute, b.second, b.offset)
    }

    public func hash(into h: inout Hasher) {
        for v in [year, month, day, hour, minute, second, offset] { h.combine(v) }
    }

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, offset: Int = 7 * 3600) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second; self.offset = offset
    }

    /// Days since 1970-01-01 of the local date (Howard Hinnant's days_from_civil).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Seconds since the Unix epoch, UTC.
    public var epochSeconds: Int { daysSinceEpoch * 86400 + hour * 3600 + minute * 60 + second - offset }

    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int { ((daysSinceEpoch % 7) + 11) % 7 }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.epochSeconds < b.epochSeconds }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// True when the fields name a real calendar moment.
    public var isValid: Bool {
        (1...9999).contains(year) && (1...12).contains(month) && day >= 1 && day <= Self.daysIn(month: month, year: year)
            && (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
            && abs(offset) <= 14 * 3600
    }
}

/// Vietnamese date words and formats.
public enum VietnameseDate {
    public static let weekdays = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"]

    /// "Thứ Tư, 13/12/2017". Written into one buffer: every list entry shows a date, so this runs hundreds of
    /// thousands of times a build, and interpolation makes a String per piece.
    public static func long(_ d: LocalDateTime) -> String {
        var w = DigitWriter()
        w.append(weekdays[d.weekday])
        w.append(0x2C); w.append(0x20)
        w.number(d.day); w.append(0x2F); w.number(d.month); w.append(0x2F); w.number(d.year)
        return w.string
    }

    /// "13/12/2017".
    public static func short(_ d: LocalDateTime) -> String { "\(d.day)/\(d.month)/\(d.year)" }

    /// "08:08".
    public static func time(_ d: LocalDateTime) -> String { two(d.hour) + ":" + two(d.minute) }

    /// "tháng 12/2017", for month archives.
    public static func monthTitle(month: Int, year: Int) -> String { "Tháng \(month)/\(year)" }

    /// RFC 3339, "2017-12-13T08:08:00+07:00", for machine-readable dates (`<time datetime>`, feeds).
    public static func iso(_ d: LocalDateTime) -> String {
        let off = abs(d.offset)
        var w = DigitWriter()
        w.number(d.year, width: 4); w.append(0x2D); w.number(d.month, width: 2); w.append(0x2D); w.number(d.day, width: 2)
        w.append(0x54)
        w.number(d.hour, width: 2); w.append(0x3A); w.number(d.minute, width: 2); w.append(0x3A); w.number(d.second, width: 2)
        w.append(d.offset < 0 ? 0x2D : 0x2B)
        w.number(off / 3600, width: 2); w.append(0x3A); w.number(off % 3600 / 60, width: 2)
        return w.string
    }

    /// Bytes of a short formatted date, made into one String at the end.
    struct DigitWriter {
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(32) }

        mutating func append(_ b: UInt8) { bytes.append(b) }
        mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

        /// `n` in decimal, zero-padded to `width` digits; negative numbers keep their sign.
        mutating func number(_ n: Int, width: Int = 1) {
            if n < 0 { bytes.append(0x2D) }
            let v = n.magnitude
            var count = 1, t = v
            while t >= 10 { t /= 10; count += 1 }
            if count < width { bytes.append(contentsOf: repeatElement(0x30, count: width - count)) }
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0x30, count: count))
            var x = v
            for k in stride(from: start + count - 1, through: start, by: -1) {
                bytes[k] = UInt8(truncatingIfNeeded: x % 10) + 0x30
                x /= 10
            }
        }

        var string: String { String(decoding: bytes, as: UTF8.self) }
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    static func four(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }

    /// Why a date string was rejected.
    public struct ParseError: Error, Sendable, Equatable {
        public let message: String
    }

    /// Parses "2017-12-13", "2017-12-13 08:08", "2017-12-13T08:08:00", each optionally with "Z" or "+07:00";
    /// the offset defaults to `defaultOffset` (the site's time zone).
    public static func parse(_ text: String, defaultOffset: Int) throws(ParseError) -> LocalDateTime {
        let b = Array(text.utf8)
        var i = 0
        func fail(_ why: String) -> ParseError {
            ParseError(message: "“\(text)” is not a date (\(why)); write it as 2017-12-13 or 2017-12-13 08:08, optionally with +07:00")
        }
        func number(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var n = 0
            for k in i..<(i + count) {
                guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }
                n = n * 10 + Int(b[k] - 0x30)
            }
            i += count
            return n
        }
        func expect(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        guard let y = number(4), expect("-"), let mo = number(2), expect("-"), let d = number(2) else {
            throw fail("expected YYYY-MM-DD")
        }
        var dt = LocalDateTime(year: y, month: mo, day: d, offset: defaultOffset)
        dt.hasTime = i < b.count
        if i < b.count {
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ") else { throw fail("unexpected text after the day") }
            i += 1
            guard let h = number(2), expect(":"), let m = number(2) else { throw fail("expected a time as HH:MM") }
            dt.hour = h; dt.minute = m
            if expect(":") {
                guard let s = number(2) else { throw fail("expected seconds as SS") }
                dt.second = s
                if expect(".") { while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 } }
            }
            while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
            if i < b.count {
                if expect("Z") {
                    dt.offset = 0
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let oh = number(2) else { throw fail("expected an offset like +07:00") }
                    _ = expect(":")
                    guard let om = number(2) else { throw fail("expected an offset like +07:00") }
                    dt.offset = sign * (oh * 3600 + om * 60)
                } else {
                    throw fail("unexpected text after the time")
                }
            }
        }
        guard i == b.count else { throw fail("unexpected text at the end") }
        guard dt.isValid else { throw fail("no such day or time") }
        return dt
    }

    /// Parses a UTC offset written "+07:00", "+0700", "+07" or "UTC+7"; nil when it is none of those.
    public static func parseOffset(_ text: String) -> Int? {
        var s = Substring(text.trimmingCharacters(in: " "))
        if s.hasPrefix("UTC") || s.hasPrefix("GMT") { s = s.dropFirst(3) }
        if s.isEmpty || s == "Z" { return 0 }
        if s == "Asia/Ho_Chi_Minh" || s == "Asia/Saigon" || s == "Asia/Bangkok" { return 7 * 3600 }
        guard let first = s.first, first == "+" || first == "-" else { return nil }
        let sign = first == "-" ? -1 : 1
        let digits = s.dropFirst().filter { $0 != ":" }
        // At most "hhmm": longer runs of digits are no offset (and would overflow Int).
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              let n = Int(digits) else { return nil }
        let (h, m) = digits.count <= 2 ? (n, 0) : (n / 100, n % 100)
        guard h <= 14, m < 60 else { return nil }
        return sign * (h * 3600 + m * 60)
    }
}

extension String {
    fileprivate func trimmingCharacters(in c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s = s.dropFirst() }
        while s.last == c { s = s.dropLast() }
        return String(s)
    }
}
