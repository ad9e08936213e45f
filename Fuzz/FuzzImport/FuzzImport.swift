// libFuzzer target: reading a scraped report (Import). `make fuzz` builds it with -sanitize=fuzzer; a plain
// `swift build` makes a program that runs each file it is given once, to replay a crash.
import Foundation
import FuzzSupport
import Import

func fuzzOne(_ bytes: [UInt8]) {
    _ = ReportReader.read(String(decoding: bytes, as: UTF8.self))
}

#if FUZZING
// SwiftPM links an executable's entry point as `<module>_main`: libFuzzer's driver takes over from there.
@_cdecl("FuzzImport_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt { Fuzzer.drive(argc, argv, fuzzOne) }
#else
@main struct Replay {
    static func main() { Fuzzer.replay(fuzzOne) }
}
#endif
