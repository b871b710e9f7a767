import Testing
@testable import SocialTimeCore

@Suite struct EntryListingTests {
    static func entry(_ id: Int, _ date: String, _ minutes: Int, staff: String = "anna", note: String = "", deleted: Bool = false) -> Entry {
        Entry(id: id, staff: try! Handle(validating: staff), staffName: staff, date: CalendarDate(iso: date)!,
              minutes: Minutes(minutes), network: "linkedin", outcome: "recruiting", note: note,
              loggedAt: date + "T10:00:00+01:00", deleted: deleted)
    }

    static let longNote = "Replied to every candidate who wrote after the job ad went out on Monday, and thanked the referrers"
    static let week = ISOWeek(iso: "2026-W48")!
    static let entries = [
        entry(3, "2026-11-24", 45, note: "short"),
        entry(1, "2026-11-23", 90, note: longNote),
        entry(2, "2026-11-23", 30),
        entry(4, "2026-11-24", 600, note: "gone", deleted: true),
    ]

    static func listing(_ entries: [Entry] = entries, threshold: Minutes? = Minutes(300), status: JustificationStatus = .none,
                        columns: Int? = nil, showStaff: Bool = false) -> EntryListing {
        EntryListing(entries: entries, title: "2026-W48, anna", showStaff: showStaff, week: week, threshold: threshold,
                     justifications: [try! Handle(validating: "anna"): status], columns: columns)
    }

    @Test func showsEachDaysTotalAndTheWeekAgainstTheThreshold() {
        let text = EntryRendering.text(Self.listing())
        #expect(text.contains("Mon 2026-11-23     2h"), "\(text)")
        #expect(text.contains("Tue 2026-11-24    45m"), "\(text)")
        #expect(text.contains("Week total: 2h 45m in 3 entries"))  // the deleted entry does not count
        #expect(text.contains("Threshold 5h: 2h 15m to go. Justification: none."), "\(text)")
        // Day by day, in date order, whatever order the entries came in.
        let ids = text.split(separator: "\n").compactMap { Int($0.split(separator: " ").first ?? "") }
        #expect(ids == [1, 2, 3, 4])
    }

    @Test(arguments: [
        (JustificationStatus.none, "Threshold 2h 45m: reached — FLAGGED. Justification: none; explain what the business gets: socialtime justify --week 2026-W48"),
        (.rejected, "FLAGGED. Justification: rejected"),
        (.submitted, "Threshold 2h 45m: reached. Justification: submitted, awaiting review."),
        (.accepted, "Threshold 2h 45m: reached. Justification: accepted."),
    ])
    func atTheThresholdTheJustificationDecides(status: JustificationStatus, says: String) {
        let text = EntryRendering.text(Self.listing(threshold: Minutes(165), status: status))
        #expect(text.contains(says), "\(text)")
    }

    @Test func notesTakeTheTerminalsWidthAndAreWholeInAPipe() {
        let piped = EntryRendering.text(Self.listing(columns: nil))
        #expect(piped.contains(Self.longNote))
        for columns in [80, 120, 200] {
            let text = EntryRendering.text(Self.listing(columns: columns))
            let widest = text.split(separator: "\n").map { TextTable.width(String($0)) }.max() ?? 0
            #expect(widest <= columns, "\(columns): \(text)")
            if columns == 200 { #expect(text.contains(Self.longNote)) } else { #expect(text.contains("…") && !text.contains(Self.longNote)) }
        }
        // A wider terminal shows more of the note: on 120 columns over 60 characters of it, not 27.
        let wide = EntryRendering.text(Self.listing(columns: 120))
        #expect(wide.contains(String(Self.longNote.prefix(60))))
    }

    @Test func everyoneGetsALinePerPersonAgainstTheThreshold() {
        let entries = Self.entries + [Self.entry(5, "2026-11-25", 330, staff: "bo")]
        let listing = EntryListing(entries: entries, title: "2026-W48, everyone", showStaff: true, week: Self.week,
                                   threshold: Minutes(300), justifications: [try! Handle(validating: "bo"): .submitted], columns: nil)
        let text = EntryRendering.text(listing)
        #expect(text.contains("Week total: 8h 15m in 4 entries, everyone"), "\(text)")
        #expect(text.contains("bo     5h 30m  submitted      awaiting review"), "\(text)")
        #expect(text.contains("anna   2h 45m  none           under"), "\(text)")
    }

    @Test func anEmptyWeekSaysSo() {
        #expect(EntryRendering.text(Self.listing([])) == "2026-W48, anna: no entries.")
    }
}
