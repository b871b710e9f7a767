import Foundation
@testable import SocialTimeCore

/// A fresh database file in its own temporary folder, removed when released.
final class TemporaryStore {
    let folder: String
    let path: String
    let store: SQLiteStore

    init(today: String = "2026-11-27") throws {
        folder = NSTemporaryDirectory() + "socialtime-unit-\(UUID().uuidString)"
        path = folder + "/data/socialtime.db"
        store = try SQLiteStore(path: path, clock: Clock(today: CalendarDate(iso: today)!, timestamp: today + "T17:00:00+01:00"))
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Another connection to the same file, as another process would have.
    func reopen(today: String = "2026-11-27") throws -> SQLiteStore {
        try SQLiteStore(path: path, clock: Clock(today: CalendarDate(iso: today)!, timestamp: today + "T18:00:00+01:00"))
    }
}

extension NewEntry {
    static func make(_ staff: String = "anna", _ date: String = "2026-11-27", _ minutes: Int = 60,
                     network: String = "linkedin", outcome: String = "recruiting", note: String = "") -> NewEntry {
        NewEntry(staff: try! Handle(validating: staff), date: CalendarDate(iso: date)!, minutes: Minutes(minutes),
                 network: network, outcome: outcome, note: note)
    }
}

/// The message of a `SocialTimeError` thrown by `body`, or nil when it did not throw one.
func socialTimeError(_ body: () throws -> Void) -> SocialTimeError? {
    do {
        try body()
        return nil
    } catch let error as SocialTimeError {
        return error
    } catch {
        return .failure("unexpected \(error)")
    }
}
