#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system calls the build makes on files, in one place: descriptors, whole writes, positioned reads, renames,
/// links, stamps and directory listings. Errors come back as `errno` values, which `FileIO.describe` puts in words;
/// the callers turn them into messages a person can act on.
public enum FileIO {
    /// The system's words for an `errno` value.
    public static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// The `errno` of the last call that failed.
    public static var lastError: Int32 { errno }

    /// Opens a file for reading; nil when it cannot be (see `lastError`).
    public static func openForReading(_ path: String) -> Int32? {
        let fd = open(path, O_RDONLY)
        return fd >= 0 ? fd : nil
    }

    /// Creates or empties a file for writing; nil when it cannot be (see `lastError`).
    public static func create(_ path: String, mode: UInt32 = 0o644) -> Int32? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode_t(mode))
        return fd >= 0 ? fd : nil
    }

    /// Opens an existing file for writing without emptying it; nil when it cannot be (see `lastError`).
    public static func openForWriting(_ path: String) -> Int32? {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        return fd >= 0 ? fd : nil
    }

    /// Writes every byte at `offset` without moving the descriptor, retrying after signals; the errno of a failure.
    public static func write(_ fd: Int32, _ bytes: [UInt8], at offset: Int) -> Int32? {
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += n
            }
            return nil
        }
    }

    public static func close(_ fd: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }

    /// Writes every byte to `fd`, retrying after signals; returns the errno of a failure.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    public static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> Int32? {
        var done = 0
        while done < raw.count {
            #if canImport(Glibc)
            let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
            #else
            let n = Darwin.write(fd, raw.baseAddress! + done, raw.count - done)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += n
        }
        return nil
    }

    /// Reads `count` bytes at `offset` without moving the descriptor (so threads can share it); nil when the file
    /// is shorter or the read fails.
    public static func read(_ fd: Int32, count: Int, at offset: Int) -> [UInt8]? {
        guard count > 0 else { return [] }
        var complete = true
        // Not zero-filled first: every page reads its body and list entries back this way.
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    complete = false
                    break
                }
                done += n
            }
            // A short read leaves bytes that were never written: report it, and hand back nothing uninitialised.
            if !complete { buffer.baseAddress!.initialize(repeating: 0, count: count) }
            initialized = count
        }
        return complete ? bytes : nil
    }

    /// The whole content of the file at `path`, read with one descriptor and no copy; the errno of a failure.
    /// Reads until end of file, so a file that grows or shrinks meanwhile is read as it ends up.
    public static func readFile(_ path: String) -> Result<[UInt8], Failure> {
        guard let fd = openForReading(path) else { return .failure(Failure(code: errno)) }
        defer { close(fd) }
        var capacity = max(4096, (size(of: fd) ?? 0) + 1)
        var bytes: [UInt8] = []
        while true {
            var failure: Int32 = 0
            var more = [UInt8](unsafeUninitializedCapacity: capacity - bytes.count) { buffer, count in
                count = 0
                while count < buffer.count {
                    #if canImport(Glibc)
                    let n = Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count)
                    #else
                    let n = Darwin.read(fd, buffer.baseAddress! + count, buffer.count - count)
                    #endif
                    if n < 0 && errno == EINTR { continue }
                    if n < 0 { failure = errno; break }
                    if n == 0 { break }
                    count += n
                }
            }
            if failure != 0 { return .failure(Failure(code: failure)) }
            let full = more.count == capacity - bytes.count
            if bytes.isEmpty { swap(&bytes, &more) } else { bytes += more }
            guard full else { return .success(bytes) }
            capacity *= 2
        }
    }

    /// The size of an open file.
    public static func size(of fd: Int32) -> Int? {
        var st = stat()
        return fstat(fd, &st) == 0 ? Int(st.st_size) : nil
    }

    /// Renames `from` to `to`, replacing it; returns the errno of a failure.
    public static func rename(_ from: String, _ to: String) -> Int32? {
        #if canImport(Glibc)
        return Glibc.rename(from, to) == 0 ? nil : errno
        #else
        return Darwin.rename(from, to) == 0 ? nil : errno
        #endif
    }

    /// Makes a hard link `to` of the file `from`; returns the errno of a failure.
    public static func link(_ from: String, _ to: String) -> Int32? {
        #if canImport(Glibc)
        return Glibc.link(from, to) == 0 ? nil : errno
        #else
        return Darwin.link(from, to) == 0 ? nil : errno
        #endif
    }

    /// Removes a file (not a folder); true when it was there and is gone.
    @discardableResult
    public static func remove(_ path: String) -> Bool { unlink(path) == 0 }

    /// Creates one folder; returns the errno of a failure (EEXIST included).
    public static func makeFolder(_ path: String) -> Int32? { mkdir(path, 0o755) == 0 ? nil : errno }

    /// Removes a folder if it is empty; false otherwise.
    @discardableResult
    public static func removeEmptyFolder(_ path: String) -> Bool { rmdir(path) == 0 }

    /// Whether anything is at `path` (a dangling symbolic link too).
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    public static func isWritable(_ path: String) -> Bool { access(path, W_OK) == 0 }

    /// The path with every symbolic link resolved; nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// What is at a path, or a folder entry. `kind(_:)` follows symbolic links, so only a folder's entries and
    /// `kind(of:followingLinks: false)` are ever `.link`.
    public enum Kind: Sendable, Equatable {
        case file, folder, link
        /// A FIFO, a socket, a device.
        case other
    }

    /// What is at `path`, symbolic links followed; nil when nothing is.
    public static func kind(_ path: String) -> Kind? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    /// Whether two paths name the same file (hard links of one another).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var x = stat(), y = stat()
        return lstat(a, &x) == 0 && lstat(b, &y) == 0 && x.st_ino == y.st_ino && x.st_dev == y.st_dev
    }

    /// One entry of a folder.
    public struct Entry: Sendable {
        public let name: String
        /// A symbolic link is `.link` whatever it points to: walks never follow links.
        public let kind: Kind
        /// A folder; a symbolic link, even to a folder, is not one.
        public var isFolder: Bool { kind == .folder }

        public init(name: String, kind: Kind) {
            self.name = name
            self.kind = kind
        }
    }

    /// A failed call's `errno`, for the callers that need it as an `Error`.
    public struct Failure: Error, Sendable, Equatable {
        public let code: Int32
        public init(code: Int32) { self.code = code }
        public var description: String { FileIO.describe(code) }
    }

    /// The entries of a folder, "." and ".." left out, in the order the system gives; nil when it cannot be read.
    public static func entries(of folder: String) -> [Entry]? { try? listing(of: folder).get() }

    /// The entries of a folder, "." and ".." left out, in the order the system gives, or why it cannot be read.
    /// Read with `readdir`, whose entry types spare a `stat` per file.
    public static func listing(of folder: String) -> Result<[Entry], Failure> {
        guard let d = opendir(folder) else { return .failure(Failure(code: errno)) }
        defer { closedir(d) }
        var out: [Entry] = []
        while let entry = readdir(d) {
            // Read in place, up to its NUL: a record is only as long as its name, so copying the whole 256-byte
            // d_name read past the end of readdir's buffer (AddressSanitizer: heap-buffer-overflow).
            let name = String(cString: (UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \.d_name)!)
                .assumingMemoryBound(to: CChar.self))
            guard name != "." && name != ".." else { continue }
            let kind: Kind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): kind = .folder
            case Int32(DT_REG): kind = .file
            case Int32(DT_LNK): kind = .link
            case Int32(DT_UNKNOWN):
                // Some file systems do not fill d_type: ask. An entry gone meanwhile is left out.
                guard case .success(let k) = self.kind(of: folder + "/" + name, followingLinks: false) else { continue }
                kind = k
            default: kind = .other
            }
            out.append(Entry(name: name, kind: kind))
        }
        return .success(out)
    }

    /// What is at `path`: with `followingLinks`, what a symbolic link leads to (`ELOOP` for a loop, `ENOENT` for a
    /// link to nothing).
    public static func kind(of path: String, followingLinks: Bool) -> Result<Kind, Failure> {
        var st = stat()
        guard (followingLinks ? stat(path, &st) : lstat(path, &st)) == 0 else { return .failure(Failure(code: errno)) }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return .success(.folder)
        case S_IFREG: return .success(.file)
        case S_IFLNK: return .success(.link)
        default: return .success(.other)
        }
    }

    /// This process's id.
    public static var processID: Int32 { getpid() }

    /// Whether a process with this id runs (or exists and belongs to another user).
    public static func isRunning(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

    /// Gives the memory a finished stage freed back to the system. The allocator keeps freed pages for reuse, so
    /// without this a build's resident memory never falls below the highest any stage reached, stage after stage.
    public static func returnFreedMemory() {
        // glibc's malloc_trim, looked up rather than linked: <malloc.h> is not in the Glibc module, and another libc
        // simply has none.
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }
}

