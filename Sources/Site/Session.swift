import Archive
import Documents
import FileIO
import Foundation
import Search
import Templating
import Vietnamese

/// Writes the build cache's state file as it is encoded, fingerprinting what it writes.
final class StateSink {
    let fd: Int32
    let path: String
    var hasher = StreamingFingerprint()
    var failure: Int32 = 0

    init(path: String) throws(SiteFailure) {
        self.path = path
        guard let fd = FileIO.create(path) else {
            throw SiteFailure.io("cannot write the build cache \(path): \(FileIO.describe(FileIO.lastError))")
        }
        self.fd = fd
    }

    func write(_ bytes: [UInt8], hashed: Bool = true) {
        guard failure == 0 else { return }
        if hashed { hasher.add(bytes) }
        if let error = FileIO.writeAll(fd, bytes) { failure = error }
    }

    /// Writes the fingerprint and closes the file; returns its size.
    @discardableResult
    func finish() throws(SiteFailure) -> Int {
        var check = ByteWriter()
        check.fixed(hasher.value)
        write(check.out, hashed: false)
        let size = FileIO.size(of: fd) ?? 0
        FileIO.close(fd)
        if failure != 0 {
            FileIO.remove(path)
            throw SiteFailure.io("cannot write the build cache \(path): \(FileIO.describe(failure))")
        }
        return size
    }
}

/// What one rebuild of a session did.
public struct RebuildSummary: Sendable {
    /// True when every article was read again (first build, site.yml or documents.yml changed).
    public var full: Bool
    public var articlesReloaded: Int
    public var articlesRemoved: Int
    /// Output files written (pages, feeds, assets) and removed.
    public var written: [String]
    public var removed: [String]
    public var articles: Int
    public var pages: Int
    public var seconds: Double
    /// Unsettled references in the articles read again.
    public var unresolved: [Unresolved]
    /// Seconds spent in each step, in order.
    public var stages: [(String, Double)] = []
    /// True when the edit left the index's shape alone and it was patched rather than rebuilt.
    public var patchedIndex = false
    /// Articles left out because they are dated after the rebuild's time (without `--future`).
    public var futureLeftOut = 0
}

/// A site kept loaded between builds, for `bantin serve`: each rebuild reads only the files that changed and
/// writes only the pages whose fingerprint (`PageRenderer.signature`) changed, into a folder it updates in place.
///
/// Not thread-safe: one task owns a session and calls it one rebuild at a time.
public final class SiteSession {
    public let siteDirectory: String
    public let outputDirectory: String
    let includeDrafts: Bool
    let includeFuture: Bool
    /// Replaces site.yml's `base_url` (`--base-url`).
    let baseURL: String?
    /// The current time, asked at every rebuild: an article dated after it is left out unless `includeFuture`.
    let now: @Sendable () -> Date
    /// Spill files of every load; bodies of articles not read again stay where they were written.
    let work: String
    let keepWork: Bool
    let writer: OutputWriter

    struct Entry {
        var stamp: FileStamp?
        var result: Result<ArticleRecord?, SiteError>
        /// The article's number in the search postings; a reloaded article gets a new one.
        var id: UInt32
    }

    // What the discover stage read: the site's configuration, registry and theme, and the fingerprints that say
    // when they changed.
    var config: SiteConfig?
    var registry = Registry()
    var theme: Theme?
    var salt: UInt64 = 0
    var templateSignatures: [String: UInt64] = [:]
    /// What the last walk of Content/ skipped that may have been meant as input (warnings).
    var skippedInputs: [SiteWarning] = []
    /// What the last walk of Content/ found besides articles (images, attachments), sorted: page bundles publish them.
    var contentFiles: [String] = []
    /// After a failure the next rebuild checks every file, whatever it is told changed.
    var checkEverything = true
    /// Something the cache holds changed since it was restored or saved.
    public internal(set) var needsSave = true

    /// The load stage's results, kept: every article's record and where its rendered parts wait.
    struct ArticleStore {
        var entries: [String: Entry] = [:]
        var sortedPaths: [String] = []
        var nextID: UInt32 = 0
        /// The spill files every load wrote; bodies of articles not read again stay where they were written.
        var spillFDs: [Int32] = []
        /// Articles left out as future articles, with their dates (epoch seconds): every rebuild reads again those
        /// whose date has passed. Never saved in the cache, so the next build reads them again.
        var future: [String: Int] = [:]
    }

    /// The search state (owned by the Search module) as a restored cache holds it: bytes, decoded on first use
    /// (`decodePostings`, `decodeEncodings`), so a build that changes nothing never needs them.
    struct SavedSearch {
        var postings: CacheBytes? = nil
        var encodings: CacheBytes? = nil
    }

    /// What the index, plan, render and write stages produced last, for the next rebuild to compare with.
    struct OutputState {
        /// Output path → fingerprint of what was written there.
        var written: [String: UInt64] = [:]
        /// Files the last good build planned, search and data files included.
        var pageCount = 0
        /// The search files and data/ wait for `updateData`.
        var dataDirty = false
        var last: (index: SiteIndex, ids: [UInt32])?
        /// The last good plan, and each article's (position in load order, position in the index) by path: an edit
        /// that leaves the index's shape alone patches the index and reuses the plan.
        var lastPlan = Plan()
        var positions: [String: (record: Int, sorted: Int)] = [:]
        /// The fingerprint of each page of `lastPlan` as written (0 for search and data files).
        var pageSignatures: [UInt64] = []
        /// The theme's assets and the files of static/ last copied.
        var extraPaths: Set<String> = []
    }

    var store = ArticleStore()
    /// The search index, brought up to date after the pages (`updateData`), so a reload never waits for it.
    var search = SearchState()
    var savedSearch = SavedSearch()
    var output = OutputState()
    /// What changed since the build cache was restored or saved, so `save` can append it to the cache's log
    /// (`StateLog.swift`); nil when the next save must write the state whole.
    var journal: StateJournal? = nil
    /// Changes from the cache's log not yet applied to the search state (applied when it is first needed).
    var pendingSearch = PendingSearchLog()
    /// Records restored from the cache and not decoded yet: a build that finds nothing changed never decodes them.
    var lazyRecords = LazyRecords()
    /// What the last good build reported (counts, warnings, files copied as they are), saved in the cache.
    var lastSummary: BuildSummary? = nil
    /// Set when the last rebuild found nothing changed and built no index: the report comes from `lastSummary`.
    var reportedFromSummary = false
    /// The cache's `index.bin` and the state it must follow (generation, log size) to be used: a restored session
    /// patches that index on an edit that keeps its shape, instead of indexing every record again.
    var savedIndex: (path: String, generation: UInt64, logSize: Int)? = nil
    /// The last index is `index.bin`'s, patched or not: saving it rewrites only the state it follows.
    var indexFromFile = false

