import Archive
import Documents
import FileIO
import Foundation
import Search
import Synchronization
import Templating
import Vietnamese

/// What to build and where.
public struct BuildOptions: Sendable {
    /// The site folder: its Content/, Templates/ and site.yml.
    public var siteDirectory: String
    /// Where the site goes; default the site's Output/.
    public var outputDirectory: String
    public var includeDrafts: Bool
    /// Also build articles dated after `now` (`--future`); otherwise they are left out, as Hugo and Zola do.
    public var includeFuture: Bool
    /// The build's current time: an article dated after it is a future article. Tests pass a fixed one.
    public var now: Date
    /// Replaces site.yml's `base_url` (`--base-url`, `BANTIN_BASE_URL`): checked as `base_url` is.
    public var baseURL: String?
    /// Empty the output folder first, the user's files too (`--clean`); otherwise only files Bantin wrote are
    /// replaced or removed, and a folder it did not build is refused.
    public var clean: Bool
    /// Called with (stage, done, total) while the build runs.
    public var progress: (@Sendable (String, Int, Int) -> Void)?

    public init(siteDirectory: String, outputDirectory: String? = nil, includeDrafts: Bool = false, includeFuture: Bool = false,
                now: Date = Date(), baseURL: String? = nil, clean: Bool = false,
                progress: (@Sendable (String, Int, Int) -> Void)? = nil) {
        self.siteDirectory = OutputWriter.absolute(siteDirectory)
        self.outputDirectory = outputDirectory.map(OutputWriter.absolute) ?? (self.siteDirectory + "/Output")
        self.includeDrafts = includeDrafts
        self.includeFuture = includeFuture
        self.now = now
        self.baseURL = baseURL
        self.clean = clean
        self.progress = progress
    }
}

/// What a build did.
public struct BuildReport: Sendable {
    public var articles: Int
    public var pages: Int
    public var documents: Int
    public var seconds: Double
    /// References the build could not settle; printed as warnings.
    public var unresolved: [Unresolved]
    /// Seconds spent in each stage, in order.
    public var stages: [(String, Double)] = []
    /// What the articles' front matter needed changed (a slug, control characters), in file order; printed as
    /// warnings with `unresolved`.
    public var warnings: [SiteWarning] = []
    /// Every warning of the build as it is printed: `bantin build --strict` fails when there is any.
    public var warningLines: [String] { warnings.map(\.description) + unresolved.map(\.description) }
    /// Files in the output folder that Bantin did not write, kept, and not reported by an earlier build.
    public var kept: [String] = []
    /// Articles left out because they are dated after the build's time (without `--future`).
    public var futureLeftOut = 0
}

/// Measures the stages of a build.
struct StageClock {
    private var last = ContinuousClock.now
    private(set) var stages: [(String, Double)] = []

    mutating func lap(_ name: String) {
        let now = ContinuousClock.now
        let d = now - last
        stages.append((name, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18))
        last = now
    }

    /// Starts the next stage now: the time since the last lap was measured elsewhere.
    mutating func skip() { last = ContinuousClock.now }
}

/// The build: discover → load → index → render → write.
public enum SiteBuilder {
    /// Bantin's version; part of every page fingerprint, so a new Bantin never trusts pages an older one wrote.
    public static let version = "0.4.0"

