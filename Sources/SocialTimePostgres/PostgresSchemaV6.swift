/// Migration 6: import at the speed of the server (issue 19, item 7), and the thresholds' drift.
///
/// - Every table's `*_owner_writes` policy asks `is_owner()` once per statement (an init plan,
///   `(SELECT socialtime.is_owner())`) rather than once per row: a 100 k-row import evaluated it
///   several hundred thousand times. `staff_read` likewise. Who may write is unchanged.
/// - The 24 h cap trigger locks the changed rows' people and sums their days in one statement
///   each, instead of a query per person and per person-day: the same rule, the same message
///   (the first day over 24 hours in person and date order), the same lock order.
/// - `check_import` applies `lock_person`'s rules to all of a batch's people at once (staff: their
///   own rows only; the people locked in id order) instead of one function call per person;
///   `import_entries` looks for overlaps only when a row has clock times; the audit log's index
///   by result leaves out the rows that name no result (every import row's).
/// - `thresholds.set_at` and `set_by` are NOT NULL, as on SQLite; rows a migration left without
///   them get SQLite's values for a threshold nobody set: `set_at` '' is not a moment, so
///   PostgreSQL's are given the migration's own moment, and `set_by` 'migration'.
extension PostgresSchema {
    static let version6: [String] = v6Policies + v6Writes + v6Thresholds

    static let v6Policies: [String] = {
        let owner = "(SELECT socialtime.is_owner())"
        let manager = "(SELECT socialtime.is_manager())"
        let me = "(SELECT socialtime.my_staff_id())"
        var statements = personTables.map { table in
            "ALTER POLICY \(table)_owner_writes ON socialtime.\(table) USING (\(owner)) WITH CHECK (\(owner))"
        }
        // The owner first, as in migration 4: the roster functions read this table as the owner.
        statements.append("ALTER POLICY staff_read ON socialtime.staff USING (\(owner) OR (handle = session_user::text AND active) OR (role = 'manager' AND \(me) IS NOT NULL) OR \(manager))")
        return statements
    }()

