-- The benchmark history of scripts/bench/generate.sql, generated inside PostgreSQL in seconds:
-- the same 500 staff, the same spread of entries (the report week and its trend identical in
-- every history), an audit row per entry and a result per 50 entries. Run with psql as a
-- superuser on a database `socialtime db init` has just set up; bench.sh substitutes @ENTRIES@.
-- The 24 h cap trigger is off while the history is generated (it holds: no day nears 24 h) and
-- on again at the end, so the benchmarks time it.
\set ON_ERROR_STOP 1
SET synchronous_commit = off;
SET search_path = socialtime;
BEGIN;
ALTER TABLE entries DISABLE TRIGGER entries_day_cap_insert;

INSERT INTO staff(handle, name, role, created_at)
SELECT 's' || lpad(i::text, 3, '0'), 'Staff Member ' || lpad(i::text, 3, '0'),
       CASE WHEN i % 25 = 0 THEN 'manager' ELSE 'staff' END, '2024-11-01T08:00:00+01:00'
FROM generate_series(1, 500) i;

INSERT INTO entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at, deleted)
SELECT 1 + who, day,
       CASE WHEN length < 10 THEN 5 + length
            WHEN length < 40 THEN 15
            WHEN length < 60 THEN 30
            WHEN length < 75 THEN 45
            WHEN length < 88 THEN 60
            WHEN length < 95 THEN 90
            ELSE 120 END,
       CASE WHEN network < 40 THEN 3 WHEN network < 62 THEN 1 WHEN network < 77 THEN 2
            WHEN network < 87 THEN 4 ELSE 5 + network % 8 END,
       CASE WHEN outcome < 25 THEN 1 WHEN outcome < 45 THEN 2 WHEN outcome < 60 THEN 3
            WHEN outcome < 72 THEN 4 WHEN outcome < 84 THEN 5 ELSE 6 + outcome % 3 END,
       CASE WHEN note < 15 THEN format('Shared the job ad for position %s with my network', i % 97)
            WHEN note < 30 THEN format('Answered %s customer questions in comments', 1 + i % 9)
            WHEN note < 40 THEN 'Followed up on leads from the trade fair, "warm" ones first'
            WHEN note < 50 THEN format('Posted case story #%s; æøå and emoji 👍 included', i % 50)
            WHEN note < 60 THEN 'Monitored mentions of the brand and competitors'
            ELSE '' END,
       day || 'T16:30:00+01:00',
       i % 100 = 99
FROM (
    SELECT i,
           -- Day 333 is 2025-10-27: the history skips the 35 days of the report week and its trend.
           to_char(date '2024-11-28' + (off + CASE WHEN off >= 333 THEN 35 ELSE 0 END), 'YYYY-MM-DD') AS day,
           floor(random() * 500)::int AS who, floor(random() * 100)::int AS length,
           floor(random() * 100)::int AS network, floor(random() * 100)::int AS outcome,
           floor(random() * 100)::int AS note
    FROM (SELECT i, (i::bigint * 695 / (@ENTRIES@ - 7500))::int AS off FROM generate_series(0, @ENTRIES@ - 7500 - 1) i) spread
) draws;

INSERT INTO entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at)
SELECT 1 + (k * 7) % 500, to_char(date '2025-10-27' + k % 35, 'YYYY-MM-DD'), 15 + (k * 13) % 106,
       1 + (k * 5) % 12, 1 + (k * 3) % 8,
       CASE WHEN k % 3 = 0 THEN format('Week entry %s: answered questions, "quoted"; æøå', k) ELSE '' END,
       to_char(date '2025-10-27' + k % 35, 'YYYY-MM-DD') || 'T16:30:00+01:00'
FROM generate_series(0, 7499) k;

INSERT INTO audit_log(at, actor, action, entry_id, before, after)
SELECT e.logged_at, s.handle, 'create', e.id, NULL,
       json_build_object('date', e.date, 'minutes', e.minutes, 'network', n.key, 'outcome', o.key,
                         'note', e.note, 'deleted', false)::text
FROM entries e JOIN staff s ON s.id = e.staff_id JOIN networks n ON n.id = e.network_id
JOIN outcomes o ON o.id = e.outcome_id;

INSERT INTO results(staff_id, date, outcome_id, quantity, note, logged_at)
SELECT 1 + floor(random() * 500)::int, to_char(date '2024-11-28' + (i::bigint * 729 * 50 / @ENTRIES@)::int, 'YYYY-MM-DD'),
       1 + floor(random() * 3)::int, 1 + floor(random() * 5)::int, '', '2026-11-27T16:30:00+01:00'
FROM generate_series(0, @ENTRIES@ / 50) i;

ALTER TABLE entries ENABLE TRIGGER entries_day_cap_insert;
COMMIT;
ANALYZE;
