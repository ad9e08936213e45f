import FileIO
import Foundation
import Synchronization

/// Where the render stage hands each output file: an `OutputWriter`, or `bantin check`'s `LinkChecker`, which
/// keeps nothing but what the pages link to.
protocol PageSink: Sendable {
    func write(_ relative: String, _ bytes: [UInt8]) throws(SiteFailure)
    func write(_ relative: String, producing produce: (_ emit: ([UInt8]) -> Void) -> Void) throws(SiteFailure)
}

extension OutputWriter: PageSink {}

/// Writes a build into a staging folder beside the output and swaps it in only when the build succeeded,
/// so a failed build leaves the previous output whole. Every path is checked to stay inside the folder.
public struct OutputWriter: Sendable {
    public let outputDirectory: String
    public let stagingDirectory: String
    let oldDirectory: String
    /// Updating a folder in place (a preview, a cached build): each file is written beside its place
    /// ("page.html.bantin-new") and `commit` renames them all over the old ones, so a reader never sees half a page
    /// and a failed build, which `abandon`s, leaves every old page as it was.
    let inPlace: Bool
    let pending: PendingFiles?
    /// What Bantin owned in the output before this build (a staged writer), or owns now (an in-place writer).
    let ledger: Ledger?
    /// The user asked for the output to be emptied (`--clean`): nothing in it is kept.
    let clean: Bool
    /// Folders the staged writer created above the output, removed again by `abandon`.
    let createdFolders: [String]

    final class PendingFiles: Sendable {
        let paths = Mutex<[String]>([])
    }

    /// The output's ownership, as a build changes it.
    final class Ledger: Sendable {
        struct State {
            var ownership: OutputFolder.Ownership
            /// The manifest no longer says what the folder holds.
            var dirty = false
            /// Files of the user's first seen by this writer.
            var newlyKept: [String] = []
        }
        let state: Mutex<State>
        init(_ o: OutputFolder.Ownership) { state = Mutex(State(ownership: o)) }
    }

