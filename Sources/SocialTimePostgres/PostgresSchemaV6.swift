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
        // Migration 5's, checking overlaps only when a row of the run has clock times.
        definer("import_entries(p_ids bigint[], p_staff_ids bigint[], p_dates text[], p_minutes bigint[], p_network_ids bigint[], p_outcome_ids bigint[], p_notes text[], p_logged_at text[], p_started_at text[], p_ended_at text[], p_import_keys text[], p_at text, p_actor text, p_late_weeks text[], p_reason text)", returns: "SETOF bigint", declare: """
            new_ids bigint[];
        """, """
            PERFORM socialtime.check_import(p_ids IS NOT NULL, p_staff_ids, p_dates, p_at, p_actor, p_reason);
            IF p_ids IS NOT NULL THEN
                -- Kept ids are at most 2^53 (a CHECK), and the sequence moves past them in the
                -- same transaction: nobody's next `log` meets a taken id or the sequence's end.
                WITH inserted AS (
                    INSERT INTO socialtime.entries(id, staff_id, date, minutes, network_id, outcome_id, note, logged_at, started_at, ended_at, import_key)
                    SELECT * FROM unnest(p_ids, p_staff_ids, p_dates, p_minutes, p_network_ids, p_outcome_ids, p_notes, p_logged_at, p_started_at, p_ended_at, p_import_keys)
                    RETURNING id
                )
                SELECT array_agg(id) INTO new_ids FROM inserted;
                PERFORM pg_catalog.setval(pg_catalog.pg_get_serial_sequence('socialtime.entries', 'id'),
                                          greatest((SELECT max(e.id) FROM socialtime.entries e), 1));
            ELSE
                WITH inserted AS (
                    INSERT INTO socialtime.entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at, started_at, ended_at, import_key)
                    SELECT * FROM unnest(p_staff_ids, p_dates, p_minutes, p_network_ids, p_outcome_ids, p_notes, p_logged_at, p_started_at, p_ended_at, p_import_keys)
                    RETURNING id
                )
                SELECT array_agg(id) INTO new_ids FROM inserted;
            END IF;
            -- Rows without clock times overlap nothing: most imports have none.
            IF EXISTS (SELECT 1 FROM unnest(p_started_at) AS t(s) WHERE s IS NOT NULL) THEN
                PERFORM socialtime.check_import_overlaps(new_ids);
            END IF;
            -- RETURNING gives the ids in the rows' order, which p_late_weeks follows.
            INSERT INTO socialtime.audit_log(at, actor, action, entry_id, before, after, late_week, reason)
            SELECT p_at, p_actor, 'import', i, NULL, NULL, w, p_reason
            FROM unnest(new_ids, coalesce(p_late_weeks, ARRAY[]::text[])) AS t(i, w) WHERE i IS NOT NULL ORDER BY i;
            RETURN QUERY SELECT i FROM unnest(new_ids) AS i ORDER BY i;
        """),
        // Import's audit rows name an entry, never a result: the index of results' audit rows
        // leaves out the rows that name none (a lookup by result_id still uses it).
        "DROP INDEX socialtime.audit_log_by_result",
        "CREATE INDEX audit_log_by_result ON socialtime.audit_log(result_id) WHERE result_id IS NOT NULL",
    ]

    static let v6Thresholds: [String] = [
        "UPDATE socialtime.thresholds SET set_at = \(nowText) WHERE set_at IS NULL",
        "UPDATE socialtime.thresholds SET set_by = 'migration' WHERE set_by IS NULL",
        "ALTER TABLE socialtime.thresholds ALTER COLUMN set_at SET NOT NULL, ALTER COLUMN set_by SET NOT NULL",
    ]
}
