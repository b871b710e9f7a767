#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes bytes to a file descriptor (standard output, an output file) and says whether all of
/// them arrived. `print` ignores a failed write, so `report > /dev/full` used to exit 0 with an
/// empty file and a cron job on a full disk reported success.
///
/// The library never prints: this type only writes where it is told and returns what happened;
/// the command line decides what a failure means. A closed pipe (`EPIPE`, a reader such as
/// `head` that stopped early) is reported apart from other failures, so the caller can treat it
/// as success; every other error (`ENOSPC`, `EIO`, `EBADF` …) is a failure, exit 1.
public struct FileDescriptorWriter: Sendable {
    public let descriptor: Int32

    public init(descriptor: Int32) { self.descriptor = descriptor }

    /// Standard output.
    public static let standardOutput = FileDescriptorWriter(descriptor: STDOUT_FILENO)

    /// Why a write stopped.
    public enum Failure: Error, Equatable, Sendable {
        /// The reader closed the pipe: nobody wants the rest. Not an error for a `| head`.
        case closedPipe
        /// Any other error, with `errno` and its text.
        case failed(code: Int32, reason: String)

        public var reason: String {
            switch self {
            case .closedPipe: return "the reader closed the pipe"
            case .failed(_, let reason): return reason
            }
        }
    }

    public func write(_ text: String) -> Result<Void, Failure> {
        var text = text
        return text.withUTF8 { Self.writeAll(descriptor, UnsafeRawBufferPointer($0)) }
    }

    public func write(_ bytes: [UInt8]) -> Result<Void, Failure> {
        bytes.withUnsafeBytes { Self.writeAll(descriptor, $0) }
    }

    /// Writes every byte, retrying after a signal (EINTR) and after a short write.
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Result<Void, Failure> {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN {
                    // A descriptor someone left non-blocking: wait until it takes more.
                    var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&poller, 1, -1)
                    continue
                }
                return .failure(code == EPIPE ? .closedPipe : .failed(code: code, reason: String(cString: strerror(code))))
            }
            if written == 0 { return .failure(.failed(code: EIO, reason: "the write made no progress")) }
            offset += written
        }
        return .success(())
    }
}
