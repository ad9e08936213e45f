import Archive
import Escaping
import FileIO
import Markup

/// The files an article links to — images, PDF attachments — found at load time, and where they go.
///
/// Where a file is published (the README's “Images” section):
/// - a **page bundle** (`Content/…/slug/index.md`) has every file of its folder, and below, copied next to its
///   page (`/2017/12/slug/anh-1.jpg`); its own links to them stay relative (`anh-1.jpg`), so they hold wherever
///   the page ends up (a duplicate slug moves it to `slug-2/`, its files with it);
/// - any other file of `Content/` an article links to is copied once, at its path under `Content/`
///   (`Content/2017/12/anh/x.jpg` → `/2017/12/anh/x.jpg`), and linked from the base path, so the link works from
///   any page, feed or base URL;
/// - an address from the site's root (`/anh/x.jpg`) is a file of `static/`, linked under the base path.
/// Nothing outside `Content/` and `static/` is read, a symbolic link out of them is not followed, and a hidden
/// file is not published: each is a warning at the link.
struct ArticleFiles {
    let siteDirectory: String
    /// The article's folder, site-relative with a slash: "Content/2017/12/".
    let folder: String
    /// The folder when the article is a page bundle (`index.md`), whose files are published next to its page.
    let bundle: String?
    let basePath: String
    /// Site-relative paths the page depends on, found or not (a file added later must reload the article).
    private(set) var files: Set<String> = []
    /// Body warnings: line in the body, byte column in that line, message.
    private(set) var warnings: [(line: Int, byteColumn: Int, message: String)] = []
    /// `Content/` and `static/` with their links resolved, found once per article when first needed.
    private var realRoots: [Bool: String?] = [:]

    init(siteDirectory: String, articlePath: String, basePath: String) {
        self.siteDirectory = siteDirectory
        let cut = articlePath.utf8.lastIndex(of: 0x2F).map { articlePath.utf8.index(after: $0) } ?? articlePath.startIndex
        folder = String(articlePath[..<cut])
        bundle = Self.bundleFolder(of: articlePath)
        self.basePath = basePath
    }

    /// The folder of a page bundle, "Content/2017/12/slug/", when `path` is one's `index.md` (not Content/index.md).
    static func bundleFolder(of path: String) -> String? {
        guard path.hasSuffix("/index.md"), path.utf8.count > "Content/".utf8.count + "index.md".utf8.count else { return nil }
        return String(path.dropLast("index.md".count))
    }

    enum Outcome: Equatable {
        /// Not a file of the site (another site's address, an anchor, an article, a folder, a page): as written.
        case elsewhere
        /// A file of the site (site-relative path), with the query or fragment written after it.
        case file(String, suffix: String)
        /// A file of the site that is not there.
        case missing(String)
        /// Not followed, and why.
        case refused(String)
    }

    /// Where an address written in the article leads.
    mutating func locate(_ written: String) -> Outcome {
        let b = Array(written.utf8)
        guard let first = b.first, first != 0x23, first != 0x3F else { return .elsewhere }  // "#…", "?…"
        if b.count >= 2, b[0] == 0x2F, b[1] == 0x2F { return .elsewhere }  // "//host/…"
        // A scheme: a letter, then letters, digits, "+", "-", "." up to ":".
        if Self.isLetter(first) {
            var i = 1
            while i < b.count, Self.isLetter(b[i]) || (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == 0x2B || b[i] == 0x2D || b[i] == 0x2E { i += 1 }
            if i < b.count, b[i] == 0x3A { return .elsewhere }
        }
        let cut = b.firstIndex { $0 == 0x3F || $0 == 0x23 } ?? b.count
        let suffix = String(decoding: b[cut...], as: UTF8.self)
        guard let path = Self.percentDecoded(b[..<cut]) else { return .refused("is not a path Bantin can read (its %-escapes are not UTF-8)") }
        guard !path.contains("\\") else { return .refused("contains “\\”; write “/” between folders") }
        // A folder or a page ("../2018/01/bai/"), and links between articles: not files to copy.
        if path.isEmpty || path.hasSuffix("/") || path.hasSuffix(".md") { return .elsewhere }
        let rooted = path.hasPrefix("/")
        guard let normal = Self.normalise((rooted ? "static" : String(folder.dropLast())) + "/" + path, root: rooted ? "static" : "Content") else {
            return .refused(rooted ? "leads out of the site's static/ folder" : "leads out of Content/, and Bantin copies only files under Content/; move the file into Content/ beside the article")
        }
        if !rooted, normal.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            return .refused("is a hidden file, which Bantin does not publish; rename it without the leading “.”")
        }
        let full = siteDirectory + "/" + normal
        switch FileIO.kind(full) {
        case nil: return .missing(normal)
        case .folder?: return .elsewhere
        case .other?, .link?: return .refused("is not a regular file")
        case .file?:
            if realRoots[rooted] == nil { realRoots[rooted] = .some(FileIO.realPath(siteDirectory + (rooted ? "/static" : "/Content"))) }
            guard let real = FileIO.realPath(full), let inside = realRoots[rooted]!, real.hasPrefix(inside + "/") else {
                return .refused("is a symbolic link to a file outside \(rooted ? "static/" : "Content/"), which Bantin does not follow")
            }
            return .file(normal, suffix: suffix)
        }
    }

