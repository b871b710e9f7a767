/// Migration 4: the database holds against its own users (issue 19).
///
/// - Logins may SELECT (under forced row-level security) and EXECUTE socialtime's functions,
///   nothing else: no INSERT, UPDATE, DELETE, TRUNCATE on any table, no sequence.
/// - Every write goes through a SECURITY DEFINER function with a pinned `search_path`, owned by
///   the administrator (the role that ran `db init`, the schema's owner). The function applies
///   the rule, takes the person's lock (a row lock on their roster row, which only the functions
///   can take: logins have no UPDATE right, so they cannot lock rows), assigns the id, and writes
///   the audit row or the justification history itself, naming `session_user`.
/// - Rights come from this database's roster row of `session_user` (active, role), read at every
///   statement: group membership only opens the door (CONNECT/USAGE/SELECT/EXECUTE).
/// - Write policies let only the owner write (`current_user` is the owner inside the functions
///   and for the administrator's own connection); read policies follow the roster.
/// - CHECKs hold the values `log` accepts: real dates in 2000…2999, ISO weeks, ISO timestamps
///   with an offset, text without control characters.
extension PostgresSchema {
    static let version4: [String] = v4Helpers + v4Checks + v4Policies + v4Writes + v4Grants

    /// A JSON string exactly as socialtime's own `JSON.escape` writes it for text without control
    /// characters (which the CHECKs refuse): only `"` and `\` are escaped.
    static let v4Helpers: [String] = [
        """
        CREATE FUNCTION socialtime.administrator_name() RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$ SELECT a.role_name FROM socialtime.administrator a $$
        """,
        // True inside socialtime's functions (which run as the owner) and for the administrator.
        """
        CREATE FUNCTION socialtime.is_owner() RETURNS boolean
        LANGUAGE sql STABLE
        SET search_path = pg_catalog, pg_temp
        AS $$ SELECT current_user::text = socialtime.administrator_name() $$
        """,
        // The roster id of the connected login: its row on this database's roster, active.
        // plpgsql and SECURITY DEFINER: read as the owner, whose policy arm comes first, so the
        // roster's own policy never recurses into this function.
        """
        CREATE OR REPLACE FUNCTION socialtime.my_staff_id() RETURNS bigint
        LANGUAGE plpgsql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
        BEGIN
            RETURN (SELECT s.id FROM socialtime.staff s WHERE s.handle = session_user::text AND s.active);
        END
        $$
        """,
        // Manager rights: the administrator, or an active manager on this database's roster.
        """
        CREATE OR REPLACE FUNCTION socialtime.is_manager() RETURNS boolean
        LANGUAGE plpgsql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
        BEGIN
            RETURN session_user::text = socialtime.administrator_name()
                OR EXISTS (SELECT 1 FROM socialtime.staff s
                           WHERE s.handle = session_user::text AND s.active AND s.role = 'manager');
        END
        $$
        """,
        """
        CREATE FUNCTION socialtime.require_manager(what text) RETURNS void
        LANGUAGE plpgsql STABLE
        SET search_path = pg_catalog, pg_temp
        AS $$
        BEGIN
            IF NOT socialtime.is_manager() THEN
                RAISE EXCEPTION 'only a manager can %; % is not an active manager on this database''s roster', what, session_user
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
        END
        $$
        """,
        // The person's own rows, or a manager's: and the person's roster row locked for the rest
        // of the transaction (FOR NO KEY UPDATE: writers for one person take turns, while the
        // foreign keys of other tables still find the row).
        """
        CREATE FUNCTION socialtime.lock_person(person bigint, what text) RETURNS void
        LANGUAGE plpgsql
        SET search_path = pg_catalog, pg_temp
        AS $$
        DECLARE
            mine bigint := socialtime.my_staff_id();
        BEGIN
            IF NOT socialtime.is_manager() THEN
                IF mine IS NULL THEN
                    RAISE EXCEPTION 'cannot %: % is not an active person on this database''s roster; ask a manager: `socialtime staff add HANDLE --login`', what, session_user
                        USING ERRCODE = 'insufficient_privilege';
                ELSIF person IS DISTINCT FROM mine THEN
                    RAISE EXCEPTION 'cannot %: only a manager can change another person''s data; % is staff', what, session_user
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
            END IF;
            PERFORM 1 FROM socialtime.staff s WHERE s.id = person FOR NO KEY UPDATE;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'no staff member #% on the roster', person USING ERRCODE = 'foreign_key_violation';
            END IF;
        END
        $$
        """,
        """
        CREATE FUNCTION socialtime.json_text(value text) RETURNS text
        LANGUAGE sql IMMUTABLE
        SET search_path = pg_catalog, pg_temp
        AS $$ SELECT '"' || replace(replace(value, '\\', '\\\\'), '"', '\\"') || '"' $$
        """,
        // The audit snapshot of an entry, byte for byte what `Rulebook.auditJSON` writes.
        """
        CREATE FUNCTION socialtime.entry_json(entry_id bigint) RETURNS text
        LANGUAGE sql STABLE
        SET search_path = pg_catalog, pg_temp
        AS $$
            SELECT '{"date":' || socialtime.json_text(e.date) || ',"minutes":' || e.minutes::text
                || ',"network":' || socialtime.json_text(n.key) || ',"outcome":' || socialtime.json_text(o.key)
                || ',"note":' || socialtime.json_text(e.note) || ',"deleted":' || CASE WHEN e.deleted THEN 'true' ELSE 'false' END || '}'
            FROM socialtime.entries e
            JOIN socialtime.networks n ON n.id = e.network_id
            JOIN socialtime.outcomes o ON o.id = e.outcome_id
            WHERE e.id = entry_id
        $$
        """,
        """
        CREATE FUNCTION socialtime.result_json(result_id bigint) RETURNS text
        LANGUAGE sql STABLE
        SET search_path = pg_catalog, pg_temp
        AS $$
            SELECT '{"date":' || socialtime.json_text(r.date) || ',"quantity":' || r.quantity::text
                || ',"outcome":' || socialtime.json_text(o.key) || ',"note":' || socialtime.json_text(r.note)
                || ',"deleted":' || CASE WHEN r.deleted THEN 'true' ELSE 'false' END || '}'
            FROM socialtime.results r JOIN socialtime.outcomes o ON o.id = r.outcome_id
            WHERE r.id = result_id
        $$
        """,
        // Value checks, IMMUTABLE so CHECK constraints may use them.
        """
        CREATE FUNCTION socialtime.valid_date(value text) RETURNS boolean
        LANGUAGE plpgsql IMMUTABLE
        SET search_path = pg_catalog, pg_temp
        AS $$
        BEGIN
            IF value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN RETURN false; END IF;
            RETURN pg_catalog.to_char(pg_catalog.make_date(substr(value, 1, 4)::int, substr(value, 6, 2)::int, substr(value, 9, 2)::int), 'YYYY-MM-DD') = value
                AND value BETWEEN '2000-01-01' AND '2999-12-31';
        EXCEPTION WHEN others THEN
            RETURN false;
        END
        $$
        """,
        """
        CREATE FUNCTION socialtime.valid_week(value text) RETURNS boolean
        LANGUAGE plpgsql IMMUTABLE
        SET search_path = pg_catalog, pg_temp
        AS $$
        DECLARE
            year int;
            week int;
        BEGIN
            IF value !~ '^[0-9]{4}-W[0-9]{2}$' THEN RETURN false; END IF;
            year := substr(value, 1, 4)::int;
            week := substr(value, 7, 2)::int;
            -- 28 December is always in the year's last ISO week.
            RETURN year BETWEEN 2000 AND 2999 AND week >= 1
                AND week <= extract(week FROM pg_catalog.make_date(year, 12, 28))::int;
        EXCEPTION WHEN others THEN
            RETURN false;
        END
        $$
        """,
        // ISO 8601 with an offset (Z or ±HH:MM), a real moment.
        """
        CREATE FUNCTION socialtime.valid_timestamp(value text) RETURNS boolean
        LANGUAGE plpgsql IMMUTABLE
        SET search_path = pg_catalog, pg_temp
        AS $$
        BEGIN
            IF value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})$' THEN
                RETURN false;
            END IF;
            IF NOT socialtime.valid_date(substr(value, 1, 10)) THEN RETURN false; END IF;
            RETURN substr(value, 12, 2)::int < 24 AND substr(value, 15, 2)::int < 60
                AND (length(value) < 19 OR substr(value, 17, 1) <> ':' OR substr(value, 18, 2)::int < 60);
        EXCEPTION WHEN others THEN
            RETURN false;
        END
        $$
        """,
        """
        CREATE FUNCTION socialtime.clean_text(value text) RETURNS boolean
        LANGUAGE sql IMMUTABLE
        SET search_path = pg_catalog, pg_temp
        AS $$ SELECT value IS NULL OR value !~ '[\\x01-\\x1f\\x7f\\u0085\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ufeff]' $$
        """,
        // The moment a client says it wrote something may not lie far ahead of the server's clock
        // (a year's leeway, for clocks fixed ahead in tests and back-filling runs), so a date
        // "logged" in 2099 cannot be stored.
        """
        CREATE FUNCTION socialtime.require_not_ahead(value text, what text) RETURNS void
        LANGUAGE plpgsql STABLE
        SET search_path = pg_catalog, pg_temp
        AS $$
        BEGIN
            IF value IS NOT NULL AND substr(value, 1, 10) > to_char(now() + interval '366 days', 'YYYY-MM-DD') THEN
                RAISE EXCEPTION '% % lies in the future of the server''s clock', what, value
                    USING ERRCODE = 'check_violation';
            END IF;
        END
        $$
        """,
    ]

