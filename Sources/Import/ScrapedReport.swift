import Documents
import Foundation
import Vietnamese

/// What the importer made of one scraped plain-text report.
public struct ImportedArticle: Sendable, Equatable {
    public var title: String?
    /// Publication date and time as found ("13/12/2017 8:8'" → 2017-12-13 08:08).
    public var date: LocalDateTime?
    /// The date the page was captured ("Thứ Ba, 19/2/2019"), kept apart from publication.
    public var captured: LocalDateTime?
    public var author: String?
    public var authorTitle: String?
    /// The site named as the source ("bantuyengiao.cantho.gov.vn").
    public var source: String?
    public var imageCaption: String?
    /// Body paragraphs in order; headings are marked.
    public var blocks: [Block]
    /// Site chrome that was dropped, line by line, for the report.
    public var dropped: [String]
    /// What could not be decided; the article becomes a draft when this is not empty.
    public var problems: [String]

    public enum Block: Sendable, Equatable {
        case heading(String)
        case paragraph(String)
    }

    public var isDraft: Bool { !problems.isEmpty }
}

/// Turns scraped plain text into an article: title, dates, source, caption, byline, headings, paragraphs.
///
/// Works line by line on NFC text. It never rewrites a paragraph: lines are either kept whole, recognised as
/// metadata (title, date, caption, byline), or dropped as site chrome and listed in `dropped`.
public enum ReportReader {
    /// Lines that are site chrome wherever they stand.
    static let chromeLines: Set<String> = [
        "gửi bài này", "in bài này", "chia sẻ", "bản in", "đầu trang", "quay lại", "trở về", "về đầu trang", "video",
        "ảnh", "in", "gửi", "lưu", "bình luận", "ý kiến bạn đọc", "facebook", "twitter", "zalo", "email", "tweet", "like",
        "trang chủ", "tin tức", "tin tức - sự kiện", "xem thêm", "đọc thêm", "tags", "từ khóa", "từ khoá", "chuyên mục",
    ]
    /// Lines after which everything is the site's footer.
    static let footerStarts = ["các tin khác", "tin liên quan", "tin cùng chuyên mục", "các tin đã đưa", "bài viết liên quan",
                               "tin mới hơn", "tin cũ hơn", "tin đã đưa", "xem tiếp", "các bài viết khác"]
    /// Labels a site runs into the date line.
    static let chromeLabels = ["Gửi bài này", "In bài này", "Chia sẻ", "Bản in", "Lượt xem", "Lượt đọc", "Cỡ chữ", "Lưu bài"]
    static let positionWords = ["Ủy viên", "Uỷ viên", "Bí thư", "Phó Bí thư", "Chủ tịch", "Phó Chủ tịch", "Giám đốc",
                                "Phó Giám đốc", "Trưởng ban", "Phó Trưởng ban", "Trưởng phòng", "Thường trực", "Đại biểu",
                                "Tổng Biên tập", "Bộ trưởng", "Thứ trưởng", "Chánh", "Nguyên", "Đồng chí", "Trưởng", "Phó",
                                "Ban Tuyên giáo", "Ban Dân vận", "Ban Tổ chức", "Thành ủy", "Tỉnh ủy", "Huyện ủy", "Học viện",
                                "Trường", "Phóng viên", "Cộng tác viên"]

