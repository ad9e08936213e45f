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
    /// Files read, parsed and written at once.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount

    public init(destination: String) { self.destination = destination }
}

/// What an import did, for the summary and the report.
public struct ImportSummary: Sendable {
    public var filesRead = 0
    public var written: [String] = []
    public var drafts = 0
    public var skipped = 0
    public var documentsCited = 0
    /// "file: what happened", one per decision worth a look: lines dropped as chrome and why, uncertain fields.
    public var report: [String] = []
    /// "path: error: what is wrong; how to fix it" — a source that does not exist, an article that cannot be written.
    /// The command fails when there is one.
    public var errors: [String] = []
}

/// `bantin import`: scraped plain-text pages → Markdown articles. Never overwrites unless asked.
///
/// Three passes, the first and last over all cores: read and split every page; count, per folder, the line shapes
/// its pages share (the cross-page evidence); then read each page as an article and write it. Slugs are given in file
/// order between the two, so the output does not depend on which core finished first.
public enum Importer {
    /// Imports every .txt file of `sources` (folders walked, sorted).
    public static func run(sources: [String], options: ImportOptions) -> ImportSummary {
        var summary = ImportSummary()
        var files: [String] = []
        for src in sources {
            switch FileIO.kind(src) {
            case .failure(let why):
                summary.errors.append("\(src): error: \(why); check the path")
            case .folder:
                let walker = FileManager.default.enumerator(atPath: src)
                var inner: [String] = []
                while let rel = walker?.nextObject() as? String {
                    if rel.lowercased().hasSuffix(".txt") { inner.append((src as NSString).appendingPathComponent(rel)) }
                }
                files += inner.sorted()
            case .file:
                files.append(src)
            }
        }
        summary.filesRead = files.count

        // 1. Every page read, decoded and split into lines.
        let loaded: [Result<Page, IOFailure>] = Parallel.map(files, jobs: options.jobs) { file in
            do throws(IOFailure) {
                return .success(Page(utf8: try TextDecoding.utf8(FileIO.read(file))))
            } catch {
                return .failure(error)
            }
        }

        // 2. The evidence of each folder: which line shapes its pages share.
        var evidence: [String: SiteEvidence] = [:]
        for (file, page) in zip(files, loaded) {
            if case .success(let p) = page { evidence[(file as NSString).deletingLastPathComponent, default: SiteEvidence()].add(p) }
        }

        // 3. Each page read as an article, and the documents it cites.
        struct Parsed: Sendable {
            var article: ImportedArticle
            var cited: [DocumentKey]
        }
        let sites = evidence, paths = files
        let recogniser = Recogniser()
        let resolver = Resolver(registry: Registry())
        let parsed: [Result<Parsed, IOFailure>] = Parallel.map(Array(files.indices), jobs: options.jobs) { k in
            switch loaded[k] {
            case .failure(let e): return .failure(e)
            case .success(let page):
                let site = sites[(paths[k] as NSString).deletingLastPathComponent]
                let article = ReportReader.read(page, evidence: (site?.pages ?? 0) >= 2 ? site : nil)
                var text = ""
                for block in article.blocks {
                    switch block {
                    case .paragraph(let p), .heading(let p), .caption(let p): text += p; text += "\n"
                    }
                }
                let scan = recogniser.scan(text)
                let date = article.date.map { IssueDate(year: $0.year, month: $0.month, day: $0.day) }
                let resolved = resolver.resolve(scan.mentions.map { (0, $0) }, localities: scan.localities, context: ArticleContext(date: date))
                return .success(Parsed(article: article, cited: resolved.compactMap(\.key)))
            }
        }

        // 4. Where each article goes, in file order.
        var taken = Set<String>()
        var cited = Set<DocumentKey>()
        var toWrite: [(path: String, article: ImportedArticle, file: String)] = []
        for (file, result) in zip(files, parsed) {
            let p: Parsed
            switch result {
            case .failure(let e):
                summary.report.append("\(file): \(e.message)")
                summary.skipped += 1
                continue
            case .success(let v): p = v
            }
            let article = p.article
            for d in article.dropped { summary.report.append("\(file): dropped \(d)") }
            for n in article.notes { summary.report.append("\(file): uncertain: \(n)") }
            if article.isDraft {
                for problem in article.problems { summary.report.append("\(file): \(problem)") }
                if options.strict || article.blocks.isEmpty {
                    summary.report.append("\(file): skipped")
                    summary.skipped += 1
                    continue
                }
            }
            p.cited.forEach { cited.insert($0) }
            var slugBase = Slug.make(article.title ?? "")
            if slugBase.isEmpty { slugBase = Slug.make(((file as NSString).lastPathComponent as NSString).deletingPathExtension) }
            if slugBase.isEmpty { slugBase = "bai-viet" }
            let folder = article.date.map { "\($0.year)/\($0.month < 10 ? "0" : "")\($0.month)" } ?? "nhap"
            var slug = slugBase
            var n = 2
            while taken.contains(folder + "/" + slug) { slug = "\(slugBase)-\(n)"; n += 1 }
            taken.insert(folder + "/" + slug)
            let path = (options.destination as NSString).appendingPathComponent(folder + "/" + slug + ".md")
            if !options.force, FileIO.exists(path) {
                summary.report.append("\(file): \(path) already exists; kept it (use --force to replace)")
                summary.skipped += 1
                continue
            }
            toWrite.append((path, article, file))
        }
        summary.documentsCited = cited.count

        // 5. The articles written, folders first.
        var failed = Set<Int>()
        if !options.dryRun {
            var folders = Set<String>()
            for w in toWrite { folders.insert((w.path as NSString).deletingLastPathComponent) }
            var badFolders: [String: String] = [:]
            for folder in folders.sorted() {
                do throws(IOFailure) { try FileIO.makeDirectories(folder) } catch { badFolders[folder] = error.message }
            }
            let unwritable = badFolders
            let failures: [String?] = Parallel.map(toWrite, jobs: options.jobs) { w in
                if let why = unwritable[(w.path as NSString).deletingLastPathComponent] { return why }
                do throws(IOFailure) {
                    try FileIO.write(Markdown.bytes(w.article, importedFrom: w.file), to: w.path)
                    return nil
                } catch {
                    return error.message
                }
            }
            for (k, why) in failures.enumerated() {
                guard let why else { continue }
                failed.insert(k)
                summary.errors.append("\(toWrite[k].path): error: \(why) (the article of \(toWrite[k].file) was not written)")
            }
        }
        for (k, w) in toWrite.enumerated() where !failed.contains(k) {
            summary.written.append(w.path)
            if w.article.isDraft { summary.drafts += 1 }
        }
        summary.skipped += failed.count
        return summary
    }
}