    /// Files the last good build planned, search and data files included.
    public var pageCount: Int { output.pageCount }

    /// `workDirectory` holds the rendered bodies between rebuilds (default: a new temporary folder, removed with
    /// the session). A build cache passes its own folder, which stays.
    /// `freshOutput` says the output folder is new and unread (a staging folder): files go straight to their place.
    /// Otherwise the output folder passes the guard every build passes (`SiteBuilder.guardOutput`).
    /// `includeFuture`, `baseURL` and `now` are `BuildOptions`' (`now` is asked again at every rebuild).
    public init(siteDirectory: String, outputDirectory: String, includeDrafts: Bool = false, includeFuture: Bool = false,
                baseURL: String? = nil, now: @escaping @Sendable () -> Date = { Date() }, workDirectory: String? = nil,
                freshOutput: Bool = false, ownership: OutputFolder.Ownership? = nil) throws(SiteFailure) {
        self.siteDirectory = OutputWriter.absolute(siteDirectory)
        self.outputDirectory = OutputWriter.absolute(outputDirectory)
        self.includeDrafts = includeDrafts
        self.includeFuture = includeFuture
        self.baseURL = baseURL
        self.now = now
        let out = self.outputDirectory, site = self.siteDirectory
        if !freshOutput {
            try SiteBuilder.checkSite(site)
            try OutputFolder.check(out, site: site)
        }
        writer = try OutputWriter(inPlace: out, direct: freshOutput, ownership: ownership)
        work = workDirectory ?? (NSTemporaryDirectory() + "/bantin-session-\(FileIO.processID)-\(UInt32.random(in: 0...UInt32.max))")
        keepWork = workDirectory != nil
        do { try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true) } catch {
            throw SiteFailure.io("cannot create \(work): \(error.localizedDescription)")
        }
    }

    /// The site's base path ("/" or "/archive/"), once site.yml has been read.
    public var basePath: String { config?.basePath ?? "/" }

    deinit {
        for fd in store.spillFDs { FileIO.close(fd) }
        if !keepWork { try? FileManager.default.removeItem(atPath: work) }
    }

    /// Brings the output up to date. `changed` lists site-relative paths that changed (from a file watcher);
    /// nil means "look at everything". Nothing is written when the site has errors: the output keeps the last
    /// good build.
    public func rebuild(changed: [String]? = nil, progress: (@Sendable (String, Int, Int) -> Void)? = nil) async throws(SiteFailure) -> RebuildSummary {
        let start = ContinuousClock.now
        var clock = StageClock()
        reportedFromSummary = false
        // A file beside the articles (an image, an attachment) or of static/ changes the pages that link to it:
        // the walk finds them (rare next to edits of articles, so one walk rather than an index of links).
        let everything = changed == nil || checkEverything
            || changed!.contains { ($0.hasPrefix("Content/") && !$0.hasSuffix(".md") && $0 != "Content/documents.yml") || $0.hasPrefix("static/") }
        checkEverything = true
        func touches(_ prefix: String) -> Bool { everything || changed!.contains { $0 == prefix || $0.hasPrefix(prefix) } }

        // Site files: a change to either re-reads every article, since both decide how articles are read.
        // A new session reads everything; a restored one (see `restore`) only what its saved fingerprints disown.
        var reloadAll = config == nil && store.entries.isEmpty
        if config == nil || touches("site.yml") || touches("Content/documents.yml") {
            let c = try SiteBuilder.loadConfig(siteDirectory, baseURL: baseURL)
            let r = try SiteBuilder.loadRegistry(siteDirectory)
            var f = Fingerprint()
            f.add(SiteBuilder.version)
            f.add(includeDrafts)
            f.add(includeFuture)
            f.add(baseURL ?? "")
            f.add(Array(FileManager.default.contents(atPath: siteDirectory + "/site.yml") ?? Data()))
            f.add(Array(FileManager.default.contents(atPath: siteDirectory + "/Content/documents.yml") ?? Data()))
            if f.value != salt { reloadAll = true }
            config = c
            registry = r
            salt = f.value
        }
        let config = config!
        var itemsChanged = false
        var templatesChanged = false
        if theme == nil || touches("Templates/") {
            let t = try SiteBuilder.loadTheme(siteDirectory)
            let signatures = PageRenderer.templateSignatures(t)
            itemsChanged = !templateSignatures.isEmpty && signatures["article-item"] != templateSignatures["article-item"]
            templatesChanged = signatures != templateSignatures
            theme = t
            templateSignatures = signatures
        }
        let theme = theme!
        try SiteBuilder.checkSite(siteDirectory)

        // Articles to read again, and articles gone.
        var toLoad: [String] = []
        var gone: [String] = []
        var touchedStamps = false
        var stamps: [String: FileStamp] = [:]
        if everything || reloadAll {
            var skipped: [SiteWarning] = []
            let files = SiteBuilder.discover(siteDirectory + "/Content", skipped: &skipped, assets: &contentFiles)
            skippedInputs = skipped
            let present = Set(files)
            gone = store.entries.keys.filter { !present.contains($0) }
            // `files` is sorted: each folder of articles is opened once and its files stat-ed by name.
            let articleStamps = StampReader(folder: siteDirectory, depth: 1)
            for p in files {
                let stamp = articleStamps?.stamp(p)
                guard reloadAll || store.entries[p]?.stamp != stamp || stamp == nil else { continue }
                // A new stamp with the same text (a fresh clone, a touch) keeps the article as loaded.
                if !reloadAll { materialize(p) }
                if !reloadAll, let stamp, case .success(let r?)? = store.entries[p]?.result,
                   LoadContext.fingerprint(ofFile: siteDirectory + "/" + p, relativePath: p) == r.signature {
                    store.entries[p]!.stamp = stamp
                    journal?.paths.insert(p)
                    touchedStamps = true
                    continue
                }
                toLoad.append(p)
                stamps[p] = stamp
            }
            // An article whose linked files changed (added, removed, another size) is read again.
            if !reloadAll {
                let queued = Set(toLoad)
                for p in files where !queued.contains(p) {
                    guard case .success(let r?)? = store.entries[p]?.result, !r.files.isEmpty,
                          ArticleFiles.state(of: r.files, siteDirectory: siteDirectory) != r.filesState else { continue }
                    toLoad.append(p)
                    stamps[p] = store.entries[p]?.stamp
                }
                toLoad.sort()
            }
        } else {
            for p in Set(changed!) where p.hasPrefix("Content/") && p.hasSuffix(".md") && !p.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                if let stamp = FileStamp.of(siteDirectory + "/" + p) {
                    if store.entries[p]?.stamp != stamp { toLoad.append(p); stamps[p] = stamp }
                } else if store.entries[p] != nil {
                    gone.append(p)
                }
            }
            toLoad.sort()
        }
        // Future articles are checked again every rebuild, whatever changed: one whose date has passed is read again,
        // although its file did not change.
        let nowSeconds = SiteBuilder.seconds(now())
        if !reloadAll {
            let queued = Set(toLoad)
            var due: [String] = []
            for (p, date) in store.future where date <= nowSeconds && !queued.contains(p) && !gone.contains(p) {
                due.append(p)
                stamps[p] = store.entries[p]?.stamp
            }
            if !due.isEmpty { toLoad = (toLoad + due).sorted() }
        }
        if reloadAll {
            lazyRecords = LazyRecords()
        } else if output.last == nil, let summary = lastSummary, toLoad.isEmpty, gone.isEmpty, !templatesChanged, !itemsChanged,
                  !output.dataDirty, journal?.forced.isEmpty == true {
            // Restored from the cache and nothing changed: the pages written are the pages this build would write.
            // Only the files copied as they are (assets, static/) are looked at again. A site with files beside its
            // articles, or articles linking to files, takes the usual way: whether one was added, changed or removed
            // is known from the records (read lazily, so not read yet).
            let plain = contentFiles.isEmpty && summary.linkedFiles.isEmpty
            let extras = plain ? try SiteBuilder.extraFiles(siteDirectory, theme: theme, plan: Plan(), index: nil, contentFiles: []) : []
            if plain, extras.map(\.path).sorted() == summary.extraPaths, extras.allSatisfy({ output.written[$0.path] == $0.signature() }) {
                try writer.saveManifest()
                clock.lap("load")
                reportedFromSummary = true
                if touchedStamps { needsSave = true }
                checkEverything = false
                let d = ContinuousClock.now - start
                return RebuildSummary(full: false, articlesReloaded: 0, articlesRemoved: 0, written: [], removed: [], articles: summary.articles,
                                      pages: summary.planCount + output.written.keys.reduce(0) { $0 + ($1.hasPrefix("search/i/") ? 1 : 0) },
                                      seconds: Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18,
                                      unresolved: [], stages: clock.stages, futureLeftOut: futureLeftOut)
            }
        }
        if !lazyRecords.isEmpty {
            // A record that cannot be decoded (a bug: the cache passed its checksum) is read again from its file.
            let queued = Set(toLoad)
            for p in materializeAll() where !queued.contains(p) && !gone.contains(p) {
                toLoad.append(p)
                stamps[p] = FileStamp.of(siteDirectory + "/" + p)
            }
            // The records were not there when the walk looked at the files they link to.
            let listed = Set(toLoad)
            for (p, e) in store.entries where !listed.contains(p) && !gone.contains(p) {
                guard case .success(let r?) = e.result, !r.files.isEmpty,
                      ArticleFiles.state(of: r.files, siteDirectory: siteDirectory) != r.filesState else { continue }
                toLoad.append(p)
                stamps[p] = e.stamp
            }
            toLoad.sort()
        }
        // Restored from the cache and a few articles to read again (or none, on a site the summary cannot answer
        // for): the index of the last build, kept beside the state, is read before the records it holds are
        // replaced, so `patch` can compare them with the new ones.
        if let saved = savedIndex.take(), output.last == nil, !reloadAll, !itemsChanged, gone.isEmpty, toLoad.count <= 64 {
            restoreIndex(saved)
        }
        if reloadAll && !store.entries.isEmpty {
            // Everything is read again: earlier bodies and postings are garbage.
            for fd in store.spillFDs { FileIO.close(fd) }
            store.spillFDs = []
            for name in (try? FileManager.default.contentsOfDirectory(atPath: work)) ?? [] where name.hasPrefix("spill-") {
                FileIO.remove(work + "/" + name)
            }
            search = SearchState()
            savedSearch = SavedSearch()
            pendingSearch = PendingSearchLog()
        }
        if reloadAll { journal = nil }
        for p in gone {
            store.future[p] = nil
            journal?.paths.insert(p)
            if let e = store.entries.removeValue(forKey: p) { search.retire(e.id); journal?.retired.insert(e.id) }
            if let k = store.sortedPaths.binarySearch(p) { store.sortedPaths.remove(at: k) }
        }
        var reloaded: Set<String> = []
        if !toLoad.isEmpty {
            let ids = toLoad.map { _ in store.nextID += 1; return store.nextID - 1 }
            let loader = LoadContext(siteDirectory: siteDirectory, config: config, registry: registry, includeDrafts: includeDrafts, theme: theme,
                                     futureAfter: includeFuture ? nil : nowSeconds)
            let outcome = try await SiteBuilder.loadEach(toLoad, ids: ids, loader: loader, work: work, firstSpill: store.spillFDs.count,
                                                         progress: progress)
            let first = store.spillFDs.count
            for n in 0..<outcome.spillFiles { store.spillFDs.append(try SpillReader.open(directory: work, index: first + n)) }
            decodePostings()
            let loaded = try outcome.postings()
            search.add(loaded)
            journal?.added.merge(loaded, offset: 0)
            for (k, p) in toLoad.enumerated() {
                journal?.paths.insert(p)
                if let old = store.entries[p] {
                    search.retire(old.id)
                    journal?.retired.insert(old.id)
                } else {
                    store.sortedPaths.insert(p, at: store.sortedPaths.insertionPoint(p))
                }
                store.entries[p] = Entry(stamp: stamps[p], result: outcome.results[k], id: ids[k])
                store.future[p] = outcome.future[k]
                reloaded.insert(p)
            }
        }
        if itemsChanged && !reloadAll {
            // Every list entry again, into a spill file of their own.
            journal = nil
            do throws(SiteFailure) {
                let items = try SpillWriter(directory: work, index: store.spillFDs.count)
                let spilled = SpillReader(fds: store.spillFDs)
                do throws(SiteFailure) {
                    for p in store.sortedPaths {
                        guard case .success(var r?) = store.entries[p]!.result else { continue }
                        let url = config.basePath + r.url
                        let summary = String(decoding: try spilled.read(r.summary), as: UTF8.self)
                        r.itemHTML = try items.append(theme.renderBytes("article-item", .object(PageRenderer.itemContext(r.meta, url: url, summary: summary))))
                        store.entries[p]!.result = .success(r)
                    }
                    try items.close()
                } catch { FileIO.close(items.fd); throw error }
                store.spillFDs.append(try SpillReader.open(directory: work, index: store.spillFDs.count))
            } catch {
                // Some records may now point into a file that was never finished: the next rebuild reads every
                // article again (a changed salt is what makes it do so).
                self.config = nil
                salt = 0
                throw error
            }
        }

        clock.lap("load")
        var index: SiteIndex
        var ids: [UInt32]
        var patchedIndex = false
        let plan: Plan
        // Taken out of `last`, so patching changes the one copy in place instead of copying every record.
        var previous = reloadAll || itemsChanged || !gone.isEmpty ? nil : output.last.take()
        output.last = nil
        // The last plan reads article URLs from the records: unbound while they are patched, or they would be copied.
        var keptPlan = output.lastPlan.unbound()
        output.lastPlan = Plan()
        if var (patched, lastIDs) = previous.take(), (toLoad.isEmpty && indexFromFile) || patch(&patched, &lastIDs, reloaded: toLoad) {
            // Same dates, URLs, tags and citations: the index keeps its shape and the plan stays as it was (planned
            // here when the index came from the cache, which keeps no plan).
            index = patched
            ids = lastIDs
            if keptPlan.isEmpty {
                keptPlan = try SiteBuilder.plan(PageRenderer(index: index, config: config, theme: theme, spill: SpillReader(fds: []),
                                                             searchShards: [], searchWords: []))
            } else {
                keptPlan.bind(index.urls)
            }
            output.lastPlan = keptPlan
            plan = keptPlan
            patchedIndex = true
            clock.lap("index")
        } else {
            let store = self.store
            var recordIDs: [UInt32] = []
            let records = try SiteBuilder.collect(store.sortedPaths.lazy.map { store.entries[$0]?.result ?? .success(nil) }) { k, _ in
                recordIDs.append(store.entries[store.sortedPaths[k]]!.id)
            }
            ids = recordIDs
            indexFromFile = false
            clock.lap("collect")
            index = try SiteIndex.build(records, config: config, registry: registry)
            clock.lap("index")
            plan = try SiteBuilder.plan(PageRenderer(index: index, config: config, theme: theme, spill: SpillReader(fds: []),
                                                     searchShards: [], searchWords: []))
            output.positions = [:]
            output.positions.reserveCapacity(records.count)
            for (k, r) in index.rank.enumerated() { output.positions[records[k].meta.path] = (k, r) }
            output.lastPlan = plan
            clock.lap("plan")
        }
        let renderer = PageRenderer(index: index, config: config, theme: theme, spill: SpillReader(fds: store.spillFDs),
                                    searchShards: [], searchWords: [], salt: salt, templateSignatures: templateSignatures)

        // Pages whose fingerprint changed; search and data files wait for `updateData`.
        let signatures = await renderer.signatures(plan, where: { !Self.isDeferred($0) })
        var dirty: [Int] = []
        var removed: [String] = []
        // With the plan reused, compare by position: no path is hashed. Otherwise by path, and pages no longer
        // planned are removed.
        let samePlan = patchedIndex && output.pageSignatures.count == plan.count
        var fresh: [String: UInt64] = [:]
        if samePlan {
            for (k, sig) in signatures where output.pageSignatures[k] != sig { dirty.append(k) }
        } else {
            fresh.reserveCapacity(plan.count)
            for (k, sig) in signatures {
                let path = plan[k].0
                fresh[path] = sig
                if output.written[path] != sig { dirty.append(k) }
            }
        }
        clock.lap("compare")
        var extraDirty: [(String, [UInt8])] = []
        var extraSignatures: [String: UInt64] = [:]
        let extras = try SiteBuilder.extraFiles(siteDirectory, theme: theme, plan: plan, index: index, contentFiles: contentFiles)
        let extraPaths = Set(extras.map(\.path))
        for extra in extras {
            let sig = extra.signature()
            if !samePlan { fresh[extra.path] = sig }
            if output.written[extra.path] != sig {
                extraDirty.append((extra.path, try extra.bytes()))
                extraSignatures[extra.path] = sig
            }
        }
        clock.lap("extra")
        do {
            try writer.prepareFolders(for: dirty.map { plan[$0].0 } + extraDirty.map(\.0))
            try await SiteBuilder.render(plan, only: dirty, renderer: renderer, writer: writer, progress: progress)
            for (path, bytes) in extraDirty { try writer.write(path, bytes) }
            try writer.commit()
        } catch {
            writer.abandon()
            throw error
        }
        if samePlan {
            for (k, sig) in signatures where output.pageSignatures[k] != sig {
                output.pageSignatures[k] = sig
                output.written[plan[k].0] = sig
            }
            for (path, sig) in extraSignatures { output.written[path] = sig }
            // A file gone from static/ while the plan stayed.
            for path in output.extraPaths where !extraPaths.contains(path) {
                writer.remove(path)
                removed.append(path)
                output.written.removeValue(forKey: path)
            }
        } else {
            for path in output.written.keys where !Self.isDeferred(path) && fresh[path] == nil {
                writer.remove(path)
                removed.append(path)
            }
            // Files an earlier build wrote that this session has not (changed by hand since, or written by a build
            // without the cache) and no longer plans.
            for path in writer.ownedPaths where !Self.isDeferred(path) && fresh[path] == nil && output.written[path] == nil {
                writer.remove(path)
                removed.append(path)
            }
            for path in removed { output.written.removeValue(forKey: path) }
            for (path, sig) in fresh { output.written[path] = sig }
            output.pageSignatures = [UInt64](repeating: 0, count: plan.count)
            for (k, sig) in signatures { output.pageSignatures[k] = sig }
        }
        output.extraPaths = extraPaths

        try writer.saveManifest()
        clock.lap("render")
        output.last = (index, ids)
        let linked = Set(index.articles.flatMap(\.files)).sorted()
        lastSummary = BuildSummary(articles: index.articles.count, planCount: plan.count, documents: index.documents.count,
                                   warnings: SiteBuilder.warnings(of: index, config: config, theme: theme), unresolved: index.unresolved,
                                   extraPaths: extraPaths.sorted(), linkedFiles: linked,
                                   linkedState: ArticleFiles.state(of: linked, siteDirectory: siteDirectory))
        output.dataDirty = output.dataDirty || !toLoad.isEmpty || !gone.isEmpty || reloadAll || itemsChanged
        if touchedStamps || !toLoad.isEmpty || !gone.isEmpty || !dirty.isEmpty || !extraDirty.isEmpty || !removed.isEmpty || reloadAll {
            needsSave = true
        }
        checkEverything = false
        let d = ContinuousClock.now - start
        return RebuildSummary(full: reloadAll, articlesReloaded: toLoad.count, articlesRemoved: gone.count,
                              written: (dirty.map { plan[$0].0 } + extraDirty.map(\.0)).sorted(), removed: removed.sorted(),
                              articles: index.articles.count,
                              // The search index's shards are planned by `updateData`; until then, count those written.
                              pages: plan.count + output.written.keys.reduce(0) { $0 + ($1.hasPrefix("search/i/") ? 1 : 0) },
                              seconds: Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18,
                              unresolved: index.unresolved.filter { reloaded.contains($0.path) },
                              stages: clock.stages, patchedIndex: patchedIndex, futureLeftOut: futureLeftOut)
    }

    /// Applies reloaded articles to the last index in place when none of them changed what the index is made of
    /// (date, URL, tags, cited documents and the titles learned for them). Returns false, touching nothing, otherwise.
    func patch(_ index: inout SiteIndex, _ ids: inout [UInt32], reloaded: [String]) -> Bool {
        guard !reloaded.isEmpty, reloaded.count <= 64 else { return false }
        var updates: [(Int, Int, ArticleRecord, UInt32)] = []
        for p in reloaded {
            guard let (k, pos) = output.positions[p], case .success(let new?)? = store.entries[p]?.result else { return false }
            let old = index.articles[pos]
            guard old.meta.path == new.meta.path, old.meta.date == new.meta.date, old.meta.slug == new.meta.slug, old.url == new.url,
                  old.meta.tags == new.meta.tags, old.citations.count == new.citations.count else { return false }
            for (a, b) in zip(old.citations, new.citations) where a.key != b.key || a.title != b.title || a.shortForm != b.shortForm
                || a.issued != b.issued { return false }
            // Two citations settled on one document share its counts: rebuild the index rather than patch them.
            let settled = index.articleDocuments[pos].filter { $0 >= 0 }
            guard Set(settled).count == settled.count else { return false }
            // The article's warnings name positions: when they moved, the index (which makes them) is rebuilt.
            if index.unresolved.contains(where: { $0.path == p }),
               zip(old.citations, new.citations).contains(where: { $0.line != $1.line || $0.column != $1.column }) { return false }
            updates.append((k, pos, new, store.entries[p]!.id))
        }
        for (k, pos, new, id) in updates {
            for (j, c) in new.citations.enumerated() {
                let d = index.articleDocuments[pos][j]
                guard d >= 0 else { continue }
                // The old record is still in place; its snippets and counts are read from the record (`mentions(of:in:)`).
                index.documents[d].mentions += c.count - index.articles[pos].citations[j].count
            }
            index.signatures[pos] = new.pageSignature
            index.articles[pos] = new
            ids[k] = id
        }
        return true
    }

    /// Search files and data/documents.json: written after the pages, since no page shows them.
    static func isDeferred(_ path: String) -> Bool { path.hasPrefix("search/") || path.hasPrefix("data/") }

    /// Brings the search index and data/ up to date with the last good rebuild; returns the files written, or nil
    /// when there was nothing to do.
    public func updateData() async throws(SiteFailure) -> Int? {
        guard output.dataDirty, let (index, ids) = output.last, let config, let theme else { return nil }
        decodePostings()
        needsSave = true
        search.dropStale()
        var files: (shards: [[UInt8]], words: [[UInt8]]) = ([], [])
        if config.search {
            var rankByID = [Int](repeating: -1, count: Int(store.nextID))
            for (k, id) in ids.enumerated() { rankByID[Int(id)] = index.rank[k] }
            // Earlier encodings hold while every article that was there keeps its rank.
            decodeEncodings()
            let before = (search.encodedRanks, search.encodings)
            files = await search.files(ids: ids, rankByID: rankByID)
            journal?.noteEncodings(before: before, after: (search.encodedRanks, search.encodings))
        }
        let renderer = PageRenderer(index: index, config: config, theme: theme, spill: SpillReader(fds: store.spillFDs),
                                    searchShards: files.shards, searchWords: files.words, salt: salt, templateSignatures: templateSignatures)
        let plan = renderer.plan()
        output.pageCount = plan.count
        var fresh: Set<String> = []
        var dirty: [Int] = []
        var sigs: [(String, UInt64)] = []
        for (k, sig) in await renderer.signatures(plan, where: Self.isDeferred) {
            let path = plan[k].0
            fresh.insert(path)
            sigs.append((path, sig))
            if output.written[path] != sig { dirty.append(k) }
        }
        do {
            try writer.prepareFolders(for: dirty.map { plan[$0].0 })
            try await SiteBuilder.render(plan, only: dirty, renderer: renderer, writer: writer, progress: nil)
            try writer.commit()
        } catch {
            writer.abandon()
            throw error
        }
        for path in output.written.keys where Self.isDeferred(path) && !fresh.contains(path) {
            writer.remove(path)
            output.written.removeValue(forKey: path)
        }
        for path in writer.ownedPaths where Self.isDeferred(path) && !fresh.contains(path) && output.written[path] == nil { writer.remove(path) }
        try writer.saveManifest()
        for (path, sig) in sigs { output.written[path] = sig }
        output.dataDirty = false
        return dirty.count
    }
}

