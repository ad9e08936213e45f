import Foundation
import Vietnamese

/// What the importer made of one scraped page.
public struct ImportedArticle: Sendable, Equatable {
    public var title: String?
    /// Publication date and time as found ("13/12/2017 8:8'" → 2017-12-13 08:08).
    public var date: LocalDateTime?
    /// The date the page was captured ("Hôm nay, Thứ Hai, ngày 13/3/2017"), kept apart from publication.
    public var captured: LocalDateTime?
    public var author: String?
    public var authorTitle: String?
    /// The site or agency named as the source ("bantuyengiao.cantho.gov.vn", "TTXVN").
    public var source: String?
    public var imageCaption: String?
    /// The article's text in order.
    public var blocks: [Block]
    /// Site chrome that was dropped, line by line, with the reason, in page order.
    public var dropped: [DroppedLine]
    /// What could not be decided; the article becomes a draft when this is not empty.
    public var problems: [String]
    /// Fields taken with some doubt, for an editor to check (two competing dates, a title found by elimination).
    public var notes: [String] = []

    public enum Block: Sendable, Equatable {
        case heading(String)
        case paragraph(String)
        /// A photo caption inside the text, written as an italic line.
        case caption(String)
    }

    public var isDraft: Bool { !problems.isEmpty }
}

public struct DroppedLine: Sendable, Equatable, CustomStringConvertible {
    public var line: String
    public var reason: String
    public var description: String { "“\(line)” (\(reason))" }
}

/// Reads a scraped page as a page model: header chrome (banner, menus, breadcrumbs, the capture date), the headline,
/// the lines about the article (date, byline, caption), the article, its sign-off, and footer chrome.
///
/// Chrome is known by two kinds of evidence: its own shape (a share bar, a counter, a copyright line, a menu of known
/// entries, a breadcrumb), and, when the page comes with others from the same folder, repetition: a short line found
/// on several pages of one site is the site's. Lines are either kept whole, read as a field, or dropped and listed
/// with the reason; nothing is rewritten.
public enum ReportReader {
    /// Reads a page given as text (BOM, CRLF and NFD are handled here).
    public static func read(_ text: String, evidence: SiteEvidence? = nil) -> ImportedArticle {
        read(Page(utf8: Array(text.utf8)), evidence: evidence)
    }

    enum Position { case aboveHeadline, afterHeadline, end }