/// A file's identity on disk: when any part changes, the file is read again.
public struct FileStamp: Equatable, Sendable {
    public var size: Int
    public var seconds: Int
    public var nanoseconds: Int
    public var inode: UInt64

    public init(size: Int, seconds: Int, nanoseconds: Int, inode: UInt64) {
        self.size = size; self.seconds = seconds; self.nanoseconds = nanoseconds; self.inode = inode
    }

    /// The stamp of a regular file (symbolic links followed); nil for anything else or nothing.
    public static func of(_ path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        return FileStamp(size: Int(st.st_size), seconds: Int(st.st_mtimespec.tv_sec), nanoseconds: Int(st.st_mtimespec.tv_nsec),
                         inode: UInt64(st.st_ino))
        #else
        return FileStamp(size: Int(st.st_size), seconds: Int(st.st_mtim.tv_sec), nanoseconds: Int(st.st_mtim.tv_nsec),
                         inode: UInt64(st.st_ino))
        #endif
    }
}

extension FileStamp {
    #if canImport(Darwin)
    init(_ st: stat) {
        self.init(size: Int(st.st_size), seconds: Int(st.st_mtimespec.tv_sec), nanoseconds: Int(st.st_mtimespec.tv_nsec), inode: UInt64(st.st_ino))
    }
    #else
    init(_ st: stat) {
        self.init(size: Int(st.st_size), seconds: Int(st.st_mtim.tv_sec), nanoseconds: Int(st.st_mtim.tv_nsec), inode: UInt64(st.st_ino))
    }
    #endif
}

