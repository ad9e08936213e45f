/// One error a person can act on: where (path:line:col), in which stage, what is wrong and how to fix it.
public struct SiteError: Error, Sendable, CustomStringConvertible, Equatable {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(path: String, line: Int = 1, column: Int = 1, message: String) {
        self.path = path; self.line = max(1, line); self.column = max(1, column); self.message = message
    }

    /// "Content/2017/12/x.md:3:8: error: …", the form compilers use, so editors can jump to it.
    public var description: String { "\(path):\(line):\(column): error: \(message)" }
}

/// Several errors found in one build; the build reports them all, not only the first.
public struct SiteErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [SiteError]
    public init(_ errors: [SiteError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Something a person should fix that does not stop the build: "Content/x.md:3:8: warning: …" with what to do.
/// `bantin build --strict` fails on any.
public struct SiteWarning: Sendable, CustomStringConvertible, Equatable {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(path: String, line: Int = 1, column: Int = 1, message: String) {
        self.path = path; self.line = max(1, line); self.column = max(1, column); self.message = message
    }

    public var description: String { "\(path):\(line):\(column): warning: \(message)" }
}