    public static func build(_ options: BuildOptions) async throws(SiteFailure) -> BuildReport {
        let clock = ContinuousClock.now
        var stages = StageClock()
        let site = options.siteDirectory
        let out = options.outputDirectory
        let fm = FileManager.default
        // guard: nothing is created before the site, the output folder and the site's own files are checked.
        let ownership = try guardOutput(options, cache: nil)

        // discover
        let config = try loadConfig(site, baseURL: options.baseURL)
        let registry = try loadRegistry(site)
        let theme = try loadTheme(site)
        var skipped: [SiteWarning] = []
        var contentFiles: [String] = []
        let files = discover(site + "/Content", skipped: &skipped, assets: &contentFiles)
        stages.lap("discover")

        OutputFolder.removeLeftovers(of: out)
        let writer = try OutputWriter(outputDirectory: out, ownership: ownership, clean: options.clean)
        let work = writer.stagingDirectory + ".work"
        do { try fm.createDirectory(atPath: work, withIntermediateDirectories: true) } catch {
            writer.abandon()
            throw SiteFailure.io("cannot create \(work): \(error.localizedDescription)")
        }
        defer { try? fm.removeItem(atPath: work) }
        do {
            // load
            let loader = LoadContext(siteDirectory: site, config: config, registry: registry, includeDrafts: options.includeDrafts,
                                     theme: theme, futureAfter: options.includeFuture ? nil : Self.seconds(options.now))
            let (records, spillFiles, merged, recordOfFile, future) = try await load(files, loader: loader, work: work,
                                                                                    postings: config.search ? PostingsFiles(directory: work) : nil,
                                                                                    progress: options.progress)
            stages.lap("load")
            // index, render + write: in a function of their own, so the records, the index and the plan are freed
            // before the commit walks the output (at a million articles they are a gigabyte).
            var report = try await renderSite(consume records, spillFiles: spillFiles, merged: merged, recordOfFile: consume recordOfFile,
                                              site: site, work: work, config: config, registry: registry, theme: theme,
                                              contentFiles: contentFiles, writer: writer, stages: &stages, progress: options.progress)
            report.kept = try writer.commit()
            stages.lap("write")
            let seconds = Double((ContinuousClock.now - clock).components.attoseconds) / 1e18
                + Double((ContinuousClock.now - clock).components.seconds)
            report.seconds = seconds
            report.stages = stages.stages
            report.warnings = skipped + report.warnings
            report.futureLeftOut = future
            return report
        } catch {
            try? fm.removeItem(atPath: work)
            writer.abandon()
            throw error
        }
    }

    /// The index, then every page, search file and copied file handed to `writer`: a whole build's stages after the
    /// load. Returns the report without what the commit adds (kept files, time).
    static func renderSite(_ records: consuming [ArticleRecord], spillFiles: Int, merged: PostingsMerger, recordOfFile: consuming [Int],
                           site: String, work: String, config: SiteConfig, registry: Registry, theme: Theme, contentFiles: [String],
                           writer: OutputWriter, stages: inout StageClock,
                           progress: (@Sendable (String, Int, Int) -> Void)?) async throws(SiteFailure) -> BuildReport {
        // index
        let index = try SiteIndex.build(consume records, config: config, registry: registry)
        stages.lap("index")
        // render + write
        let spill = try SpillReader(directory: work, count: spillFiles)
        defer { spill.close() }
        let rank = recordOfFile.map { $0 < 0 ? 0 : index.rank[$0] }
        _ = consume recordOfFile
        var renderer = PageRenderer(index: index, config: config, theme: theme, spill: spill, searchShards: [], searchWords: [])
        // The search index is encoded part by part and laid out first; its shards are planned by number and
        // written as each part is assembled, so neither all encodings nor all shards are ever held.
        let search = config.search ? try await encodeSearch(merged, rank: rank) : nil
        if let search {
            renderer.searchShards = Array(repeating: [], count: search.shardCount)
            renderer.searchWords = Array(repeating: [], count: search.wordCount)
        }
        FileIO.returnFreedMemory()
        let plan = try plan(renderer)
        try writer.prepareFolders(for: plan.lazy.map(\.0))
        var pages: [Int] = []
        pages.reserveCapacity(plan.count)
        // By job alone: an article's path is made only when its page is written.
        for (k, job) in plan.jobs.enumerated() {
            switch job {
            case .searchShard, .searchWord: break
            case .searchMeta: try writer.write(plan.path(k), try renderer.render(job, plan: plan))
            default: pages.append(k)
            }
        }
        if let search { try await writeSearch(search, to: writer) }
        FileIO.returnFreedMemory()
        try await render(plan, only: pages, renderer: renderer, writer: writer, progress: progress)
        for extra in try extraFiles(site, theme: theme, plan: plan, index: index, contentFiles: contentFiles) {
            try writer.write(extra.path, try extra.bytes())
        }
        stages.lap("render")
        var report = BuildReport(articles: index.articles.count, pages: plan.count, documents: index.documents.count,
                                 seconds: 0, unresolved: index.unresolved)
        report.warnings = SiteBuilder.warnings(of: index, config: config, theme: theme)
        return report
    }

