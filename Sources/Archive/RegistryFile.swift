import Documents
import Vietnamese
import Yams

/// Reads Content/documents.yml, the editors' registry of documents.
///
/// ```yaml
/// - label: Chỉ thị số 05-CT/TW
///   date: 2016-05-15
///   issuer: Bộ Chính trị
///   title: Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
///   aliases: []
/// ```
public enum RegistryFile {
    /// Reads the documents.yml at `file` (shown as `path`); missing is an empty registry, a folder or a file
    /// that cannot be read or is not UTF-8 an error.
    public static func load(file: String, path: String) throws(SiteError) -> Registry {
        try load(yaml: try SiteFile.read(file, path: path), path: path)
    }

    public static func load(yaml: String?, path: String) throws(SiteError) -> Registry {
        guard let yaml else { return Registry() }
        if let v = YAMLLimits.check(yaml, what: "documents.yml", maxValues: YAMLLimits.registry) {
            throw SiteError(path: path, line: v.line, column: v.column, message: v.message)
        }
        let node: Node?
        do { node = try Yams.compose(yaml: yaml) } catch let e as YamlError {
            var err = FrontMatter.convert(e, path: path)
            err.line -= 1
            throw err
        } catch {
            throw SiteError(path: path, message: "documents.yml is not valid YAML: \(error)")
        }
        guard let node else { return Registry() }
        var items: [Node] = []
        switch node {
        case .sequence(let seq): items = Array(seq)
        case .mapping(let map):
            guard let docs = map["documents"], case .sequence(let seq) = docs else { fallthrough }
            items = Array(seq)
        default:
            throw SiteError(path: path, message: "documents.yml must be a list of documents, each starting with “- label: …”")
        }
        var entries: [RegistryEntry] = []
        for item in items {
            let line = item.mark?.line ?? 1
            guard case .mapping(let map) = item else {
                throw SiteError(path: path, line: line, column: item.mark?.column ?? 1,
                                message: "each document must be a mapping starting with “- label: …”")
            }
            func text(_ key: String) throws(SiteError) -> String? {
                guard let v = map[key] else { return nil }
                if case .scalar(let s) = v { return s.string.isEmpty ? nil : Normalization.nfc(s.string) }
                throw SiteError(path: path, line: v.mark?.line ?? line, column: v.mark?.column ?? 1, message: "“\(key)” must be text")
            }
            guard let label = try text("label") else {
                throw SiteError(path: path, line: line, column: item.mark?.column ?? 1,
                                message: "this document has no “label:”; write its reference, e.g. “label: Chỉ thị số 05-CT/TW”")
            }
            var date: IssueDate? = nil
            if let d = try text("date") {
                guard let parsed = try? VietnameseDate.parse(d, defaultOffset: 0) else {
                    throw SiteError(path: path, line: map["date"]?.mark?.line ?? line, column: map["date"]?.mark?.column ?? 1,
                                    message: "date “\(d)” is not a date; write it as 2016-05-15")
                }
                date = IssueDate(year: parsed.year, month: parsed.month, day: parsed.day)
            }
            var aliases: [String] = []
            if let a = map["aliases"] {
                switch a {
                case .sequence(let seq): aliases = seq.compactMap { $0.scalar?.string }.map(Normalization.nfc)
                case .scalar(let s) where !s.string.isEmpty: aliases = [Normalization.nfc(s.string)]
                default: break
                }
            }
            entries.append(RegistryEntry(label: label, title: try text("title"), issuerName: try text("issuer"), date: date,
                                         locality: try text("locality"), aliases: aliases, line: line))
        }
        let registry: Registry
        do {
            registry = try Registry(entries: entries)
        } catch {
            // Name the entry when the message does not (an alias's problem names only the alias).
            var message = error.message
            if let entry = entries.first(where: { $0.line == error.line }), !message.contains("“\(entry.label)”") {
                message += " (in the entry “\(entry.label)”)"
            }
            throw SiteError(path: path, line: error.line, column: 1, message: message)
        }
        try checkAliases(registry, path: path)
        return registry
    }

    /// An alias must name no listed document (the two pages would redirect to each other) and belong to one entry.
    static func checkAliases(_ registry: Registry, path: String) throws(SiteError) {
        var listed: [DocumentKey: RegistryEntry] = [:]
        for d in registry.documents { listed[d.key] = d.entry }
        var aliasOf: [DocumentKey: RegistryEntry] = [:]
        for d in registry.documents {
            for (text, key) in zip(d.entry.aliases, d.aliasKeys) {
                if key == d.key {
                    throw SiteError(path: path, line: d.entry.line, message: "alias “\(text)” of “\(d.entry.label)” is the document itself; remove the alias")
                }
                if let other = listed[key] {
                    throw SiteError(path: path, line: d.entry.line,
                                    message: "alias “\(text)” of “\(d.entry.label)” is listed as a document of its own on line \(other.line), so each page would redirect to the other; keep one entry and list the other reference under its aliases")
                }
                if let other = aliasOf[key], other.line != d.entry.line {
                    throw SiteError(path: path, line: d.entry.line,
                                    message: "alias “\(text)” of “\(d.entry.label)” is also an alias of “\(other.label)” on line \(other.line); keep it under one of them")
                }
                aliasOf[key] = d.entry
            }
        }
    }
}