// MARK: - The build cache

extension SiteSession {
    static let cacheMagic = Array("BANTIN-CACHE-8\n".utf8)  // 2: articles keep their warnings and whether a time was written; citations what the archive-wide pass needs; 3: --future; 4: the files an article links to; 5: search pairs, title marks, text a line per block; 6: a generation the log (state.log) names; 7: summaries and headings spilled; 8: the index beside the state (index.bin), the checksum in four lanes

    /// Saves what the next build needs to skip unchanged work: every article's record and fingerprint, the search
    /// postings, the fingerprints of the pages written and the stamps the output files have now. Bodies stay in
    /// the work folder's spill files, which the state names with their sizes.
    /// `outputs` is where the pages are now, when the build moved them after writing (default: the session's output).
    /// A session restored from the cache appends what changed to the cache's log instead (`appendToLog`), until
    /// the log outgrows a quarter of the state.
    public func save(to file: String, outputs: String? = nil) throws(SiteFailure) {
        if try !appendToLog(file, outputs: outputs ?? outputDirectory) { try saveWhole(to: file, outputs: outputs) }
        saveIndex(for: file)
    }

    static let indexMagic = Array("BANTIN-INDEX-1\n".utf8)

    static func indexPath(for state: String) -> String { (state as NSString).deletingLastPathComponent + "/index.bin" }

