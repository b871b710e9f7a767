/// An achieved result for an outcome (`3 leads`), as someone asks to record it.
public struct NewResult: Sendable {
    public var staff: Handle
    public var date: CalendarDate
    public var quantity: Int
    public var outcome: String
    public var note: String

    public init(staff: Handle, date: CalendarDate, quantity: Int, outcome: String, note: String = "") {
        self.staff = staff
        self.date = date
        self.quantity = quantity
        self.outcome = outcome
        self.note = note
    }

    /// The largest quantity one result row may hold (the schema's CHECK agrees).
    public static let maximumQuantity = 1_000_000

    /// Parses the quantity a person typed: a whole number from 1 up.
    public static func quantity(_ text: String) throws(SocialTimeError) -> Int {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let value = Int(trimmed), value >= 1, value <= maximumQuantity else {
            throw .invalidInput("invalid quantity '\(Text.printable(text))': use a whole number from 1 to \(maximumQuantity) (e.g. 3 for three leads)")
        }
        return value
    }
}

/// A stored result with its outcome's unit.
public struct RecordedResult: Sendable, Equatable {
    public let id: Int
    public let staff: Handle
    public let date: CalendarDate
    public let quantity: Int
    public let outcome: String
    public let unit: String?
    public let note: String
    public let staffName: String
    public let loggedAt: String

    public init(id: Int, staff: Handle, staffName: String, date: CalendarDate, quantity: Int, outcome: String,
                unit: String?, note: String, loggedAt: String) {
        self.id = id
        self.staff = staff
        self.staffName = staffName
        self.date = date
        self.quantity = quantity
        self.outcome = outcome
        self.unit = unit
        self.note = note
        self.loggedAt = loggedAt
    }

    /// `3 leads`, `1 lead`, or `3 results` when the outcome has no unit.
    public var quantityText: String {
        guard let unit else { return quantity == 1 ? "1 result" : "\(quantity) results" }
        return "\(quantity) \(quantity == 1 ? ReportOutcome.singular(unit) : unit)"
    }
}

