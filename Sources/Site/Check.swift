import Archive
import Documents
import Foundation
import Markup
import Synchronization
import Templating

/// One thing `bantin check` found, at path:line:col.
public struct CheckProblem: Sendable, CustomStringConvertible, Equatable {
    public enum Severity: String, Sendable { case error, warning }
    public var path: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String

    public init(path: String, line: Int, column: Int, severity: Severity, message: String) {
        self.path = path; self.line = max(1, line); self.column = max(1, column); self.severity = severity; self.message = message
    }

    public var description: String { "\(path):\(line):\(column): \(severity.rawValue): \(message)" }
}

/// What `bantin check` found.
public struct CheckReport: Sendable {
    /// Sorted by path, line and column.
    public var problems: [CheckProblem] = []
    public var articles = 0
    public var pages = 0
    /// Links and images followed (external ones counted, not fetched).
    public var links = 0
    public var seconds = 0.0
    public var errors: Int { problems.count { $0.severity == .error } }
    public var warnings: Int { problems.count { $0.severity == .warning } }
    /// Errors fail a check; with `strict`, warnings too.
    public func fails(strict: Bool) -> Bool { errors > 0 || (strict && warnings > 0) }
}

/// `bantin check`: everything a build checks (site.yml, documents.yml, the theme, every article, slugs, images,
/// static/), then every link, image and `#anchor` of every page the build would write. It runs the build's own
/// stages — discover, load, index, plan, render — with the spill files in memory and the pages handed to a
/// `LinkChecker` instead of an `OutputWriter`, so nothing is written anywhere.
public enum SiteChecker {
    public static func check(_ options: BuildOptions) async throws(SiteFailure) -> CheckReport {
        let clock = ContinuousClock.now
        let site = options.siteDirectory
        try SiteBuilder.checkSite(site)
        var report = CheckReport()
        func finish() -> CheckReport {
            // A file a body links to that is missing: the build's warning and the link checker's error say one
            // thing at one place. Kept once, as an error (a check fails on it), in the build's words, which name
            // the file looked for (beside the article, or in static/).
            let missing = Set(report.problems.filter { $0.severity == .warning && $0.message.contains(" does not exist; add the file or correct the address") }
                .map { "\($0.path):\($0.line):\($0.column)" })
            if !missing.isEmpty {
                report.problems = report.problems.compactMap { p in
                    guard missing.contains("\(p.path):\(p.line):\(p.column)") else { return p }
                    guard p.severity == .warning else { return nil }
                    var e = p
                    e.severity = .error
                    return e
                }
            }
            report.problems.sort { ($0.path, $0.line, $0.column) < ($1.path, $1.line, $1.column) }
            let d = ContinuousClock.now - clock
            report.seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
            return report
        }
        func add(_ failure: SiteFailure) throws(SiteFailure) {
            guard case .content(let errors) = failure else { throw failure }
            report.problems += errors.map { CheckProblem(path: $0.path, line: $0.line, column: $0.column, severity: .error, message: $0.message) }
        }
        func add(_ warnings: [SiteWarning]) {
            report.problems += warnings.map { CheckProblem(path: $0.path, line: $0.line, column: $0.column, severity: .warning, message: $0.message) }
        }

        // discover: each of the site's files is checked, so one run says everything wrong with them.
        var config: SiteConfig? = nil, registry: Registry? = nil, theme: Theme? = nil
        do throws(SiteFailure) { config = try SiteBuilder.loadConfig(site, baseURL: options.baseURL) } catch { try add(error) }
        do throws(SiteFailure) { registry = try SiteBuilder.loadRegistry(site) } catch { try add(error) }
        do throws(SiteFailure) { theme = try SiteBuilder.loadTheme(site) } catch { try add(error) }
        var skipped: [SiteWarning] = []
        var contentFiles: [String] = []
        let files = SiteBuilder.discover(site + "/Content", skipped: &skipped, assets: &contentFiles)
        add(skipped)
        // Without site.yml nothing can be read; without documents.yml or the theme the articles still can, so their
        // errors are said in the same run, and the check stops after the load.
        guard let config else { return finish() }
        let failedBefore = registry == nil || theme == nil
        let usedRegistry = registry ?? Registry()
        let usedTheme: Theme
        if let theme { usedTheme = theme } else {
            do throws(TemplateError) { usedTheme = try Theme.load(overrideDirectory: nil) } catch { return finish() }
        }

        // load, index, plan: the build's stages, the spill files kept in memory.
        // The search index is data, not pages: the load skips its words and texts (the search page is still planned
        // and checked, as the renderer's config keeps `search`).
        var loadConfig = config
        loadConfig.search = false
        var loader = LoadContext(siteDirectory: site, config: loadConfig, registry: usedRegistry, includeDrafts: options.includeDrafts,
                                 theme: usedTheme, futureAfter: options.includeFuture ? nil : SiteBuilder.seconds(options.now))
        loader.keepSourceLinks = true
        let memory = SpillMemory()
        let index: SiteIndex
        let spillFiles: Int
        do throws(SiteFailure) {
            let loaded = try await SiteBuilder.load(files, loader: loader, work: "", memory: memory, progress: options.progress)
            spillFiles = loaded.1
            guard !failedBefore else { return finish() }
            index = try SiteIndex.build(loaded.0, config: config, registry: usedRegistry)
        } catch {
            try add(error)
            return finish()
        }
        let warnings = SiteBuilder.warnings(of: index, config: config, theme: theme)
        add(warnings)
        for u in index.unresolved {
            let prefix = "\(u.path):\(u.line):\(u.column): warning: "
            let text = u.description
            report.problems.append(CheckProblem(path: u.path, line: u.line, column: u.column, severity: .warning,
                                                message: text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text))
        }
        var renderer = PageRenderer(index: index, config: config, theme: usedTheme, spill: SpillReader(memory: memory, count: spillFiles),
                                    searchShards: [], searchWords: [])
        renderer.withoutBodies = true
        let plan: Plan
        let extras: [SiteBuilder.ExtraFile]
        do throws(SiteFailure) {
            plan = try SiteBuilder.plan(renderer)
            extras = try SiteBuilder.extraFiles(site, theme: usedTheme, plan: plan, index: index, contentFiles: contentFiles)
        } catch {
            try add(error)
            return finish()
        }

        // render: every page made from a template, handed to the checker.
        let checker = LinkChecker(renderer: renderer, plan: plan, extras: extras.map(\.path), warnings: warnings)
        let pages = plan.indices.filter { PageRenderer.isTemplated(plan[$0].1) }
        try await SiteBuilder.render(plan, only: pages, renderer: renderer, writer: checker, progress: options.progress)
        let found = checker.finish()
        report.problems += found.problems
        report.links = found.links
        report.articles = index.articles.count
        report.pages = pages.count
        return finish()
    }
}

