import SocialTimeCore

/// The database schema, versioned with `PRAGMA user_version`. Each migration takes the schema
/// from version `index` to `index + 1`; they run forward, in one transaction, never backward.
enum Schema {
    static var currentVersion: Int { migrations.count }

    static let migrations: [String] = [version1, version2, version3, version4, version5]

    /// A handle, key or week column is checked by the database too, so no writer can bypass the rules.
    private static let version1 = """
    CREATE TABLE staff (
        id         INTEGER PRIMARY KEY,
        handle     TEXT NOT NULL UNIQUE
                   CHECK (length(handle) BETWEEN 1 AND 32 AND handle NOT GLOB '*[^a-z0-9._-]*'),
        name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 400),
        role       TEXT NOT NULL DEFAULT 'staff' CHECK (role IN ('staff', 'manager')),
        active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE networks (
        id   INTEGER PRIMARY KEY,
        key  TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 32 AND key NOT GLOB '*[^a-z0-9._-]*'),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 400)
    ) STRICT;

    CREATE TABLE network_aliases (
        alias      TEXT PRIMARY KEY CHECK (length(alias) BETWEEN 1 AND 32 AND alias NOT GLOB '*[^a-z0-9._-]*'),
        network_id INTEGER NOT NULL REFERENCES networks(id)
    ) STRICT;

    CREATE TABLE outcomes (
        id          INTEGER PRIMARY KEY,
        key         TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 32 AND key NOT GLOB '*[^a-z0-9._-]*'),
        description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
        unit        TEXT CHECK (unit IS NULL OR length(unit) BETWEEN 1 AND 128),
        retired     INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
    ) STRICT;

    CREATE TABLE entries (
        id         INTEGER PRIMARY KEY,
        staff_id   INTEGER NOT NULL REFERENCES staff(id),
        date       TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        minutes    INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
        network_id INTEGER NOT NULL REFERENCES networks(id),
        outcome_id INTEGER NOT NULL REFERENCES outcomes(id),
        note       TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 8000),
        logged_at  TEXT NOT NULL,
        updated_at TEXT,
        deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        -- A foreign import's own stable row key, so re-importing a file adds nothing twice.
        import_key TEXT UNIQUE
    ) STRICT;
    -- The week's report reads one date range; per person it reads one person's dates.
    CREATE INDEX entries_by_date ON entries(date);
    CREATE INDEX entries_by_staff_date ON entries(staff_id, date);

    CREATE TABLE results (
        id         INTEGER PRIMARY KEY,
        staff_id   INTEGER NOT NULL REFERENCES staff(id),
        date       TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        outcome_id INTEGER NOT NULL REFERENCES outcomes(id),
        quantity   INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
        note       TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 8000),
        logged_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX results_by_date ON results(date);

    -- One current justification per person and week; every earlier text stays in the history.
    CREATE TABLE justifications (
        id             INTEGER PRIMARY KEY,
        staff_id       INTEGER NOT NULL REFERENCES staff(id),
        week           TEXT NOT NULL CHECK (week GLOB '[0-9][0-9][0-9][0-9]-W[0-5][0-9]'),
        text           TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 16000),
        status         TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'rejected')),
        submitted_at   TEXT NOT NULL,
        reviewed_by    INTEGER REFERENCES staff(id),
        reviewed_at    TEXT,
        review_comment TEXT,
        UNIQUE (staff_id, week)
    ) STRICT;
    CREATE INDEX justifications_by_week ON justifications(week);

    CREATE TABLE justification_history (
        id               INTEGER PRIMARY KEY,
        justification_id INTEGER NOT NULL REFERENCES justifications(id),
        text             TEXT NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'rejected')),
        comment          TEXT,
        changed_by       INTEGER NOT NULL REFERENCES staff(id),
        changed_at       TEXT NOT NULL
    ) STRICT;

    -- Every change to an entry, as JSON snapshots before and after.
    CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL CHECK (action IN ('create', 'edit', 'delete', 'restore', 'import')),
        entry_id  INTEGER NOT NULL REFERENCES entries(id),
        before    TEXT,
        after     TEXT
    ) STRICT;
    CREATE INDEX audit_log_by_entry ON audit_log(entry_id);

    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    """

