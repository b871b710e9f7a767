/// Rules for the free text people type: notes, justifications, names, descriptions.
public enum Text {
    /// Refuses what the spec's Text rules forbid (see `forbiddenScalar`) and text longer than
    /// `maxLength` characters; everything else is kept verbatim. Every name, note, justification,
    /// comment and description goes through here: one rule, so no input path can skip a part of it.
    public static func validate(_ text: String, field: String, maxLength: Int, allowEmpty: Bool = true) throws(SocialTimeError) -> String {
        if let bad = firstForbiddenScalar(text) {
            throw .invalidInput("\(field) contains \(describe(bad)) (U+\(hex(bad.value))): control characters (newlines, tabs …), line and paragraph separators, bidirectional overrides and isolates, and U+FEFF are not allowed")
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

    /// The scalars text may not hold: general category Cc (C0, DEL, C1), the line and paragraph
    /// separators U+2028/U+2029 (a line break to many renderers), the bidirectional embeddings and
    /// overrides U+202A–U+202E and isolates U+2066–U+2069 (they can make one name display as
    /// another's) and U+FEFF. Other format characters (the zero-width joiner in emoji, U+200F) are fine.
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028...0x2029, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// The first forbidden scalar, or nil. A scan of the UTF-8 bytes finds the common case (none)
    /// without decoding: every forbidden scalar is ASCII, or begins with 0xC2, 0xE2 or 0xEF.
    static func firstForbiddenScalar(_ text: String) -> Unicode.Scalar? {
        let suspicious = text.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }
        guard suspicious else { return nil }
        return text.unicodeScalars.first(where: isForbidden)
    }

    private static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x2028: return "a line separator"
        case 0x2029: return "a paragraph separator"
        case 0x202A...0x202E, 0x2066...0x2069: return "a bidirectional control character"
        case 0xFEFF: return "a byte order mark"
        default: return "a control character"
        }
    }

    /// A value quoted back to the user with forbidden scalars made visible, so an error message can
    /// never smuggle a newline, an escape sequence or a bidirectional override onto the terminal.
    public static func printable(_ text: String, limit: Int = 60) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if isForbidden(scalar) {
                out += "\\u{\(hex(scalar.value))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            if out.count > limit { return String(out.prefix(limit)) + "…" }
        }
        return out
    }

    /// Output bound for a terminal: every forbidden scalar escaped as `\u{1B}` — a note or alias
    /// written with other tools must not move the cursor, retitle the window or hide text — except
    /// line feeds, tabs and carriage returns, and socialtime's own colour and line-clearing
    /// sequences (ESC `[` digits and semicolons, then `m` or `K`).
    public static func terminalSafe(_ text: String) -> String {
        let suspicious = text.utf8.contains {
            ($0 < 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D) || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF
        }
        guard suspicious else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\u{1B}", let end = styleSequenceEnd(scalars, from: index) {
                out.append(contentsOf: scalars[index...end])
                index = end + 1
                continue
            }
            if isForbidden(scalar) && scalar != "\n" && scalar != "\t" && scalar != "\r" {
                out.append(contentsOf: "\\u{\(hex(scalar.value))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
            index += 1
        }
        return String(out)
    }

    /// The index of the `m` or `K` that ends `ESC [ 0-9;* (m|K)` at `start`, or nil.
    private static func styleSequenceEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 1
        guard index < scalars.count, scalars[index] == "[" else { return nil }
        index += 1
        while index < scalars.count, scalars[index].isASCII, ("0"..."9").contains(scalars[index]) || scalars[index] == ";" { index += 1 }
        guard index < scalars.count, scalars[index] == "m" || scalars[index] == "K" else { return nil }
        return index
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension String {
    /// Trims Unicode white space at both ends (Foundation-free, so the library stays light).
    public func trimmingWhitespace() -> String {
        // Nothing to trim when both ends are ASCII and not white space (the common case), which
        // the bytes tell without Unicode property look-ups.
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80,
           first != 0x20, !(0x09...0x0D).contains(first), last != 0x20, !(0x09...0x0D).contains(last) {
            return self
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