    static let v4Checks: [String] = {
        var statements: [String] = []
        func check(_ table: String, _ name: String, _ condition: String) {
            statements.append("ALTER TABLE socialtime.\(table) ADD CONSTRAINT \(table)_\(name) CHECK (\(condition)) NOT VALID")
        }
        for table in ["entries", "results"] {
            check(table, "valid_date", "socialtime.valid_date(date)")
            check(table, "valid_logged_at", "socialtime.valid_timestamp(logged_at)")
            check(table, "valid_updated_at", "updated_at IS NULL OR socialtime.valid_timestamp(updated_at)")
            check(table, "clean_note", "socialtime.clean_text(note)")
            // An entry is dated no later than the day it was logged or last changed (an edit may move it
            // to a later day that has come since).
            check(table, "date_not_after_logged", "date <= substr(coalesce(updated_at, logged_at), 1, 10)")
        }
        check("entries", "valid_started_at", "started_at IS NULL OR socialtime.valid_timestamp(started_at)")
        check("entries", "valid_ended_at", "ended_at IS NULL OR socialtime.valid_timestamp(ended_at)")
        check("entries", "clean_import_key", "socialtime.clean_text(import_key)")
        check("staff", "valid_created_at", "socialtime.valid_timestamp(created_at)")
        check("staff", "clean_name", "socialtime.clean_text(name) AND socialtime.clean_text(email)")
        check("justifications", "valid_week", "socialtime.valid_week(week)")
        check("justifications", "valid_submitted_at", "socialtime.valid_timestamp(submitted_at)")
        check("justifications", "valid_reviewed_at", "reviewed_at IS NULL OR socialtime.valid_timestamp(reviewed_at)")
        check("justifications", "clean_text", "socialtime.clean_text(text) AND socialtime.clean_text(review_comment)")
        check("justifications", "reviewed_by_reviewer", "(status = 'submitted') = (reviewed_by IS NULL) AND (status = 'submitted') = (reviewed_at IS NULL)")
        check("justification_history", "valid_changed_at", "socialtime.valid_timestamp(changed_at)")
        check("justification_history", "clean_text", "socialtime.clean_text(text) AND socialtime.clean_text(comment)")
        check("audit_log", "valid_at", "socialtime.valid_timestamp(at)")
        check("thresholds", "valid_week", "socialtime.valid_week(from_week)")
        check("timers", "valid_started_at", "socialtime.valid_timestamp(started_at)")
        check("timers", "clean_note", "socialtime.clean_text(note)")
        check("networks", "clean_name", "socialtime.clean_text(name)")
        check("outcomes", "clean_text", "socialtime.clean_text(description) AND socialtime.clean_text(unit)")
        check("settings", "clean_value", "socialtime.clean_text(key) AND socialtime.clean_text(value)")
        // Ids the functions draw are the sequence's own; a kept id (an import of an export) is at
        // most 2^53, so nobody can push a sequence to its end.
        for table in ["entries", "results", "justifications", "justification_history", "audit_log", "staff", "networks", "outcomes"] {
            check(table, "id_range", "id BETWEEN 1 AND 9007199254740992")
        }
        return statements
    }()

