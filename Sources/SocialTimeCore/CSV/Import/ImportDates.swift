/// A date as a foreign file writes it, read before the file's day/month order is known:
/// `2026-01-21`, `2026/01/21`, `21/01/2026`, `01/21/26`, `21.01.2026`, `21-01-2026`.
/// Two-digit years mean 20YY.
enum WrittenDate: Hashable, Sendable {
    /// Year first, or a form that names its order (`DD.MM.YYYY`): no order to decide.
    case known(CalendarDate)
    /// `A/B/Y`: day and month in an order the file decides.
    case numeric(first: Int, second: Int, year: Int, text: String)
    /// Shaped like a date, but not one in any order (`2026-02-30`, `13/13/2026`).
    case impossible(String)

    /// Parses the shapes above; nil for anything that is not shaped like a date at all.
    init?(_ text: String) {
        // The common shape, `2026-01-21` alone, read from its bytes (what the rest does, faster).
        if text.utf8.count == 10, let parts = ASCIIDigits.read(text, (4, 2, 2), separator: UInt8(ascii: "-")) {
            guard let date = CalendarDate(year: parts.0, month: parts.1, day: parts.2) else { self = .impossible(text); return }
            self = .known(date)
            return
        }
        let trimmed = text.trimmingWhitespace()
        // A timestamp's date part: `2026-01-21 09:00:00` or `2026-01-21T09:00`.
        let datePart = trimmed.split(whereSeparator: { $0 == " " || $0 == "T" }).first.map(String.init) ?? ""
        guard let separator = datePart.first(where: { $0 == "/" || $0 == "." || $0 == "-" }) else { return nil }
        let parts = datePart.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3 || (separator == "." && parts.count == 4 && parts[3].isEmpty),
              parts.prefix(3).allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        let numbers = parts.prefix(3).map { Int($0)! }
        let widths = parts.prefix(3).map(\.count)
        if widths[0] == 4 {
            guard let date = CalendarDate(year: numbers[0], month: numbers[1], day: numbers[2]) else { self = .impossible(trimmed); return }
            self = .known(date)
            return
        }
        guard widths[2] == 2 || widths[2] == 4, widths[0] <= 2, widths[1] <= 2 else { return nil }
        let year = widths[2] == 2 ? 2000 + numbers[2] : numbers[2]
        if separator == "." {
            // DD.MM.YYYY is the only order dotted dates are written in.
            guard let date = CalendarDate(year: year, month: numbers[1], day: numbers[0]) else { self = .impossible(trimmed); return }
            self = .known(date)
            return
        }
        self = .numeric(first: numbers[0], second: numbers[1], year: year, text: trimmed)
    }

    /// The order this date proves, if it proves one: a day above 12 cannot be a month.
    var evidence: DateOrder? {
        guard case .numeric(let first, let second, let year, _) = self else { return nil }
        let dayFirst = CalendarDate(year: year, month: second, day: first) != nil
        let monthFirst = CalendarDate(year: year, month: first, day: second) != nil
        if dayFirst && !monthFirst { return .dmy }
        if monthFirst && !dayFirst { return .mdy }
        return nil
    }

    /// Whether the file's order is needed to read this date at all (`--date-order ymd` reads
    /// even `05/05/26` another way); a year-first or dotted date reads the same in every order.
    var dependsOnOrder: Bool {
        if case .numeric = self { return true }
        return false
    }

    /// Whether the order matters for this date: it reads as two different days.
    var isAmbiguous: Bool {
        guard case .numeric(let first, let second, let year, _) = self, first != second else { return false }
        return CalendarDate(year: year, month: second, day: first) != nil && CalendarDate(year: year, month: first, day: second) != nil
    }

    var text: String {
        switch self {
        case .known(let date): return date.description
        case .numeric(_, _, _, let text), .impossible(let text): return text
        }
    }

