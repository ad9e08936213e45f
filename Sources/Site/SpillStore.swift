import FileIO
import Foundation

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

    init(directory: String, index: Int) throws(SiteFailure) {
        self.index = index
        guard let fd = FileIO.create(directory + "/spill-\(index).html", mode: 0o600) else {
            throw SiteFailure.io("cannot create a work file in \(directory): \(FileIO.describe(FileIO.lastError))")
        }
        self.fd = fd
        buffer.reserveCapacity(1 << 20)
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
        if let failure = FileIO.writeAll(fd, buffer) {
            throw SiteFailure.io("cannot write a work file: \(FileIO.describe(failure))")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws(SiteFailure) {
        try flush()
        FileIO.close(fd)
    }
}

/// Reads spilled bodies; file descriptors are opened once and shared (pread needs no seek state).
struct SpillReader: Sendable {
    let fds: [Int32]

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

    func read(_ loc: SpillLocation) throws(SiteFailure) -> [UInt8] {
        guard let bytes = FileIO.read(fds[loc.file], count: loc.length, at: loc.offset) else {
            throw SiteFailure.io("cannot read a work file back")
        }
        return bytes
    }

    func close() { for fd in fds { FileIO.close(fd) } }
}