    /// A whole build's search postings encoded and laid out (`SearchFiles.encode(merged:rank:)`).
    static func encodeSearch(_ merged: PostingsMerger, rank: [Int]) async throws(SiteFailure) -> EncodedIndex {
        do throws(SpillFailure) { return try await SearchFiles.encode(merged: merged, rank: rank) } catch { throw SiteFailure.io(error.message) }
    }

    /// Writes the shards and word files of `search` as they are assembled, at the paths `PageRenderer.plan` gives them.
    static func writeSearch(_ search: EncodedIndex, to writer: OutputWriter) async throws(SiteFailure) {
        let failure = Mutex<SiteFailure?>(nil)
        do throws(SpillFailure) {
            try await search.write(shard: { (n, bytes) throws(SpillFailure) in
                do throws(SiteFailure) { try writer.write(PageRenderer.searchShardPath(n), bytes) } catch {
                    failure.withLock { $0 = $0 ?? error }
                    throw SpillFailure(message: error.description)
                }
            }, word: { (n, bytes) throws(SpillFailure) in
                do throws(SiteFailure) { try writer.write(PageRenderer.searchWordPath(n), bytes) } catch {
                    failure.withLock { $0 = $0 ?? error }
                    throw SpillFailure(message: error.description)
                }
            })
        } catch {
            throw failure.withLock { $0 } ?? SiteFailure.io(error.message)
        }
    }

    /// The guard every build passes before it creates anything: the site exists and has Content/, the output folder
    /// is not one of the user's own (`OutputFolder.check`), and Bantin may write there (`OutputFolder.inspect`).
    static func guardOutput(_ options: BuildOptions, cache: String?) throws(SiteFailure) -> OutputFolder.Ownership {
        try checkSite(options.siteDirectory)
        try OutputFolder.check(options.outputDirectory, site: options.siteDirectory, cache: cache)
        return try OutputFolder.inspect(options.outputDirectory, clean: options.clean)
    }