/// Receives the rendered pages of a check (a `PageSink`) and checks every link, image and anchor they hold against
/// the files the build plans (pages, feeds, search files, theme assets, static/). Each page is scanned once as it
/// arrives; links to another page's `#anchor` wait until every page's ids are known.
final class LinkChecker: PageSink {
    let renderer: PageRenderer
    let resolver: LinkResolver
    /// Every output file the build would write, by path relative to the output.
    let outputs: Set<String>
    /// Plan position of each page by its output path.
    let jobs: [String: Int]
    let plan: Plan
    /// Article by its source path (“Content/2017/12/x.md”), for links written to a Markdown file.
    let articleBySource: [String: Int]
    /// Article by the last segment of its URL, for “did you mean”.
    let articleBySlug: [String: Int]
    /// Where the build already warns (an image it cannot find): the same thing is not said twice.
    let warned: Set<String>
    /// Links into the theme's templates, by template name, for saying where a broken link of a page was written.
    let templateLinks: [String: [TemplateLink]]

    struct TemplateLink {
        var path: String
        var line: Int
        var column: Int
        /// The value as the template writes it.
        var text: String
        /// Its literal parts around `{{…}}` tags: a rendered value matches when it holds them in order.
        var pieces: [String]
        var literalLength: Int { pieces.reduce(0) { $0 + $1.utf8.count } }