    /// Whether the last rebuild built or patched an index (`saveIndex` has something to write).
    var hasIndex: Bool { output.last != nil }

    /// Writes the last index beside the state as `index.bin` (`ByteWriter.index`), naming the state and log it
    /// follows; without an index to write, removes the old one, which no longer follows them. An index that cannot
    /// be written is only a slower next build.
    func saveIndex(for stateFile: String) {
        let path = Self.indexPath(for: stateFile)
        guard path != stateFile, path != StateLog.path(for: stateFile) else { return }
        guard let journal, let (index, _) = output.last else { FileIO.remove(path); return }
        var w = ByteWriter()
        w.out = Self.indexMagic
        w.fixed(journal.generation)
        w.fixed(UInt64(journal.logSize))
        if indexFromFile, let fd = FileIO.openForWriting(path) {
            // The index read from the file, at most patched: only the state it follows changed.
            let header = Array(w.out[Self.indexMagic.count...])
            let failed = FileIO.write(fd, header, at: Self.indexMagic.count) != nil
            FileIO.close(fd)
            if failed { FileIO.remove(path) }
            return
        }
        let payload = w.out.count
        w.index(index)
        var hasher = StreamingFingerprint()
        w.out.withUnsafeBytes { hasher.add(UnsafeRawBufferPointer(rebasing: $0[payload...])) }
        w.fixed(hasher.value)
        guard let fd = FileIO.create(path) else { FileIO.remove(path); return }
        let failed = FileIO.writeAll(fd, w.out) != nil
        FileIO.close(fd)
        if failed { FileIO.remove(path) }
    }

