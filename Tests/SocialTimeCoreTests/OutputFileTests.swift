import Foundation
import Testing
@testable import SocialTimeCore

/// The one output-file writer: atomic for regular files, direct for devices and FIFOs, private
/// when new, keeping the mode of what it replaces, and never overwriting in `.createNew`.
@Suite struct OutputFileTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "socialtime-out-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func write(_ text: String, to path: String, mode: AtomicFile.Mode = .replace) throws(SocialTimeError) {
        let file = try AtomicFile(path: path, mode: mode)
        try file.write(text)
        try file.commit()
    }

    func permissions(_ path: String) -> mode_t {
        var info = stat()
        stat(path, &info)
        return info.st_mode & 0o7777
    }

    func fileType(_ path: String) -> mode_t {
        var info = stat()
        lstat(path, &info)
        return info.st_mode & S_IFMT
    }

    @Test(arguments: [mode_t(0o022), 0o000])
    func aNewFileIsPrivateWhateverTheUmask(mask: mode_t) throws {
        let old = umask(mask)
        defer { umask(old) }
        let path = folder + "/new.csv"
        try write("a\n", to: path)
        #expect(permissions(path) == 0o600)
    }

    @Test(arguments: [mode_t(0o640), 0o644, 0o600, 0o660])
    func aReplacedFileKeepsItsMode(mode: mode_t) throws {
        let path = folder + "/kept.csv"
        try write("old\n", to: path)
        chmod(path, mode)
        try write("new\n", to: path)
        #expect(permissions(path) == mode)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
    }

    /// Run as root, `report --out /dev/full` turned the device into a regular file.
    @Test(.enabled(if: getuid() == 0, "mknod needs root"))
    func aDeviceIsWrittenToAndNeverReplaced() throws {
        let null = folder + "/null", full = folder + "/full"
        #expect(mknod(null, S_IFCHR | 0o666, characterDevice(1, 3)) == 0)
        #expect(mknod(full, S_IFCHR | 0o666, characterDevice(1, 7)) == 0)
        try write("report\n", to: null)
        #expect(fileType(null) == S_IFCHR)
        let error = socialTimeError { try write(String(repeating: "x", count: 100_000), to: full) }
        #expect(error?.exitCode == 1)
        #expect(error?.message.contains("No space left") == true, "\(error?.message ?? "")")
        #expect(fileType(full) == S_IFCHR)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    /// A FIFO with no reader used to hang forever (holding the database open). A hang again is
    /// the time limit's to catch; no duration is asserted.
    @Test(.timeLimit(.minutes(1))) func aFIFOWithoutAReaderFailsAtOnce() throws {
        let fifo = folder + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let error = socialTimeError { try write("x", to: fifo) }
        #expect(error?.exitCode == 1)
        #expect(error?.message.contains("nothing is reading") == true)
        #expect(fileType(fifo) == S_IFIFO)
    }

    @Test func aFIFOWithAReaderGetsTheBytes() throws {
        let fifo = folder + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        // A thread of its own: a blocking read must not occupy the test runner's shared threads.
        let reader = BlockingReader { () -> [UInt8] in
            let fd = open(fifo, O_RDONLY)
            defer { close(fd) }
            return readToEnd(fd)
        }
        // The reader may not have opened yet: retry the open for a moment.
        var written = false
        for _ in 0..<100 where !written {
            if (try? write("through the pipe\n", to: fifo)) != nil { written = true } else { usleep(20_000) }
        }
        #expect(written)
        #expect(String(decoding: reader.wait(), as: UTF8.self) == "through the pipe\n")
    }

    /// A link into `/proc/self/fd` to a descriptor other than stdout or stderr — here an open
    /// file; in the field the database's own descriptor — is a link like any other: refused.
    @Test func aLinkIntoProcOtherThanStdoutOrStderrIsRefused() throws {
        let link = folder + "/stdout"
        let target = folder + "/captured"
        FileManager.default.createFile(atPath: target, contents: Data("before\n".utf8))
        let fd = open(target, O_WRONLY | O_APPEND)
        defer { close(fd) }
        #expect(symlink("/proc/self/fd/\(fd)", link) == 0)
        #expect(socialTimeError { try write("after\n", to: link) }?.exitCode == 1)
        #expect(fileType(link) == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "before\n")
    }

    /// A planted `x.csv -> someone's file` was followed by hand and its target replaced: the
    /// last component is never followed; link and target stay as they were.
    @Test func aLinkToARegularFileIsRefusedAndNeitherIsTouched() throws {
        let target = folder + "/real.csv", link = folder + "/link.csv"
        try write("old\n", to: target)
        chmod(target, 0o640)
        #expect(symlink("real.csv", link) == 0)
        let error = socialTimeError { try write("new\n", to: link) }
        #expect(error?.exitCode == 1)
        #expect(error?.message.contains("is a symbolic link") == true, "\(String(describing: error?.message))")
        #expect(fileType(link) == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old\n")
        #expect(permissions(target) == 0o640)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func aDanglingLinkIsRefused() {
        let link = folder + "/dangling.csv"
        #expect(symlink(folder + "/nowhere/x.csv", link) == 0)
        #expect(socialTimeError { try write("x", to: link) }?.exitCode == 1)
        #expect(!FileManager.default.fileExists(atPath: folder + "/nowhere"))
    }

    /// `demo` overwrote a real reports/…csv (and reset its mode).
    @Test func createNewNeverOverwrites() throws {
        let path = folder + "/socialtime-entries-2026-W47.csv"
        try write("precious\n", to: path)
        chmod(path, 0o640)
        let error = socialTimeError { try write("demo\n", to: path, mode: .createNew) }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains("already exists") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious\n")
        #expect(permissions(path) == 0o640)
        let fresh = folder + "/fresh.csv"
        try write("demo\n", to: fresh, mode: .createNew)
        #expect(try String(contentsOfFile: fresh, encoding: .utf8) == "demo\n")
        #expect(permissions(fresh) == 0o600)
    }

    /// A file that appears between the check and the commit is still not overwritten.
    @Test func createNewLosesARaceWithoutOverwriting() throws {
        let path = folder + "/race.csv"
        let file = try AtomicFile(path: path, mode: .createNew)
        try file.write("demo\n")
        FileManager.default.createFile(atPath: path, contents: Data("theirs\n".utf8))
        #expect(socialTimeError { try file.commit() }?.exitCode == 64)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "theirs\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }.isEmpty)
    }
}

