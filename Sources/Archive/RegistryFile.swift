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
    public static func load(yaml: String?, path: String) throws(SiteError) -> Registry {
        guard let yaml else { return Registry() }
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
        do {
            return try Registry(entries: entries)
        } catch {
            throw SiteError(path: path, line: error.line, column: 1, message: error.message)
        }
    }
}
