-- After `.import --csv FILE import_rows`: the same rows put into socialtime's schema by plain SQL
-- in one transaction — staff registered, every entry with its indexes, an audit row per entry —
-- but without per-row validation. A second floor for `import`, closer in work than `.import` alone.
BEGIN;
INSERT INTO staff(handle, name, created_at)
SELECT staff, min(staff_name), '2026-11-27T10:00:00+00:00' FROM import_rows GROUP BY staff;
INSERT INTO entries(id, staff_id, date, minutes, network_id, outcome_id, note, logged_at)
SELECT r.entry_id, s.id, r.date, r.minutes, n.id, o.id, r.note, r.logged_at
FROM import_rows r JOIN staff s ON s.handle = r.staff JOIN networks n ON n.key = r.network
JOIN outcomes o ON o.key = r.outcome;
INSERT INTO audit_log(at, actor, action, entry_id, after)
SELECT e.logged_at, 'bench', 'import', e.id,
       json_object('date', e.date, 'minutes', e.minutes, 'note', e.note, 'deleted', json('false'))
FROM entries e;
COMMIT;
