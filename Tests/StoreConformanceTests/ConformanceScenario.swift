import Foundation
import Testing
@testable import SocialTimeCore

/// The steps each store runs. Inputs are literal and valid, and writes follow the rulebook's
/// protocol: each change to an entry or a result is followed by its `insertAudit` (snapshots made
/// by `Rulebook.auditJSON`, at the change's own time), each submission and review by its
/// `insertJustificationEvent` — the PostgreSQL database writes those rows itself inside the
/// write's function, SQLite when they are inserted. Every difference left in the transcripts is
/// a difference of the stores.
enum ConformanceScenario: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case roster, entries, justifications, resultsAndTimers, personalData, prune, copy

    var testDescription: String { rawValue }

    /// Methods the scenarios leave out, each with why the stores answer differently by design.
    static let differentByDesign: [String: String] = [
        "createLogin(_)": "a file has no logins (the SQLite store refuses); on a server it creates a cluster-wide role, which RowSecurityTests and PsqlAttackTests cover",
    ]

    static let week47 = ISOWeek(iso: "2026-W47")!, week48 = ISOWeek(iso: "2026-W48")!
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }
    static func stamp(_ day: String, _ time: String = "17:00") -> String { "\(day)T\(time):00+01:00" }

    /// Three people and one network and outcome of the scenario's own, besides the seeded ones.
    struct Cast {
        let anna: StaffMember, ben: StaffMember, cleo: StaffMember
        let network: Int, outcome: Int, otherNetwork: Int, otherOutcome: Int
    }

    func run(on store: any DataStore, _ t: Transcript) async throws {
        let cast = try await Self.cast(store, t)
        switch self {
        case .roster: try await roster(store, t, cast)
        case .entries: try await entries(store, t, cast)
        case .justifications: try await justifications(store, t, cast)
        case .resultsAndTimers: try await resultsAndTimers(store, t, cast)
        case .personalData: try await personalData(store, t, cast)
        case .prune: try await prune(store, t, cast)
        case .copy: try await copy(store, t, cast)
        }
        try await Self.everyRow(store, t)
    }

    static func cast(_ store: any DataStore, _ t: Transcript) async throws -> Cast {
        try await store.write { tx in
            func add(_ handle: String, _ role: StaffMember.Role, _ email: String?) async throws -> StaffMember {
                try await tx.insertStaff(NewStaffRecord(handle: try Handle(validating: handle), name: handle.capitalized, email: email,
                                                        role: role, createdAt: stamp("2026-11-02", "08:00")))
            }
            let anna = try await add("anna", .manager, "anna@example.org")
            let ben = try await add("ben", .staff, nil)
            let cleo = try await add("cleo", .staff, "cleo@example.org")
            t.note("cast: \(Transcript.show([anna, ben, cleo]))")
            await t.call("insertNetwork(key)") { try await tx.insertNetwork(key: "meetup", name: "Meetup", aliases: ["mu", "meet"]) }
            await t.call("insertOutcome(key)") { try await tx.insertOutcome(key: "calls", description: "Calls made", unit: "calls") }
            let networks = await t.call("networks()") { try await tx.networks() } ?? []
            let outcomes = await t.call("outcomes()") { try await tx.outcomes() } ?? []
            guard let network = networks.first(where: { $0.key == "meetup" }), let outcome = outcomes.first(where: { $0.key == "calls" }),
                  let otherNetwork = networks.first(where: { $0.key != "meetup" }), let otherOutcome = outcomes.first(where: { $0.key != "calls" }) else {
                throw SocialTimeError.failure("the cast's catalogues are missing")
            }
            return Cast(anna: anna, ben: ben, cleo: cleo, network: network.id, outcome: outcome.id,
                        otherNetwork: otherNetwork.id, otherOutcome: otherOutcome.id)
        }
    }

    /// Every row of every table, as `db copy` reads them.
    static func everyRow(_ store: any DataStore, _ t: Transcript) async throws {
        try await store.read { tx in
            for table in CopyTable.allCases {
                await t.call("forEachRow(of)", table.name) {
                    var rows: [[CopyValue]] = []
                    try await tx.forEachRow(of: table) { rows.append($0.values) }
                    return rows
                }
            }
        }
    }

    /// `insertAudit` of an entry change as the rulebook makes it (`EntryRules.audit`): the entry
    /// before and after as `Rulebook.auditJSON` writes them.
    static func auditEntry(_ tx: any WriteTransaction, _ t: Transcript, _ id: Int, _ action: String, before: Entry?, at: String,
                           actor: String = "anna", reason: String? = nil, lateWeek: ISOWeek? = nil) async {
        await t.call("insertAudit(_)", "entry \(id) \(action)") {
            let after = try await tx.entry(id)
            try await tx.insertAudit(AuditRecord(at: at, actor: actor, action: action, before: before.map(Rulebook.auditJSON),
                                                 after: after.map(Rulebook.auditJSON), reason: reason, lateWeek: lateWeek), subject: .entry(id))
        }
    }

    func roster(_ store: any DataStore, _ t: Transcript, _ c: Cast) async throws {
        try await store.write { tx in
            await t.call("lockStaff(_)") { try await tx.lockStaff(c.ben.id) }
            // An import's new people, in the file's order: ids ascending in that order, no e-mail as NULL.
            await t.call("insertNewStaff(_)") {
                try await tx.insertNewStaff([
                    NewStaffRecord(handle: try Handle(validating: "zoe"), name: "Zoë Ås", email: "zoe@example.org", role: .staff, createdAt: Self.stamp("2026-11-03")),
                    NewStaffRecord(handle: try Handle(validating: "dan"), name: "Dan", email: nil, role: .staff, createdAt: Self.stamp("2026-11-03")),
                ])
            }
            await t.call("insertNewStaff(_)", "nobody") { try await tx.insertNewStaff([]) }
            await t.call("updateStaff(id)", "everything") {
                try await tx.updateStaff(id: c.ben.id, StaffRecordChange(name: "Ben B.", email: .some("ben@example.org"), role: .manager, active: false))
            }
            await t.call("updateStaff(id)", "e-mail cleared") { try await tx.updateStaff(id: c.cleo.id, StaffRecordChange(email: .some(nil))) }
            await t.call("updateOutcome(id)", "renamed") { try await tx.updateOutcome(id: c.outcome, key: "phone-calls", retired: nil) }
            await t.call("updateOutcome(id)", "retired") { try await tx.updateOutcome(id: c.otherOutcome, key: nil, retired: true) }
            await t.call("saveThreshold(_)") { try await tx.saveThreshold(DatedThreshold(fromWeek: Self.week47, minutes: 300), setAt: Self.stamp("2026-11-20"), setBy: c.anna.handle) }
            await t.call("saveThreshold(_)", "same week again") { try await tx.saveThreshold(DatedThreshold(fromWeek: Self.week47, minutes: 360), setAt: Self.stamp("2026-11-21"), setBy: c.anna.handle) }
            await t.call("saveThreshold(_)", "later week") { try await tx.saveThreshold(DatedThreshold(fromWeek: Self.week48, minutes: 240), setAt: Self.stamp("2026-11-22"), setBy: c.anna.handle) }
            await t.call("setSetting(_)") { try await tx.setSetting("company", "Acme ÆØÅ") }
            await t.call("setSetting(_)", "removed") { try await tx.setSetting("language", "da") }
            await t.call("setSetting(_)", "removed") { try await tx.setSetting("language", nil) }
        }
        try await store.read { tx in
            await t.call("staffMember(_)") { try await tx.staffMember(c.ben.handle) }
            await t.call("staffMember(_)", "nobody") { try await tx.staffMember(try Handle(validating: "nobody")) }
            await t.call("staffMember(id)") { try await tx.staffMember(id: c.cleo.id) }
            await t.call("staffMember(id)", "nobody") { try await tx.staffMember(id: 999) }
            await t.call("allStaff()") { try await tx.allStaff() }
            await t.call("activeManagerCount()") { try await tx.activeManagerCount() }
            await t.call("networks()") { try await tx.networks() }
            await t.call("outcomes()") { try await tx.outcomes() }
            await t.call("thresholds()") { try await tx.thresholds() }
            await t.call("setting(_)") { try await tx.setting("company") }
            await t.call("setting(_)", "removed") { try await tx.setting("language") }
        }
    }

    /// Four entries of anna's and ben's over two weeks (one with clock times, one imported), an
    /// edit, a deletion and an imported batch, each audited; then every entry read.
    func entries(_ store: any DataStore, _ t: Transcript, _ c: Cast) async throws {
        try await writeEntries(store, t, c)
        let anna = c.anna.handle
        try await store.read { tx in
            await t.call("entry(_)") { try await tx.entry(1) }
            await t.call("entry(_)", "none") { try await tx.entry(999) }
            await t.call("entries(_)", "week 48") { try await tx.entries(EntryQuery(week: Self.week48)) }
            await t.call("entries(_)", "anna, deleted too") { try await tx.entries(EntryQuery(from: Self.day("2026-11-16"), to: Self.day("2026-11-29"), staff: anna, includeDeleted: true)) }
            for range in [ExportRange.week(Self.week47), .dates(from: Self.day("2026-11-18"), to: Self.day("2026-11-24")), .all] {
                await t.call("forEachEntry(in)", "\(range)") {
                    var seen: [Entry] = []
                    try await tx.forEachEntry(in: range) { seen.append($0) }
                    return seen
                }
            }
            await t.call("forEachEntry(matching)") {
                var seen: [Entry] = []
                try await tx.forEachEntry(matching: EntryQuery(week: Self.week48, includeDeleted: true)) { seen.append($0) }
                return seen
            }
            await t.call("dayTotal(staffID)") { try await tx.dayTotal(staffID: c.anna.id, date: Self.day("2026-11-23"), excluding: nil) }
            await t.call("dayTotal(staffID)", "excluding 4") { try await tx.dayTotal(staffID: c.anna.id, date: Self.day("2026-11-23"), excluding: 4) }
            await t.call("weekTotal(staffID)") { try await tx.weekTotal(staffID: c.anna.id, week: Self.week48) }
            await t.call("weekTotal(staffID)", "ben") { try await tx.weekTotal(staffID: c.ben.id, week: Self.week47) }
            await t.call("timedEntries(staffID)") { try await tx.timedEntries(staffID: c.anna.id, from: Self.day("2026-11-16"), to: Self.day("2026-11-29")) }
            await t.call("importKeyExists(_)") { try await tx.importKeyExists("toggl:1") }
            await t.call("importKeyExists(_)", "absent") { try await tx.importKeyExists("toggl:404") }
            await t.call("presentImportKeys(_)") { try await tx.presentImportKeys(["toggl:1", "toggl:2", "toggl:3", "toggl:404"]) }
            await t.call("importedEntryIDs(_)") { try await tx.importedEntryIDs(["toggl:1", "toggl:3", "toggl:404"]) }
            await t.call("entries(ids)") { try await tx.entries(ids: [1, 2, 3, 5, 999]) }
            await t.call("highestEntryID()") { try await tx.highestEntryID() }
            await t.call("dayTotals(staffID)") { try await tx.dayTotals(staffID: c.anna.id, dates: [Self.day("2026-11-23"), Self.day("2026-11-24"), Self.day("2026-11-17")]) }
            for id in 1...6 { await t.call("audit(of)", "entry \(id)") { try await tx.audit(of: .entry(id)) } }
            await t.call("lateChanges(_)") { try await tx.lateChanges(Self.week47) }
            await t.call("lateChanges(_)", "week 48") { try await tx.lateChanges(Self.week48) }
            await t.call("dataSpan()") { try await tx.dataSpan() }
            await t.call("staffWeeks(_)") { try await tx.staffWeeks(Self.week48) }
            await t.call("slices(_)") { try await tx.slices(Self.week48) }
            await t.call("slices(_)", "week 47") { try await tx.slices(Self.week47) }
        }
    }

    func writeEntries(_ store: any DataStore, _ t: Transcript, _ c: Cast) async throws {
        try await store.write { tx in
            func entry(_ staff: StaffMember, _ day: String, _ minutes: Int, note: String = "", clock: (String, String)? = nil, key: String? = nil) -> EntryRecord {
                EntryRecord(staffID: staff.id, date: Self.day(day), minutes: Minutes(minutes), networkID: c.network, outcomeID: c.outcome,
                            note: note, loggedAt: Self.stamp(day, "18:00"), startedAt: clock.map { Self.stamp(day, $0.0) },
                            endedAt: clock.map { Self.stamp(day, $0.1) }, importKey: key)
            }
            let made: [EntryRecord] = [
                entry(c.anna, "2026-11-17", 90, note: "første møde, \"quoted\""),
                entry(c.ben, "2026-11-18", 45),
                entry(c.anna, "2026-11-23", 60, clock: ("09:00", "10:00")),
                entry(c.anna, "2026-11-23", 30, note: "second"),
            ]
            for record in made {
                guard let id = await t.call("insertEntry(_)", "\(record.date)", { try await tx.insertEntry(record) }) else { continue }
                await Self.auditEntry(tx, t, id, "create", before: nil, at: record.loggedAt, actor: id == 2 ? "ben" : "anna")
            }
            await t.call("lockStaff(_)") { try await tx.lockStaff(c.anna.id) }
            let third = try await tx.entry(3)
            await t.call("updateEntry(id)", "clock times") {
                try await tx.updateEntry(id: 3, date: Self.day("2026-11-24"), minutes: 75, networkID: c.otherNetwork, outcomeID: c.otherOutcome,
                                         note: "moved", clockTimes: (Self.stamp("2026-11-24", "09:00"), Self.stamp("2026-11-24", "10:15")),
                                         updatedAt: Self.stamp("2026-11-25"))
            }
            await Self.auditEntry(tx, t, 3, "edit", before: third, at: Self.stamp("2026-11-25"))
            let first = try await tx.entry(1)
            await t.call("updateEntry(id)", "late, no clock") {
                try await tx.updateEntry(id: 1, date: Self.day("2026-11-17"), minutes: 95, networkID: c.network, outcomeID: c.outcome,
                                         note: "edited late", clockTimes: nil, updatedAt: Self.stamp("2026-11-26"))
            }
            await Self.auditEntry(tx, t, 1, "edit", before: first, at: Self.stamp("2026-11-26"), reason: "forgot", lateWeek: Self.week47)
            let fourth = try await tx.entry(4)
            await t.call("setEntryDeleted(id)") { try await tx.setEntryDeleted(id: 4, true, updatedAt: Self.stamp("2026-11-25")) }
            await Self.auditEntry(tx, t, 4, "delete", before: fourth, at: Self.stamp("2026-11-25"))
            let deleted = try await tx.entry(4)
            await t.call("setEntryDeleted(id)", "restored") { try await tx.setEntryDeleted(id: 4, false, updatedAt: Self.stamp("2026-11-25", "18:00")) }
            await Self.auditEntry(tx, t, 4, "restore", before: deleted, at: Self.stamp("2026-11-25", "18:00"))
            await t.call("setEntryDeleted(id)", "again") { try await tx.setEntryDeleted(id: 4, true, updatedAt: Self.stamp("2026-11-25", "19:00")) }
            await Self.auditEntry(tx, t, 4, "delete", before: fourth, at: Self.stamp("2026-11-25", "19:00"))
            await t.call("insertImportedEntries(_)") {
                try await tx.insertImportedEntries([entry(c.ben, "2026-11-19", 120, note: "imported", key: "toggl:1"),
                                                    entry(c.anna, "2026-11-24", 15, key: "toggl:3")],
                                                   audit: AuditRecord(at: Self.stamp("2026-11-25"), actor: "anna", action: "import", before: nil, after: nil),
                                                   lateWeeks: [Self.week47, nil])
            }
        }
    }

    func justifications(_ store: any DataStore, _ t: Transcript, _ c: Cast) async throws {
        try await writeEntries(store, t, c)
        try await store.write { tx in
            guard let id = await t.call("insertJustification(staffID)", "", {
                try await tx.insertJustification(staffID: c.ben.id, week: Self.week47, text: "Conference week", submittedAt: Self.stamp("2026-11-23"))
            }) else { return }
            await t.call("insertJustificationEvent(justificationID)") {
                try await tx.insertJustificationEvent(justificationID: id, JustificationEvent(status: .submitted, text: "Conference week", comment: nil,
                                                                                             at: Self.stamp("2026-11-23"), by: c.ben.handle), byStaffID: c.ben.id)
            }
            await t.call("saveReview(justificationID)", "rejected") {
                try await tx.saveReview(justificationID: id, ReviewRecord(status: .rejected, reviewerID: c.anna.id, reviewedAt: Self.stamp("2026-11-24"),
                                                                         comment: "Which conference?", reviewedMinutes: 165))
            }
            await t.call("insertJustificationEvent(justificationID)", "rejected") {
                try await tx.insertJustificationEvent(justificationID: id, JustificationEvent(status: .rejected, text: "Conference week", comment: "Which conference?",
                                                                                             at: Self.stamp("2026-11-24"), by: c.anna.handle), byStaffID: c.anna.id)
            }
            await t.call("resubmitJustification(id)") { try await tx.resubmitJustification(id: id, text: "Nordic conference", submittedAt: Self.stamp("2026-11-25")) }
            await t.call("insertJustificationEvent(justificationID)", "resubmitted") {
                try await tx.insertJustificationEvent(justificationID: id, JustificationEvent(status: .submitted, text: "Nordic conference", comment: nil,
                                                                                             at: Self.stamp("2026-11-25"), by: c.ben.handle), byStaffID: c.ben.id)
            }
            await t.call("saveReview(justificationID)", "accepted") {
                try await tx.saveReview(justificationID: id, ReviewRecord(status: .accepted, reviewerID: c.anna.id, reviewedAt: Self.stamp("2026-11-26"),
                                                                         comment: nil, reviewedMinutes: 165))
            }
            await t.call("insertJustificationEvent(justificationID)", "accepted") {
                try await tx.insertJustificationEvent(justificationID: id, JustificationEvent(status: .accepted, text: "Nordic conference", comment: nil,
                                                                                             at: Self.stamp("2026-11-26"), by: c.anna.handle), byStaffID: c.anna.id)
            }
            if let other = await t.call("insertJustification(staffID)", "anna", {
                try await tx.insertJustification(staffID: c.anna.id, week: Self.week48, text: "Launch", submittedAt: Self.stamp("2026-11-30"))
            }) {
                await t.call("insertJustificationEvent(justificationID)", "anna") {
                    try await tx.insertJustificationEvent(justificationID: other, JustificationEvent(status: .submitted, text: "Launch", comment: nil,
                                                                                                    at: Self.stamp("2026-11-30"), by: c.anna.handle), byStaffID: c.anna.id)
                }
            }
        }
        try await store.read { tx in
            await t.call("justification(staffID)") { try await tx.justification(staffID: c.ben.id, week: Self.week47) }
            await t.call("justification(staffID)", "none") { try await tx.justification(staffID: c.cleo.id, week: Self.week47) }
            await t.call("justifications(week)", "all") { try await tx.justifications(week: nil, staffID: nil) }
            await t.call("justifications(week)", "week 48") { try await tx.justifications(week: Self.week48, staffID: nil) }
            await t.call("justifications(week)", "ben") { try await tx.justifications(week: nil, staffID: c.ben.id) }
            await t.call("justificationHistory(justificationID)") { try await tx.justificationHistory(justificationID: 1) }
            await t.call("staffWeeks(_)") { try await tx.staffWeeks(Self.week47) }
            await t.call("dataSpan()") { try await tx.dataSpan() }
        }
    }

    func resultsAndTimers(_ store: any DataStore, _ t: Transcript, _ c: Cast) async throws {
        try await store.write { tx in
            for (staff, day, quantity) in [(c.anna, "2026-11-23", 3), (c.ben, "2026-11-24", 5), (c.anna, "2026-11-25", 2)] {
                guard let id = await t.call("insertResult(_)", "", {
                    try await tx.insertResult(ResultRecord(staffID: staff.id, date: Self.day(day), outcomeID: c.outcome, quantity: quantity,
                                                           note: "n\(quantity)", loggedAt: Self.stamp(day)))
                }) else { continue }
                await t.call("insertAudit(_)", "result \(id) create") {
                    let recorded = try await tx.result(id)
                    try await tx.insertAudit(AuditRecord(at: Self.stamp(day), actor: staff.handle.value, action: "create", before: nil,
                                                         after: recorded.map { Rulebook.auditJSON($0) }), subject: .result(id))
                }
            }
            let before = try await tx.result(2)
            await t.call("updateResult(id)") { try await tx.updateResult(id: 2, date: Self.day("2026-11-26"), quantity: 6, outcomeID: c.otherOutcome, note: "fixed", updatedAt: Self.stamp("2026-11-26")) }
            await t.call("insertAudit(_)", "result 2 edit") {
                let after = try await tx.result(2)
                try await tx.insertAudit(AuditRecord(at: Self.stamp("2026-11-26"), actor: "anna", action: "edit", before: before.map { Rulebook.auditJSON($0) },
                                                     after: after.map { Rulebook.auditJSON($0) }), subject: .result(2))
            }
            let third = try await tx.result(3)
            await t.call("setResultDeleted(id)") { try await tx.setResultDeleted(id: 3, true, updatedAt: Self.stamp("2026-11-27")) }
            await t.call("insertAudit(_)", "result 3 delete") {
                try await tx.insertAudit(AuditRecord(at: Self.stamp("2026-11-27"), actor: "anna", action: "delete", before: third.map { Rulebook.auditJSON($0) },
                                                     after: third.map { Rulebook.auditJSON($0, deleted: true) }), subject: .result(3))
            }
            await t.call("saveTimer(_)") { try await tx.saveTimer(TimerRecord(staffID: c.ben.id, networkID: c.network, outcomeID: c.outcome, note: "call", startedAt: Self.stamp("2026-11-27", "09:00"))) }
            await t.call("saveTimer(_)", "cleo") { try await tx.saveTimer(TimerRecord(staffID: c.cleo.id, networkID: c.network, outcomeID: c.outcome, note: "", startedAt: Self.stamp("2026-11-27", "09:30"))) }
            await t.call("deleteTimer(staffID)") { try await tx.deleteTimer(staffID: c.cleo.id) }
        }
        try await store.read { tx in
            await t.call("result(_)") { try await tx.result(2) }
            await t.call("result(_)", "deleted") { try await tx.result(3) }
            await t.call("results(from)") { try await tx.results(from: Self.day("2026-11-23"), to: Self.day("2026-11-29"), staffID: nil) }
            await t.call("results(from)", "anna") { try await tx.results(from: Self.day("2026-11-23"), to: Self.day("2026-11-29"), staffID: c.anna.id) }
            await t.call("resultTotals(_)") { try await tx.resultTotals(Self.week48) }
            await t.call("audit(of)", "result 2") { try await tx.audit(of: .result(2)) }
            await t.call("timer(staffID)") { try await tx.timer(staffID: c.ben.id) }
            await t.call("timer(staffID)", "deleted") { try await tx.timer(staffID: c.cleo.id) }
        }
    }

    /// Ben's data read, then erased with cleo standing in (his entries kept); cleo's erased whole,
    /// anna standing in. (Not anna for ben: she reviewed his justification, and a stand-in who
    /// reviewed the erased person's kept justification is a known difference — see
    /// `StandInReviewerTests`.)
    func personalData(_ store: any DataStore, _ t: Transcript, _ c: Cast) async throws {
        try await justifications(store, t, c)
        try await resultsAndTimers(store, t, c)
        try await store.write { tx in
            await t.call("saveThreshold(_)", "by ben") { try await tx.saveThreshold(DatedThreshold(fromWeek: Self.week48, minutes: 200), setAt: Self.stamp("2026-11-22"), setBy: c.ben.handle) }
            if let id = await t.call("insertEntry(_)", "cleo", {
                try await tx.insertEntry(EntryRecord(staffID: c.cleo.id, date: Self.day("2026-11-20"), minutes: 30, networkID: c.network, outcomeID: c.outcome,
                                                     note: "cleo's", loggedAt: Self.stamp("2026-11-20")))
            }) {
                await Self.auditEntry(tx, t, id, "create", before: nil, at: Self.stamp("2026-11-20"), actor: "cleo")
            }
        }
        try await store.read { tx in
            for person in [c.anna, c.ben, c.cleo] { await t.call("personalData(staffID)", person.handle.description) { try await tx.personalData(staffID: person.id) } }
            await t.call("personalData(staffID)", "nobody") { try await tx.personalData(staffID: 999) }
        }
        try await store.write { tx in
            await t.call("erasePersonalData(_)", "ben, entries kept") {
                try await tx.erasePersonalData(PersonalDataErasure(staffID: c.ben.id, handle: c.ben.handle, standIn: c.cleo, keepEntries: true,
                                                                   keptJustificationText: "(erased)"))
            }
            await t.call("erasePersonalData(_)", "cleo, whole") {
                try await tx.erasePersonalData(PersonalDataErasure(staffID: c.cleo.id, handle: c.cleo.handle, standIn: c.anna, keepEntries: false,
                                                                   keptJustificationText: "(erased)"))
            }
        }
        try await store.read { tx in
            await t.call("personalData(staffID)", "ben after") { try await tx.personalData(staffID: c.ben.id) }
            await t.call("personalData(staffID)", "anna after") { try await tx.personalData(staffID: c.anna.id) }
            await t.call("allStaff()") { try await tx.allStaff() }
        }
    }

    func prune(_ store: any DataStore, _ t: Transcript, _ c: Cast) async throws {
        try await justifications(store, t, c)
        try await resultsAndTimers(store, t, c)
        for cutoff in ["2026-11-19", "2026-11-24"] {
            _ = try await store.read { tx in await t.call("pruneCounts(before)", cutoff) { try await tx.pruneCounts(before: Self.day(cutoff)) } }
            _ = try await store.write { tx in await t.call("prune(before)", cutoff) { try await tx.prune(before: Self.day(cutoff)) } }
            _ = try await store.read { tx in await t.call("pruneCounts(before)", "\(cutoff) again") { try await tx.pruneCounts(before: Self.day(cutoff)) } }
        }
        _ = try await store.write { tx in
            // Ids are never handed out twice, also after a prune.
            if let id = await t.call("insertEntry(_)", "after prune", {
                try await tx.insertEntry(EntryRecord(staffID: c.anna.id, date: Self.day("2026-11-28"), minutes: 10, networkID: c.network, outcomeID: c.outcome,
                                                     note: "", loggedAt: Self.stamp("2026-11-28")))
            }) {
                await Self.auditEntry(tx, t, id, "create", before: nil, at: Self.stamp("2026-11-28"))
            }
        }
    }

    /// Every row read, every table emptied and the rows put back as `db copy` does, then one new
    /// entry of each kind: its id follows the copied ones.
    func copy(_ store: any DataStore, _ t: Transcript, _ c: Cast) async throws {
        try await justifications(store, t, c)
        try await resultsAndTimers(store, t, c)
        var tables: [(CopyTable, [CopyRow])] = []
        try await store.read { tx in
            for table in CopyTable.allCases {
                var rows: [CopyRow] = []
                try await tx.forEachRow(of: table) { rows.append($0) }
                tables.append((table, rows))
            }
        }
        try await store.write { tx in
            for (table, _) in tables.reversed() { await t.call("deleteAllRows(of)", table.name) { try await tx.deleteAllRows(of: table) } }
            for (table, rows) in tables where !rows.isEmpty { await t.call("insertCopied(_)", table.name) { try await tx.insertCopied(rows) } }
            await t.call("finishCopy()") { try await tx.finishCopy() }
        }
        try await store.write { tx in
            if let id = await t.call("insertEntry(_)", "after copy", {
                try await tx.insertEntry(EntryRecord(staffID: c.ben.id, date: Self.day("2026-11-28"), minutes: 10, networkID: c.network, outcomeID: c.outcome,
                                                     note: "", loggedAt: Self.stamp("2026-11-28")))
            }) {
                await Self.auditEntry(tx, t, id, "create", before: nil, at: Self.stamp("2026-11-28"), actor: "ben")
            }
            if let id = await t.call("insertResult(_)", "after copy", {
                try await tx.insertResult(ResultRecord(staffID: c.ben.id, date: Self.day("2026-11-28"), outcomeID: c.outcome, quantity: 1, note: "", loggedAt: Self.stamp("2026-11-28")))
            }) {
                await t.call("insertAudit(_)", "result \(id) create") {
                    let recorded = try await tx.result(id)
                    try await tx.insertAudit(AuditRecord(at: Self.stamp("2026-11-28"), actor: "ben", action: "create", before: nil,
                                                         after: recorded.map { Rulebook.auditJSON($0) }), subject: .result(id))
                }
            }
            if let id = await t.call("insertJustification(staffID)", "after copy", {
                try await tx.insertJustification(staffID: c.cleo.id, week: Self.week48, text: "x", submittedAt: Self.stamp("2026-11-30"))
            }) {
                await t.call("insertJustificationEvent(justificationID)", "after copy") {
                    try await tx.insertJustificationEvent(justificationID: id, JustificationEvent(status: .submitted, text: "x", comment: nil,
                                                                                                 at: Self.stamp("2026-11-30"), by: c.cleo.handle), byStaffID: c.cleo.id)
                }
            }
            await t.call("insertStaff(_)", "after copy") {
                try await tx.insertStaff(NewStaffRecord(handle: try Handle(validating: "dora"), name: "Dora", email: nil, role: .staff, createdAt: Self.stamp("2026-11-28")))
            }
        }
    }
}
