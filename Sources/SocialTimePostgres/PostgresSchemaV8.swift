/// Migration 8: the audit log names its entries without locking each one (issue 19, item 7).
///
/// The foreign key audit_log(entry_id) → entries checked every new audit row on its own, with
/// `SELECT … FOR KEY SHARE` of the entry: a row lock, and a WAL record, per audit row. On an
/// import, where every entry gets an audit row, that was more than half of the audit log's cost
/// (100,000 audit rows: 1.36 s with the key, 0.59 s without). The same rule now holds per
/// statement, in both directions, through triggers that see all of a statement's rows at once:
///
/// - `audit_log_names_entries`: an audit row inserted or changed names an entry that exists
///   (23503, as the key: "audit row names no entry #…").
/// - `entries_stay_audited`: an entry that audit rows name is not deleted (nor its id changed)
///   while they are there; `erase_person` and `prune_before` delete the audit rows first, as
///   they had to with the key. TRUNCATE of entries is refused while any audit row names one.
///
/// What the key's lock guarded against — the entry deleted by another transaction between the
/// check and the commit — cannot happen here: an audit row is written in the same transaction as
/// the change to its entry, by the function that locked the entry's person and the entry itself,
/// and the only functions that delete entries lock the same person first. Results keep their
/// foreign key: a result's audit rows are one per result change, never a bulk.
extension PostgresSchema {
    static let version8: [String] = [
        "ALTER TABLE socialtime.audit_log DROP CONSTRAINT audit_log_entry_id_fkey",
        // Each entry looked up through the primary key (LATERAL … LIMIT 1): a batch of an import
        // names thousands, and a join could be planned as a scan of every entry per statement.
        definer("check_audit_entries()", returns: "trigger", declare: """
            missing bigint;
        """, """
            SELECT n.entry_id INTO missing FROM named n
            LEFT JOIN LATERAL (SELECT true AS found FROM socialtime.entries e WHERE e.id = n.entry_id LIMIT 1) f ON true
            WHERE n.entry_id IS NOT NULL AND f.found IS NULL
            ORDER BY n.entry_id LIMIT 1;
            IF FOUND THEN
                RAISE EXCEPTION 'audit row names no entry #%', missing
                    USING ERRCODE = 'foreign_key_violation', TABLE = 'audit_log', SCHEMA = 'socialtime';
            END IF;
            RETURN NULL;
        """),
        definer("check_entries_audited()", returns: "trigger", declare: """
            named bigint;
        """, """
            IF TG_OP = 'TRUNCATE' THEN
                IF EXISTS (SELECT 1 FROM socialtime.audit_log a WHERE a.entry_id IS NOT NULL) THEN
                    RAISE EXCEPTION 'entries are named by the audit log: delete their audit rows first'
                        USING ERRCODE = 'foreign_key_violation', TABLE = 'entries', SCHEMA = 'socialtime';
                END IF;
                RETURN NULL;
            END IF;
            SELECT o.id INTO named FROM gone o
            CROSS JOIN LATERAL (SELECT 1 FROM socialtime.audit_log a WHERE a.entry_id = o.id LIMIT 1) a
            WHERE NOT EXISTS (SELECT 1 FROM socialtime.entries e WHERE e.id = o.id)
            ORDER BY o.id LIMIT 1;
            IF FOUND THEN
                RAISE EXCEPTION 'entry #% is named by the audit log: delete its audit rows first', named
                    USING ERRCODE = 'foreign_key_violation', TABLE = 'entries', SCHEMA = 'socialtime';
            END IF;
            RETURN NULL;
        """),
        """
        CREATE TRIGGER audit_log_names_entries AFTER INSERT ON socialtime.audit_log
        REFERENCING NEW TABLE AS named FOR EACH STATEMENT EXECUTE FUNCTION socialtime.check_audit_entries()
        """,
        """
        CREATE TRIGGER audit_log_names_entries_update AFTER UPDATE ON socialtime.audit_log
        REFERENCING NEW TABLE AS named FOR EACH STATEMENT EXECUTE FUNCTION socialtime.check_audit_entries()
        """,
        """
        CREATE TRIGGER entries_stay_audited AFTER DELETE ON socialtime.entries
        REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION socialtime.check_entries_audited()
        """,
        """
        CREATE TRIGGER entries_stay_audited_update AFTER UPDATE ON socialtime.entries
        REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION socialtime.check_entries_audited()
        """,
        """
        CREATE TRIGGER entries_stay_audited_truncate BEFORE TRUNCATE ON socialtime.entries
        FOR EACH STATEMENT EXECUTE FUNCTION socialtime.check_entries_audited()
        """,
        "REVOKE ALL ON FUNCTION socialtime.check_audit_entries(), socialtime.check_entries_audited() FROM PUBLIC",
    ]
}