    /// Tables that hold a person's rows: read by the roster's rules, written by the owner only.
    static let personTables = ["staff", "entries", "results", "justifications", "justification_history", "timers", "audit_log"]

    static let v4Policies: [String] = {
        let manager = "(SELECT socialtime.is_manager())"
        let me = "(SELECT socialtime.my_staff_id())"
        let owner = "socialtime.is_owner()"
        var statements: [String] = [
            "DROP TRIGGER justifications_guard_review ON socialtime.justifications",
            "DROP FUNCTION socialtime.guard_review()",
        ]
        for policy in ["staff_read", "staff_register", "staff_change", "staff_remove", "entries_own", "results_own",
                       "justifications_own", "timers_own", "justification_history_own", "audit_log_read",
                       "audit_log_append", "audit_log_prune"] {
            let table = policy.hasPrefix("staff_") ? "staff"
                : policy.hasPrefix("justification_history") ? "justification_history"
                : policy.hasPrefix("audit_log") ? "audit_log"
                : String(policy.dropLast(4))
            statements.append("DROP POLICY \(policy) ON socialtime.\(table)")
        }
        for table in personTables {
            statements.append("CREATE POLICY \(table)_owner_writes ON socialtime.\(table) USING (\(owner)) WITH CHECK (\(owner))")
        }
        let ownEntry = "EXISTS (SELECT 1 FROM socialtime.entries e WHERE e.id = entry_id AND e.staff_id = \(me))"
        let ownResult = "EXISTS (SELECT 1 FROM socialtime.results r WHERE r.id = result_id AND r.staff_id = \(me))"
        let ownJustification = "EXISTS (SELECT 1 FROM socialtime.justifications j WHERE j.id = justification_id AND j.staff_id = \(me))"
        statements += [
            // The owner first: the roster functions read this table as the owner.
            "CREATE POLICY staff_read ON socialtime.staff FOR SELECT USING (\(owner) OR (handle = session_user::text AND active) OR (role = 'manager' AND \(me) IS NOT NULL) OR \(manager))",
            "CREATE POLICY entries_read ON socialtime.entries FOR SELECT USING (\(manager) OR staff_id = \(me))",
            "CREATE POLICY results_read ON socialtime.results FOR SELECT USING (\(manager) OR staff_id = \(me))",
            "CREATE POLICY justifications_read ON socialtime.justifications FOR SELECT USING (\(manager) OR staff_id = \(me))",
            "CREATE POLICY timers_read ON socialtime.timers FOR SELECT USING (\(manager) OR staff_id = \(me))",
            "CREATE POLICY justification_history_read ON socialtime.justification_history FOR SELECT USING (\(manager) OR \(ownJustification))",
            "CREATE POLICY audit_log_read ON socialtime.audit_log FOR SELECT USING (\(manager) OR \(ownEntry) OR \(ownResult))",
        ]
        return statements
    }()
}

extension PostgresSchema {
    /// A SECURITY DEFINER function with the search path pinned: `name(arguments)` returning
    /// `returns`, its body plpgsql.
    static func definer(_ signature: String, returns: String = "void", declare: String = "", _ body: String) -> String {
        """
        CREATE OR REPLACE FUNCTION socialtime.\(signature) RETURNS \(returns)
        LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $fn$
        \(declare.isEmpty ? "" : "DECLARE\n" + declare)
        BEGIN
        \(body)
        END
        $fn$
        """
    }

