/// Rules for the free text people type: notes, justifications, names, descriptions.
public enum Text {
    /// Refuses control characters (general category Cc: C0, DEL, C1 — so no newline or tab)
    /// and text longer than `maxLength` characters; everything else is kept verbatim.
    public static func validate(_ text: String, field: String, maxLength: Int, allowEmpty: Bool = true) throws(SocialTimeError) -> String {
        // Printable ASCII (most notes) has no control character and one character per byte.
        if allowEmpty && text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            guard text.utf8.count > maxLength else { return text }
            throw .invalidInput("\(field) is too long (\(text.utf8.count) characters): at most \(maxLength)")
        }
        if let bad = text.unicodeScalars.first(where: isControl) {
            throw .invalidInput("\(field) contains a control character (U+\(hex(bad.value))): newlines, tabs and other control characters are not allowed")
        }
        if !allowEmpty && text.trimmingWhitespace().isEmpty {
            throw .invalidInput("\(field) cannot be empty")
        }
        let length = text.count
        // The schema's CHECKs count code points, four per allowed character: an emoji family of
        // seven code points is one character to a person but must not trip the database.
        if length > maxLength || text.unicodeScalars.count > maxLength * 4 {
            throw .invalidInput("\(field) is too long (\(length) characters): at most \(maxLength)")
        }
        return text
    }

    /// A value quoted back to the user with control characters made visible, so an error
    /// message can never smuggle a newline or an escape sequence onto the terminal.
    public static func printable(_ text: String, limit: Int = 60) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{\(hex(scalar.value))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            if out.count > limit { return String(out.prefix(limit)) + "…" }
        }
        return out
    }

    /// General category Cc, which Unicode fixes forever as exactly C0, DEL and C1; compared by
    /// value because looking up the scalar's properties cost a tenth of an import's instructions.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
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
