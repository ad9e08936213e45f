import Foundation

/// A template that failed to compile, with its position.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let column: Int
    public let message: String
    public var description: String { "\(path):\(line):\(column): error: \(message)" }
}

/// Something in a template that renders, but probably not as its author meant: printed by every build (and an
/// error under `--strict`).
public struct TemplateWarning: Sendable, CustomStringConvertible, Equatable {
    public let path: String
    public let line: Int
    public let column: Int
    public let message: String
    public var description: String { "\(path):\(line):\(column): warning: \(message)" }
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
    /// `names(inside: "articles", of:)` of each page template, worked out once; absent where it cannot be known.
    let itemNames: [String: Set<String>]
    /// Partials that name no template, templates that include themselves: found when the theme loads.
    public let warnings: [TemplateWarning]

    /// Every template name a build renders; a site's template must keep these names.
    public static let pageTemplates = ["layout", "article", "list", "document", "documents", "tags", "archives", "404",
                                       "redirect", "search", "article-item", "pagination"]

    /// The default theme's files as shipped (path → bytes).
    public static var defaultFiles: [String: [UInt8]] { DefaultTheme.files }

    /// Loads the default theme, with the files of `overrideDirectory` (a site's Templates/) taking precedence.
    /// `displayPrefix` is how paths are shown in errors ("Templates/").
    public static func load(overrideDirectory: String?, displayPrefix: String = "Templates/") throws(TemplateError) -> Theme {
        var overrides: [String: [UInt8]] = [:]
        if let dir = overrideDirectory {
            for (rel, bytes) in readTree(dir) { overrides[rel] = bytes }
        }
        return try load(overrides: overrides, displayPrefix: displayPrefix)
    }

    /// The default theme with `overrides` (path relative to Templates/ → bytes) taking precedence: a site's theme
    /// without its folder (tools, fuzzing).
    public static func load(overrides: [String: [UInt8]], displayPrefix: String = "Templates/") throws(TemplateError) -> Theme {
        var files = defaultFiles
        var overridden = Set<String>()
        for (rel, bytes) in overrides {
            files[rel] = bytes
            overridden.insert(rel)
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
            guard let text = String(validating: bytes, as: UTF8.self) else {
                let (line, column) = invalidUTF8Position(bytes)
                throw TemplateError(path: displayPrefix + rel, line: line, column: column,
                                    message: "the template is not valid UTF-8 here; save it as UTF-8")
            }
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
        let warnings = try checkIncludes(templates, files: Set(files.keys), displayPrefix: displayPrefix)
        var itemNames: [String: Set<String>] = [:]
        for name in pageTemplates { itemNames[name] = names(inside: "articles", of: name, in: templates) }
        return Theme(templates: templates, sources: sources, assets: assets, overridden: overridden, itemNames: itemNames, warnings: warnings)
    }

    /// Where a template file of this name lives, relative to Templates/.
    static func file(of name: String, in files: Set<String>) -> String {
        files.contains(name + ".mustache") ? name + ".mustache" : "partials/" + name + ".mustache"
    }

    /// Checked once, when the theme loads, in name order. A `{{<parent}}` that names no template is an error (the
    /// page would be empty). As the Mustache specification says, a `{{>partial}}` that names no template renders
    /// nothing and a template may include itself (data ends the recursion: a section over a shorter list each
    /// time); both are warnings at the tag, and rendering stops `CompiledTemplate.maxDepth` includes deep.
    /// Templates a page may render through, counting repeats (the default theme's largest page: about 20).
    static let maxExpanded = 10_000

    static func checkIncludes(_ templates: [String: CompiledTemplate], files: Set<String>, displayPrefix: String) throws(TemplateError) -> [TemplateWarning] {
        var warnings: [TemplateWarning] = []
        for name in templates.keys.sorted() {
            for inc in templates[name]!.includes where templates[inc.name] == nil {
                let path = displayPrefix + file(of: name, in: files)
                let fix = "add Templates/partials/\(inc.name).mustache or correct the name"
                guard !inc.isParent else {
                    throw TemplateError(path: path, line: inc.line, column: inc.column, message: "{{<\(inc.name)}} names no template; \(fix)")
                }
                warnings.append(TemplateWarning(path: path, line: inc.line, column: inc.column,
                                                message: "{{>\(inc.name)}} names no template, so it renders nothing; \(fix)"))
            }
        }
        // Depth-first, with the path so far: an include of a template on the path closes a cycle.
        var done = Set<String>()
        var expanded: [String: Int] = [:]
        for start in templates.keys.sorted() where !done.contains(start) {
            var path: [(name: String, next: Int)] = [(start, 0)]
            var onPath: Set<String> = [start]
            while let top = path.last {
                let includes = templates[top.name]!.includes
                guard top.next < includes.count else {
                    // Templates one page renders once every include is expanded (ignoring sections): includes that
                    // each include the next twice would double it at every level.
                    var total = 1
                    for inc in includes { total = min(total + (expanded[inc.name] ?? 1), maxExpanded + 1) }
                    if total > maxExpanded {
                        throw TemplateError(path: displayPrefix + file(of: top.name, in: files), line: 1, column: 1,
                                            message: "its partials and parents include more than \(maxExpanded) templates once expanded; include each partial fewer times")
                    }
                    expanded[top.name] = total
                    done.insert(top.name)
                    onPath.remove(top.name)
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                let inc = includes[top.next]
                guard templates[inc.name] != nil else { continue }
                if onPath.contains(inc.name) {
                    let cycle = path.map(\.name).drop { $0 != inc.name } + [inc.name]
                    warnings.append(TemplateWarning(path: displayPrefix + file(of: top.name, in: files), line: inc.line, column: inc.column,
                                                    message: "{{\(inc.isParent ? "<" : ">")\(inc.name)}} includes a template in itself (\(cycle.joined(separator: " → "))); rendering stops \(CompiledTemplate.maxDepth) includes deep, so make sure the data ends it (a section over a shorter list each time) or remove the include"))
                    continue
                }
                if !done.contains(inc.name) {
                    path.append((inc.name, 0))
                    onPath.insert(inc.name)
                }
            }
        }
        return warnings
    }

    /// 1-based line and column (in characters) of the first byte that is not UTF-8.
    static func invalidUTF8Position(_ bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput, .error:
                return (line, column)
            }
        }
    }

