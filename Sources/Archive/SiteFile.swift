import Foundation
import Vietnamese

/// Reading site.yml and documents.yml: a missing file is no error (every key has a default), but a folder in its
/// place, a file that cannot be read or one that is not UTF-8 is, instead of being taken as missing or decoded
/// with replacement characters.
enum SiteFile {
    static func read(_ file: String, path: String) throws(SiteError) -> String? {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDir) else { return nil }
        if isDir.boolValue {
            throw SiteError(path: path, message: "\(path) is a folder, not a file; remove it or put a file of “key: value” lines in its place")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw SiteError(path: path, message: "\(path) cannot be read; check its permissions")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = Normalization.firstInvalidUTF8(bytes) ?? 0
            var line = 1, column = 1
            for b in bytes[..<bad] {
                if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            }
            throw SiteError(path: path, line: line, column: column, message: "\(path) is not valid UTF-8 (byte \(bad)); save it as UTF-8")
        }
        return text
    }
}
