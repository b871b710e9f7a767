-- The import floor for PostgreSQL: psql's \copy of the export into a plain table (no indexes),
-- then the same rows into socialtime's schema by plain SQL in one transaction — staff
-- registered, every entry with its indexes and the 24 h cap trigger, an audit row per entry —
-- without socialtime's per-row validation (an empty CSV field is NULL to \copy: the note gets '' back).
-- bench.sh substitutes @CSV@.
\set ON_ERROR_STOP 1
SET search_path = socialtime;
BEGIN;
CREATE TEMP TABLE import_rows (entry_id bigint, week text, date text, staff text, staff_name text, network text,
                               outcome text, minutes int, hours text, note text, logged_at text);
\copy import_rows FROM '@CSV@' WITH (FORMAT csv, HEADER)
INSERT INTO staff(handle, name, created_at)
SELECT staff, min(staff_name), '2026-11-27T10:00:00+00:00' FROM import_rows GROUP BY staff;
INSERT INTO entries(id, staff_id, date, minutes, network_id, outcome_id, note, logged_at)
SELECT r.entry_id, s.id, r.date, r.minutes, n.id, o.id, coalesce(r.note, ''), r.logged_at
FROM import_rows r JOIN staff s ON s.handle = r.staff JOIN networks n ON n.key = r.network
JOIN outcomes o ON o.key = r.outcome;
INSERT INTO audit_log(at, actor, action, entry_id, after)
SELECT e.logged_at, 'bench', 'import', e.id,
       json_build_object('date', e.date, 'minutes', e.minutes, 'note', e.note, 'deleted', false)::text
FROM entries e;
COMMIT;
