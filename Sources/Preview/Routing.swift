import FileIO
import Foundation

/// What a request path maps to in the served folder.
public enum Route: Equatable, Sendable {
    /// A file inside the folder (absolute path, symlinks resolved).
    case file(String)
    /// A folder asked for without its final slash, or the site's base path without it.
    case redirect(String)
    case notFound
    /// A path that tries to leave the folder or cannot be a file name.
    case badRequest
}

/// Maps raw, percent-encoded request paths to files of the served folder. Nothing outside the folder is ever
/// reachable: "..", encoded dots and slashes, backslashes, NUL and symlinks that point out are refused.
public struct Router: Sendable {
    /// The served folder, symlinks resolved.
    public let root: String
    /// The site's base path ("/" or "/archive/"): URLs under it map to the folder.
    public let basePath: String

    public init(root: String, basePath: String) {
        self.root = Router.realPath(root) ?? root
        self.basePath = basePath.hasSuffix("/") ? basePath : basePath + "/"
    }

    static func realPath(_ path: String) -> String? { FileIO.realPath(path) }

    public func route(_ rawPath: String) -> Route {
        guard rawPath.hasPrefix("/") else { return .badRequest }
        let lower = rawPath.lowercased()
        // An encoded slash or backslash would let one segment carry a path of its own.
        if rawPath.contains("\\") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") { return .badRequest }
        guard let decoded = rawPath.removingPercentEncoding, !decoded.contains("\0"), !decoded.contains("\\") else { return .badRequest }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0 == "." || $0 == ".." }) { return .badRequest }
        if decoded + "/" == basePath { return .redirect(rawPath + "/") }
        guard decoded.hasPrefix(basePath) else { return .notFound }
        let relative = String(decoded.dropFirst(basePath.count))
        if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { return .notFound }
        let candidate = relative.isEmpty ? root : root + "/" + relative
        guard let real = Router.realPath(candidate), real == root || real.hasPrefix(root + "/") else { return .notFound }
        guard let kind = FileIO.kind(real) else { return .notFound }
        if kind == .folder {
            guard decoded.hasSuffix("/") else { return .redirect(rawPath + "/") }
            let index = real + "/index.html"
            guard let realIndex = Router.realPath(index), realIndex.hasPrefix(root + "/") else { return .notFound }
            return .file(realIndex)
        }
        guard kind == .file, !decoded.hasSuffix("/") else { return .notFound }
        return .file(real)
    }

    /// Content-Type by extension; text types say their charset.
    public static func contentType(_ path: String) -> String {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "xml": return path.hasSuffix("atom.xml") ? "application/atom+xml; charset=utf-8" : "application/xml; charset=utf-8"
        case "svg": return "image/svg+xml; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "webp": return "image/webp"
        case "gif": return "image/gif"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}
