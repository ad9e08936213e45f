import FileIO
import Foundation

/// The output folder belongs to its user; Bantin owns only the files its manifest says it wrote.
///
/// Every entry point (`bantin build` with or without the cache, `bantin serve --output`) goes through `check`
/// (dangerous folders refused), `inspect` (what Bantin owns there, or a refusal) and `removeLeftovers` (what a
/// killed build left beside it) before it creates anything, so a guard added here holds for all of them.
public enum OutputFolder {
    /// The manifest, at the root of the output: the files Bantin wrote, then the files it found and kept.
    public static let manifestName = ".bantin-manifest"
    static let manifestHeader = "# Bantin wrote the files marked +; it replaces or deletes only those. Files marked = are yours: kept.\n"

    /// What an output folder holds, as far as ownership goes.
    public struct Ownership: Sendable {
        /// Files a Bantin build wrote there (from the manifest).
        public var owned: Set<String> = []
        /// Files already reported as kept (from the manifest), so each is said once.
        public var known: Set<String> = []
        /// False when the folder is missing or holds nothing (a `.gitkeep` aside).
        public var hasFiles = false
        /// The folder had a manifest.
        public var hasManifest = false

        public init() {}
    }

    /// Refuses an output folder that is, or holds, the user's own files: the site, a folder containing it, its
    /// Content/, Templates/ or static/, the build cache, the home folder, `/`, or a folder holding a `.git`.
    public static func check(_ output: String, site: String, cache: String? = nil) throws(SiteFailure) {
        let out = resolved(output), site = resolved(site)
        func refuse(_ what: String) -> SiteFailure {
            .file(output, "the output folder \(what), and a build would mix its pages with your files or replace them; "
                  + "pass --output with a folder of its own, such as \(site)/Output (the default)")
        }
        if out == "/" { throw refuse("is the root of the file system") }
        if let home = ProcessInfo.processInfo.environment["HOME"].map(resolved), home != "/" {
            if out == home { throw refuse("is your home folder") }
            if home.hasPrefix(out + "/") { throw refuse("contains your home folder") }
        }
        if out == site { throw refuse("is the site folder") }
        if site.hasPrefix(out + "/") { throw refuse("contains the site folder \(site)") }
        for folder in ["Content", "Templates", "static"] {
            let f = site + "/" + folder
            if out == f { throw refuse("is the site's \(folder)/ folder") }
            if out.hasPrefix(f + "/") { throw refuse("is inside the site's \(folder)/ folder") }
        }
        let cache = resolved(cache ?? site + "/.bantin-cache")
        if out == cache || out.hasPrefix(cache + "/") { throw refuse("is the build cache \(cache)") }
        if cache.hasPrefix(out + "/") { throw refuse("contains the build cache \(cache)") }
        if FileIO.exists(out + "/.git") { throw refuse("holds a git repository (.git)") }
        if out.split(separator: "/").contains(".git") { throw refuse("is inside a git repository's .git folder") }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
            throw .file(output, "this is a file, not a folder, and a build would replace it; pass --output with a folder of its own")
        }
    }

    /// What Bantin owns in `output`. A folder with files and no manifest was not built by Bantin: refused unless
    /// `clean` says its files may all go.
    public static func inspect(_ output: String, clean: Bool) throws(SiteFailure) -> Ownership {
        var o = Ownership()
        if let data = FileManager.default.contents(atPath: output + "/" + manifestName) {
            o.hasManifest = true
            // Bytes, not Characters: the manifest of a large archive has tens of thousands of lines, read every build.
            [UInt8](data).withUnsafeBufferPointer { b in
                var start = 0
                for i in 0...b.count where i == b.count || b[i] == 0x0A {
                    defer { start = i + 1 }
                    guard i - start > 2, b[start + 1] == 0x20 else { continue }
                    let path = String(decoding: UnsafeBufferPointer(rebasing: b[(start + 2)..<i]), as: UTF8.self)
                    if b[start] == 0x2B { o.owned.insert(path) } else if b[start] == 0x3D { o.known.insert(path) }
                }
            }
        }
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: output) {
            o.hasFiles = entries.contains { $0 != ".gitkeep" && $0 != manifestName }
        }
        if o.hasFiles && !o.hasManifest && !clean {
            throw SiteFailure.file(output, "this folder is not empty and Bantin did not build it (it has no \(manifestName)), so a build "
                                   + "could replace your files; pass --output with a new or empty folder, or add --clean to delete "
                                   + "everything in it first (once, for a folder an earlier Bantin built: it has kept a manifest since)")
        }
        return o
    }

    /// The manifest's text: the files Bantin wrote, then the files it kept, each list sorted.
    static func manifest(owned: some Sequence<String>, kept: some Sequence<String>) -> [UInt8] {
        var text = manifestHeader
        for p in owned.sorted() { text += "+ " + p + "\n" }
        for p in kept.sorted() { text += "= " + p + "\n" }
        return Array(text.utf8)
    }

    /// Writes the manifest beside its place and renames it in, so a reader never sees half of it.
    static func writeManifest(_ bytes: [UInt8], in folder: String) throws(SiteFailure) {
        let path = folder + "/" + manifestName
        guard let fd = FileIO.create(path + ".bantin-new") else {
            throw SiteFailure.io("cannot write \(path): \(FileIO.describe(FileIO.lastError))")
        }
        let failure = FileIO.writeAll(fd, bytes)
        FileIO.close(fd)
        if let failure {
            FileIO.remove(path + ".bantin-new")
            throw SiteFailure.io("cannot write \(path): \(FileIO.describe(failure))")
        }
        if let error = FileIO.rename(path + ".bantin-new", path) { throw SiteFailure.io("cannot write \(path): \(FileIO.describe(error))") }
    }

    /// Removes what a killed build left beside `output` (`.NAME.bantin-staging-PID-…`, `.NAME.bantin-old-PID-…`),
    /// unless the process that made it still runs. An old output whose replacement never arrived is put back.
    public static func removeLeftovers(of output: String) {
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries.sorted() {
            let isOld: Bool
            let rest: Substring
            if entry.hasPrefix("." + name + ".bantin-staging-") {
                isOld = false
                rest = entry.dropFirst(("." + name + ".bantin-staging-").count)
            } else if entry.hasPrefix("." + name + ".bantin-old-") {
                isOld = true
                rest = entry.dropFirst(("." + name + ".bantin-old-").count)
            } else { continue }
            guard let pid = Int32(rest.prefix { $0 != "-" }), pid != FileIO.processID, !FileIO.isRunning(pid) else { continue }
            let path = parent + "/" + entry
            // Killed between its two renames, a build leaves no output and the whole old one here.
            if isOld && !FileIO.exists(output) && FileIO.rename(path, output) == nil { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Removes the private folders of previews and sessions whose process has ended (`bantin-serve-PID-…`,
    /// `bantin-session-PID-…` in the temporary folder): a preview stopped by SIGKILL cannot remove its own.
    public static func removeTemporaryLeftovers() {
        let temporary = NSTemporaryDirectory()
        for entry in FileIO.entries(of: temporary) ?? [] where entry.isFolder {
            for prefix in ["bantin-serve-", "bantin-session-"] where entry.name.hasPrefix(prefix) {
                guard let pid = Int32(entry.name.dropFirst(prefix.count).prefix { $0 != "-" }), pid != FileIO.processID,
                      !FileIO.isRunning(pid) else { continue }
                try? FileManager.default.removeItem(atPath: temporary + "/" + entry.name)
            }
        }
    }

    /// The path with its symbolic links resolved, as far as it exists.
    static func resolved(_ path: String) -> String {
        let absolute = OutputWriter.absolute(path)
        var tail: [String] = []
        var head = absolute
        while head != "/" && !head.isEmpty {
            if let r = FileIO.realPath(head) {
                return tail.isEmpty ? r : (r == "/" ? "" : r) + "/" + tail.reversed().joined(separator: "/")
            }
            tail.append((head as NSString).lastPathComponent)
            head = (head as NSString).deletingLastPathComponent
        }
        return absolute
    }

    /// Every file under `folder` (symbolic links included, not followed), and every folder that holds nothing, as
    /// relative paths.
    static func walk(_ folder: String) -> (files: [String], emptyFolders: [String]) {
        var files: [String] = [], empty: [String] = []
        visit(folder, file: { files.append($0) }, emptyFolder: { empty.append($0) })
        return (files, empty)
    }

    /// Calls `file` with every file under `folder` (symbolic links included, not followed) and `emptyFolder` with
    /// every folder that holds nothing, as relative paths, one at a time: an output of two million files is never
    /// listed whole. `sorted` visits them in the order of their sorted paths.
    static func visit<E: Error>(_ folder: String, sorted: Bool = false, file: (String) throws(E) -> Void,
                                emptyFolder: (String) throws(E) -> Void) throws(E) {
        func visit(_ dir: String, _ relative: String) throws(E) -> Bool {
            guard var entries = FileIO.entries(of: dir) else { return true }
            // A folder sorts as its name and "/": "a-b" comes before "a/x", as in the list of whole paths.
            if sorted { entries.sort { ($0.isFolder ? $0.name + "/" : $0.name) < ($1.isFolder ? $1.name + "/" : $1.name) } }
            for entry in entries {
                if entry.isFolder {
                    if try !visit(dir + "/" + entry.name, relative + entry.name + "/") { try emptyFolder(relative + entry.name) }
                } else {
                    try file(relative + entry.name)
                }
            }
            return !entries.isEmpty
        }
        _ = try visit(folder, "")
    }

    /// Writes a manifest line by line, beside its place until `finish` renames it in.
    struct ManifestWriter {
        let path: String
        let fd: Int32
        var buffer: [UInt8] = []
        var failure: Int32?

        init(in folder: String) throws(SiteFailure) {
            path = folder + "/" + OutputFolder.manifestName
            guard let fd = FileIO.create(path + ".bantin-new") else {
                throw SiteFailure.io("cannot write \(path): \(FileIO.describe(FileIO.lastError))")
            }
            self.fd = fd
            buffer.reserveCapacity(1 << 16)
            buffer.append(contentsOf: OutputFolder.manifestHeader.utf8)
        }

        /// One line: "+ path" (Bantin's) or "= path" (the user's).
        mutating func add(owned: Bool, _ relative: String) {
            buffer.append(owned ? 0x2B : 0x3D)
            buffer.append(0x20)
            buffer.append(contentsOf: relative.utf8)
            buffer.append(0x0A)
            if buffer.count >= 1 << 16 { flush() }
        }

        private mutating func flush() {
            if failure == nil { failure = FileIO.writeAll(fd, buffer) }
            buffer.removeAll(keepingCapacity: true)
        }

        mutating func finish() throws(SiteFailure) {
            flush()
            FileIO.close(fd)
            if let failure {
                FileIO.remove(path + ".bantin-new")
                throw SiteFailure.io("cannot write \(path): \(FileIO.describe(failure))")
            }
            if let error = FileIO.rename(path + ".bantin-new", path) { throw SiteFailure.io("cannot write \(path): \(FileIO.describe(error))") }
        }

        /// After a failure elsewhere: the half-written manifest goes.
        func abandon() {
            FileIO.close(fd)
            FileIO.remove(path + ".bantin-new")
        }
    }

    /// Whether two files hold the same bytes.
    static func sameContents(_ a: String, _ b: String) -> Bool {
        // Regular files only: reading a named pipe would wait forever.
        guard FileIO.kind(a) == .file, FileIO.kind(b) == .file, let x = FileManager.default.contents(atPath: a), let y = FileManager.default.contents(atPath: b) else { return false }
        return x == y
    }
}
