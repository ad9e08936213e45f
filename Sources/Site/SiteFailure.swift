import Archive
import Templating

/// Why a build failed: errors in the site's files, or the file system.
public enum SiteFailure: Error, Sendable, CustomStringConvertible {
    /// Errors in articles, site.yml, documents.yml or templates, each with path:line:col.
    case content([SiteError])
    /// Reading or writing files failed.
    case io(String)
    /// Something wrong with one file or folder as a whole (no line to point at): "path: error: message".
    case file(String, String)

    public var description: String {
        switch self {
        case .content(let errors): return errors.map(\.description).joined(separator: "\n")
        case .io(let message): return "error: \(message)"
        case .file(let path, let message): return "\(path): error: \(message)"
        }
    }

    static func from(_ e: TemplateError) -> SiteFailure {
        .content([SiteError(path: e.path, line: e.line, column: e.column, message: e.message)])
    }
}
