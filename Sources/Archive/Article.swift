import Vietnamese

/// One article's metadata: everything list pages and the index need. The body is not kept here.
///
/// A large archive holds one per article for the whole build, so what most articles leave out (author, image,
/// locality, documents added by hand, extra keys, warnings) is kept in one optional part of its own: an article
/// without them costs 8 bytes for all of them instead of some 200. It reads and writes as plain properties.
public struct Article: Sendable {
    /// Path as the user sees it, relative to the site: "Content/2017/12/can-tho.md".
    public var path: String
    public var title: String
    public var date: LocalDateTime {
        get { packedDate & Self.packedFlag != 0 ? Self.unpack(packedDate) : rare.first?.date ?? LocalDateTime(year: 1970, month: 1, day: 1) }
        set {
            if let p = Self.pack(newValue) {
                packedDate = p
                setRare(isDefault: true) { $0.date = nil }
            } else {
                packedDate = 0
                setRare(isDefault: false) { $0.date = newValue }
            }
        }
    }
    /// `date` in 8 bytes instead of 64 (`pack`); a date whose fields do not fit is kept in `Rare`.
    private var packedDate: UInt64 = 0
    public var source: String?
    public var tags: [String]
    /// From front matter; the rendered first paragraph is used when absent.
    public var summary: String?
    public var slug: String
    /// Where the body starts in the file.
    public var bodyOffset: Int
    public var bodyLine: Int
    /// Empty, or the one `Rare` this article needs (an array: copied on write like the struct around it).
    private var rare: [Rare] = []
    public var draft: Bool
    /// A draft without a date yet: never built, even with --drafts.
    public var undated = false

    private struct Rare: Sendable {
        var date: LocalDateTime?
        var author: String?
        var authorTitle: String?
        var image: String?
        var imageCaption: String?
        var imageAlt: String?
        var imageWidth: Int?
        var imageHeight: Int?
        var imageLine = 1
        var locality: String?
        var documentsAdded: [(text: String, line: Int)] = []
        var documentsExcluded: [(text: String, line: Int)] = []
        var extra: [String: MetaValue] = [:]
        var warnings: [SiteWarning] = []
    }

    /// Writes a rare field; writing its default where there is no `Rare` yet makes none.
    private mutating func setRare(isDefault: Bool, _ write: (inout Rare) -> Void) {
        if rare.isEmpty {
            if isDefault { return }
            rare = [Rare()]
        }
        write(&rare[0])
    }

    public var author: String? {
        get { rare.first?.author }
        set { setRare(isDefault: newValue == nil) { $0.author = newValue } }
    }
    public var authorTitle: String? {
        get { rare.first?.authorTitle }
        set { setRare(isDefault: newValue == nil) { $0.authorTitle = newValue } }
    }
    public var image: String? {
        get { rare.first?.image }
        set { setRare(isDefault: newValue == nil) { $0.image = newValue } }
    }
    public var imageCaption: String? {
        get { rare.first?.imageCaption }
        set { setRare(isDefault: newValue == nil) { $0.imageCaption = newValue } }
    }
    /// Alternative text of `image` (`image_alt:`); the caption stands for it when absent.
    public var imageAlt: String? {
        get { rare.first?.imageAlt }
        set { setRare(isDefault: newValue == nil) { $0.imageAlt = newValue } }
    }
    /// The image's size in pixels, read from its file by the build when it is the site's (`static/`).
    public var imageWidth: Int? {
        get { rare.first?.imageWidth }
        set { setRare(isDefault: newValue == nil) { $0.imageWidth = newValue } }
    }
    public var imageHeight: Int? {
        get { rare.first?.imageHeight }
        set { setRare(isDefault: newValue == nil) { $0.imageHeight = newValue } }
    }
    /// Line of `image:` in the front matter, for warnings about the image.
    public var imageLine: Int {
        get { rare.first?.imageLine ?? 1 }
        set { setRare(isDefault: newValue == 1) { $0.imageLine = newValue } }
    }
    /// Province or city for the article's local documents.
    public var locality: String? {
        get { rare.first?.locality }
        set { setRare(isDefault: newValue == nil) { $0.locality = newValue } }
    }
    /// Document references added by the editor (`documents:`), with their lines.
    public var documentsAdded: [(text: String, line: Int)] {
        get { rare.first?.documentsAdded ?? [] }
        set { setRare(isDefault: newValue.isEmpty) { $0.documentsAdded = newValue } }
    }
    /// References the editor removed (`documents_exclude:`).
    public var documentsExcluded: [(text: String, line: Int)] {
        get { rare.first?.documentsExcluded ?? [] }
        set { setRare(isDefault: newValue.isEmpty) { $0.documentsExcluded = newValue } }
    }
    /// Keys Bantin does not know, for templates.
    public var extra: [String: MetaValue] {
        get { rare.first?.extra ?? [:] }
        set { setRare(isDefault: newValue.isEmpty) { $0.extra = newValue } }
    }
    /// What reading it changed and the build prints (`--strict` fails on any).
    public var warnings: [SiteWarning] {
        get { rare.first?.warnings ?? [] }
        set { setRare(isDefault: newValue.isEmpty) { $0.warnings = newValue } }
    }

