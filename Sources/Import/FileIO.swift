import Dispatch
import Synchronization
import Vietnamese
#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
private let systemWrite = Darwin.write
#endif

/// An I/O or decoding failure, in plain words with what to do ("is a file, not a folder; …").
struct IOFailure: Error, Sendable {
    let message: String
}

/// Files through POSIX calls, so every failure can be said in plain words (Foundation's say
/// "NSCocoaErrorDomain error 512").
enum FileIO {
    static func describe(_ err: Int32) -> String {
        switch err {
        case ENOENT: return "no such file or folder"
        case EACCES, EPERM: return "permission denied"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case EISDIR: return "it is a folder, not a file"
        case ENOSPC: return "the disk is full"
        case EDQUOT: return "the disk quota is used up"
        case EROFS: return "the disk is read-only"
        case ENAMETOOLONG: return "the name is too long"
        case EMFILE, ENFILE: return "too many files are open"
        case ELOOP: return "too many symbolic links (a link loop?)"
        case EIO: return "the disk could not be read or written (input/output error)"
        default: return String(cString: strerror(err)).lowercased()
        }
    }

    enum Kind { case file, folder, failure(String) }

    static func kind(_ path: String) -> Kind {
        var st = stat()
        guard stat(path, &st) == 0 else { return .failure(describe(errno)) }
        return (st.st_mode & S_IFMT) == S_IFDIR ? .folder : .file
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    static func read(_ path: String) throws(IOFailure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IOFailure(message: "cannot be read: \(describe(errno))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw IOFailure(message: "cannot be read: \(describe(errno))") }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw IOFailure(message: "cannot be read: \(describe(EISDIR))") }
        var out = [UInt8](repeating: 0, count: max(Int(st.st_size), 0))
        var filled = 0
        while true {
            if filled == out.count { out.append(contentsOf: repeatElement(0, count: max(4096, out.count))) }
            let n = out.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw IOFailure(message: "cannot be read: \(describe(errno))")
            }
            if n == 0 { break }
            filled += n
        }
        out.removeSubrange(filled...)
        return out
    }

    /// Creates `path` and the folders above it.
    static func makeDirectories(_ path: String) throws(IOFailure) {
        var prefix = ""
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += (prefix.isEmpty && !path.hasPrefix("/") ? "" : "/") + part
            if mkdir(prefix, 0o755) == 0 { continue }
            let err = errno
            var st = stat()
            if err == EEXIST || err == EACCES || err == EROFS, stat(prefix, &st) == 0 {
                if (st.st_mode & S_IFMT) == S_IFDIR { continue }
                throw IOFailure(message: "cannot create the folder \(path): \(prefix) is a file, not a folder; move it or choose another --to")
            }
            throw IOFailure(message: "cannot create the folder \(prefix): \(describe(err))")
        }
    }

    static func write(_ bytes: [UInt8], to path: String) throws(IOFailure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IOFailure(message: "cannot be written: \(describe(errno))") }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                let err = errno
                close(fd)
                throw IOFailure(message: "cannot be written: \(describe(err))")
            }
            done += n
        }
        guard close(fd) == 0 else { throw IOFailure(message: "cannot be written: \(describe(errno))") }
    }
}

