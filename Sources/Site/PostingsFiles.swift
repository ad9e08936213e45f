import FileIO
import Search
import Synchronization

/// The search postings of a whole build, part by part, in the build's work folder (`postings-N.bin`): the load
/// tasks append to them and the encoder reads each back once, so a large archive's postings are never all in
/// memory. Files are created when first written and removed when read back; the work folder goes with the build.
final class PostingsFiles: PostingsSpill {
    let directory: String
    /// One descriptor per part, opened on the first append; the merger calls `append` for a part under that part's
    /// lock, so a descriptor is written by one task at a time (this lock only guards the table).
    private let fds = Mutex([Int32](repeating: -1, count: PostingsMerger.partCount))

    init(directory: String) { self.directory = directory }

    func path(_ part: Int) -> String { directory + "/postings-\(part).bin" }

    func append(_ part: Int, _ bytes: [UInt8]) throws(SpillFailure) {
        let fd = try fds.withLock { (fds: inout [Int32]) throws(SpillFailure) -> Int32 in
            if fds[part] < 0 {
                guard let opened = FileIO.create(path(part), mode: 0o600) else {
                    throw SpillFailure(message: "cannot create \(path(part)): \(FileIO.describe(FileIO.lastError))")
                }
                fds[part] = opened
            }
            return fds[part]
        }
        if let code = FileIO.writeAll(fd, bytes) {
            throw SpillFailure(message: "cannot write \(path(part)): \(FileIO.describe(code)) (is the disk full?)")
        }
    }

    func take(_ part: Int) throws(SpillFailure) -> [UInt8] {
        let fd = fds.withLock { fds in
            defer { fds[part] = -1 }
            return fds[part]
        }
        guard fd >= 0 else { return [] }
        FileIO.close(fd)
        defer { FileIO.remove(path(part)) }
        switch FileIO.readFile(path(part)) {
        case .success(let bytes): return bytes
        case .failure(let f): throw SpillFailure(message: "cannot read \(path(part)): \(FileIO.describe(f.code))")
        }
    }

    deinit {
        fds.withLock { for fd in $0 where fd >= 0 { FileIO.close(fd) } }
    }
}