    public init(path: String, title: String, date: LocalDateTime, slug: String) {
        self.path = path; self.title = title; self.slug = slug
        tags = []; draft = false; bodyOffset = 0; bodyLine = 1
        self.date = date
    }

    private static let packedFlag: UInt64 = 1 << 63

    /// Year 16 bits, month 4, day 5, hour 5, minute 6, second 6, offset 18 (biased by 2^17), whether the time was
    /// written 1, and the flag that says the rest is a date; nil when a field does not fit.
    static func pack(_ d: LocalDateTime) -> UInt64? {
        let offset = d.offset + (1 << 17)
        guard (0..<(1 << 16)).contains(d.year), (0..<16).contains(d.month), (0..<32).contains(d.day), (0..<32).contains(d.hour),
              (0..<64).contains(d.minute), (0..<64).contains(d.second), (0..<(1 << 18)).contains(offset) else { return nil }
        var p = UInt64(d.year)
        p = p << 4 | UInt64(d.month)
        p = p << 5 | UInt64(d.day)
        p = p << 5 | UInt64(d.hour)
        p = p << 6 | UInt64(d.minute)
        p = p << 6 | UInt64(d.second)
        p = p << 18 | UInt64(offset)
        p = p << 1 | (d.hasTime ? 1 : 0)
        return p | packedFlag
    }

    static func unpack(_ p: UInt64) -> LocalDateTime {
        func field(_ shift: Int, _ bits: Int) -> Int { Int((p >> UInt64(shift)) & ((1 << UInt64(bits)) - 1)) }
        var d = LocalDateTime(year: field(45, 16), month: field(41, 4), day: field(36, 5), hour: field(31, 5),
                              minute: field(25, 6), second: field(19, 6), offset: field(1, 18) - (1 << 17))
        d.hasTime = p & 1 != 0
        return d
    }
}

extension Article {
    static let known: Set<String> = ["title", "date", "author", "author_title", "source", "tags", "summary", "slug",
                                     "draft", "image", "image_caption", "image_alt", "locality", "documents", "documents_exclude"]

