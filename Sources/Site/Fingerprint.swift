/// A deterministic 64-bit hash of everything a page is made from. Swift's `Hasher` is seeded per process, so it
/// cannot compare a page with the one an earlier run wrote; this can, and it never allocates.
struct Fingerprint {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    init() {}

    @inline(__always)
    mutating func mix(_ x: UInt64) {
        // One multiply-rotate round per word: enough to spread every input bit, far cheaper than a byte loop.
        value = ((value ^ x) &* 0x9E37_79B9_7F4A_7C15)
        value = (value << 29 | value >> 35) &* 0xBF58_476D_1CE4_E5B9
    }

    mutating func add(_ n: Int) { mix(UInt64(bitPattern: Int64(n))) }
    mutating func add(_ n: UInt64) { mix(n) }
    mutating func add(_ b: Bool) { mix(b ? 0x11 : 0x10) }

    mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { add(bytes: UnsafeRawBufferPointer($0)) }
    }

    mutating func add(_ s: String?) {
        if let s { add(s) } else { mix(0xA5A5_0000_0000_005A) }
    }

    mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add(bytes: $0) } }
    mutating func add(_ bytes: ArraySlice<UInt8>) { bytes.withUnsafeBytes { add(bytes: $0) } }

    mutating func add(bytes raw: UnsafeRawBufferPointer) {
        var i = 0
        let n = raw.count
        while i + 8 <= n {
            mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(raw[i]) << shift
            shift += 8
            i += 1
        }
        // The length closes the value, so "ab" + "c" and "a" + "bc" differ.
        mix(tail ^ (UInt64(n) << 56) ^ 0x5BD1_E995)
    }

    static func of(_ bytes: [UInt8]) -> UInt64 {
        var f = Fingerprint()
        f.add(bytes)
        return f.value
    }
}

/// A fingerprint of a byte stream that does not depend on how the stream was cut into pieces: the build cache
/// is written in pieces and checked in one.
struct StreamingFingerprint {
    private var f = Fingerprint()
    private var tail: [UInt8] = []
    private var count = 0

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        count += bytes.count
        var i = 0
        if !tail.isEmpty {
            while tail.count < 8, i < bytes.count { tail.append(bytes[i]); i += 1 }
            guard tail.count == 8 else { return }
            tail.withUnsafeBytes { f.mix($0.loadUnaligned(as: UInt64.self)) }
            tail.removeAll(keepingCapacity: true)
        }
        while i + 8 <= bytes.count {
            f.mix(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        while i < bytes.count { tail.append(bytes[i]); i += 1 }
    }

    mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }

    var value: UInt64 {
        var g = f
        var last: UInt64 = 0
        for (k, b) in tail.enumerated() { last |= UInt64(b) << (8 * UInt64(k)) }
        g.mix(last ^ (UInt64(count) << 8) ^ 0x5BD1_E995)
        return g.value
    }
}
