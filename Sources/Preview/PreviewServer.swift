import FileIO
import FlyingFox
import FlyingSocks
import Foundation
import Site
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `bantin serve` was asked for.
public struct PreviewOptions: Sendable {
    public var siteDirectory: String
    /// Where pages are written; nil for a private temporary folder, removed on exit.
    public var outputDirectory: String?
    public var host: String
    /// 0 picks a free port (tests).
    public var port: UInt16
    public var includeDrafts: Bool
    /// Also build articles dated after the time of each rebuild (`--future`), as `bantin build --future` does.
    public var includeFuture: Bool

    public init(siteDirectory: String, outputDirectory: String? = nil, host: String = "127.0.0.1", port: UInt16 = 8080,
                includeDrafts: Bool = false, includeFuture: Bool = false) {
        self.siteDirectory = siteDirectory
        self.outputDirectory = outputDirectory
        self.host = host
        self.port = port
        self.includeDrafts = includeDrafts
        self.includeFuture = includeFuture
    }

    /// Loopback addresses: the only ones served without a warning.
    public var isLoopback: Bool { host == "127.0.0.1" || host == "::1" || host == "localhost" || host.hasPrefix("127.") }
}

/// Why the preview could not start.
public struct PreviewError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// One line for the terminal: what happened, for the CLI to print.
public enum PreviewEvent: Sendable {
    case listening(url: String)
    case built(RebuildSummary)
    case dataUpdated(files: Int, seconds: Double)
    case failed(String)
}

/// The state requests read: whether the last rebuild failed, and with what.
final class PreviewState: Sendable {
    struct Snapshot: Sendable {
        var ready = false
        var failure: String?
        var generation = 0
        var basePath = "/"
    }
    let value = Mutex(Snapshot())
    var snapshot: Snapshot { value.withLock { $0 } }
}

/// `bantin serve`: builds the site into a private folder, serves it on loopback, and rebuilds what an edit
/// changed, telling open tabs to reload through a server-sent event stream.
public final class PreviewServer: Sendable {
    public let options: PreviewOptions
    public let root: String
    let ownsRoot: Bool
    let hub = ReloadHub()
    let state = PreviewState()
    let server: HTTPServer
    let report: @Sendable (PreviewEvent) -> Void
    let loop = Mutex<Task<Void, Never>?>(nil)
    let watcher = Mutex<SiteWatcher?>(nil)