    /// Takes the index `saveIndex` wrote as the last build's when it follows the state as restored and fits its
    /// records one by one (each at its place, with its fingerprint); otherwise leaves the session as it was, and
    /// the index is built from the records. Call it before any record is replaced.
    func restoreIndex(_ saved: (path: String, generation: UInt64, logSize: Int)) {
        let magic = Self.indexMagic
        guard case .success(let bytes) = FileIO.readFile(saved.path), bytes.count >= magic.count + 24,
              Array(bytes[..<magic.count]) == magic else { return }
        // The payload's fingerprint: the header (the state followed) is rewritten alone when the index stays.
        var hasher = StreamingFingerprint()
        bytes.withUnsafeBytes { hasher.add(UnsafeRawBufferPointer(rebasing: $0[magic.count + 16..<bytes.count - 8])) }
        var end = ByteReader(bytes, at: bytes.count - 8)
        guard let check = try? end.fixed(), check == hasher.value else { return }
        var r = ByteReader(bytes, at: magic.count, limit: bytes.count - 8)
        guard let generation = try? r.fixed(), generation == saved.generation, let logSize = try? r.fixed(), logSize == UInt64(saved.logSize),
              let x = try? r.savedIndex(), r.isAtEnd else { return }
        let n = x.paths.count
        guard x.rank.count == n, x.articleTags.count == n, x.articleDocuments.count == n,
              x.years.allSatisfy({ $0.articles.allSatisfy { $0 >= 0 && $0 < n } }) else { return }
        // The records in load order, as `collect` gives them, each found at its place in the index.
        var placed = [Bool](repeating: false, count: n)
        var ids: [UInt32] = []
        ids.reserveCapacity(n)
        var positions: [String: (record: Int, sorted: Int)] = [:]
        positions.reserveCapacity(n)
        var order: [(String, Int)] = []
        order.reserveCapacity(n)
        for p in store.sortedPaths {
            guard let e = store.entries[p] else { return }
            guard case .success(let found) = e.result else { return }
            guard let record = found else { continue }
            let k = ids.count
            guard k < n else { return }
            let pos = x.rank[k]
            guard pos >= 0, pos < n, !placed[pos], x.paths[pos] == p, x.articleDocuments[pos].count == record.citations.count else { return }
            placed[pos] = true
            ids.append(e.id)
            positions[p] = (k, pos)
            order.append((p, pos))
        }
        guard ids.count == n else { return }
        // Every place is taken once (checked above): each record is copied once, straight to its place.
        let sorted = [ArticleRecord](unsafeUninitializedCapacity: n) { buffer, count in
            for (p, pos) in order {
                guard case .success(let record?)? = store.entries[p]?.result else { preconditionFailure("checked above") }
                (buffer.baseAddress! + pos).initialize(to: record)
            }
            count = n
        }
        // What `SiteIndex.build` derives article by article, derived again as it does: the fingerprints (a renamed
        // article's with the URL it asked for) and each document's citing articles with their snippets and counts.
        var signatures: [UInt64] = []
        signatures.reserveCapacity(n)
        for i in 0..<n {
            guard let old = x.renamed[i] else { signatures.append(sorted[i].pageSignature); continue }
            guard let url = x.moved[i] else { return }
            var f = Fingerprint()
            f.add(sorted[i].pageSignature); f.add(old); f.add(url)
            signatures.append(f.value)
        }
        var documents = x.documents
        var citing = [[Int]](repeating: [], count: documents.count)
        for i in 0..<n {
            for (j, c) in sorted[i].citations.enumerated() {
                let d = x.articleDocuments[i][j]
                guard d >= 0 else { continue }
                guard d < documents.count else { return }
                if !x.articleDocuments[i][..<j].contains(d) { citing[d].append(i) }
                documents[d].mentions += c.count
            }
        }
        for d in documents.indices {
            guard !citing[d].isEmpty, citing[d] == documents[d].articles else { return }
            documents[d].registry = registry.document(for: documents[d].key)
        }
        var tagIndexBySlug: [String: Int] = [:]
        for (i, t) in x.tags.enumerated() { tagIndexBySlug[t.slug] = i }
        let index = SiteIndex(articles: sorted, moved: x.moved, tags: x.tags, tagIndexBySlug: tagIndexBySlug, years: x.years,
                              documents: documents, documentIndex: x.documentIndex, redirects: x.redirects, rank: x.rank,
                              articleTags: x.articleTags, articleDocuments: x.articleDocuments, signatures: signatures,
                              unresolved: x.unresolved, urlWarnings: x.urlWarnings, renamed: x.renamed)
        output.last = (index, ids)
        output.positions = positions
        // Planned when the index is used (`rebuild`): an edit `patch` refuses never needs this plan.
        output.lastPlan = Plan()
        output.pageSignatures = []
        indexFromFile = true
    }

