import Foundation
import Mustache

/// A template that failed to compile, with its position.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let column: Int
    public let message: String
    public var description: String { "\(path):\(line):\(column): error: \(message)" }
}

/// The theme: Mustache templates compiled once, plus the assets copied to the output.
///
/// The default theme is built into the binary; a site's own Templates/ overrides it file by file.
public struct Theme: Sendable {
    let library: MustacheLibrary
    /// Files under assets/, by path relative to Templates/ ("assets/style.css").
    public let assets: [String: [UInt8]]
    /// Which templates came from the site rather than the default theme.
    public let overridden: Set<String>

    /// Every template name a build renders; a site's template must keep these names.
    public static let pageTemplates = ["layout", "article", "list", "document", "documents", "tags", "archives", "404",
                                       "redirect"]

    /// The default theme's files as shipped (path → bytes).
    public static var defaultFiles: [String: [UInt8]] {
        DefaultTheme.files.mapValues { [UInt8](Data(base64Encoded: $0) ?? Data()) }
    }

    /// Loads the default theme, with the files of `overrideDirectory` (a site's Templates/) taking precedence.
    /// `displayPrefix` is how paths are shown in errors ("Templates/").
    public static func load(overrideDirectory: String?, displayPrefix: String = "Templates/") throws(TemplateError) -> Theme {
        var files = defaultFiles
        var overridden = Set<String>()
        if let dir = overrideDirectory {
            for (rel, bytes) in readTree(dir) {
                files[rel] = bytes
                overridden.insert(rel)
            }
        }
        FastHTML.register()
        var library = MustacheLibrary()
        var assets: [String: [UInt8]] = [:]
        for (rel, bytes) in files.sorted(by: { $0.key < $1.key }) {
            if rel.hasPrefix("assets/") {
                assets[rel] = bytes
                continue
            }
            guard rel.hasSuffix(".mustache") else { continue }
            var name = String(rel.dropLast(".mustache".count))
            if name.hasPrefix("partials/") { name = String(name.dropFirst("partials/".count)) }
            // Every template and partial starts with the pragma: swift-mustache resets the content type per partial.
            let text = FastHTML.pragma + String(decoding: bytes, as: UTF8.self)
            do {
                try library.register(text, named: name)
            } catch let e as MustacheTemplate.ParserError {
                let column = e.context.lineNumber == 1 ? max(1, e.context.columnNumber - FastHTML.pragma.count) : e.context.columnNumber
                throw TemplateError(path: displayPrefix + rel, line: e.context.lineNumber, column: column,
                                    message: "the template does not compile (\(e.error)); check that every {{#section}} has its {{/section}}")
            } catch {
                throw TemplateError(path: displayPrefix + rel, line: 1, column: 1, message: "the template does not compile: \(error)")
            }
        }
        for name in pageTemplates where library.getTemplate(named: name) == nil {
            throw TemplateError(path: displayPrefix + name + ".mustache", line: 1, column: 1,
                                message: "the theme has no “\(name)” template; add it or remove the override")
        }
        return Theme(library: library, assets: assets, overridden: overridden)
    }

    /// Renders a page template with a context of dictionaries, arrays, strings, numbers and booleans.
    public func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(ContextNode.wrap(context), withTemplate: name) ?? ""
    }

    /// Every regular file below `dir`, by relative path; hidden files skipped.
    static func readTree(_ dir: String) -> [(String, [UInt8])] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue,
              let walker = fm.enumerator(atPath: dir) else { return [] }
        var out: [(String, [UInt8])] = []
        while let rel = walker.nextObject() as? String {
            let name = rel.split(separator: "/").last.map(String.init) ?? rel
            if name.hasPrefix(".") { continue }
            let full = dir + "/" + rel
            guard fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue,
                  let data = fm.contents(atPath: full) else { continue }
            out.append((rel, [UInt8](data)))
        }
        return out.sorted { $0.0 < $1.0 }
    }
}

/// HTML escaping over UTF-8 bytes: the library's own escaper walks `Character`s through a dictionary, which made it
/// the largest single cost of a build. Same output: & < > " ' become entities.
struct FastHTML: MustacheContentType {
    static let name = "BANTIN_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"

    static func register() { MustacheContentTypes.register(FastHTML(), named: name) }

    func escapeText(_ text: String) -> String { FastHTML.escape(text) }

    static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            var first = -1
            for (i, c) in bytes.enumerated() where c == 0x26 || c == 0x3C || c == 0x3E || c == 0x22 || c == 0x27 {
                first = i
                break
            }
            if first < 0 { return String(decoding: bytes, as: UTF8.self) }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: bytes[..<first])
            for c in bytes[first...] {
                switch c {
                case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
                case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
                case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
                case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
                case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
                default: out.append(c)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

/// A context dictionary as one concrete, non-generic type: swift-mustache looks every name up through dynamic
/// casts of `Any`, and a cast of a plain struct is answered from the conformance cache much faster than one of
/// `Dictionary<String, Any>`.
struct ContextNode: MustacheParent {
    let values: [String: Any]

    func child(named name: String) -> Any? { values[name] }

    static func wrap(_ value: Any) -> Any {
        switch value {
        case let s as String: return Text(renderText: s)
        case let n as Int: return Text(renderText: String(n))
        case let d as [String: Any]: return ContextNode(values: d.mapValues(wrap))
        case let a as [[String: Any]]: return a.map { ContextNode(values: $0.mapValues(wrap)) }
        case let a as [String]: return a.map { Text(renderText: $0) }
        default: return value
        }
    }
}

/// A value as text: swift-mustache renders it through `renderText` instead of `String(describing:)`, which walks
/// several protocol conformances for every variable.
struct Text: MustacheCustomRenderable {
    let renderText: String
    var isNull: Bool { false }
}