    /// A writer that builds into a staging folder beside `outputDirectory` and swaps it in at `commit`; files of the
    /// old output that Bantin did not write (`ownership`) are carried over, unless `clean`.
    public init(outputDirectory: String, ownership: OutputFolder.Ownership = .init(), clean: Bool = false) throws(SiteFailure) {
        let out = OutputWriter.absolute(outputDirectory)
        self.outputDirectory = out
        let parent = (out as NSString).deletingLastPathComponent
        let name = (out as NSString).lastPathComponent
        let tag = "\(FileIO.processID)-\(UInt32.random(in: 0...UInt32.max))"
        stagingDirectory = parent + "/." + name + ".bantin-staging-" + tag
        oldDirectory = parent + "/." + name + ".bantin-old-" + tag
        inPlace = false
        pending = nil
        ledger = Ledger(ownership)
        self.clean = clean
        var missing: [String] = []
        var p = parent
        while !p.isEmpty && p != "/" && !FileIO.exists(p) {
            missing.append(p)
            p = (p as NSString).deletingLastPathComponent
        }
        createdFolders = missing
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: stagingDirectory, withIntermediateDirectories: true)
        } catch {
            for f in missing { FileIO.removeEmptyFolder(f) }
            throw SiteFailure.io("cannot create \(stagingDirectory): \(error.localizedDescription); check that the folder is writable")
        }
    }

    /// A writer that updates `directory` in place (see `inPlace`). `direct` writes files straight to their place,
    /// for a folder no one reads yet (a staging folder), whose ownership the staging writer keeps. Otherwise the
    /// folder's manifest says what Bantin may replace; a folder with files and no manifest is refused unless `clean`.
    /// `ownership` is what the caller's guard already read, when it did.
    public init(inPlace directory: String, direct: Bool = false, clean: Bool = false,
                ownership: OutputFolder.Ownership? = nil) throws(SiteFailure) {
        let out = OutputWriter.absolute(directory)
        outputDirectory = out
        stagingDirectory = out
        oldDirectory = out
        inPlace = true
        pending = direct ? nil : PendingFiles()
        self.clean = clean
        createdFolders = []
        if direct {
            ledger = nil
        } else if let ownership {
            ledger = Ledger(ownership)
        } else {
            ledger = Ledger(try OutputFolder.inspect(out, clean: clean))
        }
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            throw SiteFailure.io("cannot create \(out): \(error.localizedDescription); check that the folder is writable")
        }
        // Files of the user's at the top of the folder (a CNAME, a verification file) are said once here too; one
        // listing of the top folder, not a walk, so an unchanged build stays as cheap as it was.
        if let ledger {
            let top = FileIO.entries(of: out) ?? []
            ledger.state.withLock { s in
                for entry in top where !entry.isFolder && entry.name != OutputFolder.manifestName && entry.name != ".gitkeep"
                    && !entry.name.hasSuffix(".bantin-new") && !s.ownership.owned.contains(entry.name)
                    && !s.ownership.known.contains(entry.name) {
                    s.newlyKept.append(entry.name)
                    s.ownership.known.insert(entry.name)
                    s.dirty = true
                }
                s.newlyKept.sort()
            }
        }
    }

    /// Files of the user's an in-place writer found that no earlier build reported (at the top of the folder).
    public var newlyKept: [String] { ledger?.state.withLock { $0.newlyKept } ?? [] }

    public static func absolute(_ path: String) -> String {
        var p = path
        if !p.hasPrefix("/") { p = FileManager.default.currentDirectoryPath + "/" + p }
        return (p as NSString).standardizingPath
    }

    /// Checks a site-relative output path ("2017/12/x/index.html"): no "..", no absolute path, no backslash.
    public static func isSafe(_ relative: String) -> Bool {
        var relative = relative
        return relative.withUTF8 { b in
            guard !b.isEmpty, b[0] != 0x2F else { return false }
            // Walk the segments: none empty, none "." or "..", no backslash or NUL anywhere.
            var start = 0
            for i in 0...b.count {
                let c: UInt8 = i < b.count ? b[i] : 0x2F
                if c == 0x5C || (c == 0 && i < b.count) { return false }
                guard c == 0x2F else { continue }
                let n = i - start
                if n == 0 || (n == 1 && b[start] == 0x2E) || (n == 2 && b[start] == 0x2E && b[start + 1] == 0x2E) { return false }
                start = i + 1
            }
            return true
        }
    }

    /// Creates the folders of many files at once, each once, so writing them needs no `mkdir`.
    public func prepareFolders(for relativePaths: some Sequence<String>) throws(SiteFailure) {
        var folders = Set<String>()
        for p in relativePaths {
            var dir = Substring(p)
            while let slash = dir.lastIndex(of: "/") {
                dir = dir[..<slash]
                guard folders.insert(String(dir)).inserted else { break }
            }
        }
        // Shorter paths first: a parent exists before its children.
        for dir in folders.sorted(by: { $0.utf8.count < $1.utf8.count || ($0.utf8.count == $1.utf8.count && $0 < $1) }) {
            guard OutputWriter.isSafe(dir) else { throw SiteFailure.io("refusing to create “\(dir)”: it would leave the output folder") }
            if let error = FileIO.makeFolder(stagingDirectory + "/" + dir), error != EEXIST {
                throw SiteFailure.io("cannot create \(stagingDirectory)/\(dir): \(FileIO.describe(error))")
            }
        }
    }

    /// Writes one file under the staging folder.
    public func write(_ relative: String, _ bytes: [UInt8]) throws(SiteFailure) {
        try write(relative) { emit in emit(bytes) }
    }

    /// Writes one file that `produce` hands over in pieces, so a large data file never waits whole in memory.
    public func write(_ relative: String, producing produce: (_ emit: ([UInt8]) -> Void) -> Void) throws(SiteFailure) {
        guard OutputWriter.isSafe(relative) else {
            throw SiteFailure.io("refusing to write “\(relative)”: it would leave the output folder")
        }
        let final = stagingDirectory + "/" + relative
        let full = pending != nil ? final + ".bantin-new" : final
        if inPlace, let ledger, !clean {
            // A file of the user's where a page goes: refused, not replaced.
            let (checks, owned) = ledger.state.withLock { ($0.ownership.hasFiles, $0.ownership.owned.contains(relative)) }
            if checks && !owned && FileIO.exists(final) {
                throw OutputWriter.conflict(outputDirectory, relative)
            }
        }
        var fd = FileIO.create(full)
        if fd == nil && FileIO.lastError == ENOENT {
            // A file outside the prepared folders (an asset, say): make its folder now.
            let dir = (full as NSString).deletingLastPathComponent
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw SiteFailure.io("cannot create \(dir): \(error.localizedDescription)")
            }
            fd = FileIO.create(full)
        }
        guard let fd else { throw SiteFailure.io("cannot write \(full): \(FileIO.describe(FileIO.lastError))") }
        var failure: Int32? = nil
        produce { piece in if failure == nil { failure = FileIO.writeAll(fd, piece) } }
        FileIO.close(fd)
        pending?.paths.withLock { $0.append(final) }
        if let failure { throw SiteFailure.io("cannot write \(full): \(FileIO.describe(failure))") }
    }

    static func conflict(_ output: String, _ relative: String) -> SiteFailure {
        .file(output + "/" + relative, "Bantin did not write this file and the build would replace it with a page of the site; "
              + "move it out of the output folder (to publish it as it is, put it in the site's static/ folder), or pass --clean")
    }

    /// Removes a file an earlier build wrote and this one does not (in-place writers only).
    public func remove(_ relative: String) {
        guard inPlace, OutputWriter.isSafe(relative) else { return }
        FileIO.remove(stagingDirectory + "/" + relative)
        // Folders the removal emptied go too (rmdir refuses a folder that still holds anything).
        var dir = Substring(relative)
        while let slash = dir.lastIndex(of: "/") {
            dir = dir[..<slash]
            if !FileIO.removeEmptyFolder(stagingDirectory + "/" + dir) { break }
        }
        ledger?.state.withLock { s in
            if s.ownership.owned.remove(relative) != nil { s.dirty = true }
        }
    }

    /// The files Bantin owns in an in-place writer's folder.
    var ownedPaths: Set<String> { ledger?.state.withLock { $0.ownership.owned } ?? [] }

    /// Writes the manifest of an in-place writer's folder when what Bantin owns there changed.
    public func saveManifest() throws(SiteFailure) {
        guard inPlace, let ledger else { return }
        let bytes: [UInt8]? = ledger.state.withLock { s in
            guard s.dirty else { return nil }
            return OutputFolder.manifest(owned: s.ownership.owned, kept: s.ownership.known)
        }
        guard let bytes else { return }
        try OutputFolder.writeManifest(bytes, in: outputDirectory)
        ledger.state.withLock { s in
            s.dirty = false
            s.ownership.hasManifest = true
        }
    }

    public func write(_ relative: String, _ text: String) throws(SiteFailure) {
        try write(relative, Array(text.utf8))
    }

    /// In place: renames every file written over its old version. Staged: carries the user's files of the old output
    /// over (hard links, so nothing is copied and nothing can be lost), writes the manifest and replaces the output
    /// folder by the staging folder. Returns the files kept that no earlier build reported.
    @discardableResult
    public func commit() throws(SiteFailure) -> [String] {
        if inPlace {
            guard let pending else { return [] }
            let paths = pending.paths.withLock { p in defer { p.removeAll() }; return p }
            for (k, final) in paths.enumerated() {
                guard let error = FileIO.rename(final + ".bantin-new", final) else { continue }
                for rest in paths[k...] { FileIO.remove(rest + ".bantin-new") }
                throw SiteFailure.io("cannot replace \(final): \(FileIO.describe(error))")
            }
            if let ledger, !paths.isEmpty {
                let prefix = outputDirectory.utf8.count + 1
                ledger.state.withLock { s in
                    for final in paths where s.ownership.owned.insert(String(decoding: final.utf8.dropFirst(prefix), as: UTF8.self)).inserted { s.dirty = true }
                }
            }
            return []
        }
        let fm = FileManager.default
        let ownership = ledger!.state.withLock { $0.ownership }
        var kept: [String] = []
        // Every file carried over (kept ones and a `.gitkeep`): in the staging folder now, and not Bantin's.
        var carried: Set<String> = []
        var conflicts: [String] = []
        if !clean, fm.fileExists(atPath: outputDirectory) {
            let staging = stagingDirectory, output = outputDirectory
            try OutputFolder.visit(output, sorted: true, file: { (p) throws(SiteFailure) in
                // Bantin's own files, and the half-written files of a killed in-place build, are not carried over.
                guard p != OutputFolder.manifestName, !ownership.owned.contains(p), !p.hasSuffix(".bantin-new") else { return }
                let from = output + "/" + p, to = staging + "/" + p
                var error = FileIO.link(from, to)
                if error == ENOENT {
                    try? fm.createDirectory(atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    error = FileIO.link(from, to)
                }
                if error == EEXIST {
                    // The build wrote a file there: the same bytes make it Bantin's; other bytes would replace the user's.
                    if !OutputFolder.sameContents(from, to) { conflicts.append(p) }
                    return
                }
                if let linkError = error {
                    // A file system without hard links: a copy, then.
                    do { try fm.copyItem(atPath: from, toPath: to) } catch {
                        throw SiteFailure.io("cannot keep \(from) in the new output (\(FileIO.describe(linkError))); nothing was changed")
                    }
                }
                carried.insert(p)
                if p != ".gitkeep" { kept.append(p) }
            }, emptyFolder: { (dir) throws(SiteFailure) in try? fm.createDirectory(atPath: staging + "/" + dir, withIntermediateDirectories: true) })
        }
        if let first = conflicts.first {
            var e = OutputWriter.conflict(outputDirectory, first)
            if conflicts.count > 1, case .file(let path, let message) = e {
                e = .file(path, message + " (\(conflicts.count - 1) more files are in the same case: " + conflicts.dropFirst().prefix(5).joined(separator: ", ")
                          + (conflicts.count > 6 ? ", …" : "") + ")")
            }
            throw e
        }
        // The manifest is written as the staging folder is walked, in sorted order: the list of every file the
        // build wrote (two million at a million articles) is never held.
        var manifest = try OutputFolder.ManifestWriter(in: stagingDirectory)
        let unfinished = OutputFolder.manifestName + ".bantin-new"
        do throws(SiteFailure) {
            try OutputFolder.visit(stagingDirectory, sorted: true, file: { (p) throws(SiteFailure) in
                if p != unfinished && !carried.contains(p) { manifest.add(owned: true, p) }
            },
                                  emptyFolder: { (_) throws(SiteFailure) in })
        } catch {
            manifest.abandon()
            throw error
        }
        for p in kept.sorted() { manifest.add(owned: false, p) }
        try manifest.finish()
        let hadOutput = fm.fileExists(atPath: outputDirectory)
        if hadOutput, let error = FileIO.rename(outputDirectory, oldDirectory) {
            throw SiteFailure.io("cannot replace \(outputDirectory): \(FileIO.describe(error))")
        }
        if let error = FileIO.rename(stagingDirectory, outputDirectory) {
            if hadOutput { _ = FileIO.rename(oldDirectory, outputDirectory) }
            throw SiteFailure.io("cannot move the new site into \(outputDirectory): \(FileIO.describe(error))")
        }
        if hadOutput { try? fm.removeItem(atPath: oldDirectory) }
        return kept.filter { !ownership.known.contains($0) }.sorted()
    }

    /// Removes the staging folder after a failed build; the previous output is untouched.
    public func abandon() {
        if inPlace {
            let paths: [String] = pending?.paths.withLock { p in defer { p.removeAll() }; return p } ?? []
            for final in paths { FileIO.remove(final + ".bantin-new") }
            return
        }
        try? FileManager.default.removeItem(atPath: stagingDirectory)
        for f in createdFolders { FileIO.removeEmptyFolder(f) }
    }
}
