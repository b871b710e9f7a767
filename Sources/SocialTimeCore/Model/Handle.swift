/// A person's handle: lowercase `[a-z0-9._-]{1,32}` beginning with a letter or digit, e.g. `anna`.
/// The first character matters: `.`, `..` and `.hidden` read as paths, `-x` as an option.
public struct Handle: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: String

    public init(validating text: String) throws(SocialTimeError) {
        guard !text.isEmpty else {
            throw .invalidInput("a handle cannot be empty: use 1 to 32 of a-z, 0-9, '.', '_' and '-'")
        }
        guard text.utf8.count <= 32, text.utf8.allSatisfy(Handle.isAllowed) else {
            let lowered = text.lowercased()
            let hint = lowered != text && lowered.utf8.count <= 32 && lowered.utf8.allSatisfy(Handle.isAllowed)
                ? " (handles are lowercase: did you mean '\(lowered)'?)" : ""
            throw .invalidInput("invalid handle '\(Text.printable(text))': use 1 to 32 of a-z, 0-9, '.', '_' and '-'\(hint)")
        }
        guard let first = text.utf8.first, Handle.isLetterOrDigit(first) else {
            throw .invalidInput("invalid handle '\(Text.printable(text))': a handle begins with a letter or digit (a-z, 0-9), then 0 to 31 of a-z, 0-9, '.', '_' and '-'")
        }
        value = text
    }

    /// For values read back from our own database, which its CHECK constraint already validated.
    package init(trusted: String) { value = trusted }

    public var description: String { value }
    public static func < (a: Handle, b: Handle) -> Bool { a.value < b.value }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): return true
        default: return false
        }
    }
}