    func saveWhole(to file: String, outputs: String?) throws(SiteFailure) {
        let outputRoot = outputs ?? outputDirectory
        if !pendingSearch.isEmpty {
            decodePostings(exact: true)
            decodeEncodings()
        }
        if !search.staleIDs.isEmpty {
            decodePostings()
            search.dropStale()
        }
        // Streamed to the file a megabyte at a time: the state is tens of megabytes, and building it whole first
        // would add as much to the build's peak memory.
        let temporary = file + ".bantin-new"
        do {
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            throw SiteFailure.io("cannot create the build cache folder for \(file): \(error.localizedDescription)")
        }
        let sink = try StateSink(path: temporary)
        sink.write(Self.cacheMagic, hashed: false)
        var w = ByteWriter()
        // The log written after this state names it, so a log never applies to another state.
        let generation = UInt64.random(in: 1 ... .max)
        w.fixed(generation)
        w.string(SiteBuilder.version)
        w.string(siteDirectory)
        w.string(outputRoot)
        w.bool(includeDrafts)
        w.bool(includeFuture)
        w.fixed(salt)
        w.uint(UInt64(templateSignatures.count))
        for (name, sig) in templateSignatures.sorted(by: { $0.key < $1.key }) { w.string(name); w.fixed(sig) }
        w.uint(UInt64(store.nextID))
        w.uint(UInt64(store.spillFDs.count))
        for fd in store.spillFDs {
            w.int(FileIO.size(of: fd) ?? 0)
        }
        var kept = 0
        for p in store.sortedPaths {
            if case .success = store.entries[p]!.result, store.entries[p]!.stamp != nil, store.future[p] == nil { kept += 1 }
        }
        w.uint(UInt64(kept))
        for p in store.sortedPaths {
            // Articles with errors are left out: the next build reads them again. So are future articles, so the next
            // build sees whether their date has passed.
            guard let e = store.entries[p], let stamp = e.stamp, store.future[p] == nil, case .success(let record) = e.result else { continue }
            w.string(p)
            w.int(stamp.size); w.int(stamp.seconds); w.int(stamp.nanoseconds); w.uint(stamp.inode)
            w.uint(UInt64(e.id))
            w.lazyRecord(record, raw: lazyRecords.raw(p))
            if w.out.count >= 1 << 20 { sink.write(w.out); w.out.removeAll(keepingCapacity: true) }
        }
        if let savedPostings = savedSearch.postings {
            w.uint(UInt64(savedPostings.count))
            sink.write(w.out)
            sink.write(savedPostings)
        } else {
            var p = ByteWriter()
            p.postings(search.postings)
            w.uint(UInt64(p.out.count))
            sink.write(w.out)
            sink.write(p.out)
        }
        w.out.removeAll(keepingCapacity: true)
        // Search encodings, with the ranks they were made with; dropped when words changed since.
        if search.changedTerms.isEmpty, let savedEncodings = savedSearch.encodings {
            w.uint(UInt64(savedEncodings.count))
            sink.write(w.out)
            sink.write(savedEncodings)
        } else {
            var e = ByteWriter()
            if search.changedTerms.isEmpty {
                e.uint(UInt64(search.encodedRanks.count))
                for r in search.encodedRanks { e.int(r) }
                e.uint(UInt64(search.encodings.count))
                for (term, bytes) in search.encodings.sorted(by: { $0.key < $1.key }) { e.string(term); e.bytes(bytes) }
            } else {
                e.uint(0)
                e.uint(0)
            }
            w.uint(UInt64(e.out.count))
            sink.write(w.out)
            sink.write(e.out)
        }
        w.out.removeAll(keepingCapacity: true)
        w.summary(lastSummary)
        let outputs = output.written.sorted { $0.key < $1.key }
        w.uint(UInt64(outputs.count))
        for (path, sig) in outputs {
            w.string(path)
            w.fixed(sig)
            let stamp = FileStamp.of(outputRoot + "/" + path)
            w.int(stamp?.size ?? -1); w.int(stamp?.seconds ?? 0); w.int(stamp?.nanoseconds ?? 0)
        }
        sink.write(w.out)
        let size = try sink.finish()
        if let error = FileIO.rename(temporary, file) { throw SiteFailure.io("cannot write the build cache \(file): \(FileIO.describe(error))") }
        // The old log names the old generation: were it left by a kill here, the next build ignores the cache.
        FileIO.remove(StateLog.path(for: file))
        journal = StateJournal(generation: generation, stateSize: size, logSize: 0, written: output.written)
        needsSave = false
    }

