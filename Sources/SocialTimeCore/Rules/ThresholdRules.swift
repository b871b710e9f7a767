/// The company-wide threshold is dated: a change applies from the week it is made in (or the
/// week given) onwards, and every earlier week keeps the threshold that was in force then, so
/// changing it never re-judges the past.
public enum ThresholdRules {
    /// The most a threshold may be: a whole week.
    public static let maximum = Minutes(7 * 24 * 60)

    /// The threshold in force in `week`: the latest one set from that week or before, else 5 h.
    public static func threshold(for week: ISOWeek, in history: [DatedThreshold]) -> Minutes {
        history.filter { $0.fromWeek <= week }.max { $0.fromWeek < $1.fromWeek }?.minutes ?? .defaultThreshold
    }
}

extension Rulebook {
    func threshold(for week: ISOWeek, in tx: any ReadTransaction) async throws -> Minutes {
        ThresholdRules.threshold(for: week, in: try await tx.thresholds())
    }

    /// The threshold in force in `week`.
    public func threshold(for week: ISOWeek) async throws(SocialTimeError) -> Minutes {
        try await read { tx in try await threshold(for: week, in: tx) }
    }

    /// Every dated threshold, oldest first.
    public func thresholdHistory() async throws(SocialTimeError) -> [DatedThreshold] {
        try await read { tx in try await tx.thresholds() }
    }

    /// Sets the threshold from `week` on (managers only). Earlier weeks keep theirs.
    public func setThreshold(_ minutes: Minutes, from week: ISOWeek) async throws(SocialTimeError) {
        guard minutes.value >= 1, minutes <= ThresholdRules.maximum else {
            throw .invalidInput("invalid threshold \(minutes): use 1 minute to 168 hours (a week)")
        }
        try await write { tx in
            let actor = try await actor(in: tx)
            try actor.requireManager(to: "change the threshold")
            let thisWeek = clock.today.isoWeek
            guard week >= thisWeek else {
                throw SocialTimeError.invalidInput("--from-week \(week) is in the past: a threshold applies from this week (\(thisWeek)) "
                    + "or a later one, so every earlier week keeps the threshold it was judged by")
            }
            try await tx.saveThreshold(DatedThreshold(fromWeek: week, minutes: minutes), setAt: now, setBy: actor.handle)
        }
    }
}
