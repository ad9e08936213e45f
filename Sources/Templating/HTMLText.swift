import Escaping

/// HTML escaping as templates do it (`{{value}}`): Escaping's `Escape.html`, under the name CompiledTemplate uses.
enum HTMLText {
    @inline(__always)
    static func append(escaping text: String, to out: inout [UInt8]) { Escape.html(text, into: &out) }
}
