import Escaping

/// A minimal JSON writer: keys in the order written, strings escaped per RFC 8259 by `Escape.jsonString`.
public struct JSONWriter {
    public init() {}
    public var out: [UInt8] = []

    public mutating func raw(_ s: String) { out.append(contentsOf: s.utf8) }

    /// A non-negative integer in base 36 (digits, then lower-case letters), without making a String.
    @inline(__always)
    public mutating func base36(_ v: Int) {
        precondition(v >= 0)
        if v < 36 { out.append(v < 10 ? UInt8(48 + v) : UInt8(87 + v)); return }
        var digits: (UInt64, UInt64) = (0, 0)
        var n = 0, x = v
        withUnsafeMutableBytes(of: &digits) { d in
            while x > 0 {
                let r = x % 36
                d[n] = r < 10 ? UInt8(48 + r) : UInt8(87 + r)
                n += 1
                x /= 36
            }
            for k in stride(from: n - 1, through: 0, by: -1) { out.append(d[k]) }
        }
    }

    /// A JSON string, escaped by `Escape.jsonString`.
    public mutating func string(_ s: String) { Escape.jsonString(s, into: &out) }

    public mutating func key(_ k: String, first: Bool) {
        if !first { out.append(0x2C) }
        string(k)
        out.append(0x3A)
    }

    public mutating func field(_ k: String, _ v: String?, first: Bool = false) {
        key(k, first: first)
        if let v { string(v) } else { raw("null") }
    }

    public mutating func field(_ k: String, _ v: Int?, first: Bool = false) {
        key(k, first: first)
        if let v { decimal(v) } else { raw("null") }
    }

    /// An integer in decimal, without making a String.
    public mutating func decimal(_ v: Int) {
        if v < 0 { out.append(0x2D); decimal(-v); return }
        if v < 10 { out.append(UInt8(48 + v)); return }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var n = 0, x = v
        withUnsafeMutableBytes(of: &digits) { d in
            while x > 0 {
                d[n] = UInt8(48 + x % 10)
                n += 1
                x /= 10
            }
            for k in stride(from: n - 1, through: 0, by: -1) { out.append(d[k]) }
        }
    }
}
