/// Left- or right-aligned columns for terminal output, sized to their widest cell.
public struct TextTable {
    public enum Alignment { case left, right }

    public let headers: [String]
    public let alignments: [Alignment]
    public var rows: [[String]] = []
    /// A column may be cut to keep lines within a terminal; the last column is cut first.
    public var maxWidths: [Int?]

    public init(_ columns: [(String, Alignment)], maxWidths: [Int?]? = nil) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
        self.maxWidths = maxWidths ?? Array(repeating: nil, count: columns.count)
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public func rendered() -> String {
        let cells = ([headers] + rows).map { row in
            row.enumerated().map { index, cell in Self.cut(cell, to: maxWidths[index]) }
        }
        var widths = Array(repeating: 0, count: headers.count)
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], Self.width(cell)) } }
        return cells.map { row in
            row.enumerated().map { i, cell in
                let padding = String(repeating: " ", count: widths[i] - Self.width(cell))
                if i == row.count - 1 && alignments[i] == .left { return cell }
                return alignments[i] == .left ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }.map { line in
            // An empty last cell (a note-less entry) leaves no trailing blanks.
            var line = line
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// Terminal columns a text takes: one per character, two for wide (East Asian, emoji) ones.
    static func width(_ text: String) -> Int {
        text.reduce(0) { sum, character in
            guard let scalar = character.unicodeScalars.first else { return sum }
            let wide = (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFE30...0xFE4F).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value)
                || (0x1F300...0x1FAFF).contains(scalar.value) || (0x20000...0x3FFFD).contains(scalar.value)
            return sum + (wide ? 2 : 1)
        }
    }

    static func cut(_ text: String, to limit: Int?) -> String {
        guard let limit, width(text) > limit else { return text }
        var out = ""
        for character in text {
            if width(out + String(character)) > limit - 1 { break }
            out.append(character)
        }
        return out + "…"
    }
}