    static func read(_ page: Page, evidence folder: SiteEvidence?) -> ImportedArticle {
        let lines = page.lines
        var r = ImportedArticle(blocks: [], dropped: [], problems: [])
        var evidence = folder
        if let e = folder, e.sharesText(page) {
            evidence = nil
            r.notes.append("shares paragraphs with another page of the folder (the same article twice?): read without the folder's evidence")
        }
        var dropped: [(Int, DroppedLine)] = []
        var dates: [(found: FoundDate, position: Position, index: Int)] = []
        func drop(_ k: Int, _ reason: String) { dropped.append((k, DroppedLine(line: lines[k].text, reason: reason))) }
        func repeated(_ k: Int) -> Int {
            guard let e = evidence, !Shapes.isBodyText(lines[k].text, words: lines[k].words) else { return 1 }
            return e.pages(with: lines[k], exactly: Shapes.isHeadlineLike(lines[k].text, words: lines[k].words))
        }
        // A site prints several lines on every page (banner, menu, footer); one repeated line alone is more likely a
        // headline used twice than the site's chrome.
        if evidence != nil, lines.indices.lazy.filter({ repeated($0) >= 2 }).prefix(2).count < 2 { evidence = nil }
        func date(_ k: Int, _ position: Position) -> Bool {
            guard let d = DateFinder.find(lines[k].text) else { return false }
            dates.append((d, position, k))
            if !d.rest.isEmpty { dropped.append((k, DroppedLine(line: d.rest, reason: "buttons run into the date line"))) }
            return true
        }
        func headlineLike(_ k: Int) -> Bool {
            Shapes.isHeadlineLike(lines[k].text, words: lines[k].words) && !Shapes.isBodyText(lines[k].text, words: lines[k].words)
                && Shapes.topByline(lines[k].text) == nil && Shapes.caption(lines[k].text) == nil && Shapes.credit(lines[k].text) == nil
        }

        // 1. Header chrome, up to the headline: the first line that reads as a headline and is not the site's.
        var i = 0
        var headline: Int? = nil
        var fallback: Int? = nil
        while i < lines.count {
            let l = lines[i]
            if date(i, .aboveHeadline) { i += 1; continue }
            if let why = Shapes.chromeReason(l.text, words: l.words) { drop(i, why); i += 1; continue }
            let n = repeated(i)
            if n >= 2 {
                drop(i, "repeated on \(n) pages of this folder")
                if headlineLike(i), fallback == nil { fallback = i }
                i += 1
                continue
            }
            if Shapes.isBodyText(l.text, words: l.words) {
                // A headline may end like a sentence ("… thu tiền vé."): the first line of the text, short and
                // followed by more text, is taken as the headline when nothing above could be one.
                if fallback == nil, l.words <= 40, l.text.utf8.count <= 300, i + 1 < lines.count {
                    headline = i
                    r.notes.append("title “\(l.text)” ends like a sentence; taken as the headline because it opens the page, check it")
                    i += 1
                }
                break
            }
            if headlineLike(i) {
                // A banner or a section name is followed by the headline; the headline by the text.
                if Shapes.isBannerLike(l.text, words: l.words, first: i == 0), let j = nextCandidate(after: i, lines, evidence), headlineLike(j) {
                    drop(i, "a banner or section name above the headline")
                    if fallback == nil { fallback = i }
                    i += 1
                    continue
                }
                headline = i
                i += 1
                break
            }
            if Shapes.topByline(l.text) != nil || Shapes.caption(l.text) != nil || Shapes.credit(l.text) != nil { break }
            drop(i, "a short line above the headline")
            if fallback == nil { fallback = i }
            i += 1
        }
        if let h = headline {
            var title = lines[h].text
            // A headline wrapped onto a second line goes on in lower case.
            if i < lines.count, let first = lines[i].text.first, first.isLowercase, lines[i].words <= 20,
               !Shapes.endsSentence(lines[i].text) || lines[i].text.hasSuffix("?"), !lines[i].text.contains(". ") {
                title += " " + lines[i].text
                i += 1
            }
            r.title = title
        } else if let f = fallback {
            r.title = lines[f].text
            dropped.removeAll { $0.0 == f }
            r.notes.append("title “\(lines[f].text)” taken by elimination: no line below the site's header reads as a headline; check it")
        } else {
            r.problems.append("no title found")
        }

        // The footer: from the first "Các tin khác", "Tin liên quan" … to the end.
        var end = lines.count
        if let f = (i..<lines.count).first(where: { Shapes.isFooterStart(lines[$0].text) }) {
            end = f
            for k in f..<lines.count { drop(k, k == f ? "the footer starts here" : "footer, after “\(lines[f].text)”") }
        }

        // 2. Lines about the article, between the headline and the text.
        while i < end {
            let l = lines[i]
            if date(i, .afterHeadline) { i += 1; continue }
            if r.author == nil, let a = Shapes.topByline(l.text) { r.author = a; i += 1; continue }
            if r.source == nil, let (c, s) = Shapes.captionAndSource(l.text) {
                if !c.isEmpty, r.imageCaption == nil { r.imageCaption = c }
                r.source = s
                i += 1
                continue
            }
            if r.imageCaption == nil, let c = Shapes.caption(l.text) { r.imageCaption = c; i += 1; continue }
            if let c = Shapes.credit(l.text), (c.author == nil || r.author == nil), (c.source == nil || r.source == nil) {
                if let a = c.author { r.author = a }
                if let s = c.source { r.source = s }
                i += 1
                continue
            }
            if r.source == nil, let s = Shapes.sourceLine(l.text) { r.source = s; i += 1; continue }
            if let why = Shapes.chromeReason(l.text, words: l.words) { drop(i, why); i += 1; continue }
            // Below the headline a repeated line goes only when it is short: a lead shared by the parts of a series stays.
            let n = l.words <= 10 ? repeated(i) : 1
            if n >= 2 { drop(i, "repeated on \(n) pages of this folder"); i += 1; continue }
            // A name alone under the headline, before the text.
            if r.author == nil, Shapes.isPersonName(l.text), i + 1 < end, Shapes.isBodyText(lines[i + 1].text, words: lines[i + 1].words) {
                r.author = l.text
                i += 1
                continue
            }
            break
        }
        let bodyStart = i

        // 3. The sign-off and the footer chrome after it, from the end back.
        var j = end
        var signedOff = false
        while j > bodyStart {
            let k = j - 1
            let l = lines[k]
            if r.source == nil, let s = Shapes.sourceLine(l.text) { r.source = s; j -= 1; continue }
            if let c = Shapes.credit(l.text), (c.author == nil || r.author == nil), (c.source == nil || r.source == nil) {
                if let a = c.author { r.author = a }
                if let s = c.source { r.source = s }
                j -= 1
                continue
            }
            if !signedOff {
                // A name, then the position on the next line; or a name alone, or run into the position.
                var signOff: (name: String, position: String?, lines: Int)? = nil
                if Shapes.isPosition(l.text), k - 1 >= bodyStart, Shapes.isPersonName(lines[k - 1].text) {
                    signOff = (lines[k - 1].text, l.text, 2)
                } else if let (name, position) = Shapes.closingByline(l.text) {
                    signOff = (name, position, 1)
                }
                if let s = signOff {
                    if let a = r.author, a != s.name {
                        // Two names: the byline's and the sign-off's. The sign-off stays in the text for the editor.
                        r.notes.append("the sign-off “\(lines[(j - s.lines)..<j].map(\.text).joined(separator: ", "))” differs from the byline “\(a)”; kept in the text")
                        break
                    }
                    r.author = s.name
                    if let p = s.position { r.authorTitle = p }
                    signedOff = true
                    j -= s.lines
                    continue
                }
            }
            if date(k, .end) { j -= 1; continue }
            if let why = Shapes.chromeReason(l.text, words: l.words) { drop(k, why); j -= 1; continue }
            if Shapes.isSiteName(l.text, words: l.words) { drop(k, "the site's name at the foot of the page"); j -= 1; continue }
            // At the foot of the page a longer line goes too when many pages of the folder end with it.
            var n = l.words <= 10 ? repeated(k) : 1
            if n < 2, l.words <= 30, repeated(k) >= 3 { n = repeated(k) }
            if n >= 2 { drop(k, "repeated on \(n) pages of this folder"); j -= 1; continue }
            break
        }

        // 4. The article. Inside it only unmistakable chrome goes (buttons, counters, keyword lists, copyright), never
        // a line for being short or repeated: the text is the article's.
        var body: [(Int, Line)] = []
        for k in bodyStart..<max(bodyStart, j) {
            let l = lines[k]
            if let why = Shapes.chromeReason(l.text, words: l.words, inArticle: true) { drop(k, why); continue }
            body.append((k, l))
        }
        for (n, (_, l)) in body.enumerated() {
            if let c = Shapes.caption(l.text) {
                r.blocks.append(.caption(c))
            } else if n + 1 < body.count, Shapes.isHeading(l.text, words: l.words), Shapes.caption(body[n + 1].1.text) == nil {
                r.blocks.append(.heading(l.text))
            } else {
                r.blocks.append(.paragraph(l.text))
            }
        }
        if !r.blocks.contains(where: { if case .paragraph = $0 { return true } else { return false } }) {
            r.problems.append("no article text found")
        }
        resolveDates(dates, into: &r)
        r.dropped = dropped.sorted { $0.0 < $1.0 }.map(\.1)
        return r
    }

