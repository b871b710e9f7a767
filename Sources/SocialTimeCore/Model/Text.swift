/// Rules for the free text people type: notes, justifications, names, descriptions.
public enum Text {
    /// Refuses control characters (general category Cc: C0, DEL, C1 — so no newline or tab)
    /// and text longer than `maxLength` characters; everything else is kept verbatim.
    public static func validate(_ text: String, field: String, maxLength: Int, allowEmpty: Bool = true) throws(SocialTimeError) -> String {
        if containsControlCharacter(text), let bad = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw .invalidInput("\(field) contains a control character (U+\(hex(bad.value))): newlines, tabs and other control characters are not allowed")
        }
        if !allowEmpty && text.trimmingWhitespace().isEmpty {
            throw .invalidInput("\(field) cannot be empty")
        }
        // Counting characters means finding grapheme boundaries; no text has more characters than
        // UTF-8 bytes, so short text skips it (imports validate a million notes).
        let length = text.utf8.count <= maxLength ? 0 : text.count
        // The schema's CHECKs count code points, four per allowed character: an emoji family of
        // seven code points is one character to a person but must not trip the database.
        if length > maxLength || text.unicodeScalars.count > maxLength * 4 {
            throw .invalidInput("\(field) is too long (\(length) characters): at most \(maxLength)")
        }
        return text
    }

    /// Cc is exactly C0 (below 0x20), DEL and C1 (U+0080–U+009F, in UTF-8 0xC2 0x80–0x9F): a scan
    /// of the bytes finds them without looking up each scalar's properties.
    static func containsControlCharacter(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(byte)) { return true }
            previous = byte
        }
        return false
    }

    /// A value quoted back to the user with control characters made visible, so an error
    /// message can never smuggle a newline or an escape sequence onto the terminal.
    public static func printable(_ text: String, limit: Int = 60) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                out += "\\u{\(hex(scalar.value))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            if out.count > limit { return String(out.prefix(limit)) + "…" }
        }
        return out
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension String {
    /// Trims Unicode white space at both ends (Foundation-free, so the library stays light).
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
