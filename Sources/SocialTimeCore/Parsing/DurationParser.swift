/// Parses the durations people type: `90m`, `2h`, `1h30m`, `1h30`, `1.5h`, `1.5`, `1,5` (Danish
/// decimal comma) and `1:30`. Bare numbers are hours. Decimal hours are rounded to whole minutes, half up,
/// in integer arithmetic so `1.1h` is exactly 66 minutes.
public enum DurationParser {
    public static let accepted = "90m, 45min, 2h, 1h30m, 1h30, 1.5h, 1.5, 1,5 or 1:30"

    /// A duration read, with the hint to show when the spelling could have meant something else
    /// (`1.30` is 1.3 hours, not 1 h 30 min). The library never prints: the command shows `hint`.
    public struct Reading: Sendable, Equatable {
        public let minutes: Minutes
        public let hint: String?
    }

    /// `parse` plus the hint for a two-digit decimal that could be minutes (`1.30`, `1,45`).
    public static func read(_ text: String, range: ClosedRange<Minutes> = Minutes(1)...Minutes.day,
                            what: String = "duration") throws(SocialTimeError) -> Reading {
        let minutes = try parse(text, range: range, what: what)
        return Reading(minutes: minutes, hint: decimalMinutesHint(text, minutes: minutes))
    }

    /// "1.30 is read as 1.3 h = 1h 18m; for 1 h 30 min write 1:30" when `text` is a decimal whose
    /// two fraction digits could be minutes (00 to 59) and the two readings differ (`1.00` does not).
    static func decimalMinutesHint(_ text: String, minutes: Minutes) -> String? {
        let trimmed = text.trimmingWhitespace()
        let bytes = Array(trimmed.utf8)
        guard let separator = bytes.firstIndex(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }),
              separator > 0, bytes.count == separator + 3,
              bytes[..<separator].allSatisfy({ (48...57).contains($0) }),
              bytes[(separator + 1)...].allSatisfy({ (48...57).contains($0) }),
              let hours = Int(String(decoding: bytes[..<separator], as: UTF8.self)),
              let fraction = Int(String(decoding: bytes[(separator + 1)...], as: UTF8.self)),
              fraction < 60, hours * 60 + fraction != minutes.value else { return nil }
        // The decimal as it was read, without trailing zeros: 1.30 → 1.3, 1,45 → 1,45.
        var decimal = trimmed
        while decimal.hasSuffix("0") { decimal.removeLast() }
        let meant = hours == 0 ? "\(fraction) min" : "\(hours) h \(fraction) min"
        let spelling = hours == 0 ? "\(fraction)m" : "\(hours):\(fraction < 10 ? "0" : "")\(fraction)"
        return "\(trimmed) is read as \(decimal) h = \(minutes); for \(meant) write \(spelling)"
    }

    /// The message for a duration typed as two words (`log 1h 30m …`): the second word is a
    /// minutes part, so the shell split what was meant as one duration. Nil when it is not that.
    public static func splitDurationMessage(first: String, second: String) -> String? {
        let firstBytes = Array(first.trimmingWhitespace().lowercased().utf8)
        let secondBytes = Array(second.trimmingWhitespace().lowercased().utf8)
        guard firstBytes.count >= 2, firstBytes.last == UInt8(ascii: "h"),
              firstBytes.dropLast().allSatisfy({ (48...57).contains($0) }),
              secondBytes.count >= 2, secondBytes.last == UInt8(ascii: "m"),
              secondBytes.dropLast().allSatisfy({ (48...57).contains($0) }) else { return nil }
        let joined = first.trimmingWhitespace().lowercased() + second.trimmingWhitespace().lowercased()
        return "'\(Text.printable(first)) \(Text.printable(second))' is two words: write the duration as one, \(joined) (or \(joined.dropLast()))"
    }

    /// Minutes for `text`, which must lie in `range` (an entry: 1 minute to 24 hours).
    public static func parse(_ text: String, range: ClosedRange<Minutes> = Minutes(1)...Minutes.day,
                             what: String = "duration") throws(SocialTimeError) -> Minutes {
        guard let minutes = minutes(in: text) else {
            throw .invalidInput("invalid \(what) '\(Text.printable(text))': use \(accepted)")
        }
        do {
            try check(minutes, spelled: text, range: range, what: what)
        } catch {
            // `log 30` is 30 hours; whoever typed it almost surely meant minutes.
            let digits = text.trimmingWhitespace()
            if minutes > range.upperBound, !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }),
               range.contains(Minutes(minutes.value / 60)) {
                throw .invalidInput(error.message + "; a bare number is hours: did you mean \(digits)m?")
            }
            throw error
        }
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
        let s = unitsNormalized(text.trimmingWhitespace().lowercased())
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
        // 1h30m, or 1h30: minutes after hours need no unit.
        guard let m = reader.digits(), let minutes = m.value, minutes < 60 else { return nil }
        _ = reader.eat("m")
        guard reader.atEnd else { return nil }
        return Minutes(wholeValue * 60 + minutes)
    }

    /// The unit words people and Timewarrior type, and whether a word is one: `min`, `mins`,
    /// `minute(s)` are `m`; `hr(s)`, `hour(s)` are `h`.
    static let unitWords: [String: String] = ["m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
                                              "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h"]

    /// `45min`, `45 min`, `2 hours`, `1h 30min` as `45m`, `45m`, `2h`, `1h30m`: unit words become
    /// their letter, and a space next to a unit goes. A space between two numbers stays (`1 30`
    /// is not a duration).
    static func unitsNormalized(_ lowered: String) -> [UInt8] {
        enum Kind { case word, space, other }
        var parts: [(text: String, kind: Kind)] = []
        for character in lowered {
            let kind: Kind = character == " " ? .space : character.isLetter ? .word : .other
            if let last = parts.last, last.kind == kind {
                parts[parts.count - 1].text.append(character)
            } else {
                parts.append((String(character), kind))
            }
        }
        var out: [UInt8] = []
        for (index, part) in parts.enumerated() {
            switch part.kind {
            case .space:
                let nextToUnit = (index > 0 && parts[index - 1].kind == .word) || (index + 1 < parts.count && parts[index + 1].kind == .word)
                if !nextToUnit { out += Array(part.text.utf8) }
            case .word: out += Array((unitWords[part.text] ?? part.text).utf8)
            case .other: out += Array(part.text.utf8)
            }
        }
        return out
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
