import Escaping
import FlyingFox
import FlyingSocks
import Foundation

/// Answers every request of the preview: files of the built site, the live-reload script and event stream, the
/// error page while the site has errors, the theme's 404 page.
struct PreviewHandler: HTTPHandler {
    let router: @Sendable (String) -> Router
    let state: PreviewState
    let hub: ReloadHub

    static let noStore: (HTTPHeader, String) = (.cacheControl, "no-store")

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let head = request.method == .HEAD
        guard request.method == .GET || head else {
            var headers: HTTPHeaders = [:]
            headers[HTTPHeader("Allow")] = "GET, HEAD"
            headers[.cacheControl] = "no-store"
            headers[.contentLength] = "0"
            return HTTPResponse(statusCode: .methodNotAllowed, headers: headers)
        }
        let path = request.target.path()
        if path == LiveReload.path { return respond(.ok, "text/javascript; charset=utf-8", Array(LiveReload.script.utf8), head: head) }
        if path == LiveReload.events {
            var headers: HTTPHeaders = [:]
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-store"
            if head { return HTTPResponse(statusCode: .ok, headers: headers) }
            return HTTPResponse(statusCode: .ok, headers: headers, body: HTTPBodySequence(from: EventBytes(stream: hub.subscribe())))
        }
        let snapshot = state.snapshot
        guard snapshot.ready else {
            return respond(.serviceUnavailable, "text/html; charset=utf-8", ErrorPage.building(), head: head)
        }
        let router = router(snapshot.basePath)
        switch router.route(path) {
        case .badRequest:
            return respond(.badRequest, "text/plain; charset=utf-8", Array("400 Bad Request: this path is not a file of the site\n".utf8), head: head)
        case .redirect(let location):
            var headers: HTTPHeaders = [:]
            headers[.location] = location + (request.target.query().isEmpty ? "" : "?" + request.target.query())
            headers[.cacheControl] = "no-store"
            headers[.contentLength] = "0"
            return HTTPResponse(statusCode: .movedPermanently, headers: headers)
        case .notFound:
            if let failure = snapshot.failure { return respond(.internalServerError, "text/html; charset=utf-8", ErrorPage.render(failure), head: head) }
            let page = FileManager.default.contents(atPath: router.root + "/404.html").map { [UInt8]($0) }
                ?? Array("<!doctype html><html lang=\"vi\"><title>404</title><p>Không tìm thấy trang.</p></html>".utf8)
            return respond(.notFound, "text/html; charset=utf-8", LiveReload.inject(page), head: head)
        case .file(let file):
            let type = Router.contentType(file)
            let isHTML = type.hasPrefix("text/html")
            if isHTML, let failure = snapshot.failure {
                return respond(.internalServerError, "text/html; charset=utf-8", ErrorPage.render(failure), head: head)
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                return respond(.notFound, "text/plain; charset=utf-8", Array("404 Not Found\n".utf8), head: head)
            }
            var bytes = [UInt8](data)
            if isHTML { bytes = LiveReload.inject(bytes) }
            return respond(.ok, type, bytes, head: head)
        }
    }

    func respond(_ status: HTTPStatusCode, _ type: String, _ bytes: [UInt8], head: Bool) -> HTTPResponse {
        var headers: HTTPHeaders = [:]
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        if head {
            headers[.contentLength] = String(bytes.count)
            return HTTPResponse(statusCode: status, headers: headers)
        }
        return HTTPResponse(statusCode: status, headers: headers, body: Data(bytes))
    }
}

/// The bytes of a server-sent event stream, as FlyingFox's streaming body wants them (sent chunked, as they come).
struct EventBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async -> UInt8? {
            if pending.isEmpty { guard let chunk = await base.next() else { return nil }; pending = chunk[...] }
            return pending.popFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
            if pending.isEmpty { guard let chunk = await base.next() else { return nil }; pending = chunk[...] }
            let out = pending.prefix(Swift.max(1, count))
            pending = pending.dropFirst(out.count)
            return out
        }
    }
}

/// Pages the preview shows itself: the build's errors, and "building" before the first build ends.
enum ErrorPage {
    static func escape(_ s: String) -> String { Escape.html(s) }

    static let style = """
    body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:2rem;background:#fff7f5;color:#2a1a17}
    h1{font-size:1.4rem;color:#a3261a;margin:0 0 1rem}pre{background:#fff;border:1px solid #e9c4bd;padding:1rem;
    white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.5 ui-monospace,monospace}p{color:#6b4a44}
    """

    static func render(_ message: String) -> [UInt8] {
        Array("""
        <!doctype html>
        <html lang="vi">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Lỗi khi dựng trang · Bantin</title><style>\(style)</style></head>
        <body>
        <h1>Không dựng được trang</h1>
        <pre>\(escape(message))</pre>
        <p>Sửa tệp được nêu rồi lưu lại: trang sẽ tự tải lại. Các trang của lần dựng trước vẫn được giữ nguyên.</p>
        <script src="\(LiveReload.path)" defer></script>
        </body>
        </html>

        """.utf8)
    }

    static func building() -> [UInt8] {
        Array("""
        <!doctype html>
        <html lang="vi">
        <head><meta charset="utf-8"><title>Đang dựng trang · Bantin</title><style>\(style)</style></head>
        <body><h1 style="color:#2a1a17">Đang dựng trang…</h1><p>Trang sẽ tự mở khi dựng xong.</p>
        <script src="\(LiveReload.path)" defer></script></body>
        </html>

        """.utf8)
    }
}
