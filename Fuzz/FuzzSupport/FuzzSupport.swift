// What the libFuzzer targets share: the driver glue, and the replay mode of a plain build. Each target keeps only
// its `fuzzOne` and the entry point SwiftPM names after it (`<module>_main`), which must be declared in the target.
import Foundation

public enum Fuzzer {
    /// The target's test function while libFuzzer drives it (one per process).
    nonisolated(unsafe) static var body: (([UInt8]) -> Void)?

    /// Replays each file named on the command line once (a plain build: to reproduce a crash).
    public static func replay(_ body: ([UInt8]) -> Void) {
        for path in CommandLine.arguments.dropFirst() { body(FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []) }
    }

#if FUZZING
    /// Hands libFuzzer's driver the target's test function.
    public static func drive(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                             _ body: @escaping ([UInt8]) -> Void) -> CInt {
        Fuzzer.body = body
        var argc = argc
        var argv = argv
        return runDriver(&argc, &argv, fuzzerTestOneInput)
    }
#endif
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzzer.body?(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
#endif
