import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        fd = open(directory + "/spill-\(index).html", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw SiteFailure.io("cannot create a work file in \(directory): \(String(cString: strerror(errno)))") }
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
        if let failure = OutputWriter.writeAll(fd, buffer) {
            throw SiteFailure.io("cannot write a work file: \(String(cString: strerror(failure)))")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws(SiteFailure) {
        try flush()
        _ = Glibc.close(fd)
    }
}

/// Reads spilled bodies; file descriptors are opened once and shared (pread needs no seek state).
struct SpillReader: Sendable {
    let fds: [Int32]

    init(directory: String, count: Int) throws(SiteFailure) {
        var fds: [Int32] = []
        for i in 0..<count {
            let fd = Glibc.open(directory + "/spill-\(i).html", O_RDONLY)
            guard fd >= 0 else { throw SiteFailure.io("cannot read a work file: \(String(cString: strerror(errno)))") }
            fds.append(fd)
        }
        self.fds = fds
    }

    /// Shares descriptors another owner opened and closes (a preview session keeps them across rebuilds).
    init(fds: [Int32]) { self.fds = fds }

    /// Opens one more spill file for reading.
    static func open(directory: String, index: Int) throws(SiteFailure) -> Int32 {
        let fd = Glibc.open(directory + "/spill-\(index).html", O_RDONLY)
        guard fd >= 0 else { throw SiteFailure.io("cannot read a work file: \(String(cString: strerror(errno)))") }
        return fd
    }

    func read(_ loc: SpillLocation) throws(SiteFailure) -> [UInt8] {
        guard loc.length > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: loc.length)
        var done = 0
        while done < loc.length {
            let n = bytes.withUnsafeMutableBytes { pread(fds[loc.file], $0.baseAddress! + done, loc.length - done, off_t(loc.offset + done)) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                throw SiteFailure.io("cannot read a work file back")
            }
            done += n
        }
        return bytes
    }

    func close() { for fd in fds { _ = Glibc.close(fd) } }
}
