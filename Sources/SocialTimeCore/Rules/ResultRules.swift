/// Achieved results: recorded by a person for themselves, under the same rules as `log` (a past
/// date, an active outcome, a clean note); the acting login is registered on first use.
extension Rulebook {
    public func recordResult(_ result: NewResult) async throws(SocialTimeError) -> (result: RecordedResult, registered: Bool) {
        let note = try Self.validatedNote(result.note)
        guard (1...NewResult.maximumQuantity).contains(result.quantity) else {
            throw .invalidInput("invalid quantity \(result.quantity): use a whole number from 1 to \(NewResult.maximumQuantity)")
        }
        try DateParser.requirePast(result.date, today: clock.today)
        return try await write { tx in
            let outcome = try await resolveOutcome(result.outcome, forNewWork: true, in: tx)
            let (_, staff, registered) = try await registeredActor(in: tx)
            let id = try await tx.insertResult(ResultRecord(staffID: staff.id, date: result.date, outcomeID: outcome.id,
                                                            quantity: result.quantity, note: note, loggedAt: now))
            guard let recorded = try await tx.result(id) else {
                throw SocialTimeError.failure("result #\(id) could not be read back")
            }
            try await tx.insertAudit(AuditRecord(at: now, actor: staff.handle.value, action: "create",
                                                 before: nil, after: Self.auditJSON(recorded)), subject: .result(id))
            return (recorded, registered)
        }
    }
}

/// The fields of a result to change; nil leaves a field as it is.
public struct ResultChange: Sendable {
    public var quantity: Int?
    public var date: CalendarDate?
    public var outcome: String?
    public var note: String?

    public init(quantity: Int? = nil, date: CalendarDate? = nil, outcome: String? = nil, note: String? = nil) {
        self.quantity = quantity
        self.date = date
        self.outcome = outcome
        self.note = note
    }

    public var isEmpty: Bool { quantity == nil && date == nil && outcome == nil && note == nil }
}

/// Results are corrected and deleted like entries: the owner or a manager, audited.
extension Rulebook {
    static func auditJSON(_ result: RecordedResult, deleted: Bool = false) -> String {
        JSON.object([("date", .string(result.date.description)), ("quantity", .int(result.quantity)),
                     ("outcome", .string(result.outcome)), ("note", .string(result.note)), ("deleted", .bool(deleted))]).serialized()
    }

    func requireResult(_ id: Int, in tx: any ReadTransaction) async throws -> RecordedResult {
        guard let result = try await tx.result(id) else {
            throw SocialTimeError.invalidInput("no result #\(id): `socialtime results list` lists results with their ids")
        }
        return result
    }

    /// Results dated in `from…to`: the acting person's own, or (managers) someone else's or everyone's.
    public func results(from: CalendarDate, to: CalendarDate, staff: Handle?) async throws(SocialTimeError) -> [RecordedResult] {
        try await read { tx in
            let actor = try await actor(in: tx)
            try await authorizeReading(staff, actor: actor, in: tx, what: "list results of")
            guard let staff else { return try await tx.results(from: from, to: to, staffID: nil) }
            guard let member = try await tx.staffMember(staff) else { return [] }
            return try await tx.results(from: from, to: to, staffID: member.id)
        }
    }

    public func editResult(_ id: Int, _ change: ResultChange) async throws(SocialTimeError) -> RecordedResult {
        guard !change.isEmpty else {
            throw .invalidInput("nothing to change: give at least one of --quantity, --date, --outcome, --note")
        }
        let note = try change.note.map { note throws(SocialTimeError) in try Self.validatedNote(note) }
        if let quantity = change.quantity, !(1...NewResult.maximumQuantity).contains(quantity) {
            throw .invalidInput("invalid quantity \(quantity): use a whole number from 1 to \(NewResult.maximumQuantity)")
        }
        if let date = change.date { try DateParser.requirePast(date, today: clock.today) }
        return try await write { tx in
            let actor = try await actor(in: tx)
            let before = try await requireResult(id, in: tx)
            try actor.requireOwnOrManager(before.staff, to: "edit results of")
            let outcome = try await resolveOutcome(change.outcome ?? before.outcome, forNewWork: change.outcome != nil, in: tx)
            try await tx.updateResult(id: id, date: change.date ?? before.date, quantity: change.quantity ?? before.quantity,
                                      outcomeID: outcome.id, note: note ?? before.note, updatedAt: now)
            let after = try await requireResult(id, in: tx)
            try await tx.insertAudit(AuditRecord(at: now, actor: actor.handle.value, action: "edit",
                                                 before: Self.auditJSON(before), after: Self.auditJSON(after)), subject: .result(id))
            return after
        }
    }

    /// Deletes a result; the audit log keeps what it was.
    public func deleteResult(_ id: Int) async throws(SocialTimeError) -> RecordedResult {
        try await write { tx in
            let actor = try await actor(in: tx)
            let before = try await requireResult(id, in: tx)
            try actor.requireOwnOrManager(before.staff, to: "delete results of")
            try await tx.setResultDeleted(id: id, true, updatedAt: now)
            try await tx.insertAudit(AuditRecord(at: now, actor: actor.handle.value, action: "delete",
                                                 before: Self.auditJSON(before), after: Self.auditJSON(before, deleted: true)),
                                     subject: .result(id))
            return before
        }
    }

    /// The audit trail of one result, oldest first.
    public func history(ofResult id: Int) async throws(SocialTimeError) -> [AuditRecord] {
        try await read { tx in
            let trail = try await tx.audit(of: .result(id))
            let owner = try await tx.result(id)?.staff ?? Self.owner(ofAuditTrail: trail)
            guard let owner else {
                throw SocialTimeError.invalidInput("no result #\(id): `socialtime results list` lists results with their ids")
            }
            try await actor(in: tx).requireOwnOrManager(owner, to: "read the history of")
            return trail
        }
    }

    /// The person a deleted result belonged to, from the first audit row's actor when nothing else says.
    static func owner(ofAuditTrail trail: [AuditRecord]) -> Handle? {
        trail.first.map { Handle(trusted: $0.actor) }
    }
}
