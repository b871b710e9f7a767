/// A span of working time in whole minutes: the only unit socialtime stores or adds.
public struct Minutes: Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var value: Int

    public init(_ value: Int) { self.value = value }
    public init(integerLiteral value: Int) { self.value = value }

    public static let zero = Minutes(0)
    /// The most one entry, or one person's day, may hold.
    public static let day = Minutes(24 * 60)
    /// The company-wide weekly threshold when none is configured: the guide's five hours.
    public static let defaultThreshold = Minutes(5 * 60)

    public static func < (a: Minutes, b: Minutes) -> Bool { a.value < b.value }
    public static func + (a: Minutes, b: Minutes) -> Minutes { Minutes(a.value + b.value) }
    public static func - (a: Minutes, b: Minutes) -> Minutes { Minutes(a.value - b.value) }
    public static func += (a: inout Minutes, b: Minutes) { a.value += b.value }

    /// For people: `5h 30m`, `45m`, `2h`.
    public var description: String {
        let hours = value / 60, minutes = value % 60
        if hours == 0 { return "\(minutes)m" }
        return minutes == 0 ? "\(hours)h" : "\(hours)h \(minutes)m"
    }

    /// For machines: hours with exactly two decimals (`1.50`), rounded half up, never through
    /// floating point, so the same minutes always give the same text.
    public func hoursString(decimalSeparator: Character = ".") -> String {
        let hundredths = (value * 100 * 2 + 60) / (60 * 2)  // round half up
        let whole = hundredths / 100, fraction = hundredths % 100
        return "\(whole)\(decimalSeparator)\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

extension Sequence where Element == Minutes {
    public func sum() -> Minutes { reduce(.zero, +) }
}
