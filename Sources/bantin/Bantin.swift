import ArgumentParser
import Archive
import Documents
import Foundation
import Import
import Site
import Synchronization

@main
struct Bantin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bantin",
        abstract: "Bantin turns a folder of Vietnamese news articles into a static web archive.",
        version: SiteBuilder.version,
        subcommands: [Build.self, Check.self, Serve.self, Refs.self, ImportCommand.self, New.self],
        defaultSubcommand: Build.self
    )

    /// A word where a command goes that is not one (`bantin biuld`) is said so, with the nearest command, instead
    /// of the parser's "unexpected argument" for the default command.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // The commands' own names, so a new command cannot be forgotten here.
        let commands = configuration.subcommands.map { $0._commandName } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first) {
            let nearest = commands.map { ($0, editDistance(first.lowercased(), $0)) }.min { $0.1 < $1.1 }!
            let hint = nearest.1 <= max(2, first.count / 3) ? "did you mean “\(nearest.0)”? " : ""
            warn("error: “\(first)” is not a bantin command; \(hint)the commands are \(commands.dropLast().joined(separator: ", ")) (bantin --help says more)")
            Foundation.exit(64)
        }
        await main(nil)
    }

    /// Levenshtein distance, for suggesting the command a typo meant.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(1, b.count) where !b.isEmpty {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return row[b.count]
    }
}

