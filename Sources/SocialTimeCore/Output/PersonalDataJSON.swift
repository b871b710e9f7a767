/// `staff export-data`: one JSON document with everything stored about a person, snake_case
/// keys in a fixed order, lists in the order the store keeps them (by id, justifications by week).
public enum PersonalDataJSON {
    public static func render(_ data: PersonalData, exportedAt: String) -> String {
        document(data, exportedAt: exportedAt).serialized(pretty: true) + "\n"
    }

    public static func document(_ data: PersonalData, exportedAt: String) -> JSON {
        .object([
            ("exported_at", .string(exportedAt)),
            ("staff", staff(data.staff)),
            ("entries", .array(data.entries.map(entry))),
            ("audit", .array(data.audit.map(audit))),
            ("justifications", .array(data.justifications.map(justification))),
            ("reviews_given", .array(data.reviewsGiven.map(review))),
            ("results", .array(data.results.map(result))),
            ("timer", data.timer.map(timer) ?? .null),
            ("thresholds_set", .array(data.thresholdsSet.map(threshold))),
        ])
    }

    static func staff(_ row: PersonalStaffRow) -> JSON {
        .object([
            ("id", .int(row.id)), ("handle", .string(row.handle.value)), ("name", .string(row.name)),
            ("email", .optional(row.email)), ("role", .string(row.role.rawValue)), ("active", .bool(row.active)),
            ("created_at", .string(row.createdAt)),
        ])
    }

    static func entry(_ entry: PersonalEntry) -> JSON {
        .object([
            ("id", .int(entry.id)), ("date", .string(entry.date.description)), ("minutes", .int(entry.minutes.value)),
            ("network", .string(entry.network)), ("outcome", .string(entry.outcome)), ("note", .string(entry.note)),
            ("logged_at", .string(entry.loggedAt)), ("updated_at", .optional(entry.updatedAt)),
            ("started_at", .optional(entry.startedAt)), ("ended_at", .optional(entry.endedAt)),
            ("deleted", .bool(entry.deleted)), ("import_key", .optional(entry.importKey)),
        ])
    }

    /// `before` and `after` are the stored JSON snapshots, kept as text exactly as stored.
    static func audit(_ row: PersonalAuditRow) -> JSON {
        let entryID: Int?, resultID: Int?
        switch row.subject {
        case .entry(let id): (entryID, resultID) = (id, nil)
        case .result(let id): (entryID, resultID) = (nil, id)
        }
        return .object([
            ("id", .int(row.id)), ("entry_id", entryID.map(JSON.int) ?? .null), ("result_id", resultID.map(JSON.int) ?? .null),
            ("at", .string(row.record.at)), ("actor", .string(row.record.actor)), ("action", .string(row.record.action)),
            ("before", .optional(row.record.before)), ("after", .optional(row.record.after)),
            ("reason", .optional(row.record.reason)), ("late_week", .optional(row.record.lateWeek?.description)),
        ])
    }

    static func justification(_ item: PersonalJustification) -> JSON {
        let j = item.justification
        return .object([
            ("id", .int(j.id)), ("week", .string(j.week.description)), ("text", .string(j.text)), ("status", .string(j.status.rawValue)),
            ("submitted_at", .string(j.submittedAt)), ("reviewed_by", .optional(j.reviewedBy?.value)),
            ("reviewed_at", .optional(j.reviewedAt)), ("review_comment", .optional(j.comment)),
            ("reviewed_minutes", j.reviewedMinutes.map { JSON.int($0.value) } ?? .null),
            ("history", .array(item.history.map { event in
                .object([
                    ("status", .string(event.status.rawValue)), ("text", .string(event.text)), ("comment", .optional(event.comment)),
                    ("at", .string(event.at)), ("by", .string(event.by.value)),
                ])
            })),
        ])
    }

    static func review(_ review: ReviewGiven) -> JSON {
        .object([
            ("staff", .string(review.staff.value)), ("week", .string(review.week.description)), ("status", .string(review.status.rawValue)),
            ("comment", .optional(review.comment)), ("at", .string(review.at)),
        ])
    }

    static func result(_ result: PersonalResult) -> JSON {
        .object([
            ("id", .int(result.id)), ("date", .string(result.date.description)), ("outcome", .string(result.outcome)),
            ("quantity", .int(result.quantity)), ("note", .string(result.note)), ("logged_at", .string(result.loggedAt)),
            ("updated_at", .optional(result.updatedAt)), ("deleted", .bool(result.deleted)),
        ])
    }

    static func timer(_ timer: RunningTimer) -> JSON {
        .object([
            ("network", .string(timer.network)), ("outcome", .string(timer.outcome)), ("note", .string(timer.note)),
            ("started_at", .string(timer.startedAt)),
        ])
    }

    static func threshold(_ item: ThresholdSet) -> JSON {
        .object([
            ("from_week", .string(item.threshold.fromWeek.description)), ("minutes", .int(item.threshold.minutes.value)),
            ("set_at", .string(item.setAt)),
        ])
    }
}