    /// Reads an article's front matter and checks it. `bytes` is the whole file.
    public static func parse(_ bytes: [UInt8], path: String, config: SiteConfig) throws(SiteError) -> Article {
        let fm = try FrontMatter.parse(bytes, path: path)
        func err(_ f: FrontMatter.Field?, _ message: String) -> SiteError {
            SiteError(path: path, line: f?.line ?? 1, column: f?.column ?? 1, message: message)
        }
        func text(_ key: String, required: Bool = false) throws(SiteError) -> String? {
            guard let f = fm.fields[key] else {
                if required { throw err(nil, "the front matter has no “\(key):”; add a line “\(key): …” between the “---” lines") }
                return nil
            }
            switch f.value {
            case .scalar(let s, _):
                let t = Normalization.nfc(s).trimmingSpaces()
                if required && t.isEmpty { throw err(f, "“\(key)” is empty; write the article's \(key)") }
                return t.isEmpty ? nil : t
            case .null:
                if required { throw err(f, "“\(key)” is empty; write the article's \(key)") }
                return nil
            default:
                throw err(f, "“\(key)” must be text, but it is \(f.value.kindName)")
            }
        }
        func list(_ key: String) throws(SiteError) -> [(String, Int)] {
            guard let f = fm.fields[key] else { return [] }
            switch f.value {
            case .null: return []
            case .scalar(let s, _):
                return s.split(separator: ",").map { (Normalization.nfc(String($0)).trimmingSpaces(), f.line) }.filter { !$0.0.isEmpty }
            case .sequence(let items):
                var out: [(String, Int)] = []
                for item in items {
                    guard case .scalar(let s, _) = item else { throw err(f, "every item of “\(key)” must be text") }
                    let t = Normalization.nfc(s).trimmingSpaces()
                    if !t.isEmpty { out.append((t, f.line)) }
                }
                return out
            case .mapping:
                throw err(f, "“\(key)” must be a list such as [Xây dựng Đảng, Cần Thơ]")
            }
        }
        let title = try text("title", required: true)!
        // A draft may wait for its date (an import that found none); it is not built until it has one.
        let isDraft: Bool = {
            if case .scalar(let s, quoted: false)? = fm.fields["draft"]?.value { return s.lowercased() == "true" || s.lowercased() == "yes" }
            return false
        }()
        let date: LocalDateTime
        if let dateText = try text("date", required: !isDraft) {
            do {
                date = try VietnameseDate.parse(dateText, defaultOffset: config.timeZoneOffset)
            } catch {
                throw err(fm.fields["date"], error.message)
            }
        } else {
            date = LocalDateTime(year: 1970, month: 1, day: 1, offset: 0)
        }
        let undated = fm.fields["date"] == nil || (try? text("date")) == nil
        var slugWarning: SiteWarning? = nil
        let givenSlug = try text("slug")
        // A page bundle (`…/slug/index.md`, with its images beside it) is named by its folder, as in Hugo and Zola.
        let folderSlug = bundleName(path).map { Slug.make($0, maxLength: maxSlugBytes) }.flatMap { $0.isEmpty ? nil : $0 }
        var slug = givenSlug.map { Slug.make($0, maxLength: maxSlugBytes) } ?? folderSlug ?? Slug.make(title)
        if let given = givenSlug, !slug.isEmpty, let why = slugProblem(given, made: slug) {
            let f = fm.fields["slug"]
            slugWarning = SiteWarning(path: path, line: f?.line ?? 1, column: f?.column ?? 1,
                                      message: "the slug \(why), so it was changed to “\(slug)”; a slug is letters, digits and hyphens, at most \(maxSlugBytes) bytes: write “slug: \(slug)”")
        } else if givenSlug == nil, let f = fm.fields["slug"] {
            slugWarning = SiteWarning(path: path, line: f.line, column: f.column,
                                      message: "the slug is empty, so the title's “\(slug)” is used; write one or remove the line")
        }
        if slug.isEmpty {
            if let f = fm.fields["slug"] { throw err(f, "the slug has no letters or digits; write one such as “dang-bo-can-tho”") }
            slug = Slug.make(fileStem(path))
        }
        if slug.isEmpty { slug = "bai-viet" }
        var a = Article(path: path, title: title, date: date, slug: slug)
        a.undated = undated
        a.author = try text("author")
        a.authorTitle = try text("author_title")
        a.source = try text("source")
        a.summary = try text("summary")
        a.image = try text("image")
        a.imageCaption = try text("image_caption")
        a.imageAlt = try text("image_alt")
        if a.image != nil {
            let f = fm.fields["image"]
            a.imageLine = f?.line ?? 1
            if a.imageAlt == nil && a.imageCaption == nil {
                a.warnings.append(SiteWarning(path: path, line: f?.line ?? 1, column: f?.column ?? 1,
                                              message: "the image has no alternative text for readers who cannot see it; add “image_alt:” (or “image_caption:”)"))
            }
        }
        a.locality = try text("locality")
        var seen = Set<String>()
        a.tags = try list("tags").map(\.0).filter { seen.insert(Folding.key($0)).inserted }
        for tag in a.tags where Slug.make(tag).isEmpty {
            let f = fm.fields["tags"]
            a.warnings.append(SiteWarning(path: path, line: f?.line ?? 1, column: f?.column ?? 1,
                                          message: "the tag “\(tag)” has no letters or digits, so it gets no page; write it with words or remove it"))
        }
        a.documentsAdded = try list("documents").map { (text: $0.0, line: $0.1) }
        a.documentsExcluded = try list("documents_exclude").map { (text: $0.0, line: $0.1) }
        if let f = fm.fields["draft"] {
            switch f.value {
            case .scalar(let s, quoted: false) where ["true", "false", "yes", "no"].contains(s.lowercased()):
                a.draft = s.lowercased() == "true" || s.lowercased() == "yes"
            case .null: a.draft = false
            default: throw err(f, "“draft” must be true or false")
            }
        }
        for (key, f) in fm.fields where !known.contains(key) {
            switch f.value {
            case .scalar(let s, let quoted):
                if !quoted, s == "true" || s == "false" { a.extra[key] = .flag(s == "true") } else { a.extra[key] = .text(s) }
            case .sequence(let items):
                a.extra[key] = .list(items.compactMap { if case .scalar(let s, _) = $0 { return s } else { return nil } })
            default: break
            }
        }
        a.bodyOffset = fm.bodyOffset
        a.bodyLine = fm.bodyLine
        a.warnings += fm.warnings
        if let slugWarning { a.warnings.append(slugWarning) }
        if let w = bodyControlWarning(bytes, bodyOffset: fm.bodyOffset, path: path) { a.warnings.append(w) }
        return a
    }

