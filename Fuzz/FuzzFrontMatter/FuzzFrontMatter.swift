// libFuzzer target: an article's front matter, site.yml and documents.yml (Archive). `make fuzz` builds it with
// -sanitize=fuzzer; a plain `swift build` makes a program that runs each file it is given once, to replay a crash.
import Archive
import Foundation

func fuzzOne(_ bytes: [UInt8]) {
    _ = try? Article.parse(bytes, path: "Content/fuzz.md", config: SiteConfig())
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? SiteConfig.load(yaml: text, path: "site.yml")
    _ = try? RegistryFile.load(yaml: text, path: "Content/documents.yml")
}

#if FUZZING
// SwiftPM links an executable's entry point as `<module>_main`: it hands libFuzzer's driver the test function.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("FuzzFrontMatter_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runDriver(&argc, &argv, fuzzerTestOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzOne(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
#else
@main struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() { fuzzOne(FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []) }
    }
}
#endif
