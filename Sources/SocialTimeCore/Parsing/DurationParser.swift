/// Parses the durations people type: `90m`, `2h`, `1h30m`, `1.5h`, `1.5`, `1,5` (Danish decimal
/// comma) and `1:30`. Bare numbers are hours. Decimal hours are rounded to whole minutes, half up,
/// in integer arithmetic so `1.1h` is exactly 66 minutes.
public enum DurationParser {
    public static let accepted = "90m, 2h, 1h30m, 1.5h, 1.5, 1,5 or 1:30"

    /// Minutes for `text`, which must lie in `range` (an entry: 1 minute to 24 hours).
    public static func parse(_ text: String, range: ClosedRange<Minutes> = Minutes(1)...Minutes.day,
                             what: String = "duration") throws(SocialTimeError) -> Minutes {
        guard let minutes = minutes(in: text) else {
            throw .invalidInput("invalid \(what) '\(Text.printable(text))': use \(accepted)")
        }
        try check(minutes, spelled: text, range: range, what: what)
        return minutes
    }

    /// The range rule alone, for minutes that arrive already counted (an import's rows).
    public static func check(_ minutes: Minutes, spelled text: String, range: ClosedRange<Minutes> = Minutes(1)...Minutes.day,
                             what: String = "duration") throws(SocialTimeError) {
        guard range.contains(minutes) else {
            let amount = minutes.value < 0 ? "negative" : "\(minutes)"
            throw .invalidInput("\(what) '\(Text.printable(text))' is \(amount) (\(minutes.value) minutes): it must be from \(range.lowerBound) to \(range.upperBound)")
        }
    }

    /// The minutes `text` spells, or nil when it is not a duration at all.
    static func minutes(in text: String) -> Minutes? {
        let s = Array(text.trimmingWhitespace().lowercased().utf8)
        guard !s.isEmpty, s.count <= 20 else { return nil }
        var reader = Reader(bytes: s)

        // 1:30
        if s.contains(UInt8(ascii: ":")) {
            guard let h = reader.digits(), reader.eat(":"), let m = reader.digits(), reader.atEnd,
                  m.count == 2, let minutes = m.value, minutes < 60, let hours = h.value else { return nil }
            return Minutes(hours * 60 + minutes)
        }
        guard let whole = reader.digits(), let wholeValue = whole.value else { return nil }
        // 1.5, 1,5, 1.5h
        if reader.eat(".") || reader.eat(",") {
            guard let fraction = reader.digits(), fraction.count <= 6, let f = fraction.value else { return nil }
            _ = reader.eat("h")
            guard reader.atEnd else { return nil }
            let scale = (0..<fraction.count).reduce(1) { r, _ in r * 10 }
            let scaledHours = wholeValue * scale + f
            return Minutes((scaledHours * 60 * 2 + scale) / (scale * 2))
        }
        // 90, 90m, 2h, 1h30m
        if reader.atEnd { return Minutes(wholeValue * 60) }
        if reader.eat("m") { return reader.atEnd ? Minutes(wholeValue) : nil }
        guard reader.eat("h") else { return nil }
        if reader.atEnd { return Minutes(wholeValue * 60) }
        guard let m = reader.digits(), let minutes = m.value, minutes < 60, reader.eat("m"), reader.atEnd else { return nil }
        return Minutes(wholeValue * 60 + minutes)
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0
        var atEnd: Bool { index == bytes.count }

        mutating func eat(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        /// A run of ASCII digits: its length and its value (nil when absurdly long).
        mutating func digits() -> (count: Int, value: Int?)? {
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
            guard index > start else { return nil }
            let count = index - start
            guard count <= 7 else { return (count, nil) }
            return (count, bytes[start..<index].reduce(0) { $0 * 10 + Int($1 - 48) })
        }
    }
}
