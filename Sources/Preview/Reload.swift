import Foundation
import Synchronization

/// The open tabs' event streams: every rebuild tells each of them to reload.
public final class ReloadHub: Sendable {
    private let clients = Mutex<[Int: AsyncStream<[UInt8]>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)

    public init() {}

    /// A new server-sent event stream; it starts with a comment so the browser knows it is connected.
    public func subscribe() -> AsyncStream<[UInt8]> {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.yield(Array("retry: 1000\n: bantin\n\n".utf8))
        continuation.onTermination = { [weak self] _ in
            _ = self?.clients.withLock { $0.removeValue(forKey: id) }
        }
        clients.withLock { $0[id] = continuation }
        return stream
    }

    /// Sends `event` to every tab; returns how many were listening.
    @discardableResult
    public func send(_ event: String, data: String = "") -> Int {
        let bytes = Array("event: \(event)\ndata: \(data)\n\n".utf8)
        return clients.withLock { clients in
            for (id, c) in clients {
                if case .terminated = c.yield(bytes) { clients.removeValue(forKey: id) }
            }
            return clients.count
        }
    }

    /// A comment every tab ignores: writing it finds connections the browser closed.
    public func ping() { _ = send("ping") }

    public var listeners: Int { clients.withLock { $0.count } }

    public func finish() {
        let all = clients.withLock { c in defer { c.removeAll() }; return Array(c.values) }
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
