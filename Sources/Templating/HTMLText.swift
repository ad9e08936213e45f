import Escaping

/// HTML escaping as templates do it (`{{value}}`): Escaping's `Escape.html`, under the name CompiledTemplate uses.
enum HTMLText {
    @inline(__always)
    static func append(escaping text: String, to out: inout [UInt8]) { Escape.html(text, into: &out) }

    /// In HTML text (not an attribute, `<title>` or a script): document symbols kept on one line as well.
    @inline(__always)
    static func append(escapingKeepingSymbols text: String, to out: inout [UInt8]) { Escape.htmlKeepingSymbols(text, into: &out) }
}