    /// Control characters in the body (C0 but tab and line breaks, DEL, C1) are what they are in the front matter:
    /// replaced by spaces (`pageBody`), with a warning at the first (cmark passes all but NUL into the page).
    static func bodyControlWarning(_ bytes: [UInt8], bodyOffset: Int, path: String) -> SiteWarning? {
        guard bodyOffset < bytes.count, let first = FrontMatter.firstControl(bytes[bodyOffset...]) else { return nil }
        let count = FrontMatter.replacingControls(bytes[first...]).1
        var line = 1, column = 1
        for b in bytes[..<first] {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        let what = count == 1 ? "a control character" : "\(count) control characters"
        return SiteWarning(path: path, line: line, column: column,
                           message: "the body has \(what) (the first here), which cannot go into a page; \(count == 1 ? "it was" : "they were") replaced by spaces: delete \(count == 1 ? "it" : "them")")
    }

    /// The body as it is rendered: its control characters replaced by spaces, the one policy for an article's text
    /// (the front matter's are replaced in `FrontMatter.parse`). Returns the body itself when it has none.
    public static func pageBody(_ body: String) -> String {
        var body = body
        let cleaned: [UInt8]? = body.withUTF8 { b in
            FrontMatter.firstControl(b) == nil ? nil : FrontMatter.replacingControls(b).0
        }
        return cleaned.map { String(decoding: $0, as: UTF8.self) } ?? body
    }

    /// Longest slug kept from the front matter; a file name may have 255 bytes, and the URL has more parts.
    static let maxSlugBytes = 200

    /// Why a slug from the front matter cannot be used as written, or nil when making it a slug only folded its
    /// letters, case and spaces (as the README says it does).
    static func slugProblem(_ given: String, made: String) -> String? {
        let bytes = Array(given.utf8)
        if bytes.first == 0x2F || bytes.first == 0x5C || bytes.first == 0x7E { return "“\(given.prefix(60))” is a path" }
        if given.contains("..") { return "contains “..”" }
        for b in bytes {
            switch b {
            case 0x2F, 0x5C: return "contains “\(Character(Unicode.Scalar(b)))”"
            case 0x3C, 0x3E, 0x22, 0x27, 0x26, 0x60: return "contains markup (“\(Character(Unicode.Scalar(b)))”)"
            case 0x3F, 0x23, 0x25, 0x3A: return "contains “\(Character(Unicode.Scalar(b)))”, which has a meaning in URLs"
            case ..<0x20, 0x7F: return "contains a control character"
            default: continue
            }
        }
        if Slug.make(given, maxLength: Int.max).utf8.count > made.utf8.count { return "is longer than \(maxSlugBytes) bytes" }
        return nil
    }

    /// The folder's name when `path` is a page bundle's `index.md` ("Content/2017/12/hoi-nghi/index.md"), not
    /// Content/index.md.
    static func bundleName(_ path: String) -> String? {
        let parts = path.split(separator: "/")
        guard parts.count >= 3, parts.last == "index.md" else { return nil }
        return String(parts[parts.count - 2])
    }

    static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }
}

extension String {
    /// Trims ASCII whitespace and no-break spaces.
    public func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
