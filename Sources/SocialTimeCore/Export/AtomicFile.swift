#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that a reader never sees half of it: the bytes go to a temporary file in the
/// same folder (a rename is only atomic within one file system), which is flushed, fsynced and
/// then renamed over the target. Until `commit()` the target is untouched; any failure removes
/// the temporary file, so a failed export leaves the previous file exactly as it was.
public final class AtomicFile {
    public let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var pending: [UInt8] = []
    private var finished = false

    /// Bytes collected before each `write(2)`: big enough to be cheap, small enough to be constant.
    static let chunkSize = 1 << 16

    public init(path: String) throws(SocialTimeError) {
        self.path = path
        guard !path.isEmpty else { throw .invalidInput("the output file name is empty: give the path of a file") }
        // `report --out socialtime.db` replaced the database with a text report: never rename over
        // an SQLite database (ours or anyone's) or over a journal beside one.
        if FileSystem.isSQLiteDatabase(path) || ["-wal", "-shm", "-journal"].contains(where: { path.hasSuffix($0) }) {
            throw .invalidInput("\(path) is a database file (or its journal): give the report or export another name; socialtime never writes over a database")
        }
        let folder = FileSystem.directory(of: path)
        guard FileSystem.isDirectory(folder) else {
            throw .failure("cannot write \(path): the folder \(folder) does not exist")
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        // mkstemp picks an unused name and creates it 0600, so two exports never share a temp file.
        var template = Array("\(folder)/.\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw .failure("cannot write in \(folder): \(FileSystem.errorText()): nothing was exported")
        }
        descriptor = fd
        temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        pending.reserveCapacity(Self.chunkSize)
        // Readers (BI tools, payroll) expect an ordinary readable report, not mkstemp's 0600.
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
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
        var offset = 0
        while offset < pending.count {
            let written = pending.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = FileSystem.errorText()
                abandon()
                throw .failure("cannot write \(path): \(reason); the earlier file, if any, was left in place")
            }
            offset += written
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Flushes, fsyncs and renames over the target; afterwards the file is complete on disk.
    public func commit() throws(SocialTimeError) {
        try flush()
        if fsync(descriptor) != 0 {
            let reason = FileSystem.errorText()
            abandon()
            throw .failure("cannot write \(path): \(reason); the earlier file, if any, was left in place")
        }
        close(descriptor)
        descriptor = -1
        if rename(temporaryPath, path) != 0 {
            let reason = FileSystem.errorText()
            abandon()
            throw .failure("cannot write \(path): \(reason); the earlier file, if any, was left in place")
        }
        finished = true
        // The rename itself lives in the folder: sync it too, or a crash could forget it.
        let folder = open(FileSystem.directory(of: path), O_RDONLY | O_DIRECTORY)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    /// Drops the temporary file; the target stays as it was.
    public func abandon() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
        finished = true
    }
}
