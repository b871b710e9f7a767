/// The two CSV dialects socialtime writes.
public enum CSVDialect: String, Sendable, CaseIterable {
    /// Comma, `.` decimals, CRLF, UTF-8.
    case rfc4180
    /// What a Danish Excel opens by double-click: semicolon, decimal comma, CRLF, UTF-8 with BOM.
    case excel

    public var delimiter: Character { self == .excel ? ";" : "," }
    public var decimalSeparator: Character { self == .excel ? "," : "." }
    public var byteOrderMark: String { self == .excel ? "\u{FEFF}" : "" }
}

/// One cell: text is quoted and neutralised as needed; numbers are written as they are.
public enum CSVField: Sendable, Equatable {
    case text(String)
    /// An integer: never touched.
    case number(String)
    /// A decimal written with `.`; the dialect decides the separator.
    case decimal(String)
}

/// Writes RFC 4180 CSV: fields with the delimiter, a quote, CR or LF are quoted, quotes doubled,
/// rows end in CRLF. Text cells that a spreadsheet would evaluate as a formula (OWASP "CSV
/// Injection": a leading `=`, `+`, `-`, `@`, tab or CR) get a leading apostrophe.
public struct CSVWriter {
    public let dialect: CSVDialect
    public private(set) var output: String

    public init(dialect: CSVDialect, includeByteOrderMark: Bool = true) {
        self.dialect = dialect
        output = includeByteOrderMark ? dialect.byteOrderMark : ""
    }

    public mutating func writeHeader(_ names: [String]) {
        writeRow(names.map(CSVField.text))
    }

    public mutating func writeRow(_ fields: [CSVField]) {
        output += Self.row(fields, dialect: dialect)
    }

    /// Takes the text written so far, for streaming writers that flush in chunks.
    public mutating func takeOutput() -> String {
        defer { output = "" }
        return output
    }

    /// One row, CRLF included.
    public static func row(_ fields: [CSVField], dialect: CSVDialect) -> String {
        var line = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { line.append(dialect.delimiter) }
            switch field {
            case .number(let digits): line += digits
            case .decimal(let value):
                line += dialect.decimalSeparator == "." ? value : String(value.map { $0 == "." ? dialect.decimalSeparator : $0 })
            case .text(let text): line += quoted(neutralised(text), delimiter: dialect.delimiter)
            }
        }
        return line + "\r\n"
    }

    /// Prefixes an apostrophe to text that begins like a formula, so no spreadsheet runs it.
    public static func neutralised(_ text: String) -> String {
        needsPrefix(Substring(text)) ? "'" + text : text
    }

    /// The inverse of `neutralised`, for reading our own exports back: export → import → export
    /// gives the same bytes, and a note that really begins with an apostrophe survives too.
    public static func unneutralised(_ text: String) -> String {
        let rest = text.dropFirst()
        return text.first == "'" && needsPrefix(rest) ? String(rest) : text
    }

    /// A formula start, or an apostrophe before one (so that the prefix can be undone exactly).
    private static func needsPrefix(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return true
        case "'": return needsPrefix(text.dropFirst())
        default: return false
        }
    }

    static func quoted(_ text: String, delimiter: Character) -> String {
        let needsQuotes = text.contains { $0 == delimiter || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Foundation-free `replacingOccurrences` for one character.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(count)
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
