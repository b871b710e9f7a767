extension DemoDataset {
    /// The settings key that marks a database as built by `demo`, so `demo` may rebuild it but
    /// never overwrites someone's real data.
    public static let marker = "demo_database"
}

extension Rulebook {
    /// Fills an empty store with the demo dataset in one transaction, through the same store
    /// protocol as every command (so a demo works on either store).
    public func loadDemo(_ demo: DemoDataset) async throws(SocialTimeError) {
        // Logged in the evening of each day, with this run's UTC offset, so the rows look real.
        let offset = String(now.suffix(6))
        try await write { tx in
            guard try await tx.allStaff().isEmpty else {
                throw SocialTimeError.invalidInput("\(store.location) already has data: the demo only fills an empty database")
            }
            var ids: [String: Int] = [:]
            for person in demo.people {
                let member = try await tx.insertStaff(NewStaffRecord(handle: Handle(trusted: person.handle), name: person.name, email: nil,
                                                                     role: person.manager ? .manager : .staff,
                                                                     createdAt: "\(demo.weeks[0].monday)T08:00:00\(offset)"))
                ids[person.handle] = member.id
            }
            let networks = try await tx.networks(), outcomes = try await tx.outcomes()
            for work in demo.entries {
                let network = try Self.resolveNetwork(work.network, in: networks)
                let outcome = try Self.resolveOutcome(work.outcome, in: outcomes, forNewWork: true)
                let id = try await tx.insertEntry(EntryRecord(staffID: ids[work.staff]!, date: work.date, minutes: Minutes(work.minutes),
                                                              networkID: network.id, outcomeID: outcome.id, note: work.note,
                                                              loggedAt: "\(work.date)T16:30:00\(offset)"))
                let stored = try await requireEntry(id, in: tx)
                try await tx.insertAudit(AuditRecord(at: stored.loggedAt, actor: stored.staff.value, action: "create",
                                                     before: nil, after: Self.auditJSON(stored)), subject: .entry(id))
            }
            for result in demo.results {
                let outcome = try Self.resolveOutcome(result.outcome, in: outcomes, forNewWork: true)
                _ = try await tx.insertResult(ResultRecord(staffID: ids[result.staff]!, date: result.date, outcomeID: outcome.id,
                                                           quantity: result.quantity, note: result.note,
                                                           loggedAt: "\(result.date)T16:45:00\(offset)"))
            }
            for explanation in demo.justifications {
                let submitted = "\(explanation.week.sunday)T12:00:00\(offset)"
                let reviewed = "\(explanation.week.next.monday)T09:30:00\(offset)"
                let staffID = ids[explanation.staff]!, managerID = ids[demo.manager]!
                let id = try await tx.insertJustification(staffID: staffID, week: explanation.week, text: explanation.text, submittedAt: submitted)
                try await tx.insertJustificationEvent(justificationID: id,
                    JustificationEvent(status: .submitted, text: explanation.text, comment: nil, at: submitted,
                                       by: Handle(trusted: explanation.staff)), byStaffID: staffID)
                guard let status = StoredJustificationStatus(rawValue: explanation.status.rawValue), status != .submitted else { continue }
                let minutes = try await tx.weekTotal(staffID: staffID, week: explanation.week)
                try await tx.saveReview(justificationID: id, ReviewRecord(status: status, reviewerID: managerID, reviewedAt: reviewed,
                                                                          comment: explanation.comment, reviewedMinutes: minutes))
                try await tx.insertJustificationEvent(justificationID: id,
                    JustificationEvent(status: status, text: explanation.text, comment: explanation.comment, at: reviewed,
                                       by: Handle(trusted: demo.manager)), byStaffID: managerID)
            }
            try await tx.setSetting(Self.languageSetting, demo.language.rawValue)
            try await tx.setSetting(DemoDataset.marker, "built by socialtime demo")
        }
    }
}
