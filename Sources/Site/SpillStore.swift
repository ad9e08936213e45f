import FileIO
import Foundation
import Synchronization

/// Where a rendered article body (or its list entry, or a citation's snippet) waits between the load and render
/// stages.
struct SpillLocation: Sendable {
    var file: Int
    var offset: Int
    var length: Int
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
