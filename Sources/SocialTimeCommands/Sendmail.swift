import Glibc
import SocialTimeCore

/// Hands messages to a sendmail-compatible command (`sendmail -t`, `msmtp -t`) through the shell,
/// one run per message, so one bad address cannot hold back the others' mail.
enum Sendmail {
    /// Runs `command` with `message` on its standard input. Sent means: the command read the
    /// whole message and exited 0 within `timeout` seconds. A non-zero exit, a signal, a command
    /// that stopped reading (it exited leaving bytes in the pipe, as a mailer that reads 10 bytes
    /// and exits 0 does), or one still running after `timeout` (killed, with everything it
    /// started: it runs in a process group of its own) is an error that names the command.
    static func deliver(_ message: String, with command: String, timeout: Int = 60) throws(SocialTimeError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw .failure("cannot start the mail command '\(command)': \(String(cString: strerror(errno)))") }
        // Neither end leaks into the command past its stdin (nor into later children).
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        // We keep our copy of the read end open until the command has exited: a write can then
        // never raise EPIPE, and what the command left unread can be counted (FIONREAD).
        let (readEnd, writeEnd) = (ends[0], ends[1])
        defer { close(readEnd) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, STDIN_FILENO)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let arguments: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", command].map { $0.withCString { strdup($0) } }
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments + [nil], environ)
        guard spawned == 0 else {
            close(writeEnd)
            throw .failure("cannot start the mail command '\(command)': \(String(cString: strerror(spawned)))")
        }
        let deadline = monotonicSeconds() + Double(timeout)
        var status: Int32 = 0
        var exited = false
        func reap() { if !exited, waitpid(pid, &status, WNOHANG) == pid { exited = true } }
        func giveUp() -> SocialTimeError {
            kill(-pid, SIGKILL)
            if !exited { waitpid(pid, &status, 0) }
            return .failure("the mail command '\(command)' did not finish within \(timeout) s (--sendmail-timeout): it was stopped and the message counts as not sent")
        }

        let bytes = Array(message.utf8)
        var offset = 0
        _ = fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK)
        while offset < bytes.count && !exited {
            var ready = pollfd(fd: writeEnd, events: Int16(POLLOUT), revents: 0)
            if poll(&ready, 1, 50) > 0 {
                let count = bytes.withUnsafeBytes { write(writeEnd, $0.baseAddress! + offset, $0.count - offset) }
                if count > 0 { offset += count } else if count < 0 && errno != EAGAIN && errno != EINTR { break }
            }
            reap()
            if !exited && monotonicSeconds() > deadline { close(writeEnd); throw giveUp() }
        }
        close(writeEnd)  // end of the message
        while !exited {
            reap()
            if exited { break }
            if monotonicSeconds() > deadline { throw giveUp() }
            usleep(10_000)
        }
        var unread: Int32 = 0
        _ = ioctl(readEnd, UInt(FIONREAD), &unread)

        let signalled = status & 0x7f != 0, code = (status >> 8) & 0xff
        if signalled { throw .failure("the mail command '\(command)' was killed by signal \(status & 0x7f)") }
        if code != 0 { throw .failure("the mail command '\(command)' failed with exit status \(code)\(code == 127 ? " (command not found)" : "")") }
        let read = offset - Int(unread)
        if read < bytes.count {
            throw .failure("the mail command '\(command)' exited before reading the whole message (\(read) of \(bytes.count) bytes): it counts as not sent")
        }
    }

    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// The host name for Message-IDs (`socialtime.report.…@host`), `localhost` when unknown.
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) ? "localhost" : name
    }
}