    /// The site folder exists and holds Content/.
    public static func checkSite(_ site: String) throws(SiteFailure) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: site, isDirectory: &isDir) else {
            throw SiteFailure.file(site, "the site folder does not exist; pass --site with the folder that holds Content/, Templates/ and site.yml")
        }
        guard isDir.boolValue else {
            throw SiteFailure.file(site, "this is a file, not a site folder; pass --site with the folder that holds Content/, Templates/ and site.yml")
        }
        guard FileManager.default.fileExists(atPath: site + "/Content", isDirectory: &isDir), isDir.boolValue else {
            throw SiteFailure.file(site, "the site folder has no Content/ folder; put the articles in Content/, or pass --site with the folder that holds it")
        }
    }

    static func loadTheme(_ site: String) throws(SiteFailure) -> Theme {
        do { return try Theme.load(overrideDirectory: site + "/Templates") } catch { throw SiteFailure.from(error) }
    }

    /// A file copied into the output as it is: a theme asset, a file of the site's static/ folder, or a file of
    /// Content/ (a page bundle's, or one an article links to).
    struct ExtraFile {
        var path: String
        /// The asset's bytes; nil for a file of the site, read only when it must be written.
        var asset: [UInt8]?
        var source: String?

        func bytes() throws(SiteFailure) -> [UInt8] {
            if let asset { return asset }
            guard let d = FileManager.default.contents(atPath: source!) else {
                throw SiteFailure.file(source!, "cannot read this file, which the build copies into the output; check its permissions")
            }
            return [UInt8](d)
        }

        /// What decides whether it must be written again: its bytes (an asset) or its stamp on disk (a static file,
        /// so an unchanged one is not even read).
        func signature() -> UInt64 {
            if let asset { return Fingerprint.of(asset) }
            var f = Fingerprint()
            f.add(source!)
            if let s = FileStamp.of(source!) { f.add(s.size); f.add(s.seconds); f.add(s.nanoseconds); f.add(Int(truncatingIfNeeded: s.inode)) }
            return f.value
        }
    }

    /// The theme's assets, then every file of the site's static/ folder at the same path in the output, then the
    /// files of Content/ the articles bring (`contentFiles(index:files:)`). A file where a page, an asset or another
    /// file goes is an error.
    static func extraFiles(_ site: String, theme: Theme, plan: Plan, index: SiteIndex?,
                           contentFiles: [String]) throws(SiteFailure) -> [ExtraFile] {
        var extras = theme.assets.sorted(by: { $0.key < $1.key }).map { ExtraFile(path: $0.key, asset: $0.value) }
        let folder = site + "/static"
        // `.gitkeep` holds an empty folder in git (`bantin new site` writes one); `.DS_Store` is the Finder's: neither
        // is meant for readers.
        let files = FileIO.exists(folder)
            ? OutputFolder.walk(folder).files.filter { !$0.hasSuffix(".DS_Store") && $0 != ".gitkeep" && !$0.hasSuffix("/.gitkeep") }.sorted() : []
        let resources = index.map { Self.contentFiles(index: $0, files: contentFiles, site: site) } ?? []
        guard !files.isEmpty || !resources.isEmpty else { return extras }
        // Pages, feeds and data files end so; a CNAME or a favicon cannot take their place, and the plan's paths (tens
        // of thousands) are gathered only when a copied file might.
        let pageLike = { (f: String) in [".html", ".xml", ".json", ".txt"].contains { f.hasSuffix($0) } }
        let mayCollide = files.contains(where: pageLike) || resources.contains { pageLike($0.path) }
        var taken = mayCollide ? Set(plan.map(\.0)).union(theme.assets.keys) : Set(theme.assets.keys)
        var errors: [SiteError] = []
        for f in files {
            if taken.contains(f) || f == OutputFolder.manifestName {
                errors.append(SiteError(path: "static/" + f, message: "the build writes its own \(f) there; rename or remove this file"))
            } else if !OutputWriter.isSafe(f) {
                errors.append(SiteError(path: "static/" + f, message: "this name cannot be copied into the output; rename the file"))
            } else {
                extras.append(ExtraFile(path: f, source: folder + "/" + f))
            }
        }
        taken.formUnion(files)
        for r in resources {
            if taken.contains(r.path) || r.path == OutputFolder.manifestName {
                let what = files.contains(r.path) ? "static/\(r.path) is copied" : "the build writes its own file"
                errors.append(SiteError(path: r.from, message: "this file would be published at /\(r.path), where \(what); rename or move one of them"))
            } else if let other = r.clash {
                errors.append(SiteError(path: r.from, message: "this file would be published at /\(r.path), where \(other) is published too; rename or move one of them"))
            } else if !OutputWriter.isSafe(r.path) {
                errors.append(SiteError(path: r.from, message: "this name cannot be copied into the output; rename the file"))
            } else {
                extras.append(ExtraFile(path: r.path, source: site + "/" + r.from))
            }
        }
        if !errors.isEmpty { throw SiteFailure.content(errors) }
        return extras
    }

    /// A file of Content/ to publish: where (output-relative), from where (site-relative), and another file of
    /// Content/ that would be published at the same place.
    struct ContentResource {
        var path: String
        var from: String
        var clash: String?
    }

    /// The files of Content/ the built articles bring (see `ArticleFiles` for the rules): every file of a page
    /// bundle's folder and below, next to its page, and each other file an article links to, at its path under
    /// Content/. `files` is the walk's list of Content/'s files that are not articles (`discover`'s `assets`),
    /// sorted. Sorted by output path; one file published at two places is fine, two files at one place a clash.
    static func contentFiles(index: SiteIndex, files: [String], site: String) -> [ContentResource] {
        var at: [String: ContentResource] = [:]
        func add(_ path: String, _ from: String) {
            // Articles come in index order, so which file is named first does not change from build to build.
            if let old = at[path] {
                if old.from != from, old.clash == nil { at[path]!.clash = from }
                return
            }
            at[path] = ContentResource(path: path, from: from)
        }
        for (i, r) in index.articles.enumerated() {
            let bundle = ArticleFiles.bundleFolder(of: r.meta.path)
            if let bundle {
                var k = files.insertionPoint(bundle)
                while k < files.count, files[k].hasPrefix(bundle) {
                    add(index.urls[i] + files[k].dropFirst(bundle.utf8.count), files[k])
                    k += 1
                }
            }
            for f in r.files where f.hasPrefix("Content/") && !(bundle.map { f.hasPrefix($0) } ?? false) {
                // Linked but missing when the article was read, or gone since: nothing to copy (the article warned).
                guard FileIO.kind(site + "/" + f) == .file else { continue }
                add(String(f.dropFirst("Content/".count)), f)
            }
        }
        return at.values.sorted { $0.path < $1.path }
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The articles' own warnings, sorted by path so a build prints them in the same order every time.
    static func warnings(of index: SiteIndex, config: SiteConfig, theme: Theme?) -> [SiteWarning] {
        configWarnings(config)
            + (theme?.warnings ?? []).map { SiteWarning(path: $0.path, line: $0.line, column: $0.column, message: $0.message) }
            + index.articles.lazy.filter { !$0.meta.warnings.isEmpty }.map(\.meta).sorted { $0.path < $1.path }.flatMap(\.warnings)
            + index.urlWarnings
    }

    /// What site.yml (or `--base-url`) asks that the build can do but not well.
    static func configWarnings(_ config: SiteConfig) -> [SiteWarning] {
        guard config.basePath != "/" else { return [] }
        // Crawlers read robots.txt only at the host's root (RFC 9309): under a path it is never seen.
        return [SiteWarning(path: "site.yml", line: config.baseURLLine, message: "base_url \(config.baseURL) has a path, so robots.txt is written at \(config.basePath)robots.txt, where crawlers never look (they read only /robots.txt at the host's root); copy its lines into the host's own robots.txt")]
    }

    /// The build's time in whole seconds since the Unix epoch, as article dates are compared.
    static func seconds(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }

    /// site.yml, with `base_url` replaced by `baseURL` (`--base-url`) when given, checked as site.yml's is.
    static func loadConfig(_ site: String, baseURL: String? = nil) throws(SiteFailure) -> SiteConfig {
        var config: SiteConfig
        do { config = try SiteConfig.load(file: site + "/site.yml", path: "site.yml") } catch { throw .content([error]) }
        if let baseURL {
            if let why = SiteConfig.baseURLProblem(baseURL) {
                throw .content([SiteError(path: "--base-url", message: "the base URL “\(baseURL)” \(why); give an http(s) URL such as https://luutru.example.vn/ or a path such as /luu-tru/")])
            }
            config.baseURL = baseURL
        }
        return config
    }

    static func loadRegistry(_ site: String) throws(SiteFailure) -> Registry {
        do { return try RegistryFile.load(file: site + "/Content/documents.yml", path: "Content/documents.yml") } catch {
            throw .content([error])
        }
    }

    /// Content/**/*.md, sorted, as site-relative paths; what was skipped is left out (see the next).
    static func discover(_ content: String) -> [String] {
        var skipped: [SiteWarning] = []
        return discover(content, skipped: &skipped)
    }

    static func discover(_ content: String, skipped: inout [SiteWarning],
                         list: (String) -> Result<[FileIO.Entry], FileIO.Failure> = FileIO.listing) -> [String] {
        var assets: [String] = []
        return discover(content, skipped: &skipped, assets: &assets, list: list)
    }

    /// Content/**/*.md, sorted, as site-relative paths. Hidden files and folders are skipped in silence; anything
    /// else skipped that may have been meant as input is a warning in `skipped`: a folder that cannot be read, a
    /// symbolic link to a folder (never followed), a symbolic link loop, a `.md` that is a FIFO, socket or device
    /// or a link to nothing. `list` is `FileIO.listing` but in tests. Read with `readdir`, whose entry types spare
    /// a `stat` per file: FileManager's enumerator took a tenth of a second on 10,000 articles, every build.
    /// `assets` receives the other files (images, attachments: what page bundles publish), sorted; a symbolic link
    /// to a file outside Content/ is not one of them (a warning).
    static func discover(_ content: String, skipped: inout [SiteWarning], assets: inout [String],
                         list: (String) -> Result<[FileIO.Entry], FileIO.Failure> = FileIO.listing) -> [String] {
        var files: [String] = []
        assets.removeAll()
        var realContent: String?? = nil
        func skip(_ path: String, _ message: String) { skipped.append(SiteWarning(path: path, message: message)) }
        func walk(_ dir: String, _ relative: String) {
            let entries: [FileIO.Entry]
            switch list(dir) {
            case .success(let e): entries = e
            case .failure(let why):
                skip("Content/" + relative, "this folder cannot be read (\(why.description)), so the articles in it are not built: make it readable")
                return
            }
            for entry in entries where !entry.name.hasPrefix(".") {
                let path = "Content/" + relative + entry.name
                let isArticle = entry.name.hasSuffix(".md")
                switch entry.kind {
                case .folder: walk(dir + "/" + entry.name, relative + entry.name + "/")
                case .file:
                    if isArticle { files.append(path) } else if path != "Content/documents.yml" { assets.append(path) }
                case .link:
                    // Links are not followed into folders (they could lead out of Content/ or back into it); a link
                    // to an article is read.
                    switch FileIO.kind(of: dir + "/" + entry.name, followingLinks: true) {
                    case .success(.folder):
                        skip(path, "a symbolic link to a folder, which is not followed, so the articles in it are not built: move the folder into Content/ (or copy it)")
                    case .success(.file):
                        if isArticle { files.append(path); break }
                        if realContent == nil { realContent = .some(FileIO.realPath(content)) }
                        if let root = realContent!, FileIO.realPath(dir + "/" + entry.name)?.hasPrefix(root + "/") == true {
                            assets.append(path)
                        } else {
                            skip(path, "a symbolic link to a file outside Content/, which is not followed, so it is not published: copy the file into Content/")
                        }
                    case .success: if isArticle { skip(path, "a symbolic link to something that is not a regular file, so it is not read: make it a Markdown file") }
                    case .failure(let why) where why.code == ELOOP:
                        skip(path, "a symbolic link loop (it leads back to itself), so it is not read: remove it or point it at a file")
                    case .failure(let why):
                        if isArticle { skip(path, "a symbolic link that cannot be followed (\(why.description)), so it is not read: point it at a file") }
                    }
                case .other:
                    if isArticle { skip(path, "not a regular file (a FIFO, socket or device), so it is not read: make it a Markdown file") }
                }
            }
        }
        walk(content, "")
        skipped.sort { $0.path < $1.path }
        assets.sort()
        return files.sorted()
    }

    /// What loading a list of files gave, file by file.
    struct LoadOutcome: Sendable {
        /// Per file: its record, nil for a draft or undated article that is not built, or its error.
        var results: [Result<ArticleRecord?, SiteError>]
        /// Search postings; articles are numbered by the `ids` the load was given.
        var merged: PostingsMerger
        /// The same, as one dictionary (empties `merged`).
        func postings() throws(SiteFailure) -> SearchPostings {
            do throws(SpillFailure) { return try merged.postings() } catch { throw SiteFailure.io(error.message) }
        }
        /// Spill files written, numbered from the load's `firstSpill`.
        var spillFiles: Int
        /// Files left out as future articles (by position in the files loaded), with their dates in epoch seconds.
        var future: [Int: Int] = [:]
        /// `results` cut by load task, in order, when the load was asked for them so (`results` is then empty).
        var chunks: [[Result<ArticleRecord?, SiteError>]] = []
    }

    /// Loads files in parallel chunks; results come back in file order, whatever order tasks finish in.
    /// `ids[k]` is the number file k's article has in the search postings.
    /// The spill files go to `work`, or to `memory` when given (nothing written); the search postings to `postings`
    /// when given, or stay in memory. `byChunk`: the results come in `chunks`, not gathered into `results`.
    static func loadEach(_ files: [String], ids: [UInt32], loader: LoadContext, work: String, memory: SpillMemory? = nil, firstSpill: Int = 0,
                         postings spill: PostingsFiles? = nil, byChunk: Bool = false,
                         progress: (@Sendable (String, Int, Int) -> Void)?) async throws(SiteFailure) -> LoadOutcome {
        let chunkSize = max(8, min(256, files.count / (ProcessInfo.processInfo.activeProcessorCount * 8) + 1))
        let chunks = stride(from: 0, to: files.count, by: chunkSize).map { $0..<min(files.count, $0 + chunkSize) }
        typealias ChunkResult = (Int, [Result<ArticleRecord?, SiteError>], String?, [Int: Int])
        var results = [ChunkResult]()
        results.reserveCapacity(chunks.count)
        let merged = PostingsMerger(spill: spill)
        var future: [Int: Int] = [:]
        let width = ProcessInfo.processInfo.activeProcessorCount
        await withTaskGroup(of: ChunkResult.self) { group in
            var next = 0
            func add() {
                let c = next
                let chunk = chunks[c]
                next += 1
                group.addTask {
                    var out: [Result<ArticleRecord?, SiteError>] = []
                    var postings = ChunkPostings()
                    var future: [Int: Int] = [:]
                    let spill: SpillWriter
                    do throws(SiteFailure) {
                        if let memory { spill = SpillWriter(memory: memory, index: firstSpill + c) } else {
                            spill = try SpillWriter(directory: work, index: firstSpill + c)
                        }
                    } catch {
                        return (c, [], error.description, [:])
                    }
                    for k in chunk {
                        do throws(SiteError) {
                            var date: Int? = nil
                            let r = try loader.load(relativePath: files[k], spill: spill, postings: &postings, id: ids[k], future: &date)
                            if let date { future[k] = date }
                            out.append(.success(r))
                        } catch { out.append(.failure(error)) }
                    }
                    do throws(SiteFailure) { try spill.close() } catch { return (c, [], error.description, [:]) }
                    // Merged here, by the task, in parallel with the others: the archive's postings grow as tasks
                    // end, and no task's postings wait for a serial merge.
                    do throws(SpillFailure) { try merged.absorb(postings) } catch { return (c, [], error.message, [:]) }
                    return (c, out, nil, future)
                }
            }
            for _ in 0..<min(width, chunks.count) { add() }
            var done = 0
            for await r in group {
                // Each task's postings were merged as it finished and dropped, so they never all wait at once. The
                // order of merging does not show: articles carry their ids, and the index files order spellings
                // canonically.
                future.merge(r.3) { a, _ in a }
                results.append((r.0, r.1, r.2, [:]))
                done += r.1.count
                progress?("load", done, files.count)
                if next < chunks.count { add() }
            }
        }
        results.sort { $0.0 < $1.0 }
        if let io = results.compactMap(\.2).first { throw SiteFailure.io(io) }
        if byChunk {
            return LoadOutcome(results: [], merged: merged, spillFiles: chunks.count, future: future, chunks: results.map(\.1))
        }
        // Gathered into an array of its exact size: `flatMap` grows one by doubling, and at the end of the load
        // (the build's peak) the spare half held as much as the records themselves.
        var all: [Result<ArticleRecord?, SiteError>] = []
        all.reserveCapacity(files.count)
        for r in results { all += r.1 }
        results = []
        return LoadOutcome(results: all, merged: merged, spillFiles: chunks.count, future: future)
    }

    /// Loads every file; any error fails the load. Search postings number articles by file.
    static func load(_ files: [String], loader: LoadContext, work: String, memory: SpillMemory? = nil, postings: PostingsFiles? = nil,
                     progress: (@Sendable (String, Int, Int) -> Void)?) async throws(SiteFailure) -> ([ArticleRecord], Int, PostingsMerger, [Int], Int) {
        var outcome = try await loadEach(files, ids: files.indices.map { UInt32($0) }, loader: loader, work: work, memory: memory,
                                         postings: postings, byChunk: true, progress: progress)
        // Which record each file became, for renumbering the postings once the index has ranked the records.
        var recordOfFile = [Int](repeating: -1, count: files.count)
        var chunks = outcome.chunks
        outcome.chunks = []
        // Each load task's results are dropped once their records are taken: the build's peak, at the end of the
        // load, holds the records once, not also a second array of every result.
        var records: [ArticleRecord] = []
        records.reserveCapacity(files.count)
        var errors: [SiteError] = []
        var k = 0
        for c in chunks.indices {
            let part = chunks[c]
            chunks[c] = []
            take(part, into: &records, errors: &errors, first: k) { k, r in recordOfFile[k] = r }
            k += part.count
        }
        if !errors.isEmpty { throw SiteFailure.content(errors) }
        return (records, outcome.spillFiles, outcome.merged, recordOfFile, outcome.future.count)
    }

    /// collect: the records of the built articles in order (drafts and undated articles left out), or every error
    /// at once. `kept(k, r)` says that result k became record r.
    static func collect(_ results: some Sequence<Result<ArticleRecord?, SiteError>>,
                        kept: (Int, Int) -> Void = { _, _ in }) throws(SiteFailure) -> [ArticleRecord] {
        var records: [ArticleRecord] = []
        // Made at its size: grown by doubling it held up to twice the records, beside the results they come from.
        records.reserveCapacity(results.underestimatedCount)
        var errors: [SiteError] = []
        take(results, into: &records, errors: &errors, first: 0, kept: kept)
        if !errors.isEmpty { throw SiteFailure.content(errors) }
        return records
    }

    /// `collect`'s step: results numbered from `first` appended to `records`, or their errors to `errors`.
    static func take(_ results: some Sequence<Result<ArticleRecord?, SiteError>>, into records: inout [ArticleRecord],
                     errors: inout [SiteError], first: Int, kept: (Int, Int) -> Void) {
        for (k, r) in results.enumerated() {
            switch r {
            case .success(let record?):
                kept(first + k, records.count)
                records.append(record)
            case .success(nil): break
            case .failure(let e): errors.append(e)
            }
        }
    }

    /// plan: every output file with its job; two pages at one path are an error.
    static func plan(_ renderer: PageRenderer) throws(SiteFailure) -> Plan {
        let plan = renderer.plan()
        try checkUnique(plan, index: renderer.index)
        return plan
    }

    static func checkUnique(_ plan: Plan, index: SiteIndex) throws(SiteFailure) {
        // Each path's hash first (8 bytes where the path took a hundred): only paths whose hash repeats are compared.
        var hashes = Set<UInt64>(minimumCapacity: plan.count)
        var repeated = Set<UInt64>()
        for k in plan.indices {
            let h = Fingerprint.of(plan.path(k))
            if !hashes.insert(h).inserted { repeated.insert(h) }
        }
        hashes = []
        guard !repeated.isEmpty else { return }
        var seen = Set<String>()
        var errors: [SiteError] = []
        for (path, job) in plan where repeated.contains(Fingerprint.of(path)) && !seen.insert(path).inserted {
            if case .article(let i) = job {
                errors.append(SiteError(path: index.articles[i].meta.path, message: "this article's URL /\(path.dropLast(10)) is also a list page; give it another “slug:”"))
            } else {
                errors.append(SiteError(path: "site.yml", message: "two pages would be written to \(path); change article_url"))
            }
        }
        if !errors.isEmpty { throw SiteFailure.content(errors) }
    }

    /// Renders the jobs of `plan` at positions `only` (all of them when nil) in parallel chunks and writes them.
    static func render(_ plan: Plan, only: [Int]? = nil, renderer: PageRenderer, writer: some PageSink,
                       progress: (@Sendable (String, Int, Int) -> Void)?) async throws(SiteFailure) {
        let todo = only ?? Array(plan.indices)
        let width = ProcessInfo.processInfo.activeProcessorCount
        let chunkSize = max(16, min(512, todo.count / (width * 8) + 1))
        let chunks = stride(from: 0, to: todo.count, by: chunkSize).map { todo[$0..<min(todo.count, $0 + chunkSize)] }
        var failure: SiteFailure? = nil
        await withTaskGroup(of: SiteFailure?.self) { group in
            var next = 0
            func add() {
                let range = chunks[next]
                next += 1
                group.addTask {
                    do throws(SiteFailure) {
                        for k in range {
                            let (path, job) = plan[k]
                            if case .documentsData = job {
                                try writer.write(path) { emit in DocumentsJSON.encode(renderer.index, base: renderer.base, emit: emit) }
                            } else {
                                try writer.write(path, try renderer.render(job, plan: plan))
                            }
                        }
                        return nil
                    } catch { return error }
                }
            }
            for _ in 0..<min(width, chunks.count) { add() }
            var done = 0
            for await f in group {
                if let f, failure == nil { failure = f }
                done += 1
                progress?("render", min(todo.count, done * chunkSize), todo.count)
                if next < chunks.count, failure == nil { add() }
            }
        }
        if let failure { throw failure }
    }
}
