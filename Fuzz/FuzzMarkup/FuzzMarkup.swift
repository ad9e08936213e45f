// libFuzzer target: Bantin's cmark wrapper (Markup): parsing, links inserted into text runs (every word starting with
// an upper-case ASCII letter), destinations rewritten and images printed by Bantin (inputs of even length), heading
// anchors, plain text. `make fuzz` builds it with -sanitize=fuzzer; a plain
// `swift build` makes a program that runs each file it is given once, to replay a crash.
import Foundation
import FuzzSupport
import Markup

func fuzzOne(_ bytes: [UInt8]) {
    let options = MarkdownOptions(allowRawHTML: bytes.first.map { $0 & 1 == 1 } ?? false, headingID: { String($0.prefix(20)) })
    let destinations: ((Destination) -> DestinationRewrite?)? = bytes.count & 1 == 1 ? nil : { d in
        d.url.utf8.count & 1 == 0 ? DestinationRewrite(url: "/luu-tru/" + d.url + "#x", width: d.line, height: d.byteColumn) : nil
    }
    let r = Markdown.render(String(decoding: bytes, as: UTF8.self), options: options, annotate: { runs in
        runs.map { run in
            var links: [InlineLink] = []
            let b = Array(run.text.utf8)
            var i = 0
            while i < b.count {
                guard b[i] >= 0x41, b[i] <= 0x5A, i == 0 || b[i - 1] == 0x20 else { i += 1; continue }
                var j = i
                while j < b.count, b[j] != 0x20 { j += 1 }
                links.append(InlineLink(range: i..<j, url: "/van-ban/\(i)/", title: "t"))
                i = j
            }
            return links
        }
    }, destinations: destinations)
    _ = r.html
    _ = Markdown.renderInline(String(decoding: bytes.prefix(200), as: UTF8.self))
}

#if FUZZING
// SwiftPM links an executable's entry point as `<module>_main`: libFuzzer's driver takes over from there.
@_cdecl("FuzzMarkup_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt { Fuzzer.drive(argc, argv, fuzzOne) }
#else
@main struct Replay {
    static func main() { Fuzzer.replay(fuzzOne) }
}
#endif
