/// Watson's `frames` JSON file and Timewarrior's `timew export` JSON and `data/YYYY-MM.data`
/// lines, read one interval at a time from the same byte stream as a CSV file and handed to the
/// decoder as records with fixed column names (`id, start, stop, project, tags, annotation`),
/// so every row gets the same checks, messages and identity as a CSV row. Times are turned into
/// local dates and times here (Watson stores seconds since the epoch, Timewarrior UTC `…Z`).
///
/// Only one interval is held at a time, bounded like a CSV record (`CSVReader.maxRecordBytes`).
struct TrackerRecords {
    enum Kind {
        case watsonFrames
        case timewarriorJSON
        case timewarriorData
    }

    let kind: Kind
    let zone: LocalZone
    let delimiter: UInt8
    let header: CSVRecord
    private var line = 1
    private var started = false
    private var finished = false

    static let columns = ["id", "start", "stop", "project", "tags", "annotation"]

    /// The reader for a Watson or Timewarrior file, or nil for a CSV file (`watson log --csv`).
    /// A Timewarrior file that is neither JSON nor `inc` lines is refused, naming both.
    static func detect(_ reader: CSVReader, format: ImportFormat, zone: LocalZone, source: String) throws(SocialTimeError) -> TrackerRecords? {
        let first = reader.firstSignificantByte
        let kind: Kind
        switch (format, first) {
        case (.watson, UInt8(ascii: "[")?): kind = .watsonFrames
        case (.timewarrior, UInt8(ascii: "[")?): kind = .timewarriorJSON
        case (.timewarrior, UInt8(ascii: "i")?): kind = .timewarriorData
        case (.timewarrior, nil):
            throw .invalidImportData("\(source) is empty: expected the JSON of `timew export` or the `inc` lines of a Timewarrior data file")
        case (.timewarrior, _):
            throw .invalidImportData("line 1: \(source) is not a Timewarrior file: expected the JSON array that `timew export` writes, or the `inc …` lines of a file in Timewarrior's data folder (data/YYYY-MM.data)")
        default: return nil
        }
        let header = CSVRecord(line: 1, fields: columns, problem: nil, raw: Self.csvLine(columns, delimiter: reader.delimiter))
        return TrackerRecords(kind: kind, zone: zone, delimiter: reader.delimiter, header: header)
    }

    /// The next interval as a record, or nil at the end of the file.
    mutating func next(_ reader: inout CSVReader) throws(SocialTimeError) -> CSVRecord? {
        switch kind {
        case .timewarriorData: return try nextDataLine(&reader)
        case .watsonFrames, .timewarriorJSON: return try nextJSONElement(&reader)
        }
    }

    // MARK: JSON

    private mutating func byte(_ reader: inout CSVReader) throws(SocialTimeError) -> UInt8? {
        let byte = try reader.nextByte()
        if byte == 10 { line += 1 }
        return byte
    }

    private mutating func skipSpace(_ reader: inout CSVReader) throws(SocialTimeError) {
        while let next = try reader.peek(), [9, 10, 13, 32].contains(next) { _ = try byte(&reader) }
    }

    private mutating func nextJSONElement(_ reader: inout CSVReader) throws(SocialTimeError) -> CSVRecord? {
        guard !finished else { return nil }
        try skipSpace(&reader)
        if !started {
            guard try byte(&reader) == UInt8(ascii: "[") else { throw notJSON("the file does not start with '['") }
            started = true
            try skipSpace(&reader)
            if try reader.peek() == UInt8(ascii: "]") {
                _ = try byte(&reader)
                finished = true
                return nil
            }
        } else {
            switch try byte(&reader) {
            case UInt8(ascii: ",")?: try skipSpace(&reader)
            case UInt8(ascii: "]")?:
                finished = true
                try skipSpace(&reader)
                if try reader.peek() != nil { throw notJSON("there is more after the closing ']'") }
                return nil
            case nil: throw notJSON("the file ends before the closing ']'")
            default: throw notJSON("expected ',' or ']' between intervals")
            }
        }
        let at = line
        var budget = CSVReader.maxRecordBytes
        let value = try parseValue(&reader, depth: 0, budget: &budget)
        let fields: [String]
        var problem: String?
        do throws(SocialTimeError) {
            fields = kind == .watsonFrames ? try watsonFrame(value) : try timewarriorInterval(value)
        } catch {
            fields = Array(repeating: "", count: Self.columns.count)
            problem = error.message
        }
        return CSVRecord(line: at, fields: fields, problem: problem, raw: Self.csvLine(fields, delimiter: delimiter))
    }