    static let v4Writes: [String] = [
        // The 24 h cap, now with the person's roster row as the lock (advisory locks are anyone's
        // to take and hold). Runs as the owner, so it sees and locks every row it needs.
        definer("check_day_cap()", returns: "trigger", declare: """
            person record;
            day record;
            total bigint;
            who text;
        """, """
            IF current_setting('transaction_isolation') = 'repeatable read' THEN
                RAISE EXCEPTION 'entries are written in READ COMMITTED or SERIALIZABLE transactions: under REPEATABLE READ the 24 h cap could not see other writers'
                    USING ERRCODE = 'feature_not_supported';
            END IF;
            FOR person IN SELECT DISTINCT n.staff_id FROM changed n WHERE NOT n.deleted ORDER BY n.staff_id LOOP
                PERFORM 1 FROM socialtime.staff s WHERE s.id = person.staff_id FOR NO KEY UPDATE;
            END LOOP;
            FOR day IN SELECT DISTINCT n.staff_id, n.date FROM changed n WHERE NOT n.deleted ORDER BY n.staff_id, n.date LOOP
                SELECT sum(e.minutes) INTO total
                FROM socialtime.entries e
                WHERE e.staff_id = day.staff_id AND e.date = day.date AND NOT e.deleted;
                IF total > 1440 THEN
                    SELECT s.handle INTO who FROM socialtime.staff s WHERE s.id = day.staff_id;
                    RAISE EXCEPTION 'the 24 h cap: % would have %h %m logged on %, and a day holds at most 24h 00m',
                        coalesce(who, day.staff_id::text), total / 60, lpad((total % 60)::text, 2, '0'), day.date
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'entries_day_cap',
                              TABLE = 'entries', SCHEMA = 'socialtime';
                END IF;
            END LOOP;
            RETURN NULL;
        """),
        // `lockStaff`: the person's own lock (or any person's, for a manager).
        definer("lock_staff(person bigint)", """
            PERFORM socialtime.lock_person(person, 'write');
        """),
        // A login of this database: a role in socialtime_staff whose comment names this database
        // (set by create_login), never a superuser or the administrator.
        """
        CREATE OR REPLACE FUNCTION socialtime.is_login(person text) RETURNS boolean
        LANGUAGE sql STABLE
        SET search_path = pg_catalog, pg_temp
        AS $$
            SELECT EXISTS (
                SELECT 1
                FROM pg_catalog.pg_auth_members m
                JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                JOIN pg_catalog.pg_roles r ON r.oid = m.member
                WHERE g.rolname = 'socialtime_staff' AND r.rolname = person AND NOT r.rolsuper
                  AND pg_catalog.shobj_description(r.oid, 'pg_authid') = 'socialtime login of database ' || current_database())
            AND person <> socialtime.administrator_name()
        $$
        """,
        // Logins made before migration 4 are marked as this database's, unless another's.
        """
        DO $$
        DECLARE
            person record;
        BEGIN
            FOR person IN
                SELECT r.rolname FROM pg_catalog.pg_roles r
                JOIN pg_catalog.pg_auth_members m ON m.member = r.oid
                JOIN pg_catalog.pg_roles g ON g.oid = m.roleid AND g.rolname = 'socialtime_staff'
                JOIN socialtime.staff s ON s.handle = r.rolname
                WHERE NOT r.rolsuper AND pg_catalog.shobj_description(r.oid, 'pg_authid') IS NULL
            LOOP
                BEGIN
                    EXECUTE format('COMMENT ON ROLE %I IS %L', person.rolname, 'socialtime login of database ' || current_database());
                EXCEPTION WHEN insufficient_privilege THEN NULL;
                END;
            END LOOP;
        END
        $$
        """,
        // `staff add HANDLE --login [--existing-login]`: a new login role, or (told so) an existing
        // plain login role; never a special role, a group, or another database's login.
        definer("create_login(person text, adopt boolean)", declare: """
            person_row socialtime.staff;
            existing pg_catalog.pg_roles;
            note text;
        """, """
            PERFORM socialtime.require_manager('give people logins');
            SELECT * INTO person_row FROM socialtime.staff s WHERE s.handle = person FOR NO KEY UPDATE;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'no staff member "%" on the roster: add the person first, then give them a login', person
                    USING ERRCODE = 'invalid_parameter_value';
            END IF;
            IF person = socialtime.administrator_name() THEN
                RETURN;
            END IF;
            SELECT * INTO existing FROM pg_catalog.pg_roles r WHERE r.rolname = person;
            IF NOT FOUND THEN
                EXECUTE format('CREATE ROLE %I LOGIN IN ROLE socialtime_staff', person);
                EXECUTE format('COMMENT ON ROLE %I IS %L', person, 'socialtime login of database ' || current_database());
                EXECUTE format('ALTER ROLE %I IN DATABASE %I SET search_path = socialtime, public', person, current_database());
            ELSIF socialtime.is_login(person) THEN
                NULL;
            ELSIF NOT adopt THEN
                RAISE EXCEPTION 'the PostgreSQL role "%" already exists on this server: socialtime creates new logins only; if "%" is this person''s own login, run `socialtime staff add % --login --existing-login`', person, person, person
                    USING ERRCODE = 'check_violation';
            ELSE
                note := pg_catalog.shobj_description(existing.oid, 'pg_authid');
                IF existing.rolsuper OR existing.rolcreaterole OR existing.rolcreatedb OR existing.rolreplication OR existing.rolbypassrls THEN
                    RAISE EXCEPTION 'the PostgreSQL role "%" has SUPERUSER, CREATEROLE, CREATEDB, REPLICATION or BYPASSRLS: socialtime never makes such a role a login', person
                        USING ERRCODE = 'check_violation';
                ELSIF NOT existing.rolcanlogin OR person LIKE 'pg\\_%' OR person LIKE 'socialtime\\_%'
                      OR EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m WHERE m.roleid = existing.oid) THEN
                    RAISE EXCEPTION 'the PostgreSQL role "%" is a group or special role, not a person''s login: socialtime never adopts it', person
                        USING ERRCODE = 'check_violation';
                ELSIF note IS NOT NULL AND note LIKE 'socialtime login of database %' THEN
                    RAISE EXCEPTION 'the PostgreSQL role "%" is the login of another socialtime database (%): socialtime never adopts it', person, note
                        USING ERRCODE = 'check_violation';
                END IF;
                EXECUTE format('GRANT socialtime_staff TO %I', person);
                EXECUTE format('COMMENT ON ROLE %I IS %L', person, 'socialtime login of database ' || current_database());
            END IF;
            PERFORM socialtime.apply_login(person, person_row.role, person_row.active);
        """),
        "DROP FUNCTION socialtime.create_login(text)",
        "DROP FUNCTION socialtime.advance_entry_ids()",
        // The roster. Nobody registers on a server but the administrator, as a manager; a manager
        // adds people. A handle taken meanwhile (twenty first runs at once) is the same person.
        definer("add_staff(p_handle text, p_name text, p_role text, p_email text, p_created_at text)", returns: "bigint", declare: """
            new_id bigint;
        """, """
            IF NOT socialtime.is_manager() THEN
                RAISE EXCEPTION 'only a manager can put people on the roster; % is not on it: ask a manager: `socialtime staff add HANDLE --login`', session_user
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            PERFORM socialtime.require_not_ahead(p_created_at, 'created_at');
            -- The administrator's own login joins as a manager (it has every manager right, and
            -- a review it gives must name an active manager).
            INSERT INTO socialtime.staff(handle, name, role, email, created_at)
            VALUES (p_handle, p_name, CASE WHEN p_handle = socialtime.administrator_name() THEN 'manager' ELSE p_role END, p_email, p_created_at)
            ON CONFLICT (handle) DO NOTHING
            RETURNING id INTO new_id;
            IF new_id IS NULL THEN
                SELECT s.id INTO new_id FROM socialtime.staff s WHERE s.handle = p_handle;
            END IF;
            RETURN new_id;
        """),
        // A person changes their own name and e-mail; a manager anything.
        definer("update_staff(p_id bigint, p_name text, p_set_email boolean, p_email text, p_role text, p_active boolean)", """
            IF (p_role IS NOT NULL OR p_active IS NOT NULL) THEN
                PERFORM socialtime.require_manager('change roles or deactivate people');
            END IF;
            PERFORM socialtime.lock_person(p_id, 'change the roster');
            IF p_name IS NOT NULL THEN UPDATE socialtime.staff SET name = p_name WHERE id = p_id; END IF;
            IF p_set_email THEN UPDATE socialtime.staff SET email = p_email WHERE id = p_id; END IF;
            IF p_role IS NOT NULL THEN UPDATE socialtime.staff SET role = p_role WHERE id = p_id; END IF;
            IF p_active IS NOT NULL THEN UPDATE socialtime.staff SET active = p_active WHERE id = p_id; END IF;
        """),
        // Catalogues and settings: managers.
        definer("add_network(p_key text, p_name text, p_aliases text[])", declare: """
            new_id bigint;
        """, """
            PERFORM socialtime.require_manager('add networks');
            INSERT INTO socialtime.networks(key, name) VALUES (p_key, p_name) RETURNING id INTO new_id;
            INSERT INTO socialtime.network_aliases(alias, network_id) SELECT a, new_id FROM unnest(p_aliases) AS a;
        """),
        definer("add_outcome(p_key text, p_description text, p_unit text)", """
            PERFORM socialtime.require_manager('add outcomes');
            INSERT INTO socialtime.outcomes(key, description, unit) VALUES (p_key, p_description, p_unit);
        """),
        definer("update_outcome(p_id bigint, p_key text, p_retired boolean)", """
            PERFORM socialtime.require_manager('change outcomes');
            IF p_key IS NOT NULL THEN UPDATE socialtime.outcomes SET key = p_key WHERE id = p_id; END IF;
            IF p_retired IS NOT NULL THEN UPDATE socialtime.outcomes SET retired = p_retired WHERE id = p_id; END IF;
        """),
        definer("save_threshold(p_from_week text, p_minutes bigint, p_set_at text, p_set_by text)", """
            PERFORM socialtime.require_manager('set the threshold');
            INSERT INTO socialtime.thresholds(from_week, minutes, set_at, set_by)
            VALUES (p_from_week, p_minutes, p_set_at, p_set_by)
            ON CONFLICT (from_week) DO UPDATE SET minutes = excluded.minutes, set_at = excluded.set_at, set_by = excluded.set_by;
        """),
        definer("set_setting(p_key text, p_value text)", """
            PERFORM socialtime.require_manager('change settings');
            IF p_value IS NULL THEN
                DELETE FROM socialtime.settings WHERE key = p_key;
            ELSE
                INSERT INTO socialtime.settings(key, value) VALUES (p_key, p_value)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value;
            END IF;
        """),
        // Entries, each change with its audit row, naming the connected login.
        definer("log_entry(p_staff_id bigint, p_date text, p_minutes bigint, p_network_id bigint, p_outcome_id bigint, p_note text, p_logged_at text, p_started_at text, p_ended_at text, p_import_key text)", returns: "bigint", declare: """
            new_id bigint;
        """, """
            PERFORM socialtime.lock_person(p_staff_id, 'log time');
            PERFORM socialtime.require_not_ahead(p_logged_at, 'logged_at');
            INSERT INTO socialtime.entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at, started_at, ended_at, import_key)
            VALUES (p_staff_id, p_date, p_minutes, p_network_id, p_outcome_id, p_note, p_logged_at, p_started_at, p_ended_at, p_import_key)
            RETURNING id INTO new_id;
            INSERT INTO socialtime.audit_log(at, actor, action, entry_id, before, after)
            VALUES (p_logged_at, session_user::text, 'create', new_id, NULL, socialtime.entry_json(new_id));
            RETURN new_id;
        """),
        definer("edit_entry(p_id bigint, p_date text, p_minutes bigint, p_network_id bigint, p_outcome_id bigint, p_note text, p_updated_at text, p_reason text, p_started_at text DEFAULT NULL, p_ended_at text DEFAULT NULL)", declare: """
            person bigint;
            before_json text;
        """, """
            SELECT e.staff_id INTO person FROM socialtime.entries e WHERE e.id = p_id;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'no entry #%', p_id USING ERRCODE = 'foreign_key_violation';
            END IF;
            PERFORM socialtime.lock_person(person, 'edit entries');
            PERFORM socialtime.require_not_ahead(p_updated_at, 'updated_at');
            before_json := socialtime.entry_json(p_id);
            UPDATE socialtime.entries SET date = p_date, minutes = p_minutes, network_id = p_network_id,
                outcome_id = p_outcome_id, note = p_note, updated_at = p_updated_at,
                started_at = COALESCE(p_started_at, started_at), ended_at = COALESCE(p_ended_at, ended_at)
            WHERE id = p_id;
            INSERT INTO socialtime.audit_log(at, actor, action, entry_id, before, after, reason)
            VALUES (p_updated_at, session_user::text, 'edit', p_id, before_json, socialtime.entry_json(p_id), p_reason);
        """),
        definer("set_entry_deleted(p_id bigint, p_deleted boolean, p_updated_at text, p_reason text)", declare: """
            person bigint;
            before_json text;
        """, """
            SELECT e.staff_id INTO person FROM socialtime.entries e WHERE e.id = p_id;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'no entry #%', p_id USING ERRCODE = 'foreign_key_violation';
            END IF;
            PERFORM socialtime.lock_person(person, CASE WHEN p_deleted THEN 'delete entries' ELSE 'restore entries' END);
            PERFORM socialtime.require_not_ahead(p_updated_at, 'updated_at');
            before_json := socialtime.entry_json(p_id);
            UPDATE socialtime.entries SET deleted = p_deleted, updated_at = p_updated_at WHERE id = p_id;
            INSERT INTO socialtime.audit_log(at, actor, action, entry_id, before, after, reason)
            VALUES (p_updated_at, session_user::text, CASE WHEN p_deleted THEN 'delete' ELSE 'restore' END, p_id,
                    before_json, socialtime.entry_json(p_id), p_reason);
        """),
        // An import's rows, their audit rows ('import', no snapshot). Kept ids (an export
        // re-imported) are a manager's, and move the sequence past them.
        definer("import_entries(p_ids bigint[], p_staff_ids bigint[], p_dates text[], p_minutes bigint[], p_network_ids bigint[], p_outcome_ids bigint[], p_notes text[], p_logged_at text[], p_started_at text[], p_ended_at text[], p_import_keys text[], p_at text, p_actor text, p_late_weeks text[], p_reason text)", returns: "SETOF bigint", declare: """
            person bigint;
            new_ids bigint[];
        """, """
            FOR person IN SELECT DISTINCT p FROM unnest(p_staff_ids) AS p ORDER BY p LOOP
                PERFORM socialtime.lock_person(person, 'import entries');
            END LOOP;
            PERFORM socialtime.require_not_ahead(p_at, 'the import''s time');
            IF p_actor IS DISTINCT FROM session_user::text THEN
                PERFORM socialtime.require_manager('import as someone else');
            END IF;
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
            -- RETURNING gives the ids in the rows' order, which p_late_weeks follows.
            INSERT INTO socialtime.audit_log(at, actor, action, entry_id, before, after, late_week, reason)
            SELECT p_at, p_actor, 'import', i, NULL, NULL, w, p_reason
            FROM unnest(new_ids, coalesce(p_late_weeks, ARRAY[]::text[])) AS t(i, w) WHERE i IS NOT NULL ORDER BY i;
            RETURN QUERY SELECT i FROM unnest(new_ids) AS i ORDER BY i;
        """),
        // A manager acting `--as` someone: the audit rows this transaction just wrote name the
        // acting person, as on a file. Only rows of this transaction, written under the caller's
        // own name, and only a handle.
        // The rulebook's own notes on the change: a manager's --reason for a closed week and the
        // late week it decided (issue 18), on the rows of this transaction in the caller's name.
        definer("name_acting_person(p_entry_id bigint, p_result_id bigint, p_actor text, p_reason text, p_late_week text)", """
            IF p_actor IS DISTINCT FROM session_user::text THEN
                PERFORM socialtime.require_manager('act as someone else');
            END IF;
            IF p_actor IS NULL OR p_actor !~ '^[a-z0-9._-]{1,32}$' THEN
                RAISE EXCEPTION 'the acting person "%" is not a handle', p_actor USING ERRCODE = 'invalid_parameter_value';
            END IF;
            UPDATE socialtime.audit_log SET actor = p_actor, reason = p_reason, late_week = p_late_week
            WHERE (entry_id = p_entry_id OR result_id = p_result_id) AND actor = session_user::text
              AND xmin = (pg_catalog.pg_current_xact_id()::text::bigint % 4294967296)::text::xid;
        """),
        // Results, like entries.
        definer("record_result(p_id bigint, p_staff_id bigint, p_date text, p_outcome_id bigint, p_quantity bigint, p_note text, p_logged_at text)", returns: "bigint", declare: """
            new_id bigint;
        """, """
            PERFORM socialtime.lock_person(p_staff_id, 'record results');
            PERFORM socialtime.require_not_ahead(p_logged_at, 'logged_at');
            IF p_id IS NOT NULL THEN
                PERFORM socialtime.require_manager('record results with their ids kept');
                INSERT INTO socialtime.results(id, staff_id, date, outcome_id, quantity, note, logged_at)
                VALUES (p_id, p_staff_id, p_date, p_outcome_id, p_quantity, p_note, p_logged_at) RETURNING id INTO new_id;
                PERFORM pg_catalog.setval(pg_catalog.pg_get_serial_sequence('socialtime.results', 'id'),
                                          greatest((SELECT max(r.id) FROM socialtime.results r), 1));
            ELSE
                INSERT INTO socialtime.results(staff_id, date, outcome_id, quantity, note, logged_at)
                VALUES (p_staff_id, p_date, p_outcome_id, p_quantity, p_note, p_logged_at) RETURNING id INTO new_id;
            END IF;
            INSERT INTO socialtime.audit_log(at, actor, action, result_id, before, after)
            VALUES (p_logged_at, session_user::text, 'create', new_id, NULL, socialtime.result_json(new_id));
            RETURN new_id;
        """),
        definer("edit_result(p_id bigint, p_date text, p_quantity bigint, p_outcome_id bigint, p_note text, p_updated_at text)", declare: """
            person bigint;
            before_json text;
        """, """
            SELECT r.staff_id INTO person FROM socialtime.results r WHERE r.id = p_id;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'no result #%', p_id USING ERRCODE = 'foreign_key_violation';
            END IF;
            PERFORM socialtime.lock_person(person, 'edit results');
            PERFORM socialtime.require_not_ahead(p_updated_at, 'updated_at');
            before_json := socialtime.result_json(p_id);
            UPDATE socialtime.results SET date = p_date, quantity = p_quantity, outcome_id = p_outcome_id,
                note = p_note, updated_at = p_updated_at
            WHERE id = p_id;
            INSERT INTO socialtime.audit_log(at, actor, action, result_id, before, after)
            VALUES (p_updated_at, session_user::text, 'edit', p_id, before_json, socialtime.result_json(p_id));
        """),
        definer("set_result_deleted(p_id bigint, p_deleted boolean, p_updated_at text)", declare: """
            person bigint;
            before_json text;
        """, """
            SELECT r.staff_id INTO person FROM socialtime.results r WHERE r.id = p_id;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'no result #%', p_id USING ERRCODE = 'foreign_key_violation';
            END IF;
            PERFORM socialtime.lock_person(person, 'delete results');
            PERFORM socialtime.require_not_ahead(p_updated_at, 'updated_at');
            before_json := socialtime.result_json(p_id);
            UPDATE socialtime.results SET deleted = p_deleted, updated_at = p_updated_at WHERE id = p_id;
            INSERT INTO socialtime.audit_log(at, actor, action, result_id, before, after)
            VALUES (p_updated_at, session_user::text, CASE WHEN p_deleted THEN 'delete' ELSE 'restore' END, p_id,
                    before_json, socialtime.result_json(p_id));
        """),
        // Justifications: submitted by the person (or a manager for them), with the history row.
        definer("submit_justification(p_id bigint, p_staff_id bigint, p_week text, p_text text, p_submitted_at text)", returns: "bigint", declare: """
            the_id bigint := p_id;
            person bigint := p_staff_id;
        """, """
            IF the_id IS NOT NULL THEN
                SELECT j.staff_id INTO person FROM socialtime.justifications j WHERE j.id = the_id;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'no justification #%', the_id USING ERRCODE = 'foreign_key_violation';
                END IF;
            END IF;
            PERFORM socialtime.lock_person(person, 'justify weeks');
            PERFORM socialtime.require_not_ahead(p_submitted_at, 'submitted_at');
            IF the_id IS NULL THEN
                INSERT INTO socialtime.justifications(staff_id, week, text, status, submitted_at)
                VALUES (person, p_week, p_text, 'submitted', p_submitted_at) RETURNING id INTO the_id;
            ELSE
                UPDATE socialtime.justifications SET text = p_text, status = 'submitted', submitted_at = p_submitted_at,
                    reviewed_by = NULL, reviewed_at = NULL, review_comment = NULL, reviewed_minutes = NULL
                WHERE id = the_id;
            END IF;
            INSERT INTO socialtime.justification_history(justification_id, text, status, comment, changed_by, changed_at)
            VALUES (the_id, p_text, 'submitted', NULL, person, p_submitted_at);
            RETURN the_id;
        """),
        // A review: by the connected manager in their own name (the administrator may name an
        // active manager), never the person's own.
        definer("review_justification(p_id bigint, p_status text, p_reviewer_id bigint, p_reviewed_at text, p_comment text, p_reviewed_minutes bigint)", declare: """
            j socialtime.justifications;
            reviewer bigint;
        """, """
            PERFORM socialtime.require_manager('review justifications');
            SELECT * INTO j FROM socialtime.justifications x WHERE x.id = p_id;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'no justification #%', p_id USING ERRCODE = 'foreign_key_violation';
            END IF;
            IF session_user::text = socialtime.administrator_name() THEN
                reviewer := p_reviewer_id;
            ELSE
                reviewer := socialtime.my_staff_id();
                IF p_reviewer_id IS DISTINCT FROM reviewer THEN
                    RAISE EXCEPTION 'a review is given in the reviewer''s own name: % cannot review as someone else', session_user
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM socialtime.staff s WHERE s.id = reviewer AND s.active AND s.role = 'manager') THEN
                RAISE EXCEPTION 'a review names an active manager, and staff member #% is not one', coalesce(reviewer::text, '?')
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF reviewer = j.staff_id THEN
                RAISE EXCEPTION 'nobody reviews their own justification' USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF p_status NOT IN ('accepted', 'rejected') THEN
                RAISE EXCEPTION 'a review accepts or rejects, not "%"', p_status USING ERRCODE = 'check_violation';
            END IF;
            PERFORM socialtime.lock_person(j.staff_id, 'review justifications');
            PERFORM socialtime.require_not_ahead(p_reviewed_at, 'reviewed_at');
            UPDATE socialtime.justifications SET status = p_status, reviewed_by = reviewer, reviewed_at = p_reviewed_at,
                review_comment = p_comment, reviewed_minutes = p_reviewed_minutes
            WHERE id = p_id;
            INSERT INTO socialtime.justification_history(justification_id, text, status, comment, changed_by, changed_at)
            VALUES (p_id, j.text, p_status, p_comment, reviewer, p_reviewed_at);
        """),
        // Timers: one's own, or a manager's for anyone.
        definer("save_timer(p_staff_id bigint, p_network_id bigint, p_outcome_id bigint, p_note text, p_started_at text)", """
            PERFORM socialtime.lock_person(p_staff_id, 'start timers');
            PERFORM socialtime.require_not_ahead(p_started_at, 'started_at');
            INSERT INTO socialtime.timers(staff_id, network_id, outcome_id, note, started_at)
            VALUES (p_staff_id, p_network_id, p_outcome_id, p_note, p_started_at)
            ON CONFLICT (staff_id) DO UPDATE SET network_id = excluded.network_id, outcome_id = excluded.outcome_id,
                note = excluded.note, started_at = excluded.started_at;
        """),
        definer("delete_timer(p_staff_id bigint)", """
            PERFORM socialtime.lock_person(p_staff_id, 'stop timers');
            DELETE FROM socialtime.timers WHERE staff_id = p_staff_id;
        """),
        // `staff erase`: a manager's, in foreign-key order (what refers to a row goes before the
        // row), exactly what the SQLite file's erasure does. The rulebook made the stand-in
        // (`erased-N`, through add_staff) when anything stays.
        definer("erase_person(p_staff_id bigint, p_stand_in_id bigint, p_keep_entries boolean, p_kept_text text)", declare: """
            person_handle text;
            stand_in_handle text;
        """, """
            PERFORM socialtime.require_manager('erase a person''s data');
            SELECT s.handle INTO person_handle FROM socialtime.staff s WHERE s.id = p_staff_id FOR UPDATE;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'no staff member #% on the roster', p_staff_id USING ERRCODE = 'foreign_key_violation';
            END IF;
            IF p_stand_in_id IS NOT NULL THEN
                SELECT s.handle INTO stand_in_handle FROM socialtime.staff s WHERE s.id = p_stand_in_id AND s.id <> p_staff_id;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'no stand-in #% on the roster', p_stand_in_id USING ERRCODE = 'foreign_key_violation';
                END IF;
            END IF;
            -- Audit rows about their own entries and results go; the changes they made to other
            -- people's stay, with the stand-in as actor (ids kept, so each history keeps its order).
            DELETE FROM socialtime.audit_log
            WHERE entry_id IN (SELECT e.id FROM socialtime.entries e WHERE e.staff_id = p_staff_id)
               OR result_id IN (SELECT r.id FROM socialtime.results r WHERE r.staff_id = p_staff_id);
            IF stand_in_handle IS NOT NULL THEN
                UPDATE socialtime.audit_log SET actor = stand_in_handle WHERE actor = person_handle;
            ELSE
                DELETE FROM socialtime.audit_log WHERE actor = person_handle;
            END IF;
            DELETE FROM socialtime.justification_history
            WHERE justification_id IN (SELECT j.id FROM socialtime.justifications j WHERE j.staff_id = p_staff_id);
            -- Their review comments are text they wrote: removed, while the reviews themselves stay.
            UPDATE socialtime.justifications SET review_comment = NULL WHERE reviewed_by = p_staff_id;
            UPDATE socialtime.justification_history SET comment = NULL WHERE changed_by = p_staff_id;
            IF stand_in_handle IS NOT NULL THEN
                UPDATE socialtime.justifications SET reviewed_by = p_stand_in_id WHERE reviewed_by = p_staff_id;
                UPDATE socialtime.justification_history SET changed_by = p_stand_in_id WHERE changed_by = p_staff_id;
                UPDATE socialtime.thresholds SET set_by = stand_in_handle WHERE set_by = person_handle;
            END IF;
            DELETE FROM socialtime.timers WHERE staff_id = p_staff_id;
            IF p_keep_entries AND stand_in_handle IS NOT NULL THEN
                UPDATE socialtime.justifications SET staff_id = p_stand_in_id, text = p_kept_text, review_comment = NULL
                WHERE staff_id = p_staff_id;
                DELETE FROM socialtime.results WHERE staff_id = p_staff_id AND deleted;
                UPDATE socialtime.results SET staff_id = p_stand_in_id, note = '' WHERE staff_id = p_staff_id;
                DELETE FROM socialtime.entries WHERE staff_id = p_staff_id AND deleted;
                UPDATE socialtime.entries SET staff_id = p_stand_in_id, note = '', started_at = NULL, ended_at = NULL, import_key = NULL
                WHERE staff_id = p_staff_id;
            ELSE
                DELETE FROM socialtime.justifications WHERE staff_id = p_staff_id;
                DELETE FROM socialtime.results WHERE staff_id = p_staff_id;
                DELETE FROM socialtime.entries WHERE staff_id = p_staff_id;
            END IF;
            DELETE FROM socialtime.staff WHERE id = p_staff_id;
        """),
        // `db prune`: a manager's; entries and results dated before p_date, justifications of
        // weeks before p_week (the cut-off's week), with their audit rows and history.
        definer("prune_before(p_date text, p_week text)", """
            PERFORM socialtime.require_manager('prune old weeks');
            DELETE FROM socialtime.audit_log
            WHERE entry_id IN (SELECT e.id FROM socialtime.entries e WHERE e.date < p_date)
               OR result_id IN (SELECT r.id FROM socialtime.results r WHERE r.date < p_date);
            DELETE FROM socialtime.justification_history
            WHERE justification_id IN (SELECT j.id FROM socialtime.justifications j WHERE j.week < p_week);
            DELETE FROM socialtime.justifications WHERE week < p_week;
            DELETE FROM socialtime.results WHERE date < p_date;
            DELETE FROM socialtime.entries WHERE date < p_date;
        """),
    ]