    public init(_ options: PreviewOptions, report: @escaping @Sendable (PreviewEvent) -> Void) throws(PreviewError) {
        self.options = options
        self.report = report
        // The same guard as `bantin build`, before anything is created: the site exists, and an output folder
        // is neither one of the user's own nor a folder Bantin did not build.
        do throws(SiteFailure) {
            try SiteBuilder.checkSite(OutputWriter.absolute(options.siteDirectory))
            if let out = options.outputDirectory {
                try OutputFolder.check(out, site: options.siteDirectory)
                _ = try OutputFolder.inspect(OutputWriter.absolute(out), clean: false)
            }
        } catch {
            throw PreviewError(description: error.description)
        }
        if let out = options.outputDirectory {
            root = URL(fileURLWithPath: out).standardizedFileURL.path
            ownsRoot = false
        } else {
            OutputFolder.removeTemporaryLeftovers()
            root = NSTemporaryDirectory() + "/bantin-serve-\(FileIO.processID)-\(UInt32.random(in: 0...UInt32.max))"
            ownsRoot = true
        }
        do { try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true) } catch {
            throw PreviewError(description: "error: cannot create \(root): \(error.localizedDescription)")
        }
        let address: any SocketAddress
        do {
            if options.host == "localhost" { address = try sockaddr_in.inet(ip4: "127.0.0.1", port: options.port) }
            else if options.host.contains(":") { address = try sockaddr_in6.inet6(ip6: options.host, port: options.port) }
            else { address = try sockaddr_in.inet(ip4: options.host, port: options.port) }
        } catch {
            throw PreviewError(description: "error: “\(options.host)” is not an IP address; pass --host 127.0.0.1 (this machine only) or 0.0.0.0 (every network)")
        }
        let handler = PreviewHandler(router: { [root] base in Router(root: root, basePath: base) }, state: state, hub: hub)
        server = HTTPServer(address: address, timeout: 30, pool: NoDelayPool(base: HTTPServer.defaultPool()), logger: .disabled, handler: handler)
    }

    /// The port actually bound (useful with port 0).
    public var port: UInt16? {
        get async {
            switch await server.listeningAddress {
            case .ip4(_, let port)?, .ip6(_, let port)?: return port
            default: return nil
            }
        }
    }

    /// Binds the port, builds the site, then serves and rebuilds until `stop()`. Throws when the port is taken.
    public func run(watch: Bool = true) async throws(PreviewError) {
        let failure = Mutex<String?>(nil)
        let serving = Task { [server] in
            do { try await server.run() } catch {
                var why = "\(error)"
                if case SocketError.failed(_, let code, let message) = error { why = code == EADDRINUSE ? "the port is already in use" : message }
                failure.withLock { $0 = why }
            }
        }
        // Wait for the socket, or for the server to give up (a port in use fails at once).
        var waited = 0
        while await !server.isListening {
            if let why = failure.withLock({ $0 }) ?? (waited > 500 ? "no answer after 5 s" : nil) {
                serving.cancel()
                throw PreviewError(description: "error: cannot listen on \(options.host):\(options.port): \(why); "
                                   + "another program may be using that port: pass --port \(options.port == 8080 ? 8081 : Int(options.port) + 1) or another free port")
            }
            try? await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        let port = await self.port ?? options.port
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        let watcher = SiteWatcher(siteDirectory: OutputWriter.absolute(options.siteDirectory))
        if watch {
            watcher.start()
            self.watcher.withLock { $0 = watcher }
        }
        let task = Task { [self] in
            await rebuildLoop(watcher: watch ? watcher : nil, announce: "http://\(host):\(port)")
        }
        loop.withLock { $0 = task }
        await serving.value
    }

    /// Stops serving and removes the private folder.
    public func stop() async {
        watcher.withLock { $0?.stop() }
        loop.withLock { $0?.cancel() }
        hub.finish()
        await server.stop(timeout: 1)
        if ownsRoot { try? FileManager.default.removeItem(atPath: root) }
    }

    /// Removes the private folder without waiting (a signal handler's last act).
    public func removePrivateFolder() {
        if ownsRoot { try? FileManager.default.removeItem(atPath: root) }
    }

    /// Builds, then rebuilds after every batch of changes; one rebuild at a time, in order.
    func rebuildLoop(watcher: SiteWatcher?, announce: String) async {
        let session: SiteSession
        do {
            session = try SiteSession(siteDirectory: options.siteDirectory, outputDirectory: root, includeDrafts: options.includeDrafts,
                                      includeFuture: options.includeFuture, workDirectory: ownsRoot ? root + "/.bantin-work" : nil)
        } catch {
            report(.failed(error.description))
            state.value.withLock { $0.failure = error.description; $0.ready = true }
            return
        }
        var first = true
        var changed: [String]? = nil
        var changes = watcher?.changes()
        while !Task.isCancelled {
            do throws(SiteFailure) {
                let summary = try await session.rebuild(changed: changed)
                let base = session.basePath
                let (generation, wasFailing) = state.value.withLock { s in
                    let failing = s.failure != nil
                    s.ready = true
                    s.failure = nil
                    s.basePath = base
                    s.generation += 1
                    return (s.generation, failing)
                }
                if first { report(.listening(url: announce + base)) }
                report(.built(summary))
                // Tabs reload when something they may show changed (an editor's backup file changes nothing), and
                // after the first build, for tabs opened on the "building" page.
                if first || wasFailing || !summary.written.isEmpty || !summary.removed.isEmpty {
                    hub.send("reload", data: String(generation))
                }
                let clock = ContinuousClock.now
                if let n = try await session.updateData(), n > 0 {
                    let d = ContinuousClock.now - clock
                    report(.dataUpdated(files: n, seconds: Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18))
                }
            } catch {
                let generation = state.value.withLock { s in
                    s.ready = true
                    s.failure = error.description
                    s.generation += 1
                    return s.generation
                }
                if first { report(.listening(url: announce + state.snapshot.basePath)) }
                report(.failed(error.description))
                hub.send("reload", data: String(generation))
            }
            first = false
            guard changes != nil, let next = await changes!.next() else { return }
            changed = next
        }
    }
}

/// FlyingFox's socket pool with Nagle's algorithm turned off on every socket it waits on. FlyingFox writes a
/// response's head and body separately; with Nagle on, the body waits for the client's delayed ACK of the head,
/// about 40 ms per request. Accepted sockets inherit the setting from the listening one on Linux, and each
/// connection's socket is set again the first time it waits.
struct NoDelayPool<Base: AsyncSocketPool>: AsyncSocketPool {
    let base: Base

    func prepare() async throws { try await base.prepare() }
    func run() async throws { try await base.run() }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        var one: Int32 = 1
        _ = setsockopt(socket.file.rawValue, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        try await base.suspendSocket(socket, untilReadyFor: events)
    }
}