    static let v6Writes: [String] = [
        definer("check_day_cap()", returns: "trigger", declare: """
            over record;
        """, """
            IF current_setting('transaction_isolation') = 'repeatable read' THEN
                RAISE EXCEPTION 'entries are written in READ COMMITTED or SERIALIZABLE transactions: under REPEATABLE READ the 24 h cap could not see other writers'
                    USING ERRCODE = 'feature_not_supported';
            END IF;
            -- The people's roster rows, locked in id order (as lock_person and check_import lock them).
            PERFORM 1 FROM socialtime.staff s
            WHERE s.id IN (SELECT n.staff_id FROM changed n WHERE NOT n.deleted)
            ORDER BY s.id FOR NO KEY UPDATE OF s;
            -- Each changed day summed through the (staff_id, date) index, LATERAL so that the
            -- planner never scans the whole table per statement (an import's thousandth batch
            -- would otherwise read every entry the import has written so far).
            SELECT d.staff_id, d.date, t.total INTO over
            FROM (SELECT DISTINCT n.staff_id, n.date FROM changed n WHERE NOT n.deleted) d
            CROSS JOIN LATERAL (SELECT sum(e.minutes) AS total FROM socialtime.entries e
                                WHERE e.staff_id = d.staff_id AND e.date = d.date AND NOT e.deleted) t
            WHERE t.total > 1440
            ORDER BY d.staff_id, d.date
            LIMIT 1;
            IF FOUND THEN
                RAISE EXCEPTION 'the 24 h cap: % would have %h %m logged on %, and a day holds at most 24h 00m',
                    coalesce((SELECT s.handle FROM socialtime.staff s WHERE s.id = over.staff_id), over.staff_id::text),
                    over.total / 60, lpad((over.total % 60)::text, 2, '0'), over.date
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'entries_day_cap',
                          TABLE = 'entries', SCHEMA = 'socialtime';
            END IF;
            RETURN NULL;
        """),
        // lock_person's rules, for every person of the batch in one statement: a staff member
        // imports their own rows only; everyone named is on the roster; the rows locked in id order.
        definer("check_import(p_has_ids boolean, p_staff_ids bigint[], p_dates text[], p_at text, p_actor text, p_reason text)", declare: """
            mine bigint;
            missing bigint;
            wanted bigint;
            locked bigint;
            day text;
            closed text;
        """, """
            IF NOT socialtime.is_manager() THEN
                mine := socialtime.my_staff_id();
                IF mine IS NULL THEN
                    RAISE EXCEPTION 'cannot import entries: % is not an active person on this database''s roster; ask a manager: `socialtime staff add HANDLE --login`', session_user
                        USING ERRCODE = 'insufficient_privilege';
                ELSIF EXISTS (SELECT 1 FROM unnest(p_staff_ids) AS p WHERE p IS DISTINCT FROM mine) THEN
                    RAISE EXCEPTION 'cannot import entries: only a manager can change another person''s data; % is staff', session_user
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
            END IF;
            SELECT count(DISTINCT p) INTO wanted FROM unnest(p_staff_ids) AS p;
            WITH held AS (SELECT s.id FROM socialtime.staff s WHERE s.id = ANY(p_staff_ids) ORDER BY s.id FOR NO KEY UPDATE OF s)
            SELECT count(*) INTO locked FROM held;
            IF locked <> wanted OR array_position(p_staff_ids, NULL) IS NOT NULL THEN
                SELECT p INTO missing FROM unnest(p_staff_ids) AS p
                WHERE p IS NULL OR NOT EXISTS (SELECT 1 FROM socialtime.staff s WHERE s.id = p) ORDER BY p NULLS FIRST LIMIT 1;
                RAISE EXCEPTION 'no staff member #% on the roster', missing USING ERRCODE = 'foreign_key_violation';
            END IF;
            PERFORM socialtime.require_not_ahead(p_at, 'the import''s time');
            IF p_actor IS DISTINCT FROM session_user::text THEN
                PERFORM socialtime.require_manager('import as someone else');
            END IF;
            IF p_has_ids THEN
                PERFORM socialtime.require_manager('import entries with the ids they were exported with (staff import rows that take new ids)');
            END IF;
            FOR day IN SELECT DISTINCT d FROM unnest(p_dates) AS d ORDER BY d LOOP
                PERFORM socialtime.require_open_week(day, p_at);
                IF p_reason IS NULL AND session_user::text <> socialtime.administrator_name() THEN
                    closed := socialtime.closed_week(day, p_at);
                    IF closed IS NOT NULL THEN
                        RAISE EXCEPTION 'rows dated in %: a manager''s import into a closed week needs --reason TEXT, which the week''s late changes show', closed
                            USING ERRCODE = 'check_violation';
                    END IF;
                END IF;
            END LOOP;
        """),
        // Migration 5's import_entries (the last of its writes), looking for overlaps only when a
        // row of the run has clock times: rows without them overlap nothing, and most imports have none.
        v5ImportEntries.replacing(v5OverlapCheck, with: """
            IF EXISTS (SELECT 1 FROM unnest(p_started_at) AS t(s) WHERE s IS NOT NULL) THEN \(v5OverlapCheck) END IF;
            """),
        // Import's audit rows name an entry, never a result: the index of results' audit rows
        // leaves out the rows that name none (a lookup by result_id still uses it).
        "DROP INDEX socialtime.audit_log_by_result",
        "CREATE INDEX audit_log_by_result ON socialtime.audit_log(result_id) WHERE result_id IS NOT NULL",
    ]

    static let v5OverlapCheck = "PERFORM socialtime.check_import_overlaps(new_ids);"

    static let v5ImportEntries: String = {
        let function = v5Writes.last!
        precondition(function.contains("FUNCTION socialtime.import_entries(") && function.contains(v5OverlapCheck),
                     "migration 5's last write is import_entries, with its overlap check")
        return function
    }()

    static let v6Thresholds: [String] = [
        "UPDATE socialtime.thresholds SET set_at = \(nowText) WHERE set_at IS NULL",
        "UPDATE socialtime.thresholds SET set_by = 'migration' WHERE set_by IS NULL",
        "ALTER TABLE socialtime.thresholds ALTER COLUMN set_at SET NOT NULL, ALTER COLUMN set_by SET NOT NULL",
    ]
}
