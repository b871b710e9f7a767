import ArgumentParser
import SocialTimeCore

/// `staff export-data` and `staff erase`: a person's data, to hand over or to remove (see the
/// README's "Personal data").
extension StaffCommand {
    struct ExportData: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "export-data",
            abstract: "Everything stored about a person, as one JSON document (yours, or anyone's for a manager).",
            discussion: """
            The roster row, every entry (deleted ones too), the audit rows about their entries and \
            results and those they made, their justifications with history and reviews, the reviews \
            they gave, their results and their running timer.

            Examples:
              socialtime staff export-data anna
              socialtime staff export-data anna --out anna.json
            """)
        @Argument(help: "Their handle.") var handle: String
        @Option(help: ArgumentHelp("Write the document to this file (atomically) instead of stdout; - is stdout.", valueName: "file"))
        var out: String?
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let person = try Handle(validating: handle)
            let data = try await session.rulebook(create: false).exportPersonalData(of: person)
            let text = PersonalDataJSON.render(data, exportedAt: session.clock.timestamp)
            try session.writeOut(text, to: out, wrote: "Wrote everything stored about \(person) to \(out ?? "-").")
        }
    }

    struct Erase: SocialTimeCommand {
        /// Said when another program's open read kept the files from being scrubbed at once.
        static func unscrubbed(_ path: String, what: String) -> String {
            "the data is \(what), but another program was reading the database, so the \(what) text may stay in \(path)-wal "
                + "until every program using the database has closed it"
        }

        static let configuration = CommandConfiguration(commandName: "erase",
            abstract: "Remove a person and all their data for good (managers only).",
            discussion: """
            Removes their roster row, entries, results, justifications with their history, timer, \
            and the audit rows about them or made by them; the removed text is then scrubbed out of \
            the database files. Reviews they gave others and thresholds they set stay, under an \
            anonymous inactive erased-N. With --keep-totals their entries stay as erased-N's minutes, \
            without notes, so the totals of past weeks do not change. Repeat the handle with \
            --confirm: nothing is changed otherwise.

            Examples:
              socialtime staff erase eve --confirm eve
              socialtime staff erase eve --confirm eve --keep-totals
            """)
        @Argument(help: "Their handle.") var handle: String
        @Option(help: ArgumentHelp("The handle again, to confirm.", valueName: "handle")) var confirm: String?
        @Flag(help: "Keep their entries as anonymous minutes (erased-N, no note) so past totals do not change.") var keepTotals = false
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let person = try Handle(validating: handle)
            let erasure = try await session.rulebook(create: false).erase(person, confirm: confirm, keepTotals: keepTotals)
            let removed = erasure.removed
            var line = "Erased \(person): \(removed.entries.count) entries, \(removed.results.count) results, "
                + "\(removed.justifications.count) justifications, \(removed.audit.count) audit rows"
                + (removed.timer == nil ? "" : ", a running timer") + "."
            if let standIn = erasure.standIn {
                line += keepTotals
                    ? " \(erasure.keptEntries) entries stay as \(standIn)'s minutes, without notes, so past totals do not change."
                    : " Reviews and thresholds they made stay, by \(standIn)."
            }
            try session.print(line)
            if !erasure.scrubbed {
                try session.warning(Self.unscrubbed(try session.location.path, what: "erased"))
            }
        }
    }
}
