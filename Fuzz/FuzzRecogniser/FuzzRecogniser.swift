// libFuzzer target: the document recogniser (Documents), on text as the load stage hands it runs. `make fuzz`
// builds it with -sanitize=fuzzer; a plain `swift build` makes a program that runs each file it is given once.
import Documents
import Foundation
import FuzzSupport

let recogniser = Recogniser()

func fuzzOne(_ bytes: [UInt8]) {
    let r = recogniser.scan(String(decoding: bytes, as: UTF8.self))
    _ = Resolver(registry: Registry()).resolve(r.mentions.map { (0, $0) }, localities: r.localities, context: ArticleContext(locality: nil))
}

#if FUZZING
// SwiftPM links an executable's entry point as `<module>_main`: libFuzzer's driver takes over from there.
@_cdecl("FuzzRecogniser_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt { Fuzzer.drive(argc, argv, fuzzOne) }
#else
@main struct Replay {
    static func main() { Fuzzer.replay(fuzzOne) }
}
#endif
