#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system, through POSIX calls (no Foundation on the load path).
public struct LocalFileSystem: FileSystem {
    /// Creates the local file system.
    public init() {}

    public func readFile(at path: String, limit: Int?) throws(FileSystemError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.error(errno, path: path, action: "read") }
        defer { close(fd) }
        return try readOpened(fd, path: path, limit: limit, regularOnly: false)
    }

    public func readRegularFile(at path: String, limit: Int?) throws(FileSystemError) -> [UInt8] {
        // Opened without blocking, so a named pipe cannot hold up the open; it is refused below.
        // A regular file under a lease refuses such an open, so it is opened again the usual way.
        var fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { fd = open(path, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else {
            if errno == ELOOP {
                throw FileSystemError(.notARegularFile, path: path,
                                      message: "'\(path)' is a loop of symbolic links; point the link at a file")
            }
            throw Self.error(errno, path: path, action: "read")
        }
        defer { close(fd) }
        return try readOpened(fd, path: path, limit: limit, regularOnly: true)
    }

    private func readOpened(_ fd: Int32, path: String, limit: Int?, regularOnly: Bool) throws(FileSystemError) -> [UInt8] {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Self.error(errno, path: path, action: "read") }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR {
            throw FileSystemError(.isADirectory, path: path, message: "'\(path)' is a directory; expected a file")
        }
        let regular = kind == S_IFREG
        if regularOnly && !regular {
            throw FileSystemError(.notARegularFile, path: path,
                                  message: "'\(path)' is not a regular file (a pipe, device or socket); replace it with a file")
        }
        let size = Int(info.st_size)
        if let limit, size > limit {
            throw FileSystemError(
                .tooLarge, path: path,
                message: "'\(path)' is \(size) bytes, over the limit of \(limit) bytes; make it smaller")
        }
        // One byte more than announced: a regular file that gave its announced size and then less
        // than asked has ended, so the usual file costs one read; one that grew, a file system that
        // returns short reads, or a special file, is read to its end.
        var buffer = [UInt8](repeating: 0, count: max(size, 0) + 1)
        var filled = 0
        while true {
            if filled == buffer.count {
                if let limit, filled > limit {
                    throw FileSystemError(
                        .tooLarge, path: path,
                        message: "'\(path)' is over the limit of \(limit) bytes; make it smaller")
                }
                buffer.append(contentsOf: repeatElement(0, count: max(4096, buffer.count)))
            }
            let wanted = buffer.count - filled
            let count = buffer.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress! + filled, wanted)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.error(errno, path: path, action: "read")
            }
            if count == 0 { break }
            filled += count
            if regular && count < wanted && filled >= size { break }
        }
        buffer.removeSubrange(filled...)
        if let limit, filled > limit {
            throw FileSystemError(
                .tooLarge, path: path, message: "'\(path)' is over the limit of \(limit) bytes; make it smaller")
        }
        return buffer
    }

    public func fileType(at path: String) -> FileType? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    public func resolvedFileType(at path: String) -> FileType? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    public func fileSize(at path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    public func contentsOfDirectory(at path: String) throws(FileSystemError) -> [String] {
        try typedContentsOfDirectory(at: path).map(\.name)
    }

    /// The entries of a directory with the types `readdir` reports (`d_type`), so listing a
    /// directory of packs costs no `stat` per entry; `nil` where the file system leaves it unknown.
    public func typedContentsOfDirectory(at path: String) throws(FileSystemError) -> [(name: String, type: FileType?)] {
        guard let dir = opendir(path) else { throw Self.error(errno, path: path, action: "list") }
        defer { closedir(dir) }
        var entries: [(name: String, type: FileType?)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let type: FileType?
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): type = .file
            case Int32(DT_DIR): type = .directory
            case Int32(DT_LNK): type = .symbolicLink
            case Int32(DT_UNKNOWN): type = nil
            default: type = .other
            }
            entries.append((name, type))
        }
        entries.sort { $0.name < $1.name }
        return entries
    }

    public func resolvingSymbolicLinks(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func writeFileAtomically(at path: String, contents: [UInt8]) throws(FileSystemError) {
        let temporary = Path.parent(path) + "/.\(Path.lastComponent(path)).tmp-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.error(errno, path: path, action: "write") }
        var written = 0
        while written < contents.count {
            let count = contents.withUnsafeBytes { raw in write(fd, raw.baseAddress! + written, raw.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                unlink(temporary)
                throw Self.error(code, path: path, action: "write")
            }
            written += count
        }
        if fsync(fd) != 0 {
            let code = errno
            close(fd)
            unlink(temporary)
            throw Self.error(code, path: path, action: "write")
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Self.error(code, path: path, action: "write")
        }
        // Make the rename itself durable.
        let dirFD = open(Path.parent(path), O_RDONLY | O_CLOEXEC)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
    }

    public func createDirectory(at path: String) throws(FileSystemError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw Self.error(errno, path: current, action: "create directory")
            }
        }
        guard isDirectory(path) else {
            throw FileSystemError(.notADirectory, path: path, message: "'\(path)' exists and is not a directory")
        }
    }

    /// The current working directory.
    public static var currentDirectory: String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    /// Makes `path` absolute against the current directory and normalises it.
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return Path.normalize(path) }
        return Path.normalize(currentDirectory + "/" + path)
    }

    private static func error(_ code: Int32, path: String, action: String) -> FileSystemError {
        let reason = String(cString: strerror(code))
        switch code {
        case ENOENT:
            return FileSystemError(.notFound, path: path, message: "cannot \(action) '\(path)': no such file or directory")
        case EACCES, EPERM:
            return FileSystemError(.permissionDenied, path: path, message: "cannot \(action) '\(path)': permission denied")
        case ENOTDIR:
            return FileSystemError(.notADirectory, path: path, message: "cannot \(action) '\(path)': not a directory")
        case EEXIST:
            return FileSystemError(.alreadyExists, path: path, message: "cannot \(action) '\(path)': it already exists")
        default:
            return FileSystemError(.ioError, path: path, message: "cannot \(action) '\(path)': \(reason)")
        }
    }
}
