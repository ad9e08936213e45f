import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Watches a site's Content/, Templates/, static/ and site.yml and reports changes in batches of site-relative paths.
/// An editor's save is a burst of events (write a temporary file, rename it over the old one, touch metadata); a
/// batch ends when the folder has been quiet for `quiet` seconds. `nil` in the stream means "something changed
/// that cannot be named file by file" (a folder moved, the kernel's queue overflowed): look at everything.
public final class SiteWatcher: Sendable {
    public let siteDirectory: String
    private let quiet: Double
    /// Changes not yet taken: paths, or nil for "everything". Batches that arrive while a rebuild runs are merged
    /// here, so the next rebuild takes them all at once.
    private let pending = Mutex<(paths: Set<String>, everything: Bool, any: Bool)>(([], false, false))
    private let signals: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation
    /// `stop()` writes to this pipe to wake the watching thread, which then closes everything and ends.
    private let wake: (read: Int32, write: Int32)
    private let stopped = Atomic<Bool>(false)

    public init(siteDirectory: String, quiet: Double = 0.015) {
        self.siteDirectory = siteDirectory
        self.quiet = quiet
        (signals, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) != 0 { fds = [-1, -1] }
        wake = (fds[0], fds[1])
    }

    /// Stops watching: the thread ends and `Changes.next()` returns `.none`.
    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    private func finish() {
        signal.finish()
        _ = close(wake.read)
        _ = close(wake.write)
    }

    /// The changes, for one consumer: each `next()` waits for changes and returns all of them since the last
    /// call — site-relative paths, or nil for "look at everything" — or `.none` when watching ended.
    public struct Changes {
        let watcher: SiteWatcher
        var wake: AsyncStream<Void>.Iterator

        public mutating func next() async -> [String]?? {
            while true {
                if let taken = watcher.take() { return .some(taken) }
                guard await wake.next() != nil else { return .none }
            }
        }
    }

    public func changes() -> Changes { Changes(watcher: self, wake: signals.makeAsyncIterator()) }

    private func take() -> [String]?? {
        pending.withLock { p in
            guard p.any else { return nil }
            defer { p = ([], false, false) }
            return .some(p.everything ? nil : p.paths.sorted())
        }
    }

    private func report(_ paths: [String]?) {
        pending.withLock { p in
            if let paths { p.paths.formUnion(paths) } else { p.everything = true }
            p.any = true
        }
        signal.yield()
    }

    /// Starts watching on a thread of its own (the calls it makes block).
    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "bantin-watch"
        thread.start()
    }

    /// The site's folders a rebuild reads.
    static let watchedFolders = ["Content", "Templates", "static"]

    /// Is this site-relative path one a rebuild cares about?
    static func matters(_ relative: String) -> Bool {
        let parts = relative.split(separator: "/")
        if parts.contains(where: { $0.hasPrefix(".") || $0.hasSuffix("~") || $0.hasSuffix(".swp") || $0.hasSuffix(".tmp") }) { return false }
        return relative == "site.yml" || relative.hasPrefix("Content/") || relative.hasPrefix("Templates/") || relative.hasPrefix("static/")
    }

    #if os(Linux)
    private func run() {
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { return poll() }
        defer {
            _ = close(fd)
            finish()
        }
        var folders: [Int32: String] = [:]   // watch descriptor → site-relative folder ("" for the site itself)
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY | IN_DELETE_SELF | IN_ATTRIB)
        func watch(_ relative: String) {
            let full = relative.isEmpty ? siteDirectory : siteDirectory + "/" + relative
            let wd = inotify_add_watch(fd, full, mask)
            if wd >= 0 { folders[wd] = relative }
            guard let items = try? FileManager.default.contentsOfDirectory(atPath: full) else { return }
            for name in items where !name.hasPrefix(".") {
                var isDir: ObjCBool = false
                let child = relative.isEmpty ? name : relative + "/" + name
                if relative.isEmpty && !Self.watchedFolders.contains(name) { continue }
                if FileManager.default.fileExists(atPath: siteDirectory + "/" + child, isDirectory: &isDir), isDir.boolValue { watch(child) }
            }
        }
        watch("")
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pending: Set<String> = []
        var everything = false
        while true {
            var p = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            let waiting = !pending.isEmpty || everything
            let ready = Glibc.poll(&p, 2, waiting ? Int32(quiet * 1000) : -1)
            if ready < 0 { if errno == EINTR { continue }; return }
            if stopped.load(ordering: .relaxed) || p[1].revents != 0 { return }
            if ready == 0 {
                report(everything ? nil : pending.sorted())
                pending.removeAll()
                everything = false
                continue
            }
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { if n < 0 && errno == EINTR { continue }; return }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= n {
                let (wd, eventMask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let e = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (e.wd, e.mask, Int(e.len))
                }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = buffer[nameStart..<min(n, nameStart + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset = nameStart + length
                if eventMask & UInt32(IN_Q_OVERFLOW) != 0 { everything = true; continue }
                guard let folder = folders[wd] else { continue }
                let relative = folder.isEmpty ? name : (name.isEmpty ? folder : folder + "/" + name)
                if eventMask & UInt32(IN_ISDIR) != 0 {
                    if eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, folder.isEmpty ? Self.watchedFolders.contains(name) : true {
                        watch(relative)
                    }
                    if Self.matters(relative) || (folder.isEmpty && Self.watchedFolders.contains(name)) { everything = true }
                    continue
                }
                if eventMask & UInt32(IN_DELETE_SELF) != 0 { folders[wd] = nil; continue }
                if Self.matters(relative) { pending.insert(relative) }
            }
        }
    }
    #else
    private func run() { poll() }
    #endif

    /// Where inotify is missing: compare the files' sizes and times twice a second.
    private func poll() {
        func snapshot() -> [String: [Int]] {
            var out: [String: [Int]] = [:]
            for top in ["site.yml"] + Self.watchedFolders {
                let base = siteDirectory + "/" + top
                var paths = [top]
                if let walker = FileManager.default.enumerator(atPath: base) {
                    while let rel = walker.nextObject() as? String { paths.append(top + "/" + rel) }
                }
                for p in paths where Self.matters(p) || p == "site.yml" {
                    if let a = try? FileManager.default.attributesOfItem(atPath: siteDirectory + "/" + p) {
                        let t = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                        out[p] = [(a[.size] as? Int) ?? 0, Int(t * 1e6)]
                    }
                }
            }
            return out
        }
        defer { finish() }
        var last = snapshot()
        while !stopped.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: 0.5)
            let now = snapshot()
            if now != last {
                var changed = Set<String>()
                for (k, v) in now where last[k] != v { changed.insert(k) }
                for k in last.keys where now[k] == nil { changed.insert(k) }
                report(changed.sorted())
                last = now
            }
        }
    }
}
