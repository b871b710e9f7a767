/// Migration 5: the rest of issue 19.
///
/// - socialtime's schema, tables and functions belong to a role nobody logs in as: the
///   database's owner role (`socialtime_owner_<database>`, NOLOGIN, CREATEROLE so its functions
///   can make and move logins). The administrator is its member, so `db init` and later
///   migrations still work; `PostgresMigrator` hands whatever a later migration creates to it.
/// - The rulebook's entry rules hold inside the database too, for a psql caller: a closed week
///   (`config close-after`: staff never, a manager with a reason), no overlapping timed entries,
///   and the settings `config` writes hold what `config` accepts.
/// - `import_entries` keeps ids for a manager only: a staff member's rows always take the
///   sequence's ids.
extension PostgresSchema {
    static let version5: [String] = v5Owner + v5Rules + v5Writes + v5Grants

    /// The owner role's name as SQL: stored in `socialtime.owner_name()` when migration 5 runs, so
    /// a renamed database (or a copy made from it as a template) keeps its owner.
    static let v5Owner: [String] = [
        """
        DO $$
        DECLARE
            owner_role text := 'socialtime_owner_' || current_database();
            existing pg_catalog.pg_roles;
        BEGIN
            IF octet_length(owner_role) > 63 THEN
                owner_role := 'socialtime_owner_' || md5(current_database());
            END IF;
            SELECT * INTO existing FROM pg_catalog.pg_roles r WHERE r.rolname = owner_role;
            IF NOT FOUND THEN
                EXECUTE format('CREATE ROLE %I NOLOGIN CREATEROLE', owner_role);
            ELSIF existing.rolcanlogin OR existing.rolsuper OR existing.rolbypassrls OR existing.rolreplication THEN
                RAISE EXCEPTION 'the PostgreSQL role "%" exists and is a login or a special role: socialtime''s tables and functions belong to a role nobody logs in as; drop or rename that role, then run `socialtime db init` again', owner_role
                    USING ERRCODE = 'duplicate_object';
            END IF;
            EXECUTE format('COMMENT ON ROLE %I IS %L', owner_role, 'socialtime owner of database ' || current_database());
            EXECUTE format('GRANT %I TO %I', owner_role, current_user);
            -- From PostgreSQL 16 on, CREATEROLE reaches only the roles one administers.
            IF current_setting('server_version_num')::int >= 160000 THEN
                EXECUTE format('GRANT socialtime_staff, socialtime_manager TO %I WITH ADMIN OPTION', owner_role);
            END IF;
            EXECUTE format('CREATE FUNCTION socialtime.owner_name() RETURNS text LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS %L',
                           format('SELECT %L::text', owner_role));
        END
        $$
        """,
        // Writers: the owner role (inside the functions) and the administrator's own connection.
        """
        CREATE OR REPLACE FUNCTION socialtime.is_owner() RETURNS boolean
        LANGUAGE sql STABLE
        SET search_path = pg_catalog, pg_temp
        AS $$ SELECT current_user::text IN (socialtime.owner_name(), socialtime.administrator_name()) $$
        """,
    ]

    /// Hands the schema and everything in it to the owner role: run at the end of migration 5
    /// and after every later migration, so what a migration creates as the administrator never
    /// stays the administrator's.
    static let takeOwnership = """
        DO $$
        DECLARE
            owner_role text := socialtime.owner_name();
            owner_oid oid := (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = socialtime.owner_name());
            item record;
        BEGIN
            IF (SELECT n.nspowner FROM pg_catalog.pg_namespace n WHERE n.nspname = 'socialtime') <> owner_oid THEN
                EXECUTE format('ALTER SCHEMA socialtime OWNER TO %I', owner_role);
            END IF;
            FOR item IN
                SELECT c.relname, c.relkind FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'socialtime' AND c.relowner <> owner_oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                ORDER BY c.relkind, c.relname
            LOOP
                -- A sequence owned by a column follows its table.
                IF item.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                        WHERE d.objid = ('socialtime.' || quote_ident(item.relname))::regclass AND d.deptype IN ('a', 'i')) THEN
                    CONTINUE;
                END IF;
                EXECUTE format('ALTER %s socialtime.%I OWNER TO %I',
                               CASE item.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                                 WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                               item.relname, owner_role);
            END LOOP;
            FOR item IN
                SELECT p.oid::regprocedure AS signature FROM pg_catalog.pg_proc p
                JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'socialtime' AND p.proowner <> owner_oid
            LOOP
                EXECUTE format('ALTER ROUTINE %s OWNER TO %I', item.signature, owner_role);
            END LOOP;
        END
        $$
        """