    /// The date in the file's order; nil when it is no date in that order.
    func date(_ order: DateOrder) -> CalendarDate? {
        switch self {
        case .known(let date): return date
        case .impossible: return nil
        case .numeric(let first, let second, let year, _):
            switch order {
            case .dmy: return CalendarDate(year: year, month: second, day: first)
            case .mdy: return CalendarDate(year: year, month: first, day: second)
            // A two-digit year written first (`26/01/21`): only `--date-order ymd` says so.
            case .ymd: return CalendarDate(year: 2000 + first % 100, month: second, day: year % 100)
            }
        }
    }
}

/// Decides a file's day/month order once, from all its dates: a day above 12 settles it, and
/// `--date-order` overrides. Never guessed row by row.
struct DateOrderDecision {
    private(set) var dayFirst: (line: Int, text: String)?
    private(set) var monthFirst: (line: Int, text: String)?
    private(set) var ambiguous: (line: Int, text: String)?

    mutating func note(_ date: WrittenDate, line: Int) {
        switch date.evidence {
        case .dmy: if dayFirst == nil { dayFirst = (line, date.text) }
        case .mdy: if monthFirst == nil { monthFirst = (line, date.text) }
        default: if ambiguous == nil, date.isAmbiguous { ambiguous = (line, date.text) }
        }
    }

    /// The order the dates noted so far prove (the first proof: a later one that disagrees
    /// refuses the file in `decide`), or nil.
    var proven: DateOrder? {
        dayFirst != nil ? .dmy : monthFirst != nil ? .mdy : nil
    }

    /// The order to read the file in, or why it cannot be read.
    func decide(flag: DateOrder?, source: String) throws(SocialTimeError) -> DateOrder {
        if let flag { return flag }
        if let dayFirst, let monthFirst {
            throw .invalidImportData("\(source): the dates disagree on their order: line \(dayFirst.line) has \(dayFirst.text) (day first), line \(monthFirst.line) has \(monthFirst.text) (month first); nothing was imported. Fix the file, or say which order is right with --date-order dmy or --date-order mdy")
        }
        if dayFirst != nil { return .dmy }
        if monthFirst != nil { return .mdy }
        if let ambiguous {
            throw .invalidImportData("\(source): no date shows whether the file writes day/month or month/day (line \(ambiguous.line) has \(ambiguous.text), and no day is above 12); nothing was imported. Say which with --date-order dmy (day first) or --date-order mdy (month first)")
        }
        return .ymd
    }
}

