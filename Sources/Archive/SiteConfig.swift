import Foundation
import Vietnamese
import Yams

/// site.yml: every key has a default, so a site without the file builds.
public struct SiteConfig: Sendable, Equatable {
    public var title = "Bản tin"
    public var description = ""
    /// Who publishes the archive, for the footer of every page: organisation, postal address, contact (a phone,
    /// an e-mail). Empty when not set.
    public var organisation = "", address = "", contact = ""
    /// Absolute base URL ("https://example.gov.vn/archive/") or a path ("/archive/"); links are made under it.
    public var baseURL = "/" { didSet { basePath = Self.path(of: baseURL) } }
    /// The line of site.yml that set `base_url` (1 when none did), for warnings about it.
    public var baseURLLine = 1
    public var language = "vi"
    /// UTC offset applied to dates written without one.
    public var timeZoneOffset = 7 * 3600
    public var timeZone = "+07:00"
    /// Articles per list page.
    public var pageSize = 20
    /// Article URLs: {year}, {month}, {day} and {slug}.
    public var articleURL = "/{year}/{month}/{slug}/"
    /// Province or city the archive's local documents belong to ("Cần Thơ").
    public var locality: String? = nil
    /// Lets raw HTML and every link scheme in articles through. Off: cmark's safe mode.
    public var allowRawHTML = false
    /// Headings from which an article shows a table of contents.
    public var tocMinHeadings = 3
    /// Write the search index and the search page.
    public var search = true
    /// URLs per sitemap file; the sitemap protocol allows at most 50,000.
    public var sitemapMaxURLs = 50_000

    public init() {}

    /// The base URL's path, always starting and ending with "/": links inside the site start with it. Kept, not
    /// computed on each use: every link of every page starts with it.
    public private(set) var basePath = "/"

    static func path(of baseURL: String) -> String {
        var rest = Substring(baseURL)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        var p = String(rest)
        if !p.hasPrefix("/") { p = "/" + p }
        if !p.hasSuffix("/") { p += "/" }
        return p
    }

    /// "https://host/base/" when base_url names a host (feeds and sitemaps need absolute URLs); nil for a bare path.
    public var absoluteBase: String? {
        guard let scheme = baseURL.range(of: "://") else { return nil }
        let afterScheme = baseURL[scheme.upperBound...]
        let host = afterScheme.prefix { $0 != "/" }
        guard !host.isEmpty else { return nil }
        return String(baseURL[..<scheme.upperBound]) + host + basePath
    }