    static let v4Grants: [String] = [
        // Logins read, and write only through the functions.
        "REVOKE ALL ON ALL TABLES IN SCHEMA socialtime FROM PUBLIC, socialtime_staff, socialtime_manager",
        "REVOKE ALL ON ALL SEQUENCES IN SCHEMA socialtime FROM PUBLIC, socialtime_staff, socialtime_manager",
        "GRANT SELECT ON ALL TABLES IN SCHEMA socialtime TO socialtime_staff, socialtime_manager",
        "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA socialtime FROM PUBLIC, socialtime_staff, socialtime_manager",
        """
        GRANT EXECUTE ON FUNCTION socialtime.is_manager(), socialtime.my_staff_id(), socialtime.administrator_name(),
            socialtime.is_owner(), socialtime.lock_staff(bigint),
            socialtime.add_staff(text, text, text, text, text),
            socialtime.update_staff(bigint, text, boolean, text, text, boolean),
            socialtime.create_login(text, boolean),
            socialtime.add_network(text, text, text[]), socialtime.add_outcome(text, text, text),
            socialtime.update_outcome(bigint, text, boolean), socialtime.save_threshold(text, bigint, text, text),
            socialtime.set_setting(text, text),
            socialtime.log_entry(bigint, text, bigint, bigint, bigint, text, text, text, text, text),
            socialtime.edit_entry(bigint, text, bigint, bigint, bigint, text, text, text, text, text),
            socialtime.set_entry_deleted(bigint, boolean, text, text),
            socialtime.import_entries(bigint[], bigint[], text[], bigint[], bigint[], bigint[], text[], text[], text[], text[], text[], text, text, text[], text),
            socialtime.name_acting_person(bigint, bigint, text, text, text),
            socialtime.record_result(bigint, bigint, text, bigint, bigint, text, text),
            socialtime.edit_result(bigint, text, bigint, bigint, text, text),
            socialtime.set_result_deleted(bigint, boolean, text),
            socialtime.submit_justification(bigint, bigint, text, text, text),
            socialtime.review_justification(bigint, text, bigint, text, text, bigint),
            socialtime.save_timer(bigint, bigint, bigint, text, text),
            socialtime.delete_timer(bigint),
            socialtime.erase_person(bigint, bigint, boolean, text),
            socialtime.prune_before(text, text)
        TO socialtime_staff, socialtime_manager
        """,
    ]
}