extension Importer {
    /// Writes the report; the reason in plain words when it cannot.
    public static func writeReport(_ text: String, to path: String) -> String? {
        do throws(IOFailure) {
            try FileIO.write(Array((text + (text.isEmpty ? "" : "\n")).utf8), to: path)
            return nil
        } catch {
            return error.message
        }
    }
}

/// Writing an imported article as Markdown with front matter.
enum Markdown {
    static func document(_ a: ImportedArticle, importedFrom: String) -> String {
        String(decoding: bytes(a, importedFrom: importedFrom), as: UTF8.self)
    }

    static func bytes(_ a: ImportedArticle, importedFrom: String) -> [UInt8] {
        var fm = "---\n"
        fm += "title: \(yaml(a.title ?? "Chưa có tiêu đề"))\n"
        // A day alone when the page gave no time: the page then shows none (not "00:00").
        if let d = a.date { fm += "date: \(yaml(dateText(d, withTime: d.hasTime)))\n" }
        if let c = a.captured { fm += "captured: \(yaml(dateText(c, withTime: false)))\n" }
        if let v = a.author { fm += "author: \(yaml(v))\n" }
        if let v = a.authorTitle { fm += "author_title: \(yaml(v))\n" }
        if let v = a.source { fm += "source: \(yaml(v))\n" }
        if let v = a.imageCaption { fm += "image_caption: \(yaml(v))\n" }
        fm += "imported_from: \(yaml(importedFrom))\n"
        if a.isDraft { fm += "draft: true\n" }
        fm += "---\n"
        var out = Array(fm.utf8)
        for (n, block) in a.blocks.enumerated() {
            if n > 0 { out.append(0x0A); out.append(0x0A) }
            switch block {
            case .heading(let h): out.append(contentsOf: "## ".utf8); escape(h, into: &out)
            case .paragraph(let p): escape(p, into: &out)
            case .caption(let c): out.append(0x2A); escape(c, into: &out); out.append(0x2A)
            }
        }
        out.append(0x0A)
        return out
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

    static func escape(_ line: String) -> String {
        var out: [UInt8] = []
        escape(line, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Escapes the characters Markdown would read as markup, so the paragraph renders exactly as written. On the bytes:
    /// every character escaped is ASCII, and no byte of a multi-byte character is ASCII.
    static func escape(_ line: String, into out: inout [UInt8]) {
        var line = line
        line.withUTF8 { b in
            guard !b.isEmpty else { return }
            // A line that would start a list, a quote or a setext underline: escape its first mark.
            let first = b[0]
            if first == 0x2D || first == 0x2B || first == 0x3D {
                if b.count == 1 || b[1] == 0x20 || b.allSatisfy({ $0 == first }) { out.append(0x5C) }
            } else if first >= 0x30 && first <= 0x39 {
                var k = 0
                while k < b.count, b[k] >= 0x30, b[k] <= 0x39 { k += 1 }
                if k <= 9, k < b.count, b[k] == 0x2E || b[k] == 0x29, k + 1 == b.count || b[k + 1] == 0x20 {
                    out.append(contentsOf: b[0..<k])
                    out.append(0x5C)
                    out.append(b[k])
                    append(UnsafeBufferPointer(rebasing: b[(k + 1)...]), &out)
                    return
                }
            }
            append(b, &out)
        }
    }

    /// \ * _ ` [ ] < > # & | ~
    static let special: [Bool] = (0..<256).map { [0x5C, 0x2A, 0x5F, 0x60, 0x5B, 0x5D, 0x3C, 0x3E, 0x23, 0x26, 0x7C, 0x7E].contains($0) }

    /// Copies runs of plain bytes whole and puts a backslash before each special one.
    static func append(_ b: UnsafeBufferPointer<UInt8>, _ out: inout [UInt8]) {
        var start = 0
        for i in 0..<b.count where special[Int(b[i])] {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
            out.append(0x5C)
            start = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start...]))
    }
}
