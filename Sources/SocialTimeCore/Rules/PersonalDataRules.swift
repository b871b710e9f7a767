/// Personal data (GDPR): a person's export and their erasure.
///
/// - `exportPersonalData`: everything stored about a person; their own, or anyone's for a manager.
/// - `erase`: managers only, confirmed by typing the handle again. Everything of theirs goes,
///   audit rows about them or made by them included. What is not theirs alone stays, anonymous,
///   under a new inactive roster row `erased-N`:
///   - with `keepTotals`, what past reports show: their live entries (no note, clock times or
///     import key) and results (no note), and their justifications' status and review with the
///     text replaced by `erasedJustificationText` (the review comment and history go), so the
///     totals, results and flags of past weeks do not change;
///   - the reviews they made of other people's justifications: the justification is the other
///     person's, and its accepted or rejected status decides their flags, so the review stays,
///     but its reviewer is `erased-N` (the schema names every reviewer, so it cannot be blank)
///     and their comment is removed (it is text they wrote);
///   - the changes they made to other people's entries and results: the audit rows stay (the
///     entry is the other person's, and its history must still explain it), with `erased-N` as
///     the actor;
///   - the thresholds they set (the threshold is the company's).
///   The text they wrote is then scrubbed out of the files (see `StoreMaintenance.scrub`).
extension Rulebook {
    /// The prefix of the anonymous roster rows an erasure leaves.
    public static let erasedPrefix = "erased-"
    /// The text an anonymous justification keeps (a justification cannot be empty).
    public static let erasedJustificationText = "(erased)"

    public func exportPersonalData(of handle: Handle) async throws(SocialTimeError) -> PersonalData {
        try await read { tx in
            let actor = try await actor(in: tx)
            try actor.requireOwnOrManager(handle, to: "export")
            let member = try await requireStaff(handle, in: tx)
            // An erasure's stand-in is nobody's own: a later login named `erased-1` must not
            // read what it holds for others (reviews, audit rows of their entries).
            if Self.isStandIn(member) { try actor.requireManager(to: "export the data of \(handle), which stands in for an erased person,") }
            guard let data = try await tx.personalData(staffID: member.id) else { throw try await Self.notOnRoster(handle, in: tx) }
            return data
        }
    }

    /// What `erase` removed, and whether the files were scrubbed of it.
    public struct Erasure: Sendable, Equatable {
        public let removed: PersonalData
        /// The anonymous roster row that holds what stays, if anything stays.
        public let standIn: Handle?
        public let keptEntries: Int
        /// False when another process kept the files from being scrubbed at once.
        public let scrubbed: Bool
    }

    public func erase(_ handle: Handle, confirm: String?, keepTotals: Bool) async throws(SocialTimeError) -> Erasure {
        guard let confirm else {
            throw .invalidInput("erasing \(handle) removes all their data for good: confirm with --confirm \(handle); nothing was changed")
        }
        guard confirm == handle.value else {
            throw .invalidInput("--confirm '\(Text.printable(confirm))' does not match \(handle): repeat the handle exactly (--confirm \(handle)); nothing was changed")
        }
        return try await erasing { tx in
            try await actor(in: tx).requireManager(to: "erase a person's data")
            let member = try await requireStaff(handle, in: tx)
            if member.isActiveManager, try await tx.activeManagerCount() == 1 {
                throw SocialTimeError.invalidInput("\(handle) is the only active manager: promote someone else first; nothing was changed")
            }
            guard let data = try await tx.personalData(staffID: member.id) else { throw try await Self.notOnRoster(handle, in: tx) }
            let kept = keepTotals ? data.entries.filter { !$0.deleted }.count : 0
            let keepsAnything = keepTotals && (kept > 0 || !data.justifications.isEmpty || data.results.contains { !$0.deleted })
            // Changes they made to other people's entries and results stay explained: the audit
            // rows stay, with the stand-in as their actor.
            let ownEntries = Set(data.entries.map(\.id)), ownResults = Set(data.results.map(\.id))
            let changedOthers = data.audit.contains { row in
                switch row.subject {
                case .entry(let id): return !ownEntries.contains(id)
                case .result(let id): return !ownResults.contains(id)
                }
            }
            let needsStandIn = keepsAnything || !data.reviewsGiven.isEmpty || !data.thresholdsSet.isEmpty || changedOthers
            let standIn = needsStandIn ? try await addStandIn(in: tx) : nil
            try await tx.erasePersonalData(PersonalDataErasure(staffID: member.id, handle: handle, standIn: standIn, keepEntries: keepTotals,
                                                                keptJustificationText: Self.erasedJustificationText))
            return (data, standIn?.handle, kept)
        } map: { value, scrubbed in
            Erasure(removed: value.0, standIn: value.1, keptEntries: value.2, scrubbed: scrubbed)
        }
    }

    /// Whether `member` is an erasure's stand-in: an inactive `erased-N`.
    static func isStandIn(_ member: StaffMember) -> Bool {
        !member.active && member.handle.value.hasPrefix(erasedPrefix)
            && Int(member.handle.value.dropFirst(erasedPrefix.count)) != nil
    }

    /// The next free `erased-N` (N one more than the highest taken), inactive staff.
    private func addStandIn(in tx: any WriteTransaction) async throws -> StaffMember {
        let taken = try await tx.allStaff().compactMap { member -> Int? in
            let value = member.handle.value
            guard value.hasPrefix(Self.erasedPrefix) else { return nil }
            return Int(value.dropFirst(Self.erasedPrefix.count))
        }
        let name = Self.erasedPrefix + String((taken.max() ?? 0) + 1)
        let member = try await tx.insertStaff(NewStaffRecord(handle: Handle(trusted: name), name: name, email: nil, role: .staff, createdAt: now))
        try await tx.updateStaff(id: member.id, StaffRecordChange(active: false))
        return member
    }

    /// A write whose removed text must leave the files: secure delete on for it, and the files
    /// scrubbed after it commits (a store without maintenance only writes).
    func erasing<T, U>(_ body: (any WriteTransaction) async throws -> T, map: (T, Bool) -> U) async throws(SocialTimeError) -> U {
        let maintenance = store.maintenance
        do { try await maintenance?.setSecureDelete(true) } catch { throw Self.mapped(error) }
        let value: T
        do {
            value = try await write(body)
        } catch {
            try? await maintenance?.setSecureDelete(false)
            throw error
        }
        let scrubbed: Bool
        do {
            scrubbed = try await maintenance?.scrub() ?? true
        } catch {
            try? await maintenance?.setSecureDelete(false)
            // The change is committed; only the scrub failed, and the next one catches up.
            return map(value, false)
        }
        try? await maintenance?.setSecureDelete(false)
        return map(value, scrubbed)
    }
}