    /// Who may do what, dated thresholds, reviews that cover what they saw, e-mail addresses,
    /// timers, and results that can be corrected (audited like entries).
    private static let version2 = """
    ALTER TABLE staff ADD COLUMN email TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254);
    ALTER TABLE entries ADD COLUMN started_at TEXT;
    ALTER TABLE entries ADD COLUMN ended_at TEXT;
    ALTER TABLE justifications ADD COLUMN reviewed_minutes INTEGER CHECK (reviewed_minutes IS NULL OR reviewed_minutes >= 0);
    ALTER TABLE results ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1));
    ALTER TABLE results ADD COLUMN updated_at TEXT;
    CREATE INDEX results_by_staff_date ON results(staff_id, date);

    -- The threshold of week W is the row with the greatest from_week <= W (default 5 h): a change
    -- applies from its week on and never re-judges an earlier one.
    CREATE TABLE thresholds (
        from_week TEXT PRIMARY KEY CHECK (from_week GLOB '[0-9][0-9][0-9][0-9]-W[0-5][0-9]'),
        minutes   INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 10080),
        set_at    TEXT NOT NULL,
        set_by    TEXT NOT NULL
    ) STRICT;
    -- A threshold set before thresholds were dated applied to every week; it still does.
    INSERT INTO thresholds(from_week, minutes, set_at, set_by)
        SELECT '1999-W52', CAST(value AS INTEGER), '', 'migration' FROM settings WHERE key = 'threshold_minutes';
    DELETE FROM settings WHERE key = 'threshold_minutes';

    CREATE TABLE timers (
        staff_id   INTEGER PRIMARY KEY REFERENCES staff(id),
        network_id INTEGER NOT NULL REFERENCES networks(id),
        outcome_id INTEGER NOT NULL REFERENCES outcomes(id),
        note       TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 8000),
        started_at TEXT NOT NULL
    ) STRICT;

    -- The audit log covers results as well as entries: exactly one of the two is named.
    CREATE TABLE audit_log_v2 (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL CHECK (action IN ('create', 'edit', 'delete', 'restore', 'import')),
        entry_id  INTEGER REFERENCES entries(id),
        result_id INTEGER REFERENCES results(id),
        before    TEXT,
        after     TEXT,
        CHECK ((entry_id IS NULL) <> (result_id IS NULL))
    ) STRICT;
    INSERT INTO audit_log_v2(id, at, actor, action, entry_id, before, after)
        SELECT id, at, actor, action, entry_id, before, after FROM audit_log;
    DROP TABLE audit_log;
    ALTER TABLE audit_log_v2 RENAME TO audit_log;
    CREATE INDEX audit_log_by_entry ON audit_log(entry_id);
    CREATE INDEX audit_log_by_result ON audit_log(result_id);
    """

    /// Late changes and closed weeks: an audit row names the ended week it changed (decided by
    /// the rulebook from its clock when the change is made), so a week's late changes are one
    /// indexed lookup; and a manager's change in a closed week carries its `--reason`.
    private static let version3 = """
    ALTER TABLE audit_log ADD COLUMN reason TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 2000);
    ALTER TABLE audit_log ADD COLUMN late_week TEXT CHECK (late_week IS NULL OR late_week GLOB '[0-9][0-9][0-9][0-9]-W[0-5][0-9]');
    CREATE INDEX audit_log_late_by_week ON audit_log(late_week, entry_id) WHERE late_week IS NOT NULL;
    """

    /// Ids are never reused, also after an erasure or a prune: without AUTOINCREMENT SQLite gives
    /// a new row the highest id + 1, so deleting the newest entries (an erasure, a prune) handed
    /// their ids to the next ones — anna's next entry got an erased person's id, and an export or
    /// audit trail naming #41 then meant two different entries. The tables are rebuilt with
    /// AUTOINCREMENT (SQLite's documented twelve steps, run with foreign keys off by `migrate`,
    /// which checks them before committing); `sqlite_sequence` starts at the highest id kept.
    private static let version4 = """
    CREATE TABLE entries_v4 (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        staff_id   INTEGER NOT NULL REFERENCES staff(id),
        date       TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        minutes    INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
        network_id INTEGER NOT NULL REFERENCES networks(id),
        outcome_id INTEGER NOT NULL REFERENCES outcomes(id),
        note       TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 8000),
        logged_at  TEXT NOT NULL,
        updated_at TEXT,
        deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        import_key TEXT UNIQUE,
        started_at TEXT,
        ended_at   TEXT
    ) STRICT;
    INSERT INTO entries_v4(id, staff_id, date, minutes, network_id, outcome_id, note, logged_at, updated_at, deleted, import_key, started_at, ended_at)
        SELECT id, staff_id, date, minutes, network_id, outcome_id, note, logged_at, updated_at, deleted, import_key, started_at, ended_at FROM entries;
    DROP TABLE entries;
    ALTER TABLE entries_v4 RENAME TO entries;
    CREATE INDEX entries_by_date ON entries(date);
    CREATE INDEX entries_by_staff_date ON entries(staff_id, date);

    CREATE TABLE results_v4 (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        staff_id   INTEGER NOT NULL REFERENCES staff(id),
        date       TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        outcome_id INTEGER NOT NULL REFERENCES outcomes(id),
        quantity   INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
        note       TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 8000),
        logged_at  TEXT NOT NULL,
        deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        updated_at TEXT
    ) STRICT;
    INSERT INTO results_v4(id, staff_id, date, outcome_id, quantity, note, logged_at, deleted, updated_at)
        SELECT id, staff_id, date, outcome_id, quantity, note, logged_at, deleted, updated_at FROM results;
    DROP TABLE results;
    ALTER TABLE results_v4 RENAME TO results;
    CREATE INDEX results_by_date ON results(date);
    CREATE INDEX results_by_staff_date ON results(staff_id, date);
    """

    /// Nobody's justification is reviewed by its own person, whatever writes the row (the
    /// rulebook already refuses it; an erasure handed a reviewer as stand-in did not): the same
    /// rule as PostgreSQL's CHECK `justifications_reviewer_is_not_the_person`, as triggers
    /// because SQLite adds a CHECK only by rebuilding the table.
    private static let version5 = """
    CREATE TRIGGER IF NOT EXISTS justifications_reviewer_is_not_the_person_insert BEFORE INSERT ON justifications
    WHEN NEW.reviewed_by = NEW.staff_id
    BEGIN SELECT RAISE(ABORT, 'justifications_reviewer_is_not_the_person: a justification is never reviewed by its own person'); END;
    CREATE TRIGGER IF NOT EXISTS justifications_reviewer_is_not_the_person_update BEFORE UPDATE OF reviewed_by, staff_id ON justifications
    WHEN NEW.reviewed_by = NEW.staff_id
    BEGIN SELECT RAISE(ABORT, 'justifications_reviewer_is_not_the_person: a justification is never reviewed by its own person'); END;
    """
}