    func decodeEncodings() {
        guard let bytes = savedSearch.encodings else { return }
        savedSearch.encodings = nil
        var r = bytes.reader()
        do throws(ByteReader.Corrupt) {
            var ranks: [Int] = []
            for _ in 0..<(try r.count()) { ranks.append(try r.int()) }
            var encodings: [String: [UInt8]] = [:]
            for _ in 0..<(try r.count()) { encodings[try r.string()] = try r.byteArray() }
            (search.encodedRanks, search.encodings) = (ranks, encodings)
        } catch {
            (search.encodedRanks, search.encodings) = ([], [:])
        }
        pendingSearch.applyEncodings(to: &search)
    }

    func decodePostings(exact: Bool = false) {
        guard let bytes = savedSearch.postings else { return }
        savedSearch.postings = nil
        var r = bytes.reader()
        // The bytes passed the cache's checksum when restored; a failure here is a bug, and the index is rebuilt.
        if let p = try? r.postings() { search.postings = p } else { search.postings = SearchPostings(); output.dataDirty = true }
        if !pendingSearch.applyPostings(to: &search, exact: exact) { search.postings = SearchPostings(); output.dataDirty = true }
    }

    /// Why a saved cache was not used.
    public enum RestoreOutcome: Sendable, Equatable {
        case restored
        case missing
        /// Damaged, or written by another Bantin or for other options: ignored, and the build reads everything.
        case ignored(String)
    }

