/// A mail address with an optional display name, as it goes into `To:` or `From:`.
public struct Mailbox: Sendable, Equatable {
    public let name: String?
    public let address: String

    /// Checks the address: `local@domain`, ASCII, no spaces, angle brackets, commas, quotes or
    /// control characters — what a header can carry without quoting, and what `sendmail -t`
    /// reads back. Internationalised addresses are refused rather than sent wrong.
    public init(name: String?, address: String) throws(SocialTimeError) {
        guard Self.isValid(address) else {
            throw .invalidInput("\(address) is not an e-mail address: use local@domain, e.g. anna@example.com (ASCII, no spaces)")
        }
        self.name = name
        self.address = address
    }

    public static func isValid(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              address.utf8.count <= 254 else { return false }
        let forbidden = Set(" \t\"(),:;<>[]\\".utf8)
        return address.utf8.allSatisfy { $0 > 32 && $0 < 127 && !forbidden.contains($0) }
    }

    /// The header form, as words for folding: `anna@example.com`, `Anna Jensen <anna@…>`,
    /// `"Jensen, Anna" <…>` (quoted: a comma would split the list), or encoded-words for a name
    /// that is not ASCII (`=?utf-8?B?…?= <…>`).
    public var headerWords: [String] {
        let clean = name.map { String($0.filter { !$0.isNewline && !($0.asciiValue.map { $0 < 32 || $0 == 127 } ?? false) }) }
        guard let clean, !clean.allSatisfy({ $0 == " " }) else { return [address] }
        let angle = "<\(address)>"
        if !MIMEEncoding.isPlainHeaderText(clean) { return MIMEEncoding.encodedWords(clean) + [angle] }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ".utf8)
        if clean.utf8.allSatisfy(atext.contains) && !clean.hasPrefix(" ") && !clean.hasSuffix(" ") && !clean.contains("  ") {
            return clean.split(separator: " ").map(String.init) + [angle]
        }
        let quoted = "\"" + clean.replacingAll(["\\": "\\\\", "\"": "\\\""]) + "\""
        return [quoted, angle]
    }
}

extension String {
    func replacingAll(_ map: [Character: String]) -> String {
        var out = ""
        for character in self { out += map[character] ?? String(character) }
        return out
    }
}