    static let v5Rules: [String] = [
        // The ISO week `p_date` lies in, when it is closed at `p_at` (`config close-after`): its
        // name, the day it closed and the setting, as the rulebook says them; NULL when open.
        // "Today" is the change's own moment, never earlier than the day before the newest moment
        // the audit log holds: a caller who dates a change back does not reopen a week.
        definer("closed_week(p_date text, p_at text)", returns: "text", declare: """
            days_text text;
            days int;
            day date;
            closing date;
            today date;
            newest text;
        """, """
            SELECT s.value INTO days_text FROM socialtime.settings s WHERE s.key = 'close_after_days';
            IF days_text IS NULL OR days_text !~ '^[0-9]{1,3}$' OR p_date IS NULL OR NOT coalesce(socialtime.valid_date(p_date), false) THEN
                RETURN NULL;
            END IF;
            days := days_text::int;
            day := p_date::date;
            closing := day + (7 - extract(isodow FROM day)::int) + days + 1;
            IF coalesce(socialtime.valid_timestamp(p_at), false) THEN
                today := substr(p_at, 1, 10)::date;
            END IF;
            SELECT a.at INTO newest FROM socialtime.audit_log a ORDER BY a.id DESC LIMIT 1;
            IF coalesce(socialtime.valid_timestamp(newest), false) THEN
                today := greatest(today, substr(newest, 1, 10)::date - 1);
            END IF;
            IF today IS NULL OR closing > today THEN
                RETURN NULL;
            END IF;
            RETURN format('%s closed on %s (%s days after it ended, `config close-after`)',
                          to_char(day, 'IYYY-"W"IW'), to_char(closing, 'YYYY-MM-DD'), days);
        """),
        // Staff never change entries dated in a closed week (77, as the rulebook says it).
        definer("require_open_week(p_date text, p_at text)", declare: """
            closed text;
        """, """
            IF socialtime.is_manager() THEN
                RETURN;
            END IF;
            closed := socialtime.closed_week(p_date, p_at);
            IF closed IS NOT NULL THEN
                RAISE EXCEPTION '%: staff cannot change its entries; % is staff — ask a manager', closed, session_user
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
        """),
        // A manager's change in a closed week carries a reason. The reason reaches the audit row
        // after the change itself (`name_acting_person`), so this is checked when the transaction
        // commits, on the row as it is then. The administrator's own connection (a `db copy` of
        // a whole history) is not held to it.
        definer("check_closed_week_reason()", returns: "trigger", declare: """
            a socialtime.audit_log;
            day text;
            closed text;
        """, """
            IF session_user::text = socialtime.administrator_name() THEN
                RETURN NULL;
            END IF;
            SELECT * INTO a FROM socialtime.audit_log x WHERE x.id = NEW.id;
            IF NOT FOUND OR a.reason IS NOT NULL OR a.entry_id IS NULL THEN
                RETURN NULL;
            END IF;
            FOREACH day IN ARRAY ARRAY[substring(a.before FROM '"date":"([0-9]{4}-[0-9]{2}-[0-9]{2})"'),
                                       substring(a.after FROM '"date":"([0-9]{4}-[0-9]{2}-[0-9]{2})"')] LOOP
                closed := CASE WHEN day IS NULL THEN NULL ELSE socialtime.closed_week(day, a.at) END;
                IF closed IS NOT NULL THEN
                    RAISE EXCEPTION 'entry #% is dated in %: a manager''s change in a closed week needs --reason TEXT, which the week''s late changes show', a.entry_id, closed
                        USING ERRCODE = 'check_violation';
                END IF;
            END LOOP;
            RETURN NULL;
        """),
        """
        CREATE CONSTRAINT TRIGGER audit_log_closed_week_reason AFTER INSERT ON socialtime.audit_log
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
        WHEN (NEW.entry_id IS NOT NULL AND NEW.action <> 'import')
        EXECUTE FUNCTION socialtime.check_closed_week_reason()
        """,
        // No overlaps: a live timed entry never overlaps another live timed entry of the same
        // person (64, naming it, as the rulebook does). `p_allow_repeat`: an import's rows with
        // exactly the same start and end are distinct entries of a tracker, not an overlap.
        definer("check_overlap(p_id bigint, p_allow_repeat boolean)", declare: """
            e socialtime.entries;
            other socialtime.entries;
            who text;
        """, """
            SELECT * INTO e FROM socialtime.entries x WHERE x.id = p_id;
            IF NOT FOUND OR e.deleted OR e.started_at IS NULL OR e.ended_at IS NULL THEN
                RETURN;
            END IF;
            SELECT * INTO other FROM socialtime.entries o
            WHERE o.staff_id = e.staff_id AND o.id <> e.id AND NOT o.deleted
              AND o.date BETWEEN to_char(e.date::date - 1, 'YYYY-MM-DD') AND to_char(e.date::date + 1, 'YYYY-MM-DD')
              AND o.started_at IS NOT NULL AND o.ended_at IS NOT NULL
              AND o.started_at::timestamptz < e.ended_at::timestamptz AND e.started_at::timestamptz < o.ended_at::timestamptz
              AND NOT (p_allow_repeat AND o.started_at::timestamptz = e.started_at::timestamptz
                       AND o.ended_at::timestamptz = e.ended_at::timestamptz)
            ORDER BY o.started_at::timestamptz, o.id
            LIMIT 1;
            IF FOUND THEN
                SELECT s.handle INTO who FROM socialtime.staff s WHERE s.id = e.staff_id;
                RAISE EXCEPTION '%–% overlaps entry #% (% %–%) of %: time is counted once — change that entry (`socialtime edit %`) or give times that do not overlap it',
                    substr(e.started_at, 12, 5), substr(e.ended_at, 12, 5), other.id, other.date,
                    substr(other.started_at, 12, 5), substr(other.ended_at, 12, 5), who, other.id
                    USING ERRCODE = 'check_violation';
            END IF;
        """),
        // A restore brings a timed entry back among the live ones: checked at commit, after the
        // rulebook (which checks once the entry is back) has had its say.
        definer("check_restored_overlap()", returns: "trigger", """
            PERFORM socialtime.check_overlap(NEW.id, false);
            RETURN NULL;
        """),
        """
        CREATE CONSTRAINT TRIGGER entries_restored_overlap AFTER UPDATE OF deleted ON socialtime.entries
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
        WHEN (OLD.deleted AND NOT NEW.deleted AND NEW.started_at IS NOT NULL AND NEW.ended_at IS NOT NULL)
        EXECUTE FUNCTION socialtime.check_restored_overlap()
        """,
        // `config close-after` and `config timer-limit` hold what `config` accepts (the timer
        // limit itself is a prompt to the person stopping a forgotten timer — `stop --keep` logs
        // it all — so it guards no data a caller could not write through `stop --keep`).
        """
        ALTER TABLE socialtime.settings ADD CONSTRAINT settings_rule_values CHECK (
            CASE key
                WHEN 'close_after_days' THEN CASE WHEN value ~ '^[0-9]{1,3}$' THEN value::int <= 366 ELSE false END
                WHEN 'timer_limit_minutes' THEN CASE WHEN value ~ '^[0-9]{1,4}$' THEN value::int BETWEEN 1 AND 1440 ELSE false END
                ELSE true
            END) NOT VALID
        """,
    ]