    /// Loads what `save` wrote, before the first rebuild. Anything doubtful leaves the session as new.
    public func restore(from file: String) -> RestoreOutcome {
        guard store.entries.isEmpty, config == nil else { return .ignored("the session has already built") }
        // Read straight into one array: the records, postings and encodings are decoded from it in place, when needed.
        guard let fd = FileIO.openForReading(file) else { return .missing }
        let read = FileIO.size(of: fd).flatMap { FileIO.read(fd, count: $0, at: 0) }
        FileIO.close(fd)
        guard let bytes = read else { return .missing }
        guard bytes.count > Self.cacheMagic.count + 8, Array(bytes[..<Self.cacheMagic.count]) == Self.cacheMagic else {
            return .ignored("not a Bantin cache")
        }
        // The payload, then its fingerprint in the last eight bytes.
        var end = ByteReader(bytes, at: bytes.count - 8)
        var hasher = StreamingFingerprint()
        bytes.withUnsafeBytes { hasher.add(UnsafeRawBufferPointer(rebasing: $0[Self.cacheMagic.count..<bytes.count - 8])) }
        guard let check = try? end.fixed(), check == hasher.value else { return .ignored("the file is damaged") }
        var r = ByteReader(bytes, at: Self.cacheMagic.count, limit: bytes.count - 8)
        do throws(ByteReader.Corrupt) {
            let generation = try r.fixed()
            guard try r.string() == SiteBuilder.version else { return .ignored("written by another version of Bantin") }
            guard try r.string() == siteDirectory else { return .ignored("written for another site folder") }
            // Pages the cache does not know of may be in another output folder: only a full build cleans them out.
            guard try r.string() == outputDirectory else { return .ignored("written for another output folder") }
            guard try r.bool() == includeDrafts else { return .ignored("built with a different --drafts") }
            guard try r.bool() == includeFuture else { return .ignored("built with a different --future") }
            var state = StateLog.Restored()
            state.salt = try r.fixed()
            for _ in 0..<(try r.count()) { state.templates[try r.string()] = try r.fixed() }
            state.nextID = try r.uint()
            for _ in 0..<(try r.count()) { state.sizes.append(try r.int()) }
            for _ in 0..<(try r.count()) {
                let path = try r.string()
                let stamp = FileStamp(size: try r.int(), seconds: try r.int(), nanoseconds: try r.int(), inode: try r.uint())
                let id = try r.uint()
                state.entries[path] = Entry(stamp: stamp, result: .success(nil), id: UInt32(truncatingIfNeeded: id))
                try state.lazy.skip(&r, path: path, buffer: 0)
            }
            let postingBytes = try r.cacheBytes()
            let encodingBytes = try r.cacheBytes()
            state.summary = try r.summary()
            let pageCount = try r.count()
            state.pages.reserveCapacity(pageCount)
            for _ in 0..<pageCount {
                let path = try r.string(), sig = try r.fixed()
                state.pages.append((path, StateLog.WrittenFile(signature: sig, size: try r.int(), seconds: try r.int(), nanoseconds: try r.int())))
            }
            guard r.isAtEnd else { return .ignored("the file is damaged") }
            // What later builds changed, appended to the log.
            let logPath = StateLog.path(for: file)
            var logSize = 0
            if let log = FileManager.default.contents(atPath: logPath) {
                guard StateLog.replay([UInt8](log), generation: generation, into: &state) else { return .ignored("its log (\(logPath)) is damaged") }
                logSize = log.count
            }
            guard state.nextID <= UInt64(UInt32.max) else { return .ignored("the file is damaged") }
            let sizes = state.sizes
            state.lazy.buffers = [bytes] + state.lazy.buffers
            state.lazy.sizes = sizes
            var savedWritten: [String: UInt64] = [:]
            var forced: Set<String> = []
            var dataMissing = false
            savedWritten.reserveCapacity(state.pages.count + state.pageChanges.count)
            // Stat-ed from folder descriptors near each page (an article's page is two names below its month's
            // folder), in the state's sorted order, so each folder is opened once.
            let stamps = StampReader(folder: outputDirectory, depth: 2)
            func check(_ path: String, _ saved: StateLog.WrittenFile) {
                // A page changed or removed since (by hand, or a build without the cache) is written again.
                guard let now = stamps?.stamp(path), now.size == saved.size, now.seconds == saved.seconds,
                      now.nanoseconds == saved.nanoseconds else {
                    if Self.isDeferred(path) { dataMissing = true }
                    forced.insert(path)
                    return
                }
                savedWritten[path] = saved.signature
            }
            let changes = state.pageChanges
            for (path, saved) in state.pages where changes.isEmpty || changes[path] == nil { check(path, saved) }
            for (path, saved) in changes.sorted(by: { $0.key < $1.key }) { if let saved { check(path, saved) } }
            // The bodies must all be there, as long as they were.
            var fds: [Int32] = []
            for (k, size) in sizes.enumerated() {
                let fd = FileIO.openForReading(work + "/spill-\(k).html")
                guard let fd, FileIO.size(of: fd) == size else {
                    if let fd { FileIO.close(fd) }
                    for f in fds { FileIO.close(f) }
                    return .ignored("its rendered bodies are missing")
                }
                fds.append(fd)
            }
            // Work files of a build killed after this state was saved: nothing refers to them.
            for name in (try? FileManager.default.contentsOfDirectory(atPath: work)) ?? [] where name.hasPrefix("spill-") {
                if let n = Int(name.dropFirst(6).prefix { $0 != "." }), n >= sizes.count { FileIO.remove(work + "/" + name) }
            }
            FileIO.remove(file + ".bantin-new")
            self.salt = state.salt
            self.templateSignatures = state.templates
            store.nextID = UInt32(state.nextID)
            store.spillFDs = fds
            store.entries = state.entries
            store.sortedPaths = state.entries.keys.sorted()
            lazyRecords = state.lazy
            lastSummary = state.summary
            savedSearch = SavedSearch(postings: postingBytes, encodings: encodingBytes)
            pendingSearch = state.search
            output.written = savedWritten
            output.dataDirty = dataMissing
            // Forced pages are not in `written`: a later log record names them again, written or gone.
            journal = StateJournal(generation: generation, stateSize: bytes.count, logSize: logSize, written: savedWritten, forced: forced)
            savedIndex = (Self.indexPath(for: file), generation, logSize)
            needsSave = false
            return .restored
        } catch {
            return .ignored("the file is damaged")
        }
    }

    /// Every unsettled reference of the last good build, for the warnings a build prints.
    public var unresolved: [Unresolved] { reportedFromSummary ? lastSummary?.unresolved ?? [] : output.last?.index.unresolved ?? [] }
    /// What the last walk of Content/ skipped, then every article's own warnings (front matter) of the last good
    /// build, by path.
    public var warnings: [SiteWarning] {
        if reportedFromSummary { return skippedInputs + (lastSummary?.warnings ?? []) }
        guard let last = output.last, let config else { return skippedInputs }
        return skippedInputs + SiteBuilder.warnings(of: last.index, config: config, theme: theme)
    }
    /// Articles the last rebuild left out because they are dated after its time.
    public var futureLeftOut: Int { store.future.count }
    public var documentCount: Int { reportedFromSummary ? lastSummary?.documents ?? 0 : output.last?.index.documents.count ?? 0 }
}

extension [String] {
    /// The position of `value` in a sorted array, if present.
    func binarySearch(_ value: String) -> Int? {
        let k = insertionPoint(value)
        return k < count && self[k] == value ? k : nil
    }

    /// Where `value` goes in a sorted array.
    func insertionPoint(_ value: String) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
