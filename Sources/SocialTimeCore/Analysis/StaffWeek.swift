/// One person's ISO week as the analyzer sees it: the hours, and where their explanation stands.
public struct StaffWeek: Sendable, Equatable {
    public let staff: Handle
    public let name: String
    public let minutes: Minutes
    public let justificationStatus: JustificationStatus
    /// The current justification text, if any was submitted.
    public let justification: String?

    public init(staff: Handle, name: String, minutes: Minutes, justificationStatus: JustificationStatus, justification: String? = nil) {
        self.staff = staff
        self.name = name
        self.minutes = minutes
        self.justificationStatus = justificationStatus
        self.justification = justification
    }
}