    /// Why a base_url cannot be used, or nil: it must be an http(s) URL with a host, or a path; nothing that
    /// would end an attribute, start a script or leave the site's own host.
    public static func baseURLProblem(_ url: String) -> String? {
        if url.isEmpty { return "is empty" }
        for b in url.utf8 where b <= 0x20 || b == 0x7F || "\"'<>\\`{}|^".utf8.contains(b) {
            return b <= 0x20 || b == 0x7F ? "contains a space or a control character" : "contains “\(Character(Unicode.Scalar(b)))”"
        }
        if url.contains("?") || url.contains("#") { return "has a query or a fragment" }
        let lower = url.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            let host = url[url.range(of: "://")!.upperBound...].prefix { $0 != "/" }
            return host.isEmpty || host.contains("@") ? "has no host (or a user name in it)" : nil
        }
        if url.hasPrefix("//") { return "starts with “//”, which browsers read as another host" }
        // "javascript:…", "data:…", "mailto:…": a scheme before any slash.
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return "is neither http(s) nor a path" }
        return nil
    }

    /// A BCP 47 tag as sites use them: a language of 2–3 letters (or 4–8 for registered ones), then subtags of 1–8
    /// letters or digits ("vi", "vi-VN", "zh-Hant-TW").
    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...8).contains(first.utf8.count), first.utf8.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { p in
            (1...8).contains(p.utf8.count) && p.utf8.allSatisfy { (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
        }
    }

    /// Reads the site.yml at `file` (shown as `path`): missing gives the defaults; a folder, an unreadable file or
    /// one that is not UTF-8 is an error.
    public static func load(file: String, path: String) throws(SiteError) -> SiteConfig {
        try load(yaml: try SiteFile.read(file, path: path), path: path)
    }

    /// Reads site.yml; a missing file gives the defaults.
    public static func load(yaml: String?, path: String) throws(SiteError) -> SiteConfig {
        var c = SiteConfig()
        guard let yaml, !yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return c }
        if let v = YAMLLimits.check(yaml, what: "site.yml", maxValues: YAMLLimits.smallFile) {
            throw SiteError(path: path, line: v.line, column: v.column, message: v.message)
        }
        let node: Node?
        do { node = try Yams.compose(yaml: yaml, .default, .default, .utf8) } catch let e as YamlError {
            var err = FrontMatter.convert(e, path: path)
            err.line -= 1
            throw err
        } catch {
            throw SiteError(path: path, message: "site.yml is not valid YAML: \(error)")
        }
        guard let node else { return c }
        guard case .mapping(let map) = node else {
            throw SiteError(path: path, message: "site.yml must be a list of “key: value” lines")
        }
        for (k, v) in map {
            guard let key = k.scalar?.string else { continue }
            let line = v.mark?.line ?? 1, col = v.mark?.column ?? 1
            func text() throws(SiteError) -> String {
                guard let s = v.scalar?.string else {
                    throw SiteError(path: path, line: line, column: col, message: "“\(key)” must be text")
                }
                return s
            }
            func int(_ range: ClosedRange<Int>) throws(SiteError) -> Int {
                guard let n = Int(try text()), range.contains(n) else {
                    throw SiteError(path: path, line: line, column: col,
                                    message: "“\(key)” must be a whole number from \(range.lowerBound) to \(range.upperBound)")
                }
                return n
            }
            func bool() throws(SiteError) -> Bool {
                switch try text().lowercased() {
                case "true", "yes", "on": return true
                case "false", "no", "off": return false
                default: throw SiteError(path: path, line: line, column: col, message: "“\(key)” must be true or false")
                }
            }
            switch key {
            case "title": c.title = try text()
            case "description": c.description = try text()
            case "organisation", "organization": c.organisation = try text()
            case "address": c.address = try text()
            case "contact": c.contact = try text()
            case "base_url", "baseURL", "baseurl":
                let url = try text()
                if let why = Self.baseURLProblem(url) {
                    throw SiteError(path: path, line: line, column: col,
                                    message: "base_url “\(url)” \(why); write an http(s) URL such as https://luutru.example.vn/ or a path such as /luu-tru/")
                }
                c.baseURL = url
                c.baseURLLine = line
            case "language":
                let tag = try text()
                guard Self.isLanguageTag(tag) else {
                    throw SiteError(path: path, line: line, column: col,
                                    message: "language “\(tag)” is not a BCP 47 language tag; write one such as vi or vi-VN")
                }
                c.language = tag
            case "timezone", "time_zone":
                let t = try text()
                guard let off = VietnameseDate.parseOffset(t) else {
                    throw SiteError(path: path, line: line, column: col,
                                    message: "time zone “\(t)” is not understood; write an offset such as +07:00")
                }
                c.timeZone = t
                c.timeZoneOffset = off
            case "page_size", "paginate": c.pageSize = try int(1...10_000)
            case "article_url", "permalink":
                let p = try text()
                guard p.contains("{slug}") else {
                    throw SiteError(path: path, line: line, column: col,
                                    message: "article_url must contain {slug}, e.g. /{year}/{month}/{slug}/")
                }
                guard !p.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
                    throw SiteError(path: path, line: line, column: col, message: "article_url may not contain “..” or “.” segments")
                }
                c.articleURL = p
            case "locality", "province": c.locality = try text()
            case "allow_raw_html", "unsafe": c.allowRawHTML = try bool()
            case "toc_min_headings": c.tocMinHeadings = try int(1...100)
            case "sitemap_max_urls": c.sitemapMaxURLs = try int(1...50_000)
            case "search": c.search = try bool()
            default:
                break  // unknown keys are allowed: themes may read them later
            }
        }
        return c
    }
}
