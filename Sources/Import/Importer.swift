import Documents
import Foundation
import Vietnamese

/// Options of `bantin import`.
public struct ImportOptions: Sendable {
    /// Where articles go (default the site's Content/).
    public var destination: String
    public var dryRun = false
    public var force = false
    /// Skip what cannot be decided instead of writing a draft.
    public var strict = false
    /// UTC offset for dates written without one.
    public var offset = 7 * 3600

    public init(destination: String) { self.destination = destination }
}

/// What an import did, for the summary and the report.
public struct ImportSummary: Sendable {
    public var filesRead = 0
    public var written: [String] = []
    public var drafts = 0
    public var skipped = 0
    public var documentsCited = 0
    /// "file: what happened", one per decision worth a look.
    public var report: [String] = []
}

/// `bantin import`: scraped plain-text reports → Markdown articles. Never overwrites unless asked.
public enum Importer {
    /// Imports every .txt file of `sources` (folders walked, sorted).
    public static func run(sources: [String], options: ImportOptions) -> ImportSummary {
        var summary = ImportSummary()
        var files: [String] = []
        for src in sources {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: src, isDirectory: &isDir) else {
                summary.report.append("\(src): no such file or folder")
                summary.skipped += 1
                continue
            }
            if isDir.boolValue {
                let walker = FileManager.default.enumerator(atPath: src)
                var inner: [String] = []
                while let rel = walker?.nextObject() as? String {
                    if rel.lowercased().hasSuffix(".txt") { inner.append((src as NSString).appendingPathComponent(rel)) }
                }
                files += inner.sorted()
            } else {
                files.append(src)
            }
        }
        var taken = Set<String>()
        var cited = Set<DocumentKey>()
        let recogniser = Recogniser()
        for file in files {
            summary.filesRead += 1
            guard let data = FileManager.default.contents(atPath: file) else {
                summary.report.append("\(file): cannot be read")
                summary.skipped += 1
                continue
            }
            let bytes = [UInt8](data)
            if let bad = Normalization.firstInvalidUTF8(bytes) {
                summary.report.append("\(file): byte \(bad) is not UTF-8; the file is in another encoding, convert it to UTF-8 (iconv -f WINDOWS-1258 -t UTF-8) and import again")
                summary.skipped += 1
                continue
            }
            let article = ReportReader.read(String(decoding: bytes, as: UTF8.self))
            for line in article.dropped { summary.report.append("\(file): dropped “\(line)”") }
            if article.isDraft {
                for p in article.problems { summary.report.append("\(file): \(p)") }
                if options.strict || article.blocks.isEmpty {
                    summary.report.append("\(file): skipped")
                    summary.skipped += 1
                    continue
                }
            }
            // Documents cited, for the summary.
            let text = article.blocks.map { if case .paragraph(let p) = $0 { return p } else if case .heading(let h) = $0 { return h } else { return "" } }
                .joined(separator: "\n")
            let scan = recogniser.scan(text)
            let date = article.date.map { IssueDate(year: $0.year, month: $0.month, day: $0.day) }
            let resolved = Resolver(registry: Registry()).resolve(scan.mentions.map { (0, $0) }, localities: scan.localities,
                                                                  context: ArticleContext(date: date))
            resolved.compactMap(\.key).forEach { cited.insert($0) }

            var slugBase = Slug.make(article.title ?? "")
            if slugBase.isEmpty { slugBase = Slug.make(((file as NSString).lastPathComponent as NSString).deletingPathExtension) }
            let folder: String
            if let d = article.date {
                folder = "\(d.year)/\(d.month < 10 ? "0" : "")\(d.month)"
            } else {
                folder = "nhap"
            }
            var slug = slugBase.isEmpty ? "bai-viet" : slugBase
            var n = 2
            while taken.contains(folder + "/" + slug) { slug = "\(slugBase)-\(n)"; n += 1 }
            taken.insert(folder + "/" + slug)
            let path = (options.destination as NSString).appendingPathComponent(folder + "/" + slug + ".md")
            if FileManager.default.fileExists(atPath: path) && !options.force {
                summary.report.append("\(file): \(path) already exists; kept it (use --force to replace)")
                summary.skipped += 1
                continue
            }
            let markdown = Markdown.document(article, importedFrom: file)
            if !options.dryRun {
                do {
                    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    try Data(markdown.utf8).write(to: URL(fileURLWithPath: path))
                } catch {
                    summary.report.append("\(file): cannot write \(path): \(error.localizedDescription)")
                    summary.skipped += 1
                    continue
                }
            }
            summary.written.append(path)
            if article.isDraft { summary.drafts += 1 }
        }
        summary.documentsCited = cited.count
        return summary
    }
}

/// Writing an imported article as Markdown with front matter.
enum Markdown {
    static func document(_ a: ImportedArticle, importedFrom: String) -> String {
        var fm = "---\n"
        fm += "title: \(yaml(a.title ?? "Chưa có tiêu đề"))\n"
        if let d = a.date ?? a.captured {
            fm += "date: \(yaml(dateText(d, withTime: true)))\n"
        }
        if let c = a.captured { fm += "captured: \(yaml(dateText(c, withTime: false)))\n" }
        if let v = a.author { fm += "author: \(yaml(v))\n" }
        if let v = a.authorTitle { fm += "author_title: \(yaml(v))\n" }
        if let v = a.source { fm += "source: \(yaml(v))\n" }
        if let v = a.imageCaption { fm += "image_caption: \(yaml(v))\n" }
        fm += "imported_from: \(yaml(importedFrom))\n"
        if a.isDraft { fm += "draft: true\n" }
        fm += "---\n"
        var body: [String] = []
        for block in a.blocks {
            switch block {
            case .heading(let h): body.append("## " + escape(h))
            case .paragraph(let p): body.append(escape(p))
            }
        }
        return fm + body.joined(separator: "\n\n") + "\n"
    }

    static func dateText(_ d: LocalDateTime, withTime: Bool) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let day = "\(d.year)-\(two(d.month))-\(two(d.day))"
        guard withTime else { return day }
        let off = abs(d.offset)
        return day + " \(two(d.hour)):\(two(d.minute)) \(d.offset < 0 ? "-" : "+")\(two(off / 3600)):\(two(off % 3600 / 60))"
    }

    /// A YAML double-quoted scalar.
    static func yaml(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// Escapes the characters Markdown would read as markup, so the paragraph renders exactly as written.
    static func escape(_ line: String) -> String {
        var out = ""
        for c in line.unicodeScalars {
            switch c {
            case "\\", "*", "_", "`", "[", "]", "<", ">", "#", "&", "|", "~": out += "\\" + String(c)
            default: out.unicodeScalars.append(c)
            }
        }
        // A line that would start a list, a quote or a setext underline: escape its first mark.
        if let first = out.first {
            if "-+=".contains(first), out.count == 1 || out.dropFirst().first == " " || out.allSatisfy({ $0 == first }) {
                out = "\\" + out
            } else if first.isNumber {
                let digits = out.prefix { $0.isNumber }
                let after = out.dropFirst(digits.count)
                if digits.count <= 9, let mark = after.first, mark == "." || mark == ")", after.dropFirst().first == " " || after.count == 1 {
                    out = String(digits) + "\\" + String(after)
                }
            }
        }
        return out
    }
}
