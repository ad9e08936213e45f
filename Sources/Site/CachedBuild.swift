import FileIO
import Foundation

/// `bantin build` with a build cache: the records of every article, the search postings and the fingerprints of
/// every page written, kept in a folder between builds (by default the site's `.bantin-cache/`; CI can keep it
/// between runs). An unchanged article is not read again; a page whose fingerprint did not change is not written
/// again. The cache is only an optimisation: a build without it writes the same bytes, and a damaged or foreign
/// cache is ignored.
public enum CachedBuild {
    public struct Report: Sendable {
        public var build: BuildReport
        /// What became of the saved cache: used, missing (first build), or ignored and why.
        public var cache: SiteSession.RestoreOutcome
        /// Pages written (the rest were already up to date).
        public var written: Int
        public var articlesRead: Int
        /// Set when the cache could not be saved; the build itself succeeded.
        public var saveWarning: String?
    }

    /// `endsProcess`: the caller exits right after (the command line), so the session's records, index and postings
    /// are left for the process's end to reclaim instead of being freed one by one (7 % of a one-edit build at
    /// 10,000 articles). A library caller that goes on (tests, a long-running host) leaves it false.
    public static func build(_ options: BuildOptions, cacheDirectory: String, endsProcess: Bool = false) async throws(SiteFailure) -> Report {
        let clock = ContinuousClock.now
        let cache = OutputWriter.absolute(cacheDirectory)
        let out = options.outputDirectory
        let now = options.now
        // guard: the same checks as a build without the cache, the cache folder included; nothing created before.
        let ownership = try SiteBuilder.guardOutput(options, cache: cache)
        OutputFolder.removeLeftovers(of: out)
        let state = cache + "/state.bin", bodies = cache + "/bodies"
        let cacheExisted = FileIO.exists(cache)
        // A folder the build may not write (a read-only checkout, say) means a build without the cache, not a failure.
        if (try? FileManager.default.createDirectory(atPath: bodies, withIntermediateDirectories: true)) == nil || !FileIO.isWritable(bodies) {
            if !cacheExisted { try? FileManager.default.removeItem(atPath: cache) }
            let build = try await SiteBuilder.build(options)
            return Report(build: build, cache: .ignored("cannot write \(cache)"), written: build.pages, articlesRead: build.articles,
                          saveWarning: "the cache folder \(cache) is not writable; pass --cache with a writable folder, or --no-cache")
        }
        // The cache is usable only with the output it describes; otherwise build into a fresh folder and swap it
        // in, as a build without the cache does, so a failed build leaves the old output whole.
        var outcome = SiteSession.RestoreOutcome.missing
        var restored: SiteSession? = nil
        var stages = StageClock()
        var staging: OutputWriter? = nil
        let session: SiteSession
        let firstNewSpill: Int
        do {
            if FileManager.default.fileExists(atPath: out) && !options.clean {
                let s = try SiteSession(siteDirectory: options.siteDirectory, outputDirectory: out, includeDrafts: options.includeDrafts,
                                        includeFuture: options.includeFuture, baseURL: options.baseURL, now: { now },
                                        workDirectory: bodies, ownership: ownership)
                outcome = s.restore(from: state)
                if outcome == .restored { restored = s }
            }
            stages.lap("restore")
            if let restored {
                session = restored
            } else {
                try? FileManager.default.removeItem(atPath: bodies)
                let writer = try OutputWriter(outputDirectory: out, ownership: ownership, clean: options.clean)
                staging = writer
                session = try SiteSession(siteDirectory: options.siteDirectory, outputDirectory: writer.stagingDirectory,
                                          includeDrafts: options.includeDrafts, includeFuture: options.includeFuture,
                                          baseURL: options.baseURL, now: { now }, workDirectory: bodies, freshOutput: true)
            }
        } catch {
            staging?.abandon()
            if !cacheExisted { try? FileManager.default.removeItem(atPath: cache) }
            throw error
        }
        firstNewSpill = session.store.spillFDs.count
        let summary: RebuildSummary
        var written = 0
        var kept: [String] = []
        do {
            summary = try await session.rebuild(changed: nil, progress: options.progress)
            stages.skip()
            written = summary.written.count + (try await session.updateData() ?? 0)
            stages.lap("search, data")
            kept = try staging?.commit() ?? session.writer.newlyKept
        } catch {
            staging?.abandon()
            // A failed build leaves the cache as it found it: its own work files go, and a cache it created goes whole.
            if !cacheExisted {
                try? FileManager.default.removeItem(atPath: cache)
            } else if restored != nil {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: bodies)) ?? [] where name.hasPrefix("spill-") {
                    if let n = Int(name.dropFirst(6).prefix { $0 != "." }), n >= firstNewSpill { FileIO.remove(bodies + "/" + name) }
                }
            } else {
                try? FileManager.default.removeItem(atPath: bodies)
            }
            throw error
        }
        var warning: String? = nil
        if session.needsSave {
            do { try session.save(to: state, outputs: out) } catch { warning = error.description }
        } else if session.hasIndex {
            // Nothing to log, but an index was built (a site with linked files takes the usual way): the next edit patches it.
            session.saveIndex(for: state)
        }
        stages.lap("save")
        if endsProcess { _ = Unmanaged.passRetained(session) }
        let d = ContinuousClock.now - clock
        var report = BuildReport(articles: summary.articles, pages: session.pageCount > 0 ? session.pageCount : summary.pages, documents: session.documentCount,
                                 seconds: Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18,
                                 unresolved: session.unresolved, stages: [stages.stages[0]] + summary.stages + stages.stages.dropFirst(),
                                 kept: kept)
        report.warnings = session.warnings
        report.futureLeftOut = session.futureLeftOut
        return Report(build: report, cache: outcome, written: written, articlesRead: summary.articlesReloaded, saveWarning: warning)
    }
}