/// The stamps of many files below one folder (`FileStamp.of` of each), each looked up from a descriptor of a folder
/// near it instead of from `/`: a build checking 23,000 output files or 10,000 articles spent half of each `stat`
/// in the kernel walking the same leading folders again. The last `depth` names of a path are looked up from the
/// folder above them, opened once (from the root's descriptor) for all the files that share it; paths given in
/// sorted order share it one after another, so one such folder is open at a time.
public final class StampReader {
    let root: Int32
    let depth: Int
    /// The folder last opened, relative to the root, and its descriptor (-1 when it could not be opened).
    var group: [UInt8] = []
    var groupFD: Int32 = -1
    var hasGroup = false

    /// Nil when `folder` cannot be opened (then no file below it has a stamp).
    public init?(folder: String, depth: Int) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        root = fd
        self.depth = max(1, depth)
    }

    deinit {
        if hasGroup && groupFD >= 0 { FileIO.close(groupFD) }
        FileIO.close(root)
    }

    /// The stamp of the regular file at `relative` (symbolic links followed), as `FileStamp.of(folder + "/" +
    /// relative)` gives it; nil for anything else or nothing.
    public func stamp(_ relative: String) -> FileStamp? {
        var relative = relative
        return relative.withUTF8 { b -> FileStamp? in
            guard !b.isEmpty else { return nil }
            // Where the last `depth` names start.
            var split = b.count, slashes = 0
            while split > 0 {
                split -= 1
                if b[split] == 0x2F { slashes += 1; if slashes == depth { break } }
            }
            let prefix = slashes == depth ? split : 0
            var dirFD = root
            if prefix > 0 {
                let name = UnsafeBufferPointer(rebasing: b[0..<prefix])
                if !hasGroup || !group.elementsEqual(name) {
                    if hasGroup && groupFD >= 0 { FileIO.close(groupFD) }
                    group = Array(name)
                    hasGroup = true
                    groupFD = group.withUnsafeBufferPointer { g in
                        withUnsafeTemporaryAllocation(of: CChar.self, capacity: g.count + 1) { c in
                            for k in 0..<g.count { c[k] = CChar(bitPattern: g[k]) }
                            c[g.count] = 0
                            return openat(root, c.baseAddress!, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                        }
                    }
                }
                guard groupFD >= 0 else { return nil }
                dirFD = groupFD
            }
            let start = prefix > 0 ? prefix + 1 : 0
            return withUnsafeTemporaryAllocation(of: CChar.self, capacity: b.count - start + 1) { c -> FileStamp? in
                for k in start..<b.count { c[k - start] = CChar(bitPattern: b[k]) }
                c[b.count - start] = 0
                var st = stat()
                guard fstatat(dirFD, c.baseAddress!, &st, 0) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
                return FileStamp(st)
            }
        }
    }
}
