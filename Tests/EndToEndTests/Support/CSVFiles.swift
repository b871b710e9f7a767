import Foundation
import Testing

/// Reading exported CSV files back with an independent parser (Python's `csv` module), and the
/// paths of the repository's fixtures and scripts.
enum CSVFiles {
    /// The repository root, found from this source file (Tests/EndToEndTests/Support/CSVFiles.swift).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) -> String { repository.appendingPathComponent("Tests/Fixtures/\(name)").path }

    /// What Python sees in a CSV file: whether it starts with a UTF-8 BOM, and its rows.
    struct Parsed {
        let hasByteOrderMark: Bool
        let rows: [[String]]
        var header: [String] { rows.first ?? [] }
        /// Data rows as dictionaries keyed by the header.
        var records: [[String: String]] {
            rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        }
    }

    static let parser = """
        import csv, json, sys
        path, delimiter = sys.argv[1], sys.argv[2]
        raw = open(path, 'rb').read()
        with open(path, newline='', encoding='utf-8-sig') as f:
            rows = list(csv.reader(f, delimiter=delimiter, strict=True))
        print(json.dumps({'bom': raw.startswith(b'\\xef\\xbb\\xbf'), 'rows': rows}))
        """

    /// Parses `path` with `python3`'s csv module, in strict mode (malformed quoting is an error).
    static func python(_ path: String, delimiter: String) throws -> Parsed {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", parser, path, delimiter]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 could not read \(path): \(String(decoding: errors, as: UTF8.self))")
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return Parsed(hasByteOrderMark: json["bom"] as! Bool, rows: json["rows"] as! [[String]])
    }

    static func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }
}