/// A character device number as Linux's makedev builds it for small numbers (`/dev/null` is 1:3,
/// `/dev/full` 1:7): the tests make their own nodes and never touch a real /dev entry.
func characterDevice(_ major: UInt64, _ minor: UInt64) -> dev_t { dev_t((major << 8) | minor) }

func readToEnd(_ fd: Int32) -> [UInt8] {
    var got: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = read(fd, &buffer, buffer.count)
        if n <= 0 { return got }
        got += buffer[0..<n]
    }
}

/// Runs a blocking read on a thread of its own and hands back what it read.
final class BlockingReader: @unchecked Sendable {
    private var result: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () -> [UInt8]) {
        Thread.detachNewThread { [self] in
            result = body()
            done.signal()
        }
    }

    func wait() -> [UInt8] {
        done.wait()
        return result
    }
}

func failure(_ result: Result<Void, FileDescriptorWriter.Failure>) -> FileDescriptorWriter.Failure? {
    if case .failure(let failure) = result { return failure }
    return nil
}

@Suite struct FileDescriptorWriterTests {
    @Test(.enabled(if: getuid() == 0, "mknod needs root"))
    func aFullDeviceIsAFailure() throws {
        let path = NSTemporaryDirectory() + "socialtime-full-\(UUID().uuidString)"
        #expect(mknod(path, S_IFCHR | 0o666, characterDevice(1, 7)) == 0)
        defer { unlink(path) }
        let fd = open(path, O_WRONLY)
        defer { close(fd) }
        #expect(failure(FileDescriptorWriter(descriptor: fd).write("report")) == .failed(code: ENOSPC, reason: String(cString: strerror(ENOSPC))))
    }

    @Test func aClosedPipeIsReportedApart() {
        signal(SIGPIPE, SIG_IGN)
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }
        #expect(failure(FileDescriptorWriter(descriptor: ends[1]).write("x")) == .closedPipe)
    }

    @Test func aBadDescriptorIsAFailure() {
        guard case .failure(.failed(let code, _)) = FileDescriptorWriter(descriptor: 9999).write("x") else {
            Issue.record("a write to a closed descriptor succeeded")
            return
        }
        #expect(code == EBADF)
    }

    @Test func everyByteArrivesThroughAPipe() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let text = String(repeating: "0123456789", count: 50_000)  // more than a pipe holds
        let readEnd = ends[0]
        let reader = BlockingReader { () -> [UInt8] in
            defer { close(readEnd) }
            return readToEnd(readEnd)
        }
        #expect(failure(FileDescriptorWriter(descriptor: ends[1]).write(text)) == nil)
        close(ends[1])
        #expect(reader.wait().count == text.utf8.count)
    }
}
