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
            return (recorded, registered)
        }
    }
}