    /// The next line below `i` that is not chrome, a date or repeated across the folder.
    static func nextCandidate(after i: Int, _ lines: [Line], _ evidence: SiteEvidence?) -> Int? {
        var k = i + 1
        while k < lines.count {
            let l = lines[k]
            if DateFinder.find(l.text) != nil || Shapes.chromeReason(l.text, words: l.words) != nil
                || (evidence.map { $0.pages(with: l) >= 2 } ?? false) {
                k += 1
                continue
            }
            return k
        }
        return nil
    }

    /// Publication and capture dates from the dates found, by label first and position second.
    static func resolveDates(_ dates: [(found: FoundDate, position: Position, index: Int)], into r: inout ImportedArticle) {
        func text(_ d: FoundDate) -> String {
            VietnameseDate.short(d.date) + (d.hasTime ? " " + VietnameseDate.time(d.date) : "")
        }
        var publication: (FoundDate, String)? = nil
        var capture: (FoundDate, String)? = nil
        for d in dates { if case .capture(let w) = d.found.label, capture == nil { capture = (d.found, "labelled “\(w)”") } }
        let order: [Position] = [.afterHeadline, .aboveHeadline, .end]
        outer: for p in order {
            for d in dates where d.position == p { if case .publication(let w) = d.found.label { publication = (d.found, "labelled “\(w)”"); break outer } }
        }
        if publication == nil, let d = dates.first(where: { $0.position == .afterHeadline && $0.found.label == .none }) {
            publication = (d.found, "the first date below the headline")
        }
        if publication == nil, let d = dates.first(where: { $0.position == .aboveHeadline && $0.found.label == .none && $0.found.hasTime }) {
            publication = (d.found, "above the headline with a time of day")
        }
        if publication == nil, let d = dates.first(where: { $0.position == .end && $0.found.label == .none }) {
            publication = (d.found, "the only date, at the end of the page")
            r.notes.append("publication date \(text(d.found)) taken from the end of the page; check it")
        }
        if capture == nil, let d = dates.first(where: { $0.position == .aboveHeadline && $0.found.label == .none && $0.found != publication?.0 }) {
            if publication == nil {
                publication = (d.found, "the only date")
                r.problems.append("only one date, at the top of the page; taken as the publication date, check it")
            } else {
                capture = (d.found, "a date without time above the headline, where sites print the day the page was read")
            }
        }
        r.date = publication?.0.date
        r.captured = capture?.0.date
        if let (p, why) = publication, let (c, cwhy) = capture, p.date != c.date {
            r.notes.append("two dates: \(text(p)) taken as the publication date (\(why)); \(text(c)) as the capture date (\(cwhy))")
        }
        if publication == nil {
            r.problems.append(capture == nil ? "no publication date found"
                : "no publication date found; the only date, \(text(capture!.0)), is the day the page was captured")
        }
    }
}
