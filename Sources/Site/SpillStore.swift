import FileIO
import Foundation
import Markup
import Synchronization

/// Where a rendered article body (or its list entry, or a citation's snippet) waits between the load and render
/// stages.
///
/// 16 bytes: a record holds three and each citation one, a hundred thousand times over; a spill file is one load
/// task's (at most 256 articles), so its number and a piece's length fit in 32 bits.
struct SpillLocation: Sendable {
    private var _offset: Int
    private var _file: UInt32
    private var _length: UInt32
    var file: Int { Int(_file) }
    var offset: Int { _offset }
    var length: Int { Int(_length) }

    init(file: Int, offset: Int, length: Int) {
        _offset = offset; _file = UInt32(truncatingIfNeeded: file); _length = UInt32(truncatingIfNeeded: length)
    }
}

/// Rendered article bodies spilled to disk, so memory holds metadata and not the whole archive.
///
/// Each load task appends to its own file; the render stage reads each body back once with `pread`.
final class SpillWriter {
    let fd: Int32
    let index: Int
    var offset = 0
    var buffer: [UInt8] = []
    /// Where the bytes go instead of a file (`bantin check`, which writes nothing): the buffer, whole, at `close`.
    let memory: SpillMemory?

    init(directory: String, index: Int) throws(SiteFailure) {
        self.index = index
        guard let fd = FileIO.create(directory + "/spill-\(index).html", mode: 0o600) else {
            throw SiteFailure.io("cannot create a work file in \(directory): \(FileIO.describe(FileIO.lastError))")
        }
        self.fd = fd
        memory = nil
        buffer.reserveCapacity(1 << 20)
    }

    init(memory: SpillMemory, index: Int) {
        self.index = index
        fd = -1
        self.memory = memory
    }

    func append(_ text: String) throws(SiteFailure) -> SpillLocation {
        var text = text
        let location = text.withUTF8 { put($0) }
        if buffer.count >= 1 << 20 { try flush() }
        return location
    }

    func append(_ bytes: [UInt8]) throws(SiteFailure) -> SpillLocation {
        let location = bytes.withUnsafeBufferPointer { put($0) }
        if buffer.count >= 1 << 20 { try flush() }
        return location
    }

    private func put(_ bytes: UnsafeBufferPointer<UInt8>) -> SpillLocation {
        let start = offset
        buffer.append(contentsOf: bytes)
        offset += bytes.count
        return SpillLocation(file: index, offset: start, length: bytes.count)
    }

    func flush() throws(SiteFailure) {
        guard memory == nil else { return }
        if let failure = FileIO.writeAll(fd, buffer) {
            throw SiteFailure.io("cannot write a work file: \(FileIO.describe(failure))")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws(SiteFailure) {
        if let memory {
            memory.files.withLock { $0[index] = buffer }
            buffer = []
            return
        }
        try flush()
        FileIO.close(fd)
    }
}

/// The spill files of a load kept in memory, by number.
final class SpillMemory: Sendable {
    let files = Mutex<[Int: [UInt8]]>([:])
}

/// Reads spilled bodies; file descriptors are opened once and shared (pread needs no seek state).
struct SpillReader: Sendable {
    let fds: [Int32]
    /// The spill files themselves, when they were kept in memory (`SpillMemory`).
    var inMemory: [[UInt8]] = []

    init(directory: String, count: Int) throws(SiteFailure) {
        var fds: [Int32] = []
        for i in 0..<count {
            guard let fd = FileIO.openForReading(directory + "/spill-\(i).html") else {
                throw SiteFailure.io("cannot read a work file: \(FileIO.describe(FileIO.lastError))")
            }
            fds.append(fd)
        }
        self.fds = fds
    }

    /// Shares descriptors another owner opened and closes (a preview session keeps them across rebuilds).
    init(fds: [Int32]) { self.fds = fds }

    /// Opens one more spill file for reading.
    static func open(directory: String, index: Int) throws(SiteFailure) -> Int32 {
        guard let fd = FileIO.openForReading(directory + "/spill-\(index).html") else {
            throw SiteFailure.io("cannot read a work file: \(FileIO.describe(FileIO.lastError))")
        }
        return fd
    }

    /// Reads what a load spilled to `memory`; `count` files.
    init(memory: SpillMemory, count: Int) {
        fds = []
        inMemory = memory.files.withLock { files in (0..<count).map { files[$0] ?? [] } }
    }

    func read(_ loc: SpillLocation) throws(SiteFailure) -> [UInt8] {
        if loc.length == 0 { return [] }
        if !inMemory.isEmpty {
            guard loc.file < inMemory.count, loc.offset + loc.length <= inMemory[loc.file].count else {
                throw SiteFailure.io("cannot read a work file back")
            }
            return Array(inMemory[loc.file][loc.offset..<(loc.offset + loc.length)])
        }
        guard let bytes = FileIO.read(fds[loc.file], count: loc.length, at: loc.offset) else {
            throw SiteFailure.io("cannot read a work file back")
        }
        return bytes
    }

    func close() { for fd in fds { FileIO.close(fd) } }
}

/// What a record spills besides HTML, as bytes.
enum SpillCoding {
    /// Each heading as its level (one byte), then its text and its id, each preceded by its length (four bytes,
    /// little-endian). No headings, no bytes.
    static func headings(_ headings: [Heading]) -> [UInt8] {
        var out: [UInt8] = []
        for h in headings {
            out.append(UInt8(clamping: h.level))
            for s in [h.text, h.id] {
                let n = UInt32(s.utf8.count)
                for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: n >> (8 * k))) }
                out += s.utf8
            }
        }
        return out
    }

    /// The headings `headings(_:)` wrote; what follows a damaged length is left out.
    static func headings(from bytes: [UInt8]) -> [Heading] {
        var out: [Heading] = []
        var i = 0
        func text() -> String? {
            guard i + 4 <= bytes.count else { return nil }
            var n = 0
            for k in 0..<4 { n |= Int(bytes[i + k]) << (8 * k) }
            i += 4
            guard n <= bytes.count - i else { return nil }
            defer { i += n }
            return String(decoding: bytes[i..<(i + n)], as: UTF8.self)
        }
        while i < bytes.count {
            let level = Int(bytes[i])
            i += 1
            guard let t = text(), let id = text() else { break }
            out.append(Heading(level: level, text: t, id: id))
        }
        return out
    }
}
