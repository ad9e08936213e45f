import Foundation
import Synchronization

/// The open tabs' event streams: every rebuild tells each of them to reload.
///
/// A stream's termination handler removes it from `clients`, which it holds strongly: a `[weak self]` there made
/// the runtime allocate a weak-reference side table per hub that LeakSanitizer reported as leaked at exit. The
/// cycle it makes (clients → continuation → handler → clients) is broken when the stream ends: AsyncStream drops
/// the handler once it has run, which it does when the tab goes away (the stream is dropped or cancelled), at
/// `finish()`, and at the hub's end.
public final class ReloadHub: Sendable {
    /// The registry the termination handlers reach: a class of its own, so they need no reference to the hub.
    final class Clients: Sendable {
        let streams = Mutex<[Int: AsyncStream<[UInt8]>.Continuation]>([:])
    }

    private let clients = Clients()
    private let nextID = Atomic<Int>(0)

    public init() {}

    deinit { finish() }

    /// A new server-sent event stream; it starts with a comment so the browser knows it is connected.
    public func subscribe() -> AsyncStream<[UInt8]> {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.yield(Array("retry: 1000\n: bantin\n\n".utf8))
        let clients = self.clients
        continuation.onTermination = { _ in
            _ = clients.streams.withLock { $0.removeValue(forKey: id) }
        }
        clients.streams.withLock { $0[id] = continuation }
        return stream
    }

    /// Sends `event` to every tab; returns how many were listening.
    @discardableResult
    public func send(_ event: String, data: String = "") -> Int {
        let bytes = Array("event: \(event)\ndata: \(data)\n\n".utf8)
        return clients.streams.withLock { clients in
            for (id, c) in clients {
                if case .terminated = c.yield(bytes) { clients.removeValue(forKey: id) }
            }
            return clients.count
        }
    }

    /// A comment every tab ignores: writing it finds connections the browser closed.
    public func ping() { _ = send("ping") }

    public var listeners: Int { clients.streams.withLock { $0.count } }

    public func finish() {
        let all = clients.streams.withLock { c in defer { c.removeAll() }; return Array(c.values) }
        for c in all { c.finish() }
    }
}

/// The script added to every served HTML page (never to `bantin build` output): reload when the site is rebuilt.
enum LiveReload {
    static let path = "/__bantin/live.js"
    static let events = "/__bantin/events"

    static let script = """
    // Bantin preview: reloads this page when the site is rebuilt.
    (function () {
      if (!window.EventSource) return;
      var source = new EventSource("\(events)");
      source.addEventListener("reload", function () { location.reload(); });
    })();

    """

    static let tag = Array("<script src=\"\(path)\" defer></script>".utf8)

    /// Adds the script tag before the last `</body>`, or at the end when there is none.
    static func inject(_ html: [UInt8]) -> [UInt8] {
        let close = Array("</body>".utf8)
        var i = html.count - close.count
        while i >= 0 {
            if html[i] == 0x3C, Array(html[i..<i + close.count]).elementsEqual(close, by: { ($0 | 0x20) == ($1 | 0x20) }) {
                return Array(html[..<i]) + tag + Array(html[i...])
            }
            i -= 1
        }
        return html + tag
    }
}
