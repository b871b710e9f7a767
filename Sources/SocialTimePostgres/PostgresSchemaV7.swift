/// Migration 7: value checks without a subtransaction per value (issue 19, item 7).
///
/// - `valid_date` and `valid_timestamp` were plpgsql with an exception handler, which opens a
///   subtransaction on every call: each entry row paid three (its date, its logged-at moment and
///   that moment's date) and each audit row two — the most expensive part of writing a row, a
///   quarter of an import's time on the server. Each is now one regular expression that spells
///   out the calendar (month lengths, leap years, 2000–2999), so it accepts exactly what the
///   plpgsql did: compared on all 471,720 strings `YYYY-MM-DD` with years 1990–3010, months
///   00–13 and days 00–32, and on 2,344 moments around their edges, the two never differed.
/// - They and `clean_text` are SQL-standard bodies (`RETURN …`) without a `SET search_path`:
///   such a body is parsed once, when the function is made, so no caller's search_path can
///   change what it calls, and PostgreSQL inlines it into the CHECK constraints that use it
///   (a function with a SET clause is never inlined, and pays a settings save and restore on
///   every call). Operators are named with their schema all the same.
/// - `check_import` asks whether the caller is a manager once per batch, and looks at the
///   batch's days only when a rule can refuse one: staff (a closed week is not theirs to
///   change), or a manager importing without `--reason` (a closed week needs one). The
///   administrator's import, and a manager's with a reason, no longer call `is_manager()` and
///   `closed_week()` for every distinct date of every thousand rows.
extension PostgresSchema {
    static let version7: [String] = v7Values + v7Import

    /// A date 2000-01-01 … 2999-12-31 that the calendar has, as `YYYY-MM-DD` (no anchors).
    static let calendarDatePattern = "(2[0-9]{3}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))|(2[0-9](0[48]|[2468][048]|[13579][26])|2[048]00)-02-29)"

    static let v7Values: [String] = [
        """
        CREATE OR REPLACE FUNCTION socialtime.valid_date(value text) RETURNS boolean
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN value OPERATOR(pg_catalog.~) '^\(calendarDatePattern)$'
        """,
        // ISO 8601 with an offset (Z or ±HH:MM), a real moment: hours 00–23, minutes and seconds 00–59.
        """
        CREATE OR REPLACE FUNCTION socialtime.valid_timestamp(value text) RETURNS boolean
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN value OPERATOR(pg_catalog.~) '^\(calendarDatePattern)T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})$'
        """,
        """
        CREATE OR REPLACE FUNCTION socialtime.clean_text(value text) RETURNS boolean
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN value IS NULL OR value OPERATOR(pg_catalog.!~) '[\\x01-\\x1f\\x7f\\u0085\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ufeff]'
        """,
    ]

    static let v7Import: [String] = [
        definer("check_import(p_has_ids boolean, p_staff_ids bigint[], p_dates text[], p_at text, p_actor text, p_reason text)", declare: """
            manager boolean;
            mine bigint;
            missing bigint;
            wanted bigint;
            locked bigint;
            day text;
            closed text;
        """, """
            manager := socialtime.is_manager();
            IF NOT manager THEN
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
            -- Closed weeks: staff never write in one (require_open_week's refusal); a manager
            -- needs a reason, except the administrator moving a history.
            IF NOT manager OR (p_reason IS NULL AND session_user::text <> socialtime.administrator_name()) THEN
                FOR day IN SELECT DISTINCT d FROM unnest(p_dates) AS d ORDER BY d LOOP
                    closed := socialtime.closed_week(day, p_at);
                    IF closed IS NOT NULL AND NOT manager THEN
                        RAISE EXCEPTION '%: staff cannot change its entries; % is staff — ask a manager', closed, session_user
                            USING ERRCODE = 'insufficient_privilege';
                    ELSIF closed IS NOT NULL THEN
                        RAISE EXCEPTION 'rows dated in %: a manager''s import into a closed week needs --reason TEXT, which the week''s late changes show', closed
                            USING ERRCODE = 'check_violation';
                    END IF;
                END LOOP;
            END IF;
        """),
    ]
}
