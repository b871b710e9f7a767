import Testing
import SocialTimeCore
import PostgresScratch

/// Found by the conformance suite: erasing a person whose kept justification was reviewed by the
/// stand-in would leave a justification reviewed by its own person. Both stores refuse it and roll
/// the whole erasure back — PostgreSQL by its CHECK, SQLite by the triggers of schema version 5 —
/// and the rulebook sees the same failure from each.
@Suite struct StandInReviewerTests {
    @Test(.enabled(if: PostgresTestCluster.bothStores))
    func erasingWithTheReviewerAsStandIn() async throws {
        var outcomes: [String] = []
        for kind in ConformanceStore.kinds {
            let box = try await ConformanceStore.make(kind)
            let t = Transcript()
            let cast = try await ConformanceScenario.cast(box.store, t)
            try await ConformanceScenario.justifications.justifications(box.store, t, cast)
            do {
                try await box.store.write { tx in
                    try await tx.erasePersonalData(PersonalDataErasure(staffID: cast.ben.id, handle: cast.ben.handle, standIn: cast.anna,
                                                                       keepEntries: true, keptJustificationText: "(erased)"))
                }
                outcomes.append("erased")
            } catch {
                outcomes.append("refused: \(Transcript.kind(of: Rulebook.mapped(error)))")
            }
            await box.store.close()
        }
        #expect(outcomes == ["refused: SocialTimeError.invalidInput", "refused: SocialTimeError.invalidInput"], "\(outcomes)")
    }
}