    private func notJSON(_ what: String) -> SocialTimeError {
        .invalidImportData("line \(line): not the JSON file expected (\(kind == .watsonFrames ? "Watson's frames file" : "`timew export`")): \(what)")
    }

    private indirect enum Value {
        case string(String), number(String), array([Value]), object([(String, Value)]), literal(String)
    }

    private mutating func parseValue(_ reader: inout CSVReader, depth: Int, budget: inout Int) throws(SocialTimeError) -> Value {
        guard depth < 8 else { throw notJSON("values nested too deeply") }
        try skipSpace(&reader)
        guard let first = try reader.peek() else { throw notJSON("the file ends inside an interval") }
        switch first {
        case UInt8(ascii: "\""): return .string(try parseString(&reader, budget: &budget))
        case UInt8(ascii: "["):
            _ = try byte(&reader)
            var items: [Value] = []
            try skipSpace(&reader)
            if try reader.peek() == UInt8(ascii: "]") { _ = try byte(&reader); return .array(items) }
            while true {
                items.append(try parseValue(&reader, depth: depth + 1, budget: &budget))
                try skipSpace(&reader)
                switch try byte(&reader) {
                case UInt8(ascii: ",")?: continue
                case UInt8(ascii: "]")?: return .array(items)
                default: throw notJSON("expected ',' or ']' in a list")
                }
            }
        case UInt8(ascii: "{"):
            _ = try byte(&reader)
            var members: [(String, Value)] = []
            try skipSpace(&reader)
            if try reader.peek() == UInt8(ascii: "}") { _ = try byte(&reader); return .object(members) }
            while true {
                try skipSpace(&reader)
                guard try reader.peek() == UInt8(ascii: "\"") else { throw notJSON("expected a quoted name in an object") }
                let name = try parseString(&reader, budget: &budget)
                try skipSpace(&reader)
                guard try byte(&reader) == UInt8(ascii: ":") else { throw notJSON("expected ':' after \"\(Text.printable(name))\"") }
                members.append((name, try parseValue(&reader, depth: depth + 1, budget: &budget)))
                try skipSpace(&reader)
                switch try byte(&reader) {
                case UInt8(ascii: ",")?: continue
                case UInt8(ascii: "}")?: return .object(members)
                default: throw notJSON("expected ',' or '}' in an object")
                }
            }
        default:
            var bytes: [UInt8] = []
            while let next = try reader.peek(), !(next == UInt8(ascii: ",") || next == UInt8(ascii: "]") || next == UInt8(ascii: "}")
                                                   || [9, 10, 13, 32].contains(next)) {
                bytes.append(next)
                _ = try byte(&reader)
                budget -= 1
                guard budget > 0 else { throw notJSON("an interval is longer than 1 MiB") }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if ["true", "false", "null"].contains(text) { return .literal(text) }
            guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) || [43, 45, 46, 69, 101].contains($0) }) else {
                throw notJSON("'\(Text.printable(String(text.prefix(20))))' is not a JSON value")
            }
            return .number(text)
        }
    }

    private mutating func parseString(_ reader: inout CSVReader, budget: inout Int) throws(SocialTimeError) -> String {
        _ = try byte(&reader)
        var bytes: [UInt8] = []
        while true {
            budget -= 1
            guard budget > 0 else { throw notJSON("an interval is longer than 1 MiB") }
            guard let next = try byte(&reader) else { throw notJSON("the file ends inside a string") }
            if next == UInt8(ascii: "\"") { break }
            guard next == UInt8(ascii: "\\") else { bytes.append(next); continue }
            guard let escaped = try byte(&reader) else { throw notJSON("the file ends inside a string") }
            switch escaped {
            case UInt8(ascii: "n"): bytes.append(10)
            case UInt8(ascii: "t"): bytes.append(9)
            case UInt8(ascii: "r"): bytes.append(13)
            case UInt8(ascii: "b"): bytes.append(8)
            case UInt8(ascii: "f"): bytes.append(12)
            case UInt8(ascii: "u"):
                var code: UInt32 = 0
                for _ in 0..<4 {
                    guard let digit = try byte(&reader), let value = Self.hex(digit) else { throw notJSON("a bad \\u escape") }
                    code = code * 16 + value
                }
                // A surrogate pair's halves cannot stand alone: they become U+FFFD.
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: bytes.append(escaped)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 48...57: return UInt32(byte - 48)
        case 65...70: return UInt32(byte - 55)
        case 97...102: return UInt32(byte - 87)
        default: return nil
        }
    }

    // MARK: Watson frames

    /// `[start, stop, project, id, [tags], updated_at]`, start and stop in seconds since the epoch.
    private func watsonFrame(_ value: Value) throws(SocialTimeError) -> [String] {
        guard case .array(let items) = value, items.count >= 4 else {
            throw .invalidInput("not a Watson frame: expected [start, stop, project, id, [tags], updated_at]")
        }
        func seconds(_ value: Value, _ what: String) throws(SocialTimeError) -> Int {
            guard case .number(let text) = value, let number = Double(text), number.isFinite, abs(number) < 1e11 else {
                throw .invalidInput("the frame's \(what) is not a time in seconds since 1970")
            }
            return Int(number.rounded(.down))
        }
        let start = try seconds(items[0], "start")
        let stop = try seconds(items[1], "stop")
        guard case .string(let project) = items[2] else { throw .invalidInput("the frame's project is not text") }
        guard case .string(let id) = items[3] else { throw .invalidInput("the frame's id is not text") }
        var tags: [String] = []
        if items.count > 4, case .array(let list) = items[4] {
            for tag in list { if case .string(let text) = tag { tags.append(text) } }
        }
        return [id, local(start), local(stop), project, tags.joined(separator: ", "), ""]
    }

    /// `YYYY-MM-DD HH:MM:SS` in the local zone.
    private func local(_ epoch: Int) -> String {
        let stamp = zone.local(epoch).timestamp
        return String(stamp.prefix(10)) + " " + String(stamp.dropFirst(11).prefix(8))
    }

    // MARK: Timewarrior

    /// `{"id":1,"start":"20261117T080000Z","end":"…","tags":[…],"annotation":"…"}`.
    private func timewarriorInterval(_ value: Value) throws(SocialTimeError) -> [String] {
        guard case .object(let members) = value else {
            throw .invalidInput("not a Timewarrior interval: expected {\"start\": …, \"end\": …, \"tags\": […]}")
        }
        var start: String?, end: String?, annotation = ""
        var tags: [String] = []
        for (name, member) in members {
            switch (name, member) {
            case ("start", .string(let text)): start = text
            case ("end", .string(let text)): end = text
            case ("annotation", .string(let text)): annotation = text
            case ("tags", .array(let list)): for tag in list { if case .string(let text) = tag { tags.append(text) } }
            default: break
            }
        }
        return try interval(start: start, end: end, tags: tags, annotation: annotation)
    }

    private func interval(start: String?, end: String?, tags: [String], annotation: String) throws(SocialTimeError) -> [String] {
        guard let start else { throw .invalidInput("the interval has no start") }
        guard let from = Self.utc(start) else { throw .invalidInput("start '\(Text.printable(start))' is not a Timewarrior time (YYYYMMDDTHHMMSSZ)") }
        guard let end else {
            throw .invalidInput("the interval that started \(local(from)) is still running: stop it (`timew stop`) and export again")
        }
        guard let to = Self.utc(end) else { throw .invalidInput("end '\(Text.printable(end))' is not a Timewarrior time (YYYYMMDDTHHMMSSZ)") }
        return [start, local(from), local(to), "", tags.joined(separator: ", "), annotation]
    }

    /// `20261117T080000Z` as seconds since the epoch.
    static func utc(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        let digits = Array(bytes[0..<8]) + Array(bytes[9..<15])
        guard digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + Int($1 - 48) } }
        guard let date = CalendarDate(year: number(0..<4), month: number(4..<6), day: number(6..<8)),
              number(8..<10) < 24, number(10..<12) < 60, number(12..<14) < 60 else { return nil }
        return date.dayNumber * 86_400 + number(8..<10) * 3600 + number(10..<12) * 60 + number(12..<14)
    }

    /// One line of a Timewarrior data file: `inc START [- END] [# TAG …] [# "ANNOTATION"]`,
    /// tags with spaces quoted.
    private mutating func nextDataLine(_ reader: inout CSVReader) throws(SocialTimeError) -> CSVRecord? {
        while true {
            var bytes: [UInt8] = []
            let at = line
            var sawAnything = false
            while let next = try byte(&reader) {
                sawAnything = true
                if next == 10 { break }
                bytes.append(next)
                guard bytes.count <= CSVReader.maxRecordBytes else {
                    throw .invalidImportData("line \(at) is longer than 1 MiB: this is not a Timewarrior data file")
                }
            }
            guard sawAnything else { return nil }
            if bytes.last == 13 { bytes.removeLast() }
            let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
            if text.isEmpty { continue }
            var fields = Array(repeating: "", count: Self.columns.count)
            var problem: String?
            do throws(SocialTimeError) {
                fields = try dataLine(text)
            } catch {
                problem = error.message
            }
            return CSVRecord(line: at, fields: fields, problem: problem, raw: Self.csvLine(fields, delimiter: delimiter))
        }
    }

    private func dataLine(_ text: String) throws(SocialTimeError) -> [String] {
        let tokens = Self.tokens(text)
        guard tokens.first?.text == "inc", tokens.count >= 2 else {
            throw .invalidInput("'\(Text.printable(String(text.prefix(40))))' is not a Timewarrior interval line (inc START - END # TAGS)")
        }
        var index = 2
        var end: String?
        if index + 1 < tokens.count, tokens[index].text == "-", !tokens[index].quoted {
            end = tokens[index + 1].text
            index += 2
        }
        var tags: [String] = []
        var annotation = ""
        if index < tokens.count {
            guard tokens[index].text == "#", !tokens[index].quoted else {
                throw .invalidInput("'\(Text.printable(tokens[index].text))' after the times: expected '#' and the tags")
            }
            index += 1
            while index < tokens.count, !(tokens[index].text == "#" && !tokens[index].quoted) {
                tags.append(tokens[index].text)
                index += 1
            }
            if index < tokens.count {
                annotation = tokens[(index + 1)...].map(\.text).joined(separator: " ")
            }
        }
        return try interval(start: tokens[1].text, end: end, tags: tags, annotation: annotation)
    }

    /// Words separated by spaces; a double-quoted word may hold spaces and `\"`.
    static func tokens(_ text: String) -> [(text: String, quoted: Bool)] {
        var tokens: [(text: String, quoted: Bool)] = []
        var current = ""
        var inQuotes = false, quoted = false, escaped = false, any = false
        for character in text {
            if escaped { current.append(character); escaped = false; continue }
            if inQuotes {
                if character == "\\" { escaped = true } else if character == "\"" { inQuotes = false } else { current.append(character) }
                continue
            }
            if character == "\"" { inQuotes = true; quoted = true; any = true; continue }
            if character == " " || character == "\t" {
                if any { tokens.append((current, quoted)) }
                current = ""; quoted = false; any = false
                continue
            }
            current.append(character)
            any = true
        }
        if any { tokens.append((current, quoted)) }
        return tokens
    }

    // MARK: The rejects file

    /// The record as a CSV line, for `--skip-bad-rows`' rejects file.
    static func csvLine(_ fields: [String], delimiter: UInt8) -> [UInt8] {
        var out: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(delimiter) }
            out.append(UInt8(ascii: "\""))
            for byte in field.utf8 {
                if byte == UInt8(ascii: "\"") { out.append(byte) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        }
        return out
    }
}
