import ArgumentParser
import Foundation
import Preview
import Site
import Synchronization

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site: build it, serve it, and rebuild what changes as you edit.",
        discussion: """
        Pages are built into a private temporary folder (Output/ is not touched unless you pass --output) and \
        served at http://127.0.0.1:8080/. Saving an article, a template or site.yml rebuilds only the pages that \
        depend on it, and open tabs reload by themselves. Stop with Ctrl-C.
        """
    )

    @Option(help: "The site folder, holding Content/, Templates/ and site.yml.")
    var site: String = "."

    @Option(help: "The address to listen on. 127.0.0.1 is this machine only; 0.0.0.0 is every network.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port: UInt16 = 8080

    @Option(help: "Write the previewed site into this folder instead of a private temporary one.")
    var output: String?

    @Flag(help: "Also build articles marked draft: true.")
    var drafts = false

    @Flag(help: "Also build articles dated in the future (left out otherwise, as by bantin build).")
    var future = false

    @Flag(help: "Print the time each step of a rebuild took.")
    var timings = false

    func run() async throws {
        let options = PreviewOptions(siteDirectory: site, outputDirectory: output, host: host, port: port, includeDrafts: drafts,
                                     includeFuture: future)
        if !options.isLoopback {
            warn("warning: serving on \(host): other machines on the network can read the preview; use --host 127.0.0.1 to keep it to this one")
        }
        let server: PreviewServer
        let timings = self.timings
        do { server = try PreviewServer(options, report: { Self.print($0, timings: timings) }) } catch {
            warn(error.description)
            throw ExitCode.failure
        }
        // Ctrl-C: remove the private folder and leave with success.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let sources = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: .main) }
        for source in sources {
            source.setEventHandler {
                server.removePrivateFolder()
                FileHandle.standardError.write(Data("\nStopped.\n".utf8))
                Foundation.exit(0)
            }
            source.resume()
        }
        do { try await server.run() } catch {
            warn(error.description)
            throw ExitCode.failure
        }
        withExtendedLifetime(sources) {}
    }

    @Sendable static func print(_ event: PreviewEvent, timings: Bool) {
        let out = FileHandle.standardError
        switch event {
        case .listening(let url):
            out.write(Data("Serving the site at \(url) (Ctrl-C to stop)\n".utf8))
        case .built(let s):
            for u in s.unresolved { warn(u.description) }
            let ms = String(format: "%.0f ms", s.seconds * 1000)
            if s.full {
                out.write(Data("Built \(s.articles) articles, \(s.pages) pages in \(ms)\n".utf8))
                if s.futureLeftOut > 0 {
                    out.write(Data("\(s.futureLeftOut) future article\(s.futureLeftOut == 1 ? "" : "s") left out; --future shows \(s.futureLeftOut == 1 ? "it" : "them")\n".utf8))
                }
            } else if s.written.isEmpty && s.removed.isEmpty {
                out.write(Data("No page changed (\(ms))\n".utf8))
            } else {
                let shown = s.written.prefix(3).joined(separator: ", ") + (s.written.count > 3 ? ", …" : "")
                var line = "Rebuilt \(s.written.count) page\(s.written.count == 1 ? "" : "s") in \(ms)"
                if s.articlesReloaded > 0 { line += " after \(s.articlesReloaded) changed article\(s.articlesReloaded == 1 ? "" : "s")" }
                if !s.removed.isEmpty { line += ", removed \(s.removed.count)" }
                out.write(Data((line + ": " + shown + "\n").utf8))
            }
            if timings {
                out.write(Data(("  " + s.stages.map { "\($0.0) \(String(format: "%.1f", $0.1 * 1000))" }.joined(separator: " · ") + " ms\n").utf8))
            }
        case .dataUpdated(let files, let seconds):
            out.write(Data("  search index and data: \(files) file\(files == 1 ? "" : "s") in \(String(format: "%.0f ms", seconds * 1000))\n".utf8))
        case .failed(let message):
            out.write(Data((message + "\nThe preview keeps the last good pages; fix the file and save to rebuild.\n").utf8))
        }
    }
}
