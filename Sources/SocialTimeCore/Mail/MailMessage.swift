/// A complete message for `sendmail -t`: 7-bit headers (RFC 5322, RFC 2047 where text is not
/// ASCII), MIME 1.0, UTF-8 bodies. Lines end in `\n`: a local mailer (sendmail, msmtp) turns
/// them into CRLF on the wire.
public struct MailMessage: Sendable, Equatable {
    /// One body part.
    public struct Part: Sendable, Equatable {
        public let contentType: String
        public let text: String
        public let quotedPrintable: Bool

        /// `text/plain` or `text/html`, UTF-8; base64 unless `quotedPrintable`.
        public init(contentType: String, text: String, quotedPrintable: Bool = false) {
            self.contentType = contentType
            self.text = text
            self.quotedPrintable = quotedPrintable
        }

        var rendered: String {
            "Content-Type: \(contentType); charset=utf-8\n"
                + "Content-Transfer-Encoding: \(quotedPrintable ? "quoted-printable" : "base64")\n\n"
                + (quotedPrintable ? MIMEEncoding.quotedPrintable(text) : MIMEEncoding.base64Body(text))
        }
    }

    public let from: Mailbox?
    public let to: [Mailbox]
    public let subject: String
    public let date: MailDate
    /// Without angle brackets: `socialtime.report.2026-W47.20261130T060000@host`.
    public let messageID: String
    /// One part is sent as it is; two or more as multipart/alternative, plainest first.
    public let parts: [Part]

    public init(from: Mailbox?, to: [Mailbox], subject: String, date: MailDate, messageID: String, parts: [Part]) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.parts = parts
    }

    /// A boundary no base64 or quoted-printable body can contain: `_` is in neither alphabet
    /// and `=_` cannot start a quoted-printable line's escape (`=` is followed by hex or a break).
    static let boundary = "=_socialtime_alternative_7b1d"

    /// The message as `sendmail -t` reads it.
    public var rendered: String {
        var out = ""
        if let from { out += MIMEEncoding.header("From", from.headerWords) }
        var toWords: [String] = []
        for (index, mailbox) in to.enumerated() {
            var words = mailbox.headerWords
            if index < to.count - 1 { words[words.count - 1] += "," }
            toWords += words
        }
        out += MIMEEncoding.header("To", toWords)
        out += MIMEEncoding.header("Subject", MIMEEncoding.headerText(subject))
        out += "Date: \(date.rfc5322)\n"
        out += "Message-ID: <\(messageID.filter { $0 != "<" && $0 != ">" && !$0.isWhitespace })>\n"
        out += "MIME-Version: 1.0\n"
        out += "Auto-Submitted: auto-generated\n"
        if parts.count == 1 {
            return out + parts[0].rendered
        }
        out += "Content-Type: multipart/alternative; boundary=\"\(Self.boundary)\"\n\n"
        out += "This is a MIME message: a plain text and an HTML version of the same content.\n"
        for part in parts { out += "\n--\(Self.boundary)\n" + part.rendered }
        return out + "\n--\(Self.boundary)--\n"
    }
}