    /// Reads a report. `text` must already be valid UTF-8; BOM, CRLF and NFD are handled here.
    public static func read(_ text: String) -> ImportedArticle {
        var t = text
        if t.hasPrefix("\u{FEFF}") { t.removeFirst() }
        t = Normalization.nfc(t)
        let rawLines = t.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { collapseSpaces(String($0)) }
        var result = ImportedArticle(blocks: [], dropped: [], problems: [])

        // Cut the footer first: nothing after "Các tin khác" is the article's.
        var lines: [String] = []
        var inFooter = false
        for line in rawLines {
            let key = line.lowercased()
            if !inFooter, footerStarts.contains(where: { key == $0 || key.hasPrefix($0 + ":") }) { inFooter = true }
            if inFooter { if !line.isEmpty { result.dropped.append(line) }; continue }
            lines.append(line)
        }
        var index = 0
        func nextNonEmpty() -> Int? {
            var i = index
            while i < lines.count, lines[i].isEmpty { i += 1 }
            return i < lines.count ? i : nil
        }

        // Header: an optional capture date, the title (one or two lines), the publication date line, a caption.
        var topDate: LocalDateTime? = nil
        if let i = nextNonEmpty(), let (d, rest) = DateFinder.dateLine(lines[i]), rest.isEmpty {
            topDate = d
            index = i + 1
        }
        var titleLines: [String] = []
        while let i = nextNonEmpty(), titleLines.count < 3 {
            let line = lines[i]
            if isChrome(line) { result.dropped.append(line); index = i + 1; continue }
            if let byline = topByline(line), result.author == nil, !titleLines.isEmpty {
                result.author = byline
                index = i + 1
                continue
            }
            if let (d, rest) = DateFinder.dateLine(line) {
                result.date = d
                if !rest.isEmpty { result.dropped.append(rest) }
                index = i + 1
                break
            }
            // A title is short and has no final full stop; a long line means the body has begun.
            if line.count > 250 || (titleLines.count >= 1 && endsSentence(line)) { break }
            titleLines.append(line)
            index = i + 1
            // A blank line after the first title line ends the title unless a date follows directly.
            if i + 1 < lines.count, lines[i + 1].isEmpty, let n = nextLine(after: i + 1, in: lines), DateFinder.dateLine(n) == nil {
                break
            }
        }
        if result.date == nil, let d = topDate {
            result.date = d
            result.problems.append("only one date, at the top of the page; taken as the publication date, check it")
        } else {
            result.captured = topDate
        }
        if titleLines.isEmpty {
            result.problems.append("no title found")
        } else {
            result.title = titleLines.joined(separator: " ")
        }
        if result.date == nil { result.problems.append("no publication date found") }

        // The caption: a line ending in "- Nguồn: site" right after the header.
        if let i = nextNonEmpty(), let (caption, source) = captionAndSource(lines[i]) {
            result.imageCaption = caption.isEmpty ? nil : caption
            result.source = source
            index = i + 1
        }

        // Body, with the byline as the last line if it is one.
        var body: [String] = []
        while index < lines.count {
            let line = lines[index]
            index += 1
            if line.isEmpty { continue }
            if isChrome(line) { result.dropped.append(line); continue }
            if let (label, _) = counterLine(line) { result.dropped.append(label); continue }
            body.append(line)
        }
        if let last = body.last, let (name, position) = closingByline(last) {
            result.author = result.author ?? name
            result.authorTitle = position
            body.removeLast()
        }
        if result.source == nil, let last = body.last, let src = sourceLine(last) {
            result.source = src
            body.removeLast()
        }
        for line in body {
            result.blocks.append(isHeading(line) ? .heading(line) : .paragraph(line))
        }
        if !result.blocks.contains(where: { if case .paragraph = $0 { return true } else { return false } }) {
            result.problems.append("no article text found")
        }
        return result
    }

    static func nextLine(after i: Int, in lines: [String]) -> String? {
        var j = i
        while j < lines.count, lines[j].isEmpty { j += 1 }
        return j < lines.count ? lines[j] : nil
    }

    static func collapseSpaces(_ s: String) -> String {
        var out = ""
        var space = false
        for ch in s {
            if ch == " " || ch == "\t" || ch == "\u{00A0}" {
                space = true
            } else {
                if space && !out.isEmpty { out.append(" ") }
                space = false
                out.append(ch)
            }
        }
        return out
    }

