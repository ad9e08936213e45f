// libFuzzer target: an article's front matter, site.yml and documents.yml (Archive). `make fuzz` builds it with
// -sanitize=fuzzer; a plain `swift build` makes a program that runs each file it is given once, to replay a crash.
import Archive
import Foundation
import FuzzSupport

func fuzzOne(_ bytes: [UInt8]) {
    _ = try? Article.parse(bytes, path: "Content/fuzz.md", config: SiteConfig())
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? SiteConfig.load(yaml: text, path: "site.yml")
    _ = try? RegistryFile.load(yaml: text, path: "Content/documents.yml")
}

#if FUZZING
// SwiftPM links an executable's entry point as `<module>_main`: libFuzzer's driver takes over from there.
@_cdecl("FuzzFrontMatter_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt { Fuzzer.drive(argc, argv, fuzzOne) }
#else
@main struct Replay {
    static func main() { Fuzzer.replay(fuzzOne) }
}
#endif
