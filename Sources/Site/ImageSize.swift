import FileIO
import Foundation

/// Width and height of a PNG, GIF, JPEG, WebP or SVG image, read from its first bytes (no image is decoded):
/// pages give every image its size, so nothing moves while it loads.
enum ImageSize {
    static func of(file path: String) -> (width: Int, height: Int)? {
        guard let fd = FileIO.openForReading(path) else { return nil }
        defer { FileIO.close(fd) }
        guard let size = FileIO.size(of: fd), let head = FileIO.read(fd, count: min(size, 65536), at: 0) else { return nil }
        return of(head)
    }

    static func of(_ b: [UInt8]) -> (width: Int, height: Int)? {
        func be16(_ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
        func be32(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        func le16(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
        func le24(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 }
        // PNG: the IHDR chunk comes first.
        if b.count >= 24, b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return (be32(16), be32(20)) }
        // GIF87a / GIF89a: logical screen size.
        if b.count >= 10, b.starts(with: Array("GIF8".utf8)) { return (le16(6), le16(8)) }
        // WebP: lossy (VP8 ), lossless (VP8L) or extended (VP8X).
        if b.count >= 30, b.starts(with: Array("RIFF".utf8)), Array(b[8..<12]) == Array("WEBP".utf8) {
            switch String(decoding: b[12..<16], as: UTF8.self) {
            case "VP8 ": return (le16(26) & 0x3FFF, le16(28) & 0x3FFF)
            case "VP8L":
                let bits = Int(b[21]) | Int(b[22]) << 8 | Int(b[23]) << 16 | Int(b[24]) << 24
                return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
            case "VP8X": return (le24(24) + 1, le24(27) + 1)
            default: return nil
            }
        }
        // JPEG: walk the segments to the first start-of-frame.
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 {
            var i = 2
            while i + 9 < b.count {
                guard b[i] == 0xFF else { return nil }
                let marker = b[i + 1]
                if marker == 0xFF { i += 1; continue }
                if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC { return (be16(i + 7), be16(i + 5)) }
                i += 2 + be16(i + 2)
            }
        }
        return svg(b)
    }

    /// An SVG's `width` and `height` in pixels (a number, or a number with `px`), else its `viewBox`'s; nil when
    /// the file is no SVG or says its size in other units only.
    static func svg(_ b: [UInt8]) -> (width: Int, height: Int)? {
        let open = Array("<svg".utf8)
        var i = 0
        // The root element, after an XML declaration, comments and a doctype: within the first few kilobytes.
        while i + open.count < min(b.count, 8192), !(b[i] == 0x3C && b[i..<(i + open.count)].elementsEqual(open)) { i += 1 }
        guard i + open.count < b.count, b[i..<(i + open.count)].elementsEqual(open) else { return nil }
        i += open.count
        var attributes: [String: String] = [:]
        while i < b.count, b[i] != 0x3E {
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 || b[i] == 0x2F { i += 1 }
            let nameStart = i
            while i < b.count, b[i] != 0x3D, b[i] != 0x3E, b[i] != 0x20, b[i] != 0x0A, b[i] != 0x09, b[i] != 0x0D { i += 1 }
            let name = String(decoding: b[nameStart..<i], as: UTF8.self)
            guard i < b.count, b[i] == 0x3D, i + 1 < b.count, b[i + 1] == 0x22 || b[i + 1] == 0x27 else { if i < b.count, b[i] != 0x3E { i += 1 }; continue }
            let quote = b[i + 1]
            i += 2
            let valueStart = i
            while i < b.count, b[i] != quote { i += 1 }
            guard i < b.count else { return nil }
            attributes[name] = String(decoding: b[valueStart..<i], as: UTF8.self)
            i += 1
        }
        func pixels(_ text: String?) -> Int? {
            guard var t = text?.trimmingCharacters(in: .whitespaces) else { return nil }
            if t.hasSuffix("px") { t.removeLast(2) }
            guard let v = Double(t), v.isFinite, v > 0, v < 1e6 else { return nil }
            return Int(v.rounded())
        }
        if let w = pixels(attributes["width"]), let h = pixels(attributes["height"]) { return (w, h) }
        let box = (attributes["viewBox"] ?? "").split { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\t" }
        guard box.count == 4, let w = pixels(String(box[2])), let h = pixels(String(box[3])) else { return nil }
        return (w, h)
    }
}