    static func isChrome(_ line: String) -> Bool {
        let key = line.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " :|»›>-–"))
        if chromeLines.contains(key) { return true }
        // "Gửi bài này In bài này", "Chia sẻ Facebook Zalo": a line made only of labels.
        var rest = key
        for label in chromeLines.sorted(by: { $0.count > $1.count }) { rest = rest.replacingOccurrences(of: label, with: "") }
        return rest.trimmingCharacters(in: CharacterSet(charactersIn: " |·•-–:")).isEmpty && key.count < 80
    }

    /// "Lượt xem: 1.234", "Số lượt đọc: 56".
    static func counterLine(_ line: String) -> (String, Int)? {
        let key = line.lowercased()
        guard key.hasPrefix("lượt xem") || key.hasPrefix("số lượt") || key.hasPrefix("lượt đọc") || key.hasPrefix("lượt truy cập"),
              line.count < 40 else { return nil }
        return (line, 0)
    }

    static func endsSentence(_ line: String) -> Bool {
        guard let last = line.last else { return false }
        return ".!?;:…".contains(last) || line.hasSuffix("./.")
    }

    /// "… - Nguồn: bantuyengiao.cantho.gov.vn": (caption, source).
    static func captionAndSource(_ line: String) -> (String, String)? {
        for marker in [" - Nguồn: ", " – Nguồn: ", " (Nguồn: ", "Nguồn: ", "Ảnh: "] {
            guard let r = line.range(of: marker, options: .backwards) else { continue }
            var source = String(line[r.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: " )."))
            if marker == "Ảnh: " { return nil }
            guard !source.isEmpty, source.count < 80, !source.contains(". ") else { return nil }
            if source.hasSuffix(")") { source.removeLast() }
            let caption = String(line[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
            return (caption, source)
        }
        return nil
    }

    /// A last line "Nguồn: baomoi.com" or "(Theo Báo Cần Thơ)".
    static func sourceLine(_ line: String) -> String? {
        let t = line.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("Nguồn:") { return t.dropFirst(6).trimmingCharacters(in: CharacterSet(charactersIn: " .")) }
        if t.hasPrefix("(Theo "), t.hasSuffix(")") { return String(t.dropFirst(6).dropLast()) }
        if t.hasPrefix("Theo "), t.count < 60, !endsSentence(t) { return String(t.dropFirst(5)) }
        return nil
    }

    /// "Bài và ảnh: Nguyễn Văn A", "Tác giả: Lê B" near the top.
    static func topByline(_ line: String) -> String? {
        for prefix in ["Bài và ảnh:", "Bài, ảnh:", "Tin, ảnh:", "Tin và ảnh:", "Tác giả:", "Bài:", "Bài viết:"] where line.hasPrefix(prefix) {
            let name = line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            if !name.isEmpty, name.count < 60 { return name }
        }
        return nil
    }

    /// "Trần Quốc TrungỦy viên Trung ương Đảng, Bí thư Thành ủy Cần Thơ" or "Trần Quốc Trung" alone, or
    /// "Trần Quốc Trung - Bí thư Thành ủy": the name, and the position when there is one.
    static func closingByline(_ line: String) -> (String, String?)? {
        guard line.count < 200, !endsSentence(line) || line.hasSuffix(".") == false else { return nil }
        if endsSentence(line) { return nil }
        // Run together: a lower-case letter directly followed by a capital.
        let chars = Array(line)
        for i in 1..<max(1, chars.count) where chars[i - 1].isLowercase && chars[i].isUppercase {
            let name = String(chars[..<i]), position = String(chars[i...])
            if isPersonName(name), positionWords.contains(where: { position.hasPrefix($0) }) { return (name, position) }
        }
        for sep in [" - ", " – ", ", "] {
            if let r = line.range(of: sep) {
                let name = String(line[..<r.lowerBound]), position = String(line[r.upperBound...])
                if isPersonName(name), positionWords.contains(where: { position.hasPrefix($0) }) { return (name, position) }
            }
        }
        if isPersonName(line) { return (line, nil) }
        return nil
    }

    /// Two to five capitalised words: "Trần Quốc Trung", "Y Khun Niê".
    static func isPersonName(_ s: String) -> Bool {
        let words = s.split(separator: " ")
        guard (2...5).contains(words.count) else { return false }
        return words.allSatisfy { w in w.first?.isUppercase == true && w.allSatisfy { $0.isLetter } }
    }

    /// A section heading: a short line that does not end a sentence and does not start a numbered point.
    static func isHeading(_ line: String) -> Bool {
        guard line.count <= 120, !endsSentence(line), let first = line.first, first.isUppercase || first.isNumber else { return false }
        if line.hasSuffix(",") || line.hasSuffix("”") || line.hasSuffix("\"") || line.hasSuffix(")") { return false }
        if enumeratedLead(line) { return false }
        return line.split(separator: " ").count <= 20
    }

    /// "Một là, …", "Thứ nhất, …": points the author numbered in words.
    static func enumeratedLead(_ line: String) -> Bool {
        let words = ["Một là", "Hai là", "Ba là", "Bốn là", "Năm là", "Sáu là", "Bảy là", "Tám là", "Chín là", "Mười là",
                     "Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Thứ tám", "Thứ chín", "Thứ mười"]
        return words.contains { line.hasPrefix($0 + ",") || line.hasPrefix($0 + ":") }
    }
}
