/// A person's entries on one date never add up to more than 24 hours.
public enum DayCap {
    /// Refuses `adding` minutes on top of `logged` when the day would pass 24 hours; returns the
    /// day's new total.
    @discardableResult
    public static func check(_ staff: Handle, date: CalendarDate, logged: Minutes, adding minutes: Minutes,
                             verb: String = "logged") throws(SocialTimeError) -> Minutes {
        guard logged + minutes <= .day else {
            let room = Minutes.day - logged
            throw .invalidInput("\(staff) already has \(logged) on \(date); \(minutes) more would pass 24 hours in one day"
                + (room.value > 0 ? " (at most \(room) fits)" : "") + ": nothing was \(verb)")
        }
        return logged + minutes
    }
}

extension Rulebook {
    /// Checks the cap for a change to `staffID`'s day inside a write transaction. The person's
    /// lock is taken first, so that two writers on many machines cannot both read the old total
    /// and both squeeze under the cap: the second waits for the first to commit.
    @discardableResult
    func checkDayCap(_ staff: StaffMember, date: CalendarDate, adding minutes: Minutes, excluding entryID: Int? = nil,
                     in tx: any WriteTransaction, verb: String = "logged") async throws -> Minutes {
        try await tx.lockStaff(staff.id)
        let logged = try await tx.dayTotal(staffID: staff.id, date: date, excluding: entryID)
        return try DayCap.check(staff.handle, date: date, logged: logged, adding: minutes, verb: verb)
    }
}
