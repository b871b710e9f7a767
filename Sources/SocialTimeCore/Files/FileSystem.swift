#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file operations the store and the exporter need, with messages people can act on.
public enum FileSystem {
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Whether `path` is a file that begins with SQLite's header ("SQLite format 3" and a NUL).
    public static func isSQLiteDatabase(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: 16)
        let count = header.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 16) }
        return count == 16 && header == Array("SQLite format 3".utf8) + [0]
    }

    /// The size of a file in bytes, or nil when there is none.
    public static func size(_ path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }

    /// Whether `path` (following symbolic links) is a plain file, not a device, pipe or socket.
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether writing to `path` is both permitted and intended. Root may write to any file, but a
    /// file whose write bits are all cleared was made read-only on purpose, so we treat it as such.
    public static func isWritableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return access(path, W_OK) == 0 && (info.st_mode & 0o222) != 0
    }

    public static func isWritableDirectory(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return access(path, W_OK) == 0 && (info.st_mode & 0o222) != 0
    }

    /// The folder part of a path ("." for a bare file name).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// `mkdir -p`, each new folder 0700 whatever the umask: the database's and the backups'
    /// folders hold personal data (an existing folder keeps its mode).
    public static func createDirectories(_ path: String) throws(SocialTimeError) {
        if isDirectory(path) { return }
        if exists(path) { throw .failure("cannot create folder \(path): a file of that name is in the way") }
        let parent = directory(of: path)
        if parent != path && parent != "." && parent != "/" { try createDirectories(parent) }
        if mkdir(path, 0o700) != 0 {
            if errno == EEXIST { return }
            throw .failure("cannot create folder \(path): \(errorText())")
        }
        // The umask may have narrowed the mode; it can never widen 0700, but be exact.
        chmod(path, 0o700)
    }

    package static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}
