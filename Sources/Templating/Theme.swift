import Foundation

/// A template that failed to compile, with its position.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let column: Int
    public let message: String
    public var description: String { "\(path):\(line):\(column): error: \(message)" }
}

/// The theme: Mustache templates compiled once (see `CompiledTemplate`), plus the assets copied to the output.
///
/// The default theme is built into the binary; a site's own Templates/ overrides it file by file.
public struct Theme: Sendable {
    let templates: [String: CompiledTemplate]
    /// The text of every template by name, as loaded (for tools and tests).
    public let sources: [String: String]
    /// Files under assets/, by path relative to Templates/ ("assets/style.css").
    public let assets: [String: [UInt8]]
    /// Which templates came from the site rather than the default theme.
    public let overridden: Set<String>

    /// Every template name a build renders; a site's template must keep these names.
    public static let pageTemplates = ["layout", "article", "list", "document", "documents", "tags", "archives", "404",
                                       "redirect", "search", "article-item", "pagination"]

    /// The default theme's files as shipped (path → bytes).
    public static var defaultFiles: [String: [UInt8]] { DefaultTheme.files }

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
        var templates: [String: CompiledTemplate] = [:]
        var sources: [String: String] = [:]
        var assets: [String: [UInt8]] = [:]
        for (rel, bytes) in files.sorted(by: { $0.key < $1.key }) {
            if rel.hasPrefix("assets/") {
                assets[rel] = bytes
                continue
            }
            guard rel.hasSuffix(".mustache") else { continue }
            var name = String(rel.dropLast(".mustache".count))
            if name.hasPrefix("partials/") { name = String(name.dropFirst("partials/".count)) }
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                templates[name] = try CompiledTemplate(text)
                sources[name] = text
            } catch {
                throw TemplateError(path: displayPrefix + rel, line: error.line, column: error.column,
                                    message: "the template does not compile: \(error.message)")
            }
        }
        for name in pageTemplates where templates[name] == nil {
            throw TemplateError(path: displayPrefix + name + ".mustache", line: 1, column: 1,
                                message: "the theme has no “\(name)” template; add it or remove the override")
        }
        return Theme(templates: templates, sources: sources, assets: assets, overridden: overridden)
    }

    /// The templates `name` renders through (`{{<layout}}`, `{{>pagination}}`…), itself first, each once: a change to
    /// any of them changes the pages made with `name`.
    public func dependencies(of name: String) -> [String] {
        var out: [String] = []
        var pending = [name]
        while let next = pending.popLast() {
            guard !out.contains(next), let text = sources[next] else { continue }
            out.append(next)
            let bytes = Array(text.utf8)
            var i = 0
            while i + 3 < bytes.count {
                if bytes[i] == 0x7B, bytes[i + 1] == 0x7B, bytes[i + 2] == 0x3E || bytes[i + 2] == 0x3C {
                    var j = i + 3
                    while j < bytes.count, bytes[j] == 0x20 { j += 1 }
                    var k = j
                    while k < bytes.count, bytes[k] != 0x7D, bytes[k] != 0x20 { k += 1 }
                    pending.append(String(decoding: bytes[j..<k], as: UTF8.self))
                    i = k
                } else {
                    i += 1
                }
            }
        }
        return out
    }

    /// Renders a page template with a context of dictionaries, arrays, strings, numbers and booleans.
    public func render(_ name: String, _ context: [String: Any]) -> String {
        String(decoding: renderBytes(name, context), as: UTF8.self)
    }

    /// Renders to UTF-8 bytes, ready to write.
    public func renderBytes(_ name: String, _ context: [String: Any]) -> [UInt8] {
        renderBytes(name, TemplateValue(context))
    }

    /// The same with a context already converted.
    public func renderBytes(_ name: String, _ context: TemplateValue) -> [UInt8] {
        var renderer = TemplateRenderer(templates: templates)
        renderer.render(name, context)
        let out = renderer.out
        // The renderer reserves 16 KB up front. A short result may be kept for the whole build (a list item of every
        // article), so it is copied to its own size: 10,000 items otherwise hold 160 MB of empty capacity.
        guard out.capacity - out.count > 4096 else { return out }
        return [UInt8](unsafeUninitializedCapacity: out.count) { buffer, count in
            count = out.withUnsafeBufferPointer { buffer.initialize(fromContentsOf: $0) }
        }
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

