/// The content and header encodings a mail needs, without Foundation: base64 and
/// quoted-printable bodies (RFC 2045) with lines of at most 76 characters, and RFC 2047
/// encoded-words so every header stays 7-bit whatever the names and the company are.
public enum MIMEEncoding {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Base64 of `bytes` on one line.
    public static func base64(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index], b1 = index + 1 < bytes.count ? bytes[index + 1] : 0, b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A body as base64 in lines of 76 characters (RFC 2045 §6.8), each ending in `\n`.
    public static func base64Body(_ text: String) -> String {
        let encoded = Array(base64(Array(text.utf8)).utf8)
        var out = ""
        var start = 0
        while start < encoded.count {
            let end = min(start + 76, encoded.count)
            out += String(decoding: encoded[start..<end], as: UTF8.self) + "\n"
            start = end
        }
        return out
    }

    /// A UTF-8 text body as quoted-printable (RFC 2045 §6.7): readable where it is ASCII, lines
    /// of at most 76 characters with soft breaks (`=`), trailing blanks and `=` encoded, and a
    /// line that would start with `From ` or `.` encoded so no mbox or SMTP server touches it.
    public static func quotedPrintable(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var tokens: [String] = []
            for (index, byte) in bytes.enumerated() {
                let last = index == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !last)
                tokens.append(literal ? String(UnicodeScalar(byte)) : "=" + hex(byte))
            }
            if let first = bytes.first, first == UInt8(ascii: "."), !tokens.isEmpty { tokens[0] = "=2E" }
            if bytes.starts(with: Array("From ".utf8)) { tokens[0] = "=46" }
            // Soft breaks: at most 75 characters plus the `=`.
            var current = ""
            for token in tokens {
                if current.utf8.count + token.utf8.count > 75 {
                    lines.append(current + "=")
                    current = ""
                }
                current += token
            }
            lines.append(current)
        }
        return lines.joined(separator: "\n") + (text.hasSuffix("\n") ? "" : "\n")
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    /// True when `text` can go into a header as it is: printable ASCII and spaces only, and no
    /// `=?`, which a mail client would decode as an encoded-word — a display name or company of
    /// `=?utf-8?B?…?=` could pose as anyone. Such text is encoded itself.
    public static func isPlainHeaderText(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 32 && $0 < 127 } && !text.contains("=?")
    }

    /// RFC 2047 B encoded-words of `text`, each at most 64 characters and never splitting a
    /// character (a decoder joins adjacent encoded-words, so one name may take several),
    /// separated by a space.
    public static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            // 39 bytes make 52 base64 characters, 64 with `=?utf-8?B?` and `?=`: with a header name
            // in front the line stays under the 76 characters RFC 2047 allows.
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append("=?utf-8?B?" + base64(chunk) + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?utf-8?B?" + base64(chunk) + "?=") }
        return words
    }

    /// Unstructured header text (a Subject): as it is when plain ASCII, else encoded-words.
    /// Control characters (a newline that would start a new header) become spaces first.
    public static func headerText(_ text: String) -> [String] {
        let clean = String(text.map { $0.isNewline || ($0.asciiValue.map { $0 < 32 || $0 == 127 } ?? false) ? " " : $0 })
        guard isPlainHeaderText(clean) else { return encodedWords(clean) }
        return clean.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    }

    /// `Name: value` folded before 78 characters at the spaces between `words` (RFC 5322 §2.2.3).
    public static func header(_ name: String, _ words: [String]) -> String {
        var lines: [String] = []
        var line = name + ":"
        for word in words {
            if line.utf8.count + 1 + word.utf8.count > 78, line != name + ":" {
                lines.append(line)
                line = ""
            }
            line += " " + word
        }
        lines.append(line)
        return lines.joined(separator: "\n") + "\n"
    }
}