/// Times of day as trackers write them: `09:00`, `09:00:00`, `9:00 AM`, `02:15:40 pm`.
enum ClockTime {
    /// Seconds since midnight, or nil.
    static func seconds(_ text: String) -> Int? {
        // The common shape, `09:00:00` alone, read from its bytes (what the rest does, faster).
        if text.utf8.count == 8, let parts = ASCIIDigits.read(text, (2, 2, 2), separator: UInt8(ascii: ":")) {
            guard parts.0 < 24, parts.1 < 60, parts.2 < 60 else { return nil }
            return parts.0 * 3600 + parts.1 * 60 + parts.2
        }
        var body = text.trimmingWhitespace().lowercased()
        var meridiem: String?
        for suffix in ["am", "pm", "a.m.", "p.m."] where body.hasSuffix(suffix) {
            meridiem = String(suffix.prefix(1))
            body = String(body.dropLast(suffix.count)).trimmingWhitespace()
            break
        }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count),
              parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts.dropFirst().allSatisfy({ $0.count == 2 }) else { return nil }
        var hour = Int(parts[0])!
        let minute = Int(parts[1])!, second = parts.count == 3 ? Int(parts[2])! : 0
        guard minute < 60, second < 60 else { return nil }
        if let meridiem {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (meridiem == "p" ? 12 : 0)
        }
        guard hour < 24 else { return nil }
        return hour * 3600 + minute * 60 + second
    }

    /// `HH:MM:SS`, for identities and messages.
    static func text(_ seconds: Int) -> String {
        var bytes: [UInt8] = []
        Digits.append(seconds / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        Digits.append(seconds / 60 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        Digits.append(seconds % 60, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Durations as trackers export them: `H:MM:SS` (Toggl, Clockify), `H:MM` (Clockify's compact
/// format), or decimal hours with a point or a comma (`3.5`, `3,5`).
enum ExportedDuration {
    public static let accepted = "H:MM:SS, H:MM or decimal hours (3.5 or 3,5)"

    /// Whole minutes, rounded half up (29 seconds is 0, 30 seconds is 1); nil when unreadable.
    static func minutes(_ text: String) -> Int? {
        // The common shape, `01:30:00` alone, read from its bytes (what the rest does, faster).
        if text.utf8.count == 8, let parts = ASCIIDigits.read(text, (2, 2, 2), separator: UInt8(ascii: ":")) {
            guard parts.1 < 60, parts.2 < 60 else { return nil }
            return (parts.0 * 3600 + parts.1 * 60 + parts.2 + 30) / 60
        }
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty, trimmed.utf8.count <= 16 else { return nil }
        if trimmed.contains(":") {
            let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(parts.count), (1...7).contains(parts[0].count),
                  parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                  parts.dropFirst().allSatisfy({ $0.count == 2 }) else { return nil }
            let hours = Int(parts[0])!, minutes = Int(parts[1])!, seconds = parts.count == 3 ? Int(parts[2])! : 0
            guard minutes < 60, seconds < 60 else { return nil }
            return (hours * 3600 + minutes * 60 + seconds + 30) / 60
        }
        // Decimal hours only: the `90m`/`2h` spellings are for people, not exports.
        guard trimmed.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "," }),
              trimmed.filter({ $0 == "." || $0 == "," }).count <= 1 else { return nil }
        return DurationParser.minutes(in: trimmed)?.value
    }
}

/// ISO 8601 timestamps with an offset, as `logged_at` must be: `2026-11-17T09:00:00+01:00`,
/// also without seconds, with fractions, or with `Z`.
enum Timestamp {
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 17, bytes.count <= 40, bytes[10] == UInt8(ascii: "T"),
              CalendarDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)) != nil else { return false }
        var rest = bytes[11...]
        func number(_ width: Int, max: Int) -> Bool {
            guard rest.count >= width else { return false }
            let digits = rest.prefix(width)
            guard digits.allSatisfy({ (48...57).contains($0) }) else { return false }
            let value = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
            rest = rest.dropFirst(width)
            return value <= max
        }
        func eat(_ byte: Character) -> Bool {
            guard rest.first == byte.asciiValue else { return false }
            rest = rest.dropFirst()
            return true
        }
        guard number(2, max: 23), eat(":"), number(2, max: 59) else { return false }
        if eat(":") {
            guard number(2, max: 59) else { return false }
            if eat(".") {
                let digits = rest.prefix { (48...57).contains($0) }
                guard (1...9).contains(digits.count) else { return false }
                rest = rest.dropFirst(digits.count)
            }
        }
        if eat("Z") { return rest.isEmpty }
        guard eat("+") || eat("-"), number(2, max: 23), eat(":"), number(2, max: 59) else { return false }
        return rest.isEmpty
    }
}

/// Three numbers of fixed widths between two separators (`2026-01-21`, `09:00:00`), read from
/// the bytes of a text that is exactly that: the fast path of the parsers above, nil for
/// anything else (which they then read the general way).
enum ASCIIDigits {
    static func read(_ text: String, _ widths: (Int, Int, Int), separator: UInt8) -> (Int, Int, Int)? {
        var text = text
        return text.withUTF8 { bytes -> (Int, Int, Int)? in
            guard bytes.count == widths.0 + widths.1 + widths.2 + 2 else { return nil }
            var index = 0
            func number(_ width: Int) -> Int? {
                var value = 0
                for _ in 0..<width {
                    let byte = bytes[index]
                    guard byte >= 48, byte <= 57 else { return nil }
                    value = value * 10 + Int(byte - 48)
                    index += 1
                }
                return value
            }
            func separated() -> Bool {
                guard bytes[index] == separator else { return false }
                index += 1
                return true
            }
            guard let first = number(widths.0), separated(), let second = number(widths.1), separated(),
                  let third = number(widths.2) else { return nil }
            return (first, second, third)
        }
    }
}
