#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way socialtime writes an output file (`report --out`, `export`, `db backup`, `demo`).
///
/// - A regular file, or a path where nothing is yet, is written to a temporary file in the same
///   folder (a rename is only atomic within one file system), flushed, fsynced and renamed over
///   the target: a reader never sees half a file and a failed write leaves the previous file as
///   it was. A replaced file keeps its permissions (an administrator's 0600 or 0640 stays); a new
///   one is created 0600 whatever the umask — hours and notes are personal data.
/// - A path that exists and is not a regular file — a device (`/dev/full`), a FIFO, a socket — is
///   opened (never through a link) and written to directly, never replaced: renaming over it would
///   turn `/dev/null` into a file. A link to the command's own stdout or stderr (`/dev/stdout`)
///   writes into that descriptor; any other symbolic link as the last component is refused, so
///   nothing socialtime writes crosses into another account's files (see `plan(for:mode:)`). A FIFO or socket is opened
///   without blocking, so one with no reader fails at once (exit 1) instead of hanging forever
///   while the command holds the database open.
/// - `.createNew` never replaces anything: the finished file is linked into place, which fails if
///   a file of that name appeared meanwhile (`demo`'s CSVs, `db backup`).
public final class AtomicFile {
    /// What may happen to a file already at the path.
    public enum Mode: Sendable {
        /// Replace a regular file (keeping its mode); write into anything else directly.
        case replace
        /// Only create: an existing path of any kind is refused, and nothing is ever overwritten.
        case createNew
    }

    public let path: String
    public let mode: Mode
    /// Where the bytes go until `commit()`; nil when writing directly into a device or FIFO.
    public let temporaryPath: String?
    /// The path that the rename replaces: `path`, or the regular file a symbolic link at `path` names.
    private let target: String
    private var descriptor: Int32
    private var pending: [UInt8] = []
    private var finished = false

    /// Bytes collected before each `write(2)`: big enough to be cheap, small enough to be constant.
    static let chunkSize = 1 << 16

    /// Whether the output goes straight into an existing non-regular file rather than through a rename.
    public var isDirect: Bool { temporaryPath == nil }