    /// The address to write for a file of the site: beside the page for a bundle's own files, else from the site's
    /// root, under `base` (the base path in a body; "/" for `image:`, which the page puts under the base path).
    func address(of path: String, suffix: String, base: String) -> String {
        let published: Substring
        if let bundle, path.hasPrefix(bundle) {
            return Self.literal(path.dropFirst(bundle.utf8.count)) + suffix
        } else if path.hasPrefix("static/") {
            published = path.dropFirst("static/".count)
        } else {
            published = path.dropFirst("Content/".count)
        }
        return base + Self.literal(published) + suffix
    }

    /// A file's name as an address: a `%`, `?` or `#` in it is written encoded, so it is not read as an escape, a
    /// query or a fragment (the rest is encoded where the address is printed).
    static func literal(_ name: Substring) -> String {
        guard name.utf8.contains(where: { $0 == 0x25 || $0 == 0x3F || $0 == 0x23 }) else { return String(name) }
        var out = ""
        for c in name.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "?": out += "%3F"
            case "#": out += "%23"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The body's destinations: files of the site get their published address and, for images, their size;
    /// a missing file, a refused address and an image without alternative text are warnings.
    mutating func rewrite(_ d: Destination) -> DestinationRewrite? {
        func warn(_ message: String) { warnings.append((d.line, d.byteColumn, message)) }
        let image = d.kind == .image
        if image, d.text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            warn("the image has no alternative text for readers who cannot see it; write it between the brackets: ![Toàn cảnh hội nghị](\(d.url))")
        }
        switch locate(d.url) {
        case .elsewhere: return nil
        case .refused(let why):
            warn("the \(image ? "image" : "link") “\(d.url)” \(why)")
            return nil
        case .missing(let path):
            // A path from the site's root that static/ lacks may be a page ("/2017/12/bai"): only an image must be there.
            guard image || path.hasPrefix("Content/") else { return nil }
            files.insert(path)
            warn("the \(image ? "image" : "file") \(path) does not exist; add the file or correct the address “\(d.url)”")
            return nil
        case .file(let path, let suffix):
            files.insert(path)
            let size = image ? ImageSize.of(file: siteDirectory + "/" + path) : nil
            return DestinationRewrite(url: address(of: path, suffix: suffix, base: basePath), width: size?.width, height: size?.height)
        }
    }

    /// The front matter's `image:`: a file of static/ (from the site's root) or beside the article. Its size is read;
    /// the address becomes the published one (from the site's root, or beside a bundle's page). Another site's
    /// image is left as it is.
    mutating func leadImage(_ meta: inout Article) {
        guard let image = meta.image else { return }
        func warn(_ message: String) { meta.warnings.append(SiteWarning(path: meta.path, line: meta.imageLine, message: message)) }
        switch locate(image) {
        case .elsewhere: return
        case .refused(let why): warn("the image “\(image)” \(why)")
        case .missing(let path):
            files.insert(path)
            warn("the image \(path) does not exist; add the file or correct “image:”")
        case .file(let path, let suffix):
            files.insert(path)
            if !path.hasPrefix("static/") { meta.image = address(of: path, suffix: suffix, base: "/") }
            guard let size = ImageSize.of(file: siteDirectory + "/" + path) else {
                warn("the image \(path) is not a PNG, JPEG, GIF, WebP or SVG file Bantin can read the size of")
                return
            }
            meta.imageWidth = size.width
            meta.imageHeight = size.height
        }
    }

    /// A fingerprint of what the files are now (each one's stamp, or its absence): when it differs from the one
    /// taken at load, the article is read again (a new size, a file added or removed).
    static func state(of files: [String], siteDirectory: String) -> UInt64 {
        guard !files.isEmpty else { return 0 }
        var f = Fingerprint()
        for path in files {
            f.add(path)
            if let s = FileStamp.of(siteDirectory + "/" + path) {
                f.add(s.size); f.add(s.seconds); f.add(s.nanoseconds); f.add(Int(truncatingIfNeeded: s.inode))
            } else {
                f.add(-1)
            }
        }
        return f.value | 1  // never 0, which means "no files"
    }

    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    /// `%XX` decoded (a `%` not followed by two hex digits stays); nil when the result is not UTF-8 or holds NUL.
    static func percentDecoded(_ b: ArraySlice<UInt8>) -> String? {
        guard b.contains(0x25) else { return String(validating: b, as: UTF8.self) }
        let out = Escape.percentDecoded(b)
        guard !out.contains(0) else { return nil }
        return String(validating: out, as: UTF8.self)
    }

    /// `path` with "." and ".." segments resolved and empty ones dropped; nil when it climbs out of `root`, its
    /// first segment.
    static func normalise(_ path: String, root: String) -> String? {
        var parts: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                guard parts.count > 1 else { return nil }
                parts.removeLast()
            } else {
                parts.append(segment)
            }
        }
        guard parts.first.map(String.init) == root, parts.count > 1 else { return nil }
        return parts.joined(separator: "/")
    }
}
