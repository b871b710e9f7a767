-- A realistic company history for the benchmarks, generated inside SQLite in seconds.
-- Run with the sqlite3 CLI on a database whose schema socialtime has just created; the shell
-- script substitutes @ENTRIES@ (how many entries) before running it.
-- 500 staff (every 25th a manager), two years of work days ending 2026-11-27, entries spread
-- over the days in logging order, with the networks, outcomes, minutes and notes weighted the way
-- a company's social-media hours fall: mostly LinkedIn and Facebook, mostly short sessions.
-- The report week, 2025-W48 (2025-11-24 … 30), and the four weeks of its trend before it hold the
-- same 7,500 entries in every history, made from their row number rather than random(), so that
-- histories of different sizes differ only in the rest: the report's time must not grow with it.
PRAGMA synchronous = OFF;
PRAGMA foreign_keys = ON;
BEGIN;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
INSERT INTO staff(handle, name, role, created_at)
SELECT printf('s%03d', i), printf('Staff Member %03d', i),
       CASE WHEN i % 25 = 0 THEN 'manager' ELSE 'staff' END, '2024-11-01T08:00:00+01:00'
FROM n;

WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @ENTRIES@ - 7500 - 1),
spread AS (SELECT i, i * 695 / (@ENTRIES@ - 7500) AS offset FROM n),
draws AS (
    SELECT i,
           -- Day 333 is 2025-10-27: the history skips the 35 days of the report week and its trend.
           date('2024-11-28', '+' || (offset + CASE WHEN offset >= 333 THEN 35 ELSE 0 END) || ' days') AS day,
           abs(random()) % 500 AS who,
           abs(random()) % 100 AS length,
           abs(random()) % 100 AS network,
           abs(random()) % 100 AS outcome,
           abs(random()) % 100 AS note
    FROM spread
)
INSERT INTO entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at, deleted)
SELECT 1 + who,
       day,
       CASE WHEN length < 10 THEN 5 + length
            WHEN length < 40 THEN 15
            WHEN length < 60 THEN 30
            WHEN length < 75 THEN 45
            WHEN length < 88 THEN 60
            WHEN length < 95 THEN 90
            ELSE 120 END,
       -- networks in seed order: 1 facebook, 2 instagram, 3 linkedin, 4 x, 5 tiktok, 6 youtube …
       CASE WHEN network < 40 THEN 3 WHEN network < 62 THEN 1 WHEN network < 77 THEN 2
            WHEN network < 87 THEN 4 ELSE 5 + network % 8 END,
       -- outcomes in seed order: 1 recruiting, 2 customer-service, 3 sales-leads, 4 brand-awareness …
       CASE WHEN outcome < 25 THEN 1 WHEN outcome < 45 THEN 2 WHEN outcome < 60 THEN 3
            WHEN outcome < 72 THEN 4 WHEN outcome < 84 THEN 5 ELSE 6 + outcome % 3 END,
       CASE WHEN note < 15 THEN printf('Shared the job ad for position %d with my network', i % 97)
            WHEN note < 30 THEN printf('Answered %d customer questions in comments', 1 + i % 9)
            WHEN note < 40 THEN 'Followed up on leads from the trade fair, "warm" ones first'
            WHEN note < 50 THEN printf('Posted case story #%d; æøå and emoji 👍 included', i % 50)
            WHEN note < 60 THEN 'Monitored mentions of the brand and competitors'
            ELSE '' END,
       day || 'T16:30:00+01:00',
       CASE WHEN i % 100 = 99 THEN 1 ELSE 0 END
FROM draws;

-- The report week and its trend: 7,500 entries over 2025-10-27 … 2025-11-30, the same in every history.
WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 7499)
INSERT INTO entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at)
SELECT 1 + (k * 7) % 500, date('2025-10-27', '+' || (k % 35) || ' days'), 15 + (k * 13) % 106,
       1 + (k * 5) % 12, 1 + (k * 3) % 8,
       CASE WHEN k % 3 = 0 THEN printf('Week entry %d: answered questions, "quoted"; æøå', k) ELSE '' END,
       date('2025-10-27', '+' || (k % 35) || ' days') || 'T16:30:00+01:00'
FROM n;

-- Every entry has its audit row, as `log` writes it.
INSERT INTO audit_log(at, actor, action, entry_id, before, after)
SELECT e.logged_at, s.handle, 'create', e.id, NULL,
       json_object('date', e.date, 'minutes', e.minutes, 'network', n.key, 'outcome', o.key,
                   'note', e.note, 'deleted', json('false'))
FROM entries e JOIN staff s ON s.id = e.staff_id JOIN networks n ON n.id = e.network_id
JOIN outcomes o ON o.id = e.outcome_id;

-- Some achieved results, so outcomes have something to divide by.
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @ENTRIES@ / 50)
INSERT INTO results(staff_id, date, outcome_id, quantity, note, logged_at)
SELECT 1 + abs(random()) % 500, date('2024-11-28', '+' || (i * 730 * 50 / @ENTRIES@) || ' days'),
       1 + abs(random()) % 3, 1 + abs(random()) % 5, '', '2026-11-27T16:30:00+01:00'
FROM n;

COMMIT;
ANALYZE;