    /// The templates `name` renders through (`{{<layout}}`, `{{>pagination}}`…), itself first, each once: a change to
    /// any of them changes the pages made with `name`.
    public func dependencies(of name: String) -> [String] {
        Self.dependencies(of: name, in: templates)
    }

    static func dependencies(of name: String, in templates: [String: CompiledTemplate]) -> [String] {
        var out: [String] = []
        var pending = [name]
        while let next = pending.popLast() {
            guard !out.contains(next), let template = templates[next] else { continue }
            out.append(next)
            // From the parsed tags, so templates that change their delimiters ({{=<% %>=}}) are followed too.
            pending += template.includes.map(\.name)
            // `{{>*name}}` may render any template.
            if template.includesDynamically { pending += templates.keys.sorted() }
        }
        return out
    }

    /// The names the tags inside every `{{#section}}` of page template `name` (and of the templates it renders
    /// through) may look up, or nil when that cannot be known (`{{>*name}}`). A list's entries are made with only
    /// these fields (a list page of the default theme reads only each entry's pre-rendered `html`): inside the
    /// section Mustache looks a name up in the entry first, then in the enclosing contexts, so leaving out of the
    /// entry a name no tag there asks for changes nothing.
    public func names(inside section: String, of name: String) -> Set<String>? {
        itemNames[name] ?? Self.names(inside: section, of: name, in: templates)
    }

    static func names(inside section: String, of name: String, in templates: [String: CompiledTemplate]) -> Set<String>? {
        var out = Set<String>()
        var known = true
        /// Every name the nodes (and what they render) look up.
        func all(_ nodes: [CompiledTemplate.Node]) {
            for node in nodes {
                switch node {
                case .text: break
                case .variable(let path, _, _): if let f = path.first { out.insert(f) }
                case .section(let path, let children, _):
                    if let f = path.first { out.insert(f) }
                    all(children)
                case .partial(let p, _, _): closure(p)
                case .dynamicPartial: known = false
                case .parent(let p, let blocks, _, _):
                    closure(p)
                    for b in blocks.values { all(b) }
                case .block(_, let children, _, _): all(children)
                }
            }
        }
        func closure(_ name: String) {
            for t in dependencies(of: name, in: templates) {
                guard let template = templates[t], !template.includesDynamically else { known = false; return }
                out.formUnion(template.names)
            }
        }
        /// The sections named `section`, wherever they stand.
        func find(_ nodes: [CompiledTemplate.Node]) {
            for node in nodes {
                switch node {
                case .section(let path, let children, let inverted):
                    if path == [section] && !inverted { all(children) } else { find(children) }
                case .parent(_, let blocks, _, _): for b in blocks.values { find(b) }
                case .block(_, let children, _, _): find(children)
                case .text, .variable, .partial, .dynamicPartial: break
                }
            }
        }
        for t in dependencies(of: name, in: templates) {
            guard let template = templates[t], !template.includesDynamically else { return nil }
            find(template.nodes)
        }
        return known ? out : nil
    }

    /// Renders a page template with a context of dictionaries, arrays, strings, numbers and booleans.
    public func render(_ name: String, _ context: [String: Any]) -> String {
        String(decoding: renderBytes(name, context), as: UTF8.self)
    }

    /// The same with a typed context.
    public func render(_ name: String, _ context: TemplateValue) -> String {
        String(decoding: renderBytes(name, context), as: UTF8.self)
    }

    /// Renders to UTF-8 bytes, ready to write. `kept: false` for a result that is written and dropped (a page):
    /// it is then not copied to its own size.
    public func renderBytes(_ name: String, _ context: [String: Any], kept: Bool = true) -> [UInt8] {
        renderBytes(name, TemplateValue(context), kept: kept)
    }

    /// The same with a context already converted.
    public func renderBytes(_ name: String, _ context: TemplateValue, kept: Bool = true) -> [UInt8] {
        var renderer = TemplateRenderer(templates: templates)
        renderer.render(name, context)
        let out = renderer.out
        // The renderer reserves 16 KB up front. A short result may be kept for the whole build (a list item of every
        // article), so it is copied to its own size: 10,000 items otherwise hold 160 MB of empty capacity.
        guard kept, out.capacity - out.count > 4096 else { return out }
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