    static let v5Writes: [String] = [
        definer("log_entry(p_staff_id bigint, p_date text, p_minutes bigint, p_network_id bigint, p_outcome_id bigint, p_note text, p_logged_at text, p_started_at text, p_ended_at text, p_import_key text)", returns: "bigint", declare: """
            new_id bigint;
        """, """
            PERFORM socialtime.lock_person(p_staff_id, 'log time');
            PERFORM socialtime.require_not_ahead(p_logged_at, 'logged_at');
            PERFORM socialtime.require_open_week(p_date, p_logged_at);
            INSERT INTO socialtime.entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at, started_at, ended_at, import_key)
            VALUES (p_staff_id, p_date, p_minutes, p_network_id, p_outcome_id, p_note, p_logged_at, p_started_at, p_ended_at, p_import_key)
            RETURNING id INTO new_id;
            PERFORM socialtime.check_overlap(new_id, false);
            INSERT INTO socialtime.audit_log(at, actor, action, entry_id, before, after)
            VALUES (p_logged_at, session_user::text, 'create', new_id, NULL, socialtime.entry_json(new_id));
            RETURN new_id;
        """),
        definer("edit_entry(p_id bigint, p_date text, p_minutes bigint, p_network_id bigint, p_outcome_id bigint, p_note text, p_updated_at text, p_reason text, p_started_at text DEFAULT NULL, p_ended_at text DEFAULT NULL)", declare: """
            person bigint;
            old_date text;
            before_json text;
        """, """
            SELECT e.staff_id, e.date INTO person, old_date FROM socialtime.entries e WHERE e.id = p_id;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'no entry #%', p_id USING ERRCODE = 'foreign_key_violation';
            END IF;
            PERFORM socialtime.lock_person(person, 'edit entries');
            PERFORM socialtime.require_not_ahead(p_updated_at, 'updated_at');
            PERFORM socialtime.require_open_week(old_date, p_updated_at);
            PERFORM socialtime.require_open_week(p_date, p_updated_at);
            before_json := socialtime.entry_json(p_id);
            UPDATE socialtime.entries SET date = p_date, minutes = p_minutes, network_id = p_network_id,
                outcome_id = p_outcome_id, note = p_note, updated_at = p_updated_at,
                started_at = COALESCE(p_started_at, started_at), ended_at = COALESCE(p_ended_at, ended_at)
            WHERE id = p_id;
            PERFORM socialtime.check_overlap(p_id, false);
            INSERT INTO socialtime.audit_log(at, actor, action, entry_id, before, after, reason)
            VALUES (p_updated_at, session_user::text, 'edit', p_id, before_json, socialtime.entry_json(p_id), p_reason);
        """),
        definer("set_entry_deleted(p_id bigint, p_deleted boolean, p_updated_at text, p_reason text)", declare: """
            person bigint;
            old_date text;
            before_json text;
        """, """
            SELECT e.staff_id, e.date INTO person, old_date FROM socialtime.entries e WHERE e.id = p_id;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'no entry #%', p_id USING ERRCODE = 'foreign_key_violation';
            END IF;
            PERFORM socialtime.lock_person(person, CASE WHEN p_deleted THEN 'delete entries' ELSE 'restore entries' END);
            PERFORM socialtime.require_not_ahead(p_updated_at, 'updated_at');
            PERFORM socialtime.require_open_week(old_date, p_updated_at);
            before_json := socialtime.entry_json(p_id);
            UPDATE socialtime.entries SET deleted = p_deleted, updated_at = p_updated_at WHERE id = p_id;
            INSERT INTO socialtime.audit_log(at, actor, action, entry_id, before, after, reason)
            VALUES (p_updated_at, session_user::text, CASE WHEN p_deleted THEN 'delete' ELSE 'restore' END, p_id,
                    before_json, socialtime.entry_json(p_id), p_reason);
        """),
        // The import's checks, in one function a faster import path can call before it writes
        // (issue 21): the rows' people (their own only, for staff: `lock_person`), kept ids (a
        // manager's only), the actor named (the caller, unless a manager), closed weeks (staff
        // never; a manager with a reason).
        definer("check_import(p_has_ids boolean, p_staff_ids bigint[], p_dates text[], p_at text, p_actor text, p_reason text)", declare: """
            person bigint;
            day text;
            closed text;
        """, """
            FOR person IN SELECT DISTINCT p FROM unnest(p_staff_ids) AS p ORDER BY p LOOP
                PERFORM socialtime.lock_person(person, 'import entries');
            END LOOP;
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
        // The overlap check of an import's new rows, in one statement: a new timed row may not
        // overlap another live timed entry of its person (new or stored), unless exactly.
        definer("check_import_overlaps(p_ids bigint[])", declare: """
            hit record;
        """, """
            SELECT n.id AS new_id, o.id AS other_id INTO hit
            FROM socialtime.entries n
            JOIN socialtime.entries o ON o.staff_id = n.staff_id AND o.id <> n.id AND NOT o.deleted
                AND o.date BETWEEN to_char(n.date::date - 1, 'YYYY-MM-DD') AND to_char(n.date::date + 1, 'YYYY-MM-DD')
                AND o.started_at IS NOT NULL AND o.ended_at IS NOT NULL
                AND o.started_at::timestamptz < n.ended_at::timestamptz AND n.started_at::timestamptz < o.ended_at::timestamptz
                AND NOT (o.started_at::timestamptz = n.started_at::timestamptz AND o.ended_at::timestamptz = n.ended_at::timestamptz)
            WHERE n.id = ANY(p_ids) AND NOT n.deleted AND n.started_at IS NOT NULL AND n.ended_at IS NOT NULL
            ORDER BY n.id, o.id
            LIMIT 1;
            IF FOUND THEN
                PERFORM socialtime.check_overlap(hit.new_id, true);
            END IF;
        """),
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
            PERFORM socialtime.check_import_overlaps(new_ids);
            -- RETURNING gives the ids in the rows' order, which p_late_weeks follows.
            INSERT INTO socialtime.audit_log(at, actor, action, entry_id, before, after, late_week, reason)
            SELECT p_at, p_actor, 'import', i, NULL, NULL, w, p_reason
            FROM unnest(new_ids, coalesce(p_late_weeks, ARRAY[]::text[])) AS t(i, w) WHERE i IS NOT NULL ORDER BY i;
            RETURN QUERY SELECT i FROM unnest(new_ids) AS i ORDER BY i;
        """),
    ]

    static let v5Grants: [String] = [
        "REVOKE ALL ON FUNCTION socialtime.owner_name(), socialtime.closed_week(text, text), socialtime.require_open_week(text, text), socialtime.check_closed_week_reason(), socialtime.check_overlap(bigint, boolean), socialtime.check_restored_overlap(), socialtime.check_import(boolean, bigint[], text[], text, text, text), socialtime.check_import_overlaps(bigint[]) FROM PUBLIC",
        // is_owner() runs as the caller in the policies, so the caller may ask the owner's name.
        "GRANT EXECUTE ON FUNCTION socialtime.owner_name() TO socialtime_staff, socialtime_manager",
    ]
}
