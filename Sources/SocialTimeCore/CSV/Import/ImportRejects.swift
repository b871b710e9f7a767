/// The rows `--skip-bad-rows` left out, as a CSV file a person can fix and import again: the
/// header and the bad rows exactly as they were in the file, each with a `reason` column added,
/// in the file's own delimiter (and byte order mark, for Excel).
public struct ImportRejects: Sendable, Equatable {
    /// The header as it was, without its line break.
    public var header: [UInt8]
    public var delimiter: UInt8
    public var byteOrderMark: Bool
    public var rows: [ImportBadRow]

    public init(header: [UInt8], delimiter: UInt8, byteOrderMark: Bool, rows: [ImportBadRow]) {
        self.header = header
        self.delimiter = delimiter
        self.byteOrderMark = byteOrderMark
        self.rows = rows.sorted { $0.line < $1.line }
    }

    /// The file's bytes: CRLF line ends, the reason quoted as CSV needs it.
    public var bytes: [UInt8] {
        var out: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        out += header
        out.append(delimiter)
        out += Array("reason".utf8)
        out += [13, 10]
        for row in rows {
            out += row.raw ?? []
            out.append(delimiter)
            out += Self.quoted("line \(row.line): \(row.reason)", delimiter: delimiter)
            out += [13, 10]
        }
        return out
    }

    private static func quoted(_ text: String, delimiter: UInt8) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else { return bytes }
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in bytes {
            out.append(byte)
            if byte == UInt8(ascii: "\"") { out.append(byte) }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    /// `NAME.rejected.csv` beside an input `NAME.csv` (any other name gets `.rejected.csv`
    /// added). An input that is not a regular file (a pipe, `/dev/stdin`) has no folder of its
    /// own to write beside: its rejects go to the current folder.
    public static func path(besides input: String, inputIsRegularFile: Bool) -> String {
        var path = input
        if !inputIsRegularFile {
            path = String(input.split(separator: "/").last ?? "import")
        }
        if path.lowercased().hasSuffix(".csv") { path.removeLast(4) }
        return path + ".rejected.csv"
    }
}