/// Standard error, for messages that must not mix with output.
func warn(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

let isTerminal = isatty(STDERR_FILENO) != 0

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render Content/ with the theme into Output/.")

    @Option(help: "The site folder, holding Content/, Templates/ and site.yml.")
    var site: String = "."

    @Option(help: "Where to write the site (default: the site's Output/).")
    var output: String?

    @Flag(help: "Also build articles marked draft: true.")
    var drafts = false

    @Flag(help: "Also build articles dated after the build's time (left out otherwise, as Hugo and Zola do).")
    var future = false

    @Option(help: "Use this base URL instead of site.yml's base_url (for a staging build); the environment variable BANTIN_BASE_URL does the same, and this option wins over it.")
    var baseURL: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Print the time each stage of the build took.")
    var timings = false

    @Option(help: "The build cache folder, kept between builds (default: the site's .bantin-cache/). Unchanged articles are not read again and unchanged pages not written again.")
    var cache: String?

    @Flag(help: "Build everything from scratch, without reading or writing the cache.")
    var noCache = false

    @Flag(help: "Fail (exit 1) when the build prints any warning, after printing them all: for CI.")
    var strict = false

    @Flag(help: "Empty the output folder first, files Bantin did not write included. Without it they are kept, and a non-empty folder Bantin did not build is refused.")
    var clean = false

    func run() async throws {
        let quiet = self.quiet
        var progress: (@Sendable (String, Int, Int) -> Void)? = nil
        if !quiet && isTerminal {
            // One line, rewritten in place.
            progress = { @Sendable (stage: String, done: Int, total: Int) in
                let label = stage == "load" ? "Đọc bài" : "Tạo trang"
                FileHandle.standardError.write(Data("\u{1B}[2K\r\(label): \(done)/\(total)".utf8))
            }
        } else if !quiet {
            // Not a terminal (CI logs): a plain line at each quarter of a long stage.
            let printed = Mutex<[String: Int]>([:])
            progress = { @Sendable (stage: String, done: Int, total: Int) in
                guard total >= 2000 else { return }
                let quarter = done * 4 / total
                let isNew = printed.withLock { seen in
                    guard quarter > (seen[stage] ?? 0) else { return false }
                    seen[stage] = quarter
                    return true
                }
                if isNew { FileHandle.standardError.write(Data("\(stage): \(done)/\(total)\n".utf8)) }
            }
        }
        let fromEnvironment = baseURL == nil ? ProcessInfo.processInfo.environment["BANTIN_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } : nil
        let base = baseURL ?? fromEnvironment
        if let base, let why = SiteConfig.baseURLProblem(base) {
            // Said here with where it came from; the build checks it again for callers of the library.
            warn("error: \(fromEnvironment == nil ? "--base-url" : "BANTIN_BASE_URL") “\(base)” \(why); give an http(s) URL such as https://luutru.example.vn/ or a path such as /luu-tru/")
            warn("Nothing was written; the previous output is unchanged.")
            throw ExitCode.failure
        }
        var failsStrict = false
        do throws(SiteFailure) {
            let options = BuildOptions(siteDirectory: site, outputDirectory: output, includeDrafts: drafts, includeFuture: future,
                                       baseURL: base, clean: clean, progress: progress)
            var report: BuildReport
            var cacheLine: String? = nil
            var warnings: [String] = []
            if noCache {
                report = try await SiteBuilder.build(options)
            } else {
                let cached = try await CachedBuild.build(options, cacheDirectory: cache ?? (options.siteDirectory + "/.bantin-cache"),
                                                          endsProcess: true)
                report = cached.build
                switch cached.cache {
                case .restored: cacheLine = "cache: \(cached.articlesRead) article\(cached.articlesRead == 1 ? "" : "s") read, \(cached.written) file\(cached.written == 1 ? "" : "s") written"
                case .missing: cacheLine = nil
                case .ignored(let why): cacheLine = "cache ignored (\(why)); built everything"
                }
                if let w = cached.saveWarning { warnings.append("warning: \(w); the next build will not be faster") }
            }
            if isTerminal && !quiet { FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8)) }
            warnings = report.warningLines + warnings
            // --strict prints them even with --quiet: they are why the build fails.
            if !quiet || strict {
                for w in warnings { warn(w) }
            }
            if !quiet {
                let out = output ?? (site == "." ? "Output" : site + "/Output")
                if timings {
                    for (stage, secs) in report.stages { print(String(format: "  %-9@ %7.3f s", stage, secs)) }
                }
                func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
                if !report.kept.isEmpty {
                    let shown = report.kept.prefix(5).joined(separator: ", ") + (report.kept.count > 5 ? ", …" : "")
                    print("Kept \(count(report.kept.count, "file")) Bantin did not write: \(shown)")
                }
                print("Built \(count(report.articles, "article")), \(count(report.pages, "page")), \(count(report.documents, "document")) in \(String(format: "%.2f", report.seconds)) s → \(out)/" + (cacheLine.map { " (\($0))" } ?? ""))
                if report.futureLeftOut > 0 {
                    print("\(count(report.futureLeftOut, "future article")) left out; --future builds \(report.futureLeftOut == 1 ? "it" : "them")")
                }
            }
            if strict && !warnings.isEmpty {
                warn("error: \(warnings.count) warning\(warnings.count == 1 ? "" : "s") and --strict: the build fails; fix \(warnings.count == 1 ? "it" : "them") (the output was written)")
                failsStrict = true
            }
        } catch {
            if isTerminal && !quiet { FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8)) }
            warn(error.description)
            if case .content(let errors) = error, errors.count > 1 { warn("\(errors.count) errors; nothing was written.") } else { warn("Nothing was written; the previous output is unchanged.") }
            throw ExitCode.failure
        }
        if failsStrict { throw ExitCode.failure }
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the site as a build would, and every link, image and #anchor of its pages; write nothing.",
        discussion: "Prints each problem as path:line:col: error|warning: … with what to do, then a summary. Exit status 1 when there is an error (with --strict, a warning too)."
    )

    @Option(help: "The site folder, holding Content/, Templates/ and site.yml.")
    var site: String = "."

    @Flag(help: "Fail (exit 1) on warnings too: for CI.")
    var strict = false

    @Flag(help: "Also check articles marked draft: true.")
    var drafts = false

    @Flag(help: "Also check articles dated after now.")
    var future = false

    @Option(help: "Check links as if site.yml's base_url were this one (BANTIN_BASE_URL does the same).")
    var baseURL: String?

    func run() async throws {
        let fromEnvironment = baseURL == nil ? ProcessInfo.processInfo.environment["BANTIN_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } : nil
        let base = baseURL ?? fromEnvironment
        if let base, let why = SiteConfig.baseURLProblem(base) {
            warn("error: \(fromEnvironment == nil ? "--base-url" : "BANTIN_BASE_URL") “\(base)” \(why); give an http(s) URL such as https://luutru.example.vn/ or a path such as /luu-tru/")
            throw ExitCode.failure
        }
        let report: CheckReport
        do throws(SiteFailure) {
            report = try await SiteChecker.check(BuildOptions(siteDirectory: site, includeDrafts: drafts, includeFuture: future, baseURL: base))
        } catch {
            warn(error.description)
            throw ExitCode.failure
        }
        for p in report.problems { warn(p.description) }
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let found = report.problems.isEmpty ? "no problems" : "\(count(report.errors, "error")), \(count(report.warnings, "warning"))"
        print("Checked \(count(report.articles, "article")), \(count(report.pages, "page")), \(count(report.links, "link")) in \(String(format: "%.2f", report.seconds)) s: \(found)")
        if report.fails(strict: strict) {
            if report.errors == 0 { warn("error: \(count(report.warnings, "warning")) and --strict: the check fails") }
            throw ExitCode.failure
        }
    }
}

