import Glibc
import SocialTimeCore

/// Hands messages to a sendmail-compatible command (`sendmail -t`, `msmtp -t`) through the shell,
/// one run per message, so one bad address cannot hold back the others' mail.
enum Sendmail {
    /// Runs `command` with `message` on its standard input; a non-zero exit, a signal, or a
    /// command that stops reading is an error that names the command and what it did.
    static func deliver(_ message: String, with command: String) throws(SocialTimeError) {
        // A mailer that dies early would otherwise kill us with SIGPIPE before we can say so.
        signal(SIGPIPE, SIG_IGN)
        guard let pipe = popen(command, "w") else {
            throw .failure("cannot start the mail command '\(command)': \(String(cString: strerror(errno)))")
        }
        let bytes = Array(message.utf8)
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, pipe) }
        let flushed = fflush(pipe) == 0
        let status = pclose(pipe)
        if status == -1 { throw .failure("the mail command '\(command)' could not be waited for: \(String(cString: strerror(errno)))") }
        let exited = status & 0x7f == 0, code = (status >> 8) & 0xff
        if !exited { throw .failure("the mail command '\(command)' was killed by signal \(status & 0x7f)") }
        if code != 0 { throw .failure("the mail command '\(command)' failed with exit status \(code)\(code == 127 ? " (command not found)" : "")") }
        if written != bytes.count || !flushed { throw .failure("the mail command '\(command)' stopped reading the message") }
    }

    /// The host name for Message-IDs (`socialtime.report.…@host`), `localhost` when unknown.
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) ? "localhost" : name
    }
}