    public init(path: String, mode: Mode = .replace) throws(SocialTimeError) {
        self.path = path
        self.mode = mode
        guard !path.isEmpty else { throw .invalidInput("the output file name is empty: give the path of a file") }
        let plan = try Self.plan(for: path, mode: mode)
        switch plan {
        case .direct:
            target = path
            temporaryPath = nil
            descriptor = try Self.openDirect(path)
        case .standardStream(let stream):
            target = path
            temporaryPath = nil
            // A duplicate, so that closing it at the end leaves the process's own stream open.
            descriptor = fcntl(stream, F_DUPFD_CLOEXEC, 3)
            guard descriptor >= 0 else { throw .failure("cannot write \(path): \(FileSystem.errorText())") }
        case .rename(let target, let keepMode):
            self.target = target
            // `report --out socialtime.db` replaced the database with a text report: never rename over
            // an SQLite database (ours or anyone's) or over a journal beside one.
            if FileSystem.isSQLiteDatabase(target) || ["-wal", "-shm", "-journal"].contains(where: { target.hasSuffix($0) }) {
                throw .invalidInput("\(path) is a database file (or its journal): give the report or export another name; socialtime never writes over a database")
            }
            let folder = FileSystem.directory(of: target)
            guard FileSystem.isDirectory(folder) else {
                throw .failure("cannot write \(path): the folder \(folder) does not exist")
            }
            let name = target.split(separator: "/").last.map(String.init) ?? target
            // mkstemp picks an unused name and creates it 0600 (whatever the umask), so two exports
            // never share a temporary file and a new file is private from its first byte.
            var template = Array("\(folder)/.\(name).tmp-XXXXXX".utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else {
                throw .failure("cannot write in \(folder): \(FileSystem.errorText()): nothing was written")
            }
            descriptor = fd
            temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let keepMode {
                // A replaced file keeps its permissions, and its owner and group where we may set them.
                fchmod(fd, keepMode.permissions)
                _ = fchown(fd, keepMode.owner, keepMode.group)
            }
        }
        pending.reserveCapacity(Self.chunkSize)
    }

    deinit { if !finished { abandon() } }

    public func write(_ text: String) throws(SocialTimeError) {
        pending.append(contentsOf: text.utf8)
        if pending.count >= Self.chunkSize { try flush() }
    }

    /// Bytes as they are: an import's rejects file gives rows back unchanged, valid UTF-8 or not.
    public func write(bytes: [UInt8]) throws(SocialTimeError) {
        pending.append(contentsOf: bytes)
        if pending.count >= Self.chunkSize { try flush() }
    }

    private func flush() throws(SocialTimeError) {
        let result = pending.withUnsafeBytes { FileDescriptorWriter.writeAll(descriptor, $0) }
        if case .failure(let failure) = result {
            abandon()
            throw .failure("cannot write \(path): \(failure.reason)\(isDirect ? "" : "; the earlier file, if any, was left in place")")
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Flushes and fsyncs, then renames (or links, for `.createNew`) into place; afterwards the
    /// file is complete on disk. A direct write is only flushed.
    public func commit() throws(SocialTimeError) {
        try flush()
        guard let temporaryPath else {
            // A device or pipe cannot be fsynced (EINVAL); a regular file behind /proc/self/fd can.
            _ = fsync(descriptor)
            close(descriptor)
            descriptor = -1
            finished = true
            return
        }
        if fsync(descriptor) != 0 {
            let reason = FileSystem.errorText()
            abandon()
            throw .failure("cannot write \(path): \(reason); the earlier file, if any, was left in place")
        }
        close(descriptor)
        descriptor = -1
        switch mode {
        case .replace:
            if rename(temporaryPath, target) != 0 {
                let reason = FileSystem.errorText()
                abandon()
                throw .failure("cannot write \(path): \(reason); the earlier file, if any, was left in place")
            }
        case .createNew:
            // link(2) fails with EEXIST instead of replacing: the no-overwrite promise holds even
            // against a file created after we looked.
            if link(temporaryPath, target) != 0 {
                let code = errno
                abandon()
                throw code == EEXIST
                    ? .invalidInput("\(path) already exists: it was left as it was (socialtime never overwrites it); give a new name or move it away")
                    : .failure("cannot write \(path): \(FileSystem.errorText(code)); nothing was written")
            }
            unlink(temporaryPath)
        }
        finished = true
        // The rename itself lives in the folder: sync it too, or a crash could forget it.
        let folder = open(FileSystem.directory(of: target), O_RDONLY | O_DIRECTORY)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    /// Drops the temporary file; the target stays as it was.
    public func abandon() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        if let temporaryPath { unlink(temporaryPath) }
        finished = true
    }

    // MARK: - Deciding how to write

    struct KeptMode { let permissions: mode_t; let owner: uid_t; let group: gid_t }

    enum Plan {
        /// Write into the existing non-regular file at the path (a device, FIFO or socket).
        case direct
        /// Write into this process's own standard output or error (a descriptor to duplicate):
        /// the path is a link to it, such as `/dev/stdout`.
        case standardStream(Int32)
        /// Write a temporary file and rename it over `target`, giving it `keepMode` if one is replaced.
        case rename(target: String, keepMode: KeptMode?)
    }

    /// How `path` is written. Its last component is never followed when it is a symbolic link:
    /// in a shared folder a colleague can plant `team.rejected.csv -> ~root/.bashrc`, and
    /// following it by hand (or renaming over its target) wrote where the planter chose. A link is
    /// refused (exit 1), except one that leads to this command's own standard output or error
    /// (`/dev/stdout`, `/proc/self/fd/2`), whose descriptor is written instead — never the path.
    /// The rename itself replaces the name in the folder, not what a link there points to.
    static func plan(for path: String, mode: Mode) throws(SocialTimeError) -> Plan {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            guard code == ENOENT else { throw .failure("cannot write \(path): \(FileSystem.errorText(code))") }
            return .rename(target: path, keepMode: nil)
        }
        if mode == .createNew {
            throw .invalidInput("\(path) already exists: it was left as it was (socialtime never overwrites it); give a new name or move it away")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return .rename(target: path, keepMode: KeptMode(permissions: info.st_mode & 0o7777, owner: info.st_uid, group: info.st_gid))
        case S_IFDIR:
            throw .invalidInput("\(path) is a folder: give the path of a file")
        case S_IFLNK:
            if let stream = ownStandardStream(behind: path) { return .standardStream(stream) }
            throw .failure("cannot write \(path): it is a symbolic link, and socialtime never writes through a link "
                + "(it could lead into another account's files); give the path of a file, or remove the link")
        default:
            return .direct  // a device, FIFO or socket
        }
    }

    /// STDOUT_FILENO or STDERR_FILENO when `path` leads to the very file that descriptor is
    /// (same device and inode), else nil.
    static func ownStandardStream(behind path: String) -> Int32? {
        var target = stat()
        guard stat(path, &target) == 0 else { return nil }
        for stream in [STDOUT_FILENO, STDERR_FILENO] {
            var own = stat()
            if fstat(stream, &own) == 0, own.st_dev == target.st_dev, own.st_ino == target.st_ino { return stream }
        }
        return nil
    }

    /// Opens an existing non-regular file for writing. O_NONBLOCK makes opening a FIFO with no
    /// reader fail with ENXIO at once (it would otherwise wait forever); the writes themselves then
    /// block as usual. O_APPEND, because `/dev/stdout` may be a file the shell opened with `>>`.
    private static func openDirect(_ path: String) throws(SocialTimeError) -> Int32 {
        // O_NOFOLLOW: a link swapped in since `plan` looked is refused, not followed.
        let fd = open(path, O_WRONLY | O_APPEND | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP {
                throw .failure("cannot write \(path): it became a symbolic link while it was opened; socialtime never writes through a link")
            }
            if code == ENXIO {
                throw .failure("cannot write \(path): nothing is reading from it (a FIFO or socket with no reader): start the reader first")
            }
            throw .failure("cannot write \(path): \(FileSystem.errorText(code))")
        }
        // Decided on what was opened: a regular file swapped in for the device would be appended to.
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT != S_IFREG, info.st_mode & S_IFMT != S_IFDIR else {
            close(fd)
            throw .failure("cannot write \(path): it was replaced while it was opened; nothing was written")
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return fd
    }
}
