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

    static func of(_ s: String) -> UInt64 {
        var f = Fingerprint()
        f.add(s)
        return f.value
    }
}

/// A fingerprint of a byte stream that does not depend on how the stream was cut into pieces: the build cache
/// is written in pieces and checked in one. Four lanes, each taking every fourth word, so the multiplies of one
/// lane overlap those of the others: checking the tens of megabytes of the cache costs a quarter of one chain.
struct StreamingFingerprint {
    private var a = Fingerprint(), b = Fingerprint(), c = Fingerprint(), d = Fingerprint()
    private var tail: [UInt8] = []
    private var count = 0

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        count += bytes.count
        var i = 0
        if !tail.isEmpty {
            while tail.count < 32, i < bytes.count { tail.append(bytes[i]); i += 1 }
            guard tail.count == 32 else { return }
            let block = tail
            block.withUnsafeBytes { lanes($0, upTo: 32) }
            tail.removeAll(keepingCapacity: true)
        }
        let whole = i + (bytes.count - i) / 32 * 32
        if whole > i { lanes(UnsafeRawBufferPointer(rebasing: bytes[i..<whole]), upTo: whole - i) }
        i = whole
        while i < bytes.count { tail.append(bytes[i]); i += 1 }
    }

    /// Mixes the 32-byte blocks of `raw` (its length, `n`, a multiple of 32) into the four lanes.
    private mutating func lanes(_ raw: UnsafeRawBufferPointer, upTo n: Int) {
        var (a, b, c, d) = (self.a, self.b, self.c, self.d)
        var i = 0
        while i < n {
            a.mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            b.mix(raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            c.mix(raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            d.mix(raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        (self.a, self.b, self.c, self.d) = (a, b, c, d)
    }

    mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }

    var value: UInt64 {
        var g = a
        g.mix(b.value ^ 0x1)
        g.mix(c.value ^ 0x2)
        g.mix(d.value ^ 0x3)
        tail.withUnsafeBytes { g.add(bytes: $0) }
        g.mix(UInt64(count) ^ 0x5BD1_E995)
        return g.value
    }
}