struct Refs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the Party and State documents each file cites.",
        discussion: "Reads Markdown (.md) and plain-text (.txt) files; folders are walked. The files given together are one archive, settled exactly as `bantin build` settles a site's articles (front matter documents: and documents_exclude: included)."
    )

    @Argument(help: "Files or folders.")
    var paths: [String]

    @Flag(help: "One JSON object per line and file.")
    var json = false

    @Option(help: "The date assumed for files that carry none (plain text), as YYYY-MM-DD: plenum terms and documents without a year are settled as in an article of that day.")
    var date: String?

    @Option(help: "A site folder whose Content/documents.yml and site.yml locality are used.")
    var site: String?

    func run() async throws {
        var registry = Registry()
        var locality: String? = nil
        if let site {
            do throws(SiteFailure) { try SiteBuilder.checkSite(site) } catch {
                warn(error.description)
                throw ExitCode.failure
            }
            do {
                registry = try RegistryFile.load(file: site + "/Content/documents.yml", path: site + "/Content/documents.yml")
                locality = try SiteConfig.load(file: site + "/site.yml", path: site + "/site.yml").locality
            } catch {
                warn(error.description)
                throw ExitCode.failure
            }
        }
        var files: [String] = []
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                warn("\(p): error: no such file or folder; check the path")
                throw ExitCode.failure
            }
            if isDir.boolValue {
                let walker = FileManager.default.enumerator(atPath: p)
                var inner: [String] = []
                while let rel = walker?.nextObject() as? String {
                    guard rel.hasSuffix(".md") || rel.hasSuffix(".txt") else { continue }
                    inner.append(p.hasSuffix("/") ? p + rel : p + "/" + rel)
                }
                files += inner.sorted()
            } else {
                files.append(p)
            }
        }
        var assumed: IssueDate? = nil
        if let date {
            let parts = date.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, (1900...2100).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
                warn("error: --date \(date) is not a date; write it as YYYY-MM-DD, e.g. --date 2017-12-13")
                throw ExitCode.failure
            }
            assumed = IssueDate(year: parts[0], month: parts[1], day: parts[2])
        }
        // One archive: the files are settled together, exactly as a build settles its articles.
        let (reports, errors) = ReferenceReport.scan(files: files.map { ($0, $0) }, registry: registry, locality: locality, date: assumed)
        for e in errors { warn(e.description) }
        let failed = !errors.isEmpty
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for report in reports {
            if json {
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(report.file)
                for d in report.documents {
                    print("  \(d.label)  [\(d.slug)]  ×\(d.mentions.count)" + (d.title.map { "  “\($0)”" } ?? ""))
                }
                for u in report.unresolved { print("  ? \(u.text)  (\(u.line):\(u.column), unresolved)") }
                if report.documents.isEmpty && report.unresolved.isEmpty { print("  (no documents)") }
            }
        }
        if failed { throw ExitCode.failure }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn scraped plain-text news reports into Markdown articles.",
        discussion: """
        Reads .txt files (folders are walked) and writes DIR/YYYY/MM/slug.md with front matter. Site chrome \
        (banners, menus, breadcrumbs, share bars, counters, keyword lists, copyright, “Các tin khác” and what \
        follows) is dropped and listed in the report with the reason — by its shape, or because it repeats across \
        the pages of a folder. Paragraphs are kept word for word. What cannot be decided is reported and the \
        article is written as a draft.
        """
    )

    @Argument(help: "Text files or folders of them.")
    var sources: [String]

    @Option(help: "Where to write the articles.")
    var to: String = "Content"

    @Flag(help: "Show what would be written; write nothing.")
    var dryRun = false

    @Flag(help: "Replace articles that already exist.")
    var force = false

    @Flag(help: "Skip reports that would become drafts.")
    var strict = false

    @Option(help: "Write the report to this file instead of standard error.")
    var report: String?

    func run() async throws {
        for source in sources where !FileManager.default.fileExists(atPath: source) {
            warn("\(source): error: no such file or folder; check the path (bantin import takes .txt files or folders of them)")
            throw ExitCode.failure
        }
        var options = ImportOptions(destination: to)
        options.dryRun = dryRun
        options.force = force
        options.strict = strict
        let summary = Importer.run(sources: sources, options: options)
        let lines = summary.report.joined(separator: "\n")
        if let report {
            if let why = Importer.writeReport(lines, to: report) {
                warn("\(report): error: the report \(why); check the path or choose another --report")
                throw ExitCode.failure
            }
        } else if !lines.isEmpty {
            warn(lines)
        }
        for path in summary.written { print((dryRun ? "would write " : "wrote ") + path) }
        for e in summary.errors { warn(e) }
        print("Read \(summary.filesRead) files: \(summary.written.count) articles\(dryRun ? " to write" : " written"), \(summary.drafts) drafts, \(summary.skipped) skipped, \(summary.documentsCited) documents cited.")
        if !summary.errors.isEmpty || (summary.filesRead > 0 && summary.written.isEmpty && summary.skipped > 0) { throw ExitCode.failure }
    }
}