        func matches(_ value: String) -> Bool {
            if pieces.count == 1 { return value == pieces[0] }
            var rest = Substring(value)
            for (k, piece) in pieces.enumerated() {
                if k == 0 {
                    guard rest.hasPrefix(piece) else { return false }
                    rest = rest.dropFirst(piece.count)
                } else if k == pieces.count - 1 {
                    return rest.hasSuffix(piece)
                } else if let r = rest.range(of: piece) {
                    rest = rest[r.upperBound...]
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// A link to another page's anchor, checked once every page is scanned.
    struct Pending {
        var target: String
        var fragment: String
        var at: Place
        var raw: String
    }

    /// Where a problem is reported, with the key that groups its repeats (a theme's link on every page is one line).
    struct Place: Hashable {
        var path: String
        var line: Int
        var column: Int
    }

    struct State {
        var ids: [String: Set<String>] = [:]
        var pending: [Pending] = []
        var problems: [Place: (message: String, severity: CheckProblem.Severity, pages: Int)] = [:]
        var links = 0
    }
    let state = Mutex(State())

    init(renderer: PageRenderer, plan: Plan, extras: [String], warnings: [SiteWarning]) {
        self.renderer = renderer
        self.plan = plan
        let config = renderer.config
        resolver = LinkResolver(basePath: config.basePath, absoluteBase: config.absoluteBase)
        var outputs = Set(plan.map(\.0))
        outputs.formUnion(extras)
        self.outputs = outputs
        var jobs: [String: Int] = [:]
        for (k, (path, job)) in plan.enumerated() where PageRenderer.isTemplated(job) { jobs[path] = k }
        self.jobs = jobs
        var bySource: [String: Int] = [:], bySlug: [String: Int] = [:]
        for (i, a) in renderer.index.articles.enumerated() {
            bySource[a.meta.path] = i
            if let last = renderer.index.urls[i].split(separator: "/").last { bySlug[String(last)] = i }
        }
        articleBySource = bySource
        articleBySlug = bySlug
        warned = Set(warnings.map { "\($0.path):\($0.line)" })
        var links: [String: [TemplateLink]] = [:]
        let theme = renderer.theme
        for (name, text) in theme.sources {
            let rel = theme.overridden.contains(name + ".mustache") || Theme.defaultFiles[name + ".mustache"] != nil
                ? name + ".mustache" : "partials/" + name + ".mustache"
            links[name] = Self.links(inTemplate: Array(text.utf8), path: "Templates/" + rel)
        }
        templateLinks = links
    }

    /// The `href`, `src` and `action` values a template writes, each with its place and its literal parts.
    static func links(inTemplate bytes: [UInt8], path: String) -> [TemplateLink] {
        HTMLLinks.scan(bytes).links.map { found in
            let (line, column) = HTMLLinks.position(of: found.offset, in: bytes)
            var pieces: [String] = []
            var rest = Substring(found.value)
            while let open = rest.range(of: "{{") {
                pieces.append(String(rest[..<open.lowerBound]))
                guard let close = rest[open.upperBound...].range(of: "}}") else { rest = ""; break }
                rest = rest[close.upperBound...]
                if rest.hasPrefix("}") { rest = rest.dropFirst() }
            }
            pieces.append(String(rest))
            return TemplateLink(path: path, line: line, column: column, text: found.value, pieces: pieces)
        }
    }

    static func template(of job: PageJob) -> String? {
        switch job {
        case .article: return "article"
        case .home, .year, .month, .tag: return "list"
        case .tags: return "tags"
        case .archives: return "archives"
        case .document: return "document"
        case .documents: return "documents"
        case .redirect: return "redirect"
        case .notFound: return "404"
        case .searchPage: return "search"
        default: return nil
        }
    }

    func write(_ relative: String, producing produce: (([UInt8]) -> Void) -> Void) throws(SiteFailure) {
        var bytes: [UInt8] = []
        produce { bytes += $0 }
        try write(relative, bytes)
    }

    func write(_ relative: String, _ page: [UInt8]) throws(SiteFailure) {
        guard let k = jobs[relative] else { return }
        let job = plan[k].1
        let pageURL = resolver.url(ofPage: relative)
        let scanned = HTMLLinks.scan(page)
        var ids = Set(scanned.ids)
        var local = State()
        local.links = scanned.links.count
        var theme: [(HTMLLinks.Found, String)] = []

        // The article's body: its links checked at their place in the Markdown, its ids added to the page's.
        var imageAddress: String? = nil
        if case .article(let i) = job {
            let record = renderer.index.articles[i]
            if let image = record.meta.image {
                let address = PageRenderer.encodedAddress(image)
                imageAddress = image.hasPrefix("/") && !image.hasPrefix("//") ? renderer.link(String(address.dropFirst())) : address
            }
            let body = HTMLLinks.scan(try renderer.spill.read(record.body))
            ids.formUnion(body.ids)
            // Document links Bantin inserted are its own: only what the author wrote is checked.
            let written = body.links.filter { !$0.value.hasPrefix("bantin:doc:") }
            local.links += written.count
            // The page's links are the source's, in order, unless raw HTML added some: then each is matched by its
            // address a little ahead of the last one matched (a bounded look, so a body stays linear).
            let sources = record.sourceLinks
            var cursor = 0
            for (n, link) in written.enumerated() {
                var source: WrittenLink? = nil
                if written.count == sources.count {
                    source = sources[n]
                } else {
                    let value = LinkResolver.percentDecoded(Substring(link.value))
                    if let s = sources[cursor..<min(sources.count, cursor + 64)].firstIndex(where: { LinkResolver.percentDecoded(Substring($0.url)) == value }) {
                        source = sources[s]
                        cursor = s + 1
                    }
                }
                let place = Place(path: record.meta.path, line: source?.line ?? record.meta.bodyLine, column: source?.column ?? 1)
                checkBodyLink(link.value, isImage: link.isImage, written: source?.url ?? link.value, article: i, page: pageURL, ids: ids,
                              at: place, into: &local)
            }
        }

        for link in scanned.links {
            switch resolver.resolve(link.value, from: pageURL) {
            case .external: continue
            case .samePage(fragment: let f?) where !f.isEmpty && f.lowercased() != "top":
                if !ids.contains(f) {
                    theme.append((link, "the link “#\(f)” names no element of this page (none has id=“\(f)”); correct the anchor in the template"))
                }
            case .samePage: continue
            case .inside(let path, let fragment):
                guard let file = file(for: path) else {
                    let leads = link.value == resolver.basePath + path ? "" : " leads to \(resolver.basePath)\(path), which"
                    let message = "the link “\(link.value)”\(leads) is not a page or file of the site; correct it in the template"
                    if let imageAddress, link.value == imageAddress, case .article(let i) = job {
                        let m = renderer.index.articles[i].meta
                        guard !warned.contains("\(m.path):\(m.imageLine)") else { continue }
                        report(Place(path: m.path, line: m.imageLine, column: 1), .error,
                               "the image “\(m.image ?? "")” is not published with the site (it would be at \(resolver.basePath)\(path)); add the file to static/ or correct “image:”", into: &local)
                        continue
                    }
                    theme.append((link, message))
                    continue
                }
                if let fragment, !fragment.isEmpty, fragment.lowercased() != "top", jobs[file] != nil {
                    local.pending.append(Pending(target: file, fragment: fragment, at: place(of: link, in: page, job: job, relative: relative), raw: link.value))
                }
            case .outside(let path):
                // A path of the host outside the base path: another application's, unless it names a page of this
                // site without its base path (a link written for a site at the host's root).
                let rel = String(path.dropFirst())
                guard resolver.basePath != "/", file(for: rel) != nil else { continue }
                theme.append((link, "the link “\(link.value)” leaves the site's base path \(resolver.basePath); write \(resolver.basePath)\(rel)"))
            }
        }
        for (link, message) in theme {
            report(place(of: link, in: page, job: job, relative: relative), .error, message, into: &local)
        }
        let merged = local
        state.withLock { s in
            s.ids[relative] = ids
            s.pending += merged.pending
            s.links += merged.links
            for (place, p) in merged.problems { Self.merge(place, p, into: &s) }
        }
    }

    /// The output file a path inside the site names, as a static server finds it: a folder's index.html, and a
    /// folder named without its final slash (servers redirect it).
    func file(for path: String) -> String? {
        if path.isEmpty || path.hasSuffix("/") { return outputs.contains(path + "index.html") ? path + "index.html" : nil }
        if outputs.contains(path) { return path }
        return outputs.contains(path + "/index.html") ? path + "/index.html" : nil
    }

    /// A link an article's body writes, resolved from its page; problems at the link's place in the Markdown.
    func checkBodyLink(_ value: String, isImage: Bool, written: String, article i: Int, page: String, ids: Set<String>, at place: Place,
                       into local: inout State) {
        let what = isImage ? "the image" : "the link"
        switch resolver.resolve(value, from: page) {
        case .external: return
        case .samePage(fragment: let f?) where !f.isEmpty && f.lowercased() != "top":
            if !ids.contains(f) {
                report(place, .error, "the link “\(written)” names the anchor #\(f), which this page does not have" + headingList(i), into: &local)
            }
        case .samePage: return
        case .inside(let path, let fragment):
            if let file = file(for: path) {
                if let fragment, !fragment.isEmpty, fragment.lowercased() != "top", jobs[file] != nil {
                    local.pending.append(Pending(target: file, fragment: fragment, at: place, raw: written))
                }
                return
            }
            report(place, .error, brokenBodyLink(what, written: written, leadsTo: resolver.basePath + path, article: i, page: page), into: &local)
        case .outside(let path):
            let rel = String(path.dropFirst())
            guard resolver.basePath != "/", file(for: rel) != nil else { return }
            report(place, .error, "\(what) “\(written)” leaves the site's base path \(resolver.basePath); write \(resolver.basePath)\(rel) or a link relative to this page", into: &local)
        }
    }

    /// "; its headings' anchors are #a, #b": the first eight, so an article of thousands costs no more.
    func headingList(_ i: Int) -> String {
        let all = (try? renderer.headings(i)) ?? []
        let headings = all.prefix(8).map { "#" + $0.id }
        return headings.isEmpty ? " (the article has no headings)" : "; its headings' anchors are " + headings.joined(separator: ", ")
            + (all.count > 8 ? ", …" : "")
    }

    /// What is wrong with a body link that leads nowhere, and what to write instead.
    func brokenBodyLink(_ what: String, written: String, leadsTo target: String, article i: Int, page: String) -> String {
        let source = renderer.index.articles[i].meta.path
        var path = Substring(written)
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = path[..<cut] }
        let fragment = written.firstIndex(of: "#").map { String(written[$0...]) } ?? ""
        // A link to an article's Markdown file, as an editor's preview follows it: the published page has a URL.
        if path.hasSuffix(".md"), LinkResolver.scheme(of: path) == nil, !path.hasPrefix("/") {
            let folder = source.split(separator: "/").dropLast().joined(separator: "/")
            let named = String(LinkResolver.removingDotSegments("/" + folder + "/" + LinkResolver.percentDecoded(path)).dropFirst())
            if let j = articleBySource[named] {
                return "\(what) “\(written)” names the Markdown file \(named), which is not published (from this page's URL it leads to \(target)); link to the article's URL instead: \(renderer.link(renderer.index.urls[j]))\(fragment)"
            }
        }
        var message = "\(what) “\(written)” leads to \(target), which is not a page or file of the site"
        let last = target.split(separator: "/").last.map(String.init) ?? ""
        let slug = last.hasSuffix(".md") ? String(last.dropLast(3)) : last
        if !isImageName(last), let j = articleBySlug[slug] {
            message += "; did you mean \(renderer.link(renderer.index.urls[j]))\(fragment)?"
        } else if what == "the image" {
            message += "; add the file or correct the path"
        } else {
            message += "; correct the link"
        }
        if !path.hasPrefix("/"), LinkResolver.scheme(of: path) == nil {
            message += " (a relative link starts from the page's URL, \(page), not from the Markdown file's folder)"
        }
        return message
    }

    func isImageName(_ s: String) -> Bool {
        let l = s.lowercased()
        return [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif"].contains { l.hasSuffix($0) }
    }

    /// Where a link of a rendered page was written: the template that writes it when one of the page's templates
    /// has a link of that shape (the most specific one), else the page itself as the build would write it.
    func place(of link: HTMLLinks.Found, in page: [UInt8], job: PageJob, relative: String) -> Place {
        if let name = Self.template(of: job) {
            var best: TemplateLink? = nil
            var tie = false
            for t in renderer.theme.dependencies(of: name) {
                for candidate in templateLinks[t] ?? [] where candidate.matches(link.value) {
                    if best == nil || candidate.literalLength > best!.literalLength {
                        best = candidate; tie = false
                    } else if candidate.literalLength == best!.literalLength, candidate.path != best!.path || candidate.line != best!.line {
                        tie = true
                    }
                }
            }
            if let best, !tie { return Place(path: best.path, line: best.line, column: best.column) }
        }
        let (line, column) = HTMLLinks.position(of: link.offset, in: page)
        return Place(path: "Output/" + relative, line: line, column: column)
    }

    func report(_ place: Place, _ severity: CheckProblem.Severity, _ message: String, into local: inout State) {
        Self.merge(place, (message, severity, 1), into: &local)
    }

    static func merge(_ place: Place, _ p: (message: String, severity: CheckProblem.Severity, pages: Int), into s: inout State) {
        if let old = s.problems[place] {
            s.problems[place] = (old.message, old.severity, old.pages + p.pages)
        } else {
            s.problems[place] = p
        }
    }

    /// Checks the links to other pages' anchors, now that every page's ids are known, and gives every problem once
    /// per place (with how many pages share it).
    func finish() -> (problems: [CheckProblem], links: Int) {
        state.withLock { s in
            for p in s.pending where !(s.ids[p.target]?.contains(p.fragment) ?? true) {
                var message = "the link “\(p.raw)” names the anchor #\(p.fragment), which \(p.target == "index.html" ? resolver.basePath : resolver.url(ofPage: p.target)) does not have"
                if let k = jobs[p.target], case .article(let i) = plan[k].1 {
                    message += headingList(i)
                } else {
                    message += "; correct the anchor"
                }
                Self.merge(p.at, (message, .error, 1), into: &s)
            }
            s.pending = []
            let problems = s.problems.map { (place, p) in
                CheckProblem(path: place.path, line: place.line, column: place.column, severity: p.severity,
                             message: p.pages > 1 ? p.message + " (on \(p.pages) pages)" : p.message)
            }
            return (problems, s.links)
        }
    }
}
