// libFuzzer target: the template compiler and renderer (Templating). The input is up to four templates separated by
// NUL bytes: the layout and three partials over the default theme. `make fuzz` builds it with -sanitize=fuzzer; a
// plain `swift build` makes a program that runs each file it is given once, to replay a crash.
import Foundation
import FuzzSupport
import Templating

// Made for each input: a global's indirect-enum boxes live to the end and LeakSanitizer reports them.
func makeContext() -> TemplateValue { .object([
    "site": .object(["title": .text("Bản tin"), "base": .text("/"), "language": .text("vi")]),
    "title": .text("Tiêu đề <b>"), "flag": .flag(true), "empty": .list([]),
    "items": .list([.object(["title": .text("a"), "url": .text("/a/")]), .object(["title": .text("b"), "url": .text("/b/")])]),
]) }

func fuzzOne(_ bytes: [UInt8]) {
    let parts = bytes.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false).map(Array.init)
    var files: [String: [UInt8]] = [:]
    for (i, part) in parts.enumerated() { files[i == 0 ? "layout.mustache" : "partials/p\(i).mustache"] = part }
    guard let theme = try? Theme.load(overrides: files) else { return }
    let context = makeContext()
    _ = theme.renderBytes("layout", context)
    _ = theme.renderBytes("404", context)
}

#if FUZZING
// SwiftPM links an executable's entry point as `<module>_main`: libFuzzer's driver takes over from there.
@_cdecl("FuzzTemplates_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt { Fuzzer.drive(argc, argv, fuzzOne) }
#else
@main struct Replay {
    static func main() { Fuzzer.replay(fuzzOne) }
}
#endif
