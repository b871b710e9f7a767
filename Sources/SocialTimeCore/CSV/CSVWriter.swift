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
/// Injection": a leading `=`, `+`, `-`, `@`, tab or CR, or a full-width or small form of these,
/// after any leading spaces) get a leading apostrophe.
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
        Self.append(fields, dialect: dialect, to: &output)
    }

    /// Takes the text written so far, for streaming writers that flush in chunks.
    public mutating func takeOutput() -> String {
        defer { output = "" }
        return output
    }

    /// One row, CRLF included.
    public static func row(_ fields: [CSVField], dialect: CSVDialect) -> String {
        var line = ""
        append(fields, dialect: dialect, to: &line)
        return line
    }

    /// Appends one row, CRLF included, to `out`: the exporter's hot path, so no row is built twice.
    public static func append(_ fields: [CSVField], dialect: CSVDialect, to out: inout String) {
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(dialect.delimiter) }
            switch field {
            case .number(let digits): out += digits
            case .decimal(let value):
                out += dialect.decimalSeparator == "." ? value : String(value.map { $0 == "." ? dialect.decimalSeparator : $0 })
            case .text(let text): appendQuoted(neutralised(text), delimiter: dialect.delimiter, to: &out)
            }
        }
        out += "\r\n"
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
    /// Spreadsheets skip leading spaces before they look for a formula, and read the full-width
    /// and small forms of `= + - @` as the ASCII ones, so ` =1+1` and `＝1+1` are formulas too.
    private static func needsPrefix(_ text: Substring) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isLeadingSpace($0) }) else { return false }
        switch scalars[first] {
        case "=", "+", "-", "@", "\t", "\r",
             "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",  // full-width ＝ ＋ － ＠
             "\u{FE66}", "\u{FE62}", "\u{FE63}", "\u{FE6B}":  // small ﹦ ﹢ ﹣ ﹫
            return true
        case "'": return needsPrefix(Substring(scalars[scalars.index(after: first)...]))
        default: return false
        }
    }

    /// White space a spreadsheet skips before a formula: spaces of any width, but not tab or CR,
    /// which are formula starts of their own.
    private static func isLeadingSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\t" && scalar != "\r" && scalar != "\n" && scalar.properties.isWhitespace
    }

    /// Quotes a field that holds the delimiter, a quote, CR or LF, doubling its quotes. The scan
    /// is over UTF-8 bytes: all four are ASCII, and a byte never splits a character's encoding.
    static func appendQuoted(_ text: String, delimiter: Character, to out: inout String) {
        let delimiterByte = delimiter.asciiValue!
        let needsQuotes = text.utf8.contains { $0 == delimiterByte || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else {
            out += text
            return
        }
        out += "\""
        for character in text {
            if character == "\"" { out += "\"\"" } else { out.append(character) }
        }
        out += "\""
    }
}