/// Text files as they come: UTF-8 with or without a BOM, UTF-16 and UTF-32 with a BOM.
enum TextDecoding {
    static func utf8(_ bytes: [UInt8]) throws(IOFailure) -> [UInt8] {
        let n = bytes.count
        if n >= 4, bytes[0] == 0xFF, bytes[1] == 0xFE, bytes[2] == 0, bytes[3] == 0 { return try utf32(bytes, bigEndian: false) }
        if n >= 4, bytes[0] == 0, bytes[1] == 0, bytes[2] == 0xFE, bytes[3] == 0xFF { return try utf32(bytes, bigEndian: true) }
        if n >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return try utf16(bytes, bigEndian: false) }
        if n >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return try utf16(bytes, bigEndian: true) }
        if let bad = Normalization.firstInvalidUTF8(bytes) {
            if let nul = bytes.prefix(4096).firstIndex(of: 0), looksLikeWideText(bytes) {
                throw IOFailure(message: "byte \(nul) is a NUL: the file looks like UTF-16 or UTF-32 without a byte-order mark; convert it to UTF-8 (iconv -f UTF-16LE -t UTF-8) and import again")
            }
            if let nul = bytes.prefix(4096).firstIndex(of: 0) {
                throw IOFailure(message: "byte \(nul) is a NUL: this is not a text file; import the page saved as text")
            }
            throw IOFailure(message: "byte \(bad) is not UTF-8; the file is in another encoding, convert it to UTF-8 (iconv -f WINDOWS-1258 -t UTF-8) and import again")
        }
        if bytes.prefix(4096).contains(0) {
            throw IOFailure(message: "byte \(bytes.firstIndex(of: 0)!) is a NUL: this is not a text file; import the page saved as text")
        }
        return bytes
    }

    /// UTF-16 or UTF-32 text without a BOM: the high bytes of its ASCII letters and spaces (most of Vietnamese text)
    /// are zeros at fixed positions; a binary file's NULs fall anywhere.
    static func looksLikeWideText(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(4096)
        var z = [0, 0, 0, 0]
        for (i, b) in head.enumerated() where b == 0 { z[i & 3] += 1 }
        let quarter = max(1, head.count / 4)
        let odd = z[1] + z[3], even = z[0] + z[2]
        let utf16 = (odd * 3 >= 2 * quarter && even * 4 <= odd) || (even * 3 >= 2 * quarter && odd * 4 <= even)
        let utf32 = (z[2] * 10 >= 9 * quarter && z[3] * 10 >= 9 * quarter) || (z[0] * 10 >= 9 * quarter && z[1] * 10 >= 9 * quarter)
        return utf16 || utf32
    }

    static func utf16(_ bytes: [UInt8], bigEndian: Bool) throws(IOFailure) -> [UInt8] {
        guard bytes.count % 2 == 0 else {
            throw IOFailure(message: "the file starts with a UTF-16 byte-order mark but has an odd number of bytes; it is cut short or not UTF-16, save it again as UTF-8")
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var k = 2
        while k < bytes.count {
            units.append(bigEndian ? UInt16(bytes[k]) << 8 | UInt16(bytes[k + 1]) : UInt16(bytes[k + 1]) << 8 | UInt16(bytes[k]))
            k += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count * 2)
        var i = 0
        while i < units.count {
            let u = units[i]
            var scalar: Unicode.Scalar? = nil
            if u < 0xD800 || u > 0xDFFF {
                scalar = Unicode.Scalar(u)
                i += 1
            } else if u <= 0xDBFF, i + 1 < units.count, (0xDC00...0xDFFF).contains(units[i + 1]) {
                scalar = Unicode.Scalar(0x10000 + (UInt32(u - 0xD800) << 10) + UInt32(units[i + 1] - 0xDC00))
                i += 2
            }
            guard let s = scalar else {
                throw IOFailure(message: "byte \(2 + 2 * i) is not valid UTF-16 (a lone surrogate); the file is damaged, save it again as UTF-8")
            }
            UTF8.encode(s) { out.append($0) }
        }
        return out
    }

    static func utf32(_ bytes: [UInt8], bigEndian: Bool) throws(IOFailure) -> [UInt8] {
        guard bytes.count % 4 == 0 else {
            throw IOFailure(message: "the file starts with a UTF-32 byte-order mark but its length is not a multiple of 4 bytes; save it again as UTF-8")
        }
        var out: [UInt8] = []
        var k = 4
        while k < bytes.count {
            let b = bytes[k..<k + 4].map(UInt32.init)
            let v = bigEndian ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]
            guard let s = Unicode.Scalar(v) else {
                throw IOFailure(message: "byte \(k) is not valid UTF-32; the file is damaged, save it again as UTF-8")
            }
            UTF8.encode(s) { out.append($0) }
            k += 4
        }
        return out
    }
}

/// A map over all cores whose result is in input order whatever the timing.
enum Parallel {
    static func map<T: Sendable, R: Sendable>(_ items: [T], jobs: Int, _ body: @Sendable (T) -> R) -> [R] {
        let n = items.count
        let workers = max(1, min(jobs, n))
        if workers <= 1 { return items.map(body) }
        // Chunks handed out by an atomic counter: a slow file does not hold up a core's whole share.
        let chunk = max(1, min(64, n / (workers * 8)))
        let next = Atomic<Int>(0)
        let done = Mutex<[(Int, [R])]>([])
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var local: [(Int, [R])] = []
            while true {
                let start = next.add(chunk, ordering: .relaxed).oldValue
                if start >= n { break }
                local.append((start, items[start..<min(n, start + chunk)].map(body)))
            }
            done.withLock { $0.append(contentsOf: local) }
        }
        var out: [R] = []
        out.reserveCapacity(n)
        for (_, part) in done.withLock({ $0.sorted { $0.0 < $1.0 } }) { out.append(contentsOf: part) }
        return out
    }
}
